"""Plain-text reports shaped as policy and research reports are: part lines ('Executive
Summary', 'Appendix A'), chapters and parts, tables of contents with page numbers.

Every input here is written for the test: small reports of the shapes found in real ones.
"""

from __future__ import annotations

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from briefcli.importers import import_report, outline
from briefcli.importers.draft import (
    CONCLUSION_TITLES,
    CONTENTS_TITLES,
    GLOSSARY_TITLES,
    SOURCES_TITLES,
    number_value,
    roman,
)
from briefcli.importers.headings import PART_TITLES, part_title
from briefcli.model import Brief

SETTINGS = settings(max_examples=150, deadline=None, derandomize=True)


def _brief(text: str, name: str = "report.txt") -> Brief:
    return import_report(text.encode(), name)


def _outline(text: str) -> list[tuple[str, str]]:
    return [(e.id, e.title) for e in outline(text.encode(), "report.txt")]


def _words(brief: Brief) -> list[str]:
    return [
        p
        for s in brief.sections
        for p in (*s.paragraphs, *(q for sub in s.subsections for q in sub.paragraphs))
    ]


REPORT = """Trade and Security in the Baltic Region

Institute for Regional Studies

Executive Summary

Trade grew quickly after 2015. This report looks at why.

Key Findings

Trade with the EU doubled.

1. Introduction

The Baltic states joined the EU in 2004.

2. Trade

Trade is the main topic.

2.1 Exports

Exports rose.

3. Security

Security matters.

Recommendations

Spend more on ports.

Appendix A: Methodology

We read the data.

Annex 2

Tables.

Notes

A note.

References

Smith, J. (2020). Trade. Oxford.
"""


def test_part_lines_of_a_numbered_report_are_headings() -> None:
    """'Executive Summary' before '1. Introduction' is the report's Summary (front matter,
    i); 'Recommendations', appendices and notes after the last section are sections."""
    brief = _brief(REPORT)
    assert [(s.id, s.title) for s in brief.sections] == [
        ("0", "Front matter"),
        ("i", "Executive Summary"),
        ("ii", "Key Findings"),
        ("1", "Introduction"),
        ("2", "Trade"),
        ("3", "Security"),
        ("4", "Recommendations"),
        ("A", "Appendix A: Methodology"),  # found by its letter: brief show A
        ("5", "Annex 2"),
        ("6", "Notes"),
    ]
    assert brief.sections[1].role == "summary"
    assert brief.sections[1].paragraphs == (
        "Trade grew quickly after 2015. This report looks at why.",
    )
    assert [s.title for s in brief.sources] == ["Smith, J. (2020). Trade. Oxford."]


def test_a_part_line_between_numbered_sections_is_text() -> None:
    """Inside the numbered body, a lone 'Summary' is a paragraph of its section: a section
    there would break the report's own numbering."""
    text = (
        "Widgets\n\n1. Scope\n\nWidgets.\n\nSummary\n\nWidgets are small.\n\n"
        "2. Cost\n\nCheap.\n\n3. Outlook\n\nGood.\n"
    )
    brief = _brief(text)
    assert [s.id for s in brief.sections] == ["1", "2", "3"]
    assert brief.sections[0].paragraphs == ("Widgets.", "Summary", "Widgets are small.")


def test_part_words_inside_a_sentence_are_no_headings() -> None:
    text = (
        "Widgets\n\nThe executive summary comes later.\n\n1. Scope\n\nWidgets.\n\n"
        "2. Cost\n\nSee the appendix A for tables.\n\nNotes on cost follow.\n"
    )
    assert _outline(text) == [("0", "Introduction"), ("1", "Scope"), ("2", "Cost")]


CHAPTERS = {
    "words over titles": (
        "CHAPTER ONE\nEarly Widgets\n\n{0}\n\nCHAPTER TWO\nModern Widgets\n\n{1}"
    ),
    "numbers, titles below": (
        "CHAPTER 1\n\nEarly Widgets\n\n{0}\n\nCHAPTER 2\n\nModern Widgets\n\n{1}"
    ),
    "colon": "Chapter 1: Early Widgets\n\n{0}\n\nChapter 2: Modern Widgets\n\n{1}",
    "dash": "Chapter 1 — Early Widgets\n\n{0}\n\nChapter 2 — Modern Widgets\n\n{1}",
}


