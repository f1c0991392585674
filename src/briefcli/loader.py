"""Brief file → validated model. Strict, safe YAML; every problem names file, line and key path."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any, ClassVar, NamedTuple

from briefcli.briefformat import (
    BRIEF,
    DATE,
    ENUM,
    EVENT_DATE,
    ID,
    IDS,
    INLINE,
    MAX_TEXT_CHARS,
    PARAGRAPHS,
    RECORDS,
    SECTION,
    TEXT,
    TEXTS,
    VERSION,
    Field,
    Kind,
    absent_value,
)
from briefcli.errors import BriefFileError
from briefcli.files import read_brief_text
from briefcli.model import (
    SCHEMA_VERSION,
    Brief,
    CodeBlock,
    GlossaryEntry,
    Section,
    Subsection,
    TableBlock,
    parse_date_point,
    parse_event_date,
)
from briefcli.sanitize import has_unsafe, sanitize_line, shorten
from briefcli.yamlio import MappingNode, ScalarNode, SequenceNode, compose, compose_records

if TYPE_CHECKING:
    from briefcli.yamlio import Node

_SURROGATE = re.compile("[\ud800-\udfff]")


class Problem(NamedTuple):
    """One thing wrong (or suspicious) in a brief file, with where it is."""

    severity: str  # "error" or "warning"
    path: str
    line: int
    column: int
    message: str

    def render(self) -> str:
        """Compiler form: ``file:line:col: error: message``."""
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"


class InvalidBrief(BriefFileError):
    """A brief file with one or more problems; the first error is the message."""

    def __init__(self, problems: list[Problem]) -> None:
        first = next(p for p in problems if p.severity == "error")
        super().__init__(first.path, first.message, first.line, first.column)
        self.problems = problems


class _Abort(Exception):
    """Stop checking: the rest of the file cannot be read meaningfully."""


def load_brief(path: str | os.PathLike[str]) -> Brief:
    """Load and validate the brief at ``path``; raise :class:`BriefFileError` on any problem."""
    name = sanitize_line(os.fspath(path))
    return parse_brief(read_brief_text(path), name)


def parse_brief(text: str, name: str = "<brief>") -> Brief:
    """Validate brief YAML text; raise :class:`InvalidBrief` naming the first error."""
    brief, problems = check_brief(text, name)
    if brief is None:
        raise InvalidBrief(problems)
    return brief


def check_brief(text: str, name: str = "<brief>") -> tuple[Brief | None, list[Problem]]:
    """Check brief YAML text: the brief (None when any error) and every problem found.

    Text that cannot be read as one plain YAML document (a syntax error, several documents,
    anchors, aliases, tags, nesting deeper than :data:`MAX_DEPTH`, more than
    :data:`MAX_NODES` values) raises :class:`BriefFileError` with a line instead.
    """
    name = sanitize_line(name)
    checker = _Checker(name)
    try:
        root = compose(text, name)
        brief = checker.brief(root)
    except _Abort:
        brief = None
    except (RecursionError, MemoryError) as exc:
        # Bounded depth and size make these unreachable; if one happens, it is still one line.
        raise BriefFileError(name, f"too complex to read ({type(exc).__name__})", 1, 1) from None
    problems = sorted(checker.problems, key=lambda p: (p.line, p.column))
    if any(p.severity == "error" for p in problems):
        brief = None
    return brief, problems


def check_stream(stream: IO[bytes], name: str = "<brief>") -> Brief | None:
    """The brief in ``stream`` (a brief file's bytes) when it has no error; None when it may.

    :func:`check_brief`'s checks, made while the file is read a chunk at a time: each record (a
    section, a term, an event) is checked as soon as it is read, and its nodes go. So checking
    takes the memory of the brief, not of its text and whole node tree as well (issue 12:
    ``brief import`` reads back every brief it writes). Problems are not worded here: on None,
    :func:`check_brief` of the text says what they are (a fresh brief rarely has any).
    """
    name = sanitize_line(name)
    checker = _Checker(name)
    try:
        root = compose_records(stream, name, checker.record_read)
        brief = checker.brief(root) if root is not None else None
    except (_Abort, BriefFileError, RecursionError, MemoryError):
        return None
    return None if any(p.severity == "error" for p in checker.problems) else brief


class _Checked(MappingNode):
    """A record checked as it was read (:func:`check_stream`): its model, and no nodes."""

    __slots__ = ("record",)

    def __init__(self, record: Any, node: MappingNode) -> None:
        super().__init__([], node.line, node.column)
        self.record = record


def _did_you_mean(word: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


class _Checker:
    """Walks the node tree once, building the model and collecting problems.

    The walk follows the field table (:mod:`briefcli.briefformat`): which keys a mapping may
    hold, which it must, and how each value is read. What a table cannot say (ids unique across
    sections, one section per role, timeline references, repeated terms) is checked by the
    functions in :attr:`FIELD_CHECKS` and :attr:`RECORD_CHECKS`.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        # Line of the first use of each section id and (casefolded) glossary name; roles seen.
        self.ids: dict[str, int] = {}
        self.terms: dict[str, int] = {}
        self.roles: set[str] = set()

    # -- reporting -------------------------------------------------------------------------

    def _report(self, severity: str, node: Node | None, key_path: str, message: str) -> None:
        line = node.line + 1 if node is not None else 1
        column = node.column + 1 if node is not None else 1
        where = f"{key_path}: " if key_path else ""
        # Messages quote the file's own text: keep them one safe line, whoever prints them.
        self.problems.append(
            Problem(severity, self.name, line, column, sanitize_line(where + message))
        )

    def error(self, node: Node | None, key_path: str, message: str) -> None:
        """Record an error at ``node``."""
        self._report("error", node, key_path, message)

    def warning(self, node: Node | None, key_path: str, message: str) -> None:
        """Record a warning at ``node``."""
        self._report("warning", node, key_path, message)

    def missing(self, fields: dict[str, Any], key: str, where: str, required: bool = True) -> None:
        """Record a missing required key, unless a misspelling of it was already reported."""
        if required and key not in fields["__suggested__"]:
            self.error(fields["__node__"], where, "missing (required)")

    # -- structural checks -------------------------------------------------------------------

    def mapping(self, node: Node, key_path: str, allowed: tuple[str, ...]) -> dict[str, Any]:
        """The keys of a mapping node, checked for type, duplicates and unknown keys."""
        if not isinstance(node, MappingNode):
            self.error(node, key_path, f"expected a mapping of keys, found {_kind(node)}")
            raise _Abort
        out: dict[str, Any] = {}
        suggested: set[str] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.error(key_node, key_path, "keys must be plain words")
                continue
            key = key_node.value
            shown = shorten(key, 40)
            where = f"{key_path}.{shown}" if key_path else shown
            if key in out:
                first = out[key].line + 1
                self.error(key_node, where, f"duplicate key (first given on line {first})")
                continue
            if key not in allowed:
                self.error(key_node, where, "unknown key" + _did_you_mean(key[:100], allowed))
                close = difflib.get_close_matches(key[:100], allowed, n=1, cutoff=0.6)
                if close:
                    # A misspelt required key is reported once, as the misspelling.
                    suggested.add(close[0])
                continue
            out[key] = value_node
        out["__node__"] = node
        out["__suggested__"] = suggested
        return out

    def sequence(self, node: Node, key_path: str) -> list[Node]:
        """The items of a sequence node."""
        if not isinstance(node, SequenceNode):
            self.error(node, key_path, f"expected a list, found {_kind(node)}")
            return []
        return list(node.value)

    def text(self, fields: dict[str, Any], key: str, key_path: str, required: bool = True) -> str:
        """A text value: a scalar kept exactly as written, never a number, bool or date."""
        where = _join(key_path, key)
        node = fields.get(key)
        if node is None:
            self.missing(fields, key, where, required)
            return ""
        if not isinstance(node, ScalarNode):
            self.error(node, where, f"expected text, found {_kind(node)}")
            return ""
        value: str = node.value
        if len(value) > MAX_TEXT_CHARS:
            self.error(node, where, f"is {len(value):,} characters; at most {MAX_TEXT_CHARS:,}")
            return ""
        if surrogate := _lone_surrogate(value):
            self.error(node, where, surrogate)
            return ""
        if required and not value.strip():
            self.error(node, where, "is empty")
        self._unsafe(node, where, value)
        return value

    def _unsafe(self, node: Node, where: str, value: str) -> None:
        if has_unsafe(value):
            self.warning(
                node, where, "holds control, bidi or invisible characters (shown as escapes)"
            )

    def texts(self, fields: dict[str, Any], key: str, key_path: str) -> tuple[str, ...]:
        """A list of text values (may be absent)."""
        node = fields.get(key)
        where = _join(key_path, key)
        if node is None:
            return ()
        out = []
        for index, item in enumerate(self.sequence(node, where)):
            value = self.text_item(item, f"{where}[{index}]")
            if value is not None:
                out.append(value)
        return tuple(out)

    def text_item(self, item: Node, item_path: str) -> str | None:
        """One item of a list of texts; None (with the error) when it is not one."""
        if not isinstance(item, ScalarNode):
            self.error(item, item_path, f"expected text, found {_kind(item)}")
        elif len(item.value) > MAX_TEXT_CHARS:
            self.error(item, item_path, f"longer than {MAX_TEXT_CHARS:,} characters")
        elif surrogate := _lone_surrogate(item.value):
            self.error(item, item_path, surrogate)
        elif not item.value.strip():
            self.error(item, item_path, "is empty")
        else:
            self._unsafe(item, item_path, item.value)
            value: str = item.value
            return value
        return None

    def paragraphs(self, fields: dict[str, Any], key: str, key_path: str) -> tuple[str, ...]:
        """A list of paragraphs: texts, code blocks and tables (may be absent)."""
        node = fields.get(key)
        where = _join(key_path, key)
        if node is None:
            return ()
        out: list[str] = []
        for index, item in enumerate(self.sequence(node, where)):
            item_path = f"{where}[{index}]"
            if isinstance(item, MappingNode):
                block = self.block(item, item_path)
                if block is not None:
                    out.append(block)
            elif (value := self.text_item(item, item_path)) is not None:
                out.append(value)
        return tuple(out)

    def block(self, node: MappingNode, where: str) -> str | None:
        """A code block or a table from its mapping; None (with the error) when malformed."""
        keys = [k.value for k, _ in node.value if isinstance(k, ScalarNode)]
        if "table" not in keys and "code" not in keys:
            self.error(
                node,
                where,
                "expected text, found a mapping (a block is {code: TEXT} or {table: {header: …}})",
            )
            return None
        if "table" in keys:
            fields = self.mapping(node, where, ("table",))
            table = self.mapping(fields["table"], f"{where}.table", ("header", "rows"))
            header = self.cells(table, "header", f"{where}.table")
            if "header" not in table:
                self.missing(table, "header", f"{where}.table.header")
            elif not header:
                self.error(table["header"], f"{where}.table.header", "needs at least one cell")
            rows: list[tuple[str, ...]] = []
            rows_node = table.get("rows")
            rows_path = f"{where}.table.rows"
            for index, row in enumerate(self.sequence(rows_node, rows_path) if rows_node else []):
                cells = self.cells({"row": row}, "row", rows_path, f"{rows_path}[{index}]")
                if header and len(cells) != len(header):
                    self.error(
                        row,
                        f"{rows_path}[{index}]",
                        f"has {len(cells)} cells; the header has {len(header)}",
                    )
                rows.append(cells)
            return TableBlock(header, tuple(rows)) if header else None
        fields = self.mapping(node, where, ("code", "language"))
        code = self.text(fields, "code", where)
        language = self.text(fields, "language", where, required=False)
        if language and any(ch.isspace() for ch in language):
            self.error(fields["language"], f"{where}.language", "must be one word, such as bash")
        return CodeBlock(code, language) if code.strip() else None

    def cells(
        self, fields: dict[str, Any], key: str, key_path: str, where: str = ""
    ) -> tuple[str, ...]:
        """A row of table cells: texts, each of which may be empty."""
        node = fields.get(key)
        where = where or _join(key_path, key)
        if node is None:
            return ()
        out: list[str] = []
        for index, item in enumerate(self.sequence(node, where)):
            item_path = f"{where}[{index}]"
            if not isinstance(item, ScalarNode):
                self.error(item, item_path, f"expected text, found {_kind(item)}")
                out.append("")  # still a cell: the row's length is not wrong as well
                continue
            value: str = item.value
            if len(value) > MAX_TEXT_CHARS:
                self.error(item, item_path, f"longer than {MAX_TEXT_CHARS:,} characters")
            elif surrogate := _lone_surrogate(value):
                self.error(item, item_path, surrogate)
            else:
                self._unsafe(item, item_path, value)
            out.append(value)
        return tuple(out)

    # -- records, derived from the field table ---------------------------------------------

    def record_read(self, key: str, index: int, node: MappingNode) -> MappingNode:
        """Check a record of the top-level list ``key`` as soon as it is read (see
        :func:`check_stream`): what takes its node's place."""
        field = _TOP_RECORDS.get(key)
        if field is None or field.kind is None:
            return node  # not a list of records: checked with the rest
        return _Checked(self.record(field.kind, node, f"{key}[{index}]"), node)

    def brief(self, root: Node) -> Brief | None:
        """Build the brief from the root node, recording every problem on the way."""
        brief: Brief = self.record(BRIEF, root, "")
        return brief

    def record(self, kind: Kind, node: Node, where: str) -> Any:
        """One record of ``kind`` from a mapping node: its fields in file order, then its checks."""
        fields = self.mapping(node, where, kind.allowed_keys())
        record = self.values(kind, fields, where)
        after = self.RECORD_CHECKS.get(kind.name)
        if after is not None:
            after(self, record, fields, where)
        return record

    def values(self, kind: Kind, fields: dict[str, Any], where: str) -> Any:
        """The record of ``kind`` whose keys are ``fields`` (an inline kind shares its parent's)."""
        values: dict[str, Any] = {}
        for field in kind.fields:
            value = self.READERS[field.type](self, kind, field, fields, where)
            if field.type == VERSION:
                continue
            values[field.key] = value
            after = self.FIELD_CHECKS.get((kind.name, field.key))
            if after is not None:
                after(self, value, fields, where)
        return kind.record(*(values[name] for name in kind.record._fields))

    def _text(self, kind: Kind, field: Field, fields: dict[str, Any], where: str) -> Any:
        return self.text(fields, field.key, where, field.required) or absent_value(kind, field)

    def _texts(self, kind: Kind, field: Field, fields: dict[str, Any], where: str) -> Any:
        values = self.texts(fields, field.key, where)
        if field.key not in fields:
            self.missing(fields, field.key, _join(where, field.key), field.required)
        return values

    def _paragraphs(self, kind: Kind, field: Field, fields: dict[str, Any], where: str) -> Any:
        values = self.paragraphs(fields, field.key, where)
        if field.key not in fields:
            self.missing(fields, field.key, _join(where, field.key), field.required)
        return values

    def _id(self, kind: Kind, field: Field, fields: dict[str, Any], key_path: str) -> str:
        # Ids name files, anchors and command arguments: one plain word, nothing that could
        # climb out of a folder or hide in a terminal.
        key = field.key
        value = self.text(fields, key, key_path, field.required)
        if value and (
            any(ch.isspace() or ch in "/\\" for ch in value)
            or value in (".", "..")
            or has_unsafe(value)
        ):
            self.error(
                fields[key],
                _join(key_path, key),
                f"{_quote(value)} must be one word: no spaces, slashes or control characters",
            )
        return value

    def _date(self, kind: Kind, field: Field, fields: dict[str, Any], where: str) -> Any:
        value = self.text(fields, field.key, where, field.required)
        if value:
            try:
                parse_date_point(_short_date(value))
            except ValueError as exc:
                self.error(fields[field.key], _join(where, field.key), str(exc))
        return value or absent_value(kind, field)

    def _event_date(self, kind: Kind, field: Field, fields: dict[str, Any], where: str) -> Any:
        value = self.text(fields, field.key, where, field.required)
        if not value:
            return absent_value(kind, field)
        try:
            return parse_event_date(_short_date(value))
        except ValueError as exc:
            self.error(fields[field.key], _join(where, field.key), str(exc))
            return absent_value(kind, field)

    def _choice(self, kind: Kind, field: Field, fields: dict[str, Any], where: str) -> Any:
        value = self.text(fields, field.key, where, field.required)
        if value and value not in field.choices:
            self.error(
                fields[field.key], _join(where, field.key), f"must be one of {field.choices}"
            )
        return value or absent_value(kind, field)

    def _version(self, kind: Kind, field: Field, fields: dict[str, Any], where: str) -> None:
        value = self.text(fields, field.key, where, field.required)
        if value and value != str(SCHEMA_VERSION):
            where = _join(where, field.key)
            self.error(fields[field.key], where, f"{_quote(value)} is not supported")

    def _records(self, kind: Kind, field: Field, fields: dict[str, Any], where: str) -> Any:
        assert field.kind is not None
        key_path = _join(where, field.key)
        node = fields.get(field.key)
        if node is None:
            self.missing(fields, field.key, key_path, field.required)
            return absent_value(kind, field)
        records = tuple(
            item.record
            if isinstance(item, _Checked)
            else self.record(field.kind, item, f"{key_path}[{index}]")
            for index, item in enumerate(self.sequence(node, key_path))
        )
        if len(records) < field.min_items:
            count = "one" if field.min_items == 1 else f"{field.min_items:,}"
            self.error(node, key_path, f"a {kind.name} needs at least {count} {field.kind.name}")
        return records

    def _inline(self, kind: Kind, field: Field, fields: dict[str, Any], where: str) -> Any:
        assert field.kind is not None
        return self.values(field.kind, fields, where)

    READERS: ClassVar[dict[str, Callable[..., Any]]] = {
        TEXT: _text,
        TEXTS: _texts,
        PARAGRAPHS: _paragraphs,
        ID: _id,
        IDS: _texts,
        DATE: _date,
        EVENT_DATE: _event_date,
        ENUM: _choice,
        RECORDS: _records,
        INLINE: _inline,
        VERSION: _version,
    }

    # -- what the table cannot say: ids unique, one role each, references, duplicates -------

    def _unique(self, value: str, fields: dict[str, Any], where: str) -> None:
        if not value:
            return
        if value in self.ids:
            self.error(
                fields["id"],
                f"{where}.id",
                f"duplicate id {_quote(value)} (first on line {self.ids[value]})",
            )
        else:
            self.ids[value] = fields["id"].line + 1

    def _one_role_each(self, role: str | None, fields: dict[str, Any], where: str) -> None:
        if role is None or role not in SECTION.field("role").choices:
            return
        if role in self.roles:
            self.error(fields["role"], f"{where}.role", f"a second {role!r} section")
        self.roles.add(role)

    def _section_text(self, section: Section, fields: dict[str, Any], where: str) -> None:
        if not section.all_paragraphs():
            self.warning(fields["__node__"], where, "section has no text")
        self._quoted_points(section.all_paragraphs(), fields, where)

    def _subsection_points(self, sub: Subsection, fields: dict[str, Any], where: str) -> None:
        self._quoted_points(sub.paragraphs, fields, where)

    def _quoted_points(
        self, paragraphs: tuple[str, ...], fields: dict[str, Any], where: str
    ) -> None:
        # Extracted points are shown as the report's own words: a point that is not in the
        # text (edited, or left behind when the text changed) would put words in its mouth.
        node = fields.get("extracted_points")
        if not isinstance(node, SequenceNode):
            return  # absent, or already reported as the wrong type
        for index, item in enumerate(node.value):
            point = item.value if isinstance(item, ScalarNode) else ""
            if point.strip() and not any(point in p for p in paragraphs):
                self.error(
                    item,
                    f"{where}.extracted_points[{index}]",
                    "is not in the text word for word: extracted points quote the report",
                )

    def _term_once(self, entry: GlossaryEntry, fields: dict[str, Any], where: str) -> None:
        for name in entry.names():
            folded = name.casefold()
            if folded in self.terms:
                self.warning(
                    fields["term"] if name == entry.term else fields["aliases"],
                    f"{where}.term",
                    f"duplicate glossary term {_quote(name)} (first on line {self.terms[folded]})",
                )
            elif "term" in fields:
                self.terms[folded] = fields["term"].line + 1

    def _known_sections(self, refs: tuple[str, ...], fields: dict[str, Any], where: str) -> None:
        for ref in refs:
            if ref not in self.ids:
                self.warning(
                    fields["sections"],
                    f"{where}.sections",
                    f"no section {_quote(ref)} in this brief"
                    + _did_you_mean(ref, tuple(sorted(self.ids))),
                )

    FIELD_CHECKS: ClassVar[dict[tuple[str, str], Callable[..., None]]] = {
        ("section", "id"): _unique,
        ("subsection", "id"): _unique,
        ("section", "role"): _one_role_each,
        ("event", "sections"): _known_sections,
    }
    RECORD_CHECKS: ClassVar[dict[str, Callable[..., None]]] = {
        "section": _section_text,
        "subsection": _subsection_points,
        "term": _term_once,
    }


