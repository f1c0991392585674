"""`brief import` of PDFs drawn the way other makers draw them, each typeset here by reportlab's
canvas in the same shape: type set at size 1 and scaled by the text matrix (Acrobat Distiller,
Quartz, iText), a page cut from a larger sheet with a printer's slug outside it (the IRS's
forms), an identifier turned up the margin (arXiv), run-in bold headings, narrow gutters, and
page numbers counted through a volume (the Federal Register)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from briefcli.importers import import_report
from briefcli.model import Brief
from conftest import body_lines, column, draw, outline, paragraphs

pytest.importorskip("pypdfium2")
pytest.importorskip("reportlab")


def text_of(brief: Brief) -> str:
    return " ".join(paragraphs(brief))


def test_type_at_size_one_scaled_by_the_text_matrix_keeps_its_drawn_size(
    tmp_path: Path,
) -> None:
    # Acrobat Distiller, Quartz and iText set every font at size 1 and scale it with the
    # text matrix: PDFium's font size was 1 for every line, so no heading stood out by size.
    def scaled(c: Any, x: float, y: float, size: float, font: str, text: str) -> None:
        t = c.beginText()
        t.setTextTransform(size, 0, 0, size, x, y)
        t.setFont(font, 1)
        t.textOut(text)
        c.drawText(t)

    def page(c: Any) -> None:
        scaled(c, 56, 780, 16, "Times-Roman", "Regional Transport Review")
        y = 750.0
        for title in ("Background", "Findings"):
            scaled(c, 56, y, 13, "Times-Roman", title)
            y -= 20
            for line in body_lines(6):
                scaled(c, 56, y, 10, "Times-Roman", line)
                y -= 12.5
            y -= 10

    brief = import_report(draw(tmp_path / "r.pdf", [page]), "r.pdf")
    assert brief.meta.title == "Regional Transport Review"
    assert [title for _, title in outline(brief)] == ["Background", "Findings"]


def test_a_page_cut_from_a_larger_sheet_and_its_printers_slug(tmp_path: Path) -> None:
    # The IRS's instructions: a crop box inside a taller media box, the proof's slug ('7:48 -
    # 6-DEC-2007 Page 2 of 48') above the crop box, read as a heading; and a page whose crop
    # box starts far from the sheet's origin had its running heads and page numbers judged
    # by positions from the wrong corner.
    def page(number: int) -> Callable[[Any], None]:
        def draw_page(c: Any) -> None:
            c.setCropBox((100, 100, 695, 942))
            c.setFont("Times-Bold", 13)
            c.drawString(156, 980, f"7:48 - 6-DEC-2007 Page {number} of 2")
            c.drawString(156, 860, f"Part {number}")
            column(c, 156, 835, body_lines(20, start=number))
            c.setFont("Times-Roman", 9)
            c.drawString(390, 870, "Transport Review 2024")
            c.drawString(390, 110, str(number))

        return draw_page

    pdf = draw(tmp_path / "r.pdf", [page(1), page(2)], pagesize=(795, 1042))
    brief = import_report(pdf, "r.pdf")
    assert [title for _, title in outline(brief)] == ["Part 1", "Part 2"]
    text = text_of(brief)
    assert "7:48" not in text and "Transport Review 2024" not in text
    assert not any(p.strip().isdigit() for p in paragraphs(brief))


def test_text_turned_up_the_margin_is_no_part_of_the_reading(tmp_path: Path) -> None:
    # arXiv stamps its identifier up the left margin: PDFium gave each letter as a line of
    # its own, set large, and '201', 'Jan' and 'Xiv:' became sections.
    def page(c: Any) -> None:
        c.setFont("Times-Bold", 16)
        c.drawString(72, 780, "1 Introduction")
        column(c, 72, 755, body_lines(12))
        c.setFont("Times-Bold", 16)
        c.drawString(72, 580, "2 Method")
        column(c, 72, 555, body_lines(12, start=4))
        c.saveState()
        c.translate(30, 300)
        c.rotate(90)
        c.setFont("Times-Roman", 20)
        c.drawString(0, 0, "arXiv:1601.03642v1 [cs.AI] 14 Jan 2016")
        c.restoreState()

    brief = import_report(draw(tmp_path / "r.pdf", [page]), "r.pdf")
    assert [title for _, title in outline(brief)] == ["Introduction", "Method"]
    assert "arXiv" not in text_of(brief) and "Jan" not in text_of(brief)


def test_a_run_in_bold_heading_opens_its_paragraph(tmp_path: Path) -> None:
    # 'Tax benefits extended. The following …': a few bold words, then the paragraph on the
    # same line. Most of the line was bold, so it was a heading, and the paragraph was cut.
    def page(c: Any) -> None:
        c.setFont("Times-Bold", 14)
        c.drawString(72, 780, "What Is New")
        c.setFont("Times-Bold", 10)
        c.drawString(72, 755, "Tax benefits extended.")
        c.setFont("Times-Roman", 10)
        c.drawString(72 + c.stringWidth("Tax benefits extended. ", "Times-Bold", 10), 755, "The")
        column(c, 72, 742.5, body_lines(8))
        c.setFont("Times-Bold", 14)
        c.drawString(72, 620, "Who Must File")
        column(c, 72, 600, body_lines(8, start=2))

    brief = import_report(draw(tmp_path / "r.pdf", [page]), "r.pdf")
    assert [title for _, title in outline(brief)] == ["What Is New", "Who Must File"]
    assert paragraphs(brief)[0].startswith("Tax benefits extended. The officials told us")


def test_columns_with_a_narrow_gutter_are_read_one_after_the_other(tmp_path: Path) -> None:
    # The IRS's columns stand 20 points apart (two ems of the body's type):
    # PDFium's lines ran across the gutter ('provides the the “timely mailing'). A heading's
    # number stands a tab from its text and stays with it.
    lines = [body_lines(40, words=6, start=k * 7) for k in range(2)]

    def page(c: Any) -> None:
        c.setFont("Times-Bold", 14)
        c.drawString(56, 790, "1.")
        c.drawString(80, 790, "Eligibility Rules")
        width = max(c.stringWidth(line, "Times-Roman", 10) for line in lines[0])
        c.setFont("Times-Roman", 10)
        for k, (left, right) in enumerate(zip(*lines, strict=True)):
            # Row by row, as a word processor draws them; the left flush right, as
            # justified lines end.
            c.drawRightString(56 + width, 760 - k * 12.5, left)
            c.drawString(56 + width + 20, 760 - k * 12.5, right)

    brief = import_report(draw(tmp_path / "r.pdf", [page]), "r.pdf")
    assert [title for _, title in outline(brief)] == ["Eligibility Rules"]
    assert text_of(brief) == " ".join(" ".join(part) for part in lines)


def test_page_numbers_counted_through_a_volume_are_dropped(tmp_path: Path) -> None:
    # The Federal Register numbers its pages through the year (47698, 47699 …), bold at the
    # top of each page: each became a section of its own.
    def page(number: int, title: str) -> Callable[[Any], None]:
        def draw_page(c: Any) -> None:
            c.setFont("Times-Bold", 11)
            c.drawString(56, 800, str(47697 + number))
            c.setFont("Times-Bold", 13)
            c.drawString(56, 760, title)
            column(c, 56, 740, body_lines(30, start=number))

        return draw_page

    pages = [page(1, "Background"), page(2, "Proposed Changes"), page(3, "Costs")]
    brief = import_report(draw(tmp_path / "r.pdf", pages), "r.pdf")
    assert [title for _, title in outline(brief)] == ["Background", "Proposed Changes", "Costs"]


@pytest.mark.parametrize(
    "metadata", [None, "Microsoft Word - draft 3.docx", "untitled", "main.dvi", "Document1"]
)
def test_a_title_a_program_wrote_in_the_metadata_gives_way_to_the_first_heading(
    tmp_path: Path, metadata: str | None
) -> None:
    """reportlab writes '(anonymous)' when the author gives no title, Word its file's name:
    the brief was titled '(anonymous)' and the report's title became a paragraph."""

    def page(c: Any) -> None:
        c.setFont("Helvetica-Bold", 20)
        c.drawString(72, 760, "Harbour Survey")
        c.setFont("Helvetica-Bold", 14)
        c.drawString(72, 720, "1. Findings")
        column(c, 72, 700, body_lines(4))
        c.setFont("Helvetica-Bold", 14)
        c.drawString(72, 600, "2. Measures")
        column(c, 72, 580, body_lines(4, start=5))

    def titled(c: Any) -> None:
        if metadata is not None:
            c.setTitle(metadata)
        page(c)

    brief = import_report(draw(tmp_path / "survey.pdf", [titled]), "survey.pdf")
    assert brief.meta.title == "Harbour Survey"
    assert [s.title for s in brief.sections if s.id in ("1", "2")] == ["Findings", "Measures"]


def test_a_title_the_author_wrote_in_the_metadata_is_kept(tmp_path: Path) -> None:
    def page(c: Any) -> None:
        c.setTitle("Harbour Survey 2024: Findings and Measures")
        c.setFont("Helvetica-Bold", 14)
        c.drawString(72, 720, "1. Findings")
        column(c, 72, 700, body_lines(4))
        c.setFont("Helvetica-Bold", 14)
        c.drawString(72, 600, "2. Measures")
        column(c, 72, 580, body_lines(4, start=5))

    brief = import_report(draw(tmp_path / "survey.pdf", [page]), "survey.pdf")
    assert brief.meta.title == "Harbour Survey 2024: Findings and Measures"
