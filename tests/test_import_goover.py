"""The goover importer: the shared report, and the same report after other tools mangled it."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from briefcli.importers import NotAReport, import_report, plain_text
from briefcli.importers.draft import roman
from briefcli.importers.text import clean
from briefcli.model import Brief
from conftest import REPO, Runner

SHIPPED_SOURCE = REPO / "briefs" / "sources" / "nk-russia-troops-2025.txt"
TOC = [
    "Summary",
    "The Strategic Significance of North Korea's Troop Deployment",
    "Historical Context of North Korea-Russia Relations",
    "Current Developments in the Ukraine Conflict",
    "Geopolitical Ramifications of the North Korea-Russia Cooperation",
    "Strategic Recommendations and Future Scenarios",
    "Conclusion",
]


@pytest.fixture(scope="module")
def report() -> str:
    """The report the shipped brief is made from (the copy kept in the repository)."""
    return SHIPPED_SOURCE.read_text(encoding="utf-8")


def source_paragraphs(text: str) -> list[str]:
    """The report's paragraphs, found independently of the importer: the bullet lines that are
    neither subsection headings nor glossary entries."""
    body = text.split("\nGlossary\n")[0]
    out = []
    for line in body.splitlines():
        line = line.strip()
        if line.startswith("•"):
            paragraph = line.lstrip("•").strip()
            if not re.match(r"^\d+-\d+\. ", paragraph):
                out.append(paragraph)
    return out


def squash(text: str) -> str:
    return "".join(text.split())


def brief_paragraphs(brief: Brief) -> list[str]:
    return [p for section in brief.sections for p in section.all_paragraphs()]


def parse(text: str) -> Brief:
    """The plain-text importer alone (no timeline)."""
    return plain_text.parse(text)[0]


# -- the variants --------------------------------------------------------------------------


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def bom(text: str) -> str:
    return "\ufeff" + text


def nbsp(text: str) -> str:
    # Indentation, the space after each bullet and every fifth space in the text.
    lines = []
    for line in text.split("\n"):
        indent = len(line) - len(line.lstrip(" "))
        line = "\u00a0" * indent + line[indent:].replace("• ", "•\u00a0")
        parts = line.split(" ")
        line = "".join(p + ("\u00a0" if i % 5 == 4 else " ") for i, p in enumerate(parts))[:-1]
        lines.append(line)
    return "\n".join(lines)


def dash_bullets(text: str) -> str:
    return text.replace("•", "-")


def star_bullets(text: str) -> str:
    return text.replace("•", "*")


def middot_bullets(text: str) -> str:
    return text.replace("•", "·")


def no_blank_lines(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if line.strip())


def no_toc(text: str) -> str:
    start = text.index("TABLE OF CONTENTS")
    end = text.index("1. Summary", text.index("7. Conclusion"))
    return text[:start] + text[end:]


def no_banner(text: str) -> str:
    return text.replace("Your browser does not support JavaScript!\n", "")


def tabs_and_trailing_space(text: str) -> str:
    return "\n".join(
        "\t" + line.strip() + " \t " if line.strip() else "  " for line in text.split("\n")
    )


def everything(text: str) -> str:
    for change in (no_toc, no_banner, dash_bullets, no_blank_lines, nbsp, crlf, bom):
        text = change(text)
    return text


VARIANTS: dict[str, Callable[[str], str]] = {
    "as published": lambda text: text,
    "CRLF": crlf,
    "BOM": bom,
    "NBSP": nbsp,
    "dash bullets": dash_bullets,
    "star bullets": star_bullets,
    "middle-dot bullets": middot_bullets,
    "no blank lines": no_blank_lines,
    "no table of contents": no_toc,
    "no banner": no_banner,
    "tabs and trailing space": tabs_and_trailing_space,
    "all at once": everything,
}


@pytest.mark.parametrize("variant", VARIANTS, ids=list(VARIANTS))
def test_every_variant_imports_validates_and_shows_section_4(
    brief: Runner, tmp_path: Path, report: str, variant: str
) -> None:
    text = VARIANTS[variant](report)
    source = tmp_path / "report.txt"
    source.write_bytes(text.encode("utf-8"))
    out = tmp_path / "x.yaml"

    imported = brief("import", str(source), "-o", str(out))
    assert imported.exit_code == 0, imported.stderr
    assert imported.stdout == f"{out}\n"
    checked = brief("validate", str(out))
    assert checked.exit_code == 0, checked.stdout
    assert checked.stdout == f"{out}: valid\n"
    shown = brief("show", "section", "4", "--brief", str(out))
    assert shown.exit_code == 0, shown.stderr
    assert shown.stdout.startswith("4. Current Developments in the Ukraine Conflict\n")

    result = import_report(text.encode("utf-8"), "report.txt")
    assert [s.title for s in result.sections] == TOC
    expected = [squash(clean(p)) for p in source_paragraphs(report)]
    assert [squash(p) for p in brief_paragraphs(result)] == expected
    assert len(result.glossary) == 8


def test_every_paragraph_of_the_report_is_in_the_shipped_brief(report: str) -> None:
    from briefcli.loader import load_brief
    from briefcli.paths import default_brief_path

    shipped = load_brief(default_brief_path())
    have = [squash(p) for p in brief_paragraphs(shipped)]
    wanted = [squash(clean(p)) for p in source_paragraphs(report)]
    assert len(wanted) == 43
    missing = [p[:60] for p in wanted if p not in have]
    assert missing == []
    assert have == wanted  # and nothing else, in the report's order


def test_the_report_structure(report: str) -> None:
    result = import_report(report.encode(), "nk.txt")
    meta = result.meta
    assert meta.title.startswith("North Korea's Troop Deployment to Russia")
    assert (meta.kind, meta.date, meta.publisher, meta.source) == (
        "General Report",
        "2025-02-28",
        "goover",
        "",
    )
    assert [s.role for s in result.sections] == ["summary", *[None] * 5, "conclusion"]
    assert [u.id for u in result.sections[3].subsections] == ["4-1", "4-2", "4-3"]
    assert result.sections[1].subsections[0].title == (
        "Understanding the military objectives of North Korea's deployment"
    )
    storm = result.glossary[0]
    assert (storm.term, storm.category) == ("Storm Corps", "Concept")
    assert storm.definition.startswith("A specialized unit within")
    assert result.sources == ()


def test_the_artifacts_are_fixed_and_nothing_else_changes(report: str) -> None:
    result = import_report(report.encode(), "nk.txt")
    text = "\n".join(brief_paragraphs(result))
    assert "3,000 and potentially 12,000" in text
    assert "'Storm Corps,' is indicative" in text
    assert "3, 000" not in text
    assert "Your browser" not in text
    # The same words in the same order: only the artifacts' spaces went.
    source_words = " ".join(source_paragraphs(report)).replace(", 000", ",000")
    source_words = source_words.replace(", 500", ",500").replace(", '", ",'")
    assert text.split() == source_words.split()


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("from 3, 000 to 12, 000 soldiers", "from 3,000 to 12,000 soldiers"),
        ("1, 234, 567 people", "1,234,567 people"),
        ("the 'Storm Corps, ' is", "the 'Storm Corps,' is"),
        ("the “Storm Corps, ” is", "the “Storm Corps,” is"),
        ("in 2019, 300 troops", "in 2019, 300 troops"),  # a year, then a number: untouched
        ("items 1, 2, 3", "items 1, 2, 3"),
        ("1.5, 000", "1.5, 000"),
        ("He said, 'no' to it", "He said, 'no' to it"),
    ],
)
def test_clean_fixes_extraction_artifacts_only(raw: str, fixed: str) -> None:
    assert clean(raw) == fixed


# -- other goover-style reports ------------------------------------------------------------

SMALL = """\
Ports in Winter
General Report March 3, 2024
harbour.example

