"""Rich typesetting for a person at a terminal; returns a renderable, never prints.

Headings stand out without colour too: the title and section headings are underlined with a
rule of box-drawing characters, subsections carry their numbers; bullets and stacked table
rows hang, so wrapped lines start under the text and not under the mark. URLs in the text
carry OSC 8 hyperlinks (``output.to_ansi`` keeps them only where a terminal can use them).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.style import Style
from rich.text import Text

from briefcli.render.document import (
    Bullets,
    Code,
    Definition,
    Document,
    Heading,
    Paragraph,
    ReportTable,
    Table,
)
from briefcli.render.text import (
    STACK_INDENT,
    cell_text,
    cells,
    head_lines,
    heading_text,
    list_item,
    stacks,
)
from briefcli.sanitize import sanitize, sanitize_line
from briefcli.termmatch import Matcher
from briefcli.theme import SYNTAX_THEME, style

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.measure import Measurement

# A web address in running text: the characters a URI may hold (printable ASCII, so a link
# target never carries anything a terminal could act on), without a sentence's last stop.
_URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#@!$&()*+,;=%]*[A-Za-z0-9\-_~/#@$&*+=%]")
#: Rules under headings, by level: the title, then sections.
_RULES = {0: "═", 1: "─"}


def render(document: Document) -> RenderableType:
    """The document as one Rich renderable: headings, paragraphs, highlighted terms."""
    pattern = term_matcher(document.terms)
    items: list[RenderableType] = []
    for block in document.blocks:
        items.append(_block(block, pattern, document.heading_mark))
    return Group(*_spaced(items))


def _spaced(items: list[RenderableType]) -> list[RenderableType]:
    out: list[RenderableType] = []
    for index, item in enumerate(items):
        if index:
            out.append(Text(""))
        out.append(item)
    return out


def term_matcher(terms: tuple[str, ...]) -> Matcher | None:
    """The matcher of the glossary names this renderer highlights (None without terms)."""
    # One matcher per document, one pass per paragraph (termmatch.py): linear in both.
    return Matcher(sanitize(t) for t in terms if t.strip()) if terms else None


def _text(value: str, role: str, pattern: Matcher | None = None) -> Text:
    # Text objects, never markup strings: brackets and :emoji: codes stay literal.
    text = Text(sanitize(value), style=style(role), overflow="fold")
    links = _link(text)
    if pattern is not None:
        for start, end in pattern.spans(text.plain):
            # A term inside a web address is part of the address, not a use of the term.
            if not any(start < right and left < end for left, right in links):
                text.stylize(style("highlight"), start, end)
    return text


def _link(text: Text) -> list[tuple[int, int]]:
    """Make every web address in ``text`` a hyperlink to itself; return where they are."""
    if "://" not in text.plain:
        return []
    spans = []
    for found in _URL.finditer(text.plain):
        text.stylize(Style(link=found.group()), found.start(), found.end())
        spans.append((found.start(), found.end()))
    return spans


class _Ruled:
    """A heading over a rule as long as its longest line: distinct with or without colour."""

    def __init__(self, text: Text, rule: str) -> None:
        self.text = text
        self.rule = rule

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = self.text.wrap(console, options.max_width)
        yield from lines
        longest = max((line.cell_len for line in lines), default=0)
        yield Text(self.rule * min(longest, options.max_width), style=style("rule"))


class _Hanging:
    """``mark`` then ``body`` wrapped beside it: wrapped lines start under the body's text."""

    def __init__(self, mark: Text, body: Text) -> None:
        self.mark = mark
        self.body = body

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        body = Measurement.get(console, options, self.body)
        return Measurement(body.minimum + self.mark.cell_len, body.maximum + self.mark.cell_len)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        indent = self.mark.cell_len
        if indent > options.max_width // 2:
            # A mark as wide as half the measure (a list item nested deep) would leave the
            # text a sliver: it wraps under the mark instead.
            yield from (self.mark + self.body).wrap(console, options.max_width)
            return
        lines = self.body.wrap(console, max(options.max_width - indent, 1))
        for index, line in enumerate(lines):
            yield (self.mark if index == 0 else Text(" " * indent)) + line