def test_chapter_lines_are_numbered_headings() -> None:
    body = ("Widgets were first made in 1850.", "Widgets are now made in factories.")
    for shape, chapters in CHAPTERS.items():
        brief = _brief("The History of Widgets\n\n" + chapters.format(*body) + "\n")
        assert [(s.id, s.title) for s in brief.sections] == [
            ("1", "Early Widgets"),
            ("2", "Modern Widgets"),
        ], shape
        assert _words(brief) == list(body), shape


def test_a_chapter_line_without_a_title_is_its_own_title() -> None:
    text = (
        "Widgets\n\nCHAPTER 1\n\nWidgets were made in 1850, by hand.\n\n"
        "CHAPTER 2\n\nNow by machine.\n"
    )
    brief = _brief(text)
    assert [(s.id, s.title) for s in brief.sections] == [("1", "CHAPTER 1"), ("2", "CHAPTER 2")]
    assert _words(brief) == ["Widgets were made in 1850, by hand.", "Now by machine."]


def test_parts_over_sections_numbered_across_them() -> None:
    """'Part II — Ends' between '2.' and '3.' gets id part-2: sections 1, 2, 3 keep theirs."""
    text = (
        "The History of Widgets\n\nPART I — Beginnings\n\nIntro to part one.\n\n"
        "1. Early Widgets\n\nIn 1850.\n\n2. Modern Widgets\n\nIn factories.\n\n"
        "PART II — Ends\n\nIntro to part two.\n\n3. The Future\n\nPrinted.\n"
    )
    brief = _brief(text)
    assert [(s.id, s.title) for s in brief.sections] == [
        ("part-1", "PART I — Beginnings"),
        ("1", "Early Widgets"),
        ("2", "Modern Widgets"),
        ("part-2", "PART II — Ends"),
        ("3", "The Future"),
    ]
    assert brief.sections[3].paragraphs == ("Intro to part two.",)


def test_parts_alone_are_the_sections() -> None:
    text = "Widgets\n\nPart One: Making\n\nBy hand.\n\nPart Two: Selling\n\nBy post.\n"
    assert _outline(text) == [("1", "Making"), ("2", "Selling")]


def test_contents_with_page_numbers_and_no_leaders_are_skipped() -> None:
    text = (
        "Widget Policy Review\n\nContents\n\nExecutive Summary 2\n1. Introduction 3\n"
        "2. Trade ........ 7\n2.1 Exports 8\n3. Outlook 12\n\n"
        "Executive Summary\n\nWidgets matter.\n\n"
        "1. Introduction\n\nThe intro.\n\n2. Trade\n\nTrade text.\n\n2.1 Exports\n\nExports.\n\n"
        "3. Outlook\n\nGood.\n"
    )
    brief = _brief(text)
    assert [(s.id, s.title) for s in brief.sections] == [
        ("i", "Executive Summary"),
        ("1", "Introduction"),
        ("2", "Trade"),
        ("3", "Outlook"),
    ]
    assert _words(brief) == ["Widgets matter.", "The intro.", "Trade text.", "Exports.", "Good."]


def test_unnumbered_headings_the_contents_lists_are_headings() -> None:
    """A report whose headings are plain lines: the contents (page numbers after a wide gap)
    says which lines are headings; an entry indented under another is a subsection."""
    text = (
        "Widget Policy Review\n\nTable of Contents\nIntroduction      3\nTrade             7\n"
        "   Exports        8\nOutlook          12\n\nIntroduction\n\nThe intro text.\n\n"
        "Trade\n\nTrade text.\n\nExports\n\nExport text.\n\nOutlook\n\nOutlook text.\n"
    )
    assert _outline(text) == [
        ("1", "Introduction"),
        ("2", "Trade"),
        ("2-1", "Exports"),
        ("3", "Outlook"),
    ]


def test_roman_numbered_contents_right_aligned() -> None:
    """Right-aligned Roman numbers ('  IX. Changes') are no deeper than ' VIII. Changes'."""
    names = ["Scope", "Terms", "Reading", "Writing", "Ports", "Ships", "Grain", "Trade", "Notes"]
    rows = [f"{roman(n).upper() + '.':>6} {name}" for n, name in enumerate(names, start=1)]
    body = [
        f"{roman(n).upper()}. {name}\n\nText of {name}.\n" for n, name in enumerate(names, start=1)
    ]
    text = "Manual\n\nContents\n\n" + "\n".join(rows) + "\n\n" + "\n".join(body)
    entries = _outline(text)
    assert [title for _, title in entries] == [
        f"{roman(n).upper()}. {x}" for n, x in enumerate(names, 1)
    ]
    assert all("-" not in id_ for id_, _ in entries)


