"""What each command selected, as data: one view object per command, handed to a renderer."""

from __future__ import annotations

from dataclasses import dataclass

from briefcli.model import Brief, GlossaryEntry, TimelineEvent
from briefcli.query import SectionMatch, TermMatch


@dataclass(frozen=True)
class OverviewView:
    """`brief` with no arguments: metadata and table of contents."""

    brief: Brief
    source_path: str


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


View = (
    OverviewView | SectionView | GlossaryView | TermView | TimelineView | SummaryView | ExportView
)
