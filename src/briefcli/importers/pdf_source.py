"""PDF reports → a brief: the text in reading order, headings from the type, no page furniture.

Two steps, two processes:

1. **Extraction, in a child process with hard limits.** pypdfium2 (PDFium, the PDF engine of
   Chrome; the ``pdf`` extra) reads every character with its box, font size and weight. It runs
   in a separate Python process under ``RLIMIT_AS`` (:data:`MAX_MEMORY`) and ``RLIMIT_CPU``
   (:data:`MAX_SECONDS`), with a wall-clock timeout, so a decompression bomb, a deeply nested
   object graph or a crash in the C++ engine ends that process, never brief: the import
   fails with one line and exit 2. The child prints each page's text lines as JSON.
2. **Layout, here.** Per page, lines are put in reading order: a page whose lines leave a
   vertical gutter free is read column by column (a line across the gutter, such as a title,
   is read where it stands; a column of prose with a gutter of its own is split again, for
   three columns). Running headers and footers (a line at the top or bottom that repeats,
   digits aside, on many pages), page numbers and contents pages are dropped. Lines become
   paragraphs at a vertical gap, an indent or a list marker; a word hyphenated at a line's end
   is joined (the hyphen kept only where the document writes the word with one elsewhere).
   Headings are lines in a larger size than the body or in bold, short, and not ending a
   sentence ('CHAPTER 1' over a title is part of it); their sizes rank their levels, and
   the two-level rule of every importer makes sections and subsections of them. Footnotes
   (small type at the foot of a page, starting with their number) are kept apart from the
   body: a final 'Notes' section holds them as ``[^N]: text``, and their marks in the body
   (raised small digits) become ``[^N]``.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import re
import sys
from collections import Counter
from typing import TYPE_CHECKING, Any, NamedTuple

from briefcli.errors import UsageError
from briefcli.importers import NotAReport
from briefcli.importers.draft import (
    CONTENTS_TITLES,
    NUMBER_WORDS,
    SOURCES_TITLES,
    Heading,
    Item,
    number_value,
)
from briefcli.importers.rendered import PageMeta, placeholder_title

if TYPE_CHECKING:
    from briefcli.importers.draft import Draft
    from briefcli.model import Brief

#: Address space of the extracting process (PDFium, Python and the document's objects).
MAX_MEMORY = 1024 * 1024 * 1024
#: CPU seconds the extracting process may use; the wall-clock timeout is a little longer.
MAX_SECONDS = 60
#: Pages read; a report is rarely a tenth of this.
MAX_PAGES = 5000
#: Characters read in all: the brief holds them all and must stay under 8 MiB.
MAX_CHARS = 6 * 1024 * 1024
#: Fewer visible characters per page than this, on average: no text layer (a scan).
MIN_CHARS_PER_PAGE = 16
_INSTALL = "reading PDF files needs the 'pdf' extra: pip install 'briefcli[pdf]'"
#: A page number alone in the top or bottom margin: up to six digits, as journals and the
#: Federal Register number their pages through a volume (47698).
_PAGE_NUMBER = re.compile(
    r"^(?:(?:page|p\.|seite|página)\s*)?[-–—(\[]?\s*(?:\d{1,6}|[ivxlcdm]{1,8})\s*[-–—)\]]?"
    r"(?:\s*(?:of|/|von|de)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_MARKER = re.compile(r"^(?:[•·◦▪‣●■►▸–—*-]\s|\(?\d{1,3}[.)]\s|\(?[a-z][.)]\s)")
_NUMBERED = re.compile(r"^\d{1,3}(?:[.-]\d{1,3}){0,4}\.?\s+\S")
#: A contents entry: dot leaders to a page number ('1 Introduction . . . . . 1', 'Index ....
#: 32'), set in the headings' type by Texinfo and LaTeX; an entry, not the heading itself.
_LEADERS = re.compile(r"(?:\.\s?){4,}\s*(?:\d{1,4}|[ivxlcdm]{1,8})\s*$", re.IGNORECASE)
_SENTENCE_END = (".", ",", ";")
#: A heading's number or a list's mark, alone ('2.', '1.8.2', '(a)', '•', Wingdings' '!').
_LABEL = re.compile(r"^\s*(?:\(?[0-9A-Za-z]{1,3}(?:\.[0-9]{1,3}){0,4}[.):]?|[^\w\s])\s*$")
#: A heading's own number ('2', '2.1', '2.1.3.'), for its depth.
_DEPTH = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){0,4})\.?\s+\S")
#: A hyphen at a line's end, as PDFium marks it (the lines are then given as one).
_LINE_HYPHEN = "\ufffe"
_MARKS = ("\ufffe", "\x02")


class Line(NamedTuple):
    """A run of text on one line of a page (points, y up from the page's bottom)."""

    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    mono: bool
    text: str


class Page(NamedTuple):
    """A page's size and its lines, as the child read them."""

    width: float
    height: float
    lines: list[Line]


# -- the parent: run the child, then lay out ---------------------------------------------------


def parse(
    data: bytes, *, name: str = "<pdf>", source: str = "", title: str | None = None
) -> tuple[Brief, list[Draft]]:
    """A PDF → its brief (timeline added by the caller) and drafts. Raises
    :class:`NotAReport` (one line, exit 2) for an encrypted, damaged, image-only PDF, or one
    past the limits."""
    from briefcli.importers import rendered

    pages, meta_title = extract(data, name)
    items = Layout(pages).items()
    meta = PageMeta(title="" if placeholder_title(meta_title) else meta_title)
    return rendered.build(items, name=name, source=source, title=title, meta=meta)


def extract(data: bytes, name: str) -> tuple[list[Page], str]:
    """The pages' lines and the document's own title, read in a child process with limits."""
    import importlib.util
    import subprocess

    if importlib.util.find_spec("pypdfium2") is None:
        raise UsageError(_INSTALL)
    code = (
        "import sys, json; sys.path[:0] = json.loads(sys.argv[1]); "
        "from briefcli.importers.pdf_source import child; child()"
    )
    argv = [sys.executable, "-I", "-c", code, json.dumps(sys.path)]
    try:
        done = subprocess.run(
            argv,
            input=data,
            capture_output=True,
            timeout=MAX_SECONDS * 1.5,
            preexec_fn=_limits if sys.platform != "win32" else None,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise NotAReport(
            f"{name}: reading the PDF took over {MAX_SECONDS * 1.5:g} s: it is too complex "
            "(or built to be)"
        ) from None
    except OSError as exc:
        raise NotAReport(f"{name}: cannot start the PDF reader: {exc.strerror}") from None
    if done.returncode != 0:
        raise NotAReport(
            f"{name}: the PDF could not be read within brief's limits "
            f"({MAX_MEMORY // 2**20} MiB of memory, {MAX_SECONDS} s): it is damaged, or "
            "too complex (a compression bomb or deeply nested objects)"
        )
    try:
        result = json.loads(done.stdout)
    except ValueError:
        raise NotAReport(f"{name}: the PDF reader gave no answer") from None
    if error := result.get("error"):
        raise NotAReport(f"{name}: {error}")
    pages = [Page(p["w"], p["h"], [Line(*line) for line in p["lines"]]) for p in result["pages"]]
    return pages, str(result.get("title") or "")


def _limits() -> None:  # pragma: no cover - runs in the child, before Python starts
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MAX_MEMORY, MAX_MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (MAX_SECONDS, MAX_SECONDS + 5))


class Layout:
    """Pages of lines → headings and paragraphs in reading order."""

    def __init__(self, pages: list[Page]) -> None:
        self.pages = pages
        sizes: Counter[float] = Counter()
        for page in pages:
            for line in page.lines:
                sizes[round(line.size * 2) / 2] += len(line.text)
        #: The body text's size: the size most characters have.
        self.body = sizes.most_common(1)[0][0] if sizes else 10.0
        self.furniture = _furniture(pages, self.body)
        #: Lines of a cover page (by id) that are no headings: all but the title's.
        self.cover = _cover(pages, self.body)
        self.vocabulary: set[str] = set()
        self.notes: list[str] = []
        #: Lines dropped as contents entries.
        self.dropped = 0
        #: Each line's column's right edge (by id), and the usual gap between a
        #: paragraph's lines.
        self.edges: dict[int, float] = {}
        self.gap = self.body * 0.4

    def items(self) -> list[Item]:
        """The document's headings and paragraphs, then its footnotes as a 'Notes' section;
        without its contents pages, unless they are all the text it has (a test page of a
        contents list)."""
        items = self.read(contents=False)
        if not any(isinstance(item, str) for item in items) and self.dropped:
            items = self.read(contents=True)
        return items

    def read(self, *, contents: bool) -> list[Item]:
        """The document's items, with or without its contents pages."""
        ordered: list[Line] = []
        listing = False
        self.notes = []
        self.dropped = 0
        for number, page in enumerate(self.pages):
            # Before the page numbers go: an entry's number may stand in the foot's margin.
            kept, listing = (
                (page.lines, False) if contents else self.without_contents(page.lines, listing)
            )
            self.dropped += len(page.lines) - len(kept)
            body, notes = self.split_notes(number, page._replace(lines=kept))
            lines, edges = _reading_order(body, page.width)
            ordered += lines
            self.edges.update(edges)
            self.notes += notes
        for line in ordered:
            self.vocabulary.update(w.casefold() for w in re.findall(r"\w+(?:-\w+)+", line.text))
        self.gap = _typical_gap(ordered, self.body)
        levels = self.heading_levels(ordered)
        items: list[Item] = []
        paragraph: list[Line] = []
        previous: Line | None = None
        from briefcli.importers.draft import numbered_heading

        label = ""
        for row, line in enumerate(ordered, start=1):
            level = levels.get(_style(line))
            if self.labels(line, ordered, row):
                label = " ".join(line.text.split())
                continue
            if level is not None and (
                self.is_heading(line) or self.heading_goes_on(line, ordered, row)
            ):
                if paragraph:
                    items += self.paragraphs(paragraph)
                    paragraph = []
                last = items[-1] if items else None
                text = self.dehyphenate(" ".join(line.text.split()))
                if label:
                    items.append(_labelled(level, label, text, row))
                    label = ""
                elif (
                    isinstance(last, Heading)
                    and last.level == level
                    and previous is not None
                    and _style(previous) == _style(line)
                    and previous.bottom - line.top < line.size * self.spacing(line)
                    and not _NUMBERED.match(text)
                ):
                    # A heading on two lines.
                    items[-1] = numbered_heading(
                        level, f"{last.written or last.title} {text}", last.line
                    )
                else:
                    items.append(numbered_heading(level, text, row))
            else:
                heading = next((i for i in reversed(items) if isinstance(i, Heading)), None)
                listed = heading is not None and heading.title.casefold() in SOURCES_TITLES
                if paragraph and (
                    self.entry_starts(paragraph, line)
                    if listed
                    else self.breaks(paragraph[-1], line)
                ):
                    items += self.paragraphs(paragraph)
                    paragraph = []
                paragraph.append(line)
            previous = line
        if paragraph:
            items += self.paragraphs(paragraph)
        items = _without_contents(items)
        _levels_by_number([item for item in items if isinstance(item, Heading)])
        for item in items:
            if isinstance(item, Heading):
                item.written = re.sub(r"\[\^\d+\]", "", item.written)
                item.title = re.sub(r"\[\^\d+\]", "", item.title)
        if self.notes:
            # At the sections' level: below the title when one heading stands above all.
            found = [item.level for item in items if isinstance(item, Heading)]
            level = min(found, default=1)
            if found.count(level) == 1 and found[0] == level and len(found) > 1:
                level = min(found[1:])
            items.append(Heading(level, "Notes"))
            items += self.notes
        return items

    def dehyphenate(self, text: str) -> str:
        """Words PDFium found hyphenated at a line's end joined: 'collabor-ation' →
        'collaboration', but 'front-line' where the document writes it so elsewhere."""
        if _LINE_HYPHEN not in text:
            return text

        def join(match: re.Match[str]) -> str:
            before, after = match.group(1), match.group(2)
            if f"{before}-{after}".casefold() in self.vocabulary:
                return f"{before}-{after}"
            return before + after

        text = re.sub(rf"(\w+){_LINE_HYPHEN}\s*(\w+)", join, text)
        return text.replace(_LINE_HYPHEN, "")

    # headings

    def heading_levels(self, lines: list[Line]) -> dict[tuple[float, bool], int]:
        """Heading styles (size, bold) → level 1, 2 …: larger first, bold after plain."""
        styles = {
            _style(line)
            for row, line in enumerate(lines, start=1)
            if self.is_heading(line) and not self.labels(line, lines, row)
        }
        ranked = sorted(styles, key=lambda s: (-s[0], not s[1]))
        return {style: level for level, style in enumerate(ranked, start=1)}

    def is_heading(self, line: Line) -> bool:
        """Whether a line is set as a heading: larger or bold, short, not a sentence's end,
        not a contents entry, not on a cover page (but for the title)."""
        text = line.text.strip()
        if id(line) in self.cover:
            return False
        if not text or len(text) > 160 or line.mono or len(re.findall(r"[^\W_]", text)) < 2:
            return False
        if line.size < self.body * 1.15 and not line.bold:
            return False
        if line.size < self.body * 0.95 or _LEADERS.search(text):
            return False
        return not text.endswith(_SENTENCE_END) or bool(_NUMBERED.match(text))

    def spacing(self, line: Line) -> float:
        """How far apart, in its size, a heading's lines may stand: one line's height; more
        for a heading set large in a document set double-spaced (a preprint's title), as
        its body's lines are (not a table's bold rows, spaced as its cells are)."""
        if line.size < self.body * 1.3:
            return 1.0
        return max(1.0, self.gap / self.body * 1.3)

    def labels(self, line: Line, ordered: list[Line], row: int) -> bool:
        """Whether a line is a chapter's label over its title ('CHAPTER 1' over
        'Introduction'): the title, a heading, follows just below."""
        if not chapter_label(line.text.strip()) or row >= len(ordered):
            return False
        after = ordered[row]  # the next line (rows count from 1)
        # The title is no smaller than its label and has no number of its own: 'Section 1'
        # over its subsection 'Sub A', or 'Chapter One' over '1.8.2 Omission', is no label.
        return (
            self.is_heading(after)
            and after.size >= line.size * 0.95
            and not chapter_label(after.text.strip())
            and not _NUMBERED.match(after.text.strip())
            and 0 <= line.bottom - after.top < max(line.size, after.size) * 3
        )

    def without_contents(self, lines: list[Line], listing: bool) -> tuple[list[Line], bool]:
        """A page's lines without its contents' entries, and whether the page lists
        contents. Entries are rows whose last part is a page number set apart from the
        title (flush right, without dot leaders); the rows from a 'Contents' heading (or
        the first rows of the page after a page of contents) to the last entry before two
        rows that are none are dropped when most of them are entries."""
        rows = _rows(lines)
        start = next(
            (
                index + 1
                for index, row in enumerate(rows)
                if len(row) == 1
                and row[0].text.strip().rstrip(":").casefold() in CONTENTS_TITLES
                and self.is_heading(row[0])
            ),
            0 if listing else None,
        )
        if start is None:
            return lines, False
        entries: list[int] = []
        for index in range(start, len(rows)):
            if contents_entry([line.text for line in rows[index]]):
                entries.append(index)
            elif index - (entries[-1] if entries else start - 1) > 2:
                break  # two rows that are no entries: the contents end (an entry may wrap)
        if listing and start == 0:
            # The page after a page of contents: they go on only from its first rows (a
            # running head above), and there their last few will do.
            if not entries or entries[0] > 2:
                return lines, False
            start = entries[0]
        elif len(entries) < 3:
            return lines, False
        if len(entries) * 5 < (entries[-1] + 1 - start) * 3:
            return lines, False
        dropped = {id(line) for row in rows[start : entries[-1] + 1] for line in row}
        # The contents page's own number, set higher than the foot's margin.
        dropped |= {
            id(row[0])
            for row in rows[entries[-1] + 1 :]
            if len(row) == 1 and _PAGE.match(row[0].text.strip())
        }
        # They may go on over the next page when they reach this one's foot.
        return [line for line in lines if id(line) not in dropped], entries[-1] + 3 >= len(rows)

    def heading_goes_on(self, line: Line, ordered: list[Line], row: int) -> bool:
        """Whether a heading's line that ends in ',' or ';' is the first of a heading on two
        lines ('Digital Health Records: Adoption,' over 'Risks and Governance')."""
        text = line.text.strip()
        if not text.endswith((",", ";")) or row >= len(ordered):
            return False
        after = ordered[row]  # the next line (rows count from 1)
        return (
            _style(after) == _style(line)
            and self.is_heading(after)
            and 0 <= line.bottom - after.top < line.size
            and self.is_heading(line._replace(text=text[:-1]))
        )

    # paragraphs

    def breaks(self, last: Line, line: Line) -> bool:
        """Whether ``line`` starts a new paragraph after ``last``."""
        if line.mono != last.mono:
            return True
        gap = last.bottom - line.top
        edge = self.edges.get(id(last), last.x1)
        if gap < -line.size * 3:
            # The next column or page: the paragraph goes on unless its last line ended
            # short of the column's edge.
            if _MARKER.match(line.text) and not line.mono:
                return True
            return last.x1 < edge - max(edge - last.x0, 1) * 0.15
        if gap > self.gap + line.size * 0.35:
            return True
        if line.mono:
            return False
        if _MARKER.match(line.text):
            return True
        short = last.x1 < edge - max(edge - last.x0, 1) * 0.3
        if short and (
            last.text.rstrip().endswith((".", "!", "?", ":", '"', "”")) or (line.text[:1].isupper())
        ):
            return True
        if _MARKER.match(last.text) and line.x0 > last.x0:
            return False  # a list item's next line, under its text (a hanging indent)
        return line.x0 > last.x0 + line.size * 0.8 and last.x0 <= line.x0  # first-line indent

    def entry_starts(self, entry: list[Line], line: Line) -> bool:
        """Whether ``line`` starts a new entry of a list of references: entries start at
        the margin, their further lines are indented under them (a hanging indent)."""
        first, last = entry[0], entry[-1]
        if last.bottom - line.top > self.gap + line.size * 0.35 and line.top < last.bottom:
            return True  # a gap, as between entries set apart
        if last.bottom - line.top < -line.size * 3:
            # The next column or page: its margin is elsewhere; an entry ends with a '.'.
            return last.text.rstrip().endswith(".")
        return line.x0 <= first.x0 + line.size * 0.5 or _MARKER.match(line.text) is not None

    def paragraphs(self, lines: list[Line]) -> list[Item]:
        """Lines joined into a paragraph (code lines kept verbatim, fenced)."""
        if lines[0].mono:
            left = min(line.x0 for line in lines)
            width = max(lines[0].size * 0.6, 1.0)
            body = "\n".join(
                " " * round((line.x0 - left) / width) + line.text.rstrip() for line in lines
            )
            fence = "~~~" if "```" in body else "```"
            return [f"{fence}\n{body}\n{fence}"]
        text = ""
        for line in lines:
            part = line.text.strip()
            if not text:
                text = part
            elif text.endswith(_LINE_HYPHEN):
                text = f"{text}{part}"
            elif text.endswith("-") and re.search(r"[^\W\d_]-$", text) and part[:1].islower():
                text = self.join_hyphenated(text, part)
            else:
                text = f"{text} {part}"
        text = self.dehyphenate(text)
        return [" ".join(text.split())] if text.strip() else []

    def join_hyphenated(self, text: str, part: str) -> str:
        """'collabor-' + 'ation' → 'collaboration'; 'front-' + 'line' stays 'front-line'
        where the document writes it so elsewhere."""
        head = text[:-1]
        before = re.search(r"(\w+)$", head)
        after = re.match(r"(\w+)", part)
        written = f"{before.group(1)}-{after.group(1)}" if before and after else ""
        if text.endswith("-") and written.casefold() in self.vocabulary:
            return f"{text}{part}"
        return f"{head}{part}"

    # footnotes

    def split_notes(self, number: int, page: Page) -> tuple[list[Line], list[str]]:
        """A page's body lines, and its footnotes (as '[^N]: text'): small lines below the
        body text, the first starting with its number."""
        lines = [
            line
            for line in page.lines
            if (number, _furniture_key(line, page)) not in self.furniture
            and not _is_page_number(line, page)
            and not _off_page(line, page)
        ]
        body_lines = [line for line in lines if line.size >= self.body * 0.9]
        if not body_lines:
            return lines, []
        lowest = min(line.bottom for line in body_lines)
        small = [
            line
            for line in lines
            if line.top <= lowest and line.size < self.body * 0.9 and not line.mono
        ]
        small.sort(key=lambda ln: -ln.top)
        # The notes start at the first small line that starts with its number: a table or a
        # caption set small above them stays in the body.
        first = next((i for i, ln in enumerate(small) if re.match(r"^\d{1,3}\s", ln.text)), None)
        if first is None:
            return lines, []
        small = small[first:]
        notes: list[str] = []
        for line in small:
            match = re.match(r"^(\d{1,3})\s+(.*)$", line.text.strip())
            if match:
                notes.append(f"[^{match.group(1)}]: {self.dehyphenate(match.group(2))}")
            elif notes:
                notes[-1] = self.paragraphs_text(notes[-1], line.text.strip())
        kept = [line for line in lines if line not in small]
        return kept, notes

    def paragraphs_text(self, text: str, part: str) -> str:
        if text.endswith("-") and part[:1].islower():
            return self.join_hyphenated(text, part)
        return self.dehyphenate(f"{text} {part}")


def _without_contents(items: list[Item]) -> list[Item]:
    """The items without a table of contents: a 'Contents' heading over nothing but entries
    with dot leaders to page numbers ('1 Introduction . . . . 3'). As in a text report, the
    contents are skipped: the brief's own contents replace them."""
    out: list[Item] = []
    index = 0
    while index < len(items):
        item = items[index]
        if isinstance(item, Heading) and item.title.casefold() in CONTENTS_TITLES:
            end = index + 1
            while end < len(items) and isinstance(items[end], str):
                end += 1
            entries = items[index + 1 : end]
            if all(isinstance(entry, str) and _LEADERS.search(entry) for entry in entries):
                # Entries with dot leaders; or none, as its entries were dropped.
                index = end
                continue
        out.append(item)
        index += 1
    return out


def _levels_by_number(headings: list[Heading]) -> None:
    """Headings set in one type whose numbers say they nest ('1 Introduction', '1.1
    Background', both bold at the body's size) get levels by their numbers' depth: a level
    of type ``n`` becomes ``10n``, and a heading numbered one step deeper than the shallowest
    in its type ``10n + 1``."""
    depths: dict[int, set[int]] = {}
    found: list[tuple[Heading, int]] = []
    for heading in headings:
        match = _DEPTH.match(heading.written or heading.title)
        depth = match.group(1).count(".") + 1 if match else 0
        found.append((heading, depth))
        if depth:
            depths.setdefault(heading.level, set()).add(depth)
    for heading, depth in found:
        seen = depths.get(heading.level, set())
        extra = depth - min(seen) if depth and len(seen) > 1 else 0
        heading.level = heading.level * 10 + min(extra, 9)


#: A chapter's label, alone on its line over the chapter's title: 'CHAPTER 1', 'Part IV',
#: 'Appendix A', 'Chapter One'. Not 'Section Two': a heading of its own, as often as not.
_CHAPTER = re.compile(
    r"^(?i:chapter|part|appendix|annex|book)\s+"
    r"(\d{1,3}|[IVXLC]{1,7}|[ivxlc]{1,7}|[A-Z]|(?i:" + "|".join(NUMBER_WORDS[1:13]) + r"))$"
)
#: A contents entry's page number: arabic or roman.
_PAGE = re.compile(r"^(?:\d{1,4}|[ivxlc]{1,7})$", re.IGNORECASE)


def chapter_label(text: str) -> bool:
    """Whether ``text`` is a chapter's label alone ('CHAPTER 1', 'Part IV'), not a
    sentence that opens with one."""
    return bool(text[:1].isupper() and _CHAPTER.match(" ".join(text.split())))


def _labelled(level: int, label: str, text: str, row: int) -> Heading:
    """A chapter's title under its label: 'CHAPTER 3' over 'Findings' is the heading
    'Findings' numbered 3 ('CHAPTER 3 Findings' as written); other labels ('Part II',
    whose chapters are numbered through the book; 'Appendix A') stay part of the title."""
    from briefcli.importers.draft import tidy_title

    written = tidy_title(f"{label} {text}")
    match = _CHAPTER.match(" ".join(label.split()))
    value = number_value(match.group(1)) if match else None
    chapter = label.casefold().startswith("chapter")
    if chapter and value is not None and not re.match(r"^\d", text):
        return Heading(level, tidy_title(text), str(value), row, written=written)
    return Heading(level, written, "", row)


def contents_entry(texts: list[str]) -> bool:
    """Whether a row's parts (left to right) are a contents entry: a title, then its page
    number apart ('Executive Summary', 'iii'), or after dot leaders."""
    if texts and _LEADERS.search(texts[-1]):
        return True
    if len(texts) < 2 or not _PAGE.match(texts[-1].strip()):
        return False
    title = " ".join(" ".join(texts[:-1]).split())
    return any(char.isalpha() for char in title) and not title.endswith(_SENTENCE_END)


def _rows(lines: list[Line]) -> list[list[Line]]:
    """A page's lines in rows (one baseline each), top to bottom, each left to right."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: -ln.bottom):
        if rows and abs(rows[-1][0].bottom - line.bottom) < max(line.size, 1.0) * 0.4:
            rows[-1].append(line)
        else:
            rows.append([line])
    return [sorted(row, key=lambda ln: ln.x0) for row in rows]


def _style(line: Line) -> tuple[float, bool]:
    return (round(line.size * 2) / 2, line.bold)


def _off_page(line: Line, page: Page) -> bool:
    """Whether a line lies outside the page's visible box: a printer's proof mark or slug
    in the bleed (the IRS's '7:48 - 6-DEC-2007 Page 2 of 48' above each page), never seen
    in a viewer."""
    return line.bottom >= page.height or line.top <= 0 or line.x0 >= page.width or line.x1 <= 0


def _is_page_number(line: Line, page: Page) -> bool:
    in_margin = line.top > page.height * 0.9 or line.bottom < page.height * 0.1
    return in_margin and bool(_PAGE_NUMBER.match(line.text.strip()))


def _cover(pages: list[Page], body: float) -> set[int]:
    """The lines (by id) of a cover page that are no headings: the first page of several is
    a cover when under a third of its characters are in the body's size; its lines but the
    largest (the title) are its subtitle, publisher, date and authors, set large."""
    if len(pages) < 2 or not pages[0].lines:
        return set()
    lines = pages[0].lines
    total = sum(len(line.text) for line in lines)
    in_body = sum(len(line.text) for line in lines if abs(line.size - body) < 0.6)
    if in_body * 3 >= total:
        return set()
    largest = max(round(line.size * 2) / 2 for line in lines)
    return {id(line) for line in lines if round(line.size * 2) / 2 < largest}


def _furniture_key(line: Line, page: Page) -> tuple[str, int]:
    """A line as running heads are compared: digits aside (page numbers in it), its size
    (a heading that happens to stand at the top is no running head) and its band (top or
    bottom; 0 elsewhere)."""
    band = 1 if line.top > page.height * 0.88 else -1 if line.bottom < page.height * 0.12 else 0
    text = re.sub(r"\d+", "#", " ".join(line.text.split()).casefold())
    return f"{round(line.size)} {text}", band


def _furniture(pages: list[Page], body: float) -> set[tuple[int, tuple[str, int]]]:
    """(page, line) of running headers and footers: a line in the top or bottom band, no
    larger than the body text, whose text (digits aside) stands there on at least a third of
    the pages (and two of them)."""
    seen: Counter[tuple[str, int]] = Counter()
    for page in pages:
        keys = {_furniture_key(line, page) for line in page.lines if line.size <= body * 1.05}
        seen.update(key for key in keys if key[1] != 0)
    repeated = {key for key, count in seen.items() if count >= max(2, len(pages) / 3)}
    return {
        (number, key)
        for number, page in enumerate(pages)
        for line in page.lines
        if (key := _furniture_key(line, page)) in repeated
    }


def _reading_order(lines: list[Line], width: float) -> tuple[list[Line], dict[int, float]]:
    """A page's lines in reading order: top to bottom; where the page has columns (a gutter
    no line crosses, with text on both sides), the left column's lines of each band before
    the right's, and each column read so in turn (three columns are two gutters). A line
    across a gutter ends a band. Also each line's column's right edge (by the line's id)."""
    across: dict[int, str] = {}
    placed = _columns(lines, 0.0, width, "", across)
    edges: dict[str, float] = {}
    for line, column in placed:
        if id(line) not in across:
            edges[column] = max(edges.get(column, 0.0), line.x1)
    out: dict[int, float] = {}
    for line, column in placed:
        if id(line) in across:
            # A line across a gutter: its own edge, or the right columns' beside it.
            level = across[id(line)]
            beside = [edge for key, edge in edges.items() if key.startswith(level + "R")]
            out[id(line)] = max([line.x1, *beside])
        else:
            out[id(line)] = edges[column]
    return [line for line, _ in placed], out


def _columns(
    lines: list[Line], low: float, high: float, path: str, across: dict[int, str]
) -> list[tuple[Line, str]]:
    """``lines`` between ``low`` and ``high`` in reading order, each with its column's path
    ('' the whole width, 'L' and 'R' the sides of a gutter, 'LR' … within them). Lines
    across a gutter are noted in ``across`` (by id) with the path of the width they cross."""
    # Row by row (a table's cells on one baseline, whatever their glyphs' heights), each
    # left to right: by their tops, '7' (lower than 'Rail') was read after '33'.
    lines = [line for row in _rows(lines) for line in row]
    gutter = _gutter(lines, low, high) if len(path) < 3 else None
    if gutter is not None and path and not _prose_columns(lines, gutter):
        gutter = None
    if gutter is None:
        return [(line, path) for line in lines]
    out: list[tuple[Line, str]] = []
    left: list[Line] = []
    right: list[Line] = []
    right_side = [line for line in lines if line.x0 >= gutter]

    def band() -> None:
        out.extend(_columns(left, low, gutter, path + "L", across))
        out.extend(_columns(right, gutter, high, path + "R", across))
        left.clear()
        right.clear()

    for line in lines:
        if line.x0 < gutter < line.x1 and any(
            other.bottom < line.top and line.bottom < other.top for other in right_side
        ):
            left.append(line)  # runs past the gutter beside the right column: the left's
            across[id(line)] = path
        elif line.x0 < gutter < line.x1:
            band()
            out.append((line, path))
            across[id(line)] = path
        elif line.x1 <= gutter:
            left.append(line)
        else:
            right.append(line)
    band()
    return out


def _prose_columns(lines: list[Line], gutter: float) -> bool:
    """Whether the lines on each side of a gutter within a column are columns of prose (a
    newsletter's second and third), not a table's cells: as wide as each other, five lines
    or more each, most of them across most of their column's width."""
    spans: list[float] = []
    for side in (
        [line for line in lines if line.x1 <= gutter],
        [line for line in lines if line.x0 >= gutter],
    ):
        if len(side) < 5:
            return False
        span = max(line.x1 for line in side) - min(line.x0 for line in side)
        widths = sorted(line.x1 - line.x0 for line in side)
        if widths[len(widths) // 2] < span * 0.6:
            return False
        spans.append(span)
    return min(spans) * 1.5 >= max(spans)


def _typical_gap(lines: list[Line], body: float) -> float:
    """The usual space between two lines of a paragraph: the most common gap between
    consecutive body lines (a paragraph's lines are most lines)."""
    gaps: Counter[float] = Counter()
    for last, line in itertools.pairwise(lines):
        gap = last.bottom - line.top
        if abs(line.size - body) < 0.6 and abs(last.size - body) < 0.6 and 0 <= gap < body * 2:
            gaps[round(gap * 2) / 2] += 1
    return gaps.most_common(1)[0][0] if gaps else body * 0.4


def _gutter(lines: list[Line], low: float, high: float) -> float | None:
    """The x of a column gutter in the middle of the width from ``low`` to ``high`` (the
    page's, or a column's), or None for one column. Lines across it above both columns'
    first lines do not count: a paper's title and authors over its two columns."""
    best: tuple[int, float] | None = None
    for step in range(30, 71):
        x = low + (high - low) * step / 100
        left = [line.top for line in lines if line.x1 <= x]
        right = [line.top for line in lines if line.x0 >= x]
        head = min(max(left, default=0.0), max(right, default=0.0))
        crossing = sum(1 for line in lines if line.x0 < x < line.x1 and line.top <= head)
        if min(len(left), len(right)) < 3:
            crossing = len(lines)  # no column on one side
        if best is None or crossing < best[0]:
            best = (crossing, x)
    if best is None:
        return None
    crossing, x = best
    left_side = [line for line in lines if line.x1 <= x]
    right_side = [line for line in lines if line.x0 >= x]
    if crossing > max(2, len(lines) * 0.08) or min(len(left_side), len(right_side)) < 3:
        return None
    if min(len(left_side), len(right_side)) >= len(lines) * 0.2:
        return x
    # A short column (the last page's references beside a full column): its lines start
    # at one edge (or a hanging indent from it), as a column's do.
    short = left_side if len(left_side) < len(right_side) else right_side
    edge = min(line.x0 for line in short)
    size = max(line.size for line in short)
    aligned = sum(1 for line in short if line.x0 - edge < size * 3)
    return x if aligned * 3 >= len(short) * 2 else None


# -- the child: PDFium reads the characters ----------------------------------------------------

#: Bold by a font's name: the word in it, or TeX's names for its bold fonts, which say 'bx'
#: (bold extended: CMBX10, SFBX1200, ECBX1000) or 'b' before the design size (CMB10), and
#: URW's 'Medi' for the bold of its Times (NimbusRomNo9L-Medi). pdfLaTeX embeds them
#: without a weight PDFium reads as bold (CMBX12: 545; often none at all).
_BOLD_NAME = re.compile(
    r"bold|black|heavy|^(?:[a-z]{6}\+)?(?:(?:cm|sf|ec|tc|lm)bx|cmb\d|nimbus\w*-medi)", re.IGNORECASE
)


def bold_font(name: str, weight: int) -> bool:
    """Whether a font is bold, by the weight PDFium reads (600 and over) or its name."""
    return weight >= 600 or _BOLD_NAME.search(name) is not None


def child() -> None:  # pragma: no cover - run in a subprocess; its output is tested
    """Read a PDF on stdin; print its lines (or an error) as JSON on stdout."""
    data = sys.stdin.buffer.read()
    try:
        result = _read(data)
    except _Refused as exc:
        result = {"error": str(exc)}
    sys.stdout.write(json.dumps(result))


class _Refused(Exception):
    """A PDF brief cannot read, with the reason to print."""


def _read(data: bytes) -> dict[str, Any]:  # pragma: no cover - in the child
    import pypdfium2 as pdfium  # type: ignore[import-untyped, unused-ignore]
    import pypdfium2.raw as raw  # type: ignore[import-untyped, unused-ignore]

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = raw.FPDF_GetLastError()
        if code == raw.FPDF_ERR_PASSWORD:
            raise _Refused(
                "the PDF is encrypted (it needs a password): save or print an unencrypted "
                "copy first"
            ) from None
        if code == raw.FPDF_ERR_SECURITY:
            raise _Refused("the PDF uses an encryption brief cannot read") from None
        raise _Refused(f"not a readable PDF: it is damaged ({exc})") from None
    count = len(pdf)
    if count == 0:
        raise _Refused("the PDF has no pages")
    if count > MAX_PAGES:
        raise _Refused(f"the PDF has {count:,} pages; brief reads at most {MAX_PAGES:,}")
    title = ""
    with contextlib.suppress(pdfium.PdfiumError):
        title = " ".join(str(pdf.get_metadata_dict().get("Title") or "").split())
    pages: list[dict[str, Any]] = []
    total = 0
    for index in range(count):
        page = pdf[index]
        width, height = page.get_size()
        textpage = page.get_textpage()
        # Positions from the visible box's corner: a page cut from a larger sheet (a crop
        # box inside the media box) has its text far from the sheet's origin.
        origin = page.get_bbox()[:2]
        out, read, turned = _page_lines(textpage, origin, upright_only=True)
        if turned and not out:
            # Every line is turned (a landscape table drawn sideways): read them as they are.
            out, read, turned = _page_lines(textpage, origin, upright_only=False)
        total += read
        pages.append({"w": width, "h": height, "lines": out})
        if total > MAX_CHARS:
            raise _Refused(f"the PDF holds over {MAX_CHARS:,} characters of text")
    if total < MIN_CHARS_PER_PAGE * count:
        raise _Refused(
            "the PDF has no text layer (a scan?): make it searchable with OCR first, "
            "e.g. ocrmypdf in.pdf out.pdf"
        )
    return {"title": title, "pages": pages}


def _page_lines(
    textpage: Any, origin: tuple[float, float], *, upright_only: bool
) -> tuple[list[list[Any]], int, int]:  # pragma: no cover - in the child
    """A page's lines as ``[x0, top, x1, bottom, size, bold, mono, text]``, the characters
    read, and the characters skipped as turned (``upright_only``: text set at an angle, such
    as arXiv's identifier up the margin, is no part of the reading)."""
    import ctypes
    import math

    import pypdfium2.raw as raw  # type: ignore[import-untyped, unused-ignore]

    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    name = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    matrix = raw.FS_MATRIX()
    chars = textpage.count_chars()
    text = textpage.get_text_range(0, chars) if chars else ""
    lines: list[list[Any]] = []
    # [x0, top, x1, bottom, {style: n}, text parts, first bold, last bold]
    current: list[Any] | None = None
    last_object = None
    style: tuple[float, bool, bool] = (0.0, False, False)
    upright = True
    last_right = 0.0
    after_mark = False
    read = turned = 0
    for i in range(chars):
        char = text[i] if len(text) == chars else chr(raw.FPDFText_GetUnicode(textpage, i))
        if char in "\r\n":
            if after_mark:
                # PDFium ends a line at a raised footnote mark; the text goes on after
                # it on the same line (the checks below end it if the next is lower).
                continue
            if current is not None:
                lines.append(current)
            current = None
            continue
        after_mark = False
        raw.FPDFText_GetCharBox(textpage, i, left, right, bottom, top)
        if char == " " or (left.value == right.value == 0 and char.isspace()):
            if current is not None:
                current[5].append(" ")
            continue
        obj = raw.FPDFText_GetTextObject(textpage, i)
        key = ctypes.cast(obj, ctypes.c_void_p).value if obj else None
        if key != last_object or key is None:
            last_object = key
            size = raw.FPDFText_GetFontSize(textpage, i)
            # The size as drawn: many makers (Acrobat Distiller, Quartz, iText, PDFium's
            # own printing) set a font at size 1 and scale it by the text matrix.
            scale = 1.0
            upright = True
            if raw.FPDFText_GetMatrix(textpage, i, matrix):
                scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c)) or 1.0
                upright = abs(matrix.b) <= abs(matrix.a) * 0.1 and matrix.a > 0
            weight = raw.FPDFText_GetFontWeight(textpage, i)
            raw.FPDFText_GetFontInfo(textpage, i, name, 256, flags)
            font = name.value.decode("latin-1", "replace").casefold()
            bold = bold_font(font, weight)
            mono = bool(flags.value & 1) or any(w in font for w in ("mono", "courier", "code"))
            style = (round(size * scale, 2), bold, mono)
        if upright_only and not upright:
            turned += 1
            continue
        x0, x1 = left.value - origin[0], right.value - origin[0]
        y0, y1 = bottom.value - origin[1], top.value - origin[1]
        if char in _MARKS:  # a hyphen PDFium found at a line's end: its box is no guide
            if current is not None:
                current[5].append(_LINE_HYPHEN)
            continue
        if ord(char) < 32 or char in "\ufeff\uffff":
            continue  # no character (a glyph without a Unicode value) or a control
        middle = (y0 + y1) / 2
        # A gap of two spaces' widths ends a line (another column, a table cell); a
        # heading's number or a list's mark may stand further from its text (a tab).
        gap = 2.5 if current is not None and _LABEL.match("".join(current[5])) else 1.8
        if current is not None and (
            x0 - last_right > max(style[0], 4) * gap
            or x0 < current[0] - style[0] * 4
            or not current[3] - style[0] * 0.3 <= middle <= current[1] + style[0] * 0.3
        ):
            # A wide gap (another column, a table cell) or another line (PDFium gives
            # a line hyphenated at its end and the next as one).
            lines.append(current)
            current = None
        # A footnote's mark: a digit raised and smaller (LaTeX sets it at 0.7 of the
        # text's size, reportlab at 0.8).
        if current is not None and style[0] < max(current[4], key=current[4].get)[0] * 0.85:
            base = max(current[4], key=current[4].get)
            if y0 > current[3] + base[0] * 0.25 and char.isdigit():  # raised small digits
                parts = current[5]
                if parts and parts[-1].startswith("[^") and parts[-1].endswith("]"):
                    parts[-1] = parts[-1][:-1] + char + "]"
                else:
                    parts.append(f"[^{char}]")
                last_right = x1
                after_mark = True
                continue
        if current is None:
            current = [x0, y1, x1, y0, {}, [], style[1], style[1]]
        current[0], current[2] = min(current[0], x0), max(current[2], x1)
        current[1], current[3] = max(current[1], y1), min(current[3], y0)
        current[4][style] = current[4].get(style, 0) + 1
        current[5].append(char)
        current[7] = style[1]
        last_right = x1
        read += 1
    if current is not None:
        lines.append(current)
    out = []
    for x0, y1, x1, y0, styles, parts, first_bold, last_bold in lines:
        text_line = "".join(parts).strip()
        if not text_line:
            continue
        (size, bold, mono) = max(styles, key=styles.get)
        if first_bold and not last_bold:
            # A run-in heading ('Tax benefits extended. The following …'): the bold words
            # open a paragraph, the line is the paragraph's.
            bold = False
        out.append([x0, y1, x1, y0, size, bold, mono, text_line])
    return out, read, turned
