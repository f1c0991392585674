"""A new user's own reports, imported end to end: shapes the earlier sweeps did not meet
(sections numbered '1)', a licence's boxed sections and exhibits, numpydoc's backtick
underlines, a history of bold version lines, Sphinx's permalink marks in text, a list of
references one a line) keep their structure and every word."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefcli.importers import import_report
from briefcli.model import Brief, Section
from conftest import Runner

DATA = Path(__file__).parent / "data" / "h45"


def _load(name: str) -> Brief:
    return import_report((DATA / name).read_bytes(), name)


def _outline(brief: Brief) -> list[tuple[str, str]]:
    return [(s.id, s.title) for s in brief.sections] + [
        (sub.id, sub.title) for s in brief.sections for sub in s.subsections
    ]


def _words(section: Section) -> str:
    parts = list(section.paragraphs)
    for sub in section.subsections:
        parts.extend(sub.paragraphs)
    return " ".join(" ".join(parts).split())


def test_sections_numbered_with_a_parenthesis_are_the_sections() -> None:
    brief = _load("payment-outage-paren-numbers.txt")
    assert [(s.id, s.title) for s in brief.sections] == [
        ("0", "Introduction"),
        ("1", "Summary"),
        ("2", "Timeline"),
        ("3", "Impact"),
        ("4", "Root cause"),
        ("5", "What went well"),
        ("6", "What went badly"),
        ("7", "Actions"),
        ("8", "Conclusion"),
    ]
    impact = brief.sections[3]
    assert [(s.id, s.title) for s in impact.subsections] == [
        ("3-1", "Customers"),
        ("3-2", "Revenue"),
    ]
    # The actions, numbered '1)' … '4)' under '7) Actions', are its text, not sections.
    actions = _words(brief.sections[7])
    assert actions.startswith("1) Add expiry alerts for every certificate")
    assert "4) Rewrite the status page templates." in actions


def test_a_list_numbered_with_parentheses_under_numbered_headings_stays_a_list() -> None:
    text = (
        "Plan\n\n1. Scope\n\nWe will do three things:\n\n1) Measure the rooms\n\n"
        "2) Order the filters\n\n3) Fit them\n\n2. Budget\n\nThe budget is small.\n"
    )
    brief = import_report(text.encode(), "plan.txt")
    assert [s.title for s in brief.sections] == ["Scope", "Budget"]
    assert "2) Order the filters" in brief.sections[0].paragraphs


BOXED = """\
Sample Public Licence

1. Definitions
--------------

"Work" means the text this licence covers.

2. Grants
---------

You may copy the Work.

************************************************************************
*                                                                      *
*  3. Disclaimer of Warranty                                           *
*  -------------------------                                           *
*                                                                      *
*  The Work is provided "as is", without warranty of any kind, and     *
*  the whole risk as to its quality is with You.                       *
*                                                                      *
************************************************************************

4. Termination
--------------

Your rights end if You break these terms.

Exhibit A - Notice
------------------

  This Work is subject to the Sample Public Licence.
"""


def test_a_section_drawn_in_a_box_is_a_section_and_the_ones_after_it_too() -> None:
    brief = import_report(BOXED.encode(), "licence.txt")
    assert [(s.id, s.title) for s in brief.sections] == [
        ("1", "Definitions"),
        ("2", "Grants"),
        ("3", "Disclaimer of Warranty"),
        ("4", "Termination"),
        ("A", "Exhibit A - Notice"),
    ]
    # The box's text, without its frame, word for word.
    assert brief.sections[2].paragraphs == (
        'The Work is provided "as is", without warranty of any kind, and the whole risk as to '
        "its quality is with You.",
    )
    assert all("*" not in p for s in brief.sections for p in s.paragraphs)


def test_a_box_that_is_not_closed_is_text_as_written() -> None:
    text = BOXED.replace("*" * 72 + "\n\n4.", "\n4.")
    brief = import_report(text.encode(), "licence.txt")
    # Nothing of the text is lost: the open box's lines stay where they were.
    assert any("Disclaimer of Warranty" in p for s in brief.sections for p in s.paragraphs)
    assert "Termination" in [s.title for s in brief.sections]


@pytest.mark.parametrize("word", ["APPENDIX", "ADDENDUM"])
def test_an_appendix_named_with_a_colon_is_a_section_of_its_own(word: str) -> None:
    text = (
        '   TERMS\n\n   1. Definitions.\n\n      "Work" means the text.\n\n'
        "   2. Grant of Licence.\n\n      You may copy the Work.\n\n"
        f"   END OF TERMS\n\n   {word}: How to apply these terms to your work.\n\n"
        "      Attach the notice below to your files.\n"
    )
    brief = import_report(text.encode(), "terms.txt")
    titles = [s.title for s in brief.sections]
    assert titles[-1] == f"{word}: How to apply these terms to your work."
    assert brief.sections[-1].paragraphs == ("Attach the notice below to your files.",)


NUMPYDOC_LIKE = """\
===========
Style guide
===========

