"""`brief import` of PDFs in the shapes of real papers and reports, each typeset here by
reportlab's canvas: LaTeX's headings in Computer Modern bold (whose font neither says 'bold'
nor reaches a bold weight), three columns of a newsletter, a policy report's front matter and a
contents page without dot leaders, and a 'CHAPTER 1' line over its chapter's title."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefcli.importers import import_report
from briefcli.importers.pdf_source import bold_font, chapter_label, contents_entry
from briefcli.model import Brief
from conftest import Runner, body_lines, column, draw, outline, paragraphs

pytest.importorskip("pypdfium2")
pytest.importorskip("reportlab")


def computer_modern_bold(folder: Path) -> str:
    """A bold Type 1 font embedded under LaTeX's name for it, 'CMBX10': the name says nothing
    of its weight, and its descriptor gives none (PDFium reads weight 0)."""
    import reportlab
    from reportlab.pdfbase import pdfmetrics

    fonts = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    metrics = Path(fonts, "_eb_____.afm").read_text(encoding="latin-1")
    metrics = metrics.replace("FontName TimesNewRomanPS-BoldMT", "FontName CMBX10")
    afm = folder / "cmbx10.afm"
    afm.write_text(metrics.replace("Weight Bold", "Weight Medium"), encoding="latin-1")
    face = pdfmetrics.EmbeddedType1Face(str(afm), os.path.join(fonts, "_eb_____.pfb"))
    pdfmetrics.registerTypeFace(face)
    pdfmetrics.registerFont(pdfmetrics.Font("CMBX10", "CMBX10", "WinAnsiEncoding"))
    return "CMBX10"


def titles(brief: Brief) -> list[str]:
    return [title for _, title in outline(brief)]


# -- 1. LaTeX's headings in Computer Modern bold -----------------------------------------------


def test_latex_headings_in_computer_modern_bold_are_headings(tmp_path: Path) -> None:
    # pdfLaTeX embeds its bold as CMBX10/CMBX12: PDFium gives a weight of 0 (or 545, 570),
    # and the name has no 'bold', so '1 Introduction' set bold at the body's size was text.
    bold = computer_modern_bold(tmp_path)

    def page(c: Any) -> None:
        c.setFont("Times-Roman", 17)
        c.drawCentredString(297, 790, "Learning to Route Regional Trains")
        c.setFont("Times-Roman", 11)
        c.drawCentredString(297, 765, "Ada Byron and Charles Babbage")
        y = 720.0
        for heading in ("1   Introduction", "2   Related Work", "2.1   Timetables", "3   Method"):
            c.setFont(bold, 12 if heading.count(".") == 0 else 10)
            c.drawString(72, y, heading)
            y = column(c, 72, y - 18, body_lines(7, start=len(heading))) - 12

    brief = import_report(draw(tmp_path / "paper.pdf", [page]), "paper.pdf")
    assert brief.meta.title == "Learning to Route Regional Trains"
    assert outline(brief)[-4:] == [
        ("1", "Introduction"),
        ("2", "Related Work"),
        ("2-1", "Timetables"),
        ("3", "Method"),
    ]


def test_a_title_on_two_lines_of_a_double_spaced_preprint_is_one(tmp_path: Path) -> None:
    # A preprint set double-spaced, its title too: the title's lines stood further apart
    # than one line's height, and were two headings, the second over every section.
    def page(c: Any) -> None:
        c.setFont("Times-Bold", 20)
        c.drawCentredString(297, 780, "A Perspective on Explanations of")
        c.drawCentredString(297, 740, "Regional Rail Timetables")
        y = 680.0
        for heading in ("Introduction", "Theory"):
            c.setFont("Times-Roman", 17)
            c.drawString(72, y, heading)
            c.setFont("Times-Roman", 12)
            for line in body_lines(8, words=11):
                y -= 24
                c.drawString(72, y, line)
            y -= 40

    brief = import_report(draw(tmp_path / "preprint.pdf", [page]), "preprint.pdf")
    assert brief.meta.title == "A Perspective on Explanations of Regional Rail Timetables"
    assert titles(brief) == ["Introduction", "Theory"]


def test_two_columns_under_a_papers_title_authors_and_addresses(tmp_path: Path) -> None:
    # Title, authors, addresses and e-mail lines across the gutter were too many for it to
    # be a gutter: 'Abstract' (left) and '1 Introduction' (right, level with it) were read
    # as one line, the heading '1 Introduction Abstract'.
    def page(c: Any) -> None:
        c.setFont("Times-Bold", 15)
        c.drawCentredString(297, 790, "Learning to Route Regional Trains")
        c.setFont("Times-Roman", 12)
        head = (
            "Ada Byron, Charles Babbage, Mary Somerville, John Herschel",
            "Analytical Engines Ltd, London; Royal Society, London",
            "ada@engines.example.org, charles@engines.example.org",
            "mary@society.example.org, john@society.example.org",
            "Code and data: https://engines.example.org/trains",
            "Demo: https://engines.example.org/demo",
        )
        for k, line in enumerate(head):
            c.drawCentredString(297, 770 - 16 * k, line)
        c.setFont("Times-Bold", 12)
        c.drawString(110, 670, "Abstract")
        c.drawString(310, 670, "1   Introduction")
        column(c, 72, 650, body_lines(30, words=7))
        column(c, 310, 650, body_lines(30, words=7, start=9))

    brief = import_report(draw(tmp_path / "paper.pdf", [page]), "paper.pdf")
    assert titles(brief)[-2:] == ["Abstract", "1 Introduction"]
    assert paragraphs(brief)[-1].startswith(body_lines(1, words=7, start=9)[0])


@settings(derandomize=True, max_examples=200, deadline=None)
@given(
    st.sampled_from(["", "ABCDEF+", "QWERTY+"]),
    st.sampled_from(["CMBX", "CMB", "SFBX", "ECBX", "LMRoman", "NimbusRomNo9L-Medi", "Times-"]),
    st.sampled_from(["10", "12", "1200", "Bold", "Regular", "Roman"]),
    st.integers(-1, 1000),
)
@example("", "Times-", "Roman", 545)
@example("ABCDEF+", "CMBX", "12", 545)
def test_a_font_is_bold_by_its_weight_or_its_name(
    subset: str, family: str, tail: str, weight: int
) -> None:
    name = subset + family + tail
    named_bold = family in ("CMBX", "CMB", "SFBX", "ECBX", "NimbusRomNo9L-Medi") or tail == "Bold"
    if family == "CMB" and tail in ("Regular", "Roman", "Bold"):
        named_bold = tail == "Bold"  # 'CMBRoman' is no TeX name; only the numbered CMB10 is
    assert bold_font(name, weight) == (weight >= 600 or named_bold)


# -- 2. three columns ---------------------------------------------------------------------------


def test_three_columns_are_read_one_after_another(tmp_path: Path) -> None:
    # A newsletter's three columns: the gutter search split the page once, and the second
    # and third columns were read across, line by line.
    columns = [body_lines(30, words=5, start=k * 11) for k in range(3)]
    heads = ("Harbour News", "Rail Works", "Bus Times")

    def page(c: Any) -> None:
        c.setFont("Helvetica-Bold", 22)
        c.drawString(40, 800, "The Transport Newsletter")
        for k, (head, lines) in enumerate(zip(heads, columns, strict=True)):
            c.setFont("Helvetica-Bold", 13)
            c.drawString(40 + k * 180, 760, head)
            column(c, 40 + k * 180, 740, lines)

    brief = import_report(draw(tmp_path / "news.pdf", [page]), "news.pdf")
    assert titles(brief)[-3:] == list(heads)
    assert paragraphs(brief) == [" ".join(lines) for lines in columns]


# -- 3. a policy report's front matter and contents ---------------------------------------------

FOREWORD = "This review was commissioned by the minister for transport in the spring."
SUMMARY = [
    "Regional rail needs a stable settlement for its operating subsidies.",
    "We recommend a single timetable authority for the whole region.",
]


def policy_report(path: Path, *, bold_entries: bool = False) -> bytes:
    """A cover; 'Foreword' and 'Executive Summary' before a contents page whose entries have
    their page numbers flush right, without dot leaders; then '1 Introduction', '1.1
    Background' and '2 Findings'."""
    entries = [
        ("Foreword", "ii"),
        ("Executive Summary", "iii"),
        ("1   Introduction", "1"),
        ("1.1   Background", "2"),
        ("2   Findings", "4"),
    ]

    def cover(c: Any) -> None:
        c.setFont("Helvetica-Bold", 26)
        c.drawString(72, 600, "Rethinking Regional Rail")
        c.setFont("Helvetica", 14)
        c.drawString(72, 560, "Independent Review")
        c.drawString(72, 540, "March 2024")

    def front(c: Any) -> None:
        c.setFont("Helvetica-Bold", 16)
        c.drawString(72, 770, "Foreword")
        y = column(c, 72, 745, [FOREWORD]) - 20
        c.setFont("Helvetica-Bold", 16)
        c.drawString(72, y, "Executive Summary")
        y -= 25
        for line in SUMMARY:
            y = column(c, 72, y, [line, *body_lines(3)]) - 8
        c.setFont("Times-Roman", 9)
        c.drawCentredString(297, 40, "ii")

    def contents(c: Any) -> None:
        c.setFont("Helvetica-Bold", 16)
        c.drawString(72, 770, "Contents")
        y = 740.0
        for title, number in entries:
            c.setFont("Helvetica-Bold" if bold_entries else "Times-Roman", 11)
            c.drawString(72, y, title)
            c.drawRightString(523, y, number)
            y -= 18

    def chapter(c: Any) -> None:
        c.setFont("Helvetica-Bold", 16)
        c.drawString(72, 770, "1   Introduction")
        y = column(c, 72, 745, body_lines(8)) - 15
        c.setFont("Helvetica-Bold", 13)
        c.drawString(72, y, "1.1   Background")
        y = column(c, 72, y - 20, body_lines(8, start=3)) - 15
        c.setFont("Helvetica-Bold", 16)
        c.drawString(72, y, "2   Findings")
        column(c, 72, y - 25, body_lines(8, start=6))

    return draw(path, [cover, front, contents, chapter])


