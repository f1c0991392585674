"""Brief file → validated model. Strict, safe YAML; every problem names file, line and key path."""

from __future__ import annotations

import difflib
import os
import re
from typing import TYPE_CHECKING, Any, NamedTuple

from briefcli.errors import BriefFileError
from briefcli.files import read_brief_text
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
from briefcli.sanitize import has_unsafe, sanitize_line, shorten
from briefcli.yamlio import compose

if TYPE_CHECKING:
    from yaml import Node

#: Longest single text value (one paragraph, one definition).
MAX_TEXT_CHARS = 100_000

_SURROGATE = re.compile("[\ud800-\udfff]")
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