1. Summary
• Ice closed the port in January 2024.
2. Findings
• 2-1. Shipping
• Traffic fell by 3, 000 tonnes.
• 2-2. Outlook
• Reopening is expected in the second quarter of 2024.
Conclusion
• Prepare early.
Glossary
• Fast ice [Concept]: Sea ice attached to the shore.
• Polynya: An area of open water surrounded by ice.
Source Documents
• Port authority notice - https://port.example/notice.
• https://weather.example/ice
• A report with no link
"""


def test_a_small_report_with_sources_and_a_plain_glossary_entry() -> None:
    result = import_report(SMALL.encode(), "ports.txt")
    assert result.meta.publisher == "harbour.example"
    assert result.meta.date == "2024-03-03"
    assert [(s.id, s.title, s.role) for s in result.sections] == [
        ("1", "Summary", "summary"),
        ("2", "Findings", None),
        ("3", "Conclusion", "conclusion"),
    ]
    assert result.sections[1].subsections[0].paragraphs == ("Traffic fell by 3,000 tonnes.",)
    assert [(g.term, g.category) for g in result.glossary] == [
        ("Fast ice", "Concept"),
        ("Polynya", "General"),
    ]
    assert [(s.title, s.url) for s in result.sources] == [
        ("Port authority notice", "https://port.example/notice"),
        ("https://weather.example/ice", "https://weather.example/ice"),
        ("A report with no link", None),
    ]
    assert [(e.date.text, e.sections) for e in result.timeline] == [
        ("2024-01", ("1",)),
        ("2024-Q2", ("2-2",)),
    ]


def test_hard_wrapped_paragraphs_without_bullets_are_joined() -> None:
    text = (
        "Wrapped Report\n\n1. Summary\n\nThe first paragraph is\nwrapped over\nthree lines.\n\n"
        "A second one.\n\n2. More\n\nText here.\n"
    )
    result = parse(text)
    assert result.sections[0].paragraphs == (
        "The first paragraph is wrapped over three lines.",
        "A second one.",
    )


def test_lines_without_bullets_or_blank_lines_are_one_paragraph_each() -> None:
    text = "Dense Report\n1. Summary\n" + "\n".join(f"Paragraph {n} " * 20 for n in range(3))
    text += "\n2. Next\nLast words here.\n"
    result = parse(text)
    assert len(result.sections[0].paragraphs) == 3


def test_a_second_definition_of_a_term_is_kept_as_text() -> None:
    text = SMALL.replace("Source Documents", "• Polynya [Place]: Again.\nSource Documents")
    result = parse(text)
    assert [g.term for g in result.glossary] == ["Fast ice", "Polynya"]
    assert result.sections[-1].title == "Glossary"
    assert result.sections[-1].paragraphs == ("Polynya [Place]: Again.",)


def test_a_report_without_a_title_line_needs_title() -> None:
    text = "1. Summary\n• Body.\n2. More\n• Text.\n"
    with pytest.raises(NotAReport, match=r"no title.*--title"):
        import_report(text.encode(), "r.txt", "goover")
    result = import_report(text.encode(), "r.txt", "goover", title="Given")
    assert (result.meta.title, result.meta.id) == ("Given", "given")
    assert [s.title for s in result.sections] == ["Summary", "More"]


def test_text_before_the_first_section_is_kept() -> None:
    result = parse("Odd Report\nSome preface with no date line.\n1. Summary\n• Body.\n")
    assert (result.sections[0].id, result.sections[0].title) == ("0", "Introduction")
    assert result.sections[0].paragraphs == ("Some preface with no date line.",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Title only\n", "no report structure found"),
        ("• 1. Summary\n• text\n", "no title"),
        ("Title\n\n1. Summary\n\n2. Findings\n", "the sections hold no text"),
        # Two numbered lines in a row are a list, not sections.
        ("Title\n1. Summary\n2. Findings\n", "no report structure found"),
    ],
)
def test_what_is_not_a_goover_report(text: str, message: str) -> None:
    with pytest.raises(NotAReport, match=message):
        parse(text)


def test_the_source_kept_in_the_repository_is_the_shared_one(source_text: str) -> None:
    assert SHIPPED_SOURCE.read_text(encoding="utf-8") == source_text


def test_a_report_from_stdin_in_a_real_process(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    out = tmp_path / "small.yaml"
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data"))
    done = subprocess.run(
        [sys.executable, "-m", "briefcli", "import", "-", "-o", str(out)],
        input=SMALL.encode(),
        capture_output=True,
        env=env,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout.decode() == f"{out}\n"
    assert out.read_text().startswith("schema_version: 1\nid: ports-winter\n")


def test_every_reader_names_the_same_parts() -> None:
    """Part titles are defined once (importers.draft): plain text knows what Markdown knows."""
    text = (
        "A Report on Rail Freight\n\n1. Freight volumes\n\n"
        "Freight volumes rose by a tenth over the year across the northern lines.\n\n"
        "Concluding remarks\n\nThe northern lines will need more wagons next winter.\n\n"
        "Definitions\n\nWagon: a railway vehicle for goods.\n"
    )
    plain = import_report(text.encode(), "rail.txt")
    assert [s.role for s in plain.sections] == [None, "conclusion"]
    assert [g.term for g in plain.glossary] == ["Wagon"]
    markdown = import_report(
        b"# A Report on Rail Freight\n\n## Freight volumes\n\nFreight volumes rose by a tenth."
        b"\n\n## Concluding remarks\n\nMore wagons.\n\n## Definitions\n\n"
        b"- **Wagon**: a railway vehicle for goods.\n",
        "rail.md",
        "markdown",
    )
    assert [s.role for s in markdown.sections] == [None, "conclusion"]
    assert [g.term for g in markdown.glossary] == ["Wagon"]


def test_numbered_sections_keep_their_numbers_after_unnumbered_ones() -> None:
    """An unnumbered 'Summary' before '1. Introduction' does not push it to id 2 (or 4): the
    sections the report numbered are found by those numbers. The ones before the first are
    front matter, numbered i, ii … in order; the ones after take the next free numbers."""
    markdown = (
        b"# Grain\n\n## Summary\n\nGrain moves by sea.\n\n## 1. Ports\n\nJebel Ali leads.\n\n"
        b"## 2. Food\n\nShips bring grain.\n\n## Notes\n\nSources vary.\n"
    )
    brief = import_report(markdown, "grain.md", "markdown")
    assert [(s.id, s.title) for s in brief.sections] == [
        ("i", "Summary"),
        ("1", "Ports"),
        ("2", "Food"),
        ("3", "Notes"),
    ]
    assert brief.sections[0].role == "summary"
    text = "Grain\n\nForeword\n\nA word first.\n\n1. Ports\n\nJebel Ali.\n\n2. Food\n\nShips.\n"
    sections = import_report(text.encode(), "grain.txt").sections
    assert [(s.id, s.title) for s in sections] == [("i", "Foreword"), ("1", "Ports"), ("2", "Food")]


JA_TEXT = (
    "北朝鮮のロシア派兵に関する報告\n\n1. 概要\n\n"
    "北朝鮮は十月に部隊を派遣した。重要な転換である。\n\n"
    "2. 背景\n\n両国の関係は長い。\n\n2.1 冷戦期\n\n同盟関係にあった。\n"
)
JA_MARKDOWN = (
    "# 報告\n\n## 1. 概要\n\n北朝鮮は十月に部隊を派遣した。\n\n"
    "## 2. 背景\n\n両国の関係は長い。\n\n### 2.1 冷戦期\n\n同盟関係にあった。\n"
)
AR_TEXT = "تقرير\n\n1. مقدمة\n\nنص المقدمة هنا.\n\n2. خلفية\n\nنص الخلفية.\n\n2.1 تاريخ\n\nنص.\n"


@pytest.mark.parametrize(
    ("name", "text"), [("ja.txt", JA_TEXT), ("ja.md", JA_MARKDOWN), ("ar.txt", AR_TEXT)]
)
def test_numbered_headings_in_scripts_without_case_are_sections(name: str, text: str) -> None:
    # '1. 概要' opens with no capital, as no Japanese or Arabic title can: it is still a
    # numbered heading, and a paragraph (in no capitals either) is no heading.
    brief = import_report(text.encode(), name)
    assert [s.id for s in brief.sections] == ["1", "2"]
    assert [u.id for u in brief.sections[1].subsections] == ["2-1"]
    assert not brief.sections[0].title[:1].isdigit()


def test_front_matter_sections_are_numbered_i_ii_and_found_by_role_and_title() -> None:
    """A foreword and an executive summary before '1. Introduction' are front matter: 'i' and
    'ii' in the contents, in the report's order, and 'summary' and the title find the second."""
    markdown = (
        b"# Corridor\n\n## Foreword\n\nWe thank the ministry.\n\n## Executive Summary\n\n"
        b"Trade rose.\n\n## 1. Introduction\n\nThe corridor opened.\n\n## 2. Findings\n\n"
        b"### 2.1 Trade\n\nTrade rose by a tenth.\n\n## Conclusion\n\nIt matters.\n"
    )
    brief = import_report(markdown, "corridor.md", "markdown")
    assert [(s.id, s.title) for s in brief.sections] == [
        ("i", "Foreword"),
        ("ii", "Executive Summary"),
        ("1", "Introduction"),
        ("2", "Findings"),
        ("3", "Conclusion"),
    ]
    assert brief.section_by_role("summary") is brief.sections[1]
    assert [s.id for s in brief.sections[3].subsections] == ["2-1"]


