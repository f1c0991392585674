"""A new user's own reports, imported and read with every command: front matter (i, ii before
1), a report without metadata, Japanese text, a table wider than the terminal, and the
reader's glossary and timeline pop-ups."""

from __future__ import annotations

import asyncio
import html
import re
from pathlib import Path

import pytest

from conftest import Runner, golden, write

#: A report as people write them: a foreword and an executive summary before section 1, no
#: date or publisher, a table with a long column and wide (CJK) and right-to-left cells.
FRONT_MATTER_REPORT = """\
# Regional Water Security Assessment 2031

## Foreword

This assessment was commissioned by the Inter-Basin Water Authority (IBWA) in March 2030.

## Executive Summary

Water stress in the region rose sharply between 2020 and 2030. The "Blue Ledger" accounting \
system, introduced in June 2027, now covers 80% of withdrawals.

## 1. Introduction

The Inter-Basin Water Authority (IBWA) oversees 14 reservoirs.

## 2. Findings

| Reservoir | Capacity (hm³) | Level 2030 | Trend since 2020 with a very long header cell |
|---|---|---|---|
| Northfield | 1,200 | 43% | falling steadily every year since the drought of 2022 |
| 東京貯水池 | 830 | 71% | stable |
| خزان الشمال | 400 | 12% | falling |

The Blue Ledger data show withdrawals peaking in August 2028.

## 3. Conclusion

Water security depends on accounting first.
"""

JAPANESE_REPORT = """\
# 地域水資源評価報告書

## 1. 概要

二〇二〇年から二〇三〇年にかけて、地域の水ストレスは急激に高まった。

## 2. 結論

水の安全保障は、まず会計から始まる。
"""

ANSI = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\")


