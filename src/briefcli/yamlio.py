"""The one YAML reader and writer: strict composition of a single plain document, safe dumping.

Briefs, overlays, front matter and ``brief validate`` all read YAML through :func:`compose`
(``brief import`` reads back what it wrote through :func:`compose_records`, the same reader):
no anchors, aliases, tags or second documents, and bounded depth, width and size, so a small
file can never expand into a large one. Every brief file brief writes goes through :func:`dump`.
The choice between libyaml and the pure-Python parser is made here, once.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from sys import intern
from typing import IO, Any, NoReturn

from briefcli.errors import BriefFileError
from briefcli.sanitize import shorten, show_surrogates

#: Deepest nesting of mappings and lists in a brief file (the format needs 6).
MAX_DEPTH = 12
#: Most items in any one list (or keys in one mapping).
MAX_ITEMS = 10_000
#: Most values (texts, lists and mappings) in one file: bounds time and memory below the
#: file-size limit (the shipped brief holds about 500).
MAX_NODES = 100_000


class ScalarNode:
    """A text value as read: its text, where it starts (0-based line and column), its style.

    Brief's own node classes, not PyYAML's: slots and two integers instead of an attribute
    dictionary and two marks make a node a third of the size, which is most of what reading
    a large brief costs (issue 12: ``brief import`` reads back every brief it writes).
    """

    __slots__ = ("column", "line", "style", "value")

    def __init__(self, value: str, line: int, column: int, style: str | None) -> None:
        self.value = value
        self.line = line
        self.column = column
        self.style = style


class SequenceNode:
    """A list as read: its items and where it starts (0-based line and column)."""

    __slots__ = ("column", "line", "value")

    def __init__(self, value: list[Node], line: int, column: int) -> None:
        self.value = value
        self.line = line
        self.column = column


class MappingNode:
    """A mapping as read: its (key, value) pairs in order and where it starts (0-based)."""

    __slots__ = ("column", "line", "value")

    def __init__(self, value: list[tuple[Node, Node]], line: int, column: int) -> None:
        self.value = value
        self.line = line
        self.column = column


#: A value of a YAML document as read.
Node = ScalarNode | SequenceNode | MappingNode

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


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


def compose(text: str, name: str) -> Node:
    """Parse a brief's YAML into a node tree without resolving or constructing anything."""
    node = compose_document(text, name, "brief")
    if node is None:
        raise BriefFileError(name, "is empty: a brief needs at least id, title and sections", 1, 1)
    return node


def compose_document(text: str, name: str, kind: str) -> Node | None:
    """Parse one YAML document (a brief, an overlay, front matter) into nodes; None when empty.

    ``kind`` names the document in errors ("more than 100,000 values in one overlay").
    """
    import yaml

    try:
        try:
            node = _Composer(name, kind).compose(text, _yaml_loader())
            if _empty(node) and _yaml_loader() is not _pure_loader():
                # libyaml takes a few texts the pure parser refuses; when what it read is
                # empty (an error for a brief) the pure parser decides, as for any error.
                raise _Undecided
        except (yaml.YAMLError, BriefFileError, _Undecided):
            if _yaml_loader() is _pure_loader():
                raise
            # libyaml words its errors differently and rejects a few inputs the pure parser
            # takes: the pure parser decides and words the error, exactly as without libyaml.
            # (libyaml is also laxer in a few corners of YAML syntax: tests/test_libyaml.py.)
            node = _Composer(name, kind).compose(text, _pure_loader())
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
    return None if _empty(node) else node


def compose_records(
    stream: IO[bytes], name: str, on_record: Callable[[str, int, MappingNode], Node]
) -> Node | None:
    """A brief's nodes read from ``stream`` a chunk at a time, each record let go once read.

    A record is a mapping in a list at the top level (a section, a term, an event): as soon
    as it is read, ``on_record`` gets the key of its list, its index and its node, and what it
    returns takes the node's place. So neither the whole text nor the whole node tree is ever
    held (issue 12: ``brief import`` reads back every brief it writes). The same strict reading
    as :func:`compose`, by libyaml when PyYAML has it; None when the stream holds no document
    or is not valid YAML: :func:`compose` of its text words the error.
    """
    import yaml

    try:
        node = _Composer(name, "brief", on_record).compose(stream, _yaml_loader())
    except (yaml.YAMLError, UnicodeError):
        return None
    return None if _empty(node) else node


class _Undecided(Exception):
    """libyaml's reading is not the last word: let the pure parser read the text."""


def _empty(node: Node | None) -> bool:
    """No document, or one that is a bare empty value (``---`` alone, a lone ``!``)."""
    return node is None or (isinstance(node, ScalarNode) and node.value == "" and not node.style)


