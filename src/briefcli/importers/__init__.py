"""Importers: turn a report in another form (plain text such as goover's, Markdown, a web
page, a PDF; from a file, stdin or a URL) into a brief."""

from __future__ import annotations

from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from briefcli.errors import BriefError
from briefcli.model import Brief
from briefcli.sanitize import sanitize_line

if TYPE_CHECKING:
    from briefcli.importers.draft import Draft
    from briefcli.model import TimelineEvent

#: Largest report imported, and read (from a file, stdin or a URL): its brief holds every
#: word of it, plus a timeline and the YAML around the text, and must stay within the 8 MiB
#: that brief reads. A larger report is refused before any work is done, and no more of it
#: than this is ever read.
MAX_IMPORT_BYTES = 6 * 1024 * 1024
LIMIT_TEXT = (
    f"brief imports reports of at most {MAX_IMPORT_BYTES:,} bytes "
    f"({MAX_IMPORT_BYTES // 2**20} MiB), so that the brief stays readable"
)
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")
#: Text that is never Markdown, whatever it holds.
_TEXT_SUFFIXES = (".txt", ".text", ".news", ".rst", ".1", ".man")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
#: A numbered heading over its underline: '1. Definitions' over '--------------'.
_NUMBERED_UNDERLINED = r"^\d{1,3}\.[ \t]+\S[^\n]*\n[-=]{3,}[ \t]*$"
_PDF_SUFFIXES = (".pdf",)


class NotAReport(BriefError):
    """The input is not a report: binary, empty, or without a structure an importer knows."""


class NoTitle(NotAReport):
    """A plain-text report without a title line (one that starts with a numbered heading)."""


class Report(NamedTuple):
    """A report as read: its bytes, the name to show for it, the form its origin says it is
    ('auto' unless a server said), and the brief's ``source`` text."""

    data: bytes
    name: str
    form: str = "auto"
    source: str = ""


def read_report(path: str) -> Report:
    """The report at ``path``: a file, '-' (stdin) or an http(s) URL.

    A file is read by the one safe reader (regular files only, non-blocking, at most
    :data:`MAX_IMPORT_BYTES`); stdin may be anything (a pipe is the point), read to the limit;
    a URL is fetched by :mod:`briefcli.importers.fetch` (timeouts, a size cap, http(s) only),
    and the brief's source is the URL and the day it was retrieved.
    """
    from briefcli.files import REPORT, read_file, read_stdin

    if path == "-":
        try:
            data = read_stdin(MAX_IMPORT_BYTES)
        except OSError as exc:
            reason = exc.strerror or "stdin is closed"
            raise BriefError(f"cannot read the report from stdin: {reason}") from None
        if len(data) > MAX_IMPORT_BYTES:
            # Read no further: how much more there is is unknown (it may never end).
            raise NotAReport(f"<stdin>: more than {MAX_IMPORT_BYTES:,} bytes; {LIMIT_TEXT}")
        return Report(data, "<stdin>")
    if path[:8].casefold().startswith(("http://", "https://")):
        from briefcli.importers import fetch

        page = fetch.fetch(path, limit=MAX_IMPORT_BYTES)
        return Report(page.data, sanitize_line(page.url), page.form, page.source)
    data = read_file(path, REPORT, limit=MAX_IMPORT_BYTES)
    # The name becomes the brief's source, UTF-8 text: bytes that are not UTF-8 become U+FFFD.
    name = Path(path).name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return Report(data, sanitize_line(path), "auto", name)


class OutlineEntry(NamedTuple):
    """One heading found in a report: its line, the id it gets, its title, and its depth."""

    line: int
    id: str
    title: str
    depth: int


def import_report(
    data: bytes,
    name: str,
    form: str = "auto",
    *,
    source: str = "",
    title: str | None = None,
    brief_id: str | None = None,
    encoding: str | None = None,
) -> Brief:
    """Parse report bytes into a brief, with the dated statements found in its prose.

    ``form`` is 'auto', 'goover' (any plain text) or 'markdown'; ``source`` becomes the
    brief's ``source`` field and ``title`` replaces the title found in the text. Raises
    :class:`NotAReport` (a clean, one-line error) for anything that is not a report.
    ``brief_id`` replaces the id the reader gave it (a few words of the title,
    :func:`naming.brief_id`, or the front matter's own). ``encoding`` names the text's
    encoding when it is not UTF-8 (``--encoding``).
    """
    from briefcli.importers import naming, timeline

    # The bytes are handed on, not kept here: once decoded they can go (when the caller
    # passed them without keeping them either, as `brief import` does).
    held = [data]
    del data
    brief, _, own, chosen = _parse(held, name, form, source=source, title=title, encoding=encoding)
    meta = brief.meta
    if title is not None:
        meta = meta._replace(title=" ".join(title.split()))
        meta = meta._replace(id=naming.brief_id(meta.title, name))
    if brief_id is not None:
        meta = meta._replace(id=brief_id)
    brief = brief._replace(meta=meta)
    events = list(timeline.extract(brief, paged=chosen == "pdf"))
    # Dates a page marks up (<time datetime>) that the prose's own dates do not already give.
    seen = {(e.date.text, e.event) for e in events}
    events += [e for e in own if (e.date.text, e.event) not in seen]
    if own:
        events.sort(key=lambda e: e.date.sort_key)
    return brief._replace(timeline=tuple(events[: timeline.MAX_EVENTS]))


