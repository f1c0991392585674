"""Every command × every output format on text that looks like markup: Markdown, HTML, BibTeX
and LaTeX syntax, CSV cells, controls and bidi marks, long words.

Each output is read back the way its consumer reads it — JSON and YAML loaded, Markdown parsed
by markdown-it (CommonMark, HTML off and on), HTML by html.parser, BibTeX brace by brace — and
must show the report's words exactly, with no structure, link, script or raw HTML the text did
not ask for. A *twin* brief of the same shape, each hostile text replaced by a plain word, is
the reference for the structure.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from briefcli.sanitize import sanitize, sanitize_line
from conftest import Runner

markdown_it = pytest.importorskip("markdown_it")

#: Text a report might hold that each output format would misread if it were not escaped.
PAYLOADS = (
    "*star* _under_ **bold**",
    "# hash at start",
    "a | pipe | in cell",
    "`back` ``ticks``",
    "[x](javascript:alert(1))",
    "<script>alert(1)</script>",
    "&amp; &lt;b&gt; &#60; &#x202E; &nbsp;",
    "1. numbered",
    "trailing two  ",
    "---",
    "</title><script>alert(2)</script>",
    '" onmouseover="alert(3)" \'x\'',
    "<!-- comment",
    "{ } % \\ @ { unbalanced",
    'a,b\t"c";d',
    "\u202eevil\u2066iso\u2069",
    "W" * 300,
    "+ plus",
    "> quote",
    "    indented code",
    "~~~ fence",
    "``` fence",
    "***",
    "<http://autolink.example>",
    "www.example.com https://bare.example",
    "![img](x.png)",
    "\\*escaped\\*",
    "1) paren",
    "line\nbreak\n\n# heading after blank",
    "ends in backslash\\",
    "<img src=x onerror=alert(1)>",
    "[ref]: http://x",
    "setext\n===",
    "$math$ ^sup^ ~~strike~~ ==mark==",
    "@misc{x, title={y}}",
    "\\end{document} \\\\ \\{",
    "- minus",
    "| --- |",
    "<U+202E> literal",
    "\u3000全角の字下げ",
    "10\u00a0km\u202fa «\u202fquoi\u202f»",
    "_",
    "#",
    "\\",
)
ORIGINS = ("report", "editor", "extracted")


def _q(text: str) -> str:
    # JSON's double-quoted strings are YAML's: every character escaped the same way.
    return json.dumps(text)


def hostile_yaml(texts: tuple[str, ...], twin: bool = False) -> str:
    """A brief with each text in every field that holds text; ``twin``: plain words instead."""
    values = [f"word{i}" for i in range(len(texts))] if twin else list(texts)
    lines = [
        f"id: {'twin' if twin else 'hostile'}",
        f"title: {_q(values[10] + ' ' + values[5])}",
        f"kind: {_q(values[0])}",
        'date: "2025-03"',
        f"publisher: {_q(values[13])}",
        f"source: {_q(values[4] + ' ' + values[11])}",
        "sections:",
    ]
    for i, value in enumerate(values):
        lines += [
            f'  - id: "s{i}"',
            f"    title: {_q(value)}",
            f"    paragraphs: [{_q(value)}, {_q(value + ' and then more prose.')}]",
            f"    key_points: [{_q(value)}]",
            "    subsections:",
            f'      - id: "s{i}-1"',
            f"        title: {_q(value)}",
            f"        paragraphs: [{_q(value)}]",
        ]
    lines += [
        '  - id: "tables"',
        "    title: Code and a table",
        "    paragraphs:",
        f"      - code: {_q(values[3] + chr(10) + '```' + chr(10) + values[5])}",
        "        language: bash",
        "      - table:",
        f"          header: {json.dumps(values[2:5])}",
        f"          rows: [{json.dumps(values[5:8])}, {json.dumps(['', values[13], values[9]])}]",
        "glossary:",
    ]
    for i, value in enumerate(values):
        lines += [
            f"  - term: {_q(f'{value} T{i}')}",
            f"    category: {_q(values[(i + 1) % len(values)])}",
            f"    definition: {_q(value)}",
            f"    origin: {ORIGINS[i % 3]}",
        ]
    lines.append("timeline:")
    for i, value in enumerate(values):
        origin = "report" if i % 2 else "editor"
        lines += [
            f'  - date: "20{i % 30:02d}"',
            f"    event: {_q(value)}",
            f'    sections: ["s{i}"]',
            f"    origin: {origin}",
        ]
    lines += ["sources:"] + [f"  - title: {_q(v)}" for v in values[:6]]
    lines += ["notes:"] + [f"  - {_q(v)}" for v in values]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def briefs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The hostile brief and its twin, written once."""
    folder = tmp_path_factory.mktemp("briefs")
    hostile, twin = folder / "hostile.yaml", folder / "twin.yaml"
    hostile.write_text(hostile_yaml(PAYLOADS), encoding="utf-8")
    twin.write_text(hostile_yaml(PAYLOADS, twin=True), encoding="utf-8")
    return hostile, twin


