"""Loading validates everything: each bad brief is one error naming file, line and key path."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefcli.errors import BriefFileError
from briefcli.loader import check_brief, load_brief, parse_brief
from briefcli.paths import default_brief_path

GOOD = """\
id: mini
title: A small brief
date: "2025-01-31"
sections:
  - id: "1"
    title: Summary
    role: summary
    paragraphs: [First paragraph.]
  - id: "2"
    title: Body
    subsections:
      - id: "2-1"
        title: Part
        paragraphs: [Second paragraph.]
glossary:
  - term: Thing
    category: Concept
    definition: A thing.
timeline:
  - date: 1950/1953
    event: A war.
    sections: ["2-1"]
"""


def test_good_brief_loads() -> None:
    brief = parse_brief(GOOD, "mini.yaml")
    assert [s.id for s in brief.sections] == ["1", "2"]
    assert brief.sections[1].subsections[0].paragraphs == ("Second paragraph.",)
    assert brief.timeline[0].date.precision == "range"
    assert brief.meta.date == "2025-01-31"


BAD = [
    # (replace this, with that, expected line, expected message fragment)
    # (A timeline event naming a missing section is a warning, not an error: test_validate.py.)
    ("title: A small brief\n", "", 1, "title: missing (required)"),
    ("title: A small brief", "title: [a, list]", 2, "title: expected text, found a list"),
    ("id: mini", "id: two words", 1, "id: 'two words' must be one word"),
    (
        "    title: Body\n",
        "    title: Body\n    paragrahps: [x]\n",
        11,
        "unknown key (did you mean 'paragraphs'?)",
    ),
    ('  - id: "2"\n', '  - id: "1"\n', 9, "sections[1].id: duplicate id '1' (first on line 5)"),
    ('      - id: "2-1"', '      - id: "1"', 12, "sections[1].subsections[0].id: duplicate id '1'"),
    (
        "date: 1950/1953",
        "date: 1953/1950",
        20,
        "timeline[0].date: the range '1953/1950' ends before it starts",
    ),
    (
        "date: 1950/1953",
        "date: 2024-13-45",
        20,
        "timeline[0].date: '2024-13-45' is not a calendar date",
    ),
    ("date: 1950/1953", "date: soon", 20, "timeline[0].date: 'soon' is not a date"),
    (
        "    role: summary",
        "    role: intro",
        7,
        "sections[0].role: must be one of ('summary', 'conclusion')",
    ),
    ("    definition: A thing.\n", "", 16, "glossary[0].definition: missing (required)"),
    (
        "    paragraphs: [First paragraph.]",
        "    paragraphs: First paragraph.",
        8,
        "expected a list",
    ),
    ("id: mini\n", "id: mini\nid: other\n", 2, "id: duplicate key (first given on line 1)"),
    ("sections:", "sections: {}\nnot_sections:", 4, "expected a list"),
]


@pytest.mark.parametrize(("old", "new", "line", "message"), BAD, ids=[b[3][:40] for b in BAD])
def test_bad_brief_names_line_and_key_path(old: str, new: str, line: int, message: str) -> None:
    assert old in GOOD
    text = GOOD.replace(old, new, 1)
    with pytest.raises(BriefFileError) as info:
        parse_brief(text, "bad.yaml")
    error = info.value
    assert error.message.startswith(f"bad.yaml:{line}:")
    assert message in error.message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "is empty"),
        ("just text\n", "expected a mapping of keys"),
        ("- a\n- b\n", "expected a mapping of keys"),
        ("id: x\ntitle: [\n", "not valid YAML"),
        ("id: x\n---\nid: y\n", "a second YAML document"),
        ("id: &a x\ntitle: *a\nsections: []\n", "anchors (&a) are not allowed"),
        ("id: !!python/object:os.system x\n", "YAML tags"),
    ],
)
def test_unusable_files(text: str, message: str) -> None:
    with pytest.raises(BriefFileError) as info:
        parse_brief(text, "f.yaml")
    assert message in info.value.message


def test_text_scalars_stay_text() -> None:
    text = GOOD.replace("title: A small brief", "title: no").replace("A thing.", "1.10")
    brief = parse_brief(text, "t.yaml")
    assert brief.meta.title == "no"
    assert brief.glossary[0].definition == "1.10"
    assert brief.meta.date == "2025-01-31"


def test_check_collects_every_problem() -> None:
    text = GOOD.replace("title: Body", "titel: Body").replace("term: Thing", "term: ''")
    brief, problems = check_brief(text, "c.yaml")
    assert brief is None
    messages = [p.render() for p in problems]
    assert any("sections[1].titel: unknown key" in m for m in messages)
    assert not any("sections[1].title: missing" in m for m in messages)  # said once, as the typo
    assert any("glossary[0].term: is empty" in m for m in messages)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(BriefFileError, match="no such file"):
        load_brief(tmp_path / "absent.yaml")
    with pytest.raises(BriefFileError, match="is a directory"):
        load_brief(tmp_path)


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"id: x\ntitle: caf\xe9\n")
    with pytest.raises(BriefFileError) as info:
        load_brief(path)
    assert info.value.message.endswith("latin1.yaml:2:11: not valid UTF-8 (byte 0xe9)")


def test_shipped_brief_is_valid_with_no_warnings() -> None:
    text = default_brief_path().read_text(encoding="utf-8")
    brief, problems = check_brief(text, "shipped")
    assert brief is not None
    assert problems == []