def outline(
    data: bytes, name: str, form: str = "auto", *, encoding: str | None = None
) -> list[OutlineEntry]:
    """The headings a report's import finds, with the line each stands on (0: none, for the
    text before the first heading), the id it gets and its depth (1 section, 2 subsection).
    A report without a title line (which import needs ``--title`` for) is outlined too."""
    try:
        _, drafts, _, _ = _parse([data], name, form, encoding=encoding)
    except NoTitle:
        _, drafts, _, _ = _parse([data], name, form, title="outline", encoding=encoding)
    entries = []
    for draft in drafts:
        entries.append(OutlineEntry(draft.line, draft.id, draft.title, 1))
        entries += [OutlineEntry(sub.line, sub.id, sub.title, 2) for sub in draft.subs]
    return entries


def outline_text(data: bytes, name: str, form: str = "auto", *, encoding: str | None = None) -> str:
    """The outline as ``brief import --outline`` prints it: line, id and title of each
    heading, subsections indented; '-' for the text before the first heading."""
    rows = [("line", "id", "heading")]
    for entry in outline(data, name, form, encoding=encoding):
        line = str(entry.line) if entry.line else "-"
        rows.append((line, entry.id, "  " * (entry.depth - 1) + sanitize_line(entry.title)))
    width = max(len(row[1]) for row in rows)
    lines = [f"{line:>6}  {id_:<{width}}  {title}" for line, id_, title in rows]
    return "\n".join(lines) + "\n"


def _parse(
    held: list[bytes],
    name: str,
    form: str,
    *,
    source: str = "",
    title: str | None = None,
    encoding: str | None = None,
) -> tuple[Brief, list[Draft], list[TimelineEvent], str]:
    """Read the report whose bytes ``held`` holds: they are taken out of it, so that nothing
    but this function holds them, and they are let go once decoded (issue 12: peak memory).
    Also the dates a web page marks up, and the form it was read as ('pdf', 'html',
    'markdown', 'goover')."""
    from briefcli.importers import containers, markdown_source, plain_text, text

    data = held.pop()

    if len(data) > MAX_IMPORT_BYTES:
        raise NotAReport(f"{name}: {len(data):,} bytes; {LIMIT_TEXT}")
    data = containers.unpacked(data, name, MAX_IMPORT_BYTES)
    if title is not None and not title.strip():
        raise BriefError("--title needs some text")
    chosen = form if form != "auto" else sniff(data, name)
    if encoding is not None and chosen == "pdf":
        raise BriefError("--encoding is for text: a PDF names the encodings of its own fonts")
    if encoding is not None:
        data = text.recoded(data, encoding, name)
    if chosen == "pdf":
        from briefcli.importers import pdf_source

        brief, drafts = pdf_source.parse(data, name=name, source=source, title=title)
        return brief, drafts, [], chosen
    if chosen == "html":
        from briefcli.importers import html_source

        base = name if "://" in name else ""  # a URL's relative links are made absolute
        brief, drafts, marks = html_source.parse(
            data, name=name, source=source, title=title, base_url=base
        )
        return brief, drafts, html_source.time_events(brief, marks), chosen
    if chosen == "auto" and text.is_info(data):
        chosen = "goover"  # an Info manual's underlines are Texinfo's, not Markdown's
    decoded = [text.decode_report(data, name)]
    del data
    chosen = chosen if chosen != "auto" else detect(decoded[0], name)
    read = markdown_source.parse if chosen == "markdown" else plain_text.parse
    # ``pop()``: the reader holds the only reference to the text and may let it go once
    # read (the plain-text reader does, after splitting it into lines).
    return (*read(decoded.pop(), name=name, source=source, title=title), [], chosen)


def sniff(data: bytes, name: str) -> str:
    """'pdf' or 'html' from the name's suffix or the first bytes ('%PDF-', '<!DOCTYPE html>',
    '<html>'); 'auto' for text, which :func:`detect` reads further. A '.txt' or Markdown file
    is text whatever it holds."""
    from briefcli.importers import html_source

    suffix = _suffix(name)
    if suffix in _PDF_SUFFIXES or b"%PDF-" in data[:1024]:
        return "pdf"
    if suffix in _HTML_SUFFIXES:
        return "html"
    if suffix in _TEXT_SUFFIXES or suffix in _MARKDOWN_SUFFIXES:
        return "auto"
    return "html" if html_source.looks_like(data) else "auto"


