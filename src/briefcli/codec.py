"""A brief as plain data in the shape of the brief file format, and back (YAML, JSON, caches).

Both directions are derived from the field table (:mod:`briefcli.briefformat`): for each kind,
a list of small per-field functions, built once on first use. Reading back
(:func:`brief_from_data`) trusts its input, which the loader has validated; it runs on every
cache hit, so each field's function does as little as its type needs.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from typing import Any, TypeAlias

from briefcli.briefformat import (
    BRIEF,
    EVENT,
    EVENT_DATE,
    IDS,
    INLINE,
    PARAGRAPHS,
    RECORDS,
    SECTION,
    TERM,
    TEXTS,
    VERSION,
    Field,
    Kind,
    absent_value,
)
from briefcli.model import (
    SCHEMA_VERSION,
    Brief,
    CodeBlock,
    GlossaryEntry,
    Section,
    TableBlock,
    TimelineEvent,
    parse_event_date,
)

#: Any record of the model: a named tuple.
Record: TypeAlias = tuple[Any, ...]

_Encoder = Callable[[Any], dict[str, Any]]
_Decoder = Callable[[dict[str, Any]], Any]

_encoders: dict[str, _Encoder] = {}
_decoders: dict[str, _Decoder] = {}


def brief_to_data(brief: Brief) -> dict[str, Any]:
    """The brief as nested dicts and lists; keys in the documented order, empty parts left out."""
    return _encoder(BRIEF)(brief)


def section_to_data(section: Section) -> dict[str, Any]:
    """One section in file-format shape."""
    return _encoder(SECTION)(section)


def term_to_data(entry: GlossaryEntry) -> dict[str, Any]:
    """One glossary entry in file-format shape."""
    return _encoder(TERM)(entry)


def event_to_data(event: TimelineEvent) -> dict[str, Any]:
    """One timeline event in file-format shape."""
    return _encoder(EVENT)(event)


def brief_from_data(data: dict[str, Any]) -> Brief:
    """Rebuild a brief from :func:`brief_to_data` output, trusting it (no validation)."""
    brief: Brief = _decoder(BRIEF)(data)
    return brief


# -- to plain data ------------------------------------------------------------------------------


def _encoder(kind: Kind) -> _Encoder:
    """The function turning a record of ``kind`` into a dict, built on first use."""
    encoder = _encoders.get(kind.name)
    if encoder is None:
        writers = [_writer(kind, field) for field in kind.fields]

        def encoder(record: Record) -> dict[str, Any]:
            data: dict[str, Any] = {}
            for write in writers:
                write(record, data)
            return data

        _encoders[kind.name] = encoder
    return encoder


def _writer(kind: Kind, field: Field) -> Callable[[Record, dict[str, Any]], None]:
    """How one field goes into the dict: required ones always, others when not empty."""
    key = field.key
    if field.type == VERSION:

        def write_version(record: Record, data: dict[str, Any]) -> None:
            data[key] = SCHEMA_VERSION

        return write_version
    get = itemgetter(kind.record._fields.index(key))
    if field.type == INLINE:
        assert field.kind is not None
        inline = _encoder(field.kind)

        def write_inline(record: Record, data: dict[str, Any]) -> None:
            data.update(inline(get(record)))

        return write_inline
    convert: Callable[[Any], Any] | None = None
    if field.type in (TEXTS, IDS):
        convert = list
    elif field.type == PARAGRAPHS:
        convert = lambda items: [paragraph_to_data(one) for one in items]  # noqa: E731
    elif field.type == EVENT_DATE:
        convert = _date_text
    elif field.type == RECORDS:
        assert field.kind is not None
        item = _encoder(field.kind)
        convert = lambda items: [item(one) for one in items]  # noqa: E731
    required = field.required
    if field.omit_default:
        default = absent_value(kind, field)

        def write_unless_default(record: Record, data: dict[str, Any]) -> None:
            value = get(record)
            if value and value != default:
                data[key] = value

        return write_unless_default

    def write(record: Record, data: dict[str, Any]) -> None:
        value = get(record)
        if required or value:
            data[key] = value if convert is None else convert(value)

    return write


def paragraph_to_data(paragraph: str) -> Any:
    """A paragraph in file-format shape: its text, or a code block's or a table's mapping."""
    if isinstance(paragraph, CodeBlock):
        data = {"code": str(paragraph)}
        if paragraph.language:
            data["language"] = paragraph.language
        return data
    if isinstance(paragraph, TableBlock):
        table: dict[str, Any] = {"header": list(paragraph.header)}
        if paragraph.rows:
            table["rows"] = [list(row) for row in paragraph.rows]
        return {"table": table}
    return paragraph


def paragraph_from_data(data: Any) -> str:
    """A paragraph from :func:`paragraph_to_data` output: a text, code block or table."""
    if type(data) is str:
        return data
    if "code" in data:
        return CodeBlock(data["code"], data.get("language", ""))
    table = data["table"]
    return TableBlock(tuple(table["header"]), tuple(map(tuple, table.get("rows", ()))))


def _paragraphs_from_data(items: list[Any]) -> tuple[str, ...]:
    # Most briefs are prose only: one check of the types, then the list as it is.
    if all(type(item) is str for item in items):
        return tuple(items)
    return tuple(map(paragraph_from_data, items))


def _date_text(date: Any) -> str:
    text: str = date.text
    return text


# -- back from plain data -----------------------------------------------------------------------


def _decoder(kind: Kind) -> _Decoder:
    """The function rebuilding a record of ``kind`` from a dict, built on first use."""
    decoder = _decoders.get(kind.name)
    if decoder is None:
        readers = [_reader(kind, kind.field(name)) for name in kind.record._fields]
        make, cls = tuple.__new__, kind.record

        def decoder(data: dict[str, Any]) -> Any:
            # Every field read in the record's order: the record's own checks are not needed.
            return make(cls, [read(data) for read in readers])

        _decoders[kind.name] = decoder
    return decoder


def _reader(kind: Kind, field: Field) -> _Decoder:
    """How one field's model value comes out of the dict; a missing optional key is its default."""
    key, kind_type = field.key, field.type
    if kind_type == INLINE:
        assert field.kind is not None
        return _decoder(field.kind)
    if kind_type == RECORDS:
        assert field.kind is not None
        item = _decoder(field.kind)
        if field.required:
            return lambda data: tuple(map(item, data[key]))
        return lambda data: tuple(map(item, data.get(key, ())))
    if kind_type == PARAGRAPHS:
        if field.required:
            return lambda data: _paragraphs_from_data(data[key])
        return lambda data: _paragraphs_from_data(data.get(key, ()))
    if kind_type in (TEXTS, IDS):
        if field.required:
            return lambda data: tuple(data[key])
        return lambda data: tuple(data.get(key, ()))
    if kind_type == EVENT_DATE:
        if field.required:
            return lambda data: parse_event_date(data[key])
        absent = absent_value(kind, field)
        return lambda data: parse_event_date(data[key]) if key in data else absent
    if field.required:
        return itemgetter(key)
    absent = absent_value(kind, field)
    return lambda data: data.get(key, absent)
