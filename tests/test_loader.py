"""The strict loader: safe YAML only, bounded, every failure one error with a line."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefcli import yamlio
from briefcli.briefformat import MAX_TEXT_CHARS
from briefcli.codec import brief_to_data
from briefcli.errors import BriefFileError
from briefcli.files import MAX_FILE_BYTES, decode_text, read_brief_text
from briefcli.loader import (
    InvalidBrief,
    Problem,
    check_brief,
    load_brief,
    parse_brief,
)
from briefcli.model import Brief
from briefcli.paths import default_brief_path
from briefcli.yamlio import MAX_DEPTH
from briefcli.yamlio import dump as to_yaml

MINI = 'id: mini\ntitle: Mini\nsections:\n  - id: "1"\n    title: One\n    paragraphs: [Hello.]\n'


@pytest.fixture(params=["libyaml", "pure"])
def yaml_loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run a test with libyaml's parser and again with PyYAML's pure-Python one."""
    if request.param == "libyaml":
        if not hasattr(yaml, "CBaseLoader"):
            pytest.skip("PyYAML without libyaml")
    else:
        monkeypatch.setattr(yamlio, "_yaml_loader", yamlio._pure_loader)
    yield request.param


def error_of(text: str) -> BriefFileError:
    """The error parse_brief raises for ``text``."""
    with pytest.raises(BriefFileError) as info:
        parse_brief(text, "f.yaml")
    return info.value


# -- structure: refused at the line where it appears ----------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        (MINI + "title: Again\n", 7, 1, "title: duplicate key (first given on line 2)"),
        ("id: a\ntitle: &t T\n", 2, 8, "title: anchors (&t) are not allowed"),
        ("id: a\ntitle: *t\n", 2, 8, "title: aliases (*t) are not allowed"),
        ("id: a\ntitle: !!python/name:os.system x\n", 2, 8, "YAML tags such as !!python/name"),
        ("id: a\ntitle: !!int 3\n", 2, 8, "title: YAML tags such as !!int are not allowed"),
        ("id: a\ntitle: !local x\n", 2, 8, "YAML tags such as !local are not allowed"),
        (MINI + "---\n" + MINI, 7, 1, "a second YAML document ('---'); a brief is one document"),
        ("", 1, 1, "is empty: a brief needs at least id, title and sections"),
        ("# just a comment\n", 1, 1, "is empty"),
        ("---\n...\n", 1, 1, "is empty"),
        ("id: [a\n", 2, 1, "not valid YAML"),
        ('id: "open\n', 2, 1, "(it starts on line 1)"),
        ("id: a\n\ttitle: b\n", 2, 1, "a tab where YAML allows only spaces"),
        ("id: a\x00\n", 1, 6, "the character U+0000 may not appear"),
        ("é: \x1b\n", 1, 4, "the character U+001B may not appear"),
        ("id: é\nt: é\x9b\n", 2, 5, "the character U+009B may not appear"),
    ],
)
def test_structural_errors_name_line_and_column(
    yaml_loader: str, text: str, line: int, column: int, message: str
) -> None:
    error = error_of(text)
    assert (error.line, error.column) == (line, column), error.message
    assert message in error.message
    assert error.message.startswith(f"f.yaml:{line}:{column}: ")


def test_an_alias_bomb_is_refused_at_its_first_anchor(yaml_loader: str) -> None:
    levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, 10):
        prev, name = chr(96 + n), chr(97 + n)
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    error = error_of("\n".join(levels) + "\n")
    assert (error.line, error.column) == (1, 4)
    assert "anchors (&a) are not allowed" in error.message


@pytest.mark.parametrize("opening", ["[", "{a: ", "- "])
def test_deep_nesting_is_one_error_at_any_depth(yaml_loader: str, opening: str) -> None:
    depth = 100_000
    if opening == "- ":
        text = "".join("  " * i + "-\n" for i in range(2_000))
    else:
        text = opening * depth + ("]" if opening == "[" else "}") * depth
    error = error_of(text)
    assert f"nested deeper than {MAX_DEPTH} levels" in error.message
    assert error.line is not None