def _suffix(name: str) -> str:
    """A file name's suffix, or a URL path's (without its query); a compressed file's is
    the suffix under the compression's ('NEWS.md.gz' → '.md')."""
    from briefcli.importers.containers import unpacked_name

    if "://" in name:
        from urllib.parse import urlsplit

        name = urlsplit(name).path
    return Path(unpacked_name(name)).suffix.casefold()


def detect(decoded: str, name: str) -> str:
    """'goover' (plain text) or 'markdown': from the file name's suffix, else from the text.

    A '.txt' file is never read as Markdown: '<Ctrl-Z Return>' stays text. (Web pages and
    PDFs are told by :func:`sniff`, before the bytes are decoded.)
    """
    import re

    from briefcli.importers import markdown_source, plain_text

    suffix = _suffix(name)
    if suffix in _MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in _TEXT_SUFFIXES or plain_text.looks_like(decoded, strong=True):
        return "goover"
    if len(re.findall(_NUMBERED_UNDERLINED, decoded[:200_000], re.MULTILINE)) >= 2:
        # Numbered headings underlined ('1. Definitions' over '-----', MPL 2.0): Markdown
        # reads each as a list's item over a rule, and the sections would be lost.
        return "goover"
    if markdown_source.looks_like(decoded):
        return "markdown"
    # Plain text, with its headings or without (then one section of prose, or refused).
    return "goover"


def brief_yaml(brief: Brief, name: str, *, overlay: str | None = None) -> str:
    """The brief as a brief file, with an overlay merged in; checked as ``brief validate`` would.

    The text is what ``brief export --format yaml`` prints for the same brief (no comments), so
    a brief has one form whichever way it was made. Raises :class:`NotAReport` naming the first
    problem if the result would not load (for example a paragraph over the length limit).
    """
    import io

    stream = io.BytesIO()
    brief_to_write(brief, name, overlay=overlay).write(stream)
    return stream.getvalue().decode("utf-8")


def brief_to_write(brief: Brief, name: str, *, overlay: str | None = None) -> BriefToWrite:
    """The brief as plain data, with an overlay merged in, ready to be written and checked.

    A brief too large for brief to read once written is refused here, before any YAML is
    made. Passed a brief that nothing else holds, it lets go of it once it is plain data
    (issue 12: peak memory).
    """
    from briefcli.codec import brief_to_data
    from briefcli.importers.overlay import apply_overlay, load_overlay
    from briefcli.yamlio import over_limits

    data = brief_to_data(brief)
    del brief
    if overlay is not None:
        data = apply_overlay(data, load_overlay(overlay), sanitize_line(overlay))
    if (limit := over_limits(data)) is not None:
        # Before the YAML is made: a brief brief could not read is never written.
        raise NotAReport(f"{name}: too large for one brief: {limit}; split the report into parts")
    return BriefToWrite(data, name)


class BriefToWrite:
    """A brief made from the report ``name``, not yet written: its id, which names its file,
    and its plain data, which :meth:`write` takes (it writes once)."""

    def __init__(self, data: dict[str, Any], name: str) -> None:
        self.id: str = data["id"]
        self.name = name
        self._held = [data]

    def write(self, stream: IO[bytes]) -> None:
        """Write the brief file into ``stream`` (a new file, open for reading too) and check
        it as brief reads it: :class:`NotAReport` names the first problem of a brief that
        would not load, and the caller drops what was written.

        The YAML goes to the stream as it is made and is read back from it a chunk at a
        time (:func:`briefcli.loader.check_stream`), and the data goes once written: the
        text is never held whole, nor its node tree (issue 12: peak memory).
        """
        from briefcli.errors import BriefFileError
        from briefcli.files import MAX_FILE_BYTES, decode_text
        from briefcli.loader import check_brief, check_stream
        from briefcli.yamlio import dump_to

        size = 0

        def put(text: str) -> None:
            nonlocal size
            chunk = text.encode("utf-8")
            size += len(chunk)
            if size <= MAX_FILE_BYTES:  # past it, only counted: the brief is refused
                stream.write(chunk)

        start = stream.tell()
        # Text with control, bidi or invisible characters is written escaped: see yamlio.dump.
        dump_to(self._held.pop(), put)
        if size > MAX_FILE_BYTES:
            raise NotAReport(
                f"{self.name}: the brief would be {size:,} bytes; brief reads briefs of at most "
                f"{MAX_FILE_BYTES:,} bytes"
            )
        stream.flush()
        stream.seek(start)
        if check_stream(stream, self.name) is not None:
            return
        # It may not load: the whole text, read as brief reads it, says why.
        stream.seek(start)
        text = decode_text(stream.read(), self.name)
        try:
            checked, problems = check_brief(text, self.name)
        except BriefFileError as exc:
            # Its line and column are the YAML's, not the report's: give the problem alone.
            raise NotAReport(
                f"{self.name}: cannot make a valid brief of it: {exc.detail}"
            ) from None
        if checked is None:
            first = next(p for p in problems if p.severity == "error")
            raise NotAReport(f"{self.name}: cannot make a valid brief of it: {first.message}")
