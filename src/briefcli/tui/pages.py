"""A section as the reader shows it: the blocks `brief show` typesets, each tied to its place.

No Textual here: the reader's widgets show what this module typesets, with the document model
(render/document.py) and the terminal renderer (render/terminal.py) that `show` uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from rich.console import RenderableType

    from briefcli.model import Brief, Section
    from briefcli.render.document import Block
    from briefcli.termmatch import Matcher


class Stop(NamedTuple):
    """A heading in reading order: where ] and [ go, and a line of the contents tree."""

    section: str  # the top-level section it belongs to
    anchor: str  # its own id: the section's, or the subsection's
    title: str
    level: int  # 1 for a section, 2 for a subsection


class Piece(NamedTuple):
    """One block of a page, with the section or subsection it belongs to.

    ``paragraph`` counts the report's paragraphs of ``anchor`` (0 for the first); it is None
    for headings and for what the editor wrote (``origin`` 'editor': the key points).
    """

    anchor: str
    block: Block
    paragraph: int | None = None
    origin: str = "report"


class Page(NamedTuple):
    """One top-level section, as pieces in reading order, and the glossary names to highlight."""

    section: str
    pieces: tuple[Piece, ...]
    terms: tuple[str, ...]


def outline(brief: Brief) -> tuple[Stop, ...]:
    """Every section and subsection heading, in reading order."""
    stops: list[Stop] = []
    for section in brief.sections:
        stops.append(Stop(section.id, section.id, section.title, 1))
        stops.extend(Stop(section.id, sub.id, sub.title, 2) for sub in section.subsections)
    return tuple(stops)


def find_section(brief: Brief, section_id: str) -> Section | None:
    """The top-level section with this id, or the one holding the subsection with this id."""
    for section in brief.sections:
        if section.id == section_id or any(s.id == section_id for s in section.subsections):
            return section
    return None


def page(brief: Brief, section: Section, key_points: bool = False) -> Page:
    """``section`` as `brief show` builds it, then (when asked) the editor's key points."""
    from briefcli.query import SectionMatch
    from briefcli.render.document import Heading, Paragraph, build
    from briefcli.views import SectionView, SummaryView

    document = build(SectionView(brief, SectionMatch(section)))
    pieces: list[Piece] = []
    anchor, count = section.id, 0
    for block in document.blocks:
        if isinstance(block, Heading) and block.anchor and block.anchor.startswith("section-"):
            anchor, count = block.anchor.removeprefix("section-"), 0
            pieces.append(Piece(anchor, block))
        elif isinstance(block, Paragraph) and block.role == "body":
            pieces.append(Piece(anchor, block, count))
            count += 1
        else:
            pieces.append(Piece(anchor, block))
    if key_points and section.key_points:
        # The summary view's own blocks: a heading, the editor label, then the points.
        points = build(
            SummaryView(brief, section.key_points, "editor", SectionMatch(section))
        ).blocks
        pieces.extend(Piece(section.id, block, origin="editor") for block in points)
    return Page(section.id, tuple(pieces), document.terms)


def term_index(brief: Brief) -> dict[str, int]:
    """Each glossary name as the text shows it (sanitised, case-folded) → its entry's index."""
    from briefcli.sanitize import sanitize

    names: dict[str, int] = {}
    for index, entry in enumerate(brief.glossary):
        for name in entry.names():
            names.setdefault(sanitize(name).casefold(), index)
    return names


def term_spans(
    piece: Piece, terms: tuple[str, ...], names: dict[str, int]
) -> tuple[tuple[int, int, int], ...]:
    """Where glossary terms stand in a report paragraph: (start, end, entry index) spans.

    The spans are those `show` highlights (the terminal renderer's own pattern), in the
    paragraph's text as shown (sanitised).
    """
    from briefcli.render.document import Paragraph
    from briefcli.sanitize import sanitize

    pattern = _pattern(terms)
    if pattern is None or piece.paragraph is None or not isinstance(piece.block, Paragraph):
        return ()
    shown = sanitize(piece.block.text)
    spans = []
    for start, end in pattern.spans(shown):
        entry = names.get(shown[start:end].casefold())
        if entry is not None:
            spans.append((start, end, entry))
    return tuple(spans)


def _pattern(terms: tuple[str, ...]) -> Matcher | None:
    # The renderer's matcher, so that what is clickable is exactly what is highlighted.
    from briefcli.render.terminal import term_matcher

    return term_matcher(terms)


def word_marks(text: str, words: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    """Spans of ``text`` (as shown: sanitised) where any of ``words`` occurs, in any case."""
    from briefcli.sanitize import sanitize

    shown = sanitize(text).casefold()
    spans: set[tuple[int, int]] = set()
    for word in words:
        folded = word.casefold()
        if not folded.strip():
            continue
        start = shown.find(folded)
        while start != -1:
            spans.add((start, start + len(folded)))
            start = shown.find(folded, start + 1)
    return tuple(sorted(spans))


def typeset(
    piece: Piece,
    terms: tuple[str, ...],
    *,
    marks: tuple[tuple[int, int], ...] = (),
    links: tuple[tuple[int, int, str], ...] = (),
) -> RenderableType:
    """The piece as `show` typesets it; ``marks`` shown as matches, ``links`` made clickable.

    ``links`` are (start, end, action) spans of a paragraph: a click runs the Textual action
    (for example ``app.define(3)``; never text from the brief).
    """
    from rich.style import Style
    from rich.text import Text

    from briefcli.render.document import Document, Paragraph
    from briefcli.render.terminal import render

    block = piece.block
    if marks and isinstance(block, Paragraph):
        block = block._replace(marks=marks)
    rendered = render(Document((block,), terms))
    if links and isinstance(block, Paragraph):
        inner = getattr(rendered, "renderables", [rendered])
        text = inner[0] if len(inner) == 1 else None
        if isinstance(text, Text):
            for start, end, action in links:
                text.stylize(Style(meta={"@click": action}), start, end)
    return rendered
