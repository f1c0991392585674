"""Brief file → validated model. Strict, safe YAML; every problem names file, line and key path."""

from __future__ import annotations

import difflib
import functools
import os
import re
import stat
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn

from briefcli.errors import BriefFileError
from briefcli.model import (
    ORIGINS,
    Brief,
    GlossaryEntry,
    Metadata,
    Section,
    Source,
    Subsection,
    TimelineEvent,
    parse_date_point,
    parse_event_date,
)
from briefcli.paths import default_brief_path as default_brief_path  # re-exported: its old home
from briefcli.sanitize import has_unsafe, sanitize_line, shorten

if TYPE_CHECKING:
    from yaml import Node

#: Largest brief file read, checked before reading (8 MiB: the shipped brief is 36 KB).
MAX_FILE_BYTES = 8 * 1024 * 1024
#: Longest single text value (one paragraph, one definition).
MAX_TEXT_CHARS = 100_000
#: Deepest nesting of mappings and lists in a brief file (the format needs 6).
MAX_DEPTH = 12
#: Most items in any one list (or keys in one mapping).
MAX_ITEMS = 10_000
#: Most values (texts, lists and mappings) in one file: bounds time and memory below the
#: file-size limit (the shipped brief holds about 500).
MAX_NODES = 100_000

_SURROGATE = re.compile("[\ud800-\udfff]")
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

TOP_KEYS = (
    "schema_version", "id", "title", "kind", "date", "publisher", "source",
    "sections", "glossary", "timeline", "sources", "notes",
)  # fmt: skip
SECTION_KEYS = ("id", "title", "role", "paragraphs", "subsections", "key_points")
SUBSECTION_KEYS = ("id", "title", "paragraphs")
TERM_KEYS = ("term", "category", "definition", "aliases")
EVENT_KEYS = ("date", "event", "sections", "origin")
SOURCE_KEYS = ("title", "url")
ROLES = ("summary", "conclusion")


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


def read_brief_text(path: str | os.PathLike[str]) -> str:
    """Read a brief file as text: regular files only, size-bounded, strict UTF-8 with a line.

    The size and the kind of file are checked before a byte is read, and the file is opened
    non-blocking and checked again, so a FIFO or a device swapped in never blocks or is read.
    """
    name = sanitize_line(os.fspath(path))
    try:
        _check_regular(os.stat(path), name)
        descriptor = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise BriefFileError(name, "no such file") from None
    except IsADirectoryError:
        raise BriefFileError(name, "is a directory, not a brief file") from None
    except (OSError, ValueError, UnicodeError) as exc:
        raise BriefFileError(name, f"cannot read: {_os_reason(exc)}") from None
    try:
        with open(descriptor, "rb", closefd=True) as handle:
            _check_regular(os.fstat(handle.fileno()), name)
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise BriefFileError(name, f"cannot read: {_os_reason(exc)}") from None
    except MemoryError:
        raise BriefFileError(name, "too large to read into memory") from None
    if len(data) > MAX_FILE_BYTES:
        raise BriefFileError(name, f"grew past {MAX_FILE_BYTES:,} bytes while being read")
    return decode_text(data, name)


