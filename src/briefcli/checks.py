"""`brief validate`: every problem in brief files, as compiler-style lines or versioned JSON.

Errors and warnings come from the loader (a brief with an error does not load); on top of
those, warnings for things that load but look wrong: a report sentence that is not in the
report, a paragraph given twice, an id that mixes Latin, Cyrillic or Greek letters, an id
that another brief in the library has (or a look-alike of it).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from briefcli.confusables import mixed_scripts, skeleton
from briefcli.errors import BriefError, BriefFileError
from briefcli.files import read_brief_text
from briefcli.formats import OUTPUT_SCHEMA_VERSION
from briefcli.loader import Problem, check_brief
from briefcli.model import Brief
from briefcli.sanitize import json_escape_unsafe, sanitize_line
from briefcli.yamlio import MappingNode, SequenceNode, compose

if TYPE_CHECKING:
    from briefcli.catalog import Entry, Library
    from briefcli.yamlio import Node


@dataclass(frozen=True)
class FileReport:
    """What checking one file found."""

    path: str
    problems: tuple[Problem, ...]
    brief: Brief | None

    @property
    def errors(self) -> int:
        """How many errors (each one keeps the brief from loading)."""
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        """How many warnings."""
        return sum(1 for p in self.problems if p.severity == "warning")

    def passes(self, *, strict: bool = False) -> bool:
        """Valid: no errors (and, when ``strict``, no warnings either)."""
        return self.errors == 0 and (not strict or self.warnings == 0)


def check_file(path: str | os.PathLike[str], library: Library | None = None) -> FileReport:
    """Check the brief file at ``path``; a missing or unreadable file is one error.

    With ``library`` (see :func:`read_library`), also whether another brief has the same id.
    """
    if os.fspath(path) == "-":
        return _check_stdin(library)
    name = sanitize_line(os.fspath(path))
    try:
        text = read_brief_text(path)
    except BriefFileError as exc:
        return FileReport(name, (_problem(name, exc),), None)
    return check_text(text, name, os.fspath(path), library)


#: How a brief read from standard input ('brief validate -') is named in its problems.
STDIN_NAME = "<stdin>"


def _check_stdin(library: Library | None) -> FileReport:
    """Check the brief text on standard input: what a command prints (``… | brief validate
    -``), held to the size limit of a brief file."""
    from briefcli.files import MAX_FILE_BYTES, decode_text, read_stdin

    try:
        data = read_stdin(MAX_FILE_BYTES)
        if len(data) > MAX_FILE_BYTES:
            raise BriefFileError(
                STDIN_NAME, f"more than {MAX_FILE_BYTES:,} bytes; a brief may be at most that"
            )
        text = decode_text(data, STDIN_NAME)
    except OSError as exc:
        detail = f"cannot read stdin: {exc.strerror or 'stdin is closed'}"
        return FileReport(STDIN_NAME, (Problem("error", STDIN_NAME, 1, 1, detail),), None)
    except BriefFileError as exc:
        return FileReport(STDIN_NAME, (_problem(STDIN_NAME, exc),), None)
    return check_text(text, STDIN_NAME, None, library)


def check_text(
    text: str, name: str, path: str | None = None, library: Library | None = None
) -> FileReport:
    """Check brief text: the loader's errors and warnings, then the suspicious-looking parts
    (with ``path`` and ``library``, also an id that another brief in the library has)."""
    try:
        brief, problems = check_brief(text, name)
    except BriefFileError as exc:
        if (kind := report_kind(name, text, exc.detail)) is not None:
            return FileReport(name, (Problem("error", name, 1, 1, _import_it(kind, name)),), None)
        return FileReport(name, (_problem(name, exc),), None)
    errors = [p for p in problems if p.severity == "error"]
    if len(errors) == 1 and (kind := report_kind(name, text, errors[0].message)) is not None:
        return FileReport(name, (Problem("error", name, 1, 1, _import_it(kind, name)),), None)
    if brief is not None:
        # The text loaded, so it composes: the same strict reader gives the nodes' lines.
        root = compose(text, name)
        problems = problems + _suspicious(root, brief, name)
        if path is not None and library is not None:
            problems += _twins(root, brief, name, path, library)
    ordered = sorted(problems, key=lambda p: (p.line, p.column))
    return FileReport(name, tuple(ordered), brief)


#: File name endings of reports rather than briefs: what 'brief import' reads.
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")


def report_kind(name: str, text: str, detail: str) -> str | None:
    """'Markdown' or 'plain text' when a file that is not a brief looks like a report.

    Only when the file is no YAML mapping at all (the error is in its YAML or its top level)
    and has no ``sections:`` key: a brief with a typo keeps the error that points at it.
    """
    import re

    if not detail.startswith(("not valid YAML", "expected a mapping of keys")):
        return None
    if name.lower().endswith((".yaml", ".yml", ".json")):
        return None  # meant as a brief: its own error says what to fix
    if re.search(r"(?m)^sections[ \t]*:", text):
        return None
    if name.lower().endswith(_MARKDOWN_SUFFIXES) or re.search(r"(?m)^#{1,6}[ \t]+\S", text):
        return "Markdown"
    return "plain text"


def report_hint(path: str, detail: str) -> str | None:
    """What to do with a report given as a brief (``-b notes.md``): import it; else None."""
    name = sanitize_line(path)
    try:
        text = read_brief_text(path)
    except BriefFileError:
        return None
    kind = report_kind(name, text, detail)
    return _import_it(kind, name) if kind is not None else None


def _import_it(kind: str, name: str) -> str:
    from briefcli.render.document import command_line

    if name == STDIN_NAME:
        return f"this looks like {kind}, not a brief: make a brief of it with '… | brief import -'"
    command = command_line("import", name)
    return f"this looks like {kind}, not a brief: make a brief of it with '{command}'"


def read_library() -> Library | None:
    """The library (read once per command), or None when it cannot be read: the id check is
    a courtesy and never makes a command fail."""
    import sqlite3

    try:
        from briefcli.catalog import load_library

        return load_library()
    except (BriefError, OSError, sqlite3.Error):
        return None


def library_twins(brief_id: str, path: str, library: Library) -> list[str]:
    """The other brief files in the library with this id or a look-alike of it, in the
    library's order (the first is the one ``brief -b ID`` reads unless ``path`` comes first)."""
    return [entry.path for entry in _twin_entries(brief_id, path, library)]


