"""What each command selected, as data: one view object per command, handed to a renderer."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    # Annotations only: a view command imports just the modules it selects with.
    from briefcli.library import Entry, Library
    from briefcli.model import Brief, GlossaryEntry, TimelineEvent
    from briefcli.query import SectionMatch, TermMatch
    from briefcli.search import Hit


class OverviewView(NamedTuple):
    """`brief` with no arguments: metadata and table of contents."""

    brief: Brief
    source_path: str
    #: How this brief came to be the current one, in words ('' when not known).
    chosen_by: str = ""


class SectionView(NamedTuple):
    """`brief show`: one section or subsection."""

    brief: Brief
    match: SectionMatch


class GlossaryView(NamedTuple):
    """`brief glossary`: every term with its category."""

    brief: Brief
    entries: tuple[GlossaryEntry, ...]


class TermView(NamedTuple):
    """`brief glossary TERM`: one term in full."""

    brief: Brief
    match: TermMatch


class TimelineView(NamedTuple):
    """`brief timeline`: events in order, maybe filtered."""

    brief: Brief
    events: tuple[TimelineEvent, ...]
    since: str | None = None
    until: str | None = None


class SummaryView(NamedTuple):
    """`brief summary`: the executive summary, or one section's editor-written key points."""

    brief: Brief
    match: SectionMatch | None = None


class ExportView(NamedTuple):
    """`brief export`: the whole brief."""

    brief: Brief


class LibraryView(NamedTuple):
    """`brief list`: every brief in the library, in the order asked for."""

    library: Library
    entries: tuple[Entry, ...]
    sort: str


class SearchView(NamedTuple):
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
