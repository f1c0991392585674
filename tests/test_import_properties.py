"""Property tests: any input gives a brief that validates and round-trips, or a clean error."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from briefcli.errors import BriefError
from briefcli.importers import brief_yaml, import_report
from briefcli.importers.draft import Heading, Item, listed_headings
from briefcli.loader import check_brief, parse_brief

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FORMS = ("auto", "goover", "markdown")


def imports_cleanly(data: bytes, name: str, form: str) -> None:
    """The property itself: a clean error, or a valid brief that survives a round trip."""
    try:
        brief = import_report(data, name, form)
    except BriefError as exc:
        assert exc.message and "\n" not in exc.message
        return
    text = brief_yaml(brief, name)
    checked, problems = check_brief(text, name)
    assert checked is not None, [p.render() for p in problems]
    assert [p for p in problems if p.severity == "error"] == []
    assert parse_brief(text, name) == brief


# Pieces that real reports are made of, so that the generated text reaches deep into both
# parsers rather than failing on the first line.
GOOVER_LINES = st.one_of(
    st.sampled_from(
        [
            "Your browser does not support JavaScript!",
            "General Report February 28, 2025",
            "goover",
            "TABLE OF CONTENTS",
            "Conclusion",
            "Glossary",
            "Source Documents",
            "",
            "  ",
            "• ",
            "- ",
            "Storm Corps [Concept]: A unit.",
            "Term: a definition",
            "https://example.org/x",
            "In June 2023 and the last quarter of 2024, 3, 000 troops (1950-1953).",
            "'Storm Corps, ' is",
        ]
    ),
    st.builds(lambda n, t: f"{n}. {t}", st.integers(0, 12), st.text(max_size=20)),
    st.builds(
        lambda a, b, t: f"• {a}-{b}. {t}",
        st.integers(0, 9),
        st.integers(0, 9),
        st.text(max_size=20),
    ),
    st.builds(lambda b, t: f"{b}{t}", st.sampled_from(["• ", "- ", "* ", "· ", "\t"]), st.text()),
    st.text(max_size=60),
)
MARKDOWN_LINES = st.one_of(
    st.sampled_from(
        [
            "---",
            "title: Front",
            "date: 2024-01-02",
            "...",
            "```",
            "```python",
            "~~~",
            "    indented code",
            "> quoted",
            "> > deeper",
            "| a | b |",
            "|---|:-:|",
            "<div>",
            "</div>",
            "<!-- comment",
            "-->",
            "[ref]: https://example.org",
            "===",
            "***",
            "- **Term** [Cat]: definition",
            "- [Intro](#intro)",
            "- [Outlook](https://example.org/report#outlook)",
            "- [Table 1. Votes](#t1)",
            "Intro",
            "Outlook",
            "Summary",
            "",
        ]
    ),
    st.builds(lambda n, t: "#" * n + " " + t, st.integers(1, 7), st.text(max_size=20)),
    st.builds(
        lambda indent, marker, t: " " * indent + marker + " " + t,
        st.integers(0, 8),
        st.sampled_from(["-", "*", "+", "1.", "2)", "10."]),
        st.text(max_size=30),
    ),
    st.builds(
        lambda t: t,
        st.text(alphabet=st.sampled_from(list("[]()!<>`*_~\\&#;:| abc\n")), max_size=40),
    ),
    st.text(max_size=60),
)


@SETTINGS
@given(st.text(), st.sampled_from(FORMS))
def test_any_text(text: str, form: str) -> None:
    imports_cleanly(text.encode("utf-8", "surrogatepass"), "any.txt", form)


@SETTINGS
@given(st.binary(max_size=2000), st.sampled_from(FORMS))
def test_any_bytes(data: bytes, form: str) -> None:
    imports_cleanly(data, "any.bin", form)


@SETTINGS
@given(
    st.lists(GOOVER_LINES, min_size=1, max_size=40),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.sampled_from(FORMS),
)
def test_goover_like_text(lines: list[str], newline: str, form: str) -> None:
    text = "Title\n" + newline.join(lines)
    imports_cleanly(text.encode("utf-8", "surrogatepass"), "report.txt", form)


@SETTINGS
@given(st.lists(MARKDOWN_LINES, min_size=1, max_size=40), st.sampled_from(FORMS))
def test_markdown_like_text(lines: list[str], form: str) -> None:
    text = "\n".join(lines)
    imports_cleanly(text.encode("utf-8", "surrogatepass"), "doc.md", form)


@pytest.mark.parametrize(
    "text",
    [
        "*" * 20000 + "a",
        "[" * 20000,
        "`" * 5000 + "a" + "``" * 5000,
        "_a " * 10000,
        "<a " * 10000,
        ("- " * 500 + "x\n") * 5,
        "> " * 5000 + "x",
    ],
    ids=["stars", "brackets", "backticks", "underscores", "tags", "list-markers", "quotes"],
)
def test_hostile_markdown_finishes(text: str) -> None:
    imports_cleanly(("# T\n\n" + text).encode(), "hostile.md", "markdown")


@SETTINGS
@given(st.text())
@example("\u115f")  # a Hangul filler: a letter to \w, invisible to a reader
def test_any_title_gives_a_safe_file_name(title: str) -> None:
    from briefcli.files import RESERVED_NAMES, safe_filename
    from briefcli.importers.naming import MAX_STEM, slug

    stem = slug(title)
    assert re.fullmatch(r"[^\W_]+(?:-[^\W_]+)*", stem)
    assert len(stem) <= MAX_STEM
    assert stem.casefold() not in RESERVED_NAMES
    name = safe_filename(stem, ".yaml")
    assert len(name.encode("utf-8")) <= 120
    assert stem.startswith(name.removesuffix(".yaml"))


def test_a_file_name_with_control_characters_is_escaped_in_the_brief(tmp_path: Path) -> None:
    from briefcli.cli import run
    from briefcli.loader import load_brief

    source = tmp_path / "evil\x1b]0;x\x07.txt"
    source.write_text("Title\n\n1. Summary\n\n• Text.\n\n2. More\n\n• Text.\n")
    out = tmp_path / "out.yaml"
    assert run(["import", str(source), "-o", str(out)]) == 0
    assert "\x1b" not in out.read_text() and "\x07" not in out.read_text()
    assert load_brief(out).meta.source == "evil\x1b]0;x\x07.txt"


@settings(SETTINGS, derandomize=True)
@given(st.lists(MARKDOWN_LINES, min_size=1, max_size=30))
@example(["---", "title: Front", "---"])
@example(["---", "\x1b", "---"])
@example(["---", "~~~", "---", "title: Front", "---"])
@example(["---", "> quoted", "---", "title: Front", "---"])
def test_every_top_level_heading_is_a_section_or_the_title(lines: list[str]) -> None:
    """Each heading markdown-it-py finds (outside lists and quotes) is the title, a section
    or a subsection of the brief, in order: the importer loses none."""
    markdown_it = pytest.importorskip("markdown_it")
    from briefcli.importers import markdown_source

    text = "\n".join(lines)
    for end in ("\r\n", "\r", "\x85", "\u2028", "\u2029"):
        text = text.replace(end, "\n")
    try:
        # Front matter is metadata, not a setext heading: the reference reads the body the
        # importer reads; front matter that is not valid YAML is an error of its own.
        _, body = markdown_source._front_matter(text, "<markdown>")
    except BriefError as exc:
        assert "front matter" in exc.message
        return
    tokens = markdown_it.MarkdownIt("commonmark").enable("table").parse(body)
    expected = sum(
        1
        for index, token in enumerate(tokens)
        if token.type == "heading_open" and token.level == 0 and tokens[index + 1].content.strip()
    )
    try:
        brief, drafts = markdown_source.parse(text)
    except BriefError:
        assert expected == 0 or not text.strip()
        return
    found = sum(1 + len(d.subs) for d in drafts if d.line) + (brief.meta.title != "")
    assert found >= expected


CONTENTS_ITEMS = st.one_of(
    st.sampled_from(
        ["- Intro (#intro)", "- Outlook (https://h/p#o)", "Intro", "Outlook", "Summary",
         "- Intro", "Executive Summary", "- Table 1. Votes (#t)", "Intro\nmore"]
    ),
    st.builds(lambda level, title: Heading(level, title), st.integers(1, 4),
              st.sampled_from(["Contents", "Intro", "Report"])),
    st.text(max_size=20),
)  # fmt: skip


@SETTINGS
@given(st.lists(CONTENTS_ITEMS, max_size=30))
@example(["- Intro (#intro)", "- Outlook (https://h/p#o)", "- Intro (#i2)", "Intro", "Outlook"])
def test_headings_a_contents_list_names_replace_their_paragraphs_one_for_one(
    items: list[Item],
) -> None:
    found = listed_headings(items)
    assert len(found) == len(items)
    promoted = []
    for old, new in zip(items, found, strict=True):
        if new is old:
            continue
        assert isinstance(old, str) and isinstance(new, Heading)
        assert new.title == " ".join(old.split())
        promoted.append(new.title)
    assert len(promoted) == len(set(promoted))  # each title becomes a heading once at most
