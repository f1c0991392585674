"""Plain text and reStructuredText read as their readers expect, where real documents showed
otherwise: a licence's numbered clauses, wrapped list items, column tables, a file that only
includes another.

Every input here is written for the test, in the shape of the real document named.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefcli.importers import NotAReport, import_report, outline
from briefcli.model import Brief, CodeBlock, Section, Subsection

SETTINGS = settings(max_examples=100, deadline=None, derandomize=True)


def _brief(text: str, name: str = "report.txt") -> Brief:
    return import_report(text.encode(), name)


def _outline(text: str, name: str = "report.txt") -> list[tuple[str, str]]:
    return [(e.id, e.title) for e in outline(text.encode(), name)]


def _part(brief: Brief, wanted: str) -> Section | Subsection:
    for section in brief.sections:
        if section.id == wanted:
            return section
        for sub in section.subsections:
            if sub.id == wanted:
                return sub
    raise AssertionError(f"no part {wanted}")


def _paragraphs(brief: Brief) -> tuple[str, ...]:
    return tuple(p for section in brief.sections for p in section.all_paragraphs())


# --- A licence's numbered clauses (MPL 1.1, GPL 2) -------------------------------------

DEFINITIONS = """MOZILLA PUBLIC LICENSE

1. Definitions.

     1.1. "Contributor" means each entity that creates or contributes to
     the creation of Modifications.

     1.2. "Contributor Version" means the combination of the Original
     Code, prior Modifications used by a Contributor, and the Modifications
     made by that particular Contributor.

     1.3. "License" means this document.

     1.4. "You" (or "Your") means an individual or a legal entity
     exercising rights under this License.

2. Source Code License.

     2.1. The Initial Developer Grant.
     The Initial Developer hereby grants You a world-wide license.
"""


def test_a_numbered_definition_is_titled_by_its_term_and_kept_whole_as_text() -> None:
    brief = _brief(DEFINITIONS)
    assert _outline(DEFINITIONS)[:5] == [
        ("1", "Definitions"),
        ("1-1", "Contributor"),
        ("1-2", "Contributor Version"),
        ("1-3", "License"),
        ("1-4", "You"),
    ]
    assert _part(brief, "1-1").paragraphs == (
        '"Contributor" means each entity that creates or contributes to the creation of '
        "Modifications.",
    )
    assert _part(brief, "1-4").paragraphs[0].startswith('"You" (or "Your") means an individual')
    # A heading stays a heading.
    assert _part(brief, "2-1").title == "The Initial Developer Grant"


CLAUSES = """GNU GENERAL PUBLIC LICENSE

  0. This License applies to any program or other work which contains
a notice placed by the copyright holder saying it may be distributed.

  1. You may copy and distribute verbatim copies of the Program's
source code as you receive it, in any medium.

  2. You may copy and distribute the Program (or a work based on it,
under Section 1) in object code or executable form.

  3. BECAUSE THE PROGRAM IS LICENSED FREE OF CHARGE, THERE IS NO WARRANTY
