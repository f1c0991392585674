"""Golden files pin each renderer: plain text, and the terminal with colour on and off."""

from __future__ import annotations

import pytest

from briefcli import query
from briefcli.loader import load_brief
from briefcli.output import OutputSettings, to_ansi
from briefcli.paths import default_brief_path
from briefcli.render import document, terminal, text
from briefcli.views import (
    GlossaryView,
    OverviewView,
    SectionView,
    SummaryView,
    TermView,
    TimelineView,
    View,
)
from conftest import golden

BRIEF = load_brief(default_brief_path())

VIEWS: dict[str, View] = {
    "overview": OverviewView(BRIEF, "nk-russia-troops-2025.yaml"),
    "show-4-2": SectionView(BRIEF, query.find_section(BRIEF, ["4-2"])),
    "show-3": SectionView(BRIEF, query.find_section(BRIEF, ["3"])),
    "glossary": GlossaryView(BRIEF, BRIEF.glossary),
    "term-storm-corps": TermView(BRIEF, query.find_term(BRIEF, "Strom Corps")),
    "timeline": TimelineView(BRIEF, tuple(query.events_between(BRIEF))),
    "key-points-4": SummaryView(BRIEF, query.find_section(BRIEF, ["4"])),
}


@pytest.mark.parametrize("name", VIEWS)
def test_plain_text(name: str) -> None:
    golden(f"{name}.txt", text.render(document.build(VIEWS[name])))


@pytest.mark.parametrize("name", VIEWS)
def test_plain_text_wrapped_at_60(name: str) -> None:
    out = text.render(document.build(VIEWS[name]), width=60)
    assert max(len(line) for line in out.splitlines()) <= 60
    golden(f"{name}.w60.txt", out)


@pytest.mark.parametrize("name", VIEWS)
@pytest.mark.parametrize("color", [True, False], ids=["color", "nocolor"])
def test_terminal(name: str, color: bool) -> None:
    settings = OutputSettings(styled=True, color=color, width=80, pager=False)
    out = to_ansi(terminal.render(document.build(VIEWS[name])), settings)
    assert ("\x1b[" in out) is color
    golden(f"{name}.term-{'color' if color else 'nocolor'}.ansi", out)


def test_terminal_highlights_glossary_terms_in_the_text() -> None:
    settings = OutputSettings(styled=True, color=True, width=100, pager=False)
    out = to_ansi(terminal.render(document.build(VIEWS["show-3"])), settings)
    # "Cold War" is a glossary term used in section 3: it is styled where it occurs.
    assert "\x1b[33mCold War\x1b[0m" in out


def test_plain_text_is_one_paragraph_per_line() -> None:
    out = text.render(document.build(VIEWS["show-4-2"]))
    blocks = out.rstrip("\n").split("\n\n")
    assert blocks[0] == "4-2. Timeline of troop movements and military engagements"
    assert len(blocks) == 2 and "\n" not in blocks[1]