# -- property tests -------------------------------------------------------------------------


@SETTINGS
@given(st.integers(min_value=1, max_value=399), st.booleans())
@example(4, True)
@example(9, False)
def test_roman_numbers_read_back(value: int, upper: bool) -> None:
    written = roman(value).upper() if upper else roman(value)
    assert number_value(written) == value


@SETTINGS
@given(st.sampled_from(sorted(PART_TITLES)), st.sampled_from([str.upper, str.title, str.lower]))
@example("executive summary", str.upper)
def test_part_titles_in_any_case(title: str, case: object) -> None:
    assert callable(case)
    assert part_title(case(title))


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)


@SETTINGS
@given(st.sampled_from(sorted(PART_TITLES)), st.lists(_WORD, min_size=1, max_size=6), st.booleans())
@example("summary", ["of", "the", "plan"], True)
@example("appendix", ["a", "shows", "it"], False)
def test_a_part_title_with_more_words_is_none(title: str, words: list[str], before: bool) -> None:
    """'Summary of the plan', 'In summary' and 'Notes on cost' are prose, not part lines."""
    text = f"{' '.join(words)} {title}" if before else f"{title} {' '.join(words)}"
    assert not part_title(text) or text.casefold() in PART_TITLES


_SENTENCE = st.lists(_WORD, min_size=3, max_size=12).map(lambda w: " ".join(w).capitalize() + ".")
_PARTS = st.lists(
    st.sampled_from(["Executive Summary", "Foreword", "Key Findings", "Abstract", "Preface"]),
    max_size=3,
    unique=True,
)
_BACK = st.lists(
    st.sampled_from(["Recommendations", "Appendix A", "Appendix B: Data", "Annex 1", "Notes"]),
    max_size=3,
    unique=True,
)


@SETTINGS
@given(_PARTS, st.lists(_SENTENCE, min_size=2, max_size=5), _BACK, st.data())
@example(["Executive Summary"], ["Trade rose.", "Summary of the plan."], ["Notes"], None)
def test_numbered_reports_with_parts(
    front: list[str], texts: list[str], back: list[str], data: st.DataObject | None
) -> None:
    """Whatever parts stand around a numbered report's sections, the sections keep their own
    numbers, the front parts are i, ii …, the back parts follow, and every paragraph is kept
    word for word, in order."""
    lines = ["A Report on Widgets", ""]
    paragraphs = []
    for part in front:
        lines += [part, "", f"Text of {part.casefold()}.", ""]
        paragraphs.append(f"Text of {part.casefold()}.")
    for number, text in enumerate(texts, start=1):
        lines += [f"{number}. Section {number}", "", text, ""]
        paragraphs.append(text)
    for part in back:
        lines += [part, "", f"Text of {part.casefold()}.", ""]
        paragraphs.append(f"Text of {part.casefold()}.")
    brief = _brief("\n".join(lines))
    ids = [s.id for s in brief.sections]
    numbered = [str(n) for n in range(1, len(texts) + 1)]
    after = len(texts)
    back_ids = []
    for part in back:  # an appendix is found by its letter, the rest by the next numbers
        if part.startswith("Appendix "):
            back_ids.append(part.split()[1].rstrip(":"))
        else:
            after += 1
            back_ids.append(str(after))
    assert ids == [roman(n) for n in range(1, len(front) + 1)] + numbered + back_ids
    assert [s.title for s in brief.sections] == [
        *front,
        *(f"Section {n}" for n in range(1, len(texts) + 1)),
        *back,
    ]
    assert _words(brief) == paragraphs
    if "Executive Summary" in front or "Abstract" in front:
        assert any(s.role == "summary" for s in brief.sections)


_LEADER = st.sampled_from([" ", "  ", "     ", " ........ ", " . . . . ", "…"])


