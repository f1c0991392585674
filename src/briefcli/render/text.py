"""Plain text: one paragraph per line, blank lines between blocks, no escape codes.

Plain text is what pipes and files get, so it holds the data only: legends and hints
(paragraphs with role 'legend' or 'hint') are left out; a terminal shows them.
"""

from __future__ import annotations

import re
from functools import cache

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
from briefcli.sanitize import has_unsafe, sanitize, sanitize_line

#: Paragraph roles about the output rather than part of it: only a terminal shows them.
OFF_THE_RECORD = ("legend", "hint")
#: Marks where a cell was cut short to fit.
ELLIPSIS = "…"


def render(document: Document, width: int | None = None) -> str:
    """The document as plain text; lines are wrapped only when ``width`` is given."""
    parts = [
        _block(block, width, document.heading_mark)
        for block in document.blocks
        if not (isinstance(block, Paragraph) and block.role in OFF_THE_RECORD)
    ]
    # Every piece is sanitised before layout (so escapes count in widths); this is the net.
    return sanitize("\n\n".join(part for part in parts if part) + "\n")


#: Where lines may break: runs of ASCII whitespace (a no-break space is not one).
_BREAKS = r"([\t\n\x0b\x0c\r ]+)"
#: A paragraph that is an item of a list: its indent and its mark ('- ', '* ', '1. ', '2) ').
_LIST_ITEM = r"( *)([-*+•]|\d{1,3}[.)]) +(?=\S)"


@cache
def list_item() -> re.Pattern[str]:
    """The pattern of a list item's indent and mark; compiled on first use (plain output of a
    lookup never wraps, so never needs it)."""
    return re.compile(_LIST_ITEM)


@cache
def _breaks() -> re.Pattern[str]:
    return re.compile(_BREAKS)


def cells(text: str) -> int:
    """The columns ``text`` takes on a terminal: two for a wide (CJK) character, none for a
    combining mark."""
    if text.isascii():
        return len(text)
    return sum(map(_char_cells, text))


@cache
def _char_cells(char: str) -> int:
    # unicodedata rather than rich.cells: plain output never imports Rich (test_imports).
    import unicodedata

    if unicodedata.category(char) in ("Mn", "Me") or char == "\u200b":
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def fit_cells(text: str, room: int) -> str:
    """The longest start of ``text`` that takes at most ``room`` columns (read only as far as
    ``room`` reaches, so that cutting a long text line by line stays linear)."""
    if text.isascii():
        return text[: max(room, 0)]
    used = 0
    for index, char in enumerate(text):
        used += _char_cells(char)
        if used > room:
            return text[:index]
    return text


def pad(text: str, width: int, align: str = "left") -> str:
    """``text`` padded with spaces to ``width`` columns (wide characters count two)."""
    room = " " * max(width - cells(text), 0)
    return room + text if align == "right" else text + room


def _wrap(text: str, width: int | None, indent: str = "", hanging: str = "") -> str:
    text = sanitize(text)
    if not width:
        return indent + text
    item = list_item().match(text) if not (indent or hanging) else None
    if item:
        # A list item keeps its indent and mark: wrapped lines start under its text.
        indent, hanging, text = item.group(), " " * cells(item.group()), text[item.end() :]
    return fill(text, max(width, cells(indent) + 1, cells(hanging) + 1), indent, hanging)


