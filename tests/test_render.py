"""Golden files pin each renderer: plain text, and the terminal with colour on and off."""

from __future__ import annotations

import pytest

from briefcli import query
from briefcli.loader import load_brief
from briefcli.output import OutputSettings, to_ansi
from briefcli.paths import default_brief_path
from briefcli.render import citation, document, terminal, text
from briefcli.views import (
    CiteView,
    GlossaryView,
    OverviewView,
    ReadView,
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
    "key-points-4": SummaryView(
        BRIEF, BRIEF.sections[3].key_points, "editor", query.find_section(BRIEF, ["4"])
    ),
    "overview-depth-1": OverviewView(BRIEF, "nk-russia-troops-2025.yaml", depth=1),
    "read-6-3": ReadView(BRIEF, query.find_section(BRIEF, ["6-3"])),
    "read-resumed-7": ReadView(BRIEF, query.find_section(BRIEF, ["7"]), resumed=True),
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


# -- the contents, reading on, the footer --------------------------------------------------


def test_contents_tree_lists_subsections_with_words_and_minutes() -> None:
    out = text.render(document.build(VIEWS["overview"]))
    assert "4-2  212 words  1 min    Timeline of troop movements and military engagements" in out
    assert "3,889 words in all: about 17 min at 230 words a minute." in out
    shallow = text.render(document.build(VIEWS["overview-depth-1"]))
    assert "4-2" not in shallow and "4  709 words  3 min  Current Developments" in shallow


def test_an_overview_without_a_glossary_of_its_own_does_not_say_zero_terms() -> None:
    bare = BRIEF._replace(glossary=())
    out = text.render(document.build(OverviewView(bare, "bare.yaml")))
    assert "No glossary of its own, 11 timeline events." in out
    assert "0 glossary terms" not in out


def test_reading_on_marks_every_heading_and_runs_to_the_end() -> None:
    out = text.render(document.build(VIEWS["read-6-3"]))
    headings = [line for line in out.splitlines() if line.startswith("§ ")]
    assert headings == [
        "§ 6-3. Scenarios for the future of North Korea-Russia relations in the context of "
        "global security",
        "§ 7. Conclusion",
    ]


def test_show_ends_with_the_sections_either_side_on_a_terminal_only() -> None:
    settings = OutputSettings(styled=True, color=False, width=200, pager=False)
    shown = to_ansi(terminal.render(document.build(VIEWS["show-3"])), settings)
    footer = shown.rstrip("\n").splitlines()[-1]
    assert footer == (
        "← 2 The Strategic Significance of North Korea's Troop Deployment · "
        "4 Current Developments in the Ukraine Conflict →"
    )
    assert "←" not in text.render(document.build(VIEWS["show-3"]))
    first = SectionView(BRIEF, query.find_section(BRIEF, ["1"]))
    out = to_ansi(terminal.render(document.build(first)), settings)
    last = out.rstrip("\n").splitlines()[-1]
    assert last == "2 The Strategic Significance of North Korea's Troop Deployment →"
    sub = SectionView(BRIEF, query.find_section(BRIEF, ["4-3"]))
    out = to_ansi(terminal.render(document.build(sub)), settings)
    assert out.rstrip("\n").splitlines()[-1] == (
        "← 4-2 Timeline of troop movements and military engagements · "
        "5 Geopolitical Ramifications of the North Korea-Russia Cooperation →"
    )


# -- a readable measure ------------------------------------------------------------------------


@pytest.mark.parametrize("color", [True, False], ids=["color", "nocolor"])
def test_narrow_timeline_stacks_the_date_above_the_event(color: bool) -> None:
    settings = OutputSettings(styled=True, color=color, width=40, pager=False)
    out = to_ansi(terminal.render(document.build(VIEWS["timeline"])), settings)
    golden(f"timeline.w40.term-{'color' if color else 'nocolor'}.ansi", out)
    if not color:
        lines = out.splitlines()
        assert lines[:2] == ["1940s–1960s  3-1", "  The historical relationship between"]


def test_narrow_plain_timeline_stacks_too() -> None:
    out = text.render(document.build(VIEWS["timeline"]), width=40)
    assert max(len(line) for line in out.splitlines()) <= 40
    golden("timeline.w40.txt", out)


def test_wide_timeline_keeps_its_columns() -> None:
    out = text.render(document.build(VIEWS["timeline"]), width=60)
    assert out.splitlines()[0].startswith("1940s–1960s  3-1       The historical")


def test_headings_stand_out_without_colour() -> None:
    settings = OutputSettings(styled=True, color=False, width=80, pager=False)
    lines = to_ansi(terminal.render(document.build(VIEWS["show-3"])), settings).splitlines()
    assert lines[0] == "3. Historical Context of North Korea-Russia Relations"
    assert lines[1] == "─" * len(lines[0])


def test_bullets_hang_under_their_text() -> None:
    settings = OutputSettings(styled=True, color=False, width=60, pager=False)
    out = to_ansi(terminal.render(document.build(VIEWS["key-points-4"])), settings)
    bullet = [line for line in out.splitlines() if line.startswith("  • ")]
    assert bullet
    following = out.splitlines()[out.splitlines().index(bullet[0]) + 1]
    assert following.startswith("    ") and following[4] != " "


# -- citations ---------------------------------------------------------------------------------

CITES = {
    "cite-4-2.txt": (CiteView(BRIEF, query.find_section(BRIEF, ["4-2"])), "text", None),
    "cite-4-2.quote.w60.txt": (
        CiteView(BRIEF, query.find_section(BRIEF, ["4-2"]), quote=True), "text", 60),
    "cite-4-2.bib": (CiteView(BRIEF, query.find_section(BRIEF, ["4-2"])), "bibtex", None),
    "cite-4-2.quote.bib": (
        CiteView(BRIEF, query.find_section(BRIEF, ["4-2"]), quote=True), "bibtex", None),
    "cite-4-2.csl.json": (CiteView(BRIEF, query.find_section(BRIEF, ["4-2"])), "csl-json", None),
    "cite-brief.csl.json": (CiteView(BRIEF), "csl-json", None),
}  # fmt: skip


@pytest.mark.parametrize("name", CITES)
def test_citations_match_golden(name: str) -> None:
    view, fmt, width = CITES[name]
    golden(name, citation.render(view, fmt, width))