@SETTINGS
@given(st.lists(_WORD, min_size=3, max_size=6, unique=True), _LEADER, st.booleans())
@example(["scope", "trade", "ports"], " ", True)
@example(["scope", "trade", "ports"], " . . . . ", False)
@example(["a", "aa", "b"], " ", False)  # 'B 9': the entry 'B' for page 9, not a 'B.' number
def test_contents_with_page_numbers_never_become_text(
    names: list[str], leader: str, numbered: bool
) -> None:
    """A contents whose entries come again below is skipped, however its page numbers are
    set off: no entry is a paragraph, and the headings below are the sections."""
    # A part of its own ('Glossary' is read as terms, 'Contents' as contents) is no section.
    parts = {*GLOSSARY_TITLES, *SOURCES_TITLES, *CONTENTS_TITLES, *CONCLUSION_TITLES}
    assume(not parts & set(names))
    titles = [name.capitalize() for name in names]
    heads = [f"{n}. {t}" if numbered else t for n, t in enumerate(titles, start=1)]
    contents = [f"{head}{leader}{3 * n}" for n, head in enumerate(heads, start=1)]
    body = [
        f"{head}\n\nAbout {title.casefold()}.\n" for head, title in zip(heads, titles, strict=True)
    ]
    brief = _brief("Widget Review\n\nContents\n\n" + "\n".join(contents) + "\n\n" + "\n".join(body))
    assert [s.title for s in brief.sections] == titles
    assert _words(brief) == [f"About {t.casefold()}." for t in titles]


def test_contents_end_at_their_last_entry_that_comes_again() -> None:
    """A note after the contents is text, not contents, and an entry the body writes
    otherwise ('EXTRACTS (Supplied …)' over 'EXTRACTS.') holds up none after it."""
    entries = ["ETYMOLOGY.", "EXTRACTS (Supplied by a Librarian).", "CHAPTER 1. Loomings."]
    entries += ["CHAPTER 2. The Carpet-Bag.", "CHAPTER 3. The Inn."]
    text = (
        "Moby Dick\n\nCONTENTS\n\n"
        + "\n\n".join(entries)
        + "\n\nTranscriber's Notes:\n\nThis text joins two etexts\nand was checked.\n\n"
        "ETYMOLOGY.\n\nWords.\n\nEXTRACTS.\n\nQuotes.\n\n"
        "CHAPTER 1. Loomings.\n\nCall me Ishmael.\n\nCHAPTER 2. The Carpet-Bag.\n\nA bag.\n\n"
        "CHAPTER 3. The Inn.\n\nAn inn.\n"
    )
    brief = _brief(text)
    assert [(s.id, s.title) for s in brief.sections] == [
        ("0", "Introduction"),
        ("i", "ETYMOLOGY."),  # listed in the contents, before the first chapter
        ("1", "Loomings"),
        ("2", "The Carpet-Bag."),  # 'Bag.': a final '.' after a short word stays
        ("3", "The Inn."),
    ]
    assert "This text joins two etexts and was checked." in brief.sections[0].paragraphs
    assert "CHAPTER 1. Loomings." not in _words(brief)


def test_an_rfc_like_spec_with_appendices() -> None:
    """'Abstract' is front matter; the contents (dot leaders, page numbers) are skipped; the
    appendices it lists without numbers are sections, their 'A.1.' parts subsections."""
    text = (
        "The Frob Protocol\n\nAbstract\n\n   This document describes frobbing.\n\n"
        "Table of Contents\n\n"
        "   1.  Introduction  . . . . . . . . . . . . . . . . . . . .   2\n"
        "   2.  Frobbing  . . . . . . . . . . . . . . . . . . . . . .   3\n"
        "   3.  Security Considerations . . . . . . . . . . . . . . .   4\n"
        "   Appendix A.  Test Data  . . . . . . . . . . . . . . . . .   5\n"
        "     A.1.  Small Frobs . . . . . . . . . . . . . . . . . . .   5\n"
        "   Author's Address  . . . . . . . . . . . . . . . . . . . .   6\n\n"
        "1.  Introduction\n\n   Frobs are old.\n\n2.  Frobbing\n\n   Frob twice.\n\n"
        # The entry's title without its number, in the text: no heading.
        "Security considerations:\n\n   See below.\n\n"
        "3.  Security Considerations\n\n   None.\n\nAppendix A.  Test Data\n\n   Data.\n\n"
        "A.1.  Small Frobs\n\n   Small.\n\nAuthor's Address\n\n   Jane Doe\n"
    )
    assert _outline(text) == [
        ("i", "Abstract"),
        ("1", "Introduction"),
        ("2", "Frobbing"),
        ("3", "Security Considerations"),
        ("A", "Appendix A. Test Data"),
        ("A-1", "A.1. Small Frobs"),
        ("4", "Author's Address"),
    ]


