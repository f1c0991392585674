"""The JSON Schema of the brief file format, for editors that validate and complete YAML."""

from __future__ import annotations

import json
from typing import Any

#: JSON Schema dialect of :func:`brief_schema`.
DIALECT = "https://json-schema.org/draft/2020-12/schema"

# The loader reads every scalar as text, while an editor's YAML support reads `id: 1` as a
# number and `2014` as a year number: the schema accepts those wherever the loader does.
_POINT = r"\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|\d{4}-Q[1-4]|\d{4}|\d{3}0s"


def _text(description: str) -> dict[str, Any]:
    return {"$ref": "#/$defs/text", "description": description}


def _texts(description: str) -> dict[str, Any]:
    return {
        "type": "array",
        "items": {"$ref": "#/$defs/text"},
        "maxItems": 10_000,
        "description": description,
    }


def brief_schema() -> dict[str, Any]:
    """The schema as data: one object per part of a brief, unknown keys rejected."""
    section_id = {"$ref": "#/$defs/id", "description": "Unique across sections and subsections."}
    return {
        "$schema": DIALECT,
        "title": "brief file (schema_version 1)",
        "description": "A structured report read by `brief`; see docs/brief-format.md.",
        "type": "object",
        "required": ["id", "title", "sections"],
        "additionalProperties": False,
        "properties": {
            "schema_version": {
                "enum": [1, "1"],
                "description": "Version of the brief format; 1 is the only version so far.",
            },
            "id": {"$ref": "#/$defs/id", "description": "The brief's identifier: one word."},
            "title": _text("The report's title."),
            "kind": _text("What the report is, such as 'General Report'."),
            "date": {"$ref": "#/$defs/date", "description": "The report's date."},
            "publisher": _text("Who published the report."),
            "source": _text("Where the text comes from."),
            "sections": {
                "type": "array",
                "minItems": 1,
                "maxItems": 10_000,
                "items": {"$ref": "#/$defs/section"},
                "description": "The report's sections, in its order.",
            },
            "glossary": {
                "type": "array",
                "maxItems": 10_000,
                "items": {"$ref": "#/$defs/term"},
                "description": "Terms with their category and definition.",
            },
            "timeline": {
                "type": "array",
                "maxItems": 10_000,
                "items": {"$ref": "#/$defs/event"},
                "description": "Dated events and the sections they come from.",
            },
            "sources": {
                "type": "array",
                "maxItems": 10_000,
                "items": {"$ref": "#/$defs/source"},
                "description": "Documents the report cites.",
            },
            "notes": _texts("Notes on the whole brief, written by the brief's editor."),
        },
        "$defs": {
            "text": {
                "type": ["string", "number", "boolean"],
                "minLength": 1,
                "maxLength": 100_000,
                "pattern": r"\S",
                "description": "Text, kept exactly as written.",
            },
            "id": {
                "type": ["string", "integer"],
                "minLength": 1,
                "pattern": r"^\S+$",
            },
            "date": {
                "anyOf": [
                    {"type": "string", "pattern": f"^(?:{_POINT})$"},
                    {"type": "integer", "minimum": 1000, "maximum": 9999},
                ],
                "description": "YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY or YYY0s.",
            },
            "section": {
                "type": "object",
                "required": ["id", "title"],
                "additionalProperties": False,
                "properties": {
                    "id": section_id,
                    "title": _text("The section's title, without its number."),
                    "role": {
                        "enum": ["summary", "conclusion"],
                        "description": "The part this section plays (at most one of each).",
                    },
                    "paragraphs": _texts("The report's words, one item per paragraph."),
                    "subsections": {
                        "type": "array",
                        "maxItems": 10_000,
                        "items": {"$ref": "#/$defs/subsection"},
                    },
                    "key_points": _texts("Key points, written by the brief's editor."),
                },
            },
            "subsection": {
                "type": "object",
                "required": ["id", "title"],
                "additionalProperties": False,
                "properties": {
                    "id": section_id,
                    "title": _text("The subsection's title, without its number."),
                    "paragraphs": _texts("The report's words, one item per paragraph."),
                },
            },
            "term": {
                "type": "object",
                "required": ["term", "category", "definition"],
                "additionalProperties": False,
                "properties": {
                    "term": _text("The term as the report writes it."),
                    "category": _text("Such as Concept, Event, Document."),
                    "definition": _text("The report's definition."),
                    "aliases": _texts("Other names that count as uses of the term."),
                },
            },
            "event": {
                "type": "object",
                "required": ["date", "event", "sections"],
                "additionalProperties": False,
                "properties": {
                    "date": {
                        "anyOf": [
                            {
                                "type": "string",
                                "pattern": f"^(?:{_POINT})(?:/(?:{_POINT}))?$",
                            },
                            {"type": "integer", "minimum": 1000, "maximum": 9999},
                        ],
                        "description": "A date as for the brief, or a range FROM/TO.",
                    },
                    "event": _text("What happened."),
                    "sections": {
                        "type": "array",
                        "items": {"$ref": "#/$defs/id"},
                        "description": "Ids of the sections the event comes from.",
                    },
                    "origin": {
                        "enum": ["report", "editor"],
                        "default": "editor",
                        "description": "report: the report's own sentence; editor: written "
                        "by the brief's editor.",
                    },
                },
            },
            "source": {
                "type": "object",
                "required": ["title"],
                "additionalProperties": False,
                "properties": {
                    "title": _text("The cited document's title."),
                    "url": _text("Where to find it."),
                },
            },
        },
    }


def schema_json() -> str:
    """The schema as pretty JSON with a trailing newline."""
    return json.dumps(brief_schema(), indent=2, ensure_ascii=False) + "\n"
