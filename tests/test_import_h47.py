"""Residuals of a sweep of 41 new documents (h47): reStructuredText's inline markup read as
Markdown's is, man pages' titles and dates, key points that are no points, a PDF's timeline.

Every input here is written for the test, in the shape of the real document named.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefcli.importers import import_report
from briefcli.importers.restructured import Inline
from briefcli.model import Brief

SETTINGS = settings(max_examples=150, deadline=None, derandomize=True)


def _brief(text: str, name: str = "report.txt") -> Brief:
    return import_report(text.encode(), name)


def _paragraphs(brief: Brief) -> tuple[str, ...]:
    return tuple(p for section in brief.sections for p in section.all_paragraphs())


# --- reStructuredText's inline markup (trio's design notes, anyio's history) ----------------

RST = """Design and internals
====================

Trio's two goals are **usability** and **correctness**: we make it *easy* to get
things *right*. Read `this blog post <https://vorpus.org/blog/>`__ and the
`Python docs`_; the ``KeyboardInterrupt`` handling is tricky.

Cancel points
-------------

A *cancel point* may raise :exc:`Cancelled`; see :func:`trio.sleep` and
:ref:`the cancellation guide <cancellation>`.

.. _Python docs: https://docs.python.org/3/
"""

MARKDOWN = """# Design and internals