Overview
--------

This guide says how to write docstrings.

Sections
--------

The sections of a docstring follow.

1. Short summary
````````````````

A one-line summary.

2. Parameters
`````````````

A description of the arguments.

Documenting classes
-------------------

Use the same sections for classes.

Conclusion
----------

That is all.
"""


def test_headings_underlined_with_backticks_are_subsections() -> None:
    brief = import_report(NUMPYDOC_LIKE.encode(), "format.rst")
    assert brief.meta.title == "Style guide"
    assert [s.title for s in brief.sections if s.id != "0"] == [
        "Overview",
        "Sections",
        "Documenting classes",
        "Conclusion",
    ]
    sections = next(s for s in brief.sections if s.title == "Sections")
    assert [sub.title for sub in sections.subsections] == ["1. Short summary", "2. Parameters"]


def test_a_markdown_code_fence_in_plain_text_underlines_nothing() -> None:
    text = "Notes\n=====\n\nSetup\n-----\n\nRun:\n```\nmake\n```\n\nDone\n----\n\nAll done.\n"
    brief = import_report(text.encode(), "notes.txt")
    assert [s.title for s in brief.sections] == ["Setup", "Done"]


HISTORY = """\
Version history
===============

This library follows semantic versioning.

**2.1.0**

- Added a ``--quiet`` option (`#12 <https://example.org/issues/12>`_)
- Fixed a crash on empty input

**2.0.1**

- Fixed the Windows build

**2.0.0**