def fill(text: str, width: int, indent: str = "", hanging: str = "") -> str:
    """``text`` wrapped at spaces to lines of at most ``width`` columns, counted as a terminal
    counts them (a CJK character takes two); a word longer than a line is broken.

    Tabs and line breaks become spaces and spaces at the ends of lines go, as with
    :func:`textwrap.fill`, whose output this is for text of narrow characters.
    """
    text = text.expandtabs()
    breaks = _breaks()
    chunks = [chunk for chunk in breaks.split(text) if chunk]
    chunks = [" " * len(chunk) if breaks.fullmatch(chunk) else chunk for chunk in chunks]
    chunks.reverse()
    # Each chunk's columns, counted once: a long word cut line by line is not counted again.
    sizes = [cells(chunk) for chunk in chunks]
    lines: list[str] = []
    while chunks:
        prefix = hanging if lines else indent
        room = width - cells(prefix)
        line: list[str] = []
        used = 0
        if lines and chunks[-1].isspace():
            chunks.pop()  # a line does not start with the spaces that ended the last one
            sizes.pop()
        while chunks and used + sizes[-1] <= room:
            line.append(chunks.pop())
            used += sizes.pop()
        if chunks and sizes[-1] > room:
            # A word longer than a whole line: as much as fits here, the rest on the next.
            head = fit_cells(chunks[-1], max(room - used, 0)) or (
                "" if line else fit_cells(chunks[-1], 1) or chunks[-1][0]
            )
            if head:
                line.append(head)
                chunks[-1] = chunks[-1][len(head) :]
                sizes[-1] -= cells(head)
        if line and line[-1].isspace():
            line.pop()
        if line:
            lines.append(prefix + "".join(line))
    return "\n".join(lines)


def heading_text(block: Heading) -> str:
    """'4. Title', '4-2. Title' or the bare title."""
    return f"{block.number}. {block.title}" if block.number else block.title


def marked(text: str, marks: tuple[tuple[int, int], ...]) -> str:
    """``text`` with each marked span «between guillemets» (search matches in plain text)."""
    for start, end in sorted(marks, reverse=True):
        text = f"{text[:start]}«{text[start:end]}»{text[end:]}"
    return text


def _block(block: object, width: int | None, mark: str = "") -> str:
    if isinstance(block, Heading):
        # A title, term, id or cell is one line: a line break in it shows as '\n', so that
        # it cannot make a line of its own (a forged row of 'brief list', a fake heading).
        return _wrap(sanitize_line((mark if block.level >= 1 else "") + heading_text(block)), width)
    if isinstance(block, Paragraph):
        return _wrap(marked(block.text, block.marks), width)
    if isinstance(block, Bullets):
        return "\n".join(_wrap(item, width, "- ", "  ") for item in block.items)
    if isinstance(block, Definition):
        head = f"{sanitize_line(block.term)} [{sanitize_line(block.category)}]"
        lines = [_wrap(head, width), _wrap(block.definition, width)]
        lines.extend(_wrap(f"{label}: {value}", width) for label, value in block.extras)
        return "\n".join(lines)
    if isinstance(block, Table):
        return _table(block, width)
    if isinstance(block, Code):
        return code_text(block)
    if isinstance(block, ReportTable):
        return report_table_text(block)
    raise TypeError(f"cannot render {type(block).__name__} as text")


#: Indent of a code block in plain text: apart from the prose, and Markdown's indented code.
CODE_INDENT = "    "


def code_text(block: Code) -> str:
    """A code block line for line, indented: never wrapped, whatever the width."""
    lines = sanitize(block.text).strip("\n").split("\n")
    return "\n".join((CODE_INDENT + line).rstrip() for line in lines)


def cell_text(cell: str) -> str:
    """A table cell on one line: sanitised, its line breaks made spaces."""
    return " ".join(sanitize(cell).split("\n"))


def report_table_text(block: ReportTable) -> str:
    """A table as aligned columns under its header and a rule: never wrapped."""
    rows = [[cell_text(cell) for cell in row] for row in (block.header, *block.rows)]
    count = max(len(row) for row in rows)
    rows = [row + [""] * (count - len(row)) for row in rows]
    widths = [max(max(cells(row[i]) for row in rows), 1) for i in range(count)]

    def line(row: list[str]) -> str:
        return "  ".join(pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(rows[0]), rule, *(line(row) for row in rows[1:])])


