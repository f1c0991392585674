"""Views → a format-neutral document of role-tagged blocks; styling happens elsewhere."""

from __future__ import annotations

from briefcli.model import Brief, GlossaryEntry, Section, Subsection, TimelineEvent
from briefcli.record import Record
from briefcli.termmatch import term_uses
from briefcli.views import (
    ExportView,
    GlossaryView,
    LibraryView,
    OverviewView,
    SearchView,
    SectionView,
    SummaryView,
    TermView,
    TimelineView,
    View,
)

#: Said wherever text written by the brief's editor stands next to the report's own words.
EDITOR_LABEL = "written by the brief's editor, not the report's words"


class Heading(Record):
    """A heading: level 0 is the document title, 1 a section, 2 a subsection."""

    level: int
    title: str
    number: str | None = None
    anchor: str | None = None


class Paragraph(Record):
    """A paragraph of prose; role 'body' for the report's words, 'note' or 'muted' otherwise.

    ``marks`` are (start, end) spans of ``text`` to show as matches: role 'match' on a
    terminal, «between guillemets» in plain text.
    """

    text: str
    role: str = "body"
    marks: tuple[tuple[int, int], ...] = ()


class Bullets(Record):
    """A list of short items (key points); role as for :class:`Paragraph`."""

    items: tuple[str, ...]
    role: str = "body"


class Definition(Record):
    """A glossary entry: term, category, definition and labelled extras such as 'Used in'."""

    term: str
    category: str
    definition: str
    extras: tuple[tuple[str, str], ...] = ()


class Table(Record):
    """Rows of cells; each column has a role that the theme maps to a style."""

    columns: tuple[str, ...]
    roles: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Heading | Paragraph | Bullets | Definition | Table


class Document(Record):
    """What a command shows, in order; ``terms`` are highlighted where a renderer can."""

    blocks: tuple[Block, ...]
    terms: tuple[str, ...] = ()


def build(view: View, detail: bool = False) -> Document:
    """The document for any view; ``detail`` gives the glossary list its definitions."""
    if isinstance(view, OverviewView):
        chosen = [Paragraph(view.chosen_by, "muted")] if view.chosen_by else []
        return Document((*_overview(view.brief), *chosen))
    if isinstance(view, SectionView):
        section, sub = view.match.section, view.match.subsection
        blocks = _subsection(sub, level=1) if sub else _section(section)
        return Document(tuple(blocks), _terms(view.brief))
    if isinstance(view, GlossaryView) and detail:
        return Document(_definitions(view.brief, view.entries))
    if isinstance(view, GlossaryView):
        rows = tuple((e.term, e.category) for e in view.entries)
        return Document((Table(("Term", "Category"), ("term", "muted"), rows),))
    if isinstance(view, TermView):
        return Document(_term(view))
    if isinstance(view, TimelineView):
        return Document(_timeline(view.events))
    if isinstance(view, SummaryView):
        return Document(tuple(_summary(view)), _terms(view.brief))
    if isinstance(view, ExportView):
        return Document(tuple(_export(view.brief)), _terms(view.brief))
    if isinstance(view, LibraryView | SearchView):
        from briefcli.render import listing

        return listing.document(view)
    raise TypeError(f"no document for {type(view).__name__}")


def _terms(brief: Brief) -> tuple[str, ...]:
    return tuple(name for entry in brief.glossary for name in entry.names())


def _meta_line(brief: Brief) -> str:
    meta = brief.meta
    return " · ".join(part for part in (meta.kind, meta.date, meta.publisher) if part)


def _overview(brief: Brief) -> list[Block]:
    rows = tuple((s.id, s.title) for s in brief.sections)
    blocks: list[Block] = [Heading(0, brief.meta.title)]
    if line := _meta_line(brief):
        blocks.append(Paragraph(line, "muted"))
    blocks.append(Heading(1, "Contents"))
    blocks.append(Table(("Section", "Title"), ("number", "body"), rows))
    counts = (
        f"{len(brief.glossary)} glossary terms, {len(brief.timeline)} timeline events. "
        "Try: brief show 4 · brief glossary · brief timeline · brief summary"
    )
    blocks.append(Paragraph(counts, "muted"))
    return blocks


