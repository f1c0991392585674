"""Timeline extraction: dated statements in the prose become events with their sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefcli.importers import import_report
from briefcli.importers.timeline import find_dates, sentences, written_date
from briefcli.model import parse_event_date
from conftest import REPO, Runner

SOURCE = REPO / "briefs" / "sources" / "nk-russia-troops-2025.txt"


@pytest.mark.parametrize(
    ("sentence", "dates"),
    [
        # days
        ("The report appeared on February 28, 2025.", ["2025-02-28"]),
        ("It was signed on 19 June 2024 in Pyongyang.", ["2024-06-19"]),
        ("Dated 2025-02-28 in the header.", ["2025-02-28"]),
        ("On the 3rd of March, 2024 the port closed.", ["2024-03-03"]),
        # months
        ("Reports from October 2024 indicate a deployment.", ["2024-10"]),
        ("The signing of a defense treaty in June 2023 changed this.", ["2023-06"]),
        ("Troops moved in Oct. 2024.", ["2024-10"]),
        ("From June to August 2024 the fighting grew.", ["2024-06/2024-08"]),
        # quarters and halves
        ("The last quarter of 2024 suggests more to come.", ["2024-Q4"]),
        ("In the first quarter of 2025 supplies grew.", ["2025-Q1"]),
        ("Deliveries resumed in Q3 2023.", ["2023-Q3"]),
        ("By 2024 Q2 the plan was set.", ["2024-Q2"]),
        ("By 2024 - Q2 the plan was set.", ["2024-Q2"]),
        ("By 2024-Q2 the plan was set.", ["2024-Q2"]),
        ("In the second half of 2024 talks stalled.", ["2024-07/2024-12"]),
        # years and ranges
        ("Relations suffered after the Soviet collapse in 1991.", ["1991"]),
        ("After the Korean War (1950-1953), Russia emerged as an ally.", ["1950/1953"]),
        ("The war (1950–53) ended in an armistice.", ["1950/1953"]),
        ("From 2014 to 2016 sanctions tightened.", ["2014/2016"]),
        ("Between 2014 and 2016 sanctions tightened.", ["2014/2016"]),
        ("The visit in 2019 and the treaty in 2023 were milestones.", ["2019", "2023"]),
        # decades and centuries
        ("Tension ran from the late 1940s to the early 1990s.", ["1940s/1990s"]),
        ("The 1990s were hard for Pyongyang.", ["1990s"]),
        ("Throughout the latter half of the 20th century, ties were close.", ["1950/1999"]),
        ("Phases since the mid-20th century shaped it.", ["1940s/1960s"]),
        ("In the 21st century things changed.", ["2000/2099"]),
        # not dates
        ("About 2000 troops were sent.", []),
        ("Up to 12,000 soldiers may follow.", []),
        ("It costs $2024 a unit.", []),
        ("North Korea may increase troop commitment.", []),
        ("Growth was 2019% in a model.", []),
        ("The year was difficult.", []),
        ("Write to desk2024@example.org for the file.", []),
        ("See page#2024 of the archive.", []),
        # not dates either: a path, a file name, an address without its scheme, an
        # option's or a variable's value (found in real READMEs and release notes)
        ("Logs go to /var/log/app/2021-01-02.log on the host.", []),
        ("Download foo-2019-01-01.tar.gz from the mirror.", []),
        ("Mirrors at example.org/2021/03/04/notes carry it.", []),
        ("Mirrors at ftp.gnu.org/gnu/2021-03-04/ carry it.", []),
        ("Use the folder ~/backups/2019-01-01/ for that.", []),
        ("Filter with --since=2020-01-01 when asked.", []),
        ("Set SOURCE_DATE_EPOCH=2021-01-01 before the build.", []),
        # nor advisory ids, sizes, code, number ranges or copyright notices (from the
        # sweep of real documents: openssl NEWS, man pages, Python's docs)
        ("- Constant time flag not preserved in DSA signing (CVE-2016-2178)", []),
        ("Fixed in RHSA-2019-1234 and DSA-2020-15.", []),
        ("Memory size of the process in KiB (1024-byte units).", []),
        ("Buffer space in units of kilobytes (1024 bytes).", []),
        ("The page size is increased from 1024 to 4096.", []),
        ("The value, ranging from -1000 to +1000, is added.", []),
        ("The cache size is changed from 2000 to -2000 by default.", []),
        ("small_sum = sum(list(range(1000)))", []),
        ("msg['Date'] = datetime(2011, 7, 15, 21)", []),
        ("Y year (1970...)", []),
        ("Copyright © 1990-2022 Free Software Foundation, Inc.", []),
        ("Copyright (C) 1989,1991-2018 Free Software Foundation, Inc.", []),
        ("Copyright 2000-2023 The OpenSSL Project Authors.", []),
        # while a citation, a range of years and a year after a unit are still dates
        ("It appeared in a recent (1993) AT&T awk.", ["1993"]),
        ("As Mavko (1998, pp. 3) and Batzle and Wang (1992) found.", ["1998", "1992"]),
        ("From 1990 to 1995 it grew; by 2000 it had 1024 users.", ["1990/1995", "2000"]),
        ("Prices rose in 2014 to 2016 levels.", ["2014"]),
        # while a date next to one is still found
        ("Released on 2021-01-02. See /var/log/app.log for more.", ["2021-01-02"]),
        ("The tag 2020-05-05 was pushed on 6 May 2020.", ["2020-05-05", "2020-05-06"]),
    ],
)
def test_find_dates(sentence: str, dates: list[str]) -> None:
    assert find_dates(sentence) == dates
    for date in dates:
        parse_event_date(date)  # every one is a valid brief date


def test_sentences_do_not_end_at_abbreviations() -> None:
    text = (
        "The U.S. and its allies met in Jan. 2024. Dr. Kim spoke. It ended (finally). "
        "Next came 1991. Then this."
    )
    assert list(sentences(text)) == [
        "The U.S. and its allies met in Jan. 2024.",
        "Dr. Kim spoke.",
        "It ended (finally).",
        "Next came 1991.",
        "Then this.",
    ]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("February 28, 2025", "2025-02-28"),
        ("28 February 2025", "2025-02-28"),
        ("Feb 28 2025", "2025-02-28"),
        ("2025-02-28", "2025-02-28"),
        ("June 2023", "2023-06"),
        ("2024", "2024"),
        ("February 30, 2025", None),
        ("tomorrow", None),
        ("", None),
    ],
)
def test_written_date(text: str, date: str | None) -> None:
    assert written_date(text) == date


def test_the_reports_dated_statements() -> None:
    result = import_report(SOURCE.read_bytes(), "nk.txt")
    found = [(e.date.text, e.date.precision, e.sections) for e in result.timeline]
    assert found == [
        ("1940s/1960s", "range", ("3-1",)),
        ("1950/1953", "range", ("3-1",)),
        ("1950/1999", "range", ("3-2",)),
        ("1991", "year", ("3-1",)),
        ("2014", "year", ("3-1",)),
        ("2019", "year", ("3-1",)),
        ("2023-06", "month", ("3-1",)),
        ("2024-10", "month", ("4-2",)),
        ("2024-Q4", "quarter", ("4-2",)),
    ]
    assert all(e.origin == "report" for e in result.timeline)
    paragraphs = " ".join(p for s in result.sections for p in s.all_paragraphs())
    assert all(e.event in paragraphs for e in result.timeline)  # the report's own sentences
    assert result.timeline[-1].event.startswith("The last quarter of 2024 suggests")


def test_the_timeline_and_glossary_links_of_an_import(brief: Runner, tmp_path: Path) -> None:
    out = tmp_path / "x.yaml"
    assert brief("import", str(SOURCE), "-o", str(out)).exit_code == 0
    listed = brief("timeline", "--since", "2023", "--brief", str(out))
    assert listed.exit_code == 0
    assert listed.stdout.splitlines()[0].startswith("Jun 2023  3-1  Notably, the signing")
    assert "[editor]" not in listed.stdout  # all of it is the report's own words
    term = brief("glossary", "Storm Corps", "--brief", str(out))
    assert "Used in: 2-1, 4-1" in term.stdout


@pytest.mark.parametrize(
    "run",
    [
        *("`" * 30_000, "#" * 30_000, "a@" * 15_000, "2024" + " " * 30_000, "1" * 30_000),
        *("a." * 15_000, "a=" * 15_000, "a/" * 15_000, "-1" * 15_000),
    ],
    ids=lambda run: f"{run[:4]!r}-{len(run)}",
)
def test_long_runs_of_one_character_give_the_dates_around_them(run: str) -> None:
    """Runs that made the date patterns backtrack (quadratic time) are read in one pass."""
    assert find_dates(f"In March 2024 it began. {run} It ended in May 2025.") == [
        "2024-03",
        "2025-05",
    ]


@pytest.mark.parametrize(
    ("sentence", "dates"),
    [
        ("北朝鮮は2024年10月に部隊を派遣した。", ["2024-10"]),
        ("2025年2月28日に報告が出た。", ["2025-02-28"]),
        ("両国の関係は1961年の条約にさかのぼる。", ["1961"]),
        ("２０２４年１０月３日に会談した。", ["2024-10-03"]),
        ("2024년 10월 3일 보고서가 나왔다.", ["2024-10-03"]),
        ("2024年13月に", []),
        ("第9999年", []),
    ],
)
def test_dates_as_chinese_japanese_and_korean_write_them(sentence: str, dates: list[str]) -> None:
    assert find_dates(sentence) == dates


def test_a_japanese_report_gets_one_event_a_sentence() -> None:
    """'。' ends a sentence with no space after it: each event is its own sentence, and a
    clause written without spaces is an event, not a label."""
    text = (
        "報告\n\n1. 概要\n\n北朝鮮は2024年10月に部隊を派遣した。重要な転換である。"
        "「2025年2月28日に報告が出た。」と述べた。\n\n"
        "2. 背景\n\n両国の関係は1961年の条約にさかのぼる。\n"
    )
    brief = import_report(text.encode(), "r.txt")
    assert [(e.date.text, e.event, e.sections) for e in brief.timeline] == [
        ("1961", "両国の関係は1961年の条約にさかのぼる。", ("2",)),
        ("2024-10", "北朝鮮は2024年10月に部隊を派遣した。", ("1",)),
        ("2025-02-28", "「2025年2月28日に報告が出た。」", ("1",)),
    ]
