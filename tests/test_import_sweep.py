"""Cases found by importing real documents nobody here had seen (Django, docutils, Sphinx,
pytest and Debian documentation, Python's HTML manuals, PDFs): each a minimal input."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from briefcli.importers import import_report
from briefcli.importers.timeline import find_dates, heading_event
from briefcli.model import Brief, CodeBlock, GlossaryEntry
from briefcli.terms import glossary
from conftest import paragraphs


def ids(brief: Brief) -> list[str]:
    return [i for s in brief.sections for i in (s.id, *(u.id for u in s.subsections))]


# -- reStructuredText literal blocks -----------------------------------------------------------

RST = """\
A Primer
========

Sections
--------

Adornments mark the headings, like this::

  Chapter 1 Title
  ===============

  Section 1.1 Title
  -----------------

Back to prose, which goes on.

.. code-block:: python
   :linenos:

   def f(x):
       return {"a": 1}

A session:

>>> f(2)
{'a': 1}

Images
------

An image.
"""


def test_a_restructuredtext_literal_block_is_code_and_holds_no_headings() -> None:
    brief = import_report(RST.encode(), "primer.rst")
    assert [s.title for s in brief.sections] == ["Sections", "Images"]
    kept = paragraphs(brief)
    example = "Chapter 1 Title\n===============\n\nSection 1.1 Title\n-----------------"
    assert CodeBlock(example) in kept
    assert "Adornments mark the headings, like this::" in kept
    assert "Back to prose, which goes on." in kept


def test_a_code_directive_and_a_session_keep_their_lines() -> None:
    kept = paragraphs(import_report(RST.encode(), "primer.rst"))
    assert CodeBlock('def f(x):\n    return {"a": 1}', "python") in kept
    assert CodeBlock(">>> f(2)\n{'a': 1}", "pycon") in kept
    assert not any(":linenos:" in p for p in kept)


# -- timeline ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Before, strftime() was restricted to years >= 1900.",  # Python's datetime manual
        "Years < 1000 must be zero-filled to 4-digit width.",
        "Tolerances between 0.001 and 1000 now read better.",  # pytest's changelog
        "They are defined as 4095 and 2048 in a 12-bit implementation.",  # libjpeg
    ],
)
def test_a_number_compared_or_paired_with_a_number_is_no_year(sentence: str) -> None:
    assert find_dates(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "dates"),
    [
        ("Sed was written in 1973 or 1974.", ["1973", "1974"]),
        ("Releases came in 2019, 2020 and 2021.", ["2019", "2020", "2021"]),
    ],
)
def test_a_second_year_after_and_or_or_is_still_a_year(sentence: str, dates: list[str]) -> None:
    assert find_dates(sentence) == dates


def test_a_heading_whose_date_closes_a_bracket_is_its_event_whole() -> None:
    # Sphinx's CHANGES: the event was 'Release 9.0.4 (released', a bracket left open.
    title = "Release 9.0.4 (released Dec 04, 2025)"
    assert heading_event(title) == (title, "2025-12-04")
    assert heading_event("1.2.0 (2024-03-01)") == ("1.2.0", "2024-03-01")


# -- glossary ----------------------------------------------------------------------------------


def extracted_terms(*paragraphs: str) -> list[str]:
    return [candidate.term for candidate in glossary([list(paragraphs)])]


@pytest.mark.parametrize(
    "sentence",
    [
        'Commands are separated with semicolons (e.g., "H;d;") in a script.',  # sed FAQ
        'Then it would send the shell command "TERM=Wyse50" to the shell.',
        'Long names may be stored as "C:\\Program Files" under Windows.',
        'In pytest the "news/" directory is named "changelog/" instead.',  # pytest changelog
        'Changed "yN" and "Yn" to "y/N" and "Y/n" in confirmation prompts.',  # click
        'A script called "blockrep.sed" reads the file and writes another.',
        'The special syntax "TestClass.test_method" now works as it did.',
        "The notation for the field is ‘Example.Group’ as a string.",  # libtasn1 manual
        '"X" means the transformation is obtained by png_set_expand().',  # libpng manual
        "You can have more than one structure, called 'end_info', for the image.",
    ],
)
def test_quoted_code_paths_and_letters_are_no_glossary_terms(sentence: str) -> None:
    assert extracted_terms(sentence) == []


def test_a_quoted_coinage_and_a_name_are_still_terms() -> None:
    terms = extracted_terms(
        "The unit is known as the 'Storm Corps' in the reports we read.",
        'The internet is also known as a "TCP/IP network" to engineers.',  # a CRS report
        "The patch of Bruno Oliveira was merged. The review of Bruno Oliveira came later.",
    )
    assert terms == ["Storm Corps", "TCP/IP network", "Bruno Oliveira"]


def test_thanks_for_a_pull_request_and_a_placeholder_are_no_names() -> None:
    terms = extracted_terms(
        "Thanks to the team and Bruno Oliveira for the PR.",
        "Bruno Oliveira fixed it. Later Bruno Oliveira reviewed the change.",
        'For example: "XXX Describe the function added." XXX Describe it in a line.',
        "Constants such as PNG_SET_WILL_FREE_DATA PNG_USER_WILL_FREE_DATA are flags here.",
        "Pass PNG_SET_WILL_FREE_DATA PNG_USER_WILL_FREE_DATA to free the data.",
    )
    assert terms == ["Bruno Oliveira"]


# -- text formatted for a terminal -------------------------------------------------------------


def test_a_manual_rendered_for_a_terminal_imports_as_the_text_it_shows() -> None:
    # groff's grotty output, as Debian ships man-db's manual: SGR underlines and overstrikes.
    lines = ["Manual", "", "1. Introduction", ""]
    for n in range(30):
        lines.append(
            f" +\bo file names in \x1b[4mitalic\x1b[24m, B\bBo\bol\bld\bd words {n} in a "
            "|\b_b\b_o\b_x\b_|\b_ and _\bu_\bn_\bd_\be_\br."
        )
    lines += ["", "2. Details", "", "More text."]
    brief = import_report("\n".join(lines).encode(), "man-db-manual.txt")
    text = " ".join(paragraphs(brief))
    assert "o file names in italic, Bold words 0 in a |box| and under." in text
    assert "\x1b" not in text and "\b" not in text
    assert ids(brief) == ["1", "2"]


# -- headings at the margin over indented text -------------------------------------------------

MARGIN = """\
                               fonts-conf