def test_nesting_up_to_the_limit_is_fine_and_one_more_is_not() -> None:
    def nested(levels: int) -> str:
        # the brief, its sections list and a section, then ``levels - 3`` lists of paragraphs
        inner = "[" * (levels - 3) + "x" + "]" * (levels - 3)
        return f"id: a\ntitle: T\nsections:\n  - {{id: '1', title: T, paragraphs: {inner}}}\n"

    _, problems = check_brief(nested(MAX_DEPTH), "f.yaml")
    assert all("nested" not in p.message for p in problems)
    assert "nested deeper" in error_of(nested(MAX_DEPTH + 1)).message


def test_too_many_values_and_items_stop_while_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlio, "MAX_NODES", 50)
    monkeypatch.setattr(yamlio, "MAX_ITEMS", 20)
    many = "id: a\ntitle: T\nnotes:\n" + "  - n\n" * 21
    error = error_of(many)
    assert "notes[20]: more than 20 items" in error.message
    assert error.line == 24
    values = "id: a\ntitle: T\nsections:\n" + "".join(
        f"  - {{id: '{n}', title: T, paragraphs: [a, b]}}\n" for n in range(10)
    )
    assert "more than 50 values in one brief" in error_of(values).message


def test_mapping_keys_count_against_the_item_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlio, "MAX_ITEMS", 3)
    text = "".join(f"k{n}: v\n" for n in range(4))
    assert error_of(text).message == "f.yaml:4:1: more than 3 items in one list or mapping"


# -- every text stays the text it is ------------------------------------------------------


def test_scalars_that_other_loaders_convert_stay_text() -> None:
    text = (
        "id: 1.10\ntitle: no\nkind: yes\ndate: 2024-01-01\npublisher: ~\nsource: 0x1F\n"
        "sections:\n  - id: 010\n    title: 1.10\n"
        "    paragraphs: [null, true, 1e3, .inf, 0o17, '12:30', 2001-12-14t21:59:43.10-05:00]\n"
    )
    brief = parse_brief(text)
    assert (brief.meta.id, brief.meta.title, brief.meta.kind) == ("1.10", "no", "yes")
    assert (brief.meta.date, brief.meta.publisher, brief.meta.source) == ("2024-01-01", "~", "0x1F")
    section = brief.sections[0]
    assert (section.id, section.title) == ("010", "1.10")
    assert section.paragraphs == (
        "null", "true", "1e3", ".inf", "0o17", "12:30", "2001-12-14t21:59:43.10-05:00",
    )  # fmt: skip


def test_invalid_dates_are_errors_with_a_line_not_value_errors() -> None:
    error = error_of(MINI.replace("title: Mini", "title: Mini\ndate: 2024-13-45"))
    assert (error.line, error.column) == (3, 7)
    assert "'2024-13-45' is not a calendar date" in error.message
    long_date = MINI.replace("title: Mini", "title: Mini\ndate: " + "9" * 5000)
    assert len(error_of(long_date).message) < 120


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("nk-russia-troops-2025", True),
        ("4-2", True),
        ("1.10", True),
        ("../etc/passwd", False),
        ("a\\b", False),
        ("..", False),
        ("two words", False),
        ('"\\e[2J"', False),
        ('"a\\u202eb"', False),
    ],
)
def test_ids_are_one_plain_word(value: str, ok: bool) -> None:
    brief, problems = check_brief(MINI.replace("id: mini", f"id: {value}"), "f.yaml")
    assert (brief is not None) is ok, problems
    if not ok:
        errors = [p.message for p in problems if p.severity == "error"]
        assert errors == [f"id: {errors[0].split(': ', 1)[1]}"]
        assert errors[0].endswith("must be one word: no spaces, slashes or control characters")


