"""`brief import` of PDFs shaped like policy reports, typeset by reportlab's platypus (its
paragraphs, frames and superscripts, not a hand-placed canvas): a cover page, numbered
sections in one type, footnotes under a table, list items that wrap."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from briefcli.importers import import_report
from conftest import outline, paragraphs

pytest.importorskip("pypdfium2")
pytest.importorskip("reportlab")

BODY = (
    "Officials told us that guidance on the rail franchise was issued late, which left little "
    "time for preparation. Stakeholders agreed that ridership cannot improve without a stable "
    "settlement for operating subsidies. "
)


def report(
    path: Path,
    *,
    cover: bool = True,
    title: str = "Rethinking Regional Public Transport",
    heading_sizes: tuple[float, float] = (16, 13),
    body: list[Any] | None = None,
    notes: list[str] = (),  # type: ignore[assignment]
) -> Path:
    """A small report: a cover page, then '1 Introduction', '1.1 Background', '2 Findings';
    ``body`` replaces the flowables under '1.1 Background'; ``notes`` are drawn as footnotes
    at the foot of the first page after the cover."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        NextPageTemplate,
        PageBreak,
        PageTemplate,
        Paragraph,
        Spacer,
    )

    width, height = A4
    text = ParagraphStyle("body", fontName="Times-Roman", fontSize=10, leading=12.5)
    h1 = ParagraphStyle("h1", fontName="Times-Bold", fontSize=heading_sizes[0], leading=20)
    h2 = ParagraphStyle("h2", fontName="Times-Bold", fontSize=heading_sizes[1], leading=16)
    big = ParagraphStyle("cover", fontName="Times-Roman", fontSize=14, leading=18)
    top = ParagraphStyle("title", fontName="Times-Bold", fontSize=26, leading=32)

    def foot(canvas: Any, doc: Any) -> None:
        canvas.setFont("Times-Roman", 8)
        canvas.drawCentredString(width / 2, 30, f"Page {doc.page}")
        if doc.page == (2 if cover else 1):
            for k, note in enumerate(notes):
                canvas.drawString(56, 80 - 10 * k, note)

    doc = BaseDocTemplate(str(path), pagesize=A4, title=title)
    frame = Frame(56, 100, width - 112, height - 160)
    doc.addPageTemplates(
        [
            PageTemplate(id="cover", frames=[Frame(56, 56, width - 112, height - 112)]),
            PageTemplate(id="body", frames=[frame], onPage=foot),
        ]
    )
    story: list[Any] = []
    if cover:
        story += [Paragraph(title, top), Spacer(1, 20)]
        story += [Paragraph(line, big) for line in ("Policy Report", "Centre for Mobility")]
        story += [Paragraph("March 2024", big), NextPageTemplate("body"), PageBreak()]
    else:
        story += [Paragraph(title, top), NextPageTemplate("body")]
    story += [Paragraph("1&nbsp;&nbsp;Introduction", h1), Paragraph(BODY * 2, text)]
    story += [Paragraph("1.1&nbsp;&nbsp;Background", h2)]
    story += body if body is not None else [Paragraph(BODY * 3, text)]
    story += [Paragraph("2&nbsp;&nbsp;Findings", h1), Paragraph(BODY * 3, text)]
    doc.build(story)
    return path


def test_a_cover_page_is_the_title_over_its_lines_not_sections(tmp_path: Path) -> None:
    # Its subtitle, publisher and date, set larger than the body, were sections '7', '8' …
    # and, larger than the sections' headings, pushed every section down to a subsection.
    for sizes in ((16, 13), (12, 11)):
        brief = import_report(report(tmp_path / "r.pdf", heading_sizes=sizes).read_bytes(), "r.pdf")
        assert brief.meta.title == "Rethinking Regional Public Transport"
        assert outline(brief)[1:] == [
            ("1", "Introduction"),
            ("1-1", "Background"),
            ("2", "Findings"),
        ]
        assert list(brief.sections[0].paragraphs[:3]) == [
            "Policy Report",
            "Centre for Mobility",
            "March 2024",
        ]


def test_a_first_page_with_the_text_is_no_cover(tmp_path: Path) -> None:
    brief = import_report(report(tmp_path / "r.pdf", cover=False).read_bytes(), "r.pdf")
    assert brief.meta.title == "Rethinking Regional Public Transport"
    assert outline(brief) == [("1", "Introduction"), ("1-1", "Background"), ("2", "Findings")]