@pytest.fixture
def own(brief: Runner, tmp_path: Path) -> str:
    """The front-matter report imported to a brief file; its path."""
    report = write(tmp_path, "water.md", FRONT_MATTER_REPORT)
    out = tmp_path / "water.yaml"
    result = brief("import", str(report), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    return str(out)


def plain(output: str) -> str:
    """Typeset output without its escape codes."""
    return ANSI.sub("", output)


# -- front matter: i, ii before 1 ---------------------------------------------------------


def test_front_matter_is_numbered_in_the_contents(brief: Runner, own: str) -> None:
    lines = brief("-b", own, "--depth", "1").stdout.splitlines()
    ids = [line.split()[0] for line in lines if re.match(r"^\S+ +\d+ words? ", line)]
    assert ids == ["i", "ii", "1", "2", "3"]


@pytest.mark.parametrize(
    ("args", "first_line"),
    [
        (("show", "ii"), "ii. Executive Summary"),
        (("show", "II"), "ii. Executive Summary"),
        (("show", "section", "i"), "i. Foreword"),
        (("show", "summary"), "ii. Executive Summary"),
        (("read", "i"), "§ i. Foreword"),
    ],
)
def test_a_front_matter_heading_shows_the_id_you_type(
    brief: Runner, own: str, args: tuple[str, ...], first_line: str
) -> None:
    # The contents list 'ii'; the heading used to be the bare title, so nothing on the page
    # said what to type to come back to it.
    result = brief(*args, "-b", own)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == first_line


def test_reading_on_marks_every_front_matter_heading(brief: Runner, own: str) -> None:
    headings = [line for line in brief("read", "i", "-b", own).stdout.splitlines() if "§" in line]
    assert headings[:3] == ["§ i. Foreword", "§ ii. Executive Summary", "§ 1. Introduction"]


def test_the_footer_names_front_matter_by_its_id(brief: Runner, own: str) -> None:
    footer = plain(brief("show", "1", "-b", own, "--color", "always").stdout).splitlines()[-1]
    assert footer == "← ii Executive Summary · 2 Findings →"


def test_the_overview_suggests_a_numbered_section_not_the_summary(brief: Runner, own: str) -> None:
    # The second section is 'ii', the executive summary, which `brief summary` already shows.
    shown = plain(brief("-b", own, "--color", "always", "-w", "200").stdout)
    assert "Try: brief show 2 -b " in shown


@pytest.mark.parametrize(
    ("form", "heading"),
    [
        ("markdown", "\n## ii. Executive Summary\n"),
        ("text", "\nii. Executive Summary\n"),
        ("html", '<li><a href="#section-ii">ii. Executive Summary</a></li>'),
        ("html", '<h2 id="section-ii"><span class="num">ii.</span> Executive Summary</h2>'),
    ],
)
def test_an_export_numbers_front_matter(brief: Runner, own: str, form: str, heading: str) -> None:
    assert heading in brief("export", "-b", own, "-f", form).stdout


def test_a_front_matter_section_is_cited_by_its_id(brief: Runner, own: str) -> None:
    assert "Section ii, “Executive Summary”." in brief("cite", "ii", "-b", own).stdout


# -- export of a report without metadata ---------------------------------------------------


@pytest.mark.parametrize(
    ("form", "empty_heading"),
    [("text", "\nContents\n"), ("markdown", "## Contents\n"), ("html", "<h2>Contents</h2>")],
)
def test_an_export_has_no_empty_contents_heading(
    brief: Runner, own: str, form: str, empty_heading: str
) -> None:
    # An import has no kind, date or publisher: the export took the contents' heading for
    # that line, and printed 'Contents' over nothing.
    result = brief("export", "-b", own, "-f", form)
    assert result.exit_code == 0
    assert empty_heading not in result.stdout
    if form == "text":
        assert result.stdout.split("\n\n")[:2] == [
            "Regional Water Security Assessment 2031",
            "Source: water.md",
        ]


# -- Japanese: words and an empty timeline -------------------------------------------------


def test_the_contents_count_japanese_characters_as_words(brief: Runner, tmp_path: Path) -> None:
    report = write(tmp_path, "ja.md", JAPANESE_REPORT)
    out = tmp_path / "ja.yaml"
    assert brief("import", str(report), "-o", str(out)).exit_code == 0
    lines = brief("-b", str(out)).stdout.splitlines()
    # 概要's paragraph: 24 ideographs and kana (punctuation is no word), and 2020 and 2030
    # written in ideographs; not '1 word'.
    assert re.match(r"1 +3\d words +1 min +概要", lines[4]), lines[4]
    assert lines[-1].endswith("No glossary of its own, no timeline.")


def test_words_of_spaced_scripts_are_counted_as_before() -> None:
    from briefcli.render.contents import words

    assert words(("Le café est prêt.", "Water, 2030.", "خزان الشمال")) == 8
    assert words(("東京 Tokyo 2030年。",)) == 5


# -- a report's table on a narrow terminal -------------------------------------------------


@pytest.mark.parametrize("width", [40, 44, 50, 60, 72, 80, 100])
def test_a_reports_table_never_breaks_a_word(brief: Runner, own: str, width: int) -> None:
    # At 40 columns 'Reservoir' came out as 'Reservoi' over 'r', 'Capacity' as 'Capacit'.
    shown = plain(brief("show", "2", "-b", own, "--color", "always", "-w", str(width)).stdout)
    table_words = set(re.findall(r"[A-Za-z]+", FRONT_MATTER_REPORT.split("## 2. Findings")[1]))
    table = shown.split("─\n", 1)[1].split("The Blue Ledger")[0]
    for word in re.findall(r"[A-Za-z]+", table):
        assert word in table_words, (word, shown)
    assert max(len(line) for line in shown.splitlines()) <= width


def test_a_table_too_narrow_for_its_columns_stacks(brief: Runner, own: str) -> None:
    shown = plain(brief("show", "2", "-b", own, "--color", "always", "-w", "40").stdout)
    assert "Reservoir: Northfield\nCapacity (hm³): 1,200\nLevel 2030: 43%\n" in shown


def test_a_table_that_fits_keeps_short_columns_on_one_line(brief: Runner, own: str) -> None:
    shown = plain(brief("show", "2", "-b", own, "--color", "always", "-w", "80").stdout)
    header = next(line for line in shown.splitlines() if line.startswith("Reservoir"))
    assert "Capacity (hm³)   Level 2030" in header
    golden("own_reports_table_80.txt", shown)


# -- the reader's pop-ups ------------------------------------------------------------------


def _screen(brief_path: str, keys: tuple[str, ...], size: tuple[int, int]) -> str:
    """What `brief browse` shows after ``keys``, as text."""
    pytest.importorskip("textual")
    from briefcli.loader import load_brief
    from briefcli.tui.reader import Reader

    app = Reader(load_brief(brief_path), brief_path, remember=False)
    shown: list[str] = []

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            svg = app.export_screenshot()
            shown.append(html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " "))

    asyncio.run(main())
    return shown[0]