FOR THE PROGRAM, TO THE EXTENT PERMITTED BY APPLICABLE LAW.
"""


def test_a_numbered_clause_keeps_its_whole_sentence_under_a_short_title() -> None:
    brief = _brief(CLAUSES)
    assert [s.id for s in brief.sections] == ["0", "1", "2", "3"]
    assert brief.sections[0].title == "This License applies to any program …"
    assert brief.sections[0].paragraphs == (
        "This License applies to any program or other work which contains a notice placed by "
        "the copyright holder saying it may be distributed.",
    )
    # Its line ends in a comma, and it is a clause all the same.
    assert brief.sections[2].paragraphs[0].startswith("You may copy and distribute the Program")
    assert brief.sections[3].paragraphs[0].startswith("BECAUSE THE PROGRAM IS LICENSED FREE")


def test_a_heading_that_is_no_sentence_stays_as_it_is() -> None:
    text = (
        "Report\n\n1. Definitions.\n\nText here.\n\n"
        "2. Protecting Users' Legal Rights From Anti-Circumvention Law.\n\nMore text.\n\n"
        "3. Conveying Modified Source Versions\n\nThe end.\n"
    )
    assert _outline(text) == [
        ("1", "Definitions"),
        ("2", "Protecting Users' Legal Rights From Anti-Circumvention Law."),
        ("3", "Conveying Modified Source Versions"),
    ]


def test_a_numbered_question_that_wraps_is_one_title() -> None:
    text = (
        "The FAQ\n\n1. General\n\nText.\n\n"
        "1.1. How do I convert files with toggle characters, like +this+, to\n"
        "look like [i]this[/i]?\n\nUse sed.\n"
    )
    assert _outline(text)[-1] == (
        "1-1",
        "How do I convert files with toggle characters, like +this+, to look like [i]this[/i]?",
    )
    assert _part(_brief(text), "1-1").paragraphs == ("Use sed.",)


@SETTINGS
@given(
    term=st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghij", min_size=1, max_size=30),
    words=st.lists(st.sampled_from(["the", "code", "any", "work", "of", "and"]), min_size=3),
)
@example(term="Contributor", words=["each", "entity", "that", "creates"])
def test_every_word_of_a_definition_is_in_its_text(term: str, words: list[str]) -> None:
    term = " ".join(term.split()) or "X"
    sentence = f'"{term}" means ' + " ".join(words)
    text = f"Licence\n\n1. Definitions.\n\n1.1. {sentence}\nand more.\n\n1.2. Next.\n\nEnd.\n"
    brief = _brief(text)
    joined = " ".join(p for s in brief.sections for p in s.all_paragraphs())
    assert f"{sentence} and more." in joined


# --- A reStructuredText file that only includes another (urllib3's docs/security.rst) ---


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            ".. include:: ../SECURITY.md\n   :parser: myst_parser.sphinx_\n",
            "docs/security.rst: only reStructuredText directives, no text: it includes "
            "../SECURITY.md; import that file",
        ),
        (
            ".. This file is generated.\n\n.. include:: ../CHANGELOG.rst\n",
            "docs/security.rst: only reStructuredText directives, no text: it includes "
            "../CHANGELOG.rst; import that file",
        ),
        (
            ".. automodule:: urllib3.fields\n    :members:\n",
            "docs/security.rst: only reStructuredText directives, no text",
        ),
    ],
)
def test_a_file_of_directives_alone_is_refused_naming_what_it_includes(
    text: str, message: str
) -> None:
    with pytest.raises(NotAReport) as refused:
        _brief(text, "docs/security.rst")
    assert str(refused.value) == message


def test_a_directive_over_text_is_no_refusal() -> None:
    text = ".. _security:\n\nSecurity\n========\n\nReport issues to the team.\n"
    assert _brief(text, "security.rst").meta.title == "Security"


# --- Wrapped list items and paragraphs in reStructuredText (pip's NEWS.rst) -----------

_LONG_ITEM = (
    "- Report to Warehouse that pip is running under CI if the ``PIP_IS_CI`` environment "
    "variable is set. (`#5499 <https://github.com/pypa/pip/issues/5499>`_)"
)
NEWS = f"""pip News
========

19.2 (2019-07-22)
=================

Features
--------

- Allow ``--python-version`` to be passed as a dotted version string (e.g.
  ``3.7`` or ``3.7.3``). (`#6585 <https://github.com/pypa/pip/issues/6585>`_)
{_LONG_ITEM}
{_LONG_ITEM}
{_LONG_ITEM}
- Log the final filename and SHA256 of a ``.whl`` file when done building a
  wheel. (`#5908 <https://github.com/pypa/pip/issues/5908>`_)