def test_a_chapters_own_contents_are_no_headings() -> None:
    """The list of a chapter's parts under its heading is text; the parts below are its
    subsections."""
    text = (
        "Sync\n\nTable of Contents\n\n1. Protocol\n\n    Description\n    Types\n    Errors\n\n"
        "2. Encoding\n\n    Encoding Types\n\n"
        "Chapter 1. Protocol\n\nTable of Contents\n\nDescription\nTypes\nErrors\n\n"
        "Description\n\nIt syncs.\n\nTypes\n\nCounters.\n\nErrors\n\nAlarm.\n\n"
        "Chapter 2. Encoding\n\nEncoding Types\n\nBytes.\n"
    )
    brief = _brief(text)
    assert brief.sections[0].paragraphs == ("Description Types Errors",)
    assert _outline(text) == [
        ("1", "Protocol"),
        ("1-1", "Description"),
        ("1-2", "Types"),
        ("1-3", "Errors"),
        ("2", "Encoding"),
        ("2-1", "Encoding Types"),
    ]


def test_parts_that_number_their_chapters_again() -> None:
    """Each part counts its chapters from 1: the parts are sections, the chapters their
    subsections, '2-1' for the first chapter of Part Two."""
    text = (
        "The Widget Book\n\nPART ONE\nMaking\n\nChapter 1\nEarly Widgets\n\nBy hand.\n\n"
        "Chapter 2\nFactories\n\nBy machine.\n\nPART TWO\nSelling\n\nChapter 1\nShops\n\n"
        "In shops.\n\nChapter 2\nPost\n\nBy post.\n"
    )
    assert _outline(text) == [
        ("1", "Making"),
        ("1-1", "Early Widgets"),
        ("1-2", "Factories"),
        ("2", "Selling"),
        ("2-1", "Shops"),
        ("2-2", "Post"),
    ]


def test_a_part_line_over_a_subsection_is_text() -> None:
    text = (
        "Widgets\n\n1. Scope\n\nWidgets.\n\n1.1 Sizes\n\nSmall.\n\nPart 2: Costs\n\n"
        "Of the scope.\n\n1.2 Fuel\n\nOil.\n\n2. Outlook\n\nGood.\n"
    )
    brief = _brief(text)
    assert [s.id for s in brief.sections] == ["1", "2"]
    assert brief.sections[0].subsections[0].paragraphs == (
        "Small.",
        "Part 2: Costs",
        "Of the scope.",
    )


_CHAPTER_SHAPES = {
    "Chapter {n}: {t}": 1,
    "CHAPTER {w}\n{t}": 1,
    "Chapter {r}\n\n{t}": 1,
    "CHAPTER {n}. {t}": 1,
}
_TITLE = st.lists(
    st.sampled_from(["Early", "Widgets", "Modern", "Trade", "Ports", "The", "Future", "Ships"]),
    min_size=1,
    max_size=4,
).map(" ".join)
_NAMES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


@SETTINGS
@given(
    st.lists(st.lists(_TITLE, min_size=1, max_size=3), min_size=1, max_size=3),
    st.sampled_from(sorted(_CHAPTER_SHAPES)),
    st.booleans(),
)
@example([["Early"], ["Trade"]], "CHAPTER {w}\n{t}", True)
@example([["Early", "Ships"]], "Chapter {r}\n\n{t}", False)
def test_books_of_parts_and_chapters(parts: list[list[str]], shape: str, again: bool) -> None:
    """Chapters numbered across parts keep their numbers and the parts are 'part-N';
    numbered again in each part, the parts are sections and the chapters 'N-M'. Every
    paragraph is kept, in order."""
    again = again and len(parts) > 1  # one part cannot number its chapters again
    lines = ["A Book of Widgets", ""]
    expected: list[tuple[str, str]] = []
    paragraphs = []
    count = 0
    for number, chapters in enumerate(parts, start=1):
        name = _NAMES[number].upper()
        lines += [f"PART {name}", f"Tale {name.title()}", ""]
        if again:
            expected.append((str(number), f"Tale {name.title()}"))
            count = 0
        else:
            expected.append((f"part-{number}", f"PART {name} Tale {name.title()}"))
        for title in chapters:
            count += 1
            head = shape.format(n=count, w=_NAMES[count].upper(), r=roman(count).upper(), t=title)
            lines += [head, "", f"Text {number} {count}.", ""]
            paragraphs.append(f"Text {number} {count}.")
            expected.append((f"{number}-{count}" if again else str(count), title))
    text = "\n".join(lines)
    assert _outline(text) == expected
    assert _words(_brief(text)) == paragraphs


