"""`brief list` and `brief search` views → a Document (for text and terminal) and data (JSON)."""

from __future__ import annotations

import os
from typing import Any

from briefcli.catalog import LIBRARY, SHIPPED, Entry
from briefcli.index import Hit
from briefcli.render.document import (
    ORIGIN_MARK,
    STACK_BELOW,
    Block,
    Document,
    Heading,
    Paragraph,
    Table,
)
from briefcli.sanitize import sanitize_line
from briefcli.views import LibraryView, SearchView


def document(view: LibraryView | SearchView) -> Document:
    """The document for ``brief list`` or ``brief search``."""
    if isinstance(view, LibraryView):
        return Document(tuple(_library(view)))
    return Document(tuple(_search(view)))


def data(view: LibraryView | SearchView) -> dict[str, Any]:
    """The view as data (``schema_version`` is added by the caller)."""
    if isinstance(view, LibraryView):
        duplicates = view.library.duplicates()
        return {
            "view": "library",
            "sort": view.sort,
            "folders": [{"path": f.path, "origin": f.origin} for f in view.library.folders],
            "briefs": [_entry_data(e) for e in view.entries],
            "duplicates": [
                {"id": key, "paths": [e.path for e in found]} for key, found in duplicates.items()
            ],
        }
    return {
        "view": "search",
        "query": view.query,
        "scope": view.scope,
        "section": view.section,
        "briefs_searched": view.briefs,
        "total": view.total,
        "hits": [_hit_data(h) for h in view.hits],
    }


def where(entry: Entry) -> str:
    """Where a brief lives, for a person: 'shipped', or its path with ~ for the home folder."""
    return "shipped" if entry.origin == SHIPPED else _home(entry.path, os.path.expanduser("~"))


def folder(entry: Entry, home: str) -> str:
    """The list's short form: 'shipped', 'library', or the BRIEF_PATH folder (with the file
    name when it is not the id's); ``home`` is the user's home folder."""
    # String methods rather than os.path: this runs for each of a thousand rows. A library
    # file's name always ends in one of SUFFIXES, so its stem is what precedes the last dot.
    directory, _, name = entry.path.rpartition(os.sep)
    place = entry.origin if entry.origin in (SHIPPED, LIBRARY) else _home(directory or os.sep, home)
    if name.rpartition(".")[0] != entry.id:
        place = os.path.join(place, name)
    return place


def _home(path: str, home: str) -> str:
    if home not in ("", "/", "~") and path.startswith(home + os.sep):
        return "~" + path[len(home) :]
    return path


def _count(number: int, thing: str) -> str:
    return f"{number:,} {thing}" + ("" if number == 1 else "s")


def _library(view: LibraryView) -> list[Block]:
    good = [e for e in view.entries if not e.broken]
    broken = [e for e in view.entries if e.broken]
    blocks: list[Block] = []
    if good:
        home = os.path.expanduser("~")  # once, not for each of a thousand rows
        rows = tuple(
            (
                e.id,
                e.date or "-",
                folder(e, home) + (" (duplicate)" if e.shadowed_by else ""),
                e.title,
            )
            for e in good
        )
        blocks.append(
            Table(
                ("Id", "Date", "Where", "Title"),
                ("term", "date", "muted", "body"),
                rows,
                # Ids are never broken (they are typed); titles are cut short instead.
                fits=("keep", "keep", "wrap", "truncate"),
                stack_below=STACK_BELOW,
            )
        )
    else:
        blocks.append(Paragraph("No briefs in the library.", "muted"))
    duplicates = view.library.duplicates()
    if duplicates:
        blocks.append(Heading(1, "Duplicate ids"))
        for key, found in duplicates.items():
            # A paragraph keeps its line breaks; a file name's must not start a line of its own.
            first, *rest = (sanitize_line(where(e)) for e in found)
            blocks.append(
                Paragraph(
                    f"{key}: --brief {key} reads {first} (first in the library's "
                    f"order); {', '.join(rest)} only by path.",
                    "warning",
                )
            )
    if broken:
        blocks.append(Heading(1, f"Broken files ({len(broken):,})"))
        blocks.append(
            Table(
                ("File", "Problem"),
                ("muted", "warning"),
                tuple((where(e), e.error or "") for e in broken),
            )
        )
    summary = [_count(len(good), "brief")]
    if broken:
        summary.append(_count(len(broken), "broken file"))
    if duplicates:
        summary.append(_count(len(duplicates), "duplicate id"))
    blocks.append(
        Paragraph(
            ", ".join(summary) + f" in {_count(len(view.library.folders), 'folder')}. "
            "Read one with: brief -b ID · make it the default: brief use ID",
            "hint",
        )
    )
    return blocks


def _entry_data(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.id or None,
        "title": entry.title or None,
        "date": entry.date or None,
        "kind": entry.kind or None,
        "path": entry.path,
        "origin": entry.origin,
        "status": entry.status,
        "shadowed_by": entry.shadowed_by,
        "error": entry.error,
    }


def hit_heading(hit: Hit) -> str:
    """'<brief> · 4-2 <title>', '<brief> · glossary · <term>', '<brief> · timeline · <date>',
    '<brief> · note 2';
    what the editor wrote or brief extracted says so (' [editor]', ' [extracted]')."""
    if hit.kind == "section":
        return f"{hit.brief_id} · {hit.ref} {hit.title}"
    if hit.kind == "key_points":
        return f"{hit.brief_id} · {hit.ref} {hit.title} · key points (editor)"
    mark = ORIGIN_MARK.get(hit.origin, "")
    if hit.kind == "note":
        return f"{hit.brief_id} · {hit.title}{mark}"
    if hit.kind == "glossary":
        return f"{hit.brief_id} · glossary · {hit.title}{mark}"
    sections = f" ({', '.join(hit.sections)})" if hit.sections else ""
    return f"{hit.brief_id} · timeline · {hit.title}{sections}{mark}"


def _search(view: SearchView) -> list[Block]:
    blocks: list[Block] = []
    for hit in view.hits:
        blocks.append(Heading(2, hit_heading(hit)))
        blocks.append(Paragraph(hit.snippet, "body", hit.marks))
    scope = _count(view.briefs, "brief") if view.scope == "all" else view.scope
    if view.section is not None:
        scope += f", section {view.section}"
    if len(view.hits) < view.total:
        line = (
            f"The best {len(view.hits):,} of {_count(view.total, 'hit')} for {view.query!r} in "
            f"{scope}; --limit N shows more."
        )
    else:
        line = f"{_count(view.total, 'hit')} for {view.query!r} in {scope}."
    blocks.append(Paragraph(line, "muted"))
    return blocks


def _hit_data(hit: Hit) -> dict[str, Any]:
    return {
        "brief": {"id": hit.brief_id, "title": hit.brief_title, "path": hit.path},
        "kind": hit.kind,
        "ref": hit.ref,
        "title": hit.title,
        "sections": list(hit.sections),
        "snippet": hit.snippet,
        "highlights": [list(span) for span in hit.marks],
        "score": round(hit.score, 6),
        "origin": hit.origin,
    }