def test_text_longer_than_the_limit_is_an_error_at_its_line() -> None:
    text = MINI.replace("[Hello.]", "[" + "x" * (MAX_TEXT_CHARS + 1) + "]")
    error = error_of(text)
    assert error.line == 6
    assert f"sections[0].paragraphs[0]: longer than {MAX_TEXT_CHARS:,} characters" in error.message
    assert parse_brief(MINI.replace("[Hello.]", "[" + "x" * MAX_TEXT_CHARS + "]"))


# -- messages quote the file safely --------------------------------------------------------


def test_problem_messages_are_one_safe_short_line() -> None:
    text = MINI + '"\\e]52;c;eA==\\a": x\n? ' + "k" * 5000 + "\n: y\n"
    _, problems = check_brief(text, "f\x1b[2J.yaml")
    rendered = [p.render() for p in problems]
    assert rendered[0] == "f\\x1b[2J.yaml:7:1: error: \\x1b]52;c;eA==\\x07: unknown key"
    assert rendered[1].startswith("f\\x1b[2J.yaml:8:3: error: kkkk")
    assert rendered[1].endswith("…: unknown key")
    assert all(len(line) < 150 and "\x1b" not in line for line in rendered)


def test_control_characters_in_text_are_a_warning_not_an_error() -> None:
    brief, problems = check_brief(MINI.replace("[Hello.]", '["a\\e[31mb"]'), "f.yaml")
    assert brief is not None and brief.sections[0].paragraphs == ("a\x1b[31mb",)
    assert problems == [
        Problem(
            "warning",
            "f.yaml",
            6,
            18,
            "sections[0].paragraphs[0]: holds control, bidi or invisible characters "
            "(shown as escapes)",
        )
    ]


def test_check_brief_keeps_its_contract() -> None:
    # validate (another module) relies on this shape: (brief or None, [Problem...]).
    brief, problems = check_brief(MINI, "f.yaml")
    assert isinstance(brief, Brief) and problems == []
    brief, problems = check_brief(MINI.replace("title: Mini", "titel: Mini"), "f.yaml")
    assert brief is None
    # The misspelt key is reported once, as the misspelling (not also as a missing title).
    assert [(p.severity, p.line, p.column) for p in problems] == [("error", 2, 1)]
    assert problems[0].message == "titel: unknown key (did you mean 'title'?)"
    with pytest.raises(InvalidBrief) as info:
        parse_brief(MINI.replace("title: Mini", "titel: Mini"), "f.yaml")
    assert info.value.problems == problems


# -- files: regular files only, bounded, decoded with a line -------------------------------


def test_special_files_are_refused_without_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    (tmp_path / "link").symlink_to(fifo)
    cases = {
        str(fifo): "is a FIFO, not a brief file",
        str(tmp_path / "link"): "is a FIFO, not a brief file",
        str(tmp_path): "is a directory, not a brief file",
        "/dev/zero": "is a device, not a brief file",
        str(tmp_path / "missing"): "no such file",
        str(tmp_path / "missing" / "x"): "no such file",
    }
    for path, message in cases.items():
        with pytest.raises(BriefFileError) as info:
            read_brief_text(path)
        assert f": {message}" in info.value.message
        assert info.value.line is None


