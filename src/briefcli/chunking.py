"""Cutting a brief into searchable pieces: sections, subsections, key points, glossary, timeline
and the editor's notes.

Each piece is (title, body, kind, ref, scope, label, origin), sanitised, ready for the index's
FTS5 table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefcli.model import Brief

#: What a piece is: (title, body, kind, ref, scope, label, origin).
Chunk = tuple[str, str, str, str, str, str, str]


def chunks(brief: Brief) -> list[Chunk]:
    """The brief cut into searchable pieces: (title, body, kind, ref, scope, label, origin).

    ``scope`` is the space-padded list of section ids the piece belongs to (for --section);
    ``label`` is what a hit shows as its title; ``origin`` who wrote the piece ('report',
    'editor', 'extracted'), which a hit shows. All text is sanitised before it is stored.
    """
    from briefcli.model import EDITOR, REPORT
    from briefcli.sanitize import sanitize, sanitize_line

    out: list[Chunk] = []

    def add(
        title: str, body: tuple[str, ...], kind: str, ref: str, scope: str, origin: str
    ) -> None:
        # Paragraphs apart, on lines of their own: a snippet shows one (snippets.py).
        text = "\n".join(sanitize(p).replace("\n", " ") for p in body)
        label = sanitize_line(title)
        padded = f" {sanitize_line(scope).casefold()} " if scope else ""
        out.append((label, text, kind, sanitize_line(ref), padded, label, origin))

    for section in brief.sections:
        # A section's role ('summary', 'conclusion') is a name --section accepts too.
        own = f"{section.id} {section.role}" if section.role else section.id
        if section.paragraphs or not section.subsections:
            add(section.title, section.paragraphs, "section", section.id, own, REPORT)
        for sub in section.subsections:
            add(sub.title, sub.paragraphs, "section", sub.id, sub.id, REPORT)
        if section.key_points:
            add(section.title, section.key_points, "key_points", section.id, own, EDITOR)
    for entry in brief.glossary:
        title = "; ".join(entry.names())
        out.append(
            (
                sanitize_line(title),
                sanitize(entry.definition).replace("\n", " "),
                "glossary",
                sanitize_line(entry.term),
                "",
                sanitize_line(entry.term),
                entry.origin,
            )
        )
    for event in brief.timeline:
        add(
            event.date.display(),
            (event.event,),
            "timeline",
            event.date.text,
            " ".join(event.sections),
            event.origin,
        )
    for number, note in enumerate(brief.notes, 1):
        add(f"note {number}", (note,), "note", str(number), "", EDITOR)
    return out
