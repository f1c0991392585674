"""Cases found by the third sweep of real documents (GNU Info manuals, RFC-style paged text,
changelogs, Debian files, pydoc pages): each a minimal input written here in the same shape."""

from __future__ import annotations

from briefcli.importers import import_report, outline
from briefcli.model import Brief
from conftest import paragraphs


def titles(brief: Brief) -> list[str]:
    return [t for s in brief.sections for t in (s.title, *(u.title for u in s.subsections))]


# -- GNU Info manuals (makeinfo's output, as /usr/share/info holds them) ------------------------

NOTICE = "This manual is for GNU Frob (version 1.2).\n\n   Copyright (C) 2020 Example Inc.\n"
INFO = (
    "This is frob.info, produced by makeinfo version 6.8 from\nfrob.texi.\n\n"
    + NOTICE
    + "INFO-DIR-SECTION Utilities\nSTART-INFO-DIR-ENTRY\n"
    "* frob: (frob).          Frob files.\nEND-INFO-DIR-ENTRY\n\n"
    "\x1f\nFile: frob.info,  Node: Top,  Next: Overview,  Up: (dir)\n\n"
    "GNU Frob\n********\n\n" + NOTICE + "\n* Menu:\n\n* Overview::     What it does.\n\n"
    "\x1f\nFile: frob.info,  Node: Overview,  Next: Options,  Prev: Top,  Up: Top\n\n"
    "1 Overview\n**********\n\nFrob turns files into other files. It reads them first.\n\n"
    "1.1 History\n===========\n\nFrob was written for a fair.\n\n"
    "\x1f\nFile: frob.info,  Node: Options,  Prev: Overview,  Up: Top\n\n"
    "2 Options\n*********\n\n\x00\x08[index\x00\x08]\n* Menu:\n\n"
    "‘--fast’\n     Frob faster, and check less of what it reads.\n\n"
    "2.1.1 Rare options\n..................\n\nNobody uses these options.\n\n"
    "\x1f\nTag Table:\nNode: Top\x7f227\nNode: Overview\x7f512\n\x1f\nEnd Tag Table\n\n"
    "\x1f\nLocal Variables:\ncoding: utf-8\nEnd:\n"
)


def test_an_info_manual_imports_with_its_top_heading_as_title_and_chapters_as_sections() -> None:
    # Info files hold NUL bytes in their index marks: they were refused as binary data, and
    # the ones that were not were read as Markdown (the node lines and tag table as text).
    brief = import_report(INFO.encode(), "frob.info")
    assert brief.meta.title == "GNU Frob"
    assert [s.title for s in brief.sections] == ["GNU Frob", "Overview", "Options"]
    assert [s.id for s in brief.sections[1:]] == ["1", "2"]
    # A numbered heading's number is its id, as in Markdown ('1.1 History' → 1-1 History).
    assert [(u.id, u.title) for u in brief.sections[1].subsections] == [("1-1", "History")]
    # A '.' underline (Texinfo's subsubsection) is a heading too.
    assert [(u.id, u.title) for u in brief.sections[2].subsections] == [("2-1-1", "Rare options")]
    text = "\n".join(paragraphs(brief))
    for noise in ("File: frob.info", "Node: Top", "Tag Table", "Local Variables", "\x00", "\x1f"):
        assert noise not in text
    assert "INFO-DIR-SECTION" not in text and "produced by makeinfo" not in text
    # The copying notice, written twice by makeinfo, is kept once, word for word.
    assert text.count("This manual is for GNU Frob (version 1.2).") == 1
    assert "Frob turns files into other files. It reads them first." in text


def test_an_info_manual_whose_top_node_has_no_heading_is_titled_by_makeinfos_line() -> None:
    info = INFO.replace("GNU Frob\n********\n\n", "")
    brief = import_report(info.encode(), "frob.info")
    assert brief.meta.title.startswith("This is frob.info, produced by makeinfo")
    assert [s.title for s in brief.sections if s.id in ("1", "2")] == ["Overview", "Options"]


def test_a_notice_the_top_node_lacks_is_kept_under_the_title() -> None:
    info = INFO.replace("GNU Frob\n********\n\n" + NOTICE, "GNU Frob\n********\n\n")
    brief = import_report(info.encode(), "frob.info")
    assert brief.meta.title == "GNU Frob"
    assert "This manual is for GNU Frob (version 1.2)." in paragraphs(brief)


def test_a_nul_byte_outside_infos_marks_is_still_binary() -> None:
    import pytest

    from briefcli.importers import NotAReport

    with pytest.raises(NotAReport, match="binary"):
        import_report(INFO.replace("Frob was", "Frob\x00was").encode(), "frob.info")


# -- RFC-style paged text: footers, form feeds, headers --------------------------------------


def _page(number: int, body: str) -> str:
    header = "RFC 9999                 Example Frob Protocol                March 2024\n\n\n"
    footer = f"\n\n\nDoe{' ' * 26}Informational{' ' * 21}[Page {number}]\n"
    return (header if number > 1 else "") + body + footer