def test_a_fifo_swapped_in_after_the_check_does_not_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    real_stat = os.stat

    def first_looks_regular(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        # As if a regular file were replaced by a FIFO between stat and open.
        return real_stat(__file__ if str(path) == str(fifo) else path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", first_looks_regular)
    with pytest.raises(BriefFileError, match="is a FIFO"):
        read_brief_text(fifo)  # opened non-blocking, then fstat: refused, never read


def test_size_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(BriefFileError, match=f"a brief may be at most {MAX_FILE_BYTES:,} bytes"):
        read_brief_text(path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text(MINI)
    path.chmod(0)
    with pytest.raises(BriefFileError, match="cannot read: Permission denied"):
        read_brief_text(path)
    path.chmod(stat.S_IRUSR | stat.S_IWUSR)


@pytest.mark.parametrize(
    ("data", "line", "column", "message"),
    [
        (b"id: a\ntitle: caf\xe9\n", 2, 11, "not valid UTF-8 (byte 0xe9)"),
        (b"id: \xc3\xa9\xc3\xa9 \xff\n", 1, 8, "not valid UTF-8 (byte 0xff)"),
        ("\ufeffid: a".encode("utf-16-le"), 1, 1, "it looks like UTF-16: save it as UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR", 1, 1, "it looks like a binary file"),
    ],
)
def test_invalid_utf8_names_line_and_column(
    data: bytes, line: int, column: int, message: str
) -> None:
    with pytest.raises(BriefFileError) as info:
        decode_text(data, "f.yaml")
    assert (info.value.line, info.value.column) == (line, column)
    assert message in info.value.message


def test_a_byte_order_mark_and_crlf_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "crlf.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINI.replace("\n", "\r\n").encode())
    assert load_brief(path).sections[0].paragraphs == ("Hello.",)


def test_text_with_lone_surrogates_from_the_api_is_one_error() -> None:
    error = error_of(MINI.replace("Hello.", "\ud800"))
    assert "not valid Unicode" in error.message


# -- properties ----------------------------------------------------------------------------


_FRAGMENTS = st.sampled_from(
    [
        "id: ", "title: ", "sections:", "paragraphs:", "glossary:", "timeline:", "notes:",
        "- ", "  ", "\n", "[", "]", "{", "}", ", ", ": ", "? ", "&a ", "*a", "!!str ",
        "!x ", "'", '"', "\\e", "\\u202e", "---\n", "...\n", "# c\n", "|\n", ">-\n", "\t",
        "\x1b", "\u202e", "\x00", "\x85", "\ufeff", "1", "x", "é", "2024-13-45", "<<: ",
        "- id: '1'\n  title: T\n  paragraphs: [p]\n",
    ]
)  # fmt: skip


def _outcome(data: bytes) -> Brief | BriefFileError:
    try:
        return parse_brief(decode_text(data, "f.yaml"), "f.yaml")
    except BriefFileError as exc:
        return exc


def _assert_clean(result: Brief | BriefFileError) -> None:
    if isinstance(result, BriefFileError):
        assert result.message.startswith("f.yaml")
        assert "\n" not in result.message and "\x1b" not in result.message
        assert result.line is None or result.line >= 1


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=300))
def test_any_bytes_give_a_brief_or_one_clean_error(data: bytes) -> None:
    _assert_clean(_outcome(data))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(_FRAGMENTS, max_size=40), pure=st.booleans())
def test_any_yaml_like_text_gives_a_brief_or_one_clean_error(parts: list[str], pure: bool) -> None:
    text = "id: a\ntitle: T\nsections:\n" + "".join(parts)
    original = yamlio._yaml_loader
    try:
        if pure:
            yamlio._yaml_loader = yamlio._pure_loader  # type: ignore[assignment]
        _assert_clean(_outcome(text.encode("utf-8", "surrogatepass")))
    finally:
        yamlio._yaml_loader = original  # type: ignore[assignment]


_TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=30).filter(
    lambda s: s.strip() != ""
)


@settings(max_examples=150, deadline=None)
@given(title=_TEXT, paragraphs=st.lists(_TEXT, min_size=1, max_size=3), term=_TEXT)
def test_any_text_written_as_yaml_reads_back_unchanged(
    title: str, paragraphs: list[str], term: str
) -> None:
    from briefcli.model import GlossaryEntry, Metadata, Section

    brief = Brief(
        Metadata("x", title, "", "", "", ""),
        (Section("1", title, tuple(paragraphs)),),
        (GlossaryEntry(term, "c", "d"),),
    )
    again = parse_brief(to_yaml(brief_to_data(brief)))
    assert again.meta.title == title
    assert again.sections[0].paragraphs == tuple(paragraphs)
    assert again.glossary[0].term == term


# -- a whole brief: each bad one is one error naming file, line and key path ------------


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
