"""Merge a hand-written overlay (key points, curated timeline, notes) onto an imported brief."""

from __future__ import annotations

from typing import Any

from briefcli.errors import BriefFileError

OVERLAY_KEYS = ("id", "source", "key_points", "timeline", "notes", "aliases")


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
        events = [dict(e, origin=e.get("origin", "editor")) for e in overlay["timeline"]]
        merged["timeline"] = list(merged.get("timeline", [])) + events
    if overlay.get("notes"):
        merged["notes"] = list(merged.get("notes", [])) + list(overlay["notes"])
    return merged


def merged_ids(data: dict[str, Any]) -> set[str]:
    """Every section and subsection id in brief ``data``."""
    ids = {s["id"] for s in data["sections"]}
    return ids | {sub["id"] for s in data["sections"] for sub in s.get("subsections", [])}