def _twin_entries(brief_id: str, path: str, library: Library) -> list[Entry]:
    real = os.path.realpath(path)
    wanted = skeleton(brief_id)
    return [
        e
        for e in library.readable()
        if skeleton(e.id) == wanted and os.path.realpath(e.path) != real
    ]


def in_library(path: str) -> bool:
    """Whether ``path`` is (or would be) a file directly inside one of the library folders."""
    from briefcli.catalog import folders

    parent = os.path.dirname(os.path.realpath(path))
    return any(folder.path == parent for folder in folders())


def _problem(name: str, exc: BriefFileError) -> Problem:
    return Problem("error", name, exc.line or 1, exc.column or 1, exc.detail)


# -- warnings beyond the loader ----------------------------------------------------------------


def _suspicious(root: Node, brief: Brief, name: str) -> list[Problem]:
    found: list[Problem] = []

    def warn(node: Node | None, where: str, message: str) -> None:
        line = node.line + 1 if node is not None else 1
        column = node.column + 1 if node is not None else 1
        found.append(Problem("warning", name, line, column, f"{where}: {message}"))

    paragraphs = _paragraphs(brief)
    for index, event in enumerate(brief.timeline):
        if event.origin != "report":
            continue
        wanted = _squash(event.event)
        texts = [_squash(p) for ref in event.sections for p in paragraphs.get(ref, ())]
        if texts and not any(wanted in t for t in texts):
            where = f"timeline[{index}].event"
            refs = ", ".join(event.sections)
            warn(
                _at(root, "timeline", index, "event"),
                where,
                f"marked origin: report, but these words are not in section {refs}",
            )
    for key_path, value in _id_paths(brief):
        if len(value) > MAX_ID_CHARS:
            warn(
                _at(root, *key_path),
                _where(key_path),
                f"is {len(value):,} characters long; an id to type on a command line "
                f"should be at most {MAX_ID_CHARS}",
            )
        if reason := mixed_scripts(value):
            warn(
                _at(root, *key_path),
                _where(key_path),
                f"{reason}: a look-alike of a plain id? (write it in one script)",
            )
    # A paragraph given twice in one section is a slip (a paste, an import that read a line
    # twice); across sections only a long one is: a report may say 'Documentation fixes.' under
    # every release.
    seen: dict[str, tuple[int, int]] = {}
    for key_path, paragraph in _paragraph_paths(brief):
        node = _at(root, *key_path)
        key = _squash(paragraph)
        line = node.line + 1 if node is not None else 1
        section = int(key_path[1])
        if key not in seen:
            seen[key] = (line, section)
        elif seen[key][1] == section or len(key.split()) >= _REPEATED_WORDS:
            warn(node, _where(key_path), f"the same paragraph as on line {seen[key][0]}")
    return found