def to_plain(node: Node | None, name: str) -> Any:
    """Nodes → plain data: every value is text (as the brief loader reads scalars), a list
    or a dict; None for an empty document.

    For documents read without the brief loader's checker (overlays, front matter): a key
    that is not text, a duplicate key, or an escape that names no character is an error
    naming the file, line and column.
    """

    def convert(node: Node) -> Any:
        if isinstance(node, ScalarNode):
            value: str = node.value
            if (surrogate := _SURROGATE.search(value)) is not None:
                code = ord(surrogate.group())
                fail(node, f"holds the escape \\u{code:04x}, which is not a character")
            return value
        if isinstance(node, SequenceNode):
            return [convert(item) for item in node.value]
        out: dict[str, Any] = {}
        for key, value_node in node.value:
            if not isinstance(key, ScalarNode):
                fail(key, "keys must be text, not a list or mapping")
            if key.value in out:
                fail(key, f"the key '{shorten(key.value, 40)}' is given twice")
            out[convert(key)] = convert(value_node)
        return out

    def fail(node: Node, message: str) -> NoReturn:
        raise BriefFileError(name, message, node.line + 1, node.column + 1)

    # Recursion is bounded: compose refuses anything nested deeper than MAX_DEPTH.
    return None if node is None else convert(node)


_SURROGATE = re.compile("[\ud800-\udfff]")


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

    def __init__(
        self,
        name: str,
        kind: str,
        on_record: Callable[[str, int, MappingNode], Node] | None = None,
    ) -> None:
        self.name = name
        self.kind = kind
        self.on_record = on_record  # see compose_records
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
        path = ""
        last = len(self.stack) - 1
        for depth, (node, children, _) in enumerate(self.stack):
            # Outer collections already hold their open child; the innermost does not yet.
            count = len(children) - (depth < last)
            if isinstance(node, SequenceNode):
                path += f"[{count}]"
            elif count % 2:
                key = children[count - 1]
                label = shorten(key.value, 40) if isinstance(key, ScalarNode) else "?"
                path += f".{label}" if path else label
        return path

    def record_read(self, node: MappingNode) -> None:
        """Hand a mapping just read to :attr:`on_record` when it is a record: an item of a list
        that is a value of the top-level mapping."""
        assert self.on_record is not None
        root, keys_and_values, _ = self.stack[0]
        parent, items, _ = self.stack[1]
        if not (isinstance(root, MappingNode) and isinstance(parent, SequenceNode)):
            return
        key = keys_and_values[-2]  # the root's children: ..., key, this list
        if isinstance(key, ScalarNode):
            items[-1] = self.on_record(key.value, len(items) - 1, node)

    def compose(self, text: str | IO[bytes], loader_class: Any) -> Node | None:
        """The single document in ``text`` (or a stream) as nodes; None when it holds none."""
        import yaml

        # One pass over the events, cheapest tests first: about a microsecond per value.
        scalar_event, sequence_event, mapping_event = (
            yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent
        )  # fmt: skip
        end_events = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
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
                        self.fail(event, f"more than {MAX_NODES:,} values in one {self.kind}")
                    start: Any = event.start_mark  # libyaml's marks: same line and column
                    node: Node
                    if kind is scalar_event:
                        node = ScalarNode(event.value, start.line, start.column, event.style)
                    elif len(stack) >= MAX_DEPTH:
                        self.fail(event, f"nested deeper than {MAX_DEPTH} levels")
                    elif kind is sequence_event:
                        node = SequenceNode([], start.line, start.column)
                    else:
                        node = MappingNode([], start.line, start.column)
                    if stack:
                        _parent, children, limit = stack[-1]
                        if len(children) >= limit:
                            self.fail(
                                event, f"more than {MAX_ITEMS:,} items in one list or mapping"
                            )
                        children.append(node)
                    else:
                        root = node
                    if isinstance(node, SequenceNode):
                        stack.append((node, node.value, MAX_ITEMS))
                    elif isinstance(node, MappingNode):  # keys and values, paired when it closes
                        stack.append((node, [], 2 * MAX_ITEMS))
                elif kind in end_events:
                    node, children, _ = stack.pop()
                    if isinstance(node, MappingNode):
                        keys = children[::2]
                        for key in keys:  # a brief repeats a dozen keys thousands of times
                            if isinstance(key, ScalarNode):
                                key.value = intern(key.value)
                        node.value = list(zip(keys, children[1::2], strict=True))
                        if len(stack) == 2 and self.on_record is not None:
                            self.record_read(node)
                elif kind is yaml.AliasEvent:
                    self.fail(
                        event, f"aliases (*{shorten(event.anchor or '', 40)}) are not allowed"
                    )
                elif kind is yaml.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        one = f"{'an' if self.kind[:1] in 'aeiou' else 'a'} {self.kind}"
                        self.fail(event, f"a second YAML document ('---'); {one} is one document")
                elif kind is yaml.StreamEndEvent:
                    return root
        finally:
            loader.dispose()


