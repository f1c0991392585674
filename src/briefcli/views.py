"""What each command selected, as data: one view object per command, handed to a renderer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefcli.record import Record

if TYPE_CHECKING:
    # Annotations only: a view command imports just the modules it selects with.
    from briefcli.catalog import Entry, Library
    from briefcli.config import Setting
    from briefcli.index import Hit
    from briefcli.model import Brief, GlossaryEntry, TimelineEvent
    from briefcli.query import SectionMatch, TermMatch


class OverviewView(Record):
    """`brief` with no arguments: metadata and table of contents."""

    brief: Brief
    source_path: str
    #: How this brief came to be the current one, in words ('' when not known).
    chosen_by: str = ""
    #: How deep the contents go: 1 for sections, 2 for their subsections too.
    depth: int = 2
    #: The -b/--brief the user gave, carried into the commands suggested (None: not given).
    brief_option: str | None = None


class SectionView(Record):
    """`brief show`: one section or subsection."""

    brief: Brief
    match: SectionMatch


class ReadView(Record):
    """`brief read`: the report from one section (or subsection) to the end, for a pager."""

    brief: Brief
    start: SectionMatch
    #: True when the start is where the reader left off, not a section they named.
    resumed: bool = False


class CiteView(Record):
    """`brief cite`: a reference to the brief, or to one passage of it."""

    brief: Brief
    match: SectionMatch | None = None
    #: The passage itself follows the reference.
    quote: bool = False


class GlossaryView(Record):
    """`brief glossary`: every term with its category."""

    brief: Brief
    entries: tuple[GlossaryEntry, ...]


class TermView(Record):
    """`brief glossary TERM`: one term in full."""

    brief: Brief
    match: TermMatch


class TimelineView(Record):
    """`brief timeline`: events in order, maybe filtered."""

    brief: Brief
    events: tuple[TimelineEvent, ...]
    since: str | None = None
    until: str | None = None


class SummaryView(Record):
    """`brief summary`: the executive summary, or one section's editor-written key points."""

    brief: Brief
    match: SectionMatch | None = None


class ExportView(Record):
    """`brief export`: the whole brief."""

    brief: Brief


class LibraryView(Record):
    """`brief list`: every brief in the library, in the order asked for."""

    library: Library
    entries: tuple[Entry, ...]
    sort: str


class SearchView(Record):
    """`brief search`: the best hits for a query in one brief or the whole library."""

    query: str
    scope: str  # a brief id, or "all"
    briefs: int  # how many briefs were searched
    hits: tuple[Hit, ...]
    total: int
    section: str | None = None


class ConfigView(Record):
    """`brief config`: the settings in effect and where each comes from."""

    settings: tuple[Setting, ...]
    #: The config file, and whether it exists.
    config_file: str
    config_exists: bool


View = (
    OverviewView | SectionView | GlossaryView | TermView | TimelineView | SummaryView | ExportView
    | LibraryView | SearchView | ReadView | ConfigView
)  # fmt: skip