#: Fewest words of a paragraph that is a slip when it comes again in another section.
_REPEATED_WORDS = 25


def _twins(root: Node, brief: Brief, name: str, path: str, library: Library) -> list[Problem]:
    node = _at(root, "id")
    line, column = (node.line + 1, node.column + 1) if node else (1, 1)
    return [
        Problem(
            "warning",
            name,
            line,
            column,
            f"id: {brief.meta.id!r} "
            + ("is also the id" if twin.id == brief.meta.id else f"looks like {twin.id!r}, the id")
            + f" of {sanitize_line(twin.path)} in the library "
            "('brief list' shows which one 'brief -b ID' reads)",
        )
        for twin in _twin_entries(brief.meta.id, path, library)[:3]
    ]


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def _paragraphs(brief: Brief) -> dict[str, tuple[str, ...]]:
    # A heading's words count: an import makes a dated heading ('1.2.0 (2024-03-01)') an event.
    out: dict[str, tuple[str, ...]] = {}
    for section in brief.sections:
        out[section.id] = (section.title, *section.paragraphs)
        out.update({sub.id: (sub.title, *sub.paragraphs) for sub in section.subsections})
    return out


#: Longer section ids are flagged: an id is typed (``brief show ID``) and listed in messages.
MAX_ID_CHARS = 64


def _id_paths(brief: Brief) -> list[tuple[tuple[str | int, ...], str]]:
    out: list[tuple[tuple[str | int, ...], str]] = [(("id",), brief.meta.id)]
    for s_index, section in enumerate(brief.sections):
        out.append((("sections", s_index, "id"), section.id))
        for u_index, sub in enumerate(section.subsections):
            out.append((("sections", s_index, "subsections", u_index, "id"), sub.id))
    return out


def _paragraph_paths(brief: Brief) -> list[tuple[tuple[str | int, ...], str]]:
    out: list[tuple[tuple[str | int, ...], str]] = []
    for s_index, section in enumerate(brief.sections):
        for p_index, text in enumerate(section.paragraphs):
            out.append((("sections", s_index, "paragraphs", p_index), text))
        for u_index, sub in enumerate(section.subsections):
            for p_index, text in enumerate(sub.paragraphs):
                path = ("sections", s_index, "subsections", u_index, "paragraphs", p_index)
                out.append((path, text))
    return out


def _where(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _at(node: Node | None, *path: str | int) -> Node | None:
    """The node at a key path such as ('sections', 3, 'title'), or None."""
    for part in path:
        if isinstance(part, int) and isinstance(node, SequenceNode):
            node = node.value[part] if part < len(node.value) else None
        elif isinstance(part, str) and isinstance(node, MappingNode):
            node = next((v for k, v in node.value if k.value == part), None)
        else:
            return None
    return node


# -- output ------------------------------------------------------------------------------------


def to_text(reports: list[FileReport]) -> str:
    """One compiler-style line per problem, then one verdict line per file."""
    lines: list[str] = []
    for report in reports:
        lines.extend(sanitize_line(p.render()) for p in report.problems)
        lines.append(_verdict(report))
    return "\n".join(lines) + "\n"


def _verdict(report: FileReport) -> str:
    counts = [
        f"{n} {word}{'' if n == 1 else 's'}"
        for n, word in ((report.errors, "error"), (report.warnings, "warning"))
        if n
    ]
    if report.errors:
        return f"{report.path}: invalid: {', '.join(counts)}"
    return f"{report.path}: valid" + (f" ({counts[0]})" if counts else "")


def to_data(reports: list[FileReport]) -> dict[str, Any]:
    """The reports as versioned data: ``schema_version``, ``view``, ``valid``, ``files``."""
    return {
        "schema_version": OUTPUT_SCHEMA_VERSION,
        "view": "validation",
        "valid": all(r.errors == 0 for r in reports),
        "files": [
            {
                "path": r.path,
                "valid": r.errors == 0,
                "errors": r.errors,
                "warnings": r.warnings,
                "problems": [
                    {
                        "line": p.line,
                        "column": p.column,
                        "severity": p.severity,
                        "message": p.message,
                    }
                    for p in r.problems
                ],
            }
            for r in reports
        ],
    }


def to_json(reports: list[FileReport]) -> str:
    """Pretty JSON with a trailing newline; control and bidi characters stay \\u-escaped."""
    return json_escape_unsafe(json.dumps(to_data(reports), ensure_ascii=False, indent=2)) + "\n"