class _Stacking:
    """A table that stacks its rows on a measure narrower than ``table.stack_below``."""

    def __init__(self, table: Table) -> None:
        self.table = table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if not stacks(self.table, options.max_width):
            yield _table(self.table)
            return
        for row in self.table.rows:
            leading = tuple(sanitize_line(cell) for cell in row[:-1])
            # Broken between cells, the lines after the first indented: a piece of the row
            # never starts where ids start.
            for number, line in enumerate(head_lines(leading, options.max_width)):
                head = Text(overflow="fold")
                for index in line:
                    head.append("  " if head.plain else "")
                    head.append(leading[index], style=style(self.table.roles[index]))
                yield _Hanging(Text(STACK_INDENT), head) if number else head
            cell = row[-1]
            indent = 2 + len(cell) - len(cell.lstrip(" "))
            last = _text(sanitize_line(cell.lstrip(" ")), self.table.roles[-1])
            if self.table.fit(len(row) - 1) == "truncate":
                last.overflow, last.no_wrap = "ellipsis", True
                last.truncate(max(options.max_width - indent, 1), overflow="ellipsis")
            yield _Hanging(Text(" " * indent), last)


def _block(block: object, pattern: Matcher | None, mark: str = "") -> RenderableType:
    if isinstance(block, Heading):
        return _heading(block, mark)
    if isinstance(block, Paragraph):
        text = _text(block.text, block.role, pattern if block.role == "body" else None)
        if sanitize(block.text) == block.text:  # spans index the text as given
            for start, end in block.marks:
                text.stylize(style("match"), start, end)
        if block.role == "hint" and _SEPARATOR in text.plain:
            pieces = text.plain.split(_SEPARATOR)
            if not any(". " in piece for piece in pieces):  # commands, not sentences
                return _Separated(text)
        item = list_item().match(text.plain)
        if item:
            # A list item of the report: wrapped lines start under its text, not its mark.
            return _Hanging(text[: item.end()], text[item.end() :])
        return text
    if isinstance(block, Bullets):
        bullet = Text("  • ", style=style("muted"))
        return Group(*(_Hanging(bullet, _text(item, block.role)) for item in block.items))
    if isinstance(block, Definition):
        return _definition(block)
    if isinstance(block, Table):
        return _Stacking(block) if block.stack_below else _table(block)
    if isinstance(block, Code):
        return _code(block)
    if isinstance(block, ReportTable):
        return _report_table(block)
    raise TypeError(f"cannot render {type(block).__name__} for a terminal")


#: Between the commands of a hint ('Try: brief show 2 · brief read …') and the parts either
#: side of a section in its footer.
_SEPARATOR = " · "


class _Separated:
    """A hint of commands (or places) apart by ' · ': its lines break at a separator, so
    that a command to copy is never cut in two; a piece wider than the measure wraps.
    (A hint of sentences, such as which brief is current, wraps as any paragraph.)"""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        plain = self.text.plain
        # Where each piece starts and ends in the text; a line is a run of pieces, cut from
        # the text itself so that it is one span of style (no escape codes between pieces).
        pieces: list[tuple[int, int]] = []
        start = 0
        while (at := plain.find(_SEPARATOR, start)) >= 0:
            pieces.append((start, at))
            start = at + len(_SEPARATOR)
        pieces.append((start, len(plain)))
        first, last = pieces[0]
        for begin, end in pieces[1:]:
            if cells(plain[first:end]) <= width:
                last = end
                continue
            yield from self._line(console, first, last, width, more=True)
            first, last = begin, end
        yield from self._line(console, first, last, width, more=False)

    def _line(
        self, console: Console, start: int, end: int, width: int, *, more: bool
    ) -> RenderResult:
        """The pieces from ``start`` to ``end``, wrapped if wider than the measure; ended by
        the separator's dot when more follow and it fits (the next line starts with a
        command)."""
        lines = self.text[start:end].wrap(console, width)
        mark = _SEPARATOR.rstrip()
        if more and lines[-1].cell_len + len(mark) <= width:
            lines[-1].append(mark)
        yield from lines


