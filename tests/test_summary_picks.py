"""What `brief summary` and `brief summary --section N` pick from reports written the way real
ones are: change logs whose items end with an issue's number, paragraphs a page broke, bylines,
reST markup and MyST roles (each found importing real documents: bench/summary_picks.py)."""

from __future__ import annotations

import pytest

from briefcli import extracts
from briefcli.importers import import_report
from briefcli.model import Brief
from briefcli.sentences import is_prose
from briefcli.summarize import is_point

REPORT = """\
# Harbour Works Review

## Overview

The harbour authority rebuilt the northern breakwater between 2021 and 2024 at a cost of
41 million euros. The works were finished four months late because of two winter storms.
Shipping traffic through the northern channel rose by a fifth once the breakwater reopened.

## Release notes

### Version 2.1

- Optimize loop for the tide table reader (#3543)
- Reject tide tables whose stations are missing in strict mode (#3540)
- Document how the authority publishes its dredging schedule (#3546)

### Version 2.0

- Add {meth}`Station.forecast`, which returns the tide forecast even when a gauge is down.
  {meth}`Station.history` still returns `None` for stations without gauges.
- Drop support for the old tide table format that the authority no longer publishes.

## Costs

The contract for the breakwater's northern arm fixed the price of its concrete units at
a rate that was to

be reviewed every year by the authority and agreed with the contractor in writing.

Overruns on the concrete units came to 3.2 million euros, most of them in the winter of 2022.

Dr. Ana Ruiz ana.ruiz@harbour.example Sun, 2 Aug 2024

The authority paid the overruns from its reserve fund and did not raise harbour dues.

(figures rounded, as published in March 2024)

## Maintenance

.. note:: The authority inspects every concrete unit of the breakwater twice a year.

Inspections after each storm found that no concrete unit had moved more than half a metre.
Divers check the foundation of the breakwater every spring, before the sailing season.

### Gauge readings

157

```
gauge --station north --since 2024
```
"""


@pytest.fixture(scope="module")
def report() -> Brief:
    return import_report(REPORT.encode(), "harbour.md", "markdown")


def _text(brief: Brief, ref: str) -> str:
    for section in brief.sections:
        if section.id == ref:
            return "\n".join(section.all_paragraphs())
        for sub in section.subsections:
            if sub.id == ref:
                return "\n".join(sub.paragraphs)
    raise KeyError(ref)


def _refs(brief: Brief) -> list[str]:
    return [part.id for section in brief.sections for part in (section, *section.subsections)]


def test_every_pick_is_a_whole_sentence_of_its_section_word_for_word(report: Brief) -> None:
    for ref in _refs(report):
        points, origin = extracts.key_points_for(report, ref)
        assert points and origin == "extracted"
        for point in points:
            assert point in _text(report, ref)
            if ref != "4-1":  # no prose there: its lines stand in (the test below)
                assert is_prose(point) and is_point(point), (ref, point)


def test_the_summary_quotes_no_piece_byline_aside_or_markup(report: Brief) -> None:
    chosen, origin = extracts.summary_for(report)
    assert origin == "extracted"
    assert chosen
    body = "\n".join(p for section in report.sections for p in section.all_paragraphs())
    for sentence in chosen:
        assert sentence in body
        assert not sentence.startswith(("be reviewed", "Dr. Ana", "(figures", ".. note"))
        assert "a rate that was to" not in sentence


def test_a_change_logs_items_are_its_points_without_their_markers(report: Brief) -> None:
    """'(#3543)' is an issue's number, not a link: the items are prose and get ranked."""
    points, _ = extracts.key_points_for(report, "2-1")
    assert points == (
        "Optimize loop for the tide table reader (#3543)",
        "Reject tide tables whose stations are missing in strict mode (#3540)",
        "Document how the authority publishes its dredging schedule (#3546)",
    )


def test_a_myst_role_opens_the_next_sentence(report: Brief) -> None:
    points, _ = extracts.key_points_for(report, "2-2", sentences=3)
    assert (
        "Add {meth}`Station.forecast`, which returns the tide forecast even when a gauge is down."
        in points
    )
    assert not any("down. {meth}" in point for point in points)


def test_a_paragraph_a_page_broke_and_a_byline_are_no_points(report: Brief) -> None:
    points, _ = extracts.key_points_for(report, "3", sentences=5)
    assert points == (
        "Overruns on the concrete units came to 3.2 million euros, most of them in the winter "
        "of 2022.",
        "The authority paid the overruns from its reserve fund and did not raise harbour dues.",
    )


def test_a_part_with_no_prose_shows_a_line_with_words_before_a_bare_number(report: Brief) -> None:
    """A part with nothing to rank still gets a point: its command, not the page number."""
    points, _ = extracts.key_points_for(report, "4-1", sentences=1)
    assert points == ("gauge --station north --since 2024",)