# -- reading outputs back ------------------------------------------------------------------

_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


def fold(text: str) -> str:
    """Runs of the whitespace HTML collapses made one space (no-break spaces stay)."""
    return _HTML_SPACE.sub(" ", text).strip(" ")


class Page(HTMLParser):
    """The text a browser shows, entities decoded, and anything that could run or load."""

    HIDDEN = ("head", "style", "title")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self.tags: list[str] = []
        self.executable: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in ("script", "iframe", "object", "embed", "img", "link", "base", "svg"):
            self.executable.append(tag)
        for name, value in attrs:
            target = re.sub(r"\s", "", value or "").lower()
            if name.startswith("on") or target.startswith(("javascript:", "data:", "vbscript:")):
                self.executable.append(f"{tag} {name}={value}")
        self.hidden += tag in self.HIDDEN

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in self.HIDDEN

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.words.append(data)

    def handle_comment(self, data: str) -> None:
        self.executable.append(f"<!--{data}-->")

    @property
    def text(self) -> str:
        """The visible text, whitespace folded."""
        return fold(" ".join(self.words))


def page(html: str) -> Page:
    """``html`` parsed."""
    parsed = Page()
    parsed.feed(html)
    parsed.close()
    return parsed


SAFE = markdown_it.MarkdownIt("commonmark", {"html": False}).enable("table")
WITH_HTML = markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table")


def structure(markdown: str) -> list[str]:
    """Block and inline tokens but text: headings, lists, tables, emphasis, links, HTML."""
    out: list[str] = []
    for token in WITH_HTML.parse(markdown):
        if token.type == "inline":
            out += [c.type for c in token.children or [] if c.type not in ("text", "softbreak")]
        elif not token.type.endswith("_close"):
            out.append(f"{token.type} {token.tag}")
    return out


def shown(text: str) -> set[str]:
    """How a text may be shown: escaped, its line breaks as spaces or (one-line fields) '\\n'."""
    return {fold(sanitize(text)), fold(sanitize_line(text))}


def texts_in(data: Any, skip: frozenset[str] = frozenset()) -> list[str]:
    """Every string in ``data`` but the values of the keys in ``skip`` (which may still hold
    a mapping: ``section`` is the id in a summary, the section itself in ``show``); never a
    view's ``brief``, the id and title of the brief shown."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [
            s
            for k, v in data.items()
            if k != "brief" and (k not in skip or isinstance(v, dict))
            for s in texts_in(v, skip)
        ]
    if isinstance(data, list):
        return [s for item in data for s in texts_in(item, skip)]
    return []


# Keys whose values a command's text does not show (data about the text, not the text).
_NOT_SHOWN = frozenset(
    {"aliases", "path", "view", "precision", "display", "date", "origin", "role"}
    | {"part_of", "used_in", "sections", "language", "section", "id", "kind"}
)


def report_texts(data: dict[str, Any]) -> list[str]:
    """The hostile texts a view's JSON holds: those its other formats must show."""
    return [s for s in set(texts_in(data, _NOT_SHOWN)) if any(p in s for p in PAYLOADS)]


def command_lines() -> list[tuple[str, ...]]:
    """Every view command, with arguments the twin also has (the structure is compared)."""
    return [
        (),
        ("show", "s0"),
        ("show", "s3-1"),
        ("show", "tables"),
        ("show", "s28"),
        ("summary", "--section", "s2"),
        ("glossary",),
        ("glossary", "--origin", "editor"),
        ("glossary", "--origin", "extracted"),
        ("timeline",),
        ("export",),
    ]


