"""--format on every view, brief export to every format, and brief schema."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from briefcli.briefformat import BRIEF, brief_schema
from briefcli.errors import BriefFileError
from briefcli.loader import load_brief, parse_brief
from briefcli.paths import default_brief_path
from briefcli.yamlio import dump as yaml_text
from conftest import HERE, Runner, golden

SAMPLE = HERE / "data" / "formats-sample.yaml"

# -- golden files ---------------------------------------------------------------------------

SHIPPED_CASES = [
    (("show", "4-2"), "show-4-2"),
    (("show", "section", "4"), "show-4"),
    (("glossary",), "glossary"),
    (("glossary", "strom corps"), "glossary-term"),
    (("timeline", "--since", "2024"), "timeline-2024"),
    (("summary",), "summary"),
    (("summary", "--section", "4"), "summary-section-4"),
    ((), "overview"),
]
EXTENSIONS = {"text": "txt", "markdown": "md", "json": "json", "yaml": "yaml"}


@pytest.mark.parametrize("fmt", list(EXTENSIONS))
@pytest.mark.parametrize(("args", "name"), SHIPPED_CASES)
def test_each_view_in_each_format_matches_golden(
    brief: Runner, args: tuple[str, ...], name: str, fmt: str
) -> None:
    result = brief(*args, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    # The overview names the brief file read, which is wherever brief is installed.
    out = result.stdout.replace(str(default_brief_path()), "SHIPPED/nk-russia-troops-2025.yaml")
    golden(f"formats/{name}.{EXTENSIONS[fmt]}", out)


@pytest.mark.parametrize("fmt", [*EXTENSIONS, "html"])
def test_export_of_the_sample_matches_golden(brief: Runner, fmt: str) -> None:
    result = brief("export", "--brief", str(SAMPLE), "--format", fmt)
    assert result.exit_code == 0, result.stderr
    golden(f"formats/sample-export.{EXTENSIONS.get(fmt, fmt)}", result.stdout)


def test_typeset_with_colour_forced_matches_golden(brief: Runner) -> None:
    result = brief("show", "2", "--brief", str(SAMPLE), "--color", "always", "--width", "60")
    assert "\x1b[" in result.stdout
    golden("formats/sample-show-2.ansi", result.stdout)


# -- the data shapes ------------------------------------------------------------------------


def key_paths(value: Any, prefix: str = "") -> set[str]:
    """Every key path in nested data: 'section.subsections[].id'."""
    out: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            out.add(prefix + key)
            out |= key_paths(item, prefix + key + ".")
    elif isinstance(value, list):
        for item in value:
            out |= key_paths(item, prefix[:-1] + "[].")
    return out


BRIEF_REF = {"brief", "brief.id", "brief.title"}
PINNED: dict[tuple[str, ...], set[str]] = {
    ("show", "4"): BRIEF_REF
    | {"schema_version", "view", "section"}
    | {f"section.{k}" for k in ("id", "title", "part_of", "role", "paragraphs", "key_points")}
    | {"section.key_points_origin", "section.notes", "section.notes[].text"}
    | {"section.notes[].origin"}
    | {"section.subsections"}
    | {f"section.subsections[].{k}" for k in ("id", "title", "paragraphs")},
    ("show", "4-2"): BRIEF_REF
    | {"schema_version", "view", "section"}
    | {f"section.{k}" for k in ("id", "title", "part_of", "role", "paragraphs", "key_points")}
    | {"section.key_points_origin", "section.notes", "section.notes[].text"}
    | {"section.notes[].origin"}
    | {"section.subsections"},
    ("glossary",): BRIEF_REF
    | {"schema_version", "view", "terms"}
    | {f"terms[].{k}" for k in ("term", "category", "definition", "aliases", "origin", "used_in")},
    ("glossary", "storm corps"): BRIEF_REF
    | {"schema_version", "view", "query", "corrected", "term"}
    | {f"term.{k}" for k in ("term", "category", "definition", "aliases", "origin", "used_in")},
    ("timeline",): BRIEF_REF
    | {"schema_version", "view", "since", "until", "events"}
    | {f"events[].{k}" for k in ("date", "display", "precision", "event", "sections", "origin")},
    ("summary",): BRIEF_REF | {"schema_version", "view", "section", "origin", "paragraphs"},
    ("summary", "--section", "4"): BRIEF_REF
    | {"schema_version", "view", "section", "origin", "key_points"},
    (): {"schema_version", "view", "brief", "depth", "reading", "contents"}
    | {f"reading.{k}" for k in ("words", "minutes", "words_per_minute")}
    | {f"contents[].{k}" for k in ("id", "title", "words", "minutes", "subsections")}
    | {f"contents[].subsections[].{k}" for k in ("id", "title", "words", "minutes")}
    | {f"brief.{k}" for k in ("id", "title", "kind", "date", "publisher", "source", "path")},
    ("config",): {"schema_version", "view", "config_file", "settings"}
    | {"config_file.path", "config_file.exists"}
    | {"settings." + name for name in ("width", "color", "pager", "brief")}
    | {
        f"settings.{name}.{k}"
        for name in ("width", "color", "pager", "brief")
        for k in ("value", "from", "source")
    },
}


@pytest.mark.parametrize("args", list(PINNED), ids=lambda a: " ".join(a) or "overview")
def test_json_keys_are_pinned(brief: Runner, args: tuple[str, ...]) -> None:
    """Scripts rely on these keys: a change here needs a schema_version bump and a note."""
    data = json.loads(brief(*args, "--format", "json").stdout)
    assert list(data)[:2] == ["schema_version", "view"]
    assert data["schema_version"] == 2
    assert "kind" not in data  # version 2: 'kind' is only ever the report's kind
    assert key_paths(data) == PINNED[args]


def test_export_json_is_the_brief_file_format(brief: Runner) -> None:
    data = json.loads(brief("export", "--format", "json").stdout)
    assert data["schema_version"] == 1
    assert set(data) <= set(BRIEF.allowed_keys())
    assert data["kind"] == "General Report"  # the report's kind, as in the brief file
    validate(data, brief_schema())


@pytest.mark.parametrize("args", [*PINNED, ("export",)], ids=lambda a: " ".join(a) or "overview")
def test_yaml_holds_the_same_data_as_json(brief: Runner, args: tuple[str, ...]) -> None:
    as_json = json.loads(brief(*args, "--format", "json").stdout)
    as_yaml = yaml.safe_load(brief(*args, "--format", "yaml").stdout)
    assert as_yaml == as_json


def test_unsafe_characters_stay_escaped_and_lossless(brief: Runner) -> None:
    out_json = brief("show", "2-1", "-b", str(SAMPLE), "-f", "json").stdout
    out_yaml = brief("show", "2-1", "-b", str(SAMPLE), "-f", "yaml").stdout
    for out in (out_json, out_yaml):
        assert "\x1b" not in out and "\u202e" not in out
    expected = "An escape \x1b[31mred\x1b[0m and a right-to-left override \u202egnirts\u202c"
    assert json.loads(out_json)["section"]["paragraphs"][0].startswith(expected)
    assert yaml.safe_load(out_yaml)["section"]["paragraphs"][0].startswith(expected)


# -- YAML export round trip ----------------------------------------------------------------


@pytest.mark.parametrize("path", [default_brief_path(), SAMPLE], ids=["shipped", "sample"])
def test_yaml_export_loads_back_to_the_same_brief(
    brief: Runner, tmp_path: Path, path: Path
) -> None:
    exported = brief("export", "--brief", str(path), "--format", "yaml").stdout
    assert parse_brief(exported, "export.yaml") == load_brief(path)
    copy = tmp_path / "b.yaml"
    copy.write_text(exported, encoding="utf-8")
    for args in (("show", "section", "4"), ("glossary",), ("timeline",), ("export",)):
        if path == SAMPLE and args[0] == "show":
            args = ("show", "2")
        again = brief(*args, "--brief", str(copy)).stdout
        assert again == brief(*args, "--brief", str(path)).stdout


def test_shipped_brief_is_exactly_its_own_yaml_export(brief: Runner) -> None:
    exported = brief("export", "--format", "yaml").stdout
    assert exported == default_brief_path().read_text(encoding="utf-8")


# Text as a brief may hold it: anything printable or not, quotes, YAML words, line breaks.
_TEXT = st.text(min_size=1, max_size=40).filter(lambda t: t.strip() != "")


@settings(max_examples=150, deadline=None)
@given(title=_TEXT, paragraphs=st.lists(_TEXT, min_size=1, max_size=3), term=_TEXT)
def test_any_text_round_trips_through_yaml(title: str, paragraphs: list[str], term: str) -> None:
    data = {
        "schema_version": 1,
        "id": "x",
        "title": title,
        "sections": [{"id": "1", "title": title, "paragraphs": paragraphs}],
        "glossary": [{"term": term, "category": "c", "definition": title}],
    }
    text = yaml_text(data)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e]", text)
    loaded = parse_brief(text, "h.yaml")
    assert loaded.meta.title == title
    assert loaded.sections[0].paragraphs == tuple(paragraphs)
    assert loaded.glossary[0].term == term


# -- Markdown ------------------------------------------------------------------------------


def test_markdown_headings_by_level_with_ids_and_no_anchors(brief: Runner) -> None:
    out = brief("export", "--format", "markdown").stdout
    headings = [line for line in out.splitlines() if line.startswith("#")]
    assert headings[0].startswith("# North Korea's Troop Deployment")
    assert "\n## 4. Current Developments" in out
    assert "\n### 4-2. Timeline of troop movements" in out
    for level in ("## ", "### "):
        assert any(h.startswith(level) for h in headings)
    assert "#### " not in out
    # Nothing links to anchors in Markdown, and viewers without HTML would show them.
    assert "<a id=" not in out
    # A section on its own starts at the top level.
    shown = brief("show", "4", "--format", "markdown").stdout
    assert shown.startswith("# 4. Current Developments")
    assert "←" not in shown and "→" not in shown  # the footer is for terminals


def test_markdown_glossary_is_a_definition_list_and_timeline_a_table(brief: Runner) -> None:
    glossary = brief("glossary", "--format", "markdown").stdout.splitlines()
    assert glossary[0] == "- **Storm Corps** *(Concept)*\\"
    assert glossary[1].startswith("  A specialized unit within the North Korean military")
    assert glossary[2] == "  *Used in:* 2-1, 4-1"
    timeline = brief("timeline", "--format", "markdown").stdout.splitlines()
    assert timeline[:2] == ["| Date | Section | Event |", "|---|---|---|"]
    assert all(line.count(" | ") == 2 for line in timeline[2:] if line.startswith("|"))


def test_markdown_escapes_markup_in_the_text(brief: Runner) -> None:
    out = brief("export", "--brief", str(SAMPLE), "--format", "markdown").stdout
    assert r"\<script\>" in out and "<script>" not in out
    assert "1\\. This paragraph" in out and "\\- This one" in out
    assert r"| A range \| with a pipe. |" in out


# -- HTML ----------------------------------------------------------------------------------


class _Page(HTMLParser):
    """Collects what matters for a self-contained page: tags, ids, links and resources."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.resources: list[tuple[str, str]] = []
        self.open: list[str] = []
        self.mismatched: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.ids.append(values["id"])
        if "href" in values:
            self.hrefs.append(values["href"])
        for name in ("src", "srcset", "data", "action", "background", "poster"):
            if name in values:
                self.resources.append((tag, name))
        if any(name.startswith("on") for name in values):
            self.resources.append((tag, "on*"))
        if tag not in ("meta", "br", "link", "img", "hr", "input"):
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        top = self.open.pop() if self.open else ""
        if top != tag:
            self.mismatched.append((top, tag))


