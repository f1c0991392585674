"""Changelogs and NEWS files: their structure (releases, years) and their dated entries.

Each input is small and written here in the shape of a real file that the fourth import sweep
read wrongly: GNU ChangeLogs, Debian changelogs, GnuTLS's, MPFR's, simplejson's and bash's
NEWS, and Debian copyright files.
"""

from __future__ import annotations

import gzip

from briefcli.importers import import_report, outline
from briefcli.model import Brief
from conftest import paragraphs


def events(brief: Brief) -> list[tuple[str, str]]:
    return [(e.date.text, e.event) for e in brief.timeline]


# -- GNU ChangeLog ------------------------------------------------------------------------------

CHANGELOG = (
    "2024-03-02  Ada Byron  <ada@example.org>\n\n"
    "\tframe: count the spokes once\n"
    "\tThe wheel counted each spoke twice when it was bent.\n"
    "\t* src/wheel.c (count_spokes): Stop at the hub.\n\n"
    "2024-01-15  Ada Byron  <ada@example.org>\n\n"
    "\tUpdated version to 2.0.\n\n"
    "2023-12-30  Carl Dane  <carl@example.org>  (tiny change)\n\n"
    "\t* src/bell.c (ring): Ring louder.\n"
    "\t(quiet): Remove.\n\n"
    "Thu Jul 18 01:30:22 MDT 1996\tEve Farr\t<eve@example.org>\n\n"
    "\t* first release of the frame\n"
)


def test_a_gnu_changelog_is_read_as_years_with_each_entry_an_event() -> None:
    # It was refused ('no report structure found'), or read with its signature lines as
    # events ('2023-01-06 Jane Doe <jane@…>') and stray headings.
    brief = import_report(CHANGELOG.encode(), "ChangeLog")
    assert [s.title for s in brief.sections] == ["2024", "2023", "1996"]
    # The text has no title: the file's name is the brief's.
    assert brief.meta.title == "ChangeLog"
    # Each entry is an event: its day, and its first line (or sentence), word for word.
    assert events(brief) == [
        ("1996-07-18", "first release of the frame"),
        ("2023-12-30", "src/bell.c (ring): Ring louder. (quiet): Remove."),
        ("2024-01-15", "Updated version to 2.0."),
        ("2024-03-02", "frame: count the spokes once"),
    ]
    text = paragraphs(brief)
    # Nothing is lost: the entry lines stay, and a summary line over its body is a paragraph.
    assert "2024-03-02 Ada Byron <ada@example.org>" in text
    assert "frame: count the spokes once" in text
    assert "The wheel counted each spoke twice when it was bent." in text
    assert "Thu Jul 18 01:30:22 MDT 1996 Eve Farr <eve@example.org>" in text
    assert [(e.line, e.title) for e in outline(CHANGELOG.encode(), "ChangeLog")] == [
        (1, "2024"),
        (11, "2023"),
        (16, "1996"),
    ]


def test_a_changelog_read_from_stdin_or_compressed_is_titled_changelog() -> None:
    assert import_report(CHANGELOG.encode(), "<stdin>").meta.title == "ChangeLog"
    packed = gzip.compress(CHANGELOG.encode())
    brief = import_report(packed, "/usr/share/doc/frame/changelog.gz")
    assert brief.meta.title == "changelog"
    assert [s.title for s in brief.sections] == ["2024", "2023", "1996"]


def test_a_report_with_a_dated_signature_line_is_no_changelog() -> None:
    # One entry-like line over prose at the margin: a report, read as before.
    report = (
        "Frame Survey\n============\n\n2024-03-02  Ada Byron  <ada@example.org>\n\n"
        "Overview\n--------\n\nThe frames were counted in March 2024.\n\n"
        "Results\n-------\n\nAll frames were found.\n"
    )
    brief = import_report(report.encode(), "survey.txt")
    assert [s.title for s in brief.sections] == ["Frame Survey", "Overview", "Results"]
    assert brief.meta.title == "Frame Survey"


# -- Debian changelog ---------------------------------------------------------------------------

DEBIAN = (
    "frame (2.0-1) unstable; urgency=medium\n\n"
    "  * New upstream release (Closes: #1234)\n"
    "    - Counts spokes once\n"
    "  * Bump standards version.\n\n"
    " -- Ada Byron <ada@example.org>  Mon, 04 Mar 2024 10:00:00 +0100\n\n"
    "frame (1.9-2) unstable; urgency=low\n\n"
    "  * Fix the bell.\n\n"
    " -- Carl Dane <carl@example.org>  Sat, 30 Dec 2023 18:30:00 -0500\n"
)