@pytest.mark.parametrize("bold_entries", [False, True])
def test_front_matter_before_the_first_numbered_section_and_no_contents_page(
    tmp_path: Path, bold_entries: bool
) -> None:
    # The contents' entries, page numbers flush right and no dot leaders, were paragraphs
    # under 'Contents' ('Foreword ii Executive Summary iii 1 Introduction 1 …'), or, set
    # bold, sections of their own.
    brief = import_report(policy_report(tmp_path / "r.pdf", bold_entries=bold_entries), "r.pdf")
    assert brief.meta.title == "Rethinking Regional Rail"
    assert outline(brief)[1:] == [
        ("i", "Foreword"),
        ("ii", "Executive Summary"),
        ("1", "Introduction"),
        ("1-1", "Background"),
        ("2", "Findings"),
    ]
    assert not any("Contents" in p or p.startswith("Foreword ii") for p in paragraphs(brief))


def test_summary_prints_the_reports_own_executive_summary(tmp_path: Path, brief: Runner) -> None:
    path = tmp_path / "r.pdf"
    policy_report(path)
    out = tmp_path / "r.yaml"
    assert brief("import", str(path), "-o", str(out)).exit_code == 0
    result = brief("-b", str(out), "summary")
    assert result.exit_code == 0
    assert SUMMARY[0] in " ".join(result.stdout.split())


