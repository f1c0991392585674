"""Views → versioned data for JSON and YAML; the keys are a documented contract."""

from __future__ import annotations

import json
from typing import Any

from briefcli.codec import brief_to_data, event_to_data
from briefcli.model import SCHEMA_VERSION, Brief, GlossaryEntry, TimelineEvent
from briefcli.sanitize import json_escape_unsafe
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


def _brief_ref(brief: Brief) -> dict[str, str]:
    return {"id": brief.meta.id, "title": brief.meta.title}


def _event(event: TimelineEvent) -> dict[str, Any]:
    data = event_to_data(event)
    data["precision"] = event.date.precision
    data["display"] = event.date.display()
    return data


def _section(view: SectionView) -> dict[str, Any]:
    # Every key always present (empty when unused), so that scripts need no guards.
    section, sub = view.match.section, view.match.subsection
    if sub is not None:
        return {
            "id": sub.id, "title": sub.title, "part_of": section.id, "role": None,
            "paragraphs": list(sub.paragraphs), "subsections": [], "key_points": [],
        }  # fmt: skip
    return {
        "id": section.id,
        "title": section.title,
        "part_of": None,
        "role": section.role,
        "paragraphs": list(section.paragraphs),
        "subsections": [
            {"id": u.id, "title": u.title, "paragraphs": list(u.paragraphs)}
            for u in section.subsections
        ],
        "key_points": list(section.key_points),
    }


def _term(entry: GlossaryEntry) -> dict[str, Any]:
    return {
        "term": entry.term,
        "category": entry.category,
        "definition": entry.definition,
        "aliases": list(entry.aliases),
    }


def to_data(view: View) -> dict[str, Any]:
    """The view as data: ``schema_version`` and ``kind`` first; export is the brief file itself."""
    if isinstance(view, ExportView):
        # The brief file format already has a top-level "kind" (the report's kind): the
        # export is that format as it stands, so that it loads back as a brief.
        return brief_to_data(view.brief)
    if isinstance(view, LibraryView | SearchView):
        from briefcli.render import listing

        return {"schema_version": SCHEMA_VERSION, **listing.data(view)}
    body: dict[str, Any]
    if isinstance(view, OverviewView):
        meta = view.brief.meta
        body = {
            "kind": "overview",
            "brief": {
                "id": meta.id, "title": meta.title, "kind": meta.kind, "date": meta.date,
                "publisher": meta.publisher, "source": meta.source, "path": view.source_path,
            },
            "contents": [{"id": s.id, "title": s.title} for s in view.brief.sections],
        }  # fmt: skip
    elif isinstance(view, SectionView):
        body = {"kind": "section", "brief": _brief_ref(view.brief), "section": _section(view)}
    elif isinstance(view, GlossaryView):
        body = {
            "kind": "glossary",
            "brief": _brief_ref(view.brief),
            "terms": [_term(e) for e in view.entries],
        }
    elif isinstance(view, TermView):
        term = _term(view.match.entry)
        term["used_in"] = list(view.match.used_in)
        body = {
            "kind": "term",
            "brief": _brief_ref(view.brief),
            "query": view.match.corrected_from,
            "corrected": view.match.corrected_from is not None,
            "term": term,
        }
    elif isinstance(view, TimelineView):
        body = {
            "kind": "timeline",
            "brief": _brief_ref(view.brief),
            "since": view.since,
            "until": view.until,
            "events": [_event(e) for e in view.events],
        }
    elif isinstance(view, SummaryView):
        if view.match is None:
            summary = view.brief.section_by_role("summary") or view.brief.sections[0]
            body = {
                "kind": "summary",
                "brief": _brief_ref(view.brief),
                "section": summary.id,
                "paragraphs": list(summary.all_paragraphs()),
            }
        else:
            body = {
                "kind": "key_points",
                "brief": _brief_ref(view.brief),
                "section": view.match.section.id,
                "origin": "editor",
                "key_points": list(view.match.section.key_points),
            }
    else:
        raise TypeError(f"no data for {type(view).__name__}")
    return {"schema_version": SCHEMA_VERSION, **body}


def to_json(view: View) -> str:
    """Pretty JSON with a trailing newline; control and bidi characters stay \\u-escaped."""
    return json_escape_unsafe(json.dumps(to_data(view), ensure_ascii=False, indent=2)) + "\n"


def to_yaml(view: View) -> str:
    """Block-style YAML of the same data as :func:`to_json`; an export is a loadable brief."""
    from briefcli import yamlio

    return yamlio.dump(to_data(view))