def run_both(
    brief: Runner, briefs: tuple[Path, Path], fmt: str, args: tuple[str, ...]
) -> tuple[str, str]:
    """The output for the hostile brief and for its twin."""
    outputs = []
    for path in briefs:
        result = brief("-b", str(path), "--format", fmt, *args)
        assert result.exit_code == 0, (fmt, args, result.stderr)
        assert result.stderr == ""
        outputs.append(result.stdout)
    return outputs[0], outputs[1]


# -- every command × format -----------------------------------------------------------------


@pytest.mark.parametrize("args", command_lines(), ids=lambda a: " ".join(a) or "overview")
def test_every_format_keeps_the_words_and_adds_no_structure(
    brief: Runner, briefs: tuple[Path, Path], args: tuple[str, ...]
) -> None:
    as_json, twin_json = run_both(brief, briefs, "json", args)
    data = json.loads(as_json)
    assert yaml.safe_load(run_both(brief, briefs, "yaml", args)[0]) == data
    assert set(json.loads(twin_json)) == set(data)
    texts = report_texts(data)
    assert texts, "the hostile texts are in the data"

    for fmt in ("text", "markdown"):
        out, twin = run_both(brief, briefs, fmt, args)
        assert "\x1b" not in out and "\u202e" not in out
        if fmt == "markdown":
            assert structure(out) == structure(twin), "Markdown made structure of the text"
            for parser in (SAFE, WITH_HTML):
                rendered = page(parser.render(out))
                assert rendered.executable == []
                visible = rendered.text
                missing = [t for t in texts if not shown(t) & {s for s in shown(t) if s in visible}]
                assert missing == [], f"Markdown lost {missing[:3]!r}"
        else:
            plain = fold(out)
            missing = [t for t in texts if not any(s in plain for s in shown(t))]
            assert missing == [], f"text lost {missing[:3]!r}"

    if args == ("export",):
        out, twin = run_both(brief, briefs, "html", args)
        parsed = page(out)
        assert parsed.executable == []
        assert parsed.tags == page(twin).tags, "HTML made elements of the text"
        missing = [t for t in texts if not any(s in parsed.text for s in shown(t))]
        assert missing == [], f"HTML lost {missing[:3]!r}"


# -- who wrote it, in every format ----------------------------------------------------------

#: For each command: what the text and Markdown must say, and the JSON origins it must give.
_LABELS: list[tuple[tuple[str, ...], str, str, set[str]]] = [
    (("glossary",), "[editor]", "*Origin:* editor", set(ORIGINS)),
    (("glossary", "--", "word1 T1"), "Origin: editor", "*Origin:* editor", {"editor"}),
    (("glossary", "--", "word2 T2"), "Origin: extracted", "*Origin:* extracted", {"extracted"}),
    (("timeline",), "word0 [editor]", "word0 \\[editor\\]", {"report", "editor"}),
    (("summary", "--section", "s0"), "written by the brief's editor", "written by", {"editor"}),
]


@pytest.mark.parametrize(
    ("args", "text_label", "markdown_label", "origins"),
    _LABELS,
    # (Sets print in a different order in each process: the ids must not depend on it.)
    ids=[" ".join(args) for args, *_ in _LABELS],
)
def test_what_brief_or_the_editor_wrote_is_labelled(
    brief: Runner,
    briefs: tuple[Path, Path],
    args: tuple[str, ...],
    text_label: str,
    markdown_label: str,
    origins: set[str],
) -> None:
    twin = str(briefs[1])
    assert text_label in brief("-b", twin, "-f", "text", *args).stdout
    assert text_label in brief("-b", twin, "--color", "never", *args).stdout
    assert markdown_label in brief("-b", twin, "-f", "markdown", *args).stdout
    data = json.loads(brief("-b", twin, "-f", "json", *args).stdout)
    found = set(re.findall(r'"origin": "(\w+)"', json.dumps(data)))
    assert found == origins


def test_export_labels_the_editors_key_points_events_and_terms_in_html(
    brief: Runner, briefs: tuple[Path, Path]
) -> None:
    text = page(brief("-b", str(briefs[1]), "export", "-f", "html").stdout).text
    assert "Key points (written by the brief's editor, not the report's words):" in text
    assert "word0 [editor]" in text and "Origin: editor" in text and "Origin: extracted" in text
    assert "Editor's notes" in text