def test_contents_over_two_pages_end_where_the_first_section_starts(tmp_path: Path) -> None:
    # LaTeX's contents: chapters flush right without leaders, sections with dot leaders,
    # over two pages, the page's own number ('iii') above the foot's margin, and the first
    # chapter starting on the second page under the last entries.
    def entries(c: Any, y: float, rows: list[tuple[str, str, bool]]) -> float:
        for title, number, chapter in rows:
            c.setFont("Times-Bold" if chapter else "Times-Roman", 10)
            if chapter:
                c.drawString(72, y, title)
                c.drawRightString(523, y, number)
            else:
                c.drawString(90, y, f"{title} " + ". " * 30 + number)
            y -= 14
        return y

    def first(c: Any) -> None:
        c.setFont("Times-Bold", 20)
        c.drawString(72, 770, "Contents")
        rows = [(f"{k} Chapter Title {k}", str(k * 10), True) for k in (1, 2, 3)]
        entries(
            c, 730, [r for k, row in enumerate(rows, 1) for r in (row, (f"{k}.1 A", "5", False))]
        )
        c.setFont("Times-Roman", 10)
        c.drawCentredString(297, 120, "iii")

    def second(c: Any) -> None:
        y = entries(c, 770, [("4 Chapter Title 4", "40", True), ("4.1 A Part", "41", False)])
        c.setFont("Times-Bold", 20)
        c.drawString(72, y - 40, "1   Introduction")
        y = column(c, 72, y - 70, body_lines(8)) - 20
        c.setFont("Times-Bold", 20)
        c.drawString(72, y - 40, "2   Method")
        column(c, 72, y - 70, body_lines(8, start=4))

    brief = import_report(draw(tmp_path / "r.pdf", [first, second]), "r.pdf")
    assert outline(brief) == [("1", "Introduction"), ("2", "Method")]
    assert paragraphs(brief) == [" ".join(body_lines(8)), " ".join(body_lines(8, start=4))]


