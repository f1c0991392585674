"""The field table: its public functions, and that the checker, codec, schema and docs follow it.

A brief holding every field once is generated from the table itself, so these tests cover a
field added to the table without being edited.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

from briefcli.briefformat import (
    BRIEF,
    DATE,
    ENUM,
    EVENT,
    EVENT_DATE,
    ID,
    IDS,
    INLINE,
    KINDS,
    MAX_TEXT_CHARS,
    METADATA,
    PARAGRAPHS,
    RECORDS,
    SECTION,
    TABLE_END,
    TABLE_START,
    TEXT,
    TEXTS,
    TYPES,
    VERSION,
    Field,
    Kind,
    absent_value,
    brief_schema,
    markdown_table,
    schema_json,
    with_markdown_table,
)
from briefcli.codec import brief_from_data, brief_to_data
from briefcli.loader import check_brief, parse_brief
from briefcli.model import SCHEMA_VERSION, parse_event_date
from briefcli.yamlio import dump
from conftest import REPO, Runner
from test_formats import validate

REGENERATE = "stale: run `python tools/format_docs.py` (docs/brief-format.md says how)"


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("format_docs", REPO / "tools" / "format_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- the table itself -------------------------------------------------------------------------


def _all_fields() -> Iterator[tuple[Kind, Field]]:
    for kind in KINDS:
        for field in kind.fields:
            yield kind, field


def test_every_model_field_is_in_the_table_and_no_other() -> None:
    # Adding a field means editing the table and the model record: this says which one is missing.
    for kind in KINDS:
        stored = [f.key for f in kind.fields if f.type != VERSION]
        assert sorted(stored) == sorted(kind.record._fields), kind.name


@pytest.mark.parametrize(
    ("kind", "field"), list(_all_fields()), ids=lambda x: x.name if isinstance(x, Kind) else x.key
)
def test_every_field_is_well_formed(kind: Kind, field: Field) -> None:
    assert field.type in TYPES
    assert field.help and "\n" not in field.help and field.help.endswith(".")
    assert (field.kind is not None) == (field.type in (RECORDS, INLINE))
    assert bool(field.choices) == (field.type == ENUM)
    assert field.min_items == 0 or field.type == RECORDS
    if not field.required and field.type not in (VERSION, INLINE):
        # An optional field has a value for "left out", and an empty value is left out on writing.
        assert not absent_value(kind, field) or field.type == ENUM


def test_every_kind_is_reached_from_the_brief_once() -> None:
    def reached(kind: Kind) -> list[str]:
        inner = [f.kind for f in kind.fields if f.kind is not None]
        return [kind.name] + [name for k in inner for name in reached(k)]

    assert sorted(reached(BRIEF)) == sorted(kind.name for kind in KINDS)


def test_keys_include_inline_kinds_in_file_order() -> None:
    assert BRIEF.allowed_keys()[:3] == ("schema_version", "id", "title")
    assert BRIEF.allowed_keys()[-5:] == ("sections", "glossary", "timeline", "sources", "notes")
    assert set(METADATA.allowed_keys()) <= set(BRIEF.allowed_keys())
    assert "meta" not in BRIEF.allowed_keys()
    assert EVENT.allowed_keys() == ("date", "event", "sections", "origin")


def test_field_finds_by_key() -> None:
    assert SECTION.field("role").choices == ("summary", "conclusion")
    assert BRIEF.field("meta").kind is METADATA
    with pytest.raises(KeyError):
        SECTION.field("titel")


def test_absent_value_is_the_model_default_else_empty() -> None:
    assert absent_value(SECTION, SECTION.field("role")) is None
    assert absent_value(EVENT, EVENT.field("origin")) == "editor"
    assert absent_value(METADATA, METADATA.field("kind")) == ""
    assert absent_value(SECTION, SECTION.field("paragraphs")) == ()
    assert absent_value(EVENT, EVENT.field("date")) is None


# -- a brief holding every field, made from the table -------------------------------------


def _sample(kind: Kind, counter: list[int]) -> dict[str, Any]:
    """Data with every field of ``kind`` given a valid, non-empty value."""
    data: dict[str, Any] = {}
    for field in kind.fields:
        counter[0] += 1
        n = counter[0]
        if field.type == INLINE:
            assert field.kind is not None
            data.update(_sample(field.kind, counter))
            continue
        value: Any = {
            TEXT: f"text {n}",
            TEXTS: [f"text {n}"],
            # Every shape a paragraph may take: text, a code block, a table.
            PARAGRAPHS: [
                f"text {n}",
                {"code": f"echo {n}\n  indented", "language": "bash"},
                {"code": f"plain {n}"},
                {"table": {"header": ["a", f"b {n}"], "rows": [["1", ""], ["x|y", "2"]]}},
                {"table": {"header": ["only"]}},
            ],
            ID: f"{kind.name}-{n}",
            IDS: ["section-1"],
            DATE: "2025-02-28",
            EVENT_DATE: "1950/1953",
            VERSION: SCHEMA_VERSION,
        }.get(field.type)
        if field.type == ENUM:
            # Not the default: a value the codec must write.
            value = next(c for c in field.choices if c != absent_value(kind, field))
        if field.type == RECORDS:
            assert field.kind is not None
            value = [_sample(field.kind, counter)]
        data[field.key] = value
    return data


def _full() -> dict[str, Any]:
    data = _sample(BRIEF, [0])
    section = data["sections"][0]
    section["id"] = "section-1"
    # Extracted points quote their text word for word (the loader checks it).
    for part in (section, section["subsections"][0]):
        part["extracted_points"] = [part["paragraphs"][0]]
    return data


def _places(
    data: dict[str, Any], kind: Kind, path: str
) -> Iterator[tuple[dict[str, Any], Kind, Field, str]]:
    """Every field of ``data`` (of ``kind``) and below: its mapping, kind, field and key path."""
    for field in kind.fields:
        if field.type == INLINE:
            assert field.kind is not None
            yield from _places(data, field.kind, path)
            continue
        yield data, kind, field, f"{path}.{field.key}" if path else field.key
        if field.type == RECORDS:
            assert field.kind is not None
            key_path = f"{path}.{field.key}" if path else field.key
            yield from _places(data[field.key][0], field.kind, f"{key_path}[0]")


PLACES = [(kind.name, field.key, path) for _, kind, field, path in _places(_full(), BRIEF, "")]


def _changed(path: str, change: Any) -> dict[str, Any]:
    data = _full()
    for mapping, _, field, where in _places(data, BRIEF, ""):
        if where == path:
            change(mapping, field)
            return data
    raise AssertionError(path)


def test_a_brief_with_every_field_loads_without_a_problem() -> None:
    brief, problems = check_brief(dump(_full()), "full.yaml")
    assert problems == []
    assert brief is not None


def test_every_field_survives_loading_and_writing() -> None:
    data = _full()
    brief = parse_brief(dump(data), "full.yaml")
    assert brief_to_data(brief) == data
    assert list(brief_to_data(brief)) == list(data)  # the table's order
    assert brief_from_data(json.loads(json.dumps(brief_to_data(brief)))) == brief


def test_the_schema_accepts_a_brief_with_every_field() -> None:
    assert validate(_full(), brief_schema()) == []


@pytest.mark.parametrize(("kind", "key", "path"), PLACES, ids=[p[2] for p in PLACES])
def test_each_field_is_checked_as_the_table_says(kind: str, key: str, path: str) -> None:
    def drop(mapping: dict[str, Any], field: Field) -> None:
        del mapping[field.key]
        if field.key == "paragraphs":
            mapping.pop("extracted_points", None)  # they quote the paragraphs

    dropped = _changed(path, drop)
    brief, problems = check_brief(dump(dropped), "f.yaml")
    field = next(k for k in KINDS if k.name == kind).field(key)
    errors = [p.message for p in problems if p.severity == "error"]
    schema_errors = validate(dropped, brief_schema())
    if field.required:
        assert brief is None and f"{path}: missing (required)" in errors
        assert f"missing {key!r}" in schema_errors
    else:
        assert brief is not None and errors == [], errors
        assert schema_errors == []
        # Left out, it reads as its default, and only a default worth writing comes back.
        absent = absent_value(next(k for k in KINDS if k.name == kind), field)
        if field.type == VERSION:
            absent = SCHEMA_VERSION  # always written
        written = absent and not field.omit_default
        expected = _changed(path, lambda m, f: m.update({key: absent}) if written else drop(m, f))
        assert brief_to_data(brief) == expected


@pytest.mark.parametrize(("kind", "key", "path"), PLACES, ids=[p[2] for p in PLACES])
def test_each_field_refuses_the_wrong_type(kind: str, key: str, path: str) -> None:
    def wrong(mapping: dict[str, Any], field: Field) -> None:
        # A mapping is right for no field: every value in a brief is text or a list.
        mapping[field.key] = {"not": "right"}

    changed = _changed(path, wrong)
    _, problems = check_brief(dump(changed), "f.yaml")
    errors = [p.message for p in problems if p.severity == "error"]
    assert any(e.startswith(f"{path}: expected ") for e in errors), errors
    assert validate(changed, brief_schema()) != []


@pytest.mark.parametrize("kind", [k for k in KINDS if k is not METADATA], ids=lambda k: k.name)
def test_unknown_keys_are_refused_in_every_kind(kind: Kind) -> None:
    data = _full()
    target = next(m for m, k, _, _ in _places(data, BRIEF, "") if k is kind)
    target["unknown_key"] = "x"
    _, problems = check_brief(dump(data), "f.yaml")
    assert any(p.message.endswith("unknown_key: unknown key") for p in problems)
    assert "unknown key 'unknown_key'" in validate(data, brief_schema())


def test_choices_and_limits_come_from_the_table() -> None:
    bad_role = _changed("sections[0].role", lambda m, f: m.update(role="intro"))
    _, problems = check_brief(dump(bad_role), "f.yaml")
    assert [p.message for p in problems] == [
        "sections[0].role: must be one of ('summary', 'conclusion')"
    ]
    no_sections = _changed("sections", lambda m, f: m.update(sections=[]))
    _, problems = check_brief(dump(no_sections), "f.yaml")
    assert [p.message for p in problems if p.severity == "error"] == [
        "sections: a brief needs at least one section"
    ]
    long_text = _changed("title", lambda m, f: m.update(title="x" * (MAX_TEXT_CHARS + 1)))
    _, problems = check_brief(dump(long_text), "f.yaml")
    assert problems[0].message == "title: is 100,001 characters; at most 100,000"


def test_optional_values_left_out_read_as_the_model_defaults() -> None:
    brief = parse_brief("id: a\ntitle: T\nsections:\n  - {id: '1', title: One}\n")
    assert brief.meta.kind == "" and brief.sections[0].role is None
    assert (
        brief_from_data({"id": "a", "title": "T", "sections": [{"id": "1", "title": "One"}]})
        == brief
    )
    event = {"date": "2024", "event": "E", "sections": ["1"]}
    data = brief_to_data(brief) | {"timeline": [event]}
    assert brief_from_data(data).timeline[0].origin == "editor"
    assert brief_from_data(data).timeline[0].date == parse_event_date("2024")


# -- the JSON Schema ------------------------------------------------------------------------


def test_schema_objects_are_the_kinds() -> None:
    schema = brief_schema()
    assert list(schema["properties"]) == list(BRIEF.allowed_keys())
    assert schema["required"] == ["id", "title", "sections"]
    for kind in KINDS[2:]:
        shape = schema["$defs"][kind.name]
        assert list(shape["properties"]) == list(kind.allowed_keys())
        assert shape["required"] == [f.key for f in kind.fields if f.required]
        assert shape["additionalProperties"] is False
    assert schema["$defs"]["event"]["properties"]["origin"]["default"] == "editor"
    assert "default" not in schema["$defs"]["section"]["properties"]["role"]


def test_schema_file_is_current() -> None:
    """docs/brief.schema.json is what editors point at."""
    shipped = (REPO / "docs" / "brief.schema.json").read_text(encoding="utf-8")
    assert shipped == schema_json(), f"docs/brief.schema.json is {REGENERATE}"


def test_brief_schema_prints_the_schema_file(brief: Runner) -> None:
    result = brief("schema")
    assert result.exit_code == 0
    assert result.stdout == (REPO / "docs" / "brief.schema.json").read_text(encoding="utf-8")


# -- the table in docs/brief-format.md --------------------------------------------------------


def test_docs_key_table_is_current() -> None:
    document = (REPO / "docs" / "brief-format.md").read_text(encoding="utf-8")
    assert with_markdown_table(document) == document, f"docs/brief-format.md is {REGENERATE}"


def test_markdown_table_has_a_row_per_key_path() -> None:
    table = markdown_table()
    paths = [row.split("`")[1] for row in table.splitlines()[2:]]
    # `sections[]` is the list at `sections`, `sections[].id` a key in its first item.
    as_error_paths = [p.removesuffix("[]").replace("[].", "[0].") for p in paths]
    assert as_error_paths == [path for _, _, _, path in _places(_full(), BRIEF, "")]
    assert "| `timeline[].origin` | `report` or `editor` | no (default `editor`) |" in table
    assert "| `sections[]` | list of sections | yes, at least 1 |" in table


def test_with_markdown_table_rewrites_only_between_the_markers() -> None:
    document = f"# Title\n\nBefore.\n\n{TABLE_START}\nold table\n{TABLE_END}\n\nAfter.\n"
    rewritten = with_markdown_table(document)
    assert (
        rewritten
        == f"# Title\n\nBefore.\n\n{TABLE_START}\n{markdown_table()}{TABLE_END}\n\nAfter.\n"
    )
    assert with_markdown_table(rewritten) == rewritten
    with pytest.raises(ValueError, match="lacks the lines"):
        with_markdown_table("# No markers\n")


def test_the_tool_reports_and_rewrites_stale_files(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tool = _tool()
    assert tool.main(["--check"]) == 0
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "brief-format.md").write_text(f"x\n{TABLE_START}\n{TABLE_END}\n", encoding="utf-8")
    monkeypatch.setattr(tool, "DOCS", docs)
    assert tool.main(["--check"]) == 1
    assert "stale; run python tools/format_docs.py" in capsys.readouterr().err
    assert tool.main([]) == 0
    assert tool.main(["--check"]) == 0
    assert (docs / "brief.schema.json").read_text(encoding="utf-8") == schema_json()


def test_the_table_module_imports_nothing_heavy() -> None:
    import subprocess
    import sys

    heavy = "('yaml', 'rich', 'typer', 'json')"
    code = f"import sys, briefcli.codec; print([m for m in sys.modules if m in {heavy}])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# -- origins: extracted points and glossary entries -------------------------------------------


def _with_extracts(points: list[str], origin: str | None) -> dict[str, Any]:
    data = _full()
    data["sections"][0]["paragraphs"] = ["First sentence here. Second sentence there."]
    data["sections"][0]["extracted_points"] = points
    if origin is None:
        data["glossary"][0].pop("origin")
    else:
        data["glossary"][0]["origin"] = origin
    return data


def test_extracted_points_must_quote_their_text_word_for_word() -> None:
    good = _with_extracts(["Second sentence there."], "extracted")
    brief, problems = check_brief(dump(good), "f.yaml")
    assert problems == [] and brief is not None
    assert brief.sections[0].extracted_points == ("Second sentence there.",)
    bad = _with_extracts(["Second sentence there.", "A sentence the report never wrote."], None)
    brief, problems = check_brief(dump(bad), "f.yaml")
    assert brief is None
    assert [p.message for p in problems] == [
        "sections[0].extracted_points[1]: is not in the text word for word: "
        "extracted points quote the report"
    ]


def test_glossary_origin_is_written_only_when_not_the_reports() -> None:
    extracted = parse_brief(dump(_with_extracts([], "extracted")), "f.yaml")
    assert extracted.glossary[0].origin == "extracted"
    assert brief_to_data(extracted)["glossary"][0]["origin"] == "extracted"
    plain = parse_brief(dump(_with_extracts([], None)), "f.yaml")
    assert plain.glossary[0].origin == "report"
    # The report's own glossary stays as it was written before the field existed.
    assert "origin" not in brief_to_data(plain)["glossary"][0]
    assert brief_from_data(brief_to_data(plain)) == plain
    _, problems = check_brief(dump(_with_extracts([], "brief")), "f.yaml")
    assert [p.message for p in problems] == [
        "glossary[0].origin: must be one of ('report', 'editor', 'extracted')"
    ]


def test_origins_in_the_schema_and_the_docs() -> None:
    defs = brief_schema()["$defs"]
    assert defs["term"]["properties"]["origin"]["enum"] == ["report", "editor", "extracted"]
    assert defs["term"]["properties"]["origin"]["default"] == "report"
    assert defs["event"]["properties"]["origin"]["enum"] == ["report", "editor"]
    assert "extracted_points" in defs["section"]["properties"]
    assert "extracted_points" in defs["subsection"]["properties"]
    table = markdown_table()
    assert (
        "| `glossary[].origin` | `report` or `editor` or `extracted` | no (default `report`) |"
        in (table)
    )
    assert "| `sections[].subsections[].extracted_points` | list of text | no |" in table
