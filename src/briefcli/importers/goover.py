"""Goover-style "General Report" text → a brief: title, numbered sections, glossary, sources.

The text may have passed through other tools: CRLF line ends, a byte order mark, no-break
spaces, tabs, any common bullet glyph, no banner, no table of contents, no blank lines between
paragraphs and trailing white space are all read the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefcli.importers import NotAReport
from briefcli.importers.draft import Draft
from briefcli.importers.naming import slug
from briefcli.importers.text import clean, is_banner, squeeze, tidy_line
from briefcli.importers.timeline import written_date
from briefcli.model import Brief, GlossaryEntry, Metadata, Source

_BULLET = re.compile(r"^(?:[•·◦▪▫‣⁃●○■□►▸➤➢✓✔]\s*|[-*+–—]\s+)")
_SECTION = re.compile(r"^(\d{1,3})\.\s+(\S.*)$")
_SUBSECTION = re.compile(r"^(\d{1,3})[-.](\d{1,3})\.?\s+(\S.*)$")
_REPORT_LINE = re.compile(r"^(?P<kind>(?:[A-Z][\w-]*\s+){0,4}Report)\s+(?P<date>\S.*)$")
_TERM = re.compile(
    r"^(?P<term>[^\[\]:]{1,120}?)\s*\[(?P<category>[^\[\]]{1,60})\]\s*:\s*(?P<definition>\S.*)$"
)
_PLAIN_TERM = re.compile(r"^(?P<term>[^:.;!?]{1,60}?)\s*:\s+(?P<definition>\S.*)$")
_URL = re.compile(r"https?://[^\s<>\"')\]]+")
_CONTENTS = ("table of contents", "contents")
_CONCLUSION = ("conclusion", "conclusions")
_GLOSSARY = ("glossary",)
_SOURCES = ("source documents", "sources", "references")
_SUMMARY = ("summary", "executive summary")
#: Longest line read as a heading; anything longer is a paragraph.
MAX_TITLE = 200
#: Lines at most this long (nine in ten of them) read as hard-wrapped text.
WRAP_WIDTH = 120
#: Category given to a glossary entry written 'Term: definition', without a [Category].
DEFAULT_CATEGORY = "General"


@dataclass
class _Line:
    """One tidied line of the report: its text without a bullet, and whether it had one."""

    text: str
    bulleted: bool


def looks_like(text: str, *, strong: bool) -> bool:
    """Whether ``text`` reads as a goover report.

    ``strong``: a 'General Report <date>' line or a table-of-contents heading. Otherwise: at
    least two numbered, unbulleted section headings.
    """
    lines = [tidy_line(line) for line in text.split("\n", 2000)[:2000]]
    if strong:
        return any(
            line.casefold() in _CONTENTS or _report_line(line) is not None for line in lines[:40]
        )
    headings = [m for line in lines if (m := _SECTION.match(line)) and _title_like(m.group(2))]
    return len(headings) >= 2


def parse(
    text: str, *, name: str = "<report>", source: str = "", title: str | None = None
) -> Brief:
    """Parse goover report text into a brief (the timeline is added by the caller).

    With ``title`` a report whose first line is not a title still parses.
    """
    lines = _lines(text)
    if not lines:
        raise NotAReport(f"{name}: the file holds no text")
    found, kind, date, publisher, start = _header(lines, name, title is not None)
    title = title or found
    parser = _Body(lines[start:])
    sections = parser.run()
    if all(draft is parser.prelude for draft in sections):
        raise NotAReport(
            f"{name}: no numbered sections ('1. Summary') found: this does not look like a report"
        )
    if all(draft.empty() for draft in sections) and not parser.glossary:
        raise NotAReport(f"{name}: the sections hold no text")
    for draft in sections:
        if draft.title.casefold() in _SUMMARY:
            draft.role = "summary"
            break
    meta = Metadata(slug(title), title, kind, date, publisher, source)
    return Brief(
        meta,
        tuple(d.section() for d in sections),
        tuple(parser.glossary),
        sources=tuple(parser.sources),
    )


def _lines(text: str) -> list[_Line | None]:
    """Tidied lines; None for a blank line (and for a banner, which counts as one)."""
    out: list[_Line | None] = []
    for raw in text.split("\n"):
        line = tidy_line(raw)
        if not line or is_banner(line):
            out.append(None)
            continue
        if bullet := _BULLET.match(line):
            body = line[bullet.end() :].strip()
            out.append(_Line(body, True) if body else None)
        else:
            out.append(_Line(line, False))
    while out and out[-1] is None:
        out.pop()
    return out


def _report_line(line: str) -> tuple[str, str] | None:
    """('General Report', '2025-02-28') for 'General Report February 28, 2025'."""
    if match := _REPORT_LINE.match(line):
        date = written_date(match.group("date"))
        if date is not None:
            return " ".join(match.group("kind").split()), date
    return None


def _title_like(text: str) -> bool:
    return len(text) <= MAX_TITLE and not text.endswith((".", ",", ";", ":"))


def _header(lines: list[_Line | None], name: str, titled: bool) -> tuple[str, str, str, str, int]:
    """Title, kind, date and publisher, and the index where the body (or contents) starts.

    ``titled``: a title was given, so a first line that is no title is no error.
    """
    index = 0
    while index < len(lines) and lines[index] is None:
        index += 1
    first = lines[index]
    assert first is not None
    if (
        first.bulleted
        or _SECTION.match(first.text)
        or _report_line(first.text)
        or first.text.casefold() in _CONTENTS
        or len(first.text) > MAX_TITLE
    ):
        if titled:
            return "", "", "", "", index
        raise NotAReport(
            f"{name}: no title: the first line should be the report's title "
            "(or give one with --title)"
        )
    title = clean(squeeze(first.text))
    kind = date = publisher = ""
    index += 1

    def next_line() -> int:
        at = index
        while at < len(lines) and lines[at] is None:
            at += 1
        return at

    at = next_line()
    if at < len(lines) and (line := lines[at]) and not line.bulleted:
        found = _report_line(line.text) or (
            ("", d) if (d := written_date(line.text)) and len(line.text) < 40 else None
        )
        if found:
            kind, date = found
            index = at + 1
            at = next_line()
            candidate = lines[at] if at < len(lines) else None
            if (
                candidate is not None
                and not candidate.bulleted
                and len(candidate.text) <= 80
                and not _SECTION.match(candidate.text)
                and candidate.text.casefold() not in _CONTENTS
            ):
                publisher = clean(squeeze(candidate.text))
                index = at + 1
    return title, kind, date, publisher, index


class _Body:
    """Reads the body line by line: sections, subsections, paragraphs, glossary, sources."""

    def __init__(self, lines: list[_Line | None]) -> None:
        self.lines = lines
        self.sections: list[Draft] = []
        self.glossary: list[GlossaryEntry] = []
        self.sources: list[Source] = []
        self.leftover_glossary: list[str] = []
        self.part = "sections"
        self.last_number = 0
        self.prelude = Draft("Introduction", id="0")
        self.pending: list[str] = []
        content = [line for line in lines if line is not None]
        bulleted = sum(1 for line in content if line.bulleted)
        # Paragraphs that start with a bullet: a line without one continues the paragraph.
        # Without bullets, hard-wrapped text (short lines, blank lines between paragraphs) is
        # joined up to each blank line; otherwise every line is a paragraph of its own.
        self.bulleted = bulleted * 2 >= len(content) and bulleted > 0
        lengths = sorted(len(line.text) for line in content)
        short = bool(lengths) and lengths[(len(lengths) * 9) // 10] <= WRAP_WIDTH
        self.wrapped = short and None in lines

    def run(self) -> list[Draft]:
        for line in self.lines:
            if line is None:
                self.flush()
            elif not self.heading(line):
                # ``pending`` holds the paragraph the previous line belongs to, if any.
                continues = self.pending and not line.bulleted
                if not (continues and (self.bulleted or self.wrapped)):
                    self.flush()
                self.pending.append(line.text)
        self.flush()
        if self.leftover_glossary:
            number = self.last_number + 1
            self.sections.append(Draft("Glossary", id=str(number), paras=self.leftover_glossary))
        if self.prelude.paras:
            self.sections.insert(0, self.prelude)
        return self.sections

    # -- headings --------------------------------------------------------------------------

    def heading(self, line: _Line) -> bool:
        """Start a section, subsection or part if ``line`` is a heading; True if it was."""
        text = line.text
        folded = text.casefold().rstrip(":")
        if self.part == "sources" and not (not line.bulleted and folded in _GLOSSARY + _CONCLUSION):
            return False
        if not line.bulleted:
            if folded in _CONTENTS:
                self.flush()
                return True
            if folded in _CONCLUSION:
                self.flush()
                role = None if any(d.role == "conclusion" for d in self.sections) else "conclusion"
                self.start_section(self.last_number + 1, text, role)
                return True
            if folded in _GLOSSARY + _SOURCES:
                self.flush()
                self.part = "glossary" if folded in _GLOSSARY else "sources"
                return True
        if (match := _SECTION.match(text)) and _title_like(match.group(2).strip()):
            number = int(match.group(1))
            restart = self.sections and all(d.empty() for d in self.sections)
            allowed = number == self.last_number + 1 or (
                not line.bulleted and (number > self.last_number or (restart and number == 1))
            )
            if allowed:
                self.flush()
                if restart and number <= self.last_number:
                    # What came before was the table of contents: the body starts again at 1.
                    self.sections.clear()
                title = clean(squeeze(match.group(2).strip()))
                role = "conclusion" if title.casefold() in _CONCLUSION else None
                if role and any(d.role == "conclusion" for d in self.sections):
                    role = None
                self.start_section(number, title, role)
                return True
        if (
            self.part == "sections"
            and self.sections
            and (sub := _SUBSECTION.match(text))
            and sub.group(1) == self.sections[-1].id
            and _title_like(sub.group(3).strip())
        ):
            sub_id = f"{sub.group(1)}-{int(sub.group(2))}"
            if all(d.id != sub_id for d in self.sections[-1].subs):
                self.flush()
                self.sections[-1].subs.append(
                    Draft(clean(squeeze(sub.group(3).strip())), id=sub_id)
                )
                return True
        return False

    def start_section(self, number: int, title: str, role: str | None) -> None:
        self.sections.append(Draft(title, id=str(number), role=role))
        self.last_number = number
        self.part = "sections"

    # -- paragraphs --------------------------------------------------------------------------

    def flush(self) -> None:
        """End the paragraph being collected and file it where it belongs."""
        if not self.pending:
            return
        paragraph = clean(squeeze(" ".join(self.pending)))
        self.pending = []
        if self.part == "glossary":
            self.add_term(paragraph)
        elif self.part == "sources":
            self.sources.append(_source(paragraph))
        elif not self.sections:
            self.prelude.paras.append(paragraph)
        elif self.sections[-1].subs:
            self.sections[-1].subs[-1].paras.append(paragraph)
        else:
            self.sections[-1].paras.append(paragraph)

    def add_term(self, paragraph: str) -> None:
        known = {name.casefold() for e in self.glossary for name in e.names()}
        if match := _TERM.match(paragraph):
            term, category, definition = (match[k].strip() for k in _TERM_KEYS)
        elif match := _PLAIN_TERM.match(paragraph):
            term, category = match["term"].strip(), DEFAULT_CATEGORY
            definition = match["definition"]
        else:
            self.leftover_glossary.append(paragraph)
            return
        if not term or term.casefold() in known:
            # A second definition of a known term is kept as text rather than lost.
            self.leftover_glossary.append(paragraph)
            return
        self.glossary.append(GlossaryEntry(term, category, definition.strip()))


_TERM_KEYS = ("term", "category", "definition")


def _source(paragraph: str) -> Source:
    """'Title - https://…' → Source('Title', 'https://…'); text alone is a title."""
    match = _URL.search(paragraph)
    if match is None:
        return Source(paragraph)
    url = match.group().rstrip(".,;:")
    before = paragraph[: match.start()].rstrip(" -–—:|(<[")
    after = paragraph[match.start() + len(url) :].lstrip(" )>].,;:")
    title = f"{before} {after}".strip()
    return Source(title or url, url)
