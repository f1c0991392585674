"""Cases from the timeline sweep of real reports (policy and news-like reports, PEPs, a CRS
report, a Federal Register notice, a paper, changelogs): each a minimal input written here in
the same shape, with what a demanding reader expects on the timeline."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from briefcli.importers import import_report
from briefcli.importers.timeline import find_dates
from briefcli.model import parse_event_date

Event = tuple[str, str, tuple[str, ...]]


def events(markdown: str) -> list[Event]:
    """(date, text, sections) of each event of a Markdown report."""
    brief = import_report(markdown.encode(), "report.md")
    return [(e.date.text, e.event, e.sections) for e in brief.timeline]


def report(*sections: str) -> str:
    """A Markdown report whose sections hold the given texts, titled 'Part 1', 'Part 2' …"""
    parts = [f"## Part {n}\n\n{text}\n" for n, text in enumerate(sections, 1)]
    return "# A report\n\n" + "\n".join(parts)


# -- false events --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        # a section number after 'or': the second of two numbers, not a second year
        "Anyone harmed by a breach of section 1201 or 1202 may sue.",
        "Rules 1500 and 1600 apply to it.",
        # a build number in brackets with another after it, not a citation
        "Feature updates (1709, 22H2) ship twice a year.",
        # an identifier of the form YEAR-NN-NN, cut at a line's end by a PDF reader
        "This proposed AD would supersede AD 2018–23–",
        "See bulletin 2019-14-06 for details.",
        # a table of contents' line
        "4.2. Action plan 2021-2026 ............................ 24",
    ],
)
def test_numbers_that_are_no_dates(sentence: str) -> None:
    assert find_dates(sentence) == [] or events(report(sentence)) == []


def test_a_table_cell_or_a_fragment_with_a_date_alone_is_no_event() -> None:
    # Cells of a table the PDF reader gave as lines, and a column's broken-off line.
    found = events(report("Texas 2005-09-23\n\n2021-2022\n\ndated June 10, 2020."))
    assert found == []


@pytest.mark.parametrize(
    "paragraph",
    [
        # a PDF table's row of names and dates
        "Roberts 2005-10-03 Supreme Court Miers 2005-10-20 Senate",
        "New Orleans 2005-09-25",
        # a line broken off at both ends (a PDF's two columns interleaved)
        "design standard was promulgated in 2007 and therefore is part of the",
        "62697, December 6, 2018; corrected",
        "dated June 10, 2020.",  # a word and a date, not opening a section
        "|x 2019-01-01",  # a line that opens with a bar but has no cells
        # a paper cited by its authors: when it appeared is no event of the report
        "Sato et al. (2004) tried to extract relations.",
    ],
)
def test_rows_fragments_and_citations_give_no_event(paragraph: str) -> None:
    assert events(report("It begins.\n\n" + paragraph)) == []


@pytest.mark.parametrize(
    "paragraph",
    [
        "2.7.3 2012-03-09",  # a release and its day, in a PEP's schedule
        "- Update to 2008-08-04",  # a changelog's item
        "Version 1.3, 3 November 2008",  # a licence's version line
        "Post-History: `19-Jun-2009 <https://e.org/list/dev@python.org/t/1>`__",  # not a signature
        "Created: 03-Jan-2019",
        "- Added 2007-11-26: Armi, Cakm, Kthi",  # a list's item of names
        "sed v1.3, by Eric Raymond (released 4 June 1998) http://e.org/sed-1.3.tar.gz",
    ],
)
def test_short_lines_that_say_what_is_dated_stay(paragraph: str) -> None:
    assert len(events(report("It begins.\n\n" + paragraph))) == 1


def test_a_running_header_repeated_on_every_page_is_one_event() -> None:
    header = "Federal Register / Vol. 85, No. 152 / Thursday, August 6, 2020 / Proposed Rules"
    found = events(report(header, "Some text.\n\n" + header, header))
    assert found == [("2020-08-06", header, ("1", "2", "3"))]


def test_the_same_sentence_in_two_sections_is_one_event_naming_both() -> None:
    sentence = "The treaty was signed in June 2023."
    assert events(report(sentence, sentence)) == [("2023-06", sentence, ("1", "2"))]


# -- wrong dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "dates"),
    [
        # one period, not its two ends as two events
        (
            "The nomination period is: January 7, 2019 through January 20, 2019",
            ["2019-01-07/2019-01-20"],
        ),
        ("We collected articles (from Sep. 21, 2005 - Nov. 27, 2005).", ["2005-09-21/2005-11-27"]),
        ("Voting ran from 1 December 2022 to 14 December 2022.", ["2022-12-01/2022-12-14"]),
        ("Talks were held on 5 and 6 May 2024 in Geneva.", ["2024-05-05/2024-05-06"]),
        ("Talks were held on 5-6 May 2024 in Geneva.", ["2024-05-05/2024-05-06"]),
        ("Talks were held between 1 and 3 March 2024.", ["2024-03-01/2024-03-03"]),
        ("Talks were held May 5–6, 2024 in Geneva.", ["2024-05-05/2024-05-06"]),
        ("Talks were held on May 5 and 6, 2024.", ["2024-05-05/2024-05-06"]),
        ("Strikes hit in January and February 2024.", ["2024-01/2024-02"]),
        ("Strikes hit between March and May 2024.", ["2024-03/2024-05"]),
        # fiscal years and seasons: one period
        ("The FY2025 budget cut it.", ["2025"]),
        ("The FY 2025 budget cut it.", ["2025"]),
        ("The budget for FY2024-25 cut it.", ["2024/2025"]),
        ("The 2024-25 budget cut it.", ["2024/2025"]),
        ("In fiscal 2023 revenue fell.", ["2023"]),
        ("The 2023/24 season was cut short.", ["2023/2024"]),
        # weekday dates, a day before the month with hyphens (PEP headers), 'Sept.'
        ("It was accepted on Tuesday 22nd October, 2013.", ["2013-10-22"]),
        ("Created: 03-Jan-2019", ["2019-01-03"]),
        ("Post-History: 13-Jun-2001, 20-Feb-2015", ["2001-06-13", "2015-02-20"]),
        ("The port closed in Sept. 2024.", ["2024-09"]),
        ("The port closed on Sept. 5, 2024.", ["2024-09-05"]),
        # a range of days is not read across a sentence's unrelated numbers
        (
            "On 3 June 2024, 12 ships left; on 14 June 2024 they came back.",
            ["2024-06-03", "2024-06-14"],
        ),
    ],
)
def test_dates_as_a_reader_means_them(sentence: str, dates: list[str]) -> None:
    assert find_dates(sentence) == dates
    for date in dates:
        parse_event_date(date)


# -- event texts ----------------------------------------------------------------------------------


def test_a_link_in_restructuredtext_keeps_its_date() -> None:
    # `text <url>`_ is a link: its text is prose (only the address is not).
    sentence = (
        "The voting period was: December 1, 2022 through `December 14, 2022 AoE <https://e.org/x>`_"
    )
    assert find_dates(sentence) == ["2022-12-01/2022-12-14"]


def test_a_header_of_fields_gives_one_event_per_field() -> None:
    header = (
        "Title: January 2019 Steering Council election Author: Jane Doe <jane@e.org> "
        "Status: Final Created: 03-Jan-2019"
    )
    found = events(report(header))
    assert found == [
        ("2019-01", "Title: January 2019 Steering Council election", ("1",)),
        ("2019-01-03", "Created: 03-Jan-2019", ("1",)),
    ]


def test_a_restructuredtext_field_list_gives_one_event_per_field() -> None:
    header = ":Author: Jane Doe :Contact: jane@e.org :Revision: 10313 :Date: 2026-04-29"
    assert events(report(header)) == [("2026-04-29", ":Date: 2026-04-29", ("1",))]


def test_a_day_in_a_sentence_hides_its_month_and_year_there() -> None:
    sentence = "Last-Modified: $Date: 2024-08-15 10:43:38 +0200 (Do, 15. Aug 2024) $"
    assert find_dates(sentence) == ["2024-08-15"]


def test_footnotes_in_a_table_of_cells_are_one_event_each() -> None:
    notes = (
        "| 1. | The vote failed in 1910. | 2. | See the Record (October 3, 2023), p. H4978. "
        "| 3. | Rep. Rayburn died in 1962. |"
    )
    found = events(report(notes))
    assert [(date, text) for date, text, _ in found] == [
        ("1910", "The vote failed in 1910."),
        ("1962", "Rep. Rayburn died in 1962."),
        ("2023-10-03", "See the Record (October 3, 2023), p. H4978."),
    ]


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        # abbreviations of the House's papers and of citations end no sentence
        (
            "It adopted H.Res. 543 (74th Congress) in 1936 after a death.",
            "It adopted H.Res. 543 (74th Congress) in 1936 after a death.",
        ),
        ("Sato et al. (2004) tried this in 2004.", "Sato et al. (2004) tried this in 2004."),
    ],
)
def test_abbreviations_do_not_cut_an_events_sentence(sentence: str, text: str) -> None:
    assert [t for _, t, _ in events(report("It begins. " + sentence))] == [text]


def test_a_date_alone_under_a_heading_dates_the_heading() -> None:
    # A release's notes under their title, a document's date line, a changelog's signature
    found = events(
        "# Notes\n\n## Django 5.0 release notes\n\n*December 4, 2023*\n\nWelcome to it.\n\n"
        "## iso-codes 3.77\n\nJane Doe jane@debian.org Wed, 22 Nov 2017\n\n- Update Dutch.\n"
    )
    assert found == [
        ("2017-11-22", "iso-codes 3.77", ("2",)),
        ("2023-12-04", "Django 5.0 release notes", ("1",)),
    ]


def test_a_release_line_under_a_heading_dates_the_heading() -> None:
    found = events(
        "# Changes\n\n## Version 2.0.1\n\nReleased 2021-05-11\n\n- Fix a crash.\n\n"
        "## Version 0.6\n\n(released Oct 30, 2006)\n\n- Add lexers.\n"
    )
    assert found == [("2006-10-30", "Version 0.6", ("2",)), ("2021-05-11", "Version 2.0.1", ("1",))]


def test_a_day_alone_on_its_line_dates_the_paragraph_after_it() -> None:
    found = events(report("Changes.\n\n6 January 1997\n\nFixed the NoteBook's resizing.\n"))
    assert found == [("1997-01-06", "Fixed the NoteBook's resizing.", ("1",))]


def test_a_heading_that_is_only_a_date_dates_its_first_sentence() -> None:
    found = events("# News\n\n## 2024-03-01\n\n- Added the Dutch names.\n\n## December 1998\n")
    assert found == [
        ("1998-12", "December 1998", ("2",)),  # nothing under it: the heading itself
        ("2024-03-01", "- Added the Dutch names.", ("1",)),
    ]


def test_a_date_alone_deep_in_a_section_is_no_event() -> None:
    assert events(report("Some text.\n\nMore text.\n\nDecember 1998")) == []


# -- properties -----------------------------------------------------------------------------------

_WORDS = st.sampled_from(
    ["in", "2024", "May", "5", "and", "6", "to", "-", "–", "FY", "2023/24", "through", "Q3",
     "1 March 2024", "section", "1201", "or", "(", ")", ",", "between", "Sept.", "the", "1990s"]
)  # fmt: skip


@settings(derandomize=True, max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_WORDS, max_size=30))
@example(["between", "5", "and", "6", "May", "2024"])
@example(["FY", "2023/24", "through", "1 March 2024"])
def test_every_date_found_is_a_valid_brief_date_in_order(words: list[str]) -> None:
    dates = find_dates(" ".join(words))
    for date in dates:
        parse_event_date(date)
    assert len(dates) == len(set(dates))


@pytest.mark.parametrize(
    "run",
    [
        *("5 and " * 5_000, "May 5-" * 5_000, "FY" * 10_000, "January 1, 2020 through " * 2_000),
        *("in 2019, " * 5_000, "`a" * 15_000, "| " * 15_000, "A: " * 15_000, "2020-01-01 " * 5_000),
    ],
    ids=["days", "day-ranges", "fy", "date-ranges", "years", "links", "cells", "fields", "many"],
)
def test_long_runs_of_range_words_are_read_in_one_pass(run: str) -> None:
    """Inputs that make range patterns backtrack: they finish (quadratic time did not)."""
    found = find_dates(f"In March 2024 it began. {run} It ended in May 2025.")
    assert found[0] == "2024-03" and found[-1] == "2025-05"
    assert events(report(f"In March 2024 it began. {run} It ended in May 2025."))


_LINES = st.sampled_from(
    [
        "The treaty was signed on 5 and 6 May 2024.",
        "Released 2021-05-11",
        "6 January 1997",
        "Fixed the resizing.",
        "Texas 2005-09-23",
        "| 1. | The vote failed in 1910. | 2. | See p. 4. |",
        "Title: A plan Author: Jane Created: 03-Jan-2019",
        "Jane Doe jane@e.org Wed, 22 Nov 2017",
        "From January 7, 2019 through January 20, 2019 it ran.",
        "- Added 2007-11-26: Armi, Cakm",
        "design standard was promulgated in 2007 and is part of the",
        "Action plan 2021-2026 ........ 24",
        "The FY2024-25 budget and the 2023/24 season ended.",
        "Sato et al. (2004) tried it in 2004.",
    ]
)


@settings(derandomize=True, max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_LINES, min_size=1, max_size=5), min_size=1, max_size=4))
@example([["Released 2021-05-11", "Released 2021-05-11"], ["Released 2021-05-11"]])
@example([["6 January 1997", "6 January 1997"]])
def test_every_event_is_the_reports_words_in_its_section_once(parts: list[list[str]]) -> None:
    markdown = "# R\n\n" + "".join(
        f"## Part {n}\n\n" + "\n\n".join(lines) + "\n\n" for n, lines in enumerate(parts, 1)
    )
    brief = import_report(markdown.encode(), "r.md")
    texts = {s.id: (s.title, " ".join(s.paragraphs)) for s in brief.sections}
    keys = [(e.date.text, e.event) for e in brief.timeline]
    assert len(keys) == len(set(keys))  # one event per sentence and date
    order = [e.date.sort_key for e in brief.timeline]
    assert order == sorted(order)
    for event in brief.timeline:
        parse_event_date(event.date.text)
        for section in event.sections:
            title, prose = texts[section]
            assert event.event == title or event.event in prose