def test_contents_that_number_as_latex_does() -> None:
    """'1 Introduction ..... 1' (LaTeX's numbers, no dot) and Roman page numbers for the
    front matter: the contents say which lines are headings; the body's numbers are ids."""
    text = (
        "Water Policy Review\n\nContents\n\nForeword .................... iii\n"
        "Executive Summary ........... v\n1 Introduction .............. 1\n"
        "2 Supply .................... 4\n2.1 Rivers .................. 5\n"
        "3 Demand .................... 9\n\nForeword\n\nWe thank the reviewers.\n\n"
        "Executive Summary\n\nWater is scarce.\n\n1 Introduction\n\nThree rivers.\n\n"
        "2 Supply\n\nSupply fell.\n\n2.1 Rivers\n\nRivers ran low.\n\n3 Demand\n\nDemand rose.\n"
    )
    assert _outline(text) == [
        ("i", "Foreword"),
        ("ii", "Executive Summary"),
        ("1", "Introduction"),
        ("2", "Supply"),
        ("2-1", "Rivers"),
        ("3", "Demand"),
    ]


def test_an_appendix_line_over_its_title() -> None:
    """Capitals and no blank lines: the part lines still stand where headings do; 'APPENDIX
    A' over 'Methodology' is one heading."""
    text = (
        "Water Policy Review\nNational Water Institute\n\nEXECUTIVE SUMMARY\nWater is scarce.\n"
        "KEY FINDINGS\nLeakage is high.\n1. INTRODUCTION\nThree rivers.\n2. SUPPLY\n"
        "Supply fell.\nAPPENDIX A\nMethodology\nWe read meters.\n"
    )
    brief = _brief(text)
    assert [(s.id, s.title) for s in brief.sections][1:] == [
        ("i", "EXECUTIVE SUMMARY"),
        ("ii", "KEY FINDINGS"),
        ("1", "INTRODUCTION"),
        ("2", "SUPPLY"),
        ("A", "APPENDIX A Methodology"),
    ]
    assert brief.sections[-1].paragraphs == ("We read meters.",)


# A numbered list that a sentence ending with ':' announces is the section's text, not its
# sections: a report with capitalised headings and a list of recommendations kept the list's
# items as sections 1-5 and lost its 'BACKGROUND' heading (bash's POSIX notes gave 62).
LISTED = """Water Security in the Sahel

EXECUTIVE SUMMARY

The Sahel faces a growing water crisis driven by population growth. Rainfall has become
less predictable since the 1970s.

BACKGROUND

Most farmers depend on rain-fed agriculture. In 2022 a drought cut cereal harvests by a
third in parts of Niger and Mali.

RECOMMENDATIONS

We recommend the following measures:

  1. Governments should map aquifers and publish abstraction data every year,
     so that farmers can see how fast groundwater is falling.

  2. Donors should fund small reservoirs and sand dams in the worst-hit districts.

  3. Regional bodies should agree on sharing the river's flow in dry years.

CONCLUSION

Without coordinated action, water scarcity will deepen food insecurity across the Sahel.
"""


def test_a_numbered_list_after_its_lead_in_is_text_not_sections() -> None:
    assert _outline(LISTED) == [
        ("1", "EXECUTIVE SUMMARY"),
        ("2", "BACKGROUND"),
        ("3", "RECOMMENDATIONS"),
        ("4", "CONCLUSION"),
    ]
    brief = _brief(LISTED)
    text = "\n".join(brief.sections[2].paragraphs)
    for item in ("1. Governments should map", "2. Donors should fund", "3. Regional bodies"):
        assert item in text