def test_the_readers_glossary_lists_the_terms_brief_glossary_lists(
    brief: Runner, own: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # `brief glossary` lists the terms found in the text of an import; the reader's `g`
    # said "This brief has no glossary."
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    listed = brief("glossary", "-b", own).stdout
    assert "IBWA [extracted]" in listed
    shown = _screen(own, ("g",), (100, 30))
    assert "This brief has no glossary" not in shown
    assert "IBWA [extracted]" in shown
    assert "Used in: i, 1" in shown


def test_the_readers_timeline_puts_events_under_their_dates_when_narrow(
    own: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # At 40 columns an event whose first word fitted beside its date started there, the
    # next one on the line below: 'Jun 2027      ii       The' over '"Blue Ledger" …'.
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    shown = _screen(own, ("t",), (40, 30))
    rows = [line.strip(" │▊▎▅▆▇█") for line in shown.splitlines()]
    at = next(i for i, row in enumerate(rows) if row.startswith("Jun 2027"))
    assert rows[at].split() == ["Jun", "2027", "ii"]
    assert rows[at + 1].startswith('The "Blue Ledger"'), rows[at + 1]
    # Indented under the date, as `brief timeline` stacks on a narrow terminal.
    lines = shown.splitlines()
    assert lines[at + 1].index("The") == lines[at].index("Jun") + 2


# -- search hits in Markdown ---------------------------------------------------------------


def test_search_matches_are_bold_in_markdown(brief: Runner, own: str) -> None:
    # Plain text marks them «so», a terminal in colour; Markdown showed them unmarked.
    from markdown_it import MarkdownIt

    result = brief("search", "ledger", "-b", own, "-f", "markdown")
    assert result.exit_code == 0
    assert "The Blue **Ledger** data show" in result.stdout
    rendered = MarkdownIt("commonmark").render(result.stdout)
    assert "Blue <strong>Ledger</strong> data" in rendered
    # A snippet keeps to the paragraph with its match; a table's row stays literal, its bars
    # escaped, not a table.
    assert "400" not in result.stdout
    table = brief("search", "Northfield", "-b", own, "-f", "markdown")
    assert "Reservoir \\| Capacity" in table.stdout


# -- citing a report in Japanese or Arabic -------------------------------------------------


@pytest.fixture
def japanese(brief: Runner, tmp_path: Path) -> str:
    """The Japanese report imported into the library; its id."""
    report = write(tmp_path, "ja.md", JAPANESE_REPORT)
    result = brief("import", str(report))
    assert result.exit_code == 0, result.stderr
    return Path(result.stdout.strip()).stem


def test_a_citation_of_japanese_text_fits_the_width(brief: Runner, japanese: str) -> None:
    # Counted in characters, each line took up to twice the width: the terminal broke the
    # lines again, and the quote's '> ' was left off the pieces.
    from briefcli.render.text import cells

    shown = brief("cite", "1", "--quote", "-b", japanese, "-w", "40").stdout
    lines = [line for line in shown.splitlines() if line]
    assert max(cells(line) for line in lines) <= 40
    quoted = shown.split("\n\n", 1)[1].splitlines()
    assert len(quoted) > 1
    assert all(line.startswith("> ") for line in quoted)


@pytest.mark.parametrize("form", ["bibtex", "csl-json"])
def test_a_brief_with_a_japanese_id_gets_a_usable_key(
    brief: Runner, japanese: str, form: str
) -> None:
    # The key was '----------:1': one dash for each character of '地域水資源評価報告書'.
    shown = brief("cite", "1", "-b", japanese, "-f", form).stdout
    key = re.search(r"@misc\{([^,]+),|\"id\": \"([^\"]+)\"", shown)
    assert key is not None
    value = key.group(1) or key.group(2)
    assert re.fullmatch(r"brief-[0-9a-f]{8}:1", value), value
    # The same on every run: a bibliography keeps citing it by that key.
    assert brief("cite", "1", "-b", japanese, "-f", form).stdout == shown


def test_an_accented_id_keeps_its_letters_in_the_key() -> None:
    from briefcli.render.citation import _key_id

    assert _key_id("café-report") == "cafe-report"
    assert _key_id("nk-russia-troops-2025") == "nk-russia-troops-2025"
    assert _key_id("東京-2030") == "2030"
    assert _key_id("東京") == _key_id("東京") != _key_id("大阪")


def test_the_readers_help_wraps_each_key_under_its_own_text(
    own: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # At 80 columns 'c' ran on to a line of its own at the pop-up's edge: '│ section'.
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    lines = _screen(own, ("question_mark",), (80, 30)).splitlines()
    at = next(i for i, line in enumerate(lines) if "contents: show or hide" in line)
    following = lines[at + 1]
    assert following.index("section") == lines[at].index("contents"), (lines[at], following)


def test_a_tables_bars_are_no_words() -> None:
    # As text a table is its cells apart by ' | ': each bar counted as a word.
    from briefcli.model import TableBlock
    from briefcli.render.contents import words

    table = TableBlock(("Reservoir", "Level"), (("Northfield", "43%"), ("東京貯水池", "71%")))
    assert words((table,)) == 2 + 2 + 6


# -- Arabic in an exported page ------------------------------------------------------------

ARABIC_REPORT = """\
# تقييم الأمن المائي الإقليمي

## 1. مقدمة

تشرف هيئة المياه بين الأحواض على أربعة عشر خزانًا.

## 2. Method

The survey used satellite data.
"""


def test_an_arabic_paragraph_is_set_right_to_left_in_html(brief: Runner, tmp_path: Path) -> None:
    # Without a direction the browser set Arabic left to right: aligned left, its full
    # stop at the right end.
    report = write(tmp_path, "ar.md", ARABIC_REPORT)
    out = tmp_path / "ar.yaml"
    assert brief("import", str(report), "-o", str(out)).exit_code == 0
    page = brief("export", "-b", str(out), "-f", "html").stdout
    assert '<h1 dir="auto">تقييم الأمن المائي الإقليمي</h1>' in page
    assert '<p dir="auto">تشرف هيئة المياه بين الأحواض على أربعة عشر خزانًا.</p>' in page
    assert "<p>The survey used satellite data.</p>" in page


# -- hints of commands on a terminal -------------------------------------------------------


@pytest.mark.parametrize("width", [40, 60, 80])
def test_a_suggested_command_is_never_cut_in_two(brief: Runner, own: str, width: int) -> None:
    # 'Try: … · brief read -b' over 'water.yaml · brief timeline …': the line broke inside
    # a command, so that a line copied from the screen was half of one.
    result = brief("-b", "water", "--color", "always", "-w", str(width), env=_library(own))
    shown = plain(result.stdout)
    hint = shown.split("Try: ", 1)[1].split("\n\n", 1)[0]
    lines = hint.splitlines()
    assert len(lines) > 1 or width == 80
    for line in lines:
        for command in line.removesuffix(" ·").split(" · "):
            assert re.fullmatch(r"brief \w+( \d+)? -b water", command), (command, hint)


def _library(own: str) -> dict[str, str]:
    """The environment that puts the imported brief's folder in the library."""
    return {"BRIEF_PATH": str(Path(own).parent)}


def test_the_footer_breaks_between_the_parts_either_side(brief: Runner, own: str) -> None:
    shown = plain(brief("show", "1", "-b", own, "--color", "always", "-w", "30").stdout)
    assert shown.splitlines()[-2:] == ["← ii Executive Summary ·", "2 Findings →"]


# -- the library on a narrow terminal ------------------------------------------------------


@pytest.mark.parametrize("color", ["always", "never"])
def test_only_ids_start_a_line_of_a_narrow_library_list(
    brief: Runner, own: str, color: str
) -> None:
    # At 40 columns a long id pushed 'library' to a line of its own, flush left where the
    # ids are: it read as a brief called 'library'.
    env = _library(own)
    brief(
        "import",
        str(Path(own).parent / "water.md"),
        "--id",
        "a-rather-long-brief-id-for-the-x-report",
    )
    shown = plain(brief("list", "--color", color, "-w", "40", env=env).stdout)
    rows = shown.split("\n\n")[0].splitlines()
    flush = [line.split()[0] for line in rows if not line.startswith(" ")]
    assert flush == [
        "a-rather-long-brief-id-for-the-x-report",
        "nk-russia-troops-2025",
        "regional-water-security-assessment-2031",
    ], shown
    at = rows.index(next(line for line in rows if line.startswith("a-rather-long")))
    assert rows[at + 1 : at + 3] == ["  -  library", "  Regional Water Security Assessment 20…"]