def _page(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


@pytest.mark.parametrize("path", [default_brief_path(), SAMPLE], ids=["shipped", "sample"])
def test_html_is_self_contained_and_every_link_lands(brief: Runner, path: Path) -> None:
    out = brief("export", "--brief", str(path), "--format", "html").stdout
    page = _page(out)
    assert out.startswith("<!DOCTYPE html>")
    assert page.open == [] and page.mismatched == []
    assert not {"script", "link", "img", "iframe", "object", "embed", "base"} & set(page.tags)
    assert page.resources == []
    assert "@import" not in out and "url(" not in out
    assert "default-src 'none'" in out
    assert len(page.ids) == len(set(page.ids))
    assert page.hrefs and all(h.startswith("#") and h[1:] in page.ids for h in page.hrefs)
    loaded = load_brief(path)
    subsections = [u.id for s in loaded.sections for u in s.subsections]
    for section_id in [s.id for s in loaded.sections] + subsections:
        assert f"#section-{section_id}" in page.hrefs
    for part in ("glossary", "timeline"):
        assert f"#{part}" in page.hrefs


def test_html_escapes_all_text(brief: Runner) -> None:
    out = brief("export", "--brief", str(SAMPLE), "--format", "html").stdout
    assert "<title>Sample &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; *Report*" in out
    assert "&lt;b&gt;tags&lt;/b&gt;" in out and "<b>" not in out
    assert "\\x1b[31mred" in out and "\x1b" not in out and "\u202e" not in out
    assert "<dt>Kind</dt><dd>Test Brief</dd>" in out


# -- brief export -o ---------------------------------------------------------------------------


def test_export_to_a_file_never_clobbers_without_force(brief: Runner, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "report.html"
    first = brief("export", "-o", str(target))
    assert first.exit_code == 0 and first.stdout == "" and first.stderr == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")  # from the name
    target.write_text("keep me", encoding="utf-8")
    again = brief("export", "-o", str(target))
    assert again.exit_code == 2
    assert again.stderr == f"brief: error: {target} exists; use --force to replace it\n"
    assert target.read_text(encoding="utf-8") == "keep me"
    forced = brief("export", "-o", str(target), "--force", "--format", "markdown")
    assert forced.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# North Korea's")
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.html"]  # no temp files


@pytest.mark.parametrize(
    ("name", "start"),
    [("b.md", "# "), ("b.json", "{"), ("b.yml", "schema_version: 1"), ("b.txt", "North"),
     ("b.HTML", "<!DOCTYPE")],
)  # fmt: skip
def test_export_format_follows_the_file_name(
    brief: Runner, tmp_path: Path, name: str, start: str
) -> None:
    assert brief("export", "-o", str(tmp_path / name)).exit_code == 0
    text = (tmp_path / name).read_text(encoding="utf-8")
    assert text.startswith(start) and "\x1b" not in text


def test_export_to_a_file_is_plain_even_with_colour_forced(brief: Runner, tmp_path: Path) -> None:
    target = tmp_path / "r.txt"
    assert brief("export", "-o", str(target), "--color", "always").exit_code == 0
    assert "\x1b" not in target.read_text(encoding="utf-8")


def test_export_dash_is_stdout_and_group_format_applies(brief: Runner) -> None:
    result = brief("--format", "json", "export", "-o", "-")
    assert json.loads(result.stdout)["id"] == "nk-russia-troops-2025"


def test_html_is_only_for_export(brief: Runner) -> None:
    result = brief("show", "4", "--format", "html")
    assert result.exit_code == 2
    assert "'html' is not one of 'text', 'markdown', 'json', 'yaml'" in result.stderr


def test_explicit_text_is_plain_even_with_colour_forced(brief: Runner) -> None:
    out = brief("show", "4-2", "--format", "text", "--color", "always").stdout
    assert "\x1b" not in out and out.startswith("4-2. Timeline")


# -- brief schema ------------------------------------------------------------------------------


def validate(data: Any, schema: dict[str, Any], root: dict[str, Any] | None = None) -> list[str]:
    """A small JSON Schema (2020-12) checker for the keywords brief's schema uses."""
    root = root or schema
    errors: list[str] = []
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        errors += validate(data, root["$defs"][name], root)
    if "anyOf" in schema and all(validate(data, s, root) for s in schema["anyOf"]):
        errors.append(f"{data!r} matches none of anyOf")
    if "oneOf" in schema and sum(not validate(data, s, root) for s in schema["oneOf"]) != 1:
        errors.append(f"{data!r} matches not exactly one of oneOf")
    if "enum" in schema and data not in schema["enum"]:
        errors.append(f"{data!r} not in {schema['enum']}")
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        checks = {
            "string": lambda v: isinstance(v, str),
            "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
            "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
            "boolean": lambda v: isinstance(v, bool),
            "object": lambda v: isinstance(v, dict),
            "array": lambda v: isinstance(v, list),
        }
        if not any(checks[t](data) for t in types):
            return [*errors, f"{data!r} is not {types}"]
    if isinstance(data, str):
        if len(data) < schema.get("minLength", 0) or len(data) > schema.get("maxLength", 10**9):
            errors.append(f"{data!r} has the wrong length")
        if "pattern" in schema and not re.search(schema["pattern"], data):
            errors.append(f"{data!r} does not match {schema['pattern']}")
    number = isinstance(data, int) and not isinstance(data, bool)
    if number and not schema.get("minimum", data) <= data <= schema.get("maximum", data):
        errors.append(f"{data!r} out of range")
    if isinstance(data, list):
        if len(data) < schema.get("minItems", 0) or len(data) > schema.get("maxItems", 10**9):
            errors.append("wrong number of items")
        for item in data:
            errors += validate(item, schema.get("items", {}), root)
    if isinstance(data, dict):
        errors += [f"missing {k!r}" for k in schema.get("required", []) if k not in data]
        properties = schema.get("properties", {})
        for key, value in data.items():
            if key in properties:
                errors += validate(value, properties[key], root)
            elif schema.get("additionalProperties") is False:
                errors.append(f"unknown key {key!r}")
    return errors


def test_schema_command_prints_the_schema(brief: Runner) -> None:
    result = brief("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema == brief_schema()


@pytest.mark.parametrize("path", [default_brief_path(), SAMPLE], ids=["shipped", "sample"])
def test_briefs_validate_against_the_schema(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert validate(data, brief_schema()) == []


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (lambda d: d.pop("title"), "missing 'title'"),
        (lambda d: d.update(titel="x"), "unknown key 'titel'"),
        (lambda d: d["sections"][0].update(role="intro"), "'intro' not in"),
        (lambda d: d.update(date="28 Feb 2025"), "matches none of anyOf"),
        (lambda d: d.update(id="two words"), "does not match"),
        (lambda d: d.update(sections=[]), "wrong number of items"),
        (lambda d: d["timeline"][0].update(origin="ai"), "'ai' not in"),
        (lambda d: d.update(schema_version=2), "2 not in"),
    ],
)
def test_schema_rejects_what_the_loader_rejects(change: Any, complaint: str) -> None:
    data = yaml.safe_load(default_brief_path().read_text(encoding="utf-8"))
    change(data)
    errors = validate(data, brief_schema())
    assert any(complaint in error for error in errors), errors
    with pytest.raises(BriefFileError):
        parse_brief(yaml_text(data), "changed.yaml")


def test_schema_accepts_what_an_editor_reads_as_numbers() -> None:
    # `id: 1` and `date: 2014` are numbers to an editor's YAML support, text to the loader.
    text = "id: 1\ntitle: T\ndate: 2014\nsections:\n  - id: 1\n    title: One\n"
    assert validate(yaml.safe_load(text), brief_schema()) == []
    assert parse_brief(text).meta.date == "2014"


@pytest.mark.parametrize("command", ["schema", "export"])
def test_new_commands_have_help_with_examples(brief: Runner, command: str) -> None:
    result = brief(command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout and f"brief {command}" in result.stdout


def test_every_view_offers_every_format(brief: Runner) -> None:
    for command in ("show", "glossary", "timeline", "summary"):
        assert "text, markdown, json or yaml" in brief(command, "--help").stdout
    assert "text|markdown|json|yaml|html" in brief("export", "--help").stdout


def test_markdown_parses_as_commonmark_with_the_intended_structure(brief: Runner) -> None:
    """Parsed by markdown-it (CommonMark, as rich uses it): headings, lists, one table, no HTML."""
    markdown_it = pytest.importorskip("markdown_it")
    parser = markdown_it.MarkdownIt("commonmark").enable("table")
    tokens = parser.parse(brief("export", "-b", str(SAMPLE), "-f", "markdown").stdout)
    headings = [t.tag for t in tokens if t.type == "heading_open"]
    assert headings == ["h1", "h2", "h2", "h3", "h3", "h2", "h2", "h2", "h2", "h2"]
    assert [t.type for t in tokens if t.type == "table_open"] == ["table_open"]
    assert not [t for t in tokens if t.type == "html_block"]
    inline = [c for t in tokens if t.type == "inline" for c in t.children or []]
    assert not [c for c in inline if c.type == "html_inline"]
    rendered = parser.render(brief("export", "-b", str(SAMPLE), "-f", "markdown").stdout)
    assert "<em>stars</em>" not in rendered and "<code>" not in rendered
    assert "<script>" not in rendered and "&lt;script&gt;" in rendered
    assert '<a href="http://example.org">' not in rendered
    text = " ".join(c.content for c in inline if c.type == "text")
    for literal in (
        "*stars*",
        "_underscores_",
        "`code`",
        "[a link](http://example.org)",
        "<b>tags</b>",
        "1. This paragraph",
        "- This one",
        "A range | with a pipe.",
    ):
        assert literal in text, literal  # fmt: skip
    glossary = [t for t in tokens if t.type == "bullet_list_open"]
    assert glossary, "the glossary is a list"