- Dropped support for old interpreters
"""


def test_a_history_of_bold_version_lines_has_a_section_per_release() -> None:
    brief = import_report(HISTORY.encode(), "versionhistory.rst")
    assert brief.meta.title == "Version history"
    assert [s.title for s in brief.sections] == ["Introduction", "2.1.0", "2.0.1", "2.0.0"]
    assert brief.sections[2].paragraphs == ("Fixed the Windows build",)


def test_sphinx_permalink_marks_leave_the_headings() -> None:
    text = (
        "Packaging Policy\n\nAbstract¶\n\nThis policy says how programs are packaged.\n\n"
        "1. Versions¶\n\nEach version is a package.\n\n2. Paths¶\n\nModules go in one place.\n"
    )
    brief = import_report(text.encode(), "policy.txt")
    assert [s.title for s in brief.sections] == ["Abstract", "Versions", "Paths"]
    assert not any("¶" in p for s in brief.sections for p in s.paragraphs)


def test_references_one_a_line_are_one_source_each() -> None:
    brief = _load("wildfire-smoke-url-references.txt")
    assert [(s.title, s.url) for s in brief.sources] == [
        ("[1]", "https://www.example.org/reports/2024/09/08/oregon-indoor-air-schools"),
        ("[2]", "https://standards.example.net/merv/2023-06-30/guidance.pdf"),
        (
            "[3] (accessed 2025-10-01)",
            "https://journal.example.com/articles/2025-03-14-smoke-attendance",
        ),
        ("[4]", "https://www.cde.example.gov/news/2024-08-02/smoke-closure-advice"),
        ("[5]", "https://grants.example.gov/programs/clean-air-schools?announced=2025-01-15"),
    ]
    heat = _load("urban-heat-allcaps.txt")
    assert [s.title for s in heat.sources] == [
        "Riverside Council, Climate Adaptation Plan, March 2022.",
        "Office for National Statistics, Census 2021 small-area tables, published 2 November 2022.",
    ]


def test_a_reference_wrapped_under_its_first_line_stays_one_source() -> None:
    text = (
        "Short Report\n\n1. Summary\n\nThe findings are short.\n\nReferences\n\n"
        "Smith, J. A study of things. Journal of Studies,\n    2020.\n"
        "Jones, K. Another study.\n"
    )
    brief = import_report(text.encode(), "short.txt")
    assert [s.title for s in brief.sources] == [
        "Smith, J. A study of things. Journal of Studies, 2020.",
        "Jones, K. Another study.",
    ]


@pytest.mark.parametrize(
    ("name", "sections"),
    [
        ("ferry-review-roman-outline.txt", 5),
        ("library-report-section-colon.txt", 6),
        ("payment-outage-paren-numbers.txt", 9),
        ("urban-heat-allcaps.txt", 6),
        ("cluster-proposal-hashes.txt", 8),
        ("wildfire-smoke-url-references.txt", 5),
    ],
)
def test_each_own_report_reads_end_to_end_in_a_pipe(
    brief: Runner, tmp_path: Path, name: str, sections: int
) -> None:
    target = tmp_path / "out.yaml"
    result = brief("import", str(DATA / name), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    contents = brief("-b", str(target), "--format", "json")
    assert contents.exit_code == 0, contents.stderr
    assert len(json.loads(contents.stdout)["contents"]) == sections
    for args in (
        ["summary"],
        ["summary", "--section", "1", "--format", "json"],
        ["glossary"],
        ["show", "1"],
    ):
        result = brief("-b", str(target), *args)
        assert result.exit_code in (0, 1), (args, result.stderr)
        assert "\x1b" not in result.stdout
        assert "Traceback" not in result.stderr


def test_a_banner_in_a_thick_frame_gives_its_title_and_text_without_the_frame() -> None:
    edge = "#" * 40
    text = (
        f"{edge}\n"
        f"###{'Widget Kit':^34}###\n"
        f"###{'~' * 34}###\n"
        f"###{' Author: A. Writer':34}###\n"
        f"{edge}\n\n"
        "Introduction\n~~~~~~~~~~~~\n    Widget Kit draws widgets.\n\n"
        "Installing\n~~~~~~~~~~\n    Run the installer.\n"
    )
    brief = import_report(text.encode(), "widgets.txt")
    assert brief.meta.title == "Widget Kit"
    assert "Author: A. Writer" in brief.sections[0].paragraphs
    assert [s.title for s in brief.sections][1:] == ["Introduction", "Installing"]
    assert all("#" not in p for s in brief.sections for p in s.paragraphs)


def test_an_outline_numbered_i_a_1_gives_sections_and_subsections() -> None:
    brief = _load("ferry-review-roman-outline.txt")
    assert [(s.id, s.title) for s in brief.sections] == [
        ("1", "EXECUTIVE SUMMARY"),
        ("2", "BACKGROUND"),
        ("3", "FINDINGS"),
        ("4", "RECOMMENDATIONS"),
        ("5", "CONCLUSION"),
    ]
    sections = {s.id: s for s in brief.sections}
    assert [s.title for s in sections["3"].subsections] == [
        "A. Infrastructure",
        "1. Harbour Point berth",
        "2. Shore power",
        "B. Fleet",
        "1. Age and reliability",
        "2. Capacity",
        "C. Passenger information",
    ]
    # The recommendations are sentences after their letters: the section's text, in order.
    recommendations = sections["4"].paragraphs
    assert recommendations[0].startswith("A. Replace the MV Corrie and the MV Tarbert")
    assert recommendations[-1].startswith("D. Enforce the CIC")
    # The executive summary is the report's own summary.
    assert sections["1"].role == "summary"


def test_a_mixed_case_roman_outline_is_found_too() -> None:
    text = (
        "Review of the Harbour\n\nI. Summary\n\nThe harbour is old.\n\n"
        "II. Findings\n\nA. Berths\n\nThe berths are exposed.\n\nB. Vessels\n\n"
        "1. Age\n\nThe vessels are old.\n\nIII. Conclusion\n\nInvest now.\n"
    )
    brief = import_report(text.encode(), "harbour.txt")
    assert [(s.id, s.title) for s in brief.sections] == [
        ("1", "Summary"),
        ("2", "Findings"),
        ("3", "Conclusion"),
    ]
    assert [s.title for s in brief.sections[1].subsections] == [
        "A. Berths",
        "B. Vessels",
        "1. Age",
    ]


def test_letters_without_roman_sections_are_no_outline() -> None:
    text = "Choices\n\n1. Options\n\nA. Stay\n\nB. Go\n\n2. Decision\n\nWe stay.\n"
    brief = import_report(text.encode(), "choices.txt")
    assert [s.title for s in brief.sections] == ["Options", "Decision"]
    assert brief.sections[0].paragraphs == ("A. Stay", "B. Go")


@pytest.mark.parametrize(
    ("sentence", "period"),
    [
        ("The counting year runs from 1 January to 31 December 2025.", "2025-01-01/2025-12-31"),
        ("Between 1 January and 31 December 2025 the cluster ran.", "2025-01-01/2025-12-31"),
        ("It ran from January 1 to March 31, 2025.", "2025-01-01/2025-03-31"),
        ("Letters from the years 1851 to 1893 were digitised.", "1851/1893"),
        ("The index covers the years 1990 to 1999.", "1990/1999"),
    ],
)
def test_two_days_of_two_months_with_one_year_are_one_period(sentence: str, period: str) -> None:
    from briefcli.importers.timeline import find_dates

    assert find_dates(sentence) == [period]


def test_the_annual_report_counts_its_year_as_a_period() -> None:
    brief = _load("library-report-section-colon.txt")
    [event] = [e for e in brief.timeline if "counting year" in e.event]
    assert event.date.text == "2025-01-01/2025-12-31"


def test_sizes_in_capitals_under_an_underlined_heading_are_text() -> None:
    text = (
        "Design Notes\n============\n\nIt Is Too Big\n-------------\n\n"
        "Here is what the package holds:\n\ndocs/\n\n  3.6MB\n\ntests/\n\n  1.3MB\n\n"
        "SEE ALSO\n\nThe manual.\n\nOTHER NOTES\n\nNone.\n\n"
        "It Is Too Slow\n--------------\n\nIt is fast enough.\n"
    )
    brief = import_report(text.encode(), "design.rst")
    big = next(s for s in brief.sections if s.title == "It Is Too Big")
    assert "3.6MB" in big.paragraphs and "1.3MB" in big.paragraphs
    assert [sub.title for sub in big.subsections] == ["SEE ALSO", "OTHER NOTES"]


def test_a_byline_over_the_date_under_the_title_is_the_publisher_and_the_date() -> None:
    brief = _load("urban-heat-allcaps.txt")
    assert brief.meta.publisher == "A report by the Riverside Climate Adaptation Office"
    assert brief.meta.date == "2026-07"
    # The report's first section is its executive summary; no event is the byline.
    assert brief.sections[0].title == "EXECUTIVE SUMMARY"
    assert not any("A report by" in e.event for e in brief.timeline)
    # A date after a label ('Issued: 14 March 2026') is the date as well.
    ferry = _load("ferry-review-roman-outline.txt")
    assert (ferry.meta.publisher, ferry.meta.date) == (
        "Prepared for the Regional Transport Board",
        "2026-03-14",
    )
    assert ferry.sections[0].title == "EXECUTIVE SUMMARY"
    assert not any("Issued" in e.event for e in ferry.timeline)
    library = _load("library-report-section-colon.txt")
    assert (library.meta.publisher, library.meta.date) == (
        "Northfield University Library Services",
        "2026-02-09",
    )


def test_an_appendix_that_is_the_glossary_gives_its_terms_one_a_line() -> None:
    brief = _load("ferry-review-roman-outline.txt")
    assert [(e.term, e.definition) for e in brief.glossary] == [
        ("Weather day", "a day on which at least one scheduled crossing is cancelled for weather."),
        (
            "Lifeline service",
            "a route without which an island community cannot obtain essential goods and services.",
        ),
        ("Significant wave height", "the mean height of the highest third of waves."),
    ]


@pytest.mark.parametrize(
    ("sentence", "term"),
    [
        ('The term "weather day" refers to a day on which a crossing is cancelled.', "weather day"),
        ('The phrase "born-digital" refers to material created in digital form.', "born-digital"),
        ('The term "silent drift" describes a difference that causes no error.', "silent drift"),
        ('The phrase "owner priority" means that owners\' jobs start first.', "owner priority"),
    ],
)
def test_a_quotation_the_sentence_names_a_term_is_defined_there(sentence: str, term: str) -> None:
    from briefcli.terms import glossary

    [found] = glossary([[sentence]])
    assert (found.term, found.definition) == (term, sentence)


def test_a_quoted_answer_is_no_term() -> None:
    from briefcli.terms import glossary

    assert glossary([['Type "yes" means you agree.', 'The word "no" is short.']]) == []


def test_a_bold_term_over_its_definition_in_plain_text_is_a_term() -> None:
    brief = _load("cluster-proposal-hashes.txt")
    from briefcli.extracts import glossary

    terms = {found.entry.term: found.entry.definition for found in glossary(brief)}
    assert terms["Fair share"].startswith("**Fair share**: a scheduling policy")
    assert terms["Pre-emption"].startswith("**Pre-emption**: stopping a running job")
    assert "owner priority" in terms


MANUAL = """\
WIDGET(1)                     User Commands                    WIDGET(1)