#: Starts each piece of a code line wrapped to fit the terminal: the line goes on here.
CODE_CONTINUED = "↪ "


def _code(block: Code) -> RenderableType:
    """The code highlighted in its language (plain when unknown), indented, lines kept."""
    # rich.syntax loads Pygments (tens of milliseconds): only when a code block shows.
    from rich.syntax import Syntax

    # Tabs become spaces here, at the terminal's columns: Rich measures a tab as no column.
    code = Text(sanitize(block.text).strip("\n"))
    code.expand_tabs(4)
    syntax = Syntax(
        code.plain, block.language.strip() or "text", theme=SYNTAX_THEME, background_color="default"
    )
    return Padding(_CodeLines(syntax.highlight(code.plain)), (0, 0, 0, 4), expand=False)


class _CodeLines:
    """Highlighted code, line for line. A line longer than the measure wraps: its pieces
    start under the line's own indent, marked CODE_CONTINUED, so that no piece reads as a
    line of its own."""

    def __init__(self, code: Text) -> None:
        self.code = code

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        widest = max((line.cell_len for line in self.code.split("\n")), default=0)
        return Measurement(min(widest, 1), widest)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        for line in self.code.split("\n"):
            line.rstrip_end(0)
            if line.cell_len <= width:
                yield line
                continue
            plain = line.plain
            indent = len(plain) - len(plain.lstrip(" "))
            indent = min(indent, width // 2)
            mark = Text(" " * indent) + Text(CODE_CONTINUED, style=style("muted"))
            body = line[indent:]
            body.overflow, body.no_wrap = "fold", False
            room = max(width - mark.cell_len, 1)
            for index, piece in enumerate(body.wrap(console, room)):
                yield (line[:indent] if index == 0 else mark.copy()) + piece


#: A column of a report's table is not narrowed below this many columns (or its longest word,
#: when shorter) to make the table fit; a table that cannot fit so stacks its rows instead.
_NARROWEST_COLUMN = 12
#: Between two columns of a report's table: padding, the rule's gap, padding.
_COLUMN_GAP = 3
#: A report's table stacks its rows when the room its columns have beyond their longest
#: words is less than this fraction (1/8) of the room they would take on one line each.
_LEAST_SHARE = 8


def _report_table(block: ReportTable) -> RenderableType:
    """The report's table with its header, or its rows stacked when it does not fit."""
    return _ReportTable(block)


class _ReportTable:
    """A report's table: cells wrap within their column and none is cut. When the columns
    cannot fit without breaking most words (many columns on a narrow terminal), each row
    stacks instead: one 'Header: cell' line for each cell."""

    def __init__(self, block: ReportTable) -> None:
        self.block = block
        count = max(len(row) for row in (block.header, *block.rows))
        self.rows = [[*row, *[""] * (count - len(row))] for row in (block.header, *block.rows)]

    def _narrowest(self) -> list[int]:
        """Each column's narrowest width: its longest word, at most _NARROWEST_COLUMN."""
        columns = zip(*self.rows, strict=True)
        longest = [
            max((cells(w) for cell in c for w in sanitize(cell).split()), default=0)
            for c in columns
        ]
        return [max(min(w, _NARROWEST_COLUMN), 1) for w in longest]

    def _widths(self, width: int) -> list[int] | None:
        """The columns' widths on a measure of ``width``: None when every cell fits on one
        line (Rich sizes the table), else each column its narrowest and the room left
        shared out, the columns that need least first, so that a short column stays on one
        line and Rich never breaks a word the narrowest width keeps whole; an empty list
        when the rows are to stack instead."""
        narrowest = self._narrowest()
        gaps = _COLUMN_GAP * (len(narrowest) - 1)
        widest = [
            max(max((cells(cell_text(cell)) for cell in column), default=0), least)
            for column, least in zip(zip(*self.rows, strict=True), narrowest, strict=True)
        ]
        if sum(widest) + gaps <= width:
            return None
        room = width - gaps - sum(narrowest)
        wants = [most - least for most, least in zip(widest, narrowest, strict=True)]
        if room < 0 or room * _LEAST_SHARE < sum(wants):
            # Columns held near their longest word make a tall, thin table of a word a
            # line: the rows read better stacked.
            return []
        widths = list(narrowest)
        # Fill like water: each column in turn, fewest wanted first, gets what it wants or
        # an equal share of the room left, whichever is less.
        order = sorted(range(len(wants)), key=lambda i: wants[i])
        for place, index in enumerate(order):
            share = min(wants[index], room // (len(order) - place))
            widths[index] += share
            room -= share
        return widths

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        widths = self._widths(options.max_width)
        if widths != []:
            yield self._table(widths)
            return
        header, *rows = self.rows
        for index, row in enumerate(rows):
            if index:
                yield Text("")
            for label, cell in zip(header, row, strict=True):
                value = Text(sanitize(cell), overflow="fold")
                _link(value)
                name = sanitize_line(label).strip()
                if not name:
                    yield value
                    continue
                yield _Hanging(Text(name + ": ", style=style("label")), value)

    def _table(self, widths: list[int] | None) -> RenderableType:
        from rich import box
        from rich.table import Table as RichTable

        table = RichTable(
            box=box.SIMPLE_HEAD, header_style=style("label"), pad_edge=False, show_edge=False
        )
        header, *rows = self.rows
        for index, cell in enumerate(header):
            width = widths[index] if widths else None
            table.add_column(Text(sanitize(cell)), overflow="fold", width=width)
        for row in rows:
            texts = [Text(sanitize(cell), overflow="fold") for cell in row]
            for text in texts:
                _link(text)
            table.add_row(*texts)
        return table


def _heading(block: Heading, mark: str = "") -> RenderableType:
    # A title is one line: a line break in it shows as '\n' (see render/text.py).
    if block.level == 0:
        return _Ruled(_text(sanitize_line(block.title), "title"), _RULES[0])
    role = "heading" if block.level == 1 else "subheading"
    text = Text(overflow="fold")
    if mark:
        text.append(mark, style=style("number"))
    if block.number:
        text.append(sanitize_line(block.number) + ". ", style=style("number"))
        text.append(sanitize_line(block.title), style=style(role))
    else:
        text.append(sanitize_line(heading_text(block)), style=style(role))
    return _Ruled(text, _RULES[block.level]) if block.level in _RULES else text


def _definition(block: Definition) -> RenderableType:
    head = _text(sanitize_line(block.term), "term")
    head.append("  ")
    head.append(sanitize_line(block.category), style=style("category"))
    lines: list[RenderableType] = [
        head,
        Padding(_text(block.definition, "body"), (0, 0, 0, 2), expand=False),
    ]
    for label, value in block.extras:
        line = Text(label + ": ", style=style("label"), overflow="fold")
        line.append(sanitize(value), style=style("number"))
        lines.append(Padding(line, (0, 0, 0, 2), expand=False))
    return Group(*lines)


def _table(block: Table) -> RenderableType:
    # rich.table (with fractions and decimal) costs about 8 ms to import: only when a table shows.
    from rich.table import Table as RichTable

    table = RichTable(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 0))
    for index, role in enumerate(block.roles):
        last = index == len(block.roles) - 1
        fit = block.fit(index)
        widest = max((cells(row[index]) for row in block.rows), default=0)
        table.add_column(
            style=style(role),
            justify="right" if block.align(index) == "right" else "left",
            overflow="ellipsis" if fit == "truncate" else "fold",
            # A truncated column may still shrink; its cells stay on one line (see below).
            no_wrap=fit == "keep",
            # A column kept whole claims its widest cell, so that Rich shrinks the others.
            min_width=widest if fit == "keep" else None,
            ratio=1 if last else None,
        )
    for row in block.rows:
        shown: list[RenderableType] = []
        for index, cell in enumerate(row):
            text = Text(sanitize_line(cell.lstrip(" ")), overflow="fold")
            if block.fit(index) == "truncate":
                text.overflow, text.no_wrap = "ellipsis", True
            _link(text)
            indent = len(cell) - len(cell.lstrip(" "))
            # A cell indented (a subsection in the contents) stays indented when it wraps.
            shown.append(_Hanging(Text(" " * indent), text) if indent else text)
        table.add_row(*shown)
    return table
