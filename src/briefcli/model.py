"""Immutable records for a brief and its parts; the model knows no files and no Rich.

Records (:mod:`briefcli.record`) rather than frozen dataclasses or named tuples, and dates
parsed with string methods rather than regular expressions: brief imports this module on every
run, and both would cost milliseconds at import.
"""

from __future__ import annotations

from typing import Any, NamedTuple

SCHEMA_VERSION = 1

#: How a timeline date was given: the precision a reader can rely on.
PRECISIONS = ("day", "month", "quarter", "year", "decade", "range")

#: Where a piece of text comes from: the report's authors wrote it, the brief's editor wrote
#: it, or brief chose it from the report (its sentences, quoted word for word).
ORIGINS = ("report", "editor", "extracted")
REPORT, EDITOR, EXTRACTED = ORIGINS
#: The origins a timeline event can have: brief chooses no events of its own.
EVENT_ORIGINS = ORIGINS[:2]

_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


class DatePoint(NamedTuple):
    """One end of a date: the first and last day it may mean, as (year, month, day) tuples."""

    first: tuple[int, int, int]
    last: tuple[int, int, int]
    precision: str


def _number(text: str, digits: int) -> int | None:
    """``text`` as a number when it is exactly ``digits`` decimal digits, else None."""
    return int(text) if len(text) == digits and text.isdecimal() else None


def parse_date_point(text: str) -> DatePoint:
    """Parse '2025-02-28', '2024-10', '2024-Q4', '2014' or '1940s'; raise ValueError if not."""
    parts = text.split("-")
    year = _number(parts[0], 4)
    if year is not None and len(parts) == 3:
        month, day = _number(parts[1], 2), _number(parts[2], 2)
        if month is not None and day is not None:
            if not 1 <= month <= 12 or not 1 <= day <= _DAYS_IN_MONTH[month - 1]:
                raise ValueError(f"{text!r} is not a calendar date")
            return DatePoint((year, month, day), (year, month, day), "day")
    if year is not None and len(parts) == 2:
        month = _number(parts[1], 2)
        if month is not None:
            if not 1 <= month <= 12:
                raise ValueError(f"{text!r} has no month {month}")
            return DatePoint((year, month, 1), (year, month, _DAYS_IN_MONTH[month - 1]), "month")
        if parts[1] in ("Q1", "Q2", "Q3", "Q4"):
            first_month = 3 * int(parts[1][1]) - 2
            last_month = first_month + 2
            last = (year, last_month, _DAYS_IN_MONTH[last_month - 1])
            return DatePoint((year, first_month, 1), last, "quarter")
    if year is not None and len(parts) == 1:
        return DatePoint((year, 1, 1), (year, 12, 31), "year")
    decade = _number(text[:3], 3) if len(text) == 5 and text.endswith("0s") else None
    if decade is not None:
        return DatePoint((decade * 10, 1, 1), (decade * 10 + 9, 12, 31), "decade")
    raise ValueError(
        f"{text!r} is not a date: use YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY, YYY0s or FROM/TO"
    )


class EventDate(NamedTuple):
    """A timeline date as written in a brief: one point, or a range 'FROM/TO'."""

    text: str
    start: DatePoint
    end: DatePoint

    @property
    def precision(self) -> str:
        """'range' for FROM/TO, otherwise the precision of the single point."""
        return "range" if self.start != self.end else self.start.precision

    @property
    def sort_key(self) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
        """Chronological order: by first possible day, then the shorter span first."""
        return (self.start.first, self.end.last)

    def display(self) -> str:
        """The date as a reader writes it: '1950–1953', 'Oct 2024', '2024 Q4'."""
        if self.start != self.end:
            return f"{_display_point(self.start, self.text.split('/')[0])}–" + _display_point(
                self.end, self.text.split("/")[1]
            )
        return _display_point(self.start, self.text)


_MONTH_NAMES = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip


def _display_point(point: DatePoint, text: str) -> str:
    year, month, day = point.first
    if point.precision == "day":
        return f"{day} {_MONTH_NAMES[month - 1]} {year}"
    if point.precision == "month":
        return f"{_MONTH_NAMES[month - 1]} {year}"
    if point.precision == "quarter":
        return f"{year} Q{(month + 2) // 3}"
    return text


def parse_event_date(text: str) -> EventDate:
    """Parse a timeline date: a single point or 'FROM/TO' with FROM not after TO."""
    if "/" in text:
        first, _, last = text.partition("/")
        start, end = parse_date_point(first), parse_date_point(last)
        if end.last < start.first:
            raise ValueError(f"the range {text!r} ends before it starts")
        return EventDate(text, start, end)
    point = parse_date_point(text)
    return EventDate(text, point, point)


