"""Every case named in issue 12, as a minimal input: what a new user saw, and what they see now."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefcli.errors import BriefFileError
from briefcli.importers import NotAReport, brief_yaml, import_report, outline
from briefcli.importers.timeline import extract, find_dates
from briefcli.model import Brief, CodeBlock, TableBlock
from conftest import Runner, paragraphs, write


def ids(brief: Brief) -> list[str]:
    return [i for s in brief.sections for i in (s.id, *(u.id for u in s.subsections))]


# -- Markdown ----------------------------------------------------------------------------------


def test_a_gfm_table_is_a_table_block() -> None:
    text = "# T\n\n## Data\n\n| Name | Value |\n| --- | --- |\n| ice | 3 |\n| snow | 4 |\n"
    brief = import_report(text.encode(), "t.md")
    assert paragraphs(brief) == [TableBlock(("Name", "Value"), (("ice", "3"), ("snow", "4")))]


@pytest.mark.parametrize(
    ("item", "kept"),
    [
        (
            "- [Stabilize `[T]::as_ptr`](https://e.org/2)",
            "- Stabilize `[T]::as_ptr` (https://e.org/2)",
        ),
        ("[a [b]: c", "[a [b]: c"),
        ("Press <Ctrl-Z Return> to quit", "Press <Ctrl-Z Return> to quit"),
        ("Text[^1] here.\n\n[^1]: https://x.org", "[^1]: https://x.org"),
    ],
)
def test_nothing_vanishes_from_markdown(item: str, kept: str) -> None:
    brief = import_report(f"# T\n\n## Notes\n\n{item}\n".encode(), "t.md")
    assert kept in paragraphs(brief)


def test_angle_brackets_in_a_text_file_are_text() -> None:
    text = "Manual\n\n1. Keys\n\nPress <Ctrl-Z Return> to quit.\n\n2. More\n\nText.\n"
    brief = import_report(text.encode(), "manual.txt")
    assert "Press <Ctrl-Z Return> to quit." in paragraphs(brief)


def test_a_documents_own_numbers_are_its_ids(brief: Runner, tmp_path: Path) -> None:
    text = "# Spec\n\n## 0. Preface\n\nP.\n\n## 1. Rules\n\n### 1.1. First\n\nF.\n\n"
    text += "#### 1.1.1 Detail\n\nD.\n"
    source = write(tmp_path, "spec.md", text)
    result = import_report(text.encode(), "spec.md")
    assert ids(result) == ["0", "1", "1-1", "1-1-1"]
    assert [s.title for s in result.sections] == ["Preface", "Rules"]
    out = tmp_path / "spec.yaml"
    assert brief("import", str(source), "-o", str(out)).exit_code == 0
    assert brief("show", "1", "-b", str(out)).stdout.startswith("1. Rules")
    shown = brief("show", "1.1.1", "-b", str(out))
    assert shown.exit_code == 0 and "D." in shown.stdout


def test_a_version_in_a_heading_stays_in_its_title() -> None:
    brief = import_report(b"# Changes\n\n## 2.0.1 - 2022-04-01\n\nFixed.\n", "c.md")
    assert brief.sections[0].title == "2.0.1 - 2022-04-01"


def test_a_code_block_is_a_code_block_kept_verbatim() -> None:
    code = "```bash\n# on Linux\nmake -C deps clean\n```"
    brief = import_report(f"# T\n\n## Build\n\n{code}\n".encode(), "t.md")
    assert paragraphs(brief) == [CodeBlock("# on Linux\nmake -C deps clean", "bash")]


def test_front_matter_goes_through_the_strict_reader() -> None:
    bomb = "---\na: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n---\n"
    with pytest.raises(BriefFileError, match=r"t\.md:\d+:\d+: front matter: .*(anchor|alias)"):
        import_report((bomb + "# T\n\n## S\n\nText.\n").encode(), "t.md")
    plain = "---\ntitle: Field Notes\ndate: 2024-05-01\n---\n# T\n\n## S\n\nText.\n"
    brief = import_report(plain.encode(), "t.md")
    assert (brief.meta.title, brief.meta.date) == ("Field Notes", "2024-05-01")


def test_deep_nesting_keeps_every_word() -> None:
    text = "# T\n\n" + "".join("  " * n + f"- level{n}\n" for n in range(90))
    joined = "\n".join(paragraphs(import_report(text.encode(), "t.md")))
    assert all(f"level{n}" in joined for n in range(90))


# -- plain text ------------------------------------------------------------------------------

REPORT = """\
Harbour Report