Name

   fonts.conf -- Font configuration files

Description

   Fontconfig is a library designed to provide system-wide font
   configuration, customization and application access.

Functional Overview

   Fontconfig contains two essential modules, the configuration
   module and the matching module.

   <fontconfig>
   This is the top level element.

See Also

   fc-cat, fc-cache, fc-list.
"""


def test_headings_at_the_margin_over_indented_text_are_sections() -> None:
    # docbook2txt's rendering of fontconfig's manual (Debian's fontconfig-user.txt) was
    # refused: 'no report structure found'.
    brief = import_report(MARGIN.encode(), "fontconfig-user.txt")
    assert brief.meta.title == "fonts-conf"
    assert [s.title for s in brief.sections] == [
        "Name", "Description", "Functional Overview", "See Also"
    ]  # fmt: skip
    assert "Fontconfig contains two essential modules, the configuration module and the " \
        "matching module." in paragraphs(brief)  # fmt: skip


# -- reading a large imported brief ------------------------------------------------------------


def test_the_json_glossary_finds_every_terms_sections_in_one_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A pass over the text per term took 1.6 s for a 1 MB changelog's 82 extracted terms.
    from briefcli import termmatch
    from briefcli.loader import load_brief
    from briefcli.paths import shipped_brief
    from briefcli.render.data import to_data
    from briefcli.views import GlossaryView

    brief = load_brief(shipped_brief())
    passes: list[int] = []
    real = termmatch.term_uses

    def counted(brief: Brief, entries: Sequence[GlossaryEntry]) -> list[tuple[str, ...]]:
        passes.append(len(entries))
        return real(brief, entries)

    monkeypatch.setattr(termmatch, "term_uses", counted)
    data = to_data(GlossaryView(brief, brief.glossary))
    assert passes == [len(brief.glossary)]
    storm = next(t for t in data["terms"] if t["term"] == "Storm Corps")
    assert storm["used_in"] == ["2-1", "4-1"]


# -- PDF contents lists ------------------------------------------------------------------------


def test_a_pdf_contents_entry_with_dot_leaders_is_no_heading(tmp_path: Path) -> None:
    # Texinfo sets its contents in the headings' bold type (libtasn1's manual): every entry
    # became a subsection ('1 Introduction . . . . 1').
    pytest.importorskip("reportlab")
    pytest.importorskip("pypdfium2")
    from reportlab.pdfgen import canvas

    path = tmp_path / "manual.pdf"
    pdf = canvas.Canvas(str(path))
    y = 800
    lines = [("Helvetica-Bold", 16, "Table of Contents")]
    lines += [("Helvetica-Bold", 10, f"{n} Chapter {n} " + ". " * 30 + str(n)) for n in (1, 2)]
    for n in (1, 2):
        lines.append(("Helvetica-Bold", 16, f"{n} Chapter {n}"))
        lines += [("Helvetica", 10, f"Body text of chapter {n}, line {k}.") for k in range(8)]
    for font, size, text in lines:
        pdf.setFont(font, size)
        pdf.drawString(72, y, text)
        y -= size * 1.6
    pdf.save()
    brief = import_report(path.read_bytes(), path.name)
    # The chapters' own numbers (LaTeX's and Texinfo's style, no dot) are their ids; the
    # contents, entries with dot leaders only, are skipped as a text report's are.
    assert [(s.id, s.title) for s in brief.sections] == [("1", "Chapter 1"), ("2", "Chapter 2")]
    assert all(not s.subsections for s in brief.sections)


# -- a print-only copy of the page -------------------------------------------------------------


def test_a_print_only_title_and_contents_are_not_a_section() -> None:
    # pydata-sphinx-theme (Alembic's, NumPy's, pandas' manuals) repeats the page's title and
    # its contents in a print-only block inside <main>: the title was a section of its own,
    # holding the contents, before the page's own.
    page = """<!DOCTYPE html><html><head><title>Batch</title></head><body>