def test_a_debian_changelog_has_a_section_and_an_event_per_release() -> None:
    # It was refused, or its maintainer lines (' -- Ada Byron <ada@…>  Mon, …') were events.
    brief = import_report(DEBIAN.encode(), "changelog.Debian")
    assert [s.title for s in brief.sections] == [
        "frame (2.0-1) unstable; urgency=medium",
        "frame (1.9-2) unstable; urgency=low",
    ]
    # The release is the event, dated by its trailer.
    assert events(brief) == [
        ("2023-12-30", "frame (1.9-2) unstable"),
        ("2024-03-04", "frame (2.0-1) unstable"),
    ]
    assert [e.sections for e in brief.timeline] == [("2",), ("1",)]
    assert "-- Ada Byron <ada@example.org> Mon, 04 Mar 2024 10:00:00 +0100" in paragraphs(brief)


def test_a_debian_changelog_with_gnu_style_entries_at_its_end_reads_both() -> None:
    old = "\nThu Jul 18 01:30:22 MDT 1996\tEve Farr\t<eve@example.org>\n\n\t* first package\n"
    brief = import_report((DEBIAN + old).encode(), "changelog.Debian")
    assert [s.title for s in brief.sections][-1] == "1996"
    assert ("1996-07-18", "first package") in events(brief)


# -- GNU NEWS in Emacs outline form (GnuTLS) ----------------------------------------------------

GNUTLS_NEWS = (
    "Frame NEWS -- History of user-visible changes.      -*- outline -*-\n\n"
    "* Version 2.0.1 (released 2024-03-04)\n\n"
    "** libframe: Fix a crash when the wheel has no spokes.\n"
    "   Reported by Carl Dane (#12).\n\n"
    "** libframe: New function frame_count_spokes.\n\n"
    "** API and ABI modifications:\n"
    "frame_count_spokes: New function\n\n"
    "* Version 2.0.0 (released 2024-01-15)\n\n"
    "** libframe: The bell rings louder\n"
    "and longer.\n\n"
    "** certframe: Removed.\n"
)


def test_news_items_marked_as_outline_lines_are_text_of_their_release() -> None:
    # Each '** libframe: …' item that wraps, or has nothing under it, was a subsection.
    brief = import_report(GNUTLS_NEWS.encode(), "NEWS")
    assert [(s.title, [u.title for u in s.subsections]) for s in brief.sections] == [
        ("Version 2.0.1 (released 2024-03-04)", ["API and ABI modifications:"]),
        ("Version 2.0.0 (released 2024-01-15)", []),
    ]
    first = brief.sections[0]
    assert first.paragraphs == (
        "libframe: Fix a crash when the wheel has no spokes. Reported by Carl Dane (#12).",
        "libframe: New function frame_count_spokes.",
    )
    assert brief.sections[1].paragraphs == (
        "libframe: The bell rings louder and longer.",
        "certframe: Removed.",
    )


def test_top_level_outline_lines_stay_headings_even_with_nothing_under_them() -> None:
    # tar's NEWS writes its items as top-level '* …' lines: nothing above them to belong to.
    news = "Frame NEWS  -*- outline -*-\n\n* Fix the bell\n\n* Fix the wheel\n\nSee the manual.\n"
    assert [e.title for e in outline(news.encode(), "NEWS")] == ["Fix the bell", "Fix the wheel"]


# -- Release lines (simplejson's CHANGES.txt, MPFR's NEWS) --------------------------------------


def test_release_lines_over_their_notes_are_sections_and_events() -> None:
    changes = (
        "Version 2.1.0 released 2024-03-04\n\n"
        "* The wheel counts spokes once\n"
        "  https://example.org/frame/pull/12\n"
        "* The bell rings louder\n\n"
        "Version 2.0.0 released 2024-01-15\n\n"
        "* First release of the frame\n"
    )
    brief = import_report(changes.encode(), "CHANGES.txt")
    assert [s.title for s in brief.sections] == [
        "Version 2.1.0 released 2024-03-04",
        "Version 2.0.0 released 2024-01-15",
    ]
    assert events(brief) == [
        ("2024-01-15", "Version 2.0.0 released"),
        ("2024-03-04", "Version 2.1.0 released"),
    ]


