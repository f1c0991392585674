"""Importers: turn a report in another form (goover text, Markdown) into a brief."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from briefcli.errors import BriefError
from briefcli.model import Brief
from briefcli.sanitize import sanitize_line

#: Largest report read (the same bound as a brief file: the shared report is 32 KB).
MAX_REPORT_BYTES = 8 * 1024 * 1024
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")


class NotAReport(BriefError):
    """The input is not a report: binary, empty, or without a structure an importer knows."""


def read_report(path: str) -> tuple[bytes, str]:
    """The bytes of the report at ``path`` ('-' is stdin) and the name to show for it."""
    import sys

    if path == "-":
        return sys.stdin.buffer.read(MAX_REPORT_BYTES + 1), "<stdin>"
    shown = sanitize_line(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise BriefError(f"{shown}: no such file") from None
    except OSError as exc:
        raise BriefError(f"{shown}: cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise NotAReport(f"{shown}: is a directory, not a report")
    if not stat.S_ISREG(info.st_mode):
        raise NotAReport(f"{shown}: is not a regular file (a FIFO, socket or device)")
    if info.st_size > MAX_REPORT_BYTES:
        raise NotAReport(
            f"{shown}: is {info.st_size:,} bytes; a report may be at most {MAX_REPORT_BYTES:,}"
        )
    try:
        with open(path, "rb") as handle:
            return handle.read(MAX_REPORT_BYTES + 1), shown
    except OSError as exc:
        raise BriefError(f"{shown}: cannot read: {exc.strerror or exc}") from None


def import_report(
    data: bytes,
    name: str,
    form: str = "auto",
    *,
    source: str = "",
    title: str | None = None,
) -> Brief:
    """Parse report bytes into a brief, with the dated statements found in its prose.

    ``form`` is ``auto`` (see :func:`detect`), ``goover`` or ``markdown``; ``source``
    becomes the brief's ``source`` field and ``title`` replaces the title found in the text.
    Raises :class:`NotAReport` (a clean,
    one-line error) for anything that is not a report.
    """
    from briefcli.importers import commonmark, goover, naming, text, timeline

    if len(data) > MAX_REPORT_BYTES:
        raise NotAReport(f"{name}: more than {MAX_REPORT_BYTES:,} bytes; too large for a report")
    decoded = text.decode_report(data, name)
    if title is not None and not title.strip():
        raise BriefError("--title needs some text")
    chosen = form if form != "auto" else detect(decoded, name)
    parser = goover.parse if chosen == "goover" else commonmark.parse
    brief = parser(decoded, name=name, source=source, title=title)
    if title is not None:
        meta = brief.meta._replace(title=" ".join(title.split()), id=naming.slug(title))
        brief = brief._replace(meta=meta)
    return brief._replace(timeline=timeline.extract(brief))


def detect(decoded: str, name: str) -> str:
    """'goover' or 'markdown': from the file name's suffix, else from what the text holds."""
    from briefcli.importers import commonmark, goover

    if Path(name).suffix.casefold() in _MARKDOWN_SUFFIXES:
        return "markdown"
    if goover.looks_like(decoded, strong=True):
        return "goover"
    if commonmark.looks_like(decoded):
        return "markdown"
    if goover.looks_like(decoded, strong=False):
        return "goover"
    raise NotAReport(
        f"{name}: no report structure found: expected numbered sections "
        "('1. Summary', as in a goover report) or Markdown headings ('# Title')"
    )


def brief_yaml(brief: Brief, name: str, *, overlay: str | None = None) -> str:
    """The brief as a brief file, with an overlay merged in; checked as ``brief validate`` would.

    The text is what ``brief export --format yaml`` prints for the same brief (no comments), so
    a brief has one form whichever way it was made. Raises :class:`NotAReport` naming the first
    problem if the result would not load (for example a paragraph over the length limit).
    """
    from briefcli.codec import brief_to_data
    from briefcli.importers.overlay import apply_overlay, load_overlay
    from briefcli.loader import check_brief
    from briefcli.yamlio import dump

    data = brief_to_data(brief)
    if overlay is not None:
        data = apply_overlay(data, load_overlay(overlay), sanitize_line(overlay))
    # Text with control, bidi or invisible characters is written escaped: see yamlio.dump.
    text = dump(data)
    checked, problems = check_brief(text, name)
    if checked is None:
        first = next(p for p in problems if p.severity == "error")
        raise NotAReport(f"{name}: cannot make a valid brief of it: {first.message}")
    return text