def _top_records(kind: Kind) -> dict[str, Field]:
    """The lists of records at the top level of ``kind``'s mapping (inline kinds' included)."""
    out: dict[str, Field] = {}
    for field in kind.fields:
        if field.type == RECORDS:
            out[field.key] = field
        elif field.type == INLINE:
            assert field.kind is not None
            out.update(_top_records(field.kind))
    return out


#: The top-level lists whose records :func:`check_stream` checks as they are read.
_TOP_RECORDS = _top_records(BRIEF)


def _join(key_path: str, key: str) -> str:
    """The key path of ``key`` inside ``key_path`` (the top level has none)."""
    return f"{key_path}.{key}" if key_path else key


def _lone_surrogate(value: str) -> str | None:
    """Why ``value`` cannot be text: an escape such as ``\\ud800`` names no character.

    libyaml refuses such escapes and the pure parser takes them; this keeps them out either way.
    """
    match = _SURROGATE.search(value)
    if match is None:
        return None
    return f"holds the escape \\u{ord(match.group()):04x}, which is not a character"


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return f"the text {_quote(str(node.value), 40)}"


def _short_date(value: str) -> str:
    """The value for the date parser, which quotes it in errors: a long one is not a date."""
    if len(value) > 40:
        raise ValueError(f"{_quote(value, 40)} is not a date")
    return value


def _quote(value: str, limit: int = 60) -> str:
    """A value from the file, quoted for a message: one safe line, cut when long."""
    return f"'{shorten(value, limit)}'"
