"""Views → versioned data for JSON (and YAML); the keys are a documented contract."""

from __future__ import annotations

import json
from typing import Any

from briefcli.codec import brief_to_data, event_to_data, section_to_data, term_to_data
from briefcli.model import SCHEMA_VERSION, Brief, TimelineEvent
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


def to_data(view: View) -> dict[str, Any]:
    """The view as data: always ``schema_version`` and ``kind`` first."""
    if isinstance(view, ExportView):
        return {"kind": "brief", **brief_to_data(view.brief)}
    if isinstance(view, LibraryView | SearchView):
        from briefcli.render import library

        return {"schema_version": SCHEMA_VERSION, **library.data(view)}
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
        match = view.match
        if match.subsection is not None:
            sub = match.subsection
            section = {"id": sub.id, "title": sub.title, "paragraphs": list(sub.paragraphs)}
        else:
            section = section_to_data(match.section)
        body = {"kind": "section", "brief": _brief_ref(view.brief), "section": section}
    elif isinstance(view, GlossaryView):
        body = {
            "kind": "glossary",
            "brief": _brief_ref(view.brief),
            "terms": [term_to_data(e) for e in view.entries],
        }
    elif isinstance(view, TermView):
        term = term_to_data(view.match.entry)
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