def test_release_lines_that_open_alike_after_a_rule_are_sections() -> None:
    news = (
        "Copyright 2024 Example Inc.\n\nThis file is part of Frame.\n\n" + "#" * 70 + "\n\n"
        "Changes from versions 1.1.* to version 1.2.0:\n"
        "- The wheel counts spokes once.\n"
        "- The bell rings louder.\n\n"
        "Changes from versions 1.0.* to version 1.1.0:\n"
        "- New bell.\n\n"
        "Changes from version 0.9 to version 1.0:\n"
        "- First release.\n"
    )
    brief = import_report(news.encode(), "NEWS")
    assert [s.title for s in brief.sections] == [
        "Introduction",
        "Changes from versions 1.1.* to version 1.2.0:",
        "Changes from versions 1.0.* to version 1.1.0:",
        "Changes from version 0.9 to version 1.0:",
    ]
    assert not any(p.startswith("###") for p in paragraphs(brief))  # the rule is no text


# -- Releases between rules (bash's NEWS) -------------------------------------------------------

RULE = "-" * 79
BASH_NEWS = (
    "This is a terse description of the new features added to frame-2.0 since\n"
    "the release of frame-1.0.  As always, the manual is the place to look.\n\n"
    "1. New Features in Frame\n\n"
    "a. The wheel counts spokes once.\n\n"
    "b. The bell rings louder.\n\n"
    "2. New Features in Bell\n\n"
    "a. There is a new chime.\n"
    f"{RULE}\n"
    "This is a terse description of the new features added to frame-1.0 since\n"
    "the release of frame-0.9.\n\n"
    "1. New Features in Frame\n\n"
    "a. There is a frame.\n"
    f"{RULE}\n\n"
    "Copying and distribution of this file are permitted.\n"
)


def test_releases_between_rules_are_sections_with_their_numbered_parts() -> None:
    # Read as Markdown (the last rule under an item made it a heading): one heading, 'f. …'.
    brief = import_report(gzip.compress(BASH_NEWS.encode()), "NEWS.gz")
    assert [(s.title, [u.title for u in s.subsections]) for s in brief.sections] == [
        (
            "This is a terse description of the new features added to frame-2.0 since the "
            "release of frame-1.0.",
            ["1. New Features in Frame", "2. New Features in Bell"],
        ),
        (
            "This is a terse description of the new features added to frame-1.0 since the "
            "release of frame-0.9.",
            ["1. New Features in Frame"],
        ),
        ("Copying and distribution of this file are permitted.", []),
    ]
    first = brief.sections[0]
    # The rest of the opening paragraph, and the lettered items, are text.
    assert first.paragraphs == ("As always, the manual is the place to look.",)
    assert first.subsections[0].paragraphs == (
        "a. The wheel counts spokes once.",
        "b. The bell rings louder.",
    )
    assert not any(p.startswith("---") for p in paragraphs(brief))


def test_rules_between_unlike_parts_are_no_releases() -> None:
    readme = (
        "Frame\n\nA frame for wheels.\n\n" + RULE + "\nInstalling it takes a minute.\n\n"
        "1. Unpack\n\n2. Build\n\n" + RULE + "\nBugs go to the tracker.\n"
    )
    titles = [e.title for e in outline(readme.encode(), "README")]
    assert "Installing it takes a minute." not in titles


# -- Debian copyright files ---------------------------------------------------------------------


def test_every_holders_years_in_a_copyright_field_are_no_events() -> None:
    # The first holder's years were masked; a second holder's, on a continuation line, were
    # events ('1997-2003 Yann …'), even after a sentence ended inside the field.
    copyright_ = (
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        "Upstream-Name: frame\n\n"
        "Files: *\n"
        "Copyright: 2003-2007 Ada Byron <ada@example.org>\n"
        "           1997-2003 Carl Dane.\n"
        "           1995-1996 Eve Farr\n"
        "License: GPL-2\n\n"
        "License: GPL-2\n"
        " The frame was first released in March 2001.\n"
        " .\n"
        " On Debian systems the licence is in /usr/share/common-licenses.\n\n"
        "License: MIT\n"
        " Permission is granted to use the frame,\n"
        " to copy it, to change it and to sell it,\n"
        " to lend it and to paint it.\n"
        " .\n"
        " The frame comes with no warranty.\n\n"
        "License: BSD-3\n"
        " Redistribution is permitted, in source\n"
        " or in binary form, with or without a bell,\n"
        " with or without its wheels.\n"
        " .\n"
        " Neither the name of the frame nor its makers may endorse it.\n"
    )
    brief = import_report(copyright_.encode(), "copyright")
    # Only the licence text's own date is an event.
    assert [date for date, _ in events(brief)] == ["2001-03"]
