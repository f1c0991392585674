"""Views → versioned data for JSON and YAML; the keys are a documented contract."""

from __future__ import annotations

import json
from typing import Any

from briefcli.codec import brief_to_data, event_to_data
from briefcli.formats import OUTPUT_SCHEMA_VERSION
from briefcli.model import EDITOR, Brief, CodeBlock, GlossaryEntry, TableBlock, TimelineEvent
from briefcli.render import contents
from briefcli.sanitize import json_escape_unsafe
from briefcli.views import (
    ConfigView,
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


def _brief_ref(brief: Brief) -> dict[str, str]:
    return {"id": brief.meta.id, "title": brief.meta.title}


def _event(event: TimelineEvent) -> dict[str, Any]:
    data = event_to_data(event)
    data["precision"] = event.date.precision
    data["display"] = event.date.display()
    return data


def paragraphs_data(paragraphs: tuple[str, ...]) -> list[Any]:
    """Paragraphs for JSON: prose as a string, a code block or a table as a typed object."""
    return [_paragraph(p) if isinstance(p, CodeBlock | TableBlock) else p for p in paragraphs]


def _paragraph(block: CodeBlock | TableBlock) -> dict[str, Any]:
    if isinstance(block, CodeBlock):
        return {"type": "code", "language": block.language or None, "code": str(block)}
    return {"type": "table", "header": list(block.header), "rows": [list(r) for r in block.rows]}


def _section(view: SectionView) -> dict[str, Any]:
    # Every key always present (empty when unused), so that scripts need no guards.
    section, sub = view.match.section, view.match.subsection
    notes = [{"text": note, "origin": EDITOR} for note in view.notes]
    if sub is not None:
        return {
            "id": sub.id, "title": sub.title, "part_of": section.id, "role": None,
            "paragraphs": paragraphs_data(sub.paragraphs), "subsections": [], "key_points": [],
            "key_points_origin": EDITOR, "notes": notes,
        }  # fmt: skip
    return {
        "id": section.id,
        "title": section.title,
        "part_of": None,
        "role": section.role,
        "paragraphs": paragraphs_data(section.paragraphs),
        "subsections": [
            {"id": u.id, "title": u.title, "paragraphs": paragraphs_data(u.paragraphs)}
            for u in section.subsections
        ],
        "key_points": list(section.key_points),
        # Who wrote them, as every other item a script may show says ('origin'): the editor.
        "key_points_origin": EDITOR,
        "notes": notes,
    }


def _contents(brief: Brief, depth: int) -> list[dict[str, Any]]:
    """The contents tree: sections, each with its subsections ([] at depth 1)."""
    out: list[dict[str, Any]] = []
    for entry in contents.tree(brief, depth):
        item: dict[str, Any] = {
            "id": entry.id, "title": entry.title, "words": entry.words, "minutes": entry.minutes,
        }  # fmt: skip
        if entry.level == 1:
            out.append({**item, "subsections": []})
        else:
            out[-1]["subsections"].append(item)
    return out


def _term(entry: GlossaryEntry) -> dict[str, Any]:
    return {
        "term": entry.term,
        "category": entry.category,
        "definition": entry.definition,
        "aliases": list(entry.aliases),
        "origin": entry.origin,
    }


def to_data(view: View) -> dict[str, Any]:
    """The view as data: ``schema_version`` and ``view`` first; export is the brief file itself."""
    if isinstance(view, ExportView):
        # The brief file format already has a top-level "kind" (the report's kind): the
        # export is that format as it stands, so that it loads back as a brief.
        return brief_to_data(view.brief)
    if isinstance(view, LibraryView | SearchView):
        from briefcli.render import listing

        return {"schema_version": OUTPUT_SCHEMA_VERSION, **listing.data(view)}
    body: dict[str, Any]
    if isinstance(view, OverviewView):
        meta = view.brief.meta
        total = contents.total_words(view.brief)
        body = {
            "view": "overview",
            "brief": {
                "id": meta.id, "title": meta.title, "kind": meta.kind, "date": meta.date,
                "publisher": meta.publisher, "source": meta.source, "path": view.source_path,
            },
            "depth": view.depth,
            "reading": {
                "words": total, "minutes": contents.minutes(total),
                "words_per_minute": contents.WORDS_PER_MINUTE,
            },
            "contents": _contents(view.brief, view.depth),
        }  # fmt: skip
    elif isinstance(view, SectionView):
        body = {"view": "section", "brief": _brief_ref(view.brief), "section": _section(view)}
    elif isinstance(view, GlossaryView):
        from briefcli.termmatch import term_uses

        # One pass over the text for all the terms, as the text renderers make (a pass per
        # term took 1.6 s for a 1 MB changelog's 82 terms).
        uses = term_uses(view.brief, view.entries)
        body = {
            "view": "glossary",
            "brief": _brief_ref(view.brief),
            "terms": [
                {**_term(e), "used_in": list(used)}
                for e, used in zip(view.entries, uses, strict=True)
            ],
        }
    elif isinstance(view, TermView):
        term = _term(view.match.entry)
        term["used_in"] = list(view.match.used_in)
        body = {
            "view": "term",
            "brief": _brief_ref(view.brief),
            "query": view.match.corrected_from,
            "corrected": view.match.corrected_from is not None,
            "term": term,
        }
    elif isinstance(view, TimelineView):
        body = {
            "view": "timeline",
            "brief": _brief_ref(view.brief),
            "since": view.since,
            "until": view.until,
            "events": [_event(e) for e in view.events],
        }
    elif isinstance(view, SummaryView):
        if view.match is None:
            body = {
                "view": "summary",
                "brief": _brief_ref(view.brief),
                "section": view.source,
                "origin": view.origin,
                "paragraphs": paragraphs_data(view.texts),
            }
        else:
            body = {
                "view": "key_points",
                "brief": _brief_ref(view.brief),
                "section": view.match.id,
                "origin": view.origin,
                "key_points": list(view.texts),
            }
    elif isinstance(view, ConfigView):
        body = {
            "view": "config",
            "config_file": {"path": view.config_file, "exists": view.config_exists},
            "settings": {
                s.name: {
                    "value": None if s.value == "" else s.value,
                    "from": s.origin,
                    "source": s.source or None,
                }
                for s in view.settings
            },
        }
    else:
        raise TypeError(f"no data for {type(view).__name__}")
    return {"schema_version": OUTPUT_SCHEMA_VERSION, **body}


def to_json(view: View) -> str:
    """Pretty JSON with a trailing newline; control and bidi characters stay \\u-escaped."""
    return json_escape_unsafe(json.dumps(to_data(view), ensure_ascii=False, indent=2)) + "\n"


def to_yaml(view: View, *, ascii_only: bool = False) -> str:
    """Block-style YAML of the same data as :func:`to_json`; an export is a loadable brief.

    ``ascii_only``: every character outside ASCII as YAML's own ``\\uXXXX`` escape (in a
    double-quoted scalar), for a stdout that cannot carry them: the text loads back exact.
    """
    from briefcli import yamlio

    return yamlio.dump(to_data(view), ascii_only=ascii_only)