def _section(section: Section) -> list[Block]:
    blocks: list[Block] = [Heading(1, section.title, _number(section.id), f"section-{section.id}")]
    blocks.extend(Paragraph(text) for text in section.paragraphs)
    for sub in section.subsections:
        blocks.extend(_subsection(sub, level=2))
    return blocks


def _number(section_id: str) -> str | None:
    # Unnumbered sections (the report's "Conclusion") keep their bare title.
    return section_id if section_id[:1].isdigit() else None


def _subsection(sub: Subsection, level: int) -> list[Block]:
    blocks: list[Block] = [Heading(level, sub.title, sub.id, f"section-{sub.id}")]
    blocks.extend(Paragraph(text) for text in sub.paragraphs)
    return blocks


def _term(view: TermView) -> tuple[Block, ...]:
    match = view.match
    extras: list[tuple[str, str]] = []
    if match.entry.aliases:
        extras.append(("Also", ", ".join(match.entry.aliases)))
    extras.append(("Used in", ", ".join(match.used_in) if match.used_in else "no section"))
    blocks: list[Block] = []
    if match.corrected_from is not None:
        blocks.append(
            Paragraph(f"Showing {match.entry.term!r} for {match.corrected_from!r}.", "note")
        )
    blocks.append(
        Definition(match.entry.term, match.entry.category, match.entry.definition, tuple(extras))
    )
    return tuple(blocks)


def _definitions(brief: Brief, entries: tuple[GlossaryEntry, ...]) -> tuple[Block, ...]:
    blocks: list[Block] = []
    for entry, used in zip(entries, term_uses(brief, entries), strict=True):  # one pass
        extras = (("Used in", ", ".join(used) if used else "no section"),)
        blocks.append(Definition(entry.term, entry.category, entry.definition, extras))
    return tuple(blocks)


def _timeline(events: tuple[TimelineEvent, ...]) -> tuple[Block, ...]:
    rows = tuple(
        (
            e.date.display(),
            ", ".join(e.sections),
            e.event if e.origin == "report" else f"{e.event} [editor]",
        )
        for e in events
    )
    blocks: list[Block] = [Table(("Date", "Section", "Event"), ("date", "number", "body"), rows)]
    if any(e.origin == "editor" for e in events):
        blocks.append(Paragraph(f"Entries marked [editor] are {EDITOR_LABEL}.", "muted"))
    return tuple(blocks)


def _summary(view: SummaryView) -> list[Block]:
    if view.match is None:
        summary = view.brief.section_by_role("summary") or view.brief.sections[0]
        return [Paragraph(text) for text in summary.all_paragraphs()]
    section = view.match.section
    title = f"Key points: {section.id}. {section.title}"
    if not section.key_points:
        return [Heading(1, title), Paragraph("This section has no key points.", "muted")]
    return [
        Heading(1, title),
        Paragraph(f"These points are {EDITOR_LABEL}.", "muted"),
        Bullets(section.key_points, "note"),
    ]


def _export(brief: Brief) -> list[Block]:
    blocks = _overview(brief)[:2]
    if brief.meta.source:
        blocks.append(Paragraph(f"Source: {brief.meta.source}", "muted"))
    for section in brief.sections:
        blocks.extend(_section(section))
        if section.key_points:
            blocks.append(Paragraph(f"Key points ({EDITOR_LABEL}):", "muted"))
            blocks.append(Bullets(section.key_points, "note"))
    if brief.glossary:
        blocks.append(Heading(1, "Glossary", None, "glossary"))
        blocks.extend(_definitions(brief, brief.glossary))
    if brief.timeline:
        blocks.append(Heading(1, "Timeline", None, "timeline"))
        ordered = tuple(sorted(brief.timeline, key=lambda e: e.date.sort_key))
        blocks.extend(_timeline(ordered))
    if brief.sources:
        blocks.append(Heading(1, "Sources", None, "sources"))
        blocks.append(
            Bullets(tuple(s.title + (f" <{s.url}>" if s.url else "") for s in brief.sources))
        )
    if brief.notes:
        blocks.append(Heading(1, "Editor's notes", None, "notes"))
        blocks.append(Bullets(brief.notes, "note"))
    return blocks