def test_a_document_of_nothing_but_its_contents_keeps_them(tmp_path: Path) -> None:
    # rst2pdf's test of its contents list: headings and the list, no other text. Without
    # the list, there was nothing to import ('the sections hold no text').
    def page(c: Any) -> None:
        c.setFont("Helvetica-Bold", 20)
        c.drawString(72, 770, "Contents")
        for k, title in enumerate(("Section 1", "Sub A", "Section 2", "Sub B")):
            c.setFont("Helvetica", 9)
            c.drawString(72, 740 - 16 * k, title)
            c.drawRightString(523, 740 - 16 * k, str(k + 2))

    def heading(title: str) -> Callable[[Any], None]:
        def draw_page(c: Any) -> None:
            c.setFont("Helvetica-Bold", 20)
            c.drawString(72, 770, title)

        return draw_page

    pages = [page, heading("Section 1"), heading("Section 2")]
    brief = import_report(draw(tmp_path / "r.pdf", pages), "r.pdf")
    assert titles(brief)[0] == "Contents"
    assert "Sub A" in " ".join(paragraphs(brief))


def test_a_table_in_a_column_is_not_split_into_columns(tmp_path: Path) -> None:
    # Beside a column of prose, a table whose cells leave gutters of their own: its rows
    # are read across, as before; only columns of prose are split again.
    rows = [("Harbour", "12", "40"), ("Rail", "7", "33"), ("Bus", "31", "9")] * 3

    def page(c: Any) -> None:
        column(c, 56, 780, body_lines(40, words=5))
        c.setFont("Times-Bold", 10)
        y = 780.0
        for name, left, right in [("Mode", "Lines", "Staff"), *rows]:
            c.drawString(320, y, name)
            c.drawRightString(440, y, left)
            c.drawRightString(530, y, right)
            c.setFont("Times-Roman", 10)
            y -= 14

    brief = import_report(draw(tmp_path / "r.pdf", [page]), "r.pdf")
    text = " ".join(paragraphs(brief))
    assert "Harbour 12 40 Rail 7 33" in text


@settings(derandomize=True, max_examples=200, deadline=None)
@given(
    st.text(st.sampled_from("ABCabc xyz.-:"), min_size=1, max_size=30),
    st.one_of(st.integers(1, 999).map(str), st.sampled_from(["i", "ii", "iv", "xii", "IX"])),
)
@example("Introduction", "1")
@example("Annex A", "xii")
def test_a_contents_entry_ends_in_its_page_number(title: str, number: str) -> None:
    entry = [title, number]
    if any(ch.isalpha() for ch in title) and not title.rstrip().endswith("."):
        assert contents_entry(entry)
    if not re.search(r"(?:\.\s?){4}", title):
        assert not contents_entry([title])  # a title alone, without its number or leaders
    assert contents_entry([f"{title} . . . . . {number}"])
    assert not contents_entry([f"In {number} cases the trains ran late."])


# -- 4. 'CHAPTER 1' over a chapter's title ------------------------------------------------------


def test_a_chapter_label_over_its_title_is_one_heading(tmp_path: Path) -> None:
    # 'CHAPTER 1' (smaller, over the title) became a section of its own, and its type
    # another heading level, above the chapters' titles.
    def chapter(number: int, title: str, sections: list[str]) -> Callable[[Any], None]:
        def page(c: Any) -> None:
            c.setFont("Helvetica", 14)
            c.drawString(72, 760, f"CHAPTER {number}")
            c.setFont("Helvetica-Bold", 22)
            c.drawString(72, 730, title)
            y = 690.0
            for k, section in enumerate(sections, start=1):
                c.setFont("Helvetica-Bold", 13)
                c.drawString(72, y, f"{number}.{k}   {section}")
                y = column(c, 72, y - 20, body_lines(6, start=k)) - 15

        return page

    pages = [
        chapter(1, "Introduction", ["Scope", "Method"]),
        chapter(2, "The Network Today", ["Lines", "Stations"]),
    ]
    brief = import_report(draw(tmp_path / "book.pdf", pages), "book.pdf")
    assert outline(brief) == [
        ("1", "Introduction"),
        ("1-1", "Scope"),
        ("1-2", "Method"),
        ("2", "The Network Today"),
        ("2-1", "Lines"),
        ("2-2", "Stations"),
    ]
    assert "CHAPTER" not in " ".join(paragraphs(brief))


@settings(derandomize=True, max_examples=200, deadline=None)
@given(
    st.sampled_from(["CHAPTER", "Chapter", "PART", "Part", "ANNEX", "Appendix"]),
    st.one_of(st.integers(1, 99).map(str), st.sampled_from(["I", "IV", "XII", "A", "One"])),
)
@example("CHAPTER", "1")
@example("Part", "IV")
def test_a_chapter_label_is_a_word_and_a_number(word: str, number: str) -> None:
    assert chapter_label(f"{word} {number}")
    assert chapter_label(f"{word}\u00a0{number}")
    assert not chapter_label(f"{word} {number} was late.")
    assert not chapter_label(f"The {word} {number}")
    assert not chapter_label(f"Section {number}")  # a heading of its own as often as not