def test_a_title_on_two_lines_broken_after_a_comma_is_one(tmp_path: Path) -> None:
    title = "Digital Health Records in Primary and Secondary Care: Adoption, Risks and Governance"
    brief = import_report(report(tmp_path / "r.pdf", title=title).read_bytes(), "r.pdf")
    assert brief.meta.title == title
    assert [s for s in outline(brief) if "Governance" in s[1] and s[1] != title] == []


def test_headings_in_one_type_nest_by_their_numbers(tmp_path: Path) -> None:
    # '1 Introduction' and '1.1 Background' both bold at 11 pt: '1.1' was a section of its own.
    path = report(tmp_path / "r.pdf", heading_sizes=(11, 11))
    assert outline(import_report(path.read_bytes(), "r.pdf"))[1:] == [
        ("1", "Introduction"),
        ("1-1", "Background"),
        ("2", "Findings"),
    ]


def test_a_list_item_that_wraps_is_one_paragraph(tmp_path: Path) -> None:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    style = ParagraphStyle("item", fontName="Times-Roman", fontSize=10, leading=12.5)
    style.leftIndent, style.bulletIndent = 14, 4
    item = "Between 2010 and 2018, ridership grew by 48 per cent, while spending on " * 2
    item += "rural routes stayed broadly flat."
    body = [
        Paragraph(item, style, bulletText="\u2022"),
        Paragraph("A short item.", style, bulletText="\u2022"),
    ]
    kept = paragraphs(import_report(report(tmp_path / "r.pdf", body=body).read_bytes(), "r.pdf"))
    assert f"\u2022 {item}" in kept
    assert "\u2022 A short item." in kept
    assert "rural routes stayed broadly flat." not in kept


def test_reportlab_footnote_marks_and_notes_under_a_small_table(tmp_path: Path) -> None:
    # reportlab sets <super> at 0.8 of the size (the mark stayed a plain '1', and PDFium's
    # line break at it split the paragraph); notes under a table set in small type stayed
    # in the body.
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table

    text = ParagraphStyle("body", fontName="Times-Roman", fontSize=10, leading=12.5)
    first = "Costs rose sharply in 2018, and operating subsidies absorbed half of the increase."
    body = [
        Paragraph(f"{first}<super>1</super> {BODY}", text),
        Table(
            [["Indicator", "2019", "2023"], ["Ridership", "86.9", "68.0"]],
            style=[
                ("FONT", (0, 0), (-1, -1), "Times-Roman", 8),
            ],
        ),
    ]
    notes = ["1 The figures are in real terms, at 2020 prices.", "2 A second note."]
    brief = import_report(report(tmp_path / "r.pdf", body=body, notes=notes).read_bytes(), "r.pdf")
    kept = paragraphs(brief)
    assert f"{first}[^1] {BODY.strip()}" in kept
    assert brief.sections[-1].title == "Notes"
    assert list(brief.sections[-1].paragraphs) == [
        "[^1]: The figures are in real terms, at 2020 prices.",
        "[^2]: A second note.",
    ]


def test_a_short_column_beside_a_long_one_and_references_with_hanging_indents(
    tmp_path: Path,
) -> None:
    # The last page of a two-column report: a full left column, the references in a short
    # right one. The columns' lines were read across, line by line ('Reforming the fare
    # integration spending on rural bus routes …'), and each reference's indented second
    # line was a source of its own ('Studies.').
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

    width, height = A4
    text = ParagraphStyle("body", fontName="Times-Roman", fontSize=10, leading=12.5, spaceAfter=6)
    heading = ParagraphStyle("h1", fontName="Times-Bold", fontSize=16, leading=20)
    entry = ParagraphStyle("ref", parent=text, leftIndent=18, firstLineIndent=-18)
    column = (width - 112 - 18) / 2
    frames = [Frame(56 + k * (column + 18), 56, column, height - 112) for k in (0, 1)]
    doc = BaseDocTemplate(str(tmp_path / "r.pdf"), pagesize=A4)
    doc.addPageTemplates([PageTemplate(frames=frames)])
    references = [
        f"{name}, A. (20{10 + k}). Reforming the fare integration scheme in the regions. "
        "Journal of Public Policy."
        for k, name in enumerate(["Haddad", "Iyer", "Lindqvist", "Novak", "Okafor", "Walsh"])
    ]
    story: list[Any] = [Paragraph("1&nbsp;&nbsp;Findings", heading)]
    story += [Paragraph(BODY * 4, text) for _ in range(3)]
    story += [Paragraph("References", heading)]
    story += [Paragraph(r, entry) for r in references]
    doc.build(story)
    brief = import_report((tmp_path / "r.pdf").read_bytes(), "r.pdf")
    assert [s.title for s in brief.sources] == references
    assert paragraphs(brief) == [(BODY * 4).strip()] * 3