_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def _check_regular(info: os.stat_result, name: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise BriefFileError(name, "is a directory, not a brief file")
    if not stat.S_ISREG(info.st_mode):
        kind = (
            "a FIFO" if stat.S_ISFIFO(info.st_mode)
            else "a socket" if stat.S_ISSOCK(info.st_mode)
            else "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
            else "not a regular file"
        )  # fmt: skip
        raise BriefFileError(name, f"is {kind}, not a brief file (only regular files are read)")
    if info.st_size > MAX_FILE_BYTES:
        raise BriefFileError(
            name, f"is {info.st_size:,} bytes; a brief may be at most {MAX_FILE_BYTES:,} bytes"
        )


def _os_reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return sanitize_line(str(exc)) or type(exc).__name__


def decode_text(data: bytes, name: str) -> str:
    """Decode UTF-8 (a byte order mark is allowed); invalid bytes are an error with a line."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", "replace")) + 1
        hint = ""
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            hint = "; it looks like UTF-16: save it as UTF-8"
        elif b"\x00" in data[:1024]:
            hint = "; it looks like a binary file"
        raise BriefFileError(
            name, f"not valid UTF-8 (byte 0x{data[exc.start]:02x}){hint}", line, column
        ) from None


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
        root = _compose(text, name)
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


def _yaml_loader() -> Any:
    """libyaml's parser when PyYAML has it, else the pure-Python one (same events, same marks)."""
    import yaml

    return getattr(yaml, "CBaseLoader", None) or _pure_loader()


@functools.cache
def _pure_loader() -> Any:
    """PyYAML's pure-Python loader with libyaml's guard: flow nesting is bounded while scanning.

    Both scanners read ahead through every ``[`` or ``{`` that might start a key, so ``[[[[…``
    is tokenised in full before the first event; libyaml stops at 1,000 levels, this at
    :data:`MAX_DEPTH`.
    """
    import yaml

    class BoundedLoader(yaml.BaseLoader):
        def fetch_flow_collection_start(self, TokenClass: Any) -> None:
            if self.flow_level >= MAX_DEPTH:
                raise yaml.scanner.ScannerError(
                    None, None, "exceeded maximum nesting depth", self.get_mark()
                )
            super().fetch_flow_collection_start(TokenClass)

    return BoundedLoader


def _compose(text: str, name: str) -> Node:
    """Parse YAML into a node tree without resolving or constructing anything."""
    import yaml

    try:
        try:
            node = _Composer(name).compose(text, _yaml_loader())
        except (yaml.YAMLError, BriefFileError):
            if _yaml_loader() is _pure_loader():
                raise
            # libyaml words its errors differently and rejects a few inputs the pure parser
            # takes: the pure parser decides and words the error, exactly as without libyaml.
            # (libyaml is also laxer in a few corners of YAML syntax: tests/test_libyaml.py.)
            node = _Composer(name).compose(text, _pure_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        line = mark.line + 1 if mark else 1
        column = mark.column + 1 if mark else 1
        if "maximum nesting depth" in message:  # libyaml's own limit, met while looking ahead
            message = f"nested deeper than {MAX_DEPTH} levels"
        elif _char_at(text, line, column) == "\t":
            message = "not valid YAML: a tab where YAML allows only spaces (indent with spaces)"
        else:
            message = f"not valid YAML: {shorten(message, 120)}"
            start = exc.context_mark
            if start is not None and mark is not None and start.line != mark.line:
                message += f" (it starts on line {start.line + 1})"
        raise BriefFileError(name, message, line, column) from None
    except yaml.reader.ReaderError as exc:
        line, column = _position(text, exc)
        code = exc.character if isinstance(exc.character, int) else 0xFFFD
        raise BriefFileError(
            name,
            f"not valid YAML: the character U+{code:04X} may not appear in a YAML file as it is; "
            f"inside double quotes write it as \\u{code:04x}",
            line,
            column,
        ) from None
    except yaml.YAMLError as exc:
        raise BriefFileError(name, f"not valid YAML: {shorten(str(exc), 120)}", 1, 1) from None
    except UnicodeError:
        # Only text handed in through the API can hold lone surrogates; files are decoded.
        raise BriefFileError(name, "holds characters that are not valid Unicode", 1, 1) from None
    if node is None or (isinstance(node, yaml.ScalarNode) and node.value == "" and not node.style):
        raise BriefFileError(name, "is empty: a brief needs at least id, title and sections", 1, 1)
    return node


def _char_at(text: str, line: int, column: int) -> str:
    """The character at a 1-based line and column ('' past the end)."""
    lines = text.split("\n", line)
    return lines[line - 1][column - 1 : column] if len(lines) >= line else ""


def _position(text: str, exc: Any) -> tuple[int, int]:
    """Line and column of a reader error: a character index (pure loader) or a byte offset."""
    index = int(exc.position)
    if exc.encoding != "unicode":  # libyaml counts bytes of the UTF-8 it was given
        index = len(text.encode("utf-8", "surrogatepass")[:index].decode("utf-8", "ignore"))
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


_DEFAULT_TAGS = {"ScalarEvent": _STR, "SequenceStartEvent": _SEQ, "MappingStartEvent": _MAP}


class _Composer:
    """Events → node tree, refusing what a brief never needs before it can cost anything.

    PyYAML's own composer resolves aliases into shared nodes (a "billion laughs" document
    is small as nodes but huge to walk) and recurses once per level (``RecursionError`` in
    the pure-Python loader). This one is iterative and stops at the first anchor, alias,
    tag, second document, level deeper than :data:`MAX_DEPTH`, list longer than
    :data:`MAX_ITEMS` or value past :data:`MAX_NODES`, naming the line and key path.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        # Open collections: the node and the (flat, for mappings) list of its children.
        self.stack: list[tuple[Node, list[Node], int]] = []

    def fail(self, event: Any, message: str) -> NoReturn:
        """Stop with one error at ``event``."""
        where = self.where()
        mark = event.start_mark
        raise BriefFileError(
            self.name, (f"{where}: " if where else "") + message, mark.line + 1, mark.column + 1
        )

    def where(self) -> str:
        """The key path of the value being read, as in checker messages: ``sections[2].title``."""
        import yaml

        path = ""
        last = len(self.stack) - 1
        for depth, (node, children, _) in enumerate(self.stack):
            # Outer collections already hold their open child; the innermost does not yet.
            count = len(children) - (depth < last)
            if isinstance(node, yaml.SequenceNode):
                path += f"[{count}]"
            elif count % 2:
                key = children[count - 1]
                label = shorten(key.value, 40) if isinstance(key, yaml.ScalarNode) else "?"
                path += f".{label}" if path else label
        return path

    def compose(self, text: str, loader_class: Any) -> Node | None:
        """The single document in ``text`` as nodes, or None when it holds no document."""
        import yaml

        # One pass over the events, cheapest tests first: about a microsecond per value.
        scalar_event, sequence_event, mapping_event = (
            yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent
        )  # fmt: skip
        end_events = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
        scalar_node, sequence_node, mapping_node = (
            yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode
        )  # fmt: skip
        stack = self.stack
        loader = loader_class(text)
        root: Node | None = None
        documents = nodes = 0
        try:
            while True:
                event = loader.get_event()
                kind = type(event)
                if kind is scalar_event or kind is sequence_event or kind is mapping_event:
                    if event.anchor is not None:
                        self.fail(event, f"anchors (&{shorten(event.anchor, 40)}) are not allowed")
                    tag = event.tag
                    if tag is not None and tag != "!" and tag != _DEFAULT_TAGS[kind.__name__]:
                        shown = tag.replace("tag:yaml.org,2002:", "!!")
                        self.fail(event, f"YAML tags such as {shorten(shown, 60)} are not allowed")
                    nodes += 1
                    if nodes > MAX_NODES:
                        self.fail(event, f"more than {MAX_NODES:,} values in one brief")
                    start: Any = event.start_mark  # libyaml's marks: same line and column
                    node: Node
                    if kind is scalar_event:
                        end: Any = event.end_mark
                        node = scalar_node(_STR, event.value, start, end, event.style)
                    elif len(stack) >= MAX_DEPTH:
                        self.fail(event, f"nested deeper than {MAX_DEPTH} levels")
                    elif kind is sequence_event:
                        node = sequence_node(_SEQ, [], start, None, event.flow_style)
                    else:
                        node = mapping_node(_MAP, [], start, None, event.flow_style)
                    if stack:
                        _parent, children, limit = stack[-1]
                        if len(children) >= limit:
                            self.fail(
                                event, f"more than {MAX_ITEMS:,} items in one list or mapping"
                            )
                        children.append(node)
                    else:
                        root = node
                    if kind is sequence_event:
                        stack.append((node, node.value, MAX_ITEMS))
                    elif kind is mapping_event:  # keys and values, paired when it closes
                        stack.append((node, [], 2 * MAX_ITEMS))
                elif kind in end_events:
                    node, children, _ = stack.pop()
                    node.end_mark = event.end_mark
                    if kind is yaml.MappingEndEvent:
                        node.value = list(zip(children[::2], children[1::2], strict=True))
                elif kind is yaml.AliasEvent:
                    self.fail(
                        event, f"aliases (*{shorten(event.anchor or '', 40)}) are not allowed"
                    )
                elif kind is yaml.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        self.fail(event, "a second YAML document ('---'); a brief is one document")
                elif kind is yaml.StreamEndEvent:
                    return root
        finally:
            loader.dispose()


def _did_you_mean(word: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


class _Checker:
    """Walks the node tree once, building the model and collecting problems."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []

    # -- reporting -------------------------------------------------------------------------

    def _report(self, severity: str, node: Node | None, key_path: str, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else 1
        column = node.start_mark.column + 1 if node is not None else 1
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
        import yaml

        if not isinstance(node, yaml.MappingNode):
            self.error(node, key_path, f"expected a mapping of keys, found {_kind(node)}")
            raise _Abort
        out: dict[str, Any] = {}
        suggested: set[str] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.error(key_node, key_path, "keys must be plain words")
                continue
            key = key_node.value
            shown = shorten(key, 40)
            where = f"{key_path}.{shown}" if key_path else shown
            if key in out:
                first = out[key].start_mark.line + 1
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
        import yaml

        if not isinstance(node, yaml.SequenceNode):
            self.error(node, key_path, f"expected a list, found {_kind(node)}")
            return []
        return list(node.value)

    def text(self, fields: dict[str, Any], key: str, key_path: str, required: bool = True) -> str:
        """A text value: a scalar kept exactly as written, never a number, bool or date."""
        import yaml

        where = f"{key_path}.{key}" if key_path else key
        node = fields.get(key)
        if node is None:
            self.missing(fields, key, where, required)
            return ""
        if not isinstance(node, yaml.ScalarNode):
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
        import yaml

        node = fields.get(key)
        where = f"{key_path}.{key}" if key_path else key
        if node is None:
            return ()
        out = []
        for index, item in enumerate(self.sequence(node, where)):
            item_path = f"{where}[{index}]"
            if not isinstance(item, yaml.ScalarNode):
                self.error(item, item_path, f"expected text, found {_kind(item)}")
            elif len(item.value) > MAX_TEXT_CHARS:
                self.error(item, item_path, f"longer than {MAX_TEXT_CHARS:,} characters")
            elif surrogate := _lone_surrogate(item.value):
                self.error(item, item_path, surrogate)
            elif not item.value.strip():
                self.error(item, item_path, "is empty")
            else:
                self._unsafe(item, item_path, item.value)
                out.append(item.value)
        return tuple(out)

    # -- the brief -------------------------------------------------------------------------

    def brief(self, root: Node) -> Brief | None:
        """Build the brief from the root node, recording every problem on the way."""
        top = self.mapping(root, "", TOP_KEYS)
        version = self.text(top, "schema_version", "", required=False)
        if version and version != "1":
            self.error(
                top["schema_version"], "schema_version", f"{_quote(version)} is not supported"
            )
        meta = Metadata(
            id=self._id(top, "id", ""),
            title=self.text(top, "title", ""),
            kind=self.text(top, "kind", "", required=False),
            date=self._meta_date(top),
            publisher=self.text(top, "publisher", "", required=False),
            source=self.text(top, "source", "", required=False),
        )
        sections = self._sections(top)
        section_ids = {s.id for s in sections} | {u.id for s in sections for u in s.subsections}
        brief = Brief(
            meta=meta,
            sections=sections,
            glossary=self._glossary(top),
            timeline=self._timeline(top, section_ids),
            sources=self._sources(top),
            notes=self.texts(top, "notes", ""),
        )
        return brief

    def _id(self, fields: dict[str, Any], key: str, key_path: str) -> str:
        # Ids name files, anchors and command arguments: one plain word, nothing that could
        # climb out of a folder or hide in a terminal.
        value = self.text(fields, key, key_path)
        if value and (
            any(ch.isspace() or ch in "/\\" for ch in value)
            or value in (".", "..")
            or has_unsafe(value)
        ):
            where = f"{key_path}.{key}" if key_path else key
            self.error(
                fields[key],
                where,
                f"{_quote(value)} must be one word: no spaces, slashes or control characters",
            )
        return value

    def _meta_date(self, top: dict[str, Any]) -> str:
        value = self.text(top, "date", "", required=False)
        if value:
            try:
                parse_date_point(_short_date(value))
            except ValueError as exc:
                self.error(top["date"], "date", str(exc))
        return value

    def _sections(self, top: dict[str, Any]) -> tuple[Section, ...]:
        node = top.get("sections")
        if node is None:
            self.missing(top, "sections", "sections")
            return ()
        sections: list[Section] = []
        ids: dict[str, int] = {}
        roles: set[str] = set()
        for index, item in enumerate(self.sequence(node, "sections")):
            where = f"sections[{index}]"
            fields = self.mapping(item, where, SECTION_KEYS)
            section_id = self._id(fields, "id", where)
            self._unique(ids, section_id, fields, where)
            role = self.text(fields, "role", where, required=False) or None
            if role is not None:
                if role not in ROLES:
                    self.error(fields["role"], f"{where}.role", f"must be one of {ROLES}")
                elif role in roles:
                    self.error(fields["role"], f"{where}.role", f"a second {role!r} section")
                roles.add(role)
            subsections = []
            sub_node = fields.get("subsections")
            for sub_index, sub in enumerate(
                self.sequence(sub_node, f"{where}.subsections") if sub_node is not None else []
            ):
                sub_where = f"{where}.subsections[{sub_index}]"
                sub_fields = self.mapping(sub, sub_where, SUBSECTION_KEYS)
                sub_id = self._id(sub_fields, "id", sub_where)
                self._unique(ids, sub_id, sub_fields, sub_where)
                subsections.append(
                    Subsection(
                        id=sub_id,
                        title=self.text(sub_fields, "title", sub_where),
                        paragraphs=self.texts(sub_fields, "paragraphs", sub_where),
                    )
                )
            section = Section(
                id=section_id,
                title=self.text(fields, "title", where),
                paragraphs=self.texts(fields, "paragraphs", where),
                subsections=tuple(subsections),
                role=role,
                key_points=self.texts(fields, "key_points", where),
            )
            if not section.all_paragraphs():
                self.warning(fields["__node__"], where, "section has no text")
            sections.append(section)
        if not sections:
            self.error(node, "sections", "a brief needs at least one section")
        return tuple(sections)

    def _unique(self, ids: dict[str, int], value: str, fields: dict[str, Any], where: str) -> None:
        if not value:
            return
        if value in ids:
            self.error(
                fields["id"],
                f"{where}.id",
                f"duplicate id {_quote(value)} (first on line {ids[value]})",
            )
        else:
            ids[value] = fields["id"].start_mark.line + 1

    def _glossary(self, top: dict[str, Any]) -> tuple[GlossaryEntry, ...]:
        node = top.get("glossary")
        if node is None:
            return ()
        entries: list[GlossaryEntry] = []
        seen: dict[str, int] = {}
        for index, item in enumerate(self.sequence(node, "glossary")):
            where = f"glossary[{index}]"
            fields = self.mapping(item, where, TERM_KEYS)
            entry = GlossaryEntry(
                term=self.text(fields, "term", where),
                category=self.text(fields, "category", where),
                definition=self.text(fields, "definition", where),
                aliases=self.texts(fields, "aliases", where),
            )
            for name in entry.names():
                folded = name.casefold()
                if folded in seen:
                    self.warning(
                        fields["term"] if name == entry.term else fields["aliases"],
                        f"{where}.term",
                        f"duplicate glossary term {_quote(name)} (first on line {seen[folded]})",
                    )
                elif "term" in fields:
                    seen[folded] = fields["term"].start_mark.line + 1
            entries.append(entry)
        return tuple(entries)

    def _timeline(self, top: dict[str, Any], section_ids: set[str]) -> tuple[TimelineEvent, ...]:
        node = top.get("timeline")
        if node is None:
            return ()
        events: list[TimelineEvent] = []
        for index, item in enumerate(self.sequence(node, "timeline")):
            where = f"timeline[{index}]"
            fields = self.mapping(item, where, EVENT_KEYS)
            date_text = self.text(fields, "date", where)
            event_text = self.text(fields, "event", where)
            refs = self.texts(fields, "sections", where)
            if "sections" not in fields:
                self.missing(fields, "sections", f"{where}.sections")
            for ref in refs:
                if ref not in section_ids:
                    self.warning(
                        fields["sections"],
                        f"{where}.sections",
                        f"no section {_quote(ref)} in this brief"
                        + _did_you_mean(ref, tuple(sorted(section_ids))),
                    )
            origin = self.text(fields, "origin", where, required=False) or "editor"
            if origin not in ORIGINS:
                self.error(fields["origin"], f"{where}.origin", f"must be one of {ORIGINS}")
            if not date_text:
                continue
            try:
                date = parse_event_date(_short_date(date_text))
            except ValueError as exc:
                self.error(fields["date"], f"{where}.date", str(exc))
                continue
            events.append(TimelineEvent(date, event_text, refs, origin))
        return tuple(events)

    def _sources(self, top: dict[str, Any]) -> tuple[Source, ...]:
        node = top.get("sources")
        if node is None:
            return ()
        out = []
        for index, item in enumerate(self.sequence(node, "sources")):
            where = f"sources[{index}]"
            fields = self.mapping(item, where, SOURCE_KEYS)
            url = self.text(fields, "url", where, required=False) or None
            out.append(Source(self.text(fields, "title", where), url))
        return tuple(out)


def _lone_surrogate(value: str) -> str | None:
    """Why ``value`` cannot be text: an escape such as ``\\ud800`` names no character.

    libyaml refuses such escapes and the pure parser takes them; this keeps them out either way.
    """
    match = _SURROGATE.search(value)
    if match is None:
        return None
    return f"holds the escape \\u{ord(match.group()):04x}, which is not a character"


def _kind(node: Node) -> str:
    import yaml

    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
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