Backward incompatible changes will only be introduced in major versions
with advance notice in the **Deprecations** section of releases.
"""


def test_a_wrapped_list_item_is_one_paragraph_where_long_lines_abound() -> None:
    paragraphs = _paragraphs(_brief(NEWS, "NEWS.rst"))
    assert paragraphs[0] == (
        "Allow `--python-version` to be passed as a dotted version string (e.g. `3.7` or "
        "`3.7.3`). (#6585 (https://github.com/pypa/pip/issues/6585))"
    )
    assert paragraphs[4].startswith("Log the final filename") and paragraphs[4].endswith("5908))")
    assert paragraphs[5] == (
        "Backward incompatible changes will only be introduced in major versions with advance "
        "notice in the Deprecations section of releases."
    )
    assert not any(p[:1].islower() for p in paragraphs)


def test_each_field_of_a_field_list_is_a_line_of_its_own() -> None:
    text = (
        "A Guide\n=======\n\n:Author: Richard Jones\n:Version: $Revision: 9923 $\n\n"
        "Intro\n-----\n\nSome text.\n"
    )
    assert _paragraphs(_brief(text, "guide.rst"))[:2] == (
        ":Author: Richard Jones",
        ":Version: $Revision: 9923 $",
    )


@SETTINGS
@given(
    widths=st.lists(st.integers(min_value=1, max_value=12), min_size=1, max_size=6),
    long=st.integers(min_value=0, max_value=3),
)
@example(widths=[3, 9, 2], long=2)
def test_an_item_indented_under_its_bullet_is_one_paragraph(widths: list[int], long: int) -> None:
    items = [" ".join(["word"] * w) for w in widths]
    long_lines = "\n".join(["- " + "long " * 40 + "line."] * long)
    body = "\n".join(f"- {item} (e.g.\n  {item} too)." for item in items)
    text = f"Notes\n=====\n\nChanges\n-------\n\n{long_lines}\n{body}\n"
    paragraphs = _paragraphs(_brief(text, "notes.rst"))
    assert list(paragraphs[long:]) == [f"{item} (e.g. {item} too)." for item in items]


def test_an_item_goes_on_under_its_bullet_though_its_lines_are_long() -> None:
    first = "Fix the resolver " + "when it backtracks " * 8 + "(e.g."
    text = "Notes\n=====\n\nChanges\n-------\n\n" + f"- {first}\n  ``pip install``).\n" * 4
    assert _paragraphs(_brief(text, "notes.rst")) == (f"{first} `pip install`).",) * 4


# --- A table laid out in columns (IJG's README: 'OVERVIEW    General description …') -

ROADMAP = """The Independent JPEG Group's JPEG software
==========================================

This distribution contains a release of the Independent JPEG Group's free JPEG
software.

DOCUMENTATION ROADMAP
=====================

This file contains the following sections:

OVERVIEW            General description of JPEG and the IJG software.
LEGAL ISSUES        Copyright, lack of warranty, terms of distribution.
TO DO               Plans for future IJG releases.

Other documentation files in the distribution are:

User documentation:
  usage.txt         Usage instructions for cjpeg, djpeg, jpegtran,
                    rdjpgcom, and wrjpgcom.
  wizard.txt        Advanced usage instructions for JPEG wizards only.

OVERVIEW
========