def _table(table: Table, width: int | None) -> str:
    if not table.rows:
        return ""
    # One check of all the cells (a library lists thousands), not one call for each. A cell
    # is one line: a line break in it shows as '\n' (see _block).
    joined = "".join(cell for row in table.rows for cell in row)
    if has_unsafe(joined) or "\n" in joined or "\t" in joined:
        rows = tuple(tuple(map(sanitize_line, row)) for row in table.rows)
        table = table._replace(rows=rows)
    if width and stacks(table, width):
        return _stacked(table, width)
    last = len(table.columns) - 1
    widths = lead_widths(table)
    lines = []
    for row in table.rows:
        lead = "".join(
            pad(cell, w, table.align(i)) + "  "
            for i, (cell, w) in enumerate(zip(row, widths, strict=False))
        )
        if width and table.fit(last) == "truncate":
            lines.append(lead + _truncate(row[last], width - cells(lead)))
        else:
            # A cell indented (a subsection in the contents) stays indented when it wraps.
            cell = row[last]
            indent = " " * (len(cell) - len(cell.lstrip(" ")))
            lines.append(_wrap(cell.lstrip(" "), width, lead + indent, " " * cells(lead + indent)))
    return "\n".join(lines)


#: The fewest columns left for the last cell of a row before a stacking table stacks.
LAST_CELL_ROOM = 20


def lead_widths(table: Table) -> list[int]:
    """The columns each cell but the last takes: its widest cell's."""
    return [max(cells(row[i]) for row in table.rows) for i in range(len(table.columns) - 1)]


def stacks(table: Table, width: int) -> bool:
    """True when a table that may stack (``stack_below``) stacks its rows at ``width``: the
    measure is narrower than ``stack_below``, or its leading cells (a long id) would leave
    the last one less than LAST_CELL_ROOM columns."""
    if not table.stack_below or not table.rows:
        return False
    lead = sum(lead_widths(table)) + 2 * (len(table.columns) - 1)
    return width < table.stack_below or lead + LAST_CELL_ROOM > width


#: Indents the lines under a stacked row's first: its other leading cells, its last cell.
STACK_INDENT = "  "


def head_lines(leading: tuple[str, ...], width: int) -> list[list[int]]:
    """Which of a stacked row's leading cells go on each line: as many as fit in ``width``
    columns, two spaces apart, the lines after the first indented by STACK_INDENT; a line
    breaks between cells, so that the first line is the id alone or with the cells that
    fit beside it, and nothing after it starts where ids start. Empty cells are left out."""
    lines: list[list[int]] = []
    used = 0
    for index, cell in enumerate(leading):
        if not cell:
            continue
        size = cells(cell)
        if lines and used + 2 + size <= width:
            lines[-1].append(index)
            used += 2 + size
        else:
            lines.append([index])
            used = size + (len(STACK_INDENT) if len(lines) > 1 else 0)
    return lines


def _stacked(table: Table, width: int) -> str:
    """Each row as the leading cells on one line (or more, broken between cells) and the
    last cell indented beneath."""
    entries = []
    for row in table.rows:
        head = []
        for number, line in enumerate(head_lines(row[:-1], width)):
            indent = STACK_INDENT if number else ""
            head.append(_wrap("  ".join(row[i] for i in line), width, indent, indent))
        cell = row[-1]
        indent = " " * (2 + len(cell) - len(cell.lstrip(" ")))
        if table.fit(len(row) - 1) == "truncate":
            last = indent + _truncate(cell.lstrip(" "), width - cells(indent))
        else:
            last = _wrap(cell.lstrip(" "), width, indent, indent)
        entries.append("\n".join(head) + "\n" + last)
    return "\n".join(entries)


def _truncate(text: str, room: int) -> str:
    """``text`` cut to ``room`` columns, the last one '…', when it does not fit."""
    if cells(text) <= room:
        return text
    return fit_cells(text, max(room - 1, 0)).rstrip() + ELLIPSIS if room > 1 else ELLIPSIS