NAME
       widget - draw widgets

DESCRIPTION
       Widget draws widgets on the screen, one at a time.

SEE ALSO
       gadget(1)

Widget 2.1                        2024-03-05                   WIDGET(1)
"""


def test_a_manual_pages_footer_is_its_publisher_and_date_not_an_event() -> None:
    brief = import_report(MANUAL.encode(), "widget.txt")
    assert (brief.meta.publisher, brief.meta.date) == ("Widget 2.1", "2024-03-05")
    assert brief.sections[-1].paragraphs == ("gadget(1)",)
    assert not brief.timeline


def test_a_last_line_that_is_no_footer_stays_text() -> None:
    text = MANUAL.replace("Widget 2.1                        2024-03-05", "Written in 2024")
    brief = import_report(text.encode(), "widget.txt")
    assert brief.meta.date == ""
    assert "WIDGET(1)" in brief.sections[-1].paragraphs[-1]


def test_a_due_date_after_an_action_dates_the_action() -> None:
    brief = _load("payment-outage-paren-numbers.txt")
    due = {e.date.text: e.event for e in brief.timeline if "Due:" in e.event}
    assert due["2025-11-15"] == (
        "2) Make the deployment job fail if any data centre is missing from its targets. "
        "Owner: Platform Tooling. Due: 15 November 2025."
    )
    # Word for word from the report, and no event is the field alone.
    assert all(not e.event.startswith("Due:") for e in brief.timeline)


def test_two_years_named_together_are_two_years() -> None:
    from briefcli.importers.timeline import find_dates

    assert find_dates("The years 1990 and 1995 were dry.") == ["1990", "1995"]
    assert find_dates("Pages from 1024 to 4096 were read.") == []


def test_a_references_label_inside_an_indented_entry_is_its_text() -> None:
    text = (
        "Release notes\n\n1. Version 2.0\n\n        Fixed the parser.\n\n        References:\n\n"
        "        Bug 12 in the tracker.\n\n2. Version 1.0\n\n        First release.\n"
    )
    brief = import_report(text.encode(), "notes.txt")
    assert not brief.sources
    assert brief.sections[0].paragraphs == (
        "Fixed the parser.",
        "References:",
        "Bug 12 in the tracker.",
    )


def test_references_in_footnotes_give_no_events() -> None:
    text = (
        "# Grouping\n\n**Created**: Nov 21, 2023\n\n## Motivation\n\n"
        "Grouping was introduced in 2014 after long discussion.\n\n## References\n\n"
        "[^1]: Smith, J. (2011). A strategy for data analysis. https://example.org/plyr.html\n\n"
        "[^2]: Jones, K.E. (1980). Notation. Commun. ACM 23, 8 (Aug. 1980), 444–465. "
        "https://doi.org/10.1145/358896.358899\n"
    )
    brief = import_report(text.encode(), "grouping.md")
    assert [e.date.text for e in brief.timeline] == ["2014", "2023-11-21"]


def test_a_statement_with_a_doi_keeps_its_date() -> None:
    text = (
        "# Hashes\n\n## SHA3\n\nIn August 2015, it was formally standardized by NIST, as FIPS "
        "202, https://dx.doi.org/10.6028/NIST.FIPS.202.\n\n## Other\n\nNothing else.\n"
    )
    brief = import_report(text.encode(), "hashes.md")
    assert [e.date.text for e in brief.timeline] == ["2015-08"]


def test_a_copyright_sections_years_are_no_events() -> None:
    text = (
        "Packaging Policy\n\n1. Copyright\n\n1999-2021, Software in the Public Interest\n\n"
        "2. Packages\n\nThe policy changed in 2019 to require Python 3.\n"
    )
    brief = import_report(text.encode(), "policy.txt")
    assert [e.date.text for e in brief.timeline] == ["2019"]


def test_definitions_that_are_no_term_lines_stay_where_the_report_has_them() -> None:
    text = (
        "The Sample Licence\n\nThis licence says how the Package may be copied.\n\n"
        "Definitions:\n\n"
        '        "Package" refers to the files the Holder distributes.\n\n'
        '        "Holder" is whoever is named in the copyright notice.\n\n'
        "1. You may copy the Package.\n\n2. You may not sell the Package.\n"
    )
    brief = import_report(text.encode(), "licence.txt")
    assert [s.title for s in brief.sections][:2] == ["Introduction", "Definitions"]
    assert brief.sections[1].paragraphs == (
        '"Package" refers to the files the Holder distributes.',
        '"Holder" is whoever is named in the copyright notice.',
    )
    assert "Glossary" not in [s.title for s in brief.sections]


@pytest.mark.parametrize(
    ("sentence", "term"),
    [
        ("Fine particulate matter (PM2.5) refers to particles under 2.5 micrometres.", "PM2.5"),
        ("The files are compressed with Lempel–Ziv coding (LZ77) by default.", "LZ77"),
    ],
)
def test_an_acronym_with_a_number_after_its_letters_is_found(sentence: str, term: str) -> None:
    from briefcli.terms import glossary

    assert [c.term for c in glossary([[sentence]])] == [term]


def test_a_footnote_mark_run_into_an_acronym_makes_no_term() -> None:
    from briefcli.terms import glossary

    assert glossary([["The GNU ROFF (GROFF4) suite of programs offers several outputs."]]) == []


def test_a_changelogs_label_in_capitals_is_no_name() -> None:
    from briefcli.terms import glossary

    notes = [
        "- **BACKWARDS INCOMPATIBLE** Replaced the group class with the standard one.",
        "- **BACKWARDS INCOMPATIBLE** Changes to cancellation semantics:",
        "- **BACKWARDS INCOMPATIBLE** Changed the plugin to run every test in one loop.",
    ]
    assert glossary([notes]) == []


@pytest.mark.parametrize(
    "sentence",
    [
        'Added a new section to the "security" chapter named "Setting a Default Permission".',
        'The "Request Processing" narrative chapter has been updated to note the callbacks.',
        'See "Backwards Incompatibilities" below in this changelog.',
        'A section was added to the Templates chapter entitled "Nicer Exceptions in Templates".',
        'Created new top-level documentation section: "ZCML Directives".',
        "The URL Dispatch narrative chapter now refers to the interfaces chapter.",
    ],
)
def test_the_titles_of_a_documents_chapters_are_no_terms(sentence: str) -> None:
    from briefcli.terms import glossary

    assert glossary([[sentence]]) == []


def test_a_name_given_with_named_is_still_a_term() -> None:
    from briefcli.terms import glossary

    found = glossary([['The special forces unit named "Storm Corps" was deployed in October.']])
    assert [c.term for c in found] == ["Storm Corps"]


def test_a_heading_in_capitals_is_no_key_point() -> None:
    from briefcli.sentences import is_prose

    assert not is_prose("TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION")
    # A sentence in capitals is still one (a licence's disclaimer).
    assert is_prose('THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND.')
    brief = _load("urban-heat-allcaps.txt")
    from briefcli.extracts import points

    for chosen in points(brief).values():
        assert chosen and all(not point.isupper() for point in chosen)