def test_roman_numbers_front_matter_as_books_do() -> None:
    assert [roman(n) for n in (1, 2, 4, 9, 14, 40, 1999)] == [
        "i", "ii", "iv", "ix", "xiv", "xl", "mcmxcix",
    ]  # fmt: skip


def test_appendices_named_by_a_letter_are_found_by_it() -> None:
    """'Appendix A: Data' after numbered sections is A (its subsection 'A.1' is A-1), not the
    next number; 'Appendix a note' is no appendix letter."""
    markdown = (
        b"# R\n\n## 1. Intro\n\nx.\n\n## 2. Body\n\ny.\n\n## Appendix a note\n\nq.\n\n"
        b"## APPENDIX A: Data\n\nz.\n\n### A.1 Tables\n\nw.\n\n## Annex B\n\nv.\n"
    )
    brief = import_report(markdown, "r.md", "markdown")
    assert [(s.id, s.title) for s in brief.sections] == [
        ("1", "Intro"),
        ("2", "Body"),
        ("3", "Appendix a note"),
        ("A", "APPENDIX A: Data"),
        ("B", "Annex B"),
    ]
    assert [sub.id for sub in brief.sections[3].subsections] == ["A-1"]


def test_a_numbered_heading_may_name_an_element() -> None:
    """Specifications of markup title sections by element ('2.1. <abstract>'): the number is
    the id, in order with the numbered subsections around it."""
    markdown = (
        b"# Schema\n\n## 2. Elements\n\nText.\n\n### 2.1. <abstract>\n\nA.\n\n"
        b"### 2.2. &lt;address&gt;\n\nB.\n"
    )
    brief = import_report(markdown, "schema.md", "markdown")
    assert [(s.id, s.title) for s in brief.sections[0].subsections] == [
        ("2-1", "<abstract>"),
        ("2-2", "<address>"),
    ]


def test_an_appendix_letter_never_shares_an_id_with_front_matter_in_another_case() -> None:
    """Ids are found whatever their case: 'Appendix I' beside a foreword 'i' takes a number,
    or 'brief show I' could never reach it."""
    markdown = (
        b"# R\n\n## Foreword\n\nf.\n\n## 1. Intro\n\nx.\n\n## 2. Body\n\ny.\n\n"
        b"## Appendix I\n\nz.\n"
    )
    brief = import_report(markdown, "r.md", "markdown")
    assert [s.id for s in brief.sections] == ["i", "1", "2", "3"]
