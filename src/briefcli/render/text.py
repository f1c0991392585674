"""Plain text: one paragraph per line, blank lines between blocks, no escape codes.

Plain text is what pipes and files get, so it holds the data only: legends and hints
(paragraphs with role 'legend' or 'hint') are left out; a terminal shows them.
"""

from __future__ import annotations

import textwrap

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


def _wrap(text: str, width: int | None, indent: str = "", hanging: str = "") -> str:
    text = sanitize(text)
    if not width:
        return indent + text
    return textwrap.fill(
        text,
        width=max(width, len(indent) + 1, len(hanging) + 1),
        initial_indent=indent,
        subsequent_indent=hanging,
        break_long_words=True,
        break_on_hyphens=False,
    )


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
    from rich.cells import cell_len

    rows = [[cell_text(cell) for cell in row] for row in (block.header, *block.rows)]
    count = max(len(row) for row in rows)
    rows = [row + [""] * (count - len(row)) for row in rows]
    widths = [max(max(cell_len(row[i]) for row in rows), 1) for i in range(count)]

    def line(row: list[str]) -> str:
        cells = (cell + " " * (w - cell_len(cell)) for cell, w in zip(row, widths, strict=True))
        return "  ".join(cells).rstrip()

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
    if width and width < table.stack_below:
        return _stacked(table, width)
    last = len(table.columns) - 1
    widths = [max(len(row[i]) for row in table.rows) for i in range(last)]
    lines = []
    for row in table.rows:
        lead = "".join(
            (cell.rjust(w) if table.align(i) == "right" else cell.ljust(w)) + "  "
            for i, (cell, w) in enumerate(zip(row, widths, strict=False))
        )
        if width and table.fit(last) == "truncate":
            lines.append(lead + _truncate(row[last], width - len(lead)))
        else:
            # A cell indented (a subsection in the contents) stays indented when it wraps.
            cell = row[last]
            indent = " " * (len(cell) - len(cell.lstrip(" ")))
            lines.append(_wrap(cell.lstrip(" "), width, lead + indent, " " * len(lead + indent)))
    return "\n".join(lines)


def _stacked(table: Table, width: int) -> str:
    """Each row as the leading cells on one line and the last cell indented beneath."""
    entries = []
    for row in table.rows:
        head = "  ".join(cell for cell in row[:-1] if cell)
        cell = row[-1]
        indent = " " * (2 + len(cell) - len(cell.lstrip(" ")))
        if table.fit(len(row) - 1) == "truncate":
            last = indent + _truncate(cell.lstrip(" "), width - len(indent))
        else:
            last = _wrap(cell.lstrip(" "), width, indent, indent)
        entries.append(_wrap(head, width) + "\n" + last)
    return "\n".join(entries)


def _truncate(text: str, room: int) -> str:
    """``text`` cut to ``room`` characters, the last one '…', when it does not fit."""
    if len(text) <= room:
        return text
    return text[: max(room - 1, 0)].rstrip() + ELLIPSIS if room > 1 else ELLIPSIS