class CodeBlock(str):
    """A paragraph that is a block of code: its text verbatim, with the language if named.

    A ``str`` whose value is the code itself, so that everything reading paragraphs as text
    (search, word counts, glossary uses) reads it unchanged; renderers and the codec tell it
    apart with ``isinstance``. It equals only a code block with the same text and language.
    """

    language: str

    def __new__(cls, code: str, language: str = "") -> CodeBlock:
        """A code block of ``code``, in ``language`` ('' when not named)."""
        made = super().__new__(cls, code)
        made.language = language
        return made

    def __eq__(self, other: object) -> bool:
        return (
            type(other) is CodeBlock and str.__eq__(self, other) and self.language == other.language
        )

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash((str(self), self.language, "code"))

    def __repr__(self) -> str:
        return f"CodeBlock({str.__repr__(self)}, {self.language!r})"

    def __reduce__(self) -> tuple[type[CodeBlock], tuple[str, str]]:
        return (CodeBlock, (str(self), self.language))


class TableBlock(str):
    """A paragraph that is a table: a header row and rows of cells, each cell text.

    As a ``str`` it is its cells, a row to a line and cells apart by ' | ' (what search and
    word counts read); renderers lay out ``header`` and ``rows``.
    """

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def __new__(cls, header: tuple[str, ...], rows: tuple[tuple[str, ...], ...] = ()) -> TableBlock:
        """A table of ``header`` and ``rows`` (each a tuple of cell texts)."""
        made = super().__new__(cls, "\n".join(" | ".join(row) for row in (header, *rows)))
        made.header = tuple(header)
        made.rows = tuple(tuple(row) for row in rows)
        return made

    def __eq__(self, other: object) -> bool:
        return type(other) is TableBlock and self.header == other.header and self.rows == other.rows

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash((self.header, self.rows, "table"))

    def __repr__(self) -> str:
        return f"TableBlock({self.header!r}, {self.rows!r})"

    def __reduce__(self) -> tuple[type[TableBlock], tuple[Any, ...]]:
        return (TableBlock, (self.header, self.rows))


def is_block(paragraph: str) -> bool:
    """True when ``paragraph`` is a code block or a table rather than prose."""
    return isinstance(paragraph, CodeBlock | TableBlock)


def prose(paragraphs: tuple[str, ...]) -> tuple[str, ...]:
    """The paragraphs that are prose: summaries and the timeline read no code and no tables."""
    return tuple(p for p in paragraphs if not isinstance(p, CodeBlock | TableBlock))


class Subsection(NamedTuple):
    """A numbered part of a section, such as '4-2'."""

    id: str
    title: str
    paragraphs: tuple[str, ...]
    #: Chosen by brief: sentences of the paragraphs, word for word (origin 'extracted').
    extracted_points: tuple[str, ...] = ()


class Section(NamedTuple):
    """A numbered section as in the report's table of contents."""

    id: str
    title: str
    paragraphs: tuple[str, ...] = ()
    subsections: tuple[Subsection, ...] = ()
    #: 'summary' or 'conclusion' when the section plays that part in the report.
    role: str | None = None
    #: Written by the editor of the brief, never the report's words.
    key_points: tuple[str, ...] = ()
    #: Chosen by brief: sentences of the section, word for word (origin 'extracted').
    extracted_points: tuple[str, ...] = ()

    def all_paragraphs(self) -> tuple[str, ...]:
        """The section's own paragraphs, then each subsection's, in reading order."""
        out = list(self.paragraphs)
        for sub in self.subsections:
            out.extend(sub.paragraphs)
        return tuple(out)


class GlossaryEntry(NamedTuple):
    """One glossary term with its category and definition."""

    term: str
    category: str
    definition: str
    aliases: tuple[str, ...] = ()
    #: 'report' (the report's glossary), 'editor', or 'extracted' (found by brief; the
    #: definition is then the report's defining sentence, word for word).
    origin: str = "report"

    def names(self) -> tuple[str, ...]:
        """The term followed by its aliases."""
        return (self.term, *self.aliases)


class TimelineEvent(NamedTuple):
    """A dated event and the sections it comes from."""

    date: EventDate
    event: str
    sections: tuple[str, ...]
    #: 'report' when the text is the report's own sentence, 'editor' when written by the editor.
    origin: str = "editor"


class Source(NamedTuple):
    """A source document the report cites."""

    title: str
    url: str | None = None


class Metadata(NamedTuple):
    """What the report is and where it comes from."""

    id: str
    title: str
    kind: str
    date: str
    publisher: str
    source: str


class Brief(NamedTuple):
    """A whole report: metadata, sections, glossary, timeline and sources."""

    meta: Metadata
    sections: tuple[Section, ...]
    glossary: tuple[GlossaryEntry, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    sources: tuple[Source, ...] = ()
    #: Brief-level notes, written by the editor.
    notes: tuple[str, ...] = ()

    def section_by_role(self, role: str) -> Section | None:
        """The section marked with ``role`` ('summary', 'conclusion'), if any."""
        return next((s for s in self.sections if s.role == role), None)
