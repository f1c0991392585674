"""What each command selected, as data: one view object per command, handed to a renderer."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    # Annotations only: a view command imports just the modules it selects with.
    from briefcli.catalog import Entry, Library
    from briefcli.config import Setting
    from briefcli.index import Hit
    from briefcli.model import Brief, GlossaryEntry, TimelineEvent
    from briefcli.query import SectionMatch, TermMatch


class OverviewView(NamedTuple):
    """`brief` with no arguments: metadata and table of contents."""

    brief: Brief
    source_path: str
    #: How this brief came to be the current one, in words ('' when not known).
    chosen_by: str = ""
    #: How deep the contents go: 1 for sections, 2 for their subsections too.
    depth: int = 2
    #: The -b/--brief the user gave, carried into the commands suggested (None: not given).
    brief_option: str | None = None


class SectionView(NamedTuple):
    """`brief show`: one section or subsection."""

    brief: Brief
    match: SectionMatch
    #: The editor's notes that name it or one of its subsections (query.notes_on).
    notes: tuple[str, ...] = ()


class ReadView(NamedTuple):
    """`brief read`: the report from one section (or subsection) to the end, for a pager."""

    brief: Brief
    start: SectionMatch
    #: True when the start is where the reader left off, not a section they named.
    resumed: bool = False


class CiteView(NamedTuple):
    """`brief cite`: a reference to the brief, or to one passage of it."""

    brief: Brief
    match: SectionMatch | None = None
    #: The passage itself follows the reference.
    quote: bool = False


class GlossaryView(NamedTuple):
    """`brief glossary`: every term with its category (each entry carries its origin)."""

    brief: Brief
    entries: tuple[GlossaryEntry, ...]
    #: The origin asked for with --origin (None: all the brief shows by default).
    origin: str | None = None
    #: True when the text may hold terms brief could find that this list leaves out.
    more_extracted: bool = False


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
    """`brief summary`: the executive summary, or one part's key points, with their origin.

    ``texts`` are the Summary section's paragraphs or the chosen sentences (origin 'report' or
    'extracted'), or the key points of ``match`` (origin 'editor' or 'extracted').
    """

    brief: Brief
    texts: tuple[str, ...]
    origin: str
    match: SectionMatch | None = None
    #: The id of the report's Summary section the texts come from (None when extracted).
    source: str | None = None


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


class ConfigView(NamedTuple):
    """`brief config`: the settings in effect and where each comes from."""

    settings: tuple[Setting, ...]
    #: The config file, and whether it exists.
    config_file: str
    config_exists: bool


View = (
    OverviewView | SectionView | GlossaryView | TermView | TimelineView | SummaryView | ExportView
    | LibraryView | SearchView | ReadView | ConfigView
)  # fmt: skip