def over_limits(data: Any, kind: str = "brief") -> str | None:
    """What in plain data :func:`compose` would refuse once dumped, or None when it reads.

    The same bounds as reading (:data:`MAX_NODES` values, :data:`MAX_ITEMS` items in one list
    or mapping, :data:`MAX_DEPTH` levels), counted the same way (a mapping key is a value), so
    a writer can refuse before it writes: ``brief import`` never makes a brief brief cannot
    read. The answer names the key path, as the composer's errors do.
    """
    values = 0
    # Iterative, as the composer is: (value, its key path, its depth).
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    while stack:
        value, path, depth = stack.pop()
        values += 1
        if values > MAX_NODES:
            return f"more than {MAX_NODES:,} values in one {kind}"
        if isinstance(value, dict | list):
            if depth >= MAX_DEPTH:
                return f"{path or kind}: nested deeper than {MAX_DEPTH} levels"
            if len(value) > MAX_ITEMS:
                return f"{path or kind}: more than {MAX_ITEMS:,} items in one list or mapping"
            if isinstance(value, dict):
                values += len(value)  # the keys
                prefix = f"{path}." if path else ""
                stack.extend((item, f"{prefix}{key}", depth + 1) for key, item in value.items())
            else:
                stack.extend((item, f"{path}[{i}]", depth + 1) for i, item in enumerate(value))
    return None


def dump(data: dict[str, Any], *, ascii_only: bool = False) -> str:
    """Block-style YAML in the documented key order, readable and diffable, and safe to show.

    Text holding a control, bidi or invisible character is written double-quoted, where
    ``\\uXXXX`` is an escape: the file never shows such a character raw in a terminal or an
    editor, and still loads back to the same text. Every writer of brief files uses this, or
    :func:`dump_to` for the same text a piece at a time. ``ascii_only``: every character
    outside ASCII is such an escape too (for a stdout that cannot carry it).
    """
    parts: list[str] = []
    dump_to(data, parts.append, ascii_only=ascii_only)
    return "".join(parts)


def dump_to(
    data: dict[str, Any], write: Callable[[str], object], *, ascii_only: bool = False
) -> None:
    """Write :func:`dump`'s text to ``write`` a piece at a time (a few KB each).

    The events of the document are made one value at a time and handed to the emitter as
    they come, so no node graph or string of the whole document is ever built: writing a
    brief takes memory of the size of its largest value, not of the brief (issue 12).
    """

    from briefcli.sanitize import json_escape_unsafe

    class Stream:
        """The emitter's output, escaped as it arrives (each piece holds whole characters)."""

        encoding = None  # text, not bytes, from the C emitter

        def write(self, text: str) -> None:
            write(json_escape_unsafe(text))

    dumper = _dumper_class()(
        Stream(), allow_unicode=not ascii_only, width=100, default_flow_style=False, sort_keys=False
    )
    try:
        for event in _events(data, dumper):
            dumper.emit(event)
    finally:
        dumper.dispose()


@functools.cache
def _dumper_class() -> Any:
    """libyaml's emitter when PyYAML has it, else the pure-Python one (the same text)."""
    import yaml

    base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class Dumper(base):  # type: ignore[valid-type,misc]
        """The safe dumper, double-quoting text that holds an unsafe character."""

    Dumper.add_representer(str, _represent_text)
    return Dumper


def _represent_text(dumper: Any, value: str) -> Any:
    from briefcli.sanitize import has_unsafe

    if has_unsafe(value):
        return dumper.represent_scalar(_STR, value, style='"')
    return dumper.represent_str(value)


def _events(data: dict[str, Any], dumper: Any) -> Iterator[Any]:
    """The events ``yaml.dump`` makes of ``data`` (block style, keys in order), one by one.

    As PyYAML's serializer does: a text is implicit when the resolver would read it back as
    text unquoted (plain) and always when quoted; mappings and lists are always implicit.
    """
    import yaml

    from briefcli.sanitize import has_unsafe

    resolve = dumper.resolve
    scalar_event, scalar_node = yaml.ScalarEvent, yaml.ScalarNode
    mapping_start, mapping_end = yaml.MappingStartEvent, yaml.MappingEndEvent
    sequence_start, sequence_end = yaml.SequenceStartEvent, yaml.SequenceEndEvent

    def scalar(value: Any) -> Any:
        if type(value) is str:
            tag, text, style = _STR, value, ('"' if has_unsafe(value) else None)
            if style and not text.isprintable():
                # libyaml cannot encode a lone surrogate (a file name that was not UTF-8).
                text = show_surrogates(text)
        else:
            node = dumper.represent_data(value)  # numbers, booleans: as yaml.dump writes them
            tag, text, style = node.tag, node.value, node.style
        plain = resolve(scalar_node, text, (True, False)) == tag
        return scalar_event(None, tag, (plain, tag == _STR), text, style=style)

    def walk(value: Any, depth: int) -> Iterator[Any]:
        if depth > MAX_DEPTH:  # data that holds itself would never end
            raise ValueError(f"data nested deeper than {MAX_DEPTH} levels")
        if isinstance(value, dict):
            yield mapping_start(None, _MAP, True, flow_style=False)
            for key, item in value.items():
                yield scalar(key)
                yield from walk(item, depth + 1)
            yield mapping_end()
        elif isinstance(value, list):
            yield sequence_start(None, _SEQ, True, flow_style=False)
            for item in value:
                yield from walk(item, depth + 1)
            yield sequence_end()
        else:
            yield scalar(value)

    yield yaml.StreamStartEvent()
    yield yaml.DocumentStartEvent(explicit=False)
    yield from walk(data, 0)
    yield yaml.DocumentEndEvent(explicit=False)
    yield yaml.StreamEndEvent()
