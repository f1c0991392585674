"""Merge a hand-written overlay (key points, curated timeline, notes) onto an imported brief.

An overlay holds only what the brief's editor writes; the report's words come from the import.
The editor's timeline entries replace the extracted report sentences they cover (same date,
a section in common), so a reader never sees one event twice.
"""

from __future__ import annotations

import os
from typing import Any

from briefcli.briefformat import EVENT
from briefcli.errors import BriefFileError
from briefcli.model import parse_event_date
from briefcli.sanitize import sanitize_line

OVERLAY_KEYS = ("id", "source", "key_points", "timeline", "notes", "aliases")
EVENT_KEYS = EVENT.allowed_keys()


def load_overlay(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read and check an overlay file: text values only, known keys, the right shapes.

    It is read as strictly as a brief (no anchors, aliases or tags; bounded depth and size),
    and every error names the overlay file.
    """
    from briefcli.files import read_brief_text
    from briefcli.yamlio import compose_document, to_plain

    name = sanitize_line(os.fspath(path))
    text = read_brief_text(path)
    data = to_plain(compose_document(text, name, "overlay"), name)
    if not isinstance(data, dict):
        raise BriefFileError(name, "an overlay is a mapping of keys such as key_points, timeline")
    _check(data, name)
    return data


def _check(data: dict[str, Any], name: str) -> None:
    unknown = sorted(set(data) - set(OVERLAY_KEYS))
    if unknown:
        raise BriefFileError(name, f"unknown overlay key {unknown[0]!r}; known: {OVERLAY_KEYS}")
    for key in ("id", "source"):
        if key in data and not isinstance(data[key], str):
            raise BriefFileError(name, f"{key}: expected text")
    for key in ("key_points", "aliases"):
        value = data.get(key, {})
        if not isinstance(value, dict) or not all(_texts(v) for v in value.values()):
            raise BriefFileError(name, f"{key}: expected a mapping of names to lists of text")
    if not _texts(data.get("notes", [])):
        raise BriefFileError(name, "notes: expected a list of text")
    events = data.get("timeline", [])
    if not isinstance(events, list):
        raise BriefFileError(name, "timeline: expected a list of events")
    for index, event in enumerate(events):
        where = f"timeline[{index}]"
        if not isinstance(event, dict) or set(event) - set(EVENT_KEYS):
            raise BriefFileError(name, f"{where}: expected a mapping of {EVENT_KEYS}")
        if not all(isinstance(event.get(k), str) for k in ("date", "event")):
            raise BriefFileError(name, f"{where}: needs a date and an event, as text")
        if not _texts(event.get("sections")):
            raise BriefFileError(name, f"{where}.sections: expected a list of section ids")
        try:
            parse_event_date(event["date"])
        except ValueError as exc:
            raise BriefFileError(name, f"{where}.date: {exc}") from None


def _texts(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def apply_overlay(data: dict[str, Any], overlay: dict[str, Any], name: str) -> dict[str, Any]:
    """Return brief ``data`` with the overlay's editor-written parts merged in."""
    unknown = sorted(set(overlay) - set(OVERLAY_KEYS))
    if unknown:
        raise BriefFileError(name, f"unknown overlay key {unknown[0]!r}; known: {OVERLAY_KEYS}")
    merged = dict(data)
    for key in ("id", "source"):
        if key in overlay:
            merged[key] = overlay[key]
    sections = {s["id"]: s for s in merged["sections"]}
    sections.update(
        {sub["id"]: sub for s in merged["sections"] for sub in s.get("subsections", [])}
    )
    for section_id, points in (overlay.get("key_points") or {}).items():
        if section_id not in merged_ids(merged):
            raise BriefFileError(name, f"key_points for unknown section {section_id!r}")
        sections[section_id]["key_points"] = list(points)
    for term, aliases in (overlay.get("aliases") or {}).items():
        entry = next((e for e in merged.get("glossary", []) if e["term"] == term), None)
        if entry is None:
            raise BriefFileError(name, f"aliases for unknown glossary term {term!r}")
        entry["aliases"] = list(aliases)
    if overlay.get("timeline"):
        editor = [dict(e, origin=e.get("origin", "editor")) for e in overlay["timeline"]]
        kept = [e for e in merged.get("timeline", []) if not _superseded(e, editor)]
        merged["timeline"] = chronological(kept + editor)
    if overlay.get("notes"):
        merged["notes"] = list(merged.get("notes", [])) + list(overlay["notes"])
    return merged


def _superseded(event: dict[str, Any], editor: list[dict[str, Any]]) -> bool:
    """True for a report sentence that an editor's entry covers: same date, a shared section."""
    return event.get("origin") == "report" and any(
        e["date"] == event["date"] and set(e["sections"]) & set(event["sections"]) for e in editor
    )


def chronological(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events in date order (the order ``brief timeline`` shows); ties keep their order."""
    return sorted(events, key=lambda e: parse_event_date(e["date"]).sort_key)


def merged_ids(data: dict[str, Any]) -> set[str]:
    """Every section and subsection id in brief ``data``."""
    ids = {s["id"] for s in data["sections"]}
    return ids | {sub["id"] for s in data["sections"] for sub in s.get("subsections", [])}
