"""`brief import` of pages that documentation generators write with their own idea of a
heading: pydoc, javadoc, Doxygen, Texinfo. Each page here is written for the test in the
generator's shape; none is a copy of a real one."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefcli.importers import import_report
from conftest import Runner, outline, paragraphs, write

pytest.importorskip("selectolax")

#: The pages, each in one generator's shape.
PAGES = Path(__file__).parent / "data" / "web" / "generators"


# pydoc (Python 3.11 on): classes name the banner tables; old pydoc: their summary attributes.
PYDOC = (PAGES / "pydoc.html").read_text(encoding="utf-8")

PYDOC_OLD = (PAGES / "pydoc-old.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("page", [PYDOC, PYDOC_OLD], ids=["pydoc", "old-pydoc"])
def test_pydoc_banners_are_its_headings(page: str) -> None:
    brief = import_report(page.encode(), "tally.html")
    assert brief.meta.title == "tally"
    titles = [title for _, title in outline(brief)]
    assert titles[0] == "tally" and titles[1] == "Classes"
    assert titles[2].startswith("class Jar") and titles[3] == "Functions"
    assert [id_ for id_, _ in outline(brief)] == ["0", "1", "1-1", "2"]
    text = paragraphs(brief)
    assert "Count beans in jars." in text  # the docstring, not a piece of code
    assert "count(jar): How many beans a jar holds." in text
    assert "pour(self): Empty the jar." in text
    # The links beside the title are the page's navigation.
    assert not any("index" in p or "/src/tally.py" in p for p in text)


def test_a_pydoc_docstring_joins_its_wrapped_lines_into_paragraphs() -> None:
    """A docstring's line breaks are where its source wrapped: a script reading a key point
    or a paragraph gets no hard wraps; blank lines still end paragraphs."""
    brief = import_report(PYDOC.encode(), "tally.html")
    jar = brief.sections[1].subsections[0]
    assert list(jar.paragraphs[:3]) == [
        "Jar(size)",
        "A jar holds beans up to its size.",
        "Empty it with pour().",
    ]


def test_a_docstrings_list_items_and_indented_lines_keep_their_own_lines() -> None:
    page = (
        '<!doctype html><title>T</title><h1>T</h1><h2>Part</h2><p><span class="code">'
        "Settings:<br>&nbsp;<br>*&nbsp;size&nbsp;-&nbsp;how&nbsp;many&nbsp;beans&nbsp;fit,<br>"
        "&nbsp;&nbsp;&nbsp;&nbsp;at&nbsp;most&nbsp;ten.<br>*&nbsp;lid&nbsp;-&nbsp;whether&nbsp;it"
        "&nbsp;closes.<br>&nbsp;<br>class&nbsp;small:<br>&nbsp;&nbsp;&nbsp;&nbsp;size&nbsp;=&nbsp;3"
        "</span></p>"
    )
    assert paragraphs(import_report(page.encode(), "t.html")) == [
        "Settings:",
        "* size - how many beans fit, at most ten.\n* lid - whether it closes.",
        "class small:\nsize = 3",
    ]


@pytest.mark.parametrize("page", [PYDOC, PYDOC_OLD], ids=["pydoc", "old-pydoc"])
def test_pydoc_headings_get_their_lines(brief: Runner, tmp_path: Path, page: str) -> None:
    result = brief("import", str(write(tmp_path, "tally.html", page)), "--outline")
    assert result.exit_code == 0, result.stderr
    lines = {row.split()[-1].strip(")"): row.split()[0] for row in result.stdout.splitlines()[1:]}
    page_lines = page.splitlines()
    for title, found in (("Classes", lines["Classes"]), ("Functions", lines["Functions"])):
        assert title in page_lines[int(found) - 1]
    jar = next(row for row in result.stdout.splitlines() if "class Jar" in row)
    assert "class <strong>Jar" in page_lines[int(jar.split()[0]) - 1]


def test_two_line_breaks_end_a_paragraph_but_not_a_list_item() -> None:
    page = (
        "<!doctype html><title>T</title><h1>T</h1><h2>Part</h2>"
        "<p>One line.<br><br>Another paragraph.<br>Its second line.</p>"
        "<ul><li>Item,<br><br>still the item.</li></ul>"
    )
    brief = import_report(page.encode(), "t.html")
    assert list(brief.sections[0].paragraphs) == [
        "One line.",
        "Another paragraph.\nIts second line.",
        "- Item,\n  still the item.",
    ]


def test_code_that_is_lines_of_text_is_not_marked_as_code() -> None:
    page = (
        "<!doctype html><title>T</title><h1>T</h1><h2>Part</h2>"
        "<p>Run <code>make all</code> first.</p>"
        "<p><tt>First&nbsp;line<br>second&nbsp;line</tt></p>"
        "<p><tt>Set&nbsp;in&nbsp;no-break&nbsp;spaces.</tt></p>"
    )
    assert paragraphs(import_report(page.encode(), "t.html")) == [
        "Run `make all` first.",
        "First line second line",
        "Set in no-break spaces.",
    ]


def test_javadoc_sections_in_list_items_are_sections() -> None:
    page = (PAGES / "javadoc.html").read_bytes()
    brief = import_report(page, "Counter.html")
    assert brief.meta.title == "Class Counter"
    assert outline(brief) == [
        ("0", "Class Counter"),
        ("1", "Method Summary"),
        ("2", "Method Details"),
        ("2-1", "add"),
        ("2-2", "reset"),
    ]
    assert brief.sections[2].subsections[1].paragraphs == ("Sets the count back to nought.",)
    # A term written with its colon gets no second one.
    assert "Since: 2.1" in brief.sections[0].paragraphs


def test_a_list_item_holding_a_section_and_more_is_still_a_list() -> None:
    page = (
        "<!doctype html><title>T</title><h1>T</h1><h2>Part</h2>"
        "<ul><li><section><h3>Inside</h3><p>a</p></section></li><li>plain</li></ul>"
    )
    brief = import_report(page.encode(), "t.html")
    assert outline(brief) == [("1", "Part")]  # no heading comes out of a list


def test_a_texinfo_manual_has_its_chapters_as_sections(brief: Runner, tmp_path: Path) -> None:
    page = (PAGES / "texinfo.html").read_text(encoding="utf-8")
    imported = import_report(page.encode(), "kettle.html")
    assert imported.meta.title == "The Kettle Manual"
    # The Top node's text is the manual's opening; its contents list goes.
    assert outline(imported) == [
        ("0", "The Kettle Manual"),
        ("1", "Filling"),
        ("1-1", "How much"),
        ("2", "Boiling"),
    ]
    assert imported.sections[0].paragraphs == ("This manual is about boiling water.",)
    assert not any("Table of Contents" in p for p in paragraphs(imported))
    result = brief("import", str(write(tmp_path, "kettle.html", page)), "--outline")
    rows = {row.split()[-1]: row.split()[0] for row in result.stdout.splitlines()[1:]}
    lines = page.splitlines()
    assert "1 Filling</h2>" in lines[int(rows["Filling"]) - 1]
    assert "2 Boiling</h2>" in lines[int(rows["Boiling"]) - 1]


def test_doxygen_titles_its_page_in_a_div_and_its_members_stand_under_their_part() -> None:
    brief = import_report((PAGES / "doxygen.html").read_bytes(), "jar_8h.html")
    assert outline(brief) == [
        ("0", "jar.h File Reference"),
        ("1", "Function Documentation"),
        ("1-1", "jar_open()"),  # without the permalink's diamond
        ("1-2", "jar_close()"),
    ]
    assert brief.sections[0].paragraphs == ("Jars and what they hold.",)
