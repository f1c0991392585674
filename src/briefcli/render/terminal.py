"""Rich typesetting for a person at a terminal; returns a renderable, never prints."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from briefcli.render.document import Bullets, Definition, Document, Heading, Paragraph, Table
from briefcli.render.text import heading_text
from briefcli.sanitize import sanitize
from briefcli.termmatch import Matcher
from briefcli.theme import style


def render(document: Document) -> RenderableType:
    """The document as one Rich renderable: headings, paragraphs, highlighted terms."""
    pattern = _term_pattern(document.terms)
    items: list[RenderableType] = []
    for block in document.blocks:
        items.append(_block(block, pattern))
    return Group(*_spaced(items))


def _spaced(items: list[RenderableType]) -> list[RenderableType]:
    out: list[RenderableType] = []
    for index, item in enumerate(items):
        if index:
            out.append(Text(""))
        out.append(item)
    return out


def _term_pattern(terms: tuple[str, ...]) -> Matcher | None:
    # One matcher per document, one pass per paragraph (termmatch.py): linear in both.
    return Matcher(sanitize(t) for t in terms if t.strip()) if terms else None


def _text(value: str, role: str, pattern: Matcher | None = None) -> Text:
    # Text objects, never markup strings: brackets and :emoji: codes stay literal.
    text = Text(sanitize(value), style=style(role), overflow="fold")
    if pattern is not None:
        for start, end in pattern.spans(text.plain):
            text.stylize(style("highlight"), start, end)
    return text


def _block(block: object, pattern: Matcher | None) -> RenderableType:
    if isinstance(block, Heading):
        return _heading(block)
    if isinstance(block, Paragraph):
        text = _text(block.text, block.role, pattern if block.role == "body" else None)
        if sanitize(block.text) == block.text:  # spans index the text as given
            for start, end in block.marks:
                text.stylize(style("match"), start, end)
        return text
    if isinstance(block, Bullets):
        lines = [Text("• ", style=style("muted")) + _text(item, block.role) for item in block.items]
        return Group(*(Padding(line, (0, 0, 0, 2), expand=False) for line in lines))
    if isinstance(block, Definition):
        return _definition(block)
    if isinstance(block, Table):
        return _table(block)
    raise TypeError(f"cannot render {type(block).__name__} for a terminal")


def _heading(block: Heading) -> RenderableType:
    if block.level == 0:
        return _text(block.title, "title")
    role = "heading" if block.level == 1 else "subheading"
    text = Text(overflow="fold")
    if block.number:
        text.append(sanitize(block.number) + ". ", style=style("number"))
        text.append(sanitize(block.title), style=style(role))
    else:
        text.append(sanitize(heading_text(block)), style=style(role))
    return text


def _definition(block: Definition) -> RenderableType:
    head = _text(block.term, "term")
    head.append("  ")
    head.append(sanitize(block.category), style=style("category"))
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
        table.add_column(
            style=style(role), overflow="fold", no_wrap=False, ratio=1 if last else None
        )
    for row in block.rows:
        table.add_row(*(Text(sanitize(cell), overflow="fold") for cell in row))
    return table