RFC = (
    _page(
        1,
        "Example Frob Protocol\n\nAbstract\n\n   This document describes frobbing.\n\n"
        "1.  Introduction\n\n   Frobbing was first described in the\n",
    )
    + "\f\n"
    + _page(
        2,
        "   working group's notes and is used widely.\n\n2.  Terms\n\n   A frob is a thing.\n",
    )
    + "\f\n"
    + _page(3, "3.  Security\n\n   Frobbing has no security considerations.\n")
)


def test_paged_text_loses_its_running_headers_and_footers() -> None:
    brief = import_report(RFC.encode(), "rfc9999.txt")
    text = "\n".join(paragraphs(brief))
    assert "[Page" not in text and "Informational" not in text
    assert "RFC 9999" not in text
    # The header's date was a timeline event on every page.
    assert all("Example Frob Protocol March 2024" not in e.event for e in brief.timeline)
    # 'Abstract' before '1. Introduction' is the report's front matter (section i).
    assert [(s.id, s.title) for s in brief.sections] == [
        ("i", "Abstract"),
        ("1", "Introduction"),
        ("2", "Terms"),
        ("3", "Security"),
    ]


def test_a_paragraph_broken_by_a_page_is_one_paragraph() -> None:
    brief = import_report(RFC.encode(), "rfc9999.txt")
    assert (
        "Frobbing was first described in the working group's notes and is used widely."
        in paragraphs(brief)
    )


def test_a_text_with_one_form_feed_keeps_its_lines() -> None:
    text = "Notes\n=====\n\nFirst page [Page 1]\n\f\nSecond page text.\n"
    assert outline(text.encode(), "notes.txt")
    brief = import_report(text.encode(), "notes.txt")
    assert "First page [Page 1]" in paragraphs(brief)


# -- Debian's machine-readable copyright files ------------------------------------------------


def test_a_copyright_fields_years_are_no_event() -> None:
    from briefcli.importers.timeline import find_dates

    # 'Files: debian/* Copyright: 1995-2017 Bdale Garbee' was an event of 1995/2017.
    assert find_dates("Files: debian/* Copyright: 1995-2017 Bdale Garbee License: GPL-3+") == []
    assert find_dates("Copyright: 2003-2007 Theodore Ts'o") == []
    assert find_dates("The format was settled in 2012.") == ["2012"]


def test_an_info_nodes_menu_is_navigation_not_text() -> None:
    """'* Menu:' and its entries list the nodes below, as a contents list does: they became
    key points and summary sentences ('sed regular expressions:: Regular expressions: …')."""
    menu = (
        "* Menu:\n\n* Overview::     What it does.\n* Options::      How to\n"
        "                 change it.\n\nReference\n\n* Index::        Every word.\n\n"
    )
    info = INFO.replace("\n* Menu:\n\n* Overview::     What it does.\n\n", "\n" + menu)
    text = "\n".join(paragraphs(import_report(info.encode(), "frob.info")))
    assert "Menu:" not in text and "What it does." not in text and "Every word." not in text
    assert "change it." not in text and "Reference" not in text
    # The node's own text, and text after a menu, stay.
    assert "Frob turns files into other files. It reads them first." in text
    assert "Frob faster, and check less of what it reads." in text


def test_underlined_numbered_headings_keep_their_numbers_as_ids() -> None:
    """Plain text reads '2.1 Overview' over an underline as Markdown reads '## 2.1 Overview':
    id 2-1, title 'Overview' (Info manuals had '2.1 Overview' as titles and ids by place)."""
    text = (
        "Frob Manual\n***********\n\n1 Scope\n=======\n\nWhat frob covers, in a sentence.\n\n"
        "2 Use\n=====\n\nHow to use it.\n\n2.1 Overview\n------------\n\nThe overview.\n\n"
        "2.1.1 Details\n.............\n\nThe details.\n\n2.2 Options\n-----------\n\nOptions.\n"
    )
    brief = import_report(text.encode(), "frob.txt")
    assert [(s.id, s.title) for s in brief.sections] == [("1", "Scope"), ("2", "Use")]
    assert [(u.id, u.title) for u in brief.sections[1].subsections] == [
        ("2-1", "Overview"),
        ("2-1-1", "Details"),
        ("2-2", "Options"),
    ]


def test_a_version_and_its_date_is_a_title_not_a_section_number() -> None:
    text = (
        "Changes\n=======\n\n1.7.8 (2012-11-01)\n------------------\n\n- Fixed a crash.\n\n"
        "1.7.7 (2012-04-04)\n------------------\n\n- Fixed another crash.\n"
    )
    brief = import_report(text.encode(), "CHANGES.rst")
    assert [(s.id, s.title) for s in brief.sections] == [
        ("1", "1.7.8 (2012-11-01)"),
        ("2", "1.7.7 (2012-04-04)"),
    ]
