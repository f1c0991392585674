"""CommonMark (with GitHub/pandoc pipe tables): for documents, wikis and pull requests.

Headings carry no HTML anchors: nothing in a Markdown document links to them, and viewers
that do not render HTML (rich-cli, tldr, terminals) would show them literally. GitHub and
pandoc make their own ids from a heading's text. Hints (commands to try, the sections either
side) are left out: they are about the terminal, not the document.
"""

from __future__ import annotations

import re

from briefcli.render.document import (
    Block,
    Bullets,
    Code,
    Definition,
    Document,
    Heading,
    Paragraph,
    ReportTable,
    Table,
)
from briefcli.sanitize import sanitize

# Every ASCII character that can start or end markup inline; a backslash makes each literal.
_INLINE = re.compile(r"([\\`*_\[\]<>|~#&])")
# The whitespace CommonMark folds, strips or reads as structure (a hard break, an indented
# code block); other spaces (no-break, ideographic) are the text's own and stay.
_FOLD = re.compile(r"[ \t\n]+")
# At the start of a paragraph or list item these would begin a list or a thematic break.
_LIST_START = re.compile(r"^(\d{1,9})([.)])|^([-+=])")


def render(document: Document) -> str:
    """The document as Markdown: ATX headings by level, lists, pipe tables; nothing wrapped."""
    top = min((b.level for b in document.blocks if isinstance(b, Heading)), default=1)
    parts: list[str] = []
    definitions: list[str] = []
    for block in document.blocks:
        if isinstance(block, Paragraph) and block.role == "hint":
            continue
        if isinstance(block, Definition):
            # Consecutive entries form one tight list, as in a glossary.
            definitions.append(_definition(block))
            continue
        if definitions:
            parts.append("\n".join(definitions))
            definitions = []
        parts.append(_block(block, top))
    if definitions:
        parts.append("\n".join(definitions))
    return sanitize("\n\n".join(part for part in parts if part) + "\n")


def inline(text: str) -> str:
    """Text made literal for Markdown: markup characters escaped, line breaks made spaces."""
    return _ends(_escape(text).strip(" "))


def _escape(text: str) -> str:
    return _INLINE.sub(r"\\\1", _FOLD.sub(" ", sanitize(text)))


def _ends(escaped: str) -> str:
    # Renderers trim every kind of space from the ends of a block (markdown-it, as
    # JavaScript's trim); an ideographic space that indents a Japanese paragraph would go.
    if escaped[:1].isspace():
        escaped = f"&#x{ord(escaped[0]):X};{escaped[1:]}"
    if escaped[-1:].isspace():
        escaped = f"{escaped[:-1]}&#x{ord(escaped[-1]):X};"
    return escaped


def _leading(text: str, marks: tuple[tuple[int, int], ...] = ()) -> str:
    """Like :func:`inline`, for text that starts a block (a paragraph or a list item); the
    spans in ``marks`` (a search's matches) in bold, as a terminal shows them."""
    escaped = _with_marks(text, marks) if marks and sanitize(text) == text else inline(text)
    return _LIST_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped, 1)


def _with_marks(text: str, marks: tuple[tuple[int, int], ...]) -> str:
    """``text`` made literal, each marked span of it in ``**bold**``."""
    pieces: list[str] = []
    at = 0
    for start, end in sorted(marks):
        if start < at or end <= start:
            continue  # overlapping or empty: the text is shown once, as it is
        pieces.append(_escape(text[at:start]))
        pieces.append(f"**{_escape(text[start:end])}**")
        at = end
    pieces.append(_escape(text[at:]))
    return _ends("".join(pieces).strip(" "))


def _emphasis(text: str, role: str) -> str:
    return f"*{text}*" if role != "body" and text else text


def _align(block: Table, index: int) -> str:
    return "---:" if block.align(index) == "right" else "---"


def _block(block: Block, top: int) -> str:
    if isinstance(block, Heading):
        return _heading(block, top)
    if isinstance(block, Paragraph):
        return _emphasis(_leading(block.text, block.marks), block.role)
    if isinstance(block, Bullets):
        return "\n".join(f"- {_emphasis(_leading(item), block.role)}" for item in block.items)
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Code):
        return _code(block)
    if isinstance(block, ReportTable):
        return _report_table(block)
    raise TypeError(f"cannot render {type(block).__name__} as Markdown")


def _code(block: Code) -> str:
    """A fenced code block, its fence longer than any run of backticks in the code."""
    code = sanitize(block.text).strip("\n")
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{block.language_name()}\n{code}\n{fence}"


def _report_table(block: ReportTable) -> str:
    """A pipe table: each cell on one line, its markup and pipes escaped."""
    count = max(len(row) for row in (block.header, *block.rows))

    def line(row: tuple[str, ...]) -> str:
        cells = [inline(cell) for cell in row] + [""] * (count - len(row))
        return "| " + " | ".join(cells) + " |"

    rule = "|" + "|".join("---" for _ in range(count)) + "|"
    return "\n".join([line(block.header), rule, *(line(row) for row in block.rows)])


def _heading(block: Heading, top: int) -> str:
    marks = "#" * min(6, max(1, block.level - top + 1))
    number = f"{inline(block.number)}. " if block.number else ""
    return f"{marks} {number}{inline(block.title)}"


def _definition(block: Definition) -> str:
    lines = [f"- **{inline(block.term)}** *({inline(block.category)})*"]
    lines.append(f"  {_leading(block.definition)}")
    lines.extend(f"  *{inline(label)}:* {inline(value)}" for label, value in block.extras)
    # A backslash at the end of a line is a hard line break in CommonMark.
    return "\\\n".join(lines)


def _table(block: Table) -> str:
    header = "| " + " | ".join(inline(c) for c in block.columns) + " |"
    rule = "|" + "|".join(_align(block, i) for i in range(len(block.columns))) + "|"
    rows = ["| " + " | ".join(inline(cell) for cell in row) + " |" for row in block.rows]
    return "\n".join([header, rule, *rows])