Trio's two goals are **usability** and **correctness**: we make it *easy* to get
things *right*. Read [this blog post](https://vorpus.org/blog/) and the
[Python docs](https://docs.python.org/3/); the `KeyboardInterrupt` handling is tricky.

## Cancel points

A *cancel point* may raise Cancelled; see trio.sleep and
the cancellation guide.
"""


def test_rest_inline_markup_reads_as_markdowns_does() -> None:
    rst, markdown = _brief(RST, "design.rst"), _brief(MARKDOWN, "design.md")
    assert _paragraphs(rst) == _paragraphs(markdown)
    assert _paragraphs(rst)[0] == (
        "Trio's two goals are usability and correctness: we make it easy to get things "
        "right. Read this blog post (https://vorpus.org/blog/) and the Python docs "
        "(https://docs.python.org/3/); the `KeyboardInterrupt` handling is tricky."
    )


def test_rest_markup_in_a_heading_is_its_text_alone() -> None:
    text = (
        "Library\n=======\n\n:mod:`json` --- JSON encoder\n----------------------------\n\n"
        "Some text.\n\nThe ``dict`` type and `PEP <https://peps.python.org>`_\n"
        "---------------------------------------------\n\nMore text.\n"
    )
    brief = _brief(text, "json.rst")
    titles = [section.title for section in brief.sections]
    assert brief.meta.title == "Library"
    assert titles == ["json --- JSON encoder", "The dict type and PEP"]


def test_a_file_named_txt_with_rest_markup_is_read_as_rest() -> None:
    # Django's documentation and Sphinx's '_sources/*.rst.txt' are reStructuredText.
    text = (
        "Coding style\n============\n\n.. _style:\n\nPython style\n------------\n\n"
        "Use :pep:`8` and :rfc:`2616`; see `isort <https://pycqa.github.io/isort/>`_.\n"
    )
    assert _paragraphs(_brief(text, "coding-style.txt")) == (
        "Use PEP 8 and RFC 2616; see isort (https://pycqa.github.io/isort/).",
    )


def test_plain_text_keeps_its_own_marks() -> None:
    # No reStructuredText here: the stars and quotes are the text's own.
    text = (
        "NEWS\n====\n\nChanges\n-------\n\n*Important*: ``fgrep'' and *.txt globs "
        "still work; x_ stays.\n"
    )
    assert _paragraphs(_brief(text, "NEWS.txt")) == (
        "*Important*: ``fgrep'' and *.txt globs still work; x_ stays.",
    )


def test_anonymous_targets_give_their_links_and_are_no_text() -> None:
    text = (
        "Notes\n=====\n\nSee `the spec`__ and `the tests`__, or python_.\n\n"
        "__ https://example.org/spec\n__ https://example.org/tests\n\n"
        ".. _python: https://python.org\n"
    )
    assert _paragraphs(_brief(text, "notes.rst")) == (
        "See the spec (https://example.org/spec) and the tests (https://example.org/tests), "
        "or python (https://python.org).",
    )


def test_an_issue_role_is_its_number_and_no_year() -> None:
    # marshmallow's changelog: ':issue:`1040`' is issue #1040, not the year 1040.
    text = (
        "Changelog\n=========\n\n3.0.0 (2019-08-18)\n------------------\n\n"
        "- Fix ``Date`` deserialization (:issue:`1040`). Thanks :user:`sloria` for the "
        "PR (:pr:`1041`).\n"
    )
    brief = _brief(text, "CHANGELOG.rst")
    assert _paragraphs(brief) == (
        "Fix `Date` deserialization (#1040). Thanks sloria for the PR (#1041).",
    )
    assert all("1040" not in event.date.text for event in brief.timeline)


def test_escapes_and_literals_follow_rest() -> None:
    inline = Inline([])
    assert inline.text(r"\*args and ``a * b`` and class\_") == "*args and `a * b` and class_"
    assert inline.text("2 * 3 * 4, *.py files, **kwargs") == "2 * 3 * 4, *.py files, **kwargs"
    assert inline.text("``a`b``") == "``a`b``"
    assert inline.text("__init__ and foo_ stay; [1]_ is a note") == (
        "__init__ and foo_ stay; [1] is a note"
    )


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABC0123456789", min_size=1, max_size=8)
#: Each markup and what a reader sees of it.
_MARKUP = st.sampled_from(
    [
        ("{}", "{}"),
        ("*{}*", "{}"),
        ("**{}**", "{}"),
        ("``{}``", "`{}`"),
        (":mod:`{}`", "{}"),
        ("`{} <https://x.org/>`_", "{} (https://x.org/)"),
        ("`{}`__", "{}"),
    ]
)


@given(st.lists(st.tuples(_WORD, _MARKUP), min_size=1, max_size=12))
@example([("0", ("``{}``", "`{}`")), ("0", ("**{}**", "{}")), ("0", ("``{}``", "`{}`"))])
@SETTINGS
def test_rest_markup_loses_no_word(pieces: list[tuple[str, tuple[str, str]]]) -> None:
    """Only markup goes: every word of the report stays, in order."""
    text = " ".join(form.format(word) for word, (form, _) in pieces)
    assert Inline([]).text(text) == " ".join(seen.format(word) for word, (_, seen) in pieces)


# --- Man pages rendered to text (MANWIDTH=80 man -P cat 1 grep) ----------------------------

MAN_PAGE = """GREP(1)                          User Commands                         GREP(1)

NAME
       grep, egrep, fgrep, rgrep - print lines that match patterns

SYNOPSIS
       grep [OPTION...] PATTERNS [FILE...]

DESCRIPTION
       grep searches for PATTERNS in each FILE.

SEE ALSO
       sed(1), sh(1)

GNU grep 3.8                      {date}                           GREP(1)
"""


def test_a_man_pages_title_is_its_name_line_and_its_id_the_page() -> None:
    brief = _brief(MAN_PAGE.format(date="2019-12-29"), "grep.txt")
    assert brief.meta.id == "grep"
    assert brief.meta.title == "grep, egrep, fgrep, rgrep - print lines that match patterns"
    assert brief.meta.kind == "User Commands"
    assert (brief.meta.publisher, brief.meta.date) == ("GNU grep 3.8", "2019-12-29")
    # The NAME section stays, word for word.
    assert brief.sections[0].title == "NAME"
    assert brief.sections[0].paragraphs == (
        "grep, egrep, fgrep, rgrep - print lines that match patterns",
    )


def test_a_given_title_still_wins_over_the_name_line() -> None:
    brief = import_report(MAN_PAGE.format(date="2019-12-29").encode(), "grep.txt", title="Grep")
    assert (brief.meta.title, brief.meta.id) == ("Grep", "grep")


def test_man_page_footers_dates_in_their_own_forms() -> None:
    # bash's 'YYYY Month D'; git's DocBook 'MM/DD/YYYY' (month first, unless it cannot be).
    for written, date in (
        ("2022 September 19", "2022-09-19"),
        ("10/07/2025", "2025-10-07"),
        ("25/12/2024", "2024-12-25"),
        ("September 2022", "2022-09"),
    ):
        brief = _brief(MAN_PAGE.format(date=written), "grep.txt")
        assert (brief.meta.date, brief.meta.publisher) == (date, "GNU grep 3.8"), written
        assert not brief.timeline
    # Not a date: the line stays the last section's text.
    brief = _brief(MAN_PAGE.format(date="13/13/2025"), "grep.txt")
    assert brief.meta.date == ""
    assert "13/13/2025" in brief.sections[-1].paragraphs[-1]


def test_a_bsd_man_pages_footer_names_its_system_at_both_ends() -> None:
    text = MAN_PAGE.replace(
        "GNU grep 3.8                      {date}                           GREP(1)",
        "BSD                            November 28, 2022                           BSD",
    )
    brief = _brief(text, "grep.txt")
    assert (brief.meta.publisher, brief.meta.date) == ("BSD", "2022-11-28")


def test_a_text_without_a_man_header_keeps_its_first_line_as_title() -> None:
    text = MAN_PAGE.format(date="2019-12-29").replace(
        "GREP(1)                          User Commands                         GREP(1)",
        "Notes on grep",
    )
    brief = _brief(text, "notes.txt")
    assert brief.meta.title == "Notes on grep"
    assert brief.meta.kind == ""


# --- Key points that are no points: checklists, a licence's definitions (MPL 2.0) ------------


def test_a_checklists_tasks_are_no_key_points() -> None:
    from briefcli.summarize import is_point, key_points

    assert not is_point("[ ] Tag the release on the main branch today.")
    assert not is_point("[x] Publish the notes to the mailing list and the site.")
    assert is_point("The release was tagged on the main branch today.")
    paragraphs = (
        "The release process has five steps, and each one is checked by a second person.",
        "- [ ] Tag the release on the main branch today.",
        "- [x] Publish the notes to the mailing list and the site.",
        "A release that fails a check is not published until the check passes again.",
    )
    chosen = [point.text for point in key_points(paragraphs)]
    assert chosen and not any("[" in text for text in chosen)


MPL = """Mozilla Public License Version 2.0
==================================

1. Definitions
--------------

1.1. "Contributor"
    means each individual or legal entity that creates, contributes to
    the creation of, or owns Covered Software.

1.2. "Contribution"
    means Covered Software of a particular Contributor.

1.3. "License"
    means this document.

1.4. "You" (or "Your")
    means an individual or a legal entity exercising rights under this
    License. For legal entities, "You" includes any entity that
    controls, is controlled by, or is under common control with You.

2. License Grants and Conditions
--------------------------------

2.1. Grants

Each Contributor hereby grants You a world-wide, royalty-free,
non-exclusive license under the Contributor's intellectual property.
"""


def test_a_definitions_verb_cut_from_its_term_is_no_key_point() -> None:
    from briefcli.summarize import is_point, key_points

    assert not is_point("means Covered Software of a particular Contributor.")
    assert is_point('"Contribution" means Covered Software of a particular Contributor.')
    assert is_point("Means testing of the benefit was dropped in the year after the review.")
    brief = _brief(MPL, "MPL-2.0.txt")
    definitions = brief.sections[0]
    chosen = [point.text for point in key_points(definitions.all_paragraphs())]
    assert chosen == [
        'For legal entities, "You" includes any entity that controls, is controlled by, or '
        "is under common control with You."
    ]


# --- A PDF's timeline: pieces of lines and figures are no events (HotOS'17 paper) -------------


def _events(paragraphs: tuple[str, ...], *, paged: bool) -> list[tuple[str, str]]:
    from briefcli.importers.timeline import extract
    from briefcli.model import Metadata, Section

    meta = Metadata("paper", "Paper", "", "", "", "")
    brief = Brief(meta, (Section("2", "Complexity", paragraphs),))
    return [(event.date.text, event.event) for event in extract(brief, paged=paged)]


COLUMNS = (
    "Since 2007 Intel’s processors have followed a “Tick-Tock” development model.",
    "cent 2015–2016 jump in the general complexity of x86. SSE, and AVX) added data "
    "processing instructions, and",
    "virtual-machine extensions (both added in 2007). tion of 64-bit mode and "
    "virtualisation extensions, OS de",
    "10 9 control transfers, new exception, pg. table a TSX launched with “Haswell” in 2013 "
    "but was later disabled due to a bug. “Broadwell” CPUs with the bug fix shipped in late "
    "2014.",
)


def test_a_pdfs_lines_broken_off_at_both_ends_give_no_events() -> None:
    assert _events(COLUMNS, paged=True) == [
        ("2007", "Since 2007 Intel’s processors have followed a “Tick-Tock” development model."),
        ("2013", "TSX launched with “Haswell” in 2013 but was later disabled due to a bug."),
        ("2014", "“Broadwell” CPUs with the bug fix shipped in late 2014."),
    ]


def test_text_not_laid_out_on_pages_keeps_a_paragraph_in_lower_case() -> None:
    # A changelog's wrapped entry opens in lower case and may stop on a word: an event.
    entry = (
        "new official stable version since 1.2.0 in October 2003. Many thanks to all the "
        "bug reporters and bug fixers",
    )
    assert _events(entry, paged=False) == [
        ("2003-10", "new official stable version since 1.2.0 in October 2003.")
    ]
    # On a PDF's page the same lines are a piece between two columns.
    assert _events(entry, paged=True) == []


def test_figure_labels_with_no_sentence_after_them_give_no_event() -> None:
    assert _events(("10 9 control transfers, new exception, pg. table in 2013.",), paged=True) == []
    # A number in groups of three is no axis's labels.
    assert _events(("10 000 visitors came to the fair in 2013.",), paged=True) == [
        ("2013", "10 000 visitors came to the fair in 2013.")
    ]


def test_the_rule_under_a_numbered_heading_is_no_text() -> None:
    # MPL 2.0: '1. Definitions' over '--------------', read as a numbered heading.
    brief = _brief(MPL, "MPL-2.0.txt")
    assert [section.paragraphs for section in brief.sections] == [(), ()]
    assert brief.sections[0].subsections[1].paragraphs == (
        "means Covered Software of a particular Contributor.",
    )


def test_numbered_headings_underlined_are_plain_text_whatever_the_name() -> None:
    # /usr/share/common-licenses/MPL-2.0 has no suffix: read as Markdown, each '1. Definitions'
    # over '-----' was a list's item over a rule, and the licence one section.
    brief = _brief(MPL, "MPL-2.0")
    assert [section.id for section in brief.sections] == ["1", "2"]
    assert [sub.id for sub in brief.sections[0].subsections] == ["1-1", "1-2", "1-3", "1-4"]
    # A Markdown file with one such line is still Markdown.
    markdown = "# Notes\n\n1. First\n---\n\nText with *stars*.\n"
    assert _paragraphs(_brief(markdown, "NOTES")) == ("1. First", "Text with stars.")


def test_a_ref_to_a_label_reads_as_the_title_of_the_section_it_labels() -> None:
    # Jinja's templates.rst: '.. _for-loop:' over 'For'; ':ref:`for-loop`' shows 'For'.
    text = (
        "Guide\n=====\n\nSee :ref:`install`, :ref:`the steps <install>` and :ref:`elsewhere`.\n\n"
        ".. _install:\n\nInstalling ``pip``\n------------------\n\nRun it.\n"
    )
    assert _paragraphs(_brief(text, "guide.rst")) == (
        "See Installing pip, the steps and elsewhere.",
        "Run it.",
    )
