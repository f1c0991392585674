"""What each command selected, as data: one view object per command, handed to a renderer."""

from __future__ import annotations

from dataclasses import dataclass

from briefcli.library import Entry, Library
from briefcli.model import Brief, GlossaryEntry, TimelineEvent
from briefcli.query import SectionMatch, TermMatch
from briefcli.search import Hit


@dataclass(frozen=True)
class OverviewView:
    """`brief` with no arguments: metadata and table of contents."""

    brief: Brief
    source_path: str
    #: How this brief came to be the current one, in words ('' when not known).
    chosen_by: str = ""


@dataclass(frozen=True)
class SectionView:
    """`brief show`: one section or subsection."""

    brief: Brief
    match: SectionMatch


@dataclass(frozen=True)
class GlossaryView:
    """`brief glossary`: every term with its category."""

    brief: Brief
    entries: tuple[GlossaryEntry, ...]


@dataclass(frozen=True)
class TermView:
    """`brief glossary TERM`: one term in full."""

    brief: Brief
    match: TermMatch


@dataclass(frozen=True)
class TimelineView:
    """`brief timeline`: events in order, maybe filtered."""

    brief: Brief
    events: tuple[TimelineEvent, ...]
    since: str | None = None
    until: str | None = None


@dataclass(frozen=True)
class SummaryView:
    """`brief summary`: the executive summary, or one section's editor-written key points."""

    brief: Brief
    match: SectionMatch | None = None


@dataclass(frozen=True)
class ExportView:
    """`brief export`: the whole brief."""

    brief: Brief


@dataclass(frozen=True)
class LibraryView:
    """`brief list`: every brief in the library, in the order asked for."""

    library: Library
    entries: tuple[Entry, ...]
    sort: str


@dataclass(frozen=True)
class SearchView:
    """`brief search`: the best hits for a query in one brief or the whole library."""

    query: str
    scope: str  # a brief id, or "all"
    briefs: int  # how many briefs were searched
    hits: tuple[Hit, ...]
    total: int
    section: str | None = None


View = (
    OverviewView | SectionView | GlossaryView | TermView | TimelineView | SummaryView | ExportView
    | LibraryView | SearchView
)  # fmt: skip
