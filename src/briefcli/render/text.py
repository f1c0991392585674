"""Plain text: one paragraph per line, blank lines between blocks, no escape codes."""

from __future__ import annotations

import textwrap

from briefcli.render.document import Bullets, Definition, Document, Heading, Paragraph, Table
from briefcli.sanitize import has_unsafe, sanitize


def render(document: Document, width: int | None = None) -> str:
    """The document as plain text; lines are wrapped only when ``width`` is given."""
    parts = [_block(block, width) for block in document.blocks]
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


def _block(block: object, width: int | None) -> str:
    if isinstance(block, Heading):
        return _wrap(heading_text(block), width)
    if isinstance(block, Paragraph):
        return _wrap(marked(block.text, block.marks), width)
    if isinstance(block, Bullets):
        return "\n".join(_wrap(item, width, "- ", "  ") for item in block.items)
    if isinstance(block, Definition):
        lines = [_wrap(f"{block.term} [{block.category}]", width), _wrap(block.definition, width)]
        lines.extend(_wrap(f"{label}: {value}", width) for label, value in block.extras)
        return "\n".join(lines)
    if isinstance(block, Table):
        return _table(block, width)
    raise TypeError(f"cannot render {type(block).__name__} as text")


def _table(table: Table, width: int | None) -> str:
    if not table.rows:
        return ""
    # One check of all the cells (a library lists thousands), not one call for each.
    if has_unsafe("".join(cell for row in table.rows for cell in row)):
        rows = tuple(tuple(map(sanitize, row)) for row in table.rows)
        table = Table(table.columns, table.roles, rows)
    widths = [max(len(row[i]) for row in table.rows) for i in range(len(table.columns) - 1)]
    lines = []
    for row in table.rows:
        lead = "".join(cell.ljust(w) + "  " for cell, w in zip(row, widths, strict=False))
        lines.append(_wrap(row[-1], width, lead, " " * len(lead)))
    return "\n".join(lines)