def test_numbered_headings_after_a_label_or_a_plain_paragraph_stay_headings() -> None:
    # A label of a word or two ('Notes:') is no lead-in, nor is a paragraph that ends with a
    # full stop: the numbered lines after them are the report's sections.
    for before in ("Notes:", "This report has two parts."):
        text = (
            f"A Short Report\n\n{before}\n\n1. Introduction\n\nThe text of the introduction.\n\n"
            "2. Findings\n\nThe text of the findings.\n"
        )
        assert [t for _, t in _outline(text)][-2:] == ["Introduction", "Findings"]


def test_a_numbered_list_under_capitalised_headings_is_text_without_a_lead_in() -> None:
    # Sentences of a line or two with nothing under them, where headings of another kind
    # explain the report: a list.
    text = LISTED.replace("We recommend the following measures:\n\n", "")
    assert [t for _, t in _outline(text)] == [
        "EXECUTIVE SUMMARY",
        "BACKGROUND",
        "RECOMMENDATIONS",
        "CONCLUSION",
    ]


@SETTINGS
@example(items=["Publish the data every year.", "Fund small dams."], lead_in=False)
@example(items=["Publish the data every year.", "Fund small dams.", "Share it."], lead_in=True)
@given(
    items=st.lists(
        st.from_regex(r"[A-Z][a-z]{2,9}( [a-z]{2,9}){2,8}\.", fullmatch=True),
        min_size=2,
        max_size=8,
    ),
    lead_in=st.booleans(),
)
def test_no_item_of_a_list_becomes_a_section(items: list[str], lead_in: bool) -> None:
    body = "\n\n".join(f"  {n}. {item}" for n, item in enumerate(items, 1))
    announce = "We propose these measures:\n\n" if lead_in else ""
    text = (
        "Measures for the Region\n\nBACKGROUND\n\nThe region is dry. Its farms are small.\n\n"
        f"RECOMMENDATIONS\n\n{announce}{body}\n\n"
        "CONCLUSION\n\nThe measures are affordable.\n"
    )
    assert [t for _, t in _outline(text)] == ["BACKGROUND", "RECOMMENDATIONS", "CONCLUSION"]


def test_section_lines_with_a_colon_give_subsections_too() -> None:
    text = (
        "Drought Response Plan\n\nSection 1: Purpose\n\nWhy the plan exists.\n\n"
        "Section 2: Measures\n\nWhat the county does.\n\n"
        "Section 2.1: Voluntary restrictions\n\nResidents cut watering by half.\n\n"
        "Section 2.2: Mandatory restrictions\n\nWatering lawns is banned.\n\n"
        "Section 3: Review\n\nEvery two years.\n"
    )
    assert _outline(text) == [
        ("1", "Purpose"),
        ("2", "Measures"),
        ("2-1", "Voluntary restrictions"),
        ("2-2", "Mandatory restrictions"),
        ("3", "Review"),
    ]
    # Without the word, '2.1:' is no heading: a time, a verse, a ratio.
    bare = _outline(text.replace("Section 2.1: Voluntary", "2.1: Voluntary"))
    assert not any("Voluntary" in title for _, title in bare)


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Issued: 14 March 2026", "2026-03-14"),
        ("Last updated 2 May 2025", "2025-05-02"),
        ("Published on 3 June 2024", "2024-06-03"),
        ("Date: 2024-10-03", "2024-10-03"),
        ("As of October 2024", "2024-10"),
    ],
)
def test_a_labelled_date_under_the_title_is_the_reports_date(line: str, date: str) -> None:
    text = (
        f"Harbour Safety Review\n\n{line}\n\n1. Summary\n\nThe harbour had three accidents.\n\n"
        "2. Findings\n\nTwo accidents happened at night.\n"
    )
    brief = _brief(text)
    assert brief.meta.date == date
    assert [s.title for s in brief.sections] == ["Summary", "Findings"]


def test_a_label_without_a_date_stays_text() -> None:
    text = (
        "Harbour Safety Review\n\nUpdated: after the storm\n\n1. Summary\n\nThe harbour had "
        "three accidents.\n\n2. Findings\n\nTwo accidents happened at night.\n"
    )
    brief = _brief(text)
    assert brief.meta.date == ""
    assert "Updated: after the storm" in _words(brief)
