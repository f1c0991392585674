"""The brief file format, defined once: each record kind's fields, with type, need, limits, help.

Everything else about the format is derived from this table: the loader's checks
(:mod:`briefcli.loader`), conversion to and from plain data (:mod:`briefcli.codec`), the JSON
Schema (:func:`schema_json`, printed by ``brief schema`` and kept as docs/brief.schema.json) and
the key table in docs/brief-format.md (:func:`markdown_table`; ``python tools/format_docs.py``
rewrites both files). To add an optional field, add it to its kind below and to the model record
(with its default); nothing else.

A field's key is also the model record's attribute, except for :data:`VERSION` (not kept in the
model) and :data:`INLINE` (the key names the attribute holding another record whose fields are
written at this level, as a brief's metadata is).

Brief imports this module on every run that reads a brief: keep it free of heavy imports.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from briefcli.model import (
    EVENT_ORIGINS,
    ORIGINS,
    SCHEMA_VERSION,
    Brief,
    GlossaryEntry,
    Metadata,
    Section,
    Source,
    Subsection,
    TimelineEvent,
)

# -- field types ------------------------------------------------------------------------------

#: Text kept exactly as written (never a number, bool or date); an optional one may be empty.
TEXT = "text"
#: A list of non-empty texts.
TEXTS = "texts"
#: The report's words: a list whose items are each a text (a paragraph of prose), a code
#: block ``{code: TEXT, language: NAME}`` (language optional) or a table
#: ``{table: {header: [TEXT, ...], rows: [[TEXT, ...], ...]}}`` (a ``model.CodeBlock`` or
#: ``model.TableBlock`` in the model, both texts to a reader of the words).
PARAGRAPHS = "paragraphs"
#: One word naming a thing (a brief, a section): no spaces, slashes or control characters.
ID = "id"
#: A list of ids referring to sections.
IDS = "ids"
#: A date point: YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY or YYY0s (kept as text in the model).
DATE = "date"
#: A timeline date: a point or a range FROM/TO (a ``model.EventDate`` in the model).
EVENT_DATE = "event date"
#: One of ``choices`` (absent means the model record's default).
ENUM = "enum"
#: A list of records of another kind.
RECORDS = "records"
#: Another kind's fields written at this level; the key is the model attribute that holds them.
INLINE = "inline"
#: The format's version number: checked, written, never kept in the model.
VERSION = "version"

TYPES = (TEXT, TEXTS, PARAGRAPHS, ID, IDS, DATE, EVENT_DATE, ENUM, RECORDS, INLINE, VERSION)

#: Longest single text value (one paragraph, one definition).
MAX_TEXT_CHARS = 100_000


class Field(NamedTuple):
    """One key of a record kind: how it is written, whether it must be, and what it means."""

    key: str
    type: str
    help: str
    required: bool = False
    #: ENUM: the values allowed.
    choices: tuple[str, ...] = ()
    #: RECORDS and INLINE: the kind of the records.
    kind: Kind | None = None
    #: RECORDS: the fewest items a valid list holds.
    min_items: int = 0
    #: ENUM: left out of a written brief when it holds the model's default, so that a field
    #: added later changes no file written before it.
    omit_default: bool = False


class Kind(NamedTuple):
    """A kind of record in a brief file: its name, its model record and its fields in file order."""

    name: str
    record: type[Any]
    help: str
    fields: tuple[Field, ...]

    def allowed_keys(self) -> tuple[str, ...]:
        """The keys a mapping of this kind may hold, in file order (inline kinds' included)."""
        out: list[str] = []
        for field in self.fields:
            if field.type == INLINE:
                assert field.kind is not None
                out.extend(field.kind.allowed_keys())
            else:
                out.append(field.key)
        return tuple(out)

    def field(self, key: str) -> Field:
        """The field whose key (or model attribute) is ``key``; KeyError if none."""
        for field in self.fields:
            if field.key == key:
                return field
        raise KeyError(key)


# -- the table --------------------------------------------------------------------------------

_EXTRACTED_POINTS = (
    "Key points chosen by brief (origin extracted): sentences of the text above, word for word."
)

_PARAGRAPHS = (
    "The report's words, one item per paragraph: a text, a code block "
    "`{code: TEXT, language: NAME}` or a table `{table: {header: [...], rows: [[...], ...]}}`."
)

SUBSECTION = Kind(
    name="subsection",
    record=Subsection,
    help="A numbered part of a section, such as 4-2.",
    fields=(
        Field("id", ID, "Unique across sections and subsections.", required=True),
        Field("title", TEXT, "The subsection's title, without its number.", required=True),
        Field("paragraphs", PARAGRAPHS, _PARAGRAPHS),
        Field("extracted_points", TEXTS, _EXTRACTED_POINTS),
    ),
)

SECTION = Kind(
    name="section",
    record=Section,
    help="A numbered section, as in the report's table of contents.",
    fields=(
        Field("id", ID, "Unique across sections and subsections.", required=True),
        Field("title", TEXT, "The section's title, without its number.", required=True),
        Field(
            "role",
            ENUM,
            "The part this section plays (at most one of each).",
            choices=("summary", "conclusion"),
        ),
        Field("paragraphs", PARAGRAPHS, _PARAGRAPHS),
        Field("subsections", RECORDS, "The section's numbered parts.", kind=SUBSECTION),
        Field("key_points", TEXTS, "Key points, written by the brief's editor."),
        Field("extracted_points", TEXTS, _EXTRACTED_POINTS),
    ),
)

TERM = Kind(
    name="term",
    record=GlossaryEntry,
    help="A glossary term with its category and definition.",
    fields=(
        Field("term", TEXT, "The term as the report writes it.", required=True),
        Field("category", TEXT, "Such as Concept, Event, Document.", required=True),
        Field("definition", TEXT, "The report's definition.", required=True),
        Field("aliases", TEXTS, "Other names that count as uses of the term."),
        Field(
            "origin",
            ENUM,
            "report: the report's glossary; editor: written by the brief's editor; extracted: "
            "found in the text by brief, the definition being the report's sentence.",
            choices=ORIGINS,
            omit_default=True,
        ),
    ),
)

EVENT = Kind(
    name="event",
    record=TimelineEvent,
    help="A dated event and the sections it comes from.",
    fields=(
        Field("date", EVENT_DATE, "A date as for the brief, or a range FROM/TO.", required=True),
        Field("event", TEXT, "What happened.", required=True),
        Field("sections", IDS, "Ids of the sections the event comes from.", required=True),
        Field(
            "origin",
            ENUM,
            "report: the report's own sentence; editor: written by the brief's editor.",
            choices=EVENT_ORIGINS,
        ),
    ),
)

SOURCE = Kind(
    name="source",
    record=Source,
    help="A document the report cites.",
    fields=(
        Field("title", TEXT, "The cited document's title.", required=True),
        Field("url", TEXT, "Where to find it."),
    ),
)

METADATA = Kind(
    name="metadata",
    record=Metadata,
    help="What the report is and where it comes from (written at the top level).",
    fields=(
        Field("id", ID, "The brief's identifier: one word.", required=True),
        Field("title", TEXT, "The report's title.", required=True),
        Field("kind", TEXT, "What the report is, such as 'General Report'."),
        Field("date", DATE, "The report's date."),
        Field("publisher", TEXT, "Who published the report."),
        Field("source", TEXT, "Where the text comes from."),
    ),
)

BRIEF = Kind(
    name="brief",
    record=Brief,
    help="A structured report read by `brief`.",
    fields=(
        Field(
            "schema_version",
            VERSION,
            f"Version of the brief format; {SCHEMA_VERSION} is the only version so far.",
        ),
        Field("meta", INLINE, "What the report is.", required=True, kind=METADATA),
        Field(
            "sections",
            RECORDS,
            "The report's sections, in its order.",
            required=True,
            kind=SECTION,
            min_items=1,
        ),
        Field("glossary", RECORDS, "Terms with their category and definition.", kind=TERM),
        Field("timeline", RECORDS, "Dated events and the sections they come from.", kind=EVENT),
        Field("sources", RECORDS, "Documents the report cites.", kind=SOURCE),
        Field(
            "notes",
            TEXTS,
            "Notes on the whole brief, written by the brief's editor. `brief search` finds "
            "them; `brief show` gives one under each section it names ('Section 5-2 …').",
        ),
    ),
)

#: Every kind, the brief first, each after the kinds that hold it.
KINDS = (BRIEF, METADATA, SECTION, SUBSECTION, TERM, EVENT, SOURCE)


def absent_value(kind: Kind, field: Field) -> Any:
    """The model value of a field left out of a file: the record's default, else empty."""
    defaults = kind.record._field_defaults
    if field.key in defaults:
        return defaults[field.key]
    return (
        ()
        if field.type in (TEXTS, PARAGRAPHS, IDS, RECORDS)
        else None
        if field.type == EVENT_DATE
        else ""
    )


# -- the JSON Schema ----------------------------------------------------------------------------

#: JSON Schema dialect of :func:`brief_schema`.
DIALECT = "https://json-schema.org/draft/2020-12/schema"

# The loader reads every scalar as text, while an editor's YAML support reads `id: 1` as a
# number and `2014` as a year number: the schema accepts those wherever the loader does.
_POINT = r"\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|\d{4}-Q[1-4]|\d{4}|\d{3}0s"
_YEAR_NUMBER = {"type": "integer", "minimum": 1000, "maximum": 9999}
#: The type of each item of a list.
_ITEM_TYPES = {TEXTS: TEXT, IDS: ID, PARAGRAPHS: "paragraph"}
#: A table cell: any text, empty included (a table may leave a cell blank).
_CELL = {"type": ["string", "number", "boolean"], "maxLength": MAX_TEXT_CHARS}


def brief_schema() -> dict[str, Any]:
    """The JSON Schema of a brief file as data: one object per kind, unknown keys rejected."""
    from briefcli.yamlio import MAX_ITEMS

    defs: dict[str, Any] = {
        "text": {
            "type": ["string", "number", "boolean"],
            "minLength": 1,
            "maxLength": MAX_TEXT_CHARS,
            "pattern": r"\S",
            "description": "Text, kept exactly as written.",
        },
        "id": {"type": ["string", "integer"], "minLength": 1, "pattern": r"^\S+$"},
        "code": {
            "type": "object",
            "description": "A code block, kept verbatim, with the language it is written in.",
            "required": ["code"],
            "additionalProperties": False,
            "properties": {
                "code": {"$ref": "#/$defs/text"},
                "language": {"type": "string", "pattern": r"^\S*$"},
            },
        },
        "table": {
            "type": "object",
            "description": "A table: a header row and rows of cells, each cell text.",
            "required": ["table"],
            "additionalProperties": False,
            "properties": {
                "table": {
                    "type": "object",
                    "required": ["header"],
                    "additionalProperties": False,
                    "properties": {
                        "header": {"type": "array", "minItems": 1, "items": _CELL},
                        "rows": {"type": "array", "items": {"type": "array", "items": _CELL}},
                    },
                }
            },
        },
        "paragraph": {
            "oneOf": [
                {"$ref": "#/$defs/text"},
                {"$ref": "#/$defs/code"},
                {"$ref": "#/$defs/table"},
            ],
            "description": "A paragraph of text, a code block or a table.",
        },
        "date": {
            "anyOf": [{"type": "string", "pattern": f"^(?:{_POINT})$"}, _YEAR_NUMBER],
            "description": "YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY or YYY0s.",
        },
        "event_date": {
            "anyOf": [
                {"type": "string", "pattern": f"^(?:{_POINT})(?:/(?:{_POINT}))?$"},
                _YEAR_NUMBER,
            ],
            "description": "A date as for the brief, or a range FROM/TO.",
        },
    }

    def prop(kind: Kind, field: Field) -> dict[str, Any]:
        refs = {TEXT: "text", ID: "id", DATE: "date", EVENT_DATE: "event_date"}
        if field.type in refs:
            out: dict[str, Any] = {"$ref": f"#/$defs/{refs[field.type]}"}
        elif field.type in (TEXTS, PARAGRAPHS, IDS, RECORDS):
            item = field.kind.name if field.kind is not None else _ITEM_TYPES[field.type]
            item = refs.get(item, item)
            out = {"type": "array", "items": {"$ref": f"#/$defs/{item}"}}
            if field.min_items:
                out["minItems"] = field.min_items
            out["maxItems"] = MAX_ITEMS
        elif field.type == ENUM:
            out = {"enum": list(field.choices)}
            default = kind.record._field_defaults.get(field.key)
            if default in field.choices:
                out["default"] = default
        else:  # VERSION; the editor reads `1` as a number
            out = {"enum": [SCHEMA_VERSION, str(SCHEMA_VERSION)]}
        out["description"] = field.help
        return out

    def members(kind: Kind) -> tuple[list[str], dict[str, Any]]:
        required: list[str] = []
        properties: dict[str, Any] = {}
        for field in kind.fields:
            if field.type == INLINE:
                assert field.kind is not None
                inner_required, inner = members(field.kind)
                required += inner_required
                properties.update(inner)
                continue
            if field.required:
                required.append(field.key)
            properties[field.key] = prop(kind, field)
        return required, properties

    def shape(kind: Kind) -> dict[str, Any]:
        required, properties = members(kind)
        return {
            "type": "object",
            "description": kind.help,
            "required": required,
            "additionalProperties": False,
            "properties": properties,
        }

    for kind in KINDS[2:]:
        defs[kind.name] = shape(kind)
    return {
        "$schema": DIALECT,
        "title": f"brief file (schema_version {SCHEMA_VERSION})",
        **shape(BRIEF),
        "description": "A structured report read by `brief`; see docs/brief-format.md.",
        "$defs": defs,
    }


def schema_json() -> str:
    """The schema as pretty JSON with a trailing newline (docs/brief.schema.json holds it)."""
    import json

    return json.dumps(brief_schema(), indent=2, ensure_ascii=False) + "\n"


# -- the table in docs/brief-format.md -----------------------------------------------------------

#: The lines around the generated table in docs/brief-format.md.
TABLE_START = "<!-- fields:start (generated by tools/format_docs.py from briefformat.py) -->"
TABLE_END = "<!-- fields:end -->"


def _type_words(field: Field) -> str:
    if field.type == ENUM:
        return " or ".join(f"`{choice}`" for choice in field.choices)
    if field.type == RECORDS:
        assert field.kind is not None
        return f"list of {field.kind.name}s"
    if field.type == VERSION:
        return f"`{SCHEMA_VERSION}`"
    words = {
        TEXT: "text",
        TEXTS: "list of text",
        PARAGRAPHS: "list of text, code or table",
        ID: "one word",
        IDS: "list of section ids",
        DATE: "date",
        EVENT_DATE: "date or range",
    }
    return words[field.type]


def _need_words(kind: Kind, field: Field) -> str:
    if field.required:
        return f"yes, at least {field.min_items}" if field.min_items else "yes"
    default = kind.record._field_defaults.get(field.key)
    return f"no (default `{default}`)" if isinstance(default, str) and default else "no"


def _rows(kind: Kind, prefix: str) -> list[str]:
    rows: list[str] = []
    for field in kind.fields:
        if field.type == INLINE:
            assert field.kind is not None
            rows += _rows(field.kind, prefix)
            continue
        path = f"{prefix}{field.key}" + ("[]" if field.type == RECORDS else "")
        rows.append(
            f"| `{path}` | {_type_words(field)} | {_need_words(kind, field)} | {field.help} |"
        )
        if field.type == RECORDS:
            assert field.kind is not None
            rows += _rows(field.kind, f"{path}.")
    return rows


def markdown_table() -> str:
    """Every key of the format as a Markdown table, by key path, the way errors name them."""
    head = ["| key | type | required | meaning |", "|---|---|---|---|"]
    return "\n".join([*head, *_rows(BRIEF, "")]) + "\n"


def with_markdown_table(document: str) -> str:
    """``document`` with the text between :data:`TABLE_START` and :data:`TABLE_END` rewritten."""
    before, start, rest = document.partition(TABLE_START)
    _, end, after = rest.partition(TABLE_END)
    if not start or not end:
        raise ValueError(f"the document lacks the lines {TABLE_START!r} and {TABLE_END!r}")
    return f"{before}{TABLE_START}\n{markdown_table()}{TABLE_END}{after}"