# -- Markdown: the report's own spaces -------------------------------------------------------


def test_markdown_keeps_an_ideographic_indent_and_no_break_spaces(
    brief: Runner, briefs: tuple[Path, Path]
) -> None:
    """A Japanese paragraph opens with U+3000; '10 km' keeps its no-break space."""
    out = brief("-b", str(briefs[0]), "show", "s39", "-f", "markdown").stdout
    assert "&#x3000;全角の字下げ" in out
    rendered = page(SAFE.render(out)).text
    assert "\u3000全角の字下げ" in rendered
    out = brief("-b", str(briefs[0]), "show", "s40", "-f", "markdown").stdout
    assert "10\u00a0km\u202fa «\u202fquoi\u202f»" in page(SAFE.render(out)).text


def test_markdown_fence_names_only_the_language(brief: Runner, tmp_path: Path) -> None:
    """pandoc reads {attributes} after a fence: a language cannot smuggle an onclick in."""
    path = tmp_path / "code.yaml"
    path.write_text(
        "id: code\ntitle: t\nsections:\n  - id: '1'\n    title: t\n    paragraphs:\n"
        "      - code: print(1)\n        language: '{onclick=alert(1)}'\n",
        encoding="utf-8",
    )
    out = brief("-b", str(path), "show", "1", "-f", "markdown").stdout
    assert "```onclickalert1\nprint(1)\n```" in out
    html = brief("-b", str(path), "export", "-f", "html").stdout
    assert '<code class="language-onclickalert1">' in html


# -- BibTeX ---------------------------------------------------------------------------------


def bibtex_fields(entry: str) -> dict[str, str]:
    """The fields of one entry, read as BibTeX reads them: braces counted, backslash or not."""
    fields = {}
    for line in entry.splitlines()[1:-1]:
        name, _, value = line.strip().partition("= ")
        value = value.rstrip(",")
        depth = 0
        for index, char in enumerate(value):
            depth += {"{": 1, "}": -1}.get(char, 0)
            assert depth > 0 or index == len(value) - 1, f"{name.strip()} ends early: {value}"
        assert depth == 0, f"unbalanced braces in {name.strip()}: {value}"
        fields[name.strip()] = value[1:-1]
    return fields


@pytest.mark.parametrize("args", [(), ("s13",), ("s35-1", "--quote"), ("s3", "--quote")])
def test_bibtex_braces_balance_and_specials_are_escaped(
    brief: Runner, briefs: tuple[Path, Path], args: tuple[str, ...]
) -> None:
    out = brief("-b", str(briefs[0]), "cite", *args, "-f", "bibtex").stdout
    assert out.startswith("@misc{") and out.endswith("\n}\n")
    fields = bibtex_fields(out)
    assert fields["publisher"] == (
        r"\textbraceleft{} \textbraceright{} \% \textbackslash{} @ \textbraceleft{} unbalanced"
    )
    assert fields["title"] == (
        r"{\textless{}/title\textgreater{}\textless{}script\textgreater{}alert(2)"
        r"\textless{}/script\textgreater{} \textless{}script\textgreater{}alert(1)"
        r"\textless{}/script\textgreater{}}"
    )
    # Outside a command's own {}, no character LaTeX would not print as itself.
    for name, value in fields.items():
        bare = re.sub(r"\\[a-z]+\{\}|\\[%&$#_]|-\{\}", "", value)
        if name in ("author", "title"):
            bare = bare[1:-1]  # double braces: a corporate author, a title's case kept
        if name == "note":
            bare = bare.replace("``", "").replace("''", "")  # LaTeX's quotes, brief's own
        assert not set(bare) & set("{}%$#&_~^<>|`\\"), (name, bare)
        assert "--" not in bare


def test_bibtex_section_title_with_backticks_keeps_its_own_quotes(
    brief: Runner, briefs: tuple[Path, Path]
) -> None:
    out = brief("-b", str(briefs[0]), "cite", "s3-1", "-f", "bibtex").stdout
    note = bibtex_fields(out)["note"]
    assert note.startswith(
        r"Section s3-1, ``\textasciigrave{}back\textasciigrave{} "
        r"\textasciigrave{}\textasciigrave{}ticks\textasciigrave{}\textasciigrave{}''."
    )


# -- brief cite as text ---------------------------------------------------------------------


