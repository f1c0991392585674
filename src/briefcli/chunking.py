"""Cutting a brief into searchable pieces: sections, subsections, key points, glossary, timeline.

Each piece is (title, body, kind, ref, scope, label), sanitised, ready for the index's FTS5 table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefcli.model import Brief

#: What a piece is: (title, body, kind, ref, scope, label).
Chunk = tuple[str, str, str, str, str, str]


def chunks(brief: Brief) -> list[Chunk]:
    """The brief cut into searchable pieces: (title, body, kind, ref, scope, label).

    ``scope`` is the space-padded list of section ids the piece belongs to (for --section);
    ``label`` is what a hit shows as its title. All text is sanitised before it is stored.
    """
    from briefcli.sanitize import sanitize, sanitize_line

    out: list[Chunk] = []

    def add(title: str, body: tuple[str, ...], kind: str, ref: str, scope: str) -> None:
        text = " ".join(sanitize(p).replace("\n", " ") for p in body)
        label = sanitize_line(title)
        padded = f" {sanitize_line(scope).casefold()} " if scope else ""
        out.append((label, text, kind, sanitize_line(ref), padded, label))

    for section in brief.sections:
        # A section's role ('summary', 'conclusion') is a name --section accepts too.
        own = f"{section.id} {section.role}" if section.role else section.id
        if section.paragraphs or not section.subsections:
            add(section.title, section.paragraphs, "section", section.id, own)
        for sub in section.subsections:
            add(sub.title, sub.paragraphs, "section", sub.id, sub.id)
        if section.key_points:
            add(section.title, section.key_points, "key_points", section.id, own)
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
            )
        )
    for event in brief.timeline:
        add(
            event.date.display(),
            (event.event,),
            "timeline",
            event.date.text,
            " ".join(event.sections),
        )
    return out
