"""A brief as plain data in the shape of the brief file format (for YAML, JSON and caches)."""

from __future__ import annotations

from typing import Any

from briefcli.model import SCHEMA_VERSION, Brief, GlossaryEntry, Section, TimelineEvent


def brief_to_data(brief: Brief) -> dict[str, Any]:
    """The brief as nested dicts and lists; keys in the documented order, empty parts left out."""
    meta = brief.meta
    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "id": meta.id, "title": meta.title}
    for key in ("kind", "date", "publisher", "source"):
        if value := getattr(meta, key):
            data[key] = value
    data["sections"] = [section_to_data(s) for s in brief.sections]
    if brief.glossary:
        data["glossary"] = [term_to_data(e) for e in brief.glossary]
    if brief.timeline:
        data["timeline"] = [event_to_data(e) for e in brief.timeline]
    if brief.sources:
        data["sources"] = [
            {"title": s.title, **({"url": s.url} if s.url else {})} for s in brief.sources
        ]
    if brief.notes:
        data["notes"] = list(brief.notes)
    return data


def section_to_data(section: Section) -> dict[str, Any]:
    """One section in file-format shape."""
    data: dict[str, Any] = {"id": section.id, "title": section.title}
    if section.role:
        data["role"] = section.role
    if section.paragraphs:
        data["paragraphs"] = list(section.paragraphs)
    if section.subsections:
        data["subsections"] = [
            {"id": sub.id, "title": sub.title, "paragraphs": list(sub.paragraphs)}
            for sub in section.subsections
        ]
    if section.key_points:
        data["key_points"] = list(section.key_points)
    return data


def term_to_data(entry: GlossaryEntry) -> dict[str, Any]:
    """One glossary entry in file-format shape."""
    data: dict[str, Any] = {
        "term": entry.term,
        "category": entry.category,
        "definition": entry.definition,
    }
    if entry.aliases:
        data["aliases"] = list(entry.aliases)
    return data


def event_to_data(event: TimelineEvent) -> dict[str, Any]:
    """One timeline event in file-format shape."""
    return {
        "date": event.date.text,
        "event": event.event,
        "sections": list(event.sections),
        "origin": event.origin,
    }