def test_cite_quote_quotes_every_line_and_the_reference_stays_one_line(
    brief: Runner, briefs: tuple[Path, Path]
) -> None:
    out = brief("-b", str(briefs[0]), "cite", "s28-1", "--quote").stdout
    reference, quote = out.split("\n\n", 1)
    assert "\n" not in reference
    assert "“line\\nbreak\\n\\n# heading after blank”" in reference
    assert quote == "> line\n> break\n>\n> # heading after blank\n"


# -- the contents ---------------------------------------------------------------------------


def test_contents_counts_one_word_as_a_word(brief: Runner, tmp_path: Path) -> None:
    path = tmp_path / "one.yaml"
    path.write_text(
        "id: one\ntitle: t\nsections:\n  - id: '1'\n    title: t\n    paragraphs: [Word]\n",
        encoding="utf-8",
    )
    assert "1  1 word  1 min  t" in brief("-b", str(path), "-f", "text").stdout


# -- any text at all ------------------------------------------------------------------------

_MARKUP = st.sampled_from(
    [
        *"*_`#|[]()<>&!\\-+=.:~^\"' \n\t{}%@$",
        *("\u00a0", "\u3000", "\u202f", "\u202e", "\x1b", "1.", "---", "***", "```", "<!--"),
        *("&amp;", "&#x41;", "javascript:", "<script>"),
    ]
)
_ANY_TEXT = (
    st.lists(st.one_of(st.characters(codec="utf-8"), _MARKUP), min_size=1, max_size=30)
    .map("".join)
    .filter(lambda s: s.strip() != "")
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraph=_ANY_TEXT)
@example(paragraph="\xa00")  # a leading no-break space was folded into nothing
@example(paragraph="\u3000字下げ")  # and so was an ideographic indent
@example(paragraph="1. x\n\n# y")
@example(paragraph="x  \ny")
def test_any_text_in_a_section_stays_word_for_word(paragraph: str) -> None:
    """Markdown (parsed), HTML (parsed) and JSON show a section's text exactly, escapes made
    visible, and no structure but the heading and the paragraph."""
    from briefcli.model import Brief, Metadata, Section
    from briefcli.query import SectionMatch
    from briefcli.render import data, document, html, markdown
    from briefcli.views import ExportView, SectionView

    section = Section("1", "T", (paragraph,))
    brief = Brief(Metadata("x", "Title", "", "", "", ""), (section,))
    view = SectionView(brief, SectionMatch(section))
    want = fold(sanitize(paragraph))

    out = markdown.render(document.build(view))
    assert structure(out) == ["heading_open h1", "paragraph_open p"]
    for parser in (SAFE, WITH_HTML):
        assert page(parser.render(out)).text == fold(f"1. T {want}")
    exported = page(html.render(ExportView(brief)))
    assert exported.executable == []
    assert f"1. T {want}" in exported.text
    assert json.loads(data.to_json(view))["section"]["paragraphs"] == [paragraph]


# -- the other commands: search, list, config, validate, cite --------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("search", "script"),
        ("search", "pipe", "--all"),
        ("list",),
        ("config",),
        ("validate", "{hostile}"),
        ("cite", "s5", "--quote"),
    ],
    ids=lambda a: " ".join(a),
)
def test_other_commands_print_data_that_loads_and_markdown_without_html(
    brief: Runner,
    briefs: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
) -> None:
    monkeypatch.setenv("BRIEF_PATH", str(briefs[0].parent))
    args = tuple(a.replace("{hostile}", str(briefs[0])) for a in args)
    head = () if args[0] in ("list", "validate", "config") else ("-b", str(briefs[0]))
    formats = {"validate": ("json",), "cite": ("csl-json",)}.get(args[0], ("json", "yaml"))
    loaded = []
    for fmt in formats:
        result = brief(*head, *args, "--format", fmt)
        assert result.exit_code == 0, result.stderr
        assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
        loaded.append(yaml.safe_load(result.stdout) if fmt == "yaml" else json.loads(result.stdout))
    assert all(data == loaded[0] for data in loaded)
    if args[0] in ("search", "list", "config"):
        out = brief(*head, *args, "--format", "markdown").stdout
        assert not [s for s in structure(out) if s.startswith(("html", "link", "image", "code"))]
        assert page(WITH_HTML.render(out)).executable == []