<main role="main">
<div id="jb-print-docs-body" class="onlyprint">
  <h1>Running Batch Migrations</h1>
  <div id="jb-print-toc"><div><h2> Contents </h2></div>
  <nav><ul><li><a href="#reflection">Controlling Table Reflection</a></li></ul></nav></div>
</div>
<article class="bd-article"><section id="batch">
<h1>Running Batch Migrations</h1>
<p>The SQLite database presents a challenge to migration tools.</p>
<section id="reflection"><h2>Controlling Table Reflection</h2>
<p>The table is reflected from the database before it is copied.</p></section>
</section></article></main></body></html>"""
    brief = import_report(page.encode(), "batch.html")
    assert [(s.id, s.title) for s in brief.sections] == [
        ("0", "Running Batch Migrations"),
        ("1", "Controlling Table Reflection"),
    ]


# -- reStructuredText fields above the title ---------------------------------------------------


def test_fields_above_a_restructuredtext_title_are_not_the_title() -> None:
    # Twisted's manuals open with version-control fields: the first was the title (and the
    # id 'lastchangeddate-lastchangeddate'), the document's own title a section.
    text = (
        ":LastChangedDate: $LastChangedDate$\n:LastChangedBy: $LastChangedBy$\n\n"
        "Writing Servers\n===============\n\nOverview\n--------\n\n"
        "This document explains how you can use Twisted to implement servers.\n\n"
        "Protocols\n---------\n\nA protocol handles the data a connection receives.\n"
    )
    brief = import_report(text.encode(), "servers.rst")
    assert brief.meta.title == "Writing Servers"
    assert brief.meta.id == "writing-servers"
    assert [(s.id, s.title) for s in brief.sections][-2:] == [("1", "Overview"), ("2", "Protocols")]
    assert ":LastChangedBy: $LastChangedBy$" in " ".join(paragraphs(brief))


def test_a_restructuredtext_title_overlined_is_above_sections_underlined_alike() -> None:
    # '=' over and under the title, '=' under each section (Babel's and Pygments' manuals):
    # one level before, so the title was a section beside them.
    text = (
        ".. -*- mode: rst -*-\n\n======\nStyles\n======\n\n"
        "Pygments comes with some builtin styles that work for both formatters.\n\n"
        "Creating Own Styles\n===================\n\nSee the guide on writing a style.\n\n"
        "Builtin Styles\n==============\n\nPygments ships some builtin styles.\n"
    )
    brief = import_report(text.encode(), "styles.rst")
    assert brief.meta.title == "Styles"
    assert [(s.id, s.title) for s in brief.sections][1:] == [
        ("1", "Creating Own Styles"),
        ("2", "Builtin Styles"),
    ]