1. Summary

The port closed in the winter, and the losses of the first weeks were put at around
300. Most casualties were among the smaller fishing boats.

2. Measures

The authority's steps, in order:

1. Dredge the channel
2. Extend the breakwater
3. Coordinate sanctions with the EU
4. Train the pilots

3. Outlook

Reopening is expected in spring.

4. Conclusion

Prepare early.
"""


def test_a_wrapped_line_and_a_list_are_no_sections(brief: Runner, tmp_path: Path) -> None:
    result = import_report(REPORT.encode(), "harbour.txt")
    assert [(s.id, s.title) for s in result.sections] == [
        ("1", "Summary"),
        ("2", "Measures"),
        ("3", "Outlook"),
        ("4", "Conclusion"),
    ]
    assert "3. Coordinate sanctions with the EU" in "\n".join(paragraphs(result))
    out = tmp_path / "h.yaml"
    source = write(tmp_path, "harbour.txt", REPORT)
    assert brief("import", str(source), "-o", str(out)).exit_code == 0
    assert brief("show", "2", "-b", str(out)).exit_code == 0


@pytest.mark.parametrize("label", ["References", "Sources", "Contents"])
def test_a_part_line_before_the_body_does_not_swallow_it(label: str) -> None:
    text = f"Report\n\n{label}\n\n- Reuters - https://reuters.example/a\n\n"
    text += "1. Summary\n\nThe body.\n\n2. Next\n\nMore body.\n"
    result = import_report(text.encode(), "r.txt")
    assert [s.title for s in result.sections if s.id != "0"] == ["Summary", "Next"]
    assert "The body." in paragraphs(result) and "More body." in paragraphs(result)


def test_an_rfc_like_spec() -> None:
    text = (
        "\nThe Example Format\n==================\n\n        1. Intro\n        2. Layout\n"
        "           2.1. Header\n\n\n1. Intro\n\n        This document describes the format.\n"
        "        It is short.\n\n\n2. Layout\n\n        Two parts.\n\n\n2.1. Header\n\n"
        "        Four bytes.\n"
    )
    result = import_report(text.encode(), "spec.txt")
    assert result.meta.title == "The Example Format"
    assert ids(result) == ["1", "2", "2-1"]
    assert result.sections[0].paragraphs == ("This document describes the format. It is short.",)


def test_headings_ending_in_a_full_stop() -> None:
    text = "LICENCE\n\n  0. Definitions.\n\n  Words mean things.\n\n  1. Source Code.\n\n  Code.\n"
    result = import_report(text.encode(), "licence.txt")
    assert [(s.id, s.title) for s in result.sections] == [
        ("0", "Definitions"),
        ("1", "Source Code"),
    ]


def test_the_outline_with_line_numbers(brief: Runner, tmp_path: Path) -> None:
    source = write(tmp_path, "harbour.txt", REPORT)
    assert [(e.line, e.id, e.title) for e in outline(REPORT.encode(), "harbour.txt")] == [
        (3, "1", "Summary"),
        (8, "2", "Measures"),
        (17, "3", "Outlook"),
        (21, "4", "Conclusion"),
    ]
    result = brief("import", str(source), "--outline")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1].split() == ["3", "1", "Summary"]
    assert list(tmp_path.iterdir()) == [source]  # nothing written
    assert not (tmp_path / "data").exists()


# -- timeline --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "See https://e.org/notes#cargo-166-2022-12-15 for more.",
        "Pin `node-build:2020-02-14` in CI.",
        "Add PyPy 7.3.0 (1502).",
        "Fixed in v2.14.4 and 3.12.1-rc1.",
    ],
)
def test_no_date_from_urls_code_or_versions(sentence: str) -> None:
    assert find_dates(sentence) == []


def test_dated_headings_are_events_and_blocks_are_not() -> None:
    text = (
        "# Changelog\n\n## 1.2.0 (2024-03-01)\n\n```\nmake 2020-01-01\n```\n\n"
        "| when | what |\n|---|---|\n| 2021-03-04 | x |\n\n## v2.14.4 (2026-11-19)\n\nFixes.\n"
    )
    brief = import_report(text.encode(), "CHANGELOG.md")
    assert [(e.date.text, e.event, e.sections) for e in brief.timeline] == [
        ("2024-03-01", "1.2.0", ("1",)),
        ("2026-11-19", "v2.14.4", ("2",)),
    ]


def test_an_event_is_a_sentence_capped_and_the_brief_stays_readable() -> None:
    paragraph = " ".join(f"on June {n % 28 + 1}, {1990 + n % 30} a ship came" for n in range(2800))
    text = f"# Log\n\n## Days\n\n{paragraph}\n"
    brief = import_report(text.encode(), "log.md")
    assert brief.timeline and all(len(e.event) <= 300 for e in brief.timeline)
    assert all(e.event in paragraph for e in brief.timeline)  # the report's own words
    assert len(brief_yaml(brief, "log.md")) < 3 * len(text)


def test_a_report_too_large_is_refused_up_front(brief: Runner, tmp_path: Path) -> None:
    from briefcli.importers import MAX_IMPORT_BYTES

    source = tmp_path / "big.txt"
    source.write_bytes(b"Big\n\n1. One\n\n" + b"word " * (MAX_IMPORT_BYTES // 5 + 1))
    result = brief("import", str(source), "-o", str(tmp_path / "out.yaml"))
    assert result.exit_code == 2
    assert f"at most {MAX_IMPORT_BYTES:,} bytes" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "out.yaml").exists()


@pytest.mark.parametrize("extra", [1, 3 * 1024 * 1024])
def test_every_report_too_large_names_the_one_limit(
    brief: Runner, tmp_path: Path, extra: int
) -> None:
    """Just over the limit or far over it, a file is refused with the same limit, the one
    that applies (not a larger first bound for reading)."""
    from briefcli.importers import MAX_IMPORT_BYTES

    source = tmp_path / "big.md"
    source.write_bytes(b"# Big\n\n" + b"x" * (MAX_IMPORT_BYTES + extra))
    result = brief("import", str(source), "-o", str(tmp_path / "out.yaml"))
    assert result.exit_code == 2
    assert f"at most {MAX_IMPORT_BYTES:,} bytes" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "out.yaml").exists()


def test_stdin_too_large_does_not_claim_a_size_it_never_read(tmp_path: Path) -> None:
    """Stdin is read only to the limit: the message says 'more than', not a made-up size."""
    import os
    import subprocess
    import sys

    from briefcli.importers import MAX_IMPORT_BYTES

    out = tmp_path / "out.yaml"
    done = subprocess.run(
        [sys.executable, "-m", "briefcli", "import", "-", "-o", str(out)],
        input=b"# Big\n\n" + b"x" * (2 * MAX_IMPORT_BYTES),
        capture_output=True,
        env=dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data")),
        check=False,
    )
    stderr = done.stderr.decode()
    assert done.returncode == 2
    assert f"more than {MAX_IMPORT_BYTES:,} bytes" in stderr
    assert f"{MAX_IMPORT_BYTES + 1:,}" not in stderr
    assert len(stderr.splitlines()) == 1
    assert not out.exists()


def test_a_brief_too_large_to_read_is_never_written(monkeypatch: pytest.MonkeyPatch) -> None:
    import briefcli.files

    brief = import_report(b"Report\n\n1. One\n\nSome text here.\n", "r.txt")
    monkeypatch.setattr(briefcli.files, "MAX_FILE_BYTES", 100)
    with pytest.raises(NotAReport, match="brief reads briefs of at most 100 bytes"):
        brief_yaml(brief, "r.txt")


# -- properties --------------------------------------------------------------------------------

TITLES = st.text(st.sampled_from("abcdefghij klmn"), min_size=1, max_size=30).map(
    lambda t: "Part " + " ".join(t.split())
)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    st.lists(st.tuples(TITLES, st.integers(0, 3), st.integers(0, 4)), min_size=1, max_size=8),
    st.booleans(),
)
@example([("Part a", 0, 2)], True)
def test_numbered_sections_are_found_whatever_lists_they_hold(
    sections: list[tuple[str, int, int]], wrapped: bool
) -> None:
    """Sections 1…n with subsections and numbered lists inside come out as exactly 1…n."""
    lines = ["Generated Report", ""]
    want = []
    for number, (title, subs, items) in enumerate(sections, start=1):
        lines += [f"{number}. {title}", "", "Some text about it.", ""]
        want.append(str(number))
        lines += [f"{item}. Step {item} of the plan" for item in range(1, items + 1)] + [""]
        for sub in range(1, subs + 1):
            lines += [f"{number}.{sub}. Detail {sub}", "", "More text", "here." if wrapped else ""]
            lines.append("")
            want.append(f"{number}-{sub}")
    brief = import_report("\n".join(lines).encode(), "gen.txt")
    assert ids(brief) == want


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.dates(), st.sampled_from(["https://e.org/{}", "`tag:{}`", "x.org/a#{}"]))
def test_a_date_inside_a_url_or_code_is_never_an_event(day: object, shape: str) -> None:
    assert find_dates("Released " + shape.format(day) + " quietly.") == []


def test_timeline_extract_is_the_one_the_importer_uses() -> None:
    brief = import_report(b"# T\n\n## S\n\nIn June 2023 it began.\n", "t.md")
    assert extract(brief) == brief.timeline


def test_a_restructuredtext_title_with_a_label_and_an_overline_is_the_title() -> None:
    """'.. _label:' before it is markup, and the line between two rules is the title."""
    text = (
        ".. _socket-howto:\n\n"
        "****************************\n  Socket Programming HOWTO\n****************************\n\n"
        ":Author: Gordon McMillan\n\n"
        "Sockets\n=======\n\nSockets are used nearly everywhere.\n\n"
        "Creating a Socket\n=================\n\nRoughly speaking, a socket is made.\n"
    )
    brief = import_report(text.encode(), "sockets.rst.txt")
    assert brief.meta.title == "Socket Programming HOWTO"
    assert [s.title for s in brief.sections][-2:] == ["Sockets", "Creating a Socket"]


def test_a_file_of_markup_alone_has_no_title() -> None:
    with pytest.raises(NotAReport):
        import_report(b".. comment\n\n.. _target:\n", "markup.txt")


@pytest.mark.parametrize("rule", ["", "**********************\n"])
def test_a_text_that_is_a_title_over_its_body_is_one_section(rule: str) -> None:
    """As a Markdown '# Title' over text: the title, and one section holding every paragraph."""
    text = (
        ".. highlight:: c\n\n.. _abstract:\n\n"
        f"{rule}Abstract Objects Layer\n**********************\n\n"
        "The functions in this chapter interact with Python objects regardless of their type.\n\n"
        "It is not possible to use these functions on objects that are not initialized.\n"
    )
    brief = import_report(text.encode(), "abstract.rst.txt")
    assert brief.meta.title == "Abstract Objects Layer"
    assert len(brief.sections) == 1
    assert brief.sections[0].paragraphs[-2:] == (
        "The functions in this chapter interact with Python objects regardless of their type.",
        "It is not possible to use these functions on objects that are not initialized.",
    )


def test_a_lone_underline_in_running_text_is_still_no_structure() -> None:
    """Only a title at the top makes a one-section brief; a rule further down does not."""
    text = "some notes\nmore notes here\n\nA line\n------\n\nand text after it\n"
    with pytest.raises(NotAReport):
        import_report(text.encode(), "notes.txt")


def test_an_indented_title_between_two_rules_is_a_heading() -> None:
    """reST: '####' / '  The Python Language Reference' / '####', rules longer than the title."""
    text = (
        ".. _reference-index:\n\n"
        "#################################\n  The Python Language Reference\n"
        "#################################\n\n"
        "This reference manual describes the syntax and core semantics of the language.\n"
    )
    brief = import_report(text.encode(), "index.rst.txt")
    assert brief.meta.title == "The Python Language Reference"
    assert brief.sections[0].paragraphs[-1].startswith("This reference manual")
    assert not any("####" in p for s in brief.sections for p in s.paragraphs)
