"""Property tests for the readers of changelogs, NEWS files, Info manuals, paged text and
generated web pages: any mix of their pieces imports, and its glossary and summary are made,
or the input is refused with a clean error; never an internal error."""

from __future__ import annotations

import gzip
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from briefcli import extracts
from briefcli.errors import BriefError
from briefcli.importers import import_report
from briefcli.importers.text import _PAGE_BREAK

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def reads_cleanly(data: bytes, name: str) -> None:
    """The property: a brief whose glossary and summary can be made, or a clean error."""
    try:
        brief = import_report(data, name)
    except BriefError as exc:
        assert exc.message and "\n" not in exc.message
        return
    extracts.glossary(brief)
    extracts.summary(brief)


#: Lines of GNU ChangeLogs, Debian changelogs, NEWS files (GnuTLS's '**' items, bash's
#: releases between rules, simplejson's release lines), copyright files and Info manuals.
LOG_LINES = st.one_of(
    st.sampled_from(
        [
            "2023-02-06  Jane Doe  <jane@example.org>",
            "Thu Jul 18 01:30:22 MDT 1996  Jane Doe  <jane@example.org>",
            "\t* src/cmp.c (main): Fix the thing.",
            "\tcmp: avoid reading uninitialized memory",
            "pkg (1.2-3) unstable; urgency=medium",
            "  * Fix bug in 2019.",
            " -- Jane Doe <jane@example.org>  Mon, 06 Feb 2023 10:00:00 +0100",
            "* Version 3.8.0 (released 2023-02-09)",
            "** libgnutls: Fix the thing.",
            "** API and ABI modifications:",
            "   Reported by X.",
            "-" * 40,
            "#" * 30,
            "This is a terse description of the new features added to bash-5.2.",
            "Changes from versions 4.1.* to version 4.2.0:",
            "Version 4.3.0 released 2026-11-10",
            "1. New Features in Bash",
            "a. Thing.",
            "Copyright: 1995-2017 Jane Doe",
            "           1997-2003 John Roe",
            "License: GPL-2+",
            "Files: *",
            "This is x.info, produced by makeinfo version 6.8 from x.texi.",
            "\x1f",
            "File: x.info,  Node: Top,  Next: Intro,  Up: (dir)",
            "File: x.info,  Node: Intro,  Up: Top",
            "* Menu:",
            "* Intro::  What it does.",
            "Tag Table:",
            "INFO-DIR-SECTION Text",
            "END-INFO-DIR-ENTRY",
            "1.1 Overview",
            "1 Intro",
            "************",
            "============",
            "------------",
            "............",
            "\f",
            "RFC 1234                   Title                  March 1999",
            "Doe                                                [Page 2]",
            "",
            "",
            "   ",
            "\t",
        ]
    ),
    st.text(alphabet=st.sampled_from(list("*-=.#\t \f\x1f\x00\x08:09aA<>()\"'")), max_size=30),
    st.text(max_size=40),
)

#: Pieces of pages that pydoc, javadoc, Doxygen and Texinfo write.
HTML_PIECES = st.one_of(
    st.sampled_from(
        [
            '<table class="heading"><tr><td class="title"><strong class="title">mod</strong>'
            '</td><td class="extra"><a href=".">index</a></td></tr></table>',
            '<table class="section"><tr><td class="section-title" colspan=3><strong '
            'class="bigsection">Classes</strong></td></tr><tr><td>',
            '<table class="section"><tr><td><a name="C">class <strong>C</strong></a></td></tr>',
            "</td></tr></table>",
            '<span class="code">Doc line.<br>\nwrapped line.<br>\n<br>\n* item - one<br>\n',
            "</span>",
            "<tt>&nbsp;word&nbsp;more<br>\n</tt>",
            '<ul class="member-list"><li><section class="detail"><h3>m()</h3>',
            "</section></li></ul>",
            '<dl class="notes"><dt>Since:</dt><dd>1.2</dd></dl>',
            '<div class="headertitle"><div class="title">x.h File Reference</div></div>',
            '<h2 class="memtitle"><span class="permalink"><a href="#m">&#9670;&#160;</a>'
            "</span>f()</h2>",
            '<h1 class="settitle">Manual</h1>',
            '<h1 class="top">Manual</h1>',
            '<h2 class="contents-heading">Table of Contents</h2><div class="contents"><ul>'
            '<li><a href="#C">1 Chapter</a></li></ul></div>',
            "<h2>Caf&eacute; 1</h2>",
            "<h2>1.2 Overview</h2>",
            "<p>In June 2020 the Alpha Beta Gamma (ABG) came.</p>",
            "<br>",
            "<code>",
            "</code>",
        ]
    ),
    st.text(alphabet=st.sampled_from(list("<>/&;#br hpc\n\xa0")), max_size=30),
    st.text(max_size=30),
)


@SETTINGS
@given(
    st.lists(LOG_LINES, min_size=1, max_size=40),
    st.sampled_from(["ChangeLog", "NEWS", "x.info", "rfc.txt", "changelog.md"]),
)
@example(["1 Intro", "\f", "a", "\f", "b"], "rfc.txt")
def test_changelogs_news_and_manuals(lines: list[str], name: str) -> None:
    reads_cleanly("\n".join(lines).encode("utf-8", "surrogatepass"), name)


@SETTINGS
@given(st.lists(LOG_LINES, min_size=1, max_size=20))
def test_compressed(lines: list[str]) -> None:
    data = gzip.compress("\n".join(lines).encode("utf-8", "surrogatepass"))
    reads_cleanly(data, "NEWS.gz")
    reads_cleanly(data[: len(data) // 2], "NEWS.gz")


@SETTINGS
@given(st.lists(HTML_PIECES, min_size=1, max_size=30))
def test_generated_pages(pieces: list[str]) -> None:
    page = "<html><head><title>T</title></head><body>" + "".join(pieces) + "</body></html>"
    reads_cleanly(page.encode("utf-8", "surrogatepass"), "page.html")


#: The page-break pattern as first written: clear, but slow on a long line or a run of
#: blank lines (it tried every split of a line and every start in a run). The pattern in
#: use must find the same page breaks.
_PLAIN_PAGE_BREAK = re.compile(
    r"(?P<before>[^\n]*)\n(?:[ \t]*\n)*(?P<foot>[^\n]*\S[^\n]*)\n(?:[ \t]*\n)*[ \t]*\f"
    r"(?:[ \t]*\n)*(?P<head>[^\n]*\S[^\n]*)\n(?:[ \t]*\n)*(?=(?P<after>[^\n]*))"
)


@settings(SETTINGS, max_examples=1000)
@given(st.text(alphabet=st.sampled_from(list(" \t\n\n\n\f\fxy\v\r")), max_size=60))
@example("\n\n x\n\fy\n")
@example(" \n\nfoot\n\fhead\n\nafter")
def test_page_breaks_found_as_by_the_plain_pattern(text: str) -> None:
    def found(pattern: re.Pattern[str]) -> list[tuple[tuple[int, int], dict[str, str]]]:
        return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]

    assert found(_PAGE_BREAK) == found(_PLAIN_PAGE_BREAK)