This package contains C software to implement JPEG image encoding.  JPEG is
lossy.
"""


def test_a_table_in_columns_is_kept_as_written_not_run_together() -> None:
    brief = _brief(ROADMAP)
    roadmap = next(s for s in brief.sections if s.title == "DOCUMENTATION ROADMAP")
    assert roadmap.paragraphs[1] == CodeBlock(
        "OVERVIEW            General description of JPEG and the IJG software.\n"
        "LEGAL ISSUES        Copyright, lack of warranty, terms of distribution.\n"
        "TO DO               Plans for future IJG releases."
    )
    assert roadmap.paragraphs[3] == CodeBlock(
        "User documentation:\n"
        "  usage.txt         Usage instructions for cjpeg, djpeg, jpegtran,\n"
        "                    rdjpgcom, and wrjpgcom.\n"
        "  wizard.txt        Advanced usage instructions for JPEG wizards only."
    )
    overview = next(s for s in brief.sections if s.title == "OVERVIEW")
    # Prose with two spaces after its sentences is prose.
    assert overview.paragraphs == (
        "This package contains C software to implement JPEG image encoding. JPEG is lossy.",
    )


@pytest.mark.parametrize(
    "lines",
    [
        # Two spaces after a sentence, on lines whose gaps happen to line up.
        ["One.  Two words here and", "Tre.  more words follow on."],
        # A single row is no table.
        ["OVERVIEW            General description.", "and more text follows it."],
        # A sentence that runs on at the margin.
        ["-v, --verbose   explain what is done", "and this line is prose at the margin."],
    ],
)
def test_prose_is_no_table(lines: list[str]) -> None:
    text = "Notes\n=====\n\nFirst\n-----\n\n" + "\n".join(lines) + "\n\nMore prose here.\n"
    assert not any(isinstance(p, CodeBlock) for p in _paragraphs(_brief(text)))


# --- reStructuredText markup a reader never sees (pytest's changelog, docutils' spec) --

CHANGELOG = """.. _`changelog`:

=========
Changelog
=========

Versions follow `Semantic Versioning <https://semver.org/>`_.

..
    You should *NOT* be adding new change log entries to this file, this
    file is managed by towncrier.

.. highlight:: python

.. image:: banner.svg
    :alt: A banner

.. |br| raw:: html

   <br />

pytest 9.0.0 (2026-01-01)
=========================

.. note::

   Read this first.

A note [#]_ with a footnote.

.. [#] The footnote.

..

   A block quote after an empty comment.
"""


def test_comments_targets_and_configuring_directives_are_not_text() -> None:
    brief = _brief(CHANGELOG, "changelog.rst")
    assert brief.meta.title == "Changelog"
    paragraphs = _paragraphs(brief)
    assert paragraphs == (
        "Versions follow Semantic Versioning (https://semver.org/).",
        ".. note::",
        "Read this first.",
        "A note [#] with a footnote.",
        ".. [#] The footnote.",
        "A block quote after an empty comment.",
    )


def test_two_dots_in_a_text_without_directives_are_text() -> None:
    text = "Listing\n=======\n\nThe files:\n\n..\n   .d3\n   a\n\nThat is all.\n"
    assert "a" in " ".join(_paragraphs(_brief(text, "listing.txt"))).split()


def test_a_directive_is_a_line_of_its_own_without_its_options() -> None:
    text = (
        "Fields\n======\n\nReference\n---------\n\n"
        ".. automodule:: urllib3.fields\n    :members:\n    :undoc-members:\n\n"
        ".. autofunction:: urllib3.encode_multipart_formdata\n"
        ".. autofunction:: urllib3.filepost.choose_boundary\n"
    )
    assert _paragraphs(_brief(text, "fields.rst")) == (
        ".. automodule:: urllib3.fields",
        ".. autofunction:: urllib3.encode_multipart_formdata",
        ".. autofunction:: urllib3.filepost.choose_boundary",
    )


# --- Definition lists (aiohttp's glossary, Info manuals' option tables) ---------------

DEFINITIONS_LIST = """Notes
=====

Terms
-----

aiodns
    DNS resolver for asyncio,
    as a library.
``--version``
    Print the version.

  1. A numbered item whose text
     wraps under its own text.

More text here that wraps
onto a second line.
"""


def test_a_definition_list_term_is_no_run_in_of_its_definition() -> None:
    assert _paragraphs(_brief(DEFINITIONS_LIST, "notes.rst")) == (
        "aiodns",
        "DNS resolver for asyncio, as a library.",
        "`--version`",
        "Print the version.",
        "1. A numbered item whose text wraps under its own text.",
        "More text here that wraps onto a second line.",
    )
