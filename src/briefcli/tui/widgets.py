"""The reader's widgets and pop-ups: contents tree, text pane, search bar, glossary, timeline.

Every string from a brief reaches the screen as a Rich ``Text`` built from sanitised text
(never as Textual markup), so brackets, escapes and controls in a brief stay inert.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static, Tree
from textual.widgets.option_list import Option

from briefcli.render.document import section_number
from briefcli.sanitize import sanitize_line
from briefcli.theme import style
from briefcli.tui.pages import Piece, Stop, typeset

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.style import Style
    from textual.app import ComposeResult
    from textual.widgets.tree import TreeNode

    from briefcli.index import Hit
    from briefcli.model import Brief, GlossaryEntry, TimelineEvent


def line(text: str, role: str = "body") -> Text:
    """One line of brief text for a label: sanitised, styled by its role, never markup."""
    return Text(sanitize_line(text), style=style(role), no_wrap=True, overflow="ellipsis")


def stop_label(stop: Stop) -> Text:
    """A heading as the contents show it: '4-2 Timeline of troop movements…'."""
    label = Text(no_wrap=True, overflow="ellipsis")
    if section_number(stop.anchor):
        label.append(sanitize_line(stop.anchor) + " ", style=style("number"))
    label.append(sanitize_line(stop.title), style=style("heading" if stop.level == 1 else "body"))
    return label


class Contents(Tree[str]):
    """The contents: every section with its subsections; a node's data is its id."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, title: str, stops: tuple[Stop, ...], *, id: str | None = None) -> None:
        super().__init__(line(title, "title"), id=id)
        self.show_root = False
        self.guide_depth = 2
        parents = {}
        for stop in stops:
            if stop.level == 1:
                parents[stop.section] = self.root.add(
                    stop_label(stop), stop.anchor, expand=True, allow_expand=False
                )
            else:
                parents[stop.section].add_leaf(stop_label(stop), stop.anchor)
        self.root.expand()

    def render_label(self, node: TreeNode[str], base_style: Style, style: Style) -> Text:
        """A node's label cut to the width the contents give it, with '…' where it is cut
        (the tree itself would crop it mid-word without saying so)."""
        label = super().render_label(node, base_style, style)
        depth = 0
        parent = node.parent
        while parent is not None:
            depth += 1
            parent = parent.parent
        guides = depth if self.show_root else depth - 1  # the root's own line has no guide
        room = self.scrollable_content_region.width - max(guides, 0) * self.guide_depth
        if room > 0 and label.cell_len > room:
            label.truncate(room, overflow="ellipsis")
        return label

    def node_for(self, anchor: str) -> int | None:
        """The line of the node for section or subsection ``anchor``."""
        for number in range(self.last_line + 1):
            node = self.get_node_at_line(number)
            if node is not None and node.data == anchor:
                return number
        return None


class PieceView(Static):
    """One typeset block of the page (a heading, a paragraph, the key points)."""

    DEFAULT_CSS = """
    PieceView { height: auto; margin-bottom: 1; }
    PieceView.-hit { background: $boost; border-left: outer $accent; }
    PieceView.-editor { border-left: outer $secondary; padding-left: 1; }
    """

    def __init__(self, piece: Piece, number: int, terms: tuple[str, ...]) -> None:
        super().__init__(classes="-editor" if piece.origin == "editor" else None)
        self.piece = piece
        self.number = number
        self.terms = terms
        self.marks: tuple[tuple[int, int], ...] = ()
        self.links: tuple[tuple[int, int, str], ...] = ()
        self.selected: tuple[int, int] | None = None

    def show(
        self,
        marks: tuple[tuple[int, int], ...] | None = None,
        selected: tuple[int, int] | None = None,
    ) -> None:
        """Typeset the piece again, with these search marks and this term selected."""
        if marks is not None:
            self.marks = marks
        self.selected = selected
        spans = self.marks + ((selected,) if selected else ())
        self.update(typeset(self.piece, self.terms, marks=spans, links=self.links))


SCROLL = Binding.Group("Scroll")


class TextPane(VerticalScroll):
    """The section being read: its pieces in a column no wider than a readable measure."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Scroll", group=SCROLL),
        Binding("k", "scroll_up", "Scroll", group=SCROLL),
        Binding("space", "page_down", "Page down", show=False),
        Binding("b", "page_up", "Page up", show=False),
        Binding("tab", "app.next_term", "Next term", show=False),
        Binding("shift+tab", "app.previous_term", "Previous term", show=False),
        Binding("enter,d", "app.define_selected", "Define", show=False),
    ]

    DEFAULT_CSS = """
    TextPane { align-horizontal: center; }
    TextPane > #page { width: 100%; max-width: 92; height: auto; padding: 1 2 0 2; }
    """

    def compose(self) -> ComposeResult:
        """The column that holds the pieces."""
        yield Vertical(id="page")


class SearchBar(Vertical):
    """`/`: the query as typed and, above it, the hits ranked as `brief search` ranks them."""

    DEFAULT_CSS = """
    SearchBar { dock: bottom; height: auto; max-height: 14; display: none; }
    SearchBar.-open { display: block; }
    SearchBar > OptionList {
        height: auto; max-height: 10; text-wrap: nowrap; text-overflow: ellipsis;
    }
    SearchBar > #status { height: 1; padding: 0 1; color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.close_search", "Close", show=False),
        Binding("down", "hits_down", "Next hit", show=False),
        Binding("up", "hits_up", "Previous hit", show=False),
    ]

    def compose(self) -> ComposeResult:
        """Hits, a status line, and the query."""
        yield OptionList(id="hits")
        yield Static(id="status")
        yield Input(placeholder='search: words, "a phrase", prefix*', id="query")

    def show_hits(self, hits: tuple[Hit, ...], status: str) -> None:
        """List ``hits`` (the best first) and say how many there are."""
        options = self.query_one("#hits", OptionList)
        options.clear_options()
        options.add_options([Option(hit_label(hit), id=str(n)) for n, hit in enumerate(hits)])
        if hits:
            options.highlighted = 0
        self.query_one("#status", Static).update(Text(status))

    def action_hits_down(self) -> None:
        """Move the highlight to the next hit."""
        self.query_one("#hits", OptionList).action_cursor_down()

    def action_hits_up(self) -> None:
        """Move the highlight to the previous hit."""
        self.query_one("#hits", OptionList).action_cursor_up()


def hit_label(hit: Hit) -> Text:
    """A hit as one line: where it is, then the snippet with the matched words marked."""
    from briefcli.render.document import ORIGIN_MARK
    from briefcli.sanitize import sanitize

    where = {
        "glossary": "glossary", "timeline": "timeline", "key_points": "key points", "note": "note",
    }  # fmt: skip
    label = Text(no_wrap=True, overflow="ellipsis")
    label.append(sanitize_line(hit.ref), style=style("number"))
    kind = " " + where[hit.kind] if hit.kind in where else ""
    label.append(kind + ORIGIN_MARK.get(hit.origin, "") + ": ", style=style("muted"))
    shown = sanitize(hit.snippet).replace("\n", " ")
    marks = hit.marks if shown == hit.snippet else ()  # the marks index the text as given
    # One line per hit: start a little before the first match, so that it shows.
    cut = max(marks[0][0] - HIT_LEAD, 0) if marks else 0
    snippet = Text(("…" if cut else "") + shown[cut:])
    shift = 1 - cut if cut else 0
    for start, end in marks:
        snippet.stylize(style("match"), start + shift, end + shift)
    label.append_text(snippet)
    return label


#: Characters of a hit's snippet shown before its first match.
HIT_LEAD = 24


class Popup(ModalScreen[str | None]):
    """A pop-up over the text: Esc or q closes it, and the reading position stays."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close"),
    ]

    DEFAULT_CSS = """
    Popup { align: center middle; }
    Popup > #box {
        width: 90%; max-width: 76; height: auto; max-height: 90%;
        border: round $accent; padding: 0 1; background: $surface;
    }
    """

    def action_close(self) -> None:
        """Back to the text."""
        self.dismiss(None)


class DefinitionPopup(Popup):
    """A glossary term in full: category, definition and the sections that use it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "close", "Close", show=False)]

    def __init__(self, brief: Brief, entry: GlossaryEntry) -> None:
        super().__init__()
        self.brief = brief
        self.entry = entry

    def compose(self) -> ComposeResult:
        """The term, typeset as `brief glossary TERM` typesets it."""
        with VerticalScroll(id="box"):
            yield Static(definition(self.brief, self.entry), id="definition")


def definition(brief: Brief, entry: GlossaryEntry) -> RenderableType:
    """``entry`` as `brief glossary TERM` shows it on a terminal."""
    from briefcli.query import TermMatch, term_sections
    from briefcli.render.document import build
    from briefcli.render.terminal import render
    from briefcli.views import TermView

    match = TermMatch(entry, None, term_sections(brief, entry))
    return render(build(TermView(brief, match)))


class NotePopup(Popup):
    """One of the editor's notes on the brief (found by a search: they are on no page)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "close", "Close", show=False)]

    def __init__(self, title: str, note: str) -> None:
        super().__init__()
        self.note_title = title
        self.note = note

    def compose(self) -> ComposeResult:
        """The note under its title, and who wrote it."""
        from briefcli.render.document import EDITOR_LABEL
        from briefcli.sanitize import sanitize

        text = Text()
        text.append(sanitize_line(self.note_title) + "\n\n", style=style("subheading"))
        text.append(sanitize(self.note) + "\n\n")
        text.append(f"This note is {EDITOR_LABEL}. Esc or q closes it.", style=style("muted"))
        with VerticalScroll(id="box"):
            yield Static(text)


class HelpPopup(Popup):
    """The keys, in full."""

    KEYS = (
        ("j k ↓ ↑", "scroll a line (space, b: a page)"),
        ("] [", "next, previous section or subsection"),
        ("c", "contents: show or hide the tree; Enter or a click opens a section"),
        ("tab", "next glossary term in the text (shift+tab: previous)"),
        ("enter d", "definition of the selected term (or click a term)"),
        ("/", "search this brief; enter jumps to the hit"),
        ("n N", "next, previous hit"),
        ("p", "key points on or off (written by the brief's editor)"),
        ("g", "glossary"),
        ("t", "timeline; enter goes to the event's section"),
        ("?", "this help"),
        ("q", "quit (the next `brief browse` opens here)"),
    )

    def compose(self) -> ComposeResult:
        """One entry per key, what it does wrapped beside it."""
        from rich.console import Group

        lines: list[RenderableType] = [
            _Beside(Text(f"{keys:>9}  ", style=style("label")), Text(what))
            for keys, what in self.KEYS
        ]
        lines.append(Text("\nEsc or q closes this help.", style=style("muted")))
        with VerticalScroll(id="box"):
            yield Static(Group(*lines))


class GlossaryPopup(Popup):
    """`g`: every term; the highlighted one in full below the list."""

    DEFAULT_CSS = """
    GlossaryPopup > #box { max-width: 90; }
    GlossaryPopup #terms { height: auto; max-height: 12; }
    GlossaryPopup #definition { height: auto; margin-top: 1; }
    """

    def __init__(self, brief: Brief) -> None:
        super().__init__()
        self.brief = brief
        #: The terms `brief glossary` lists: the brief's own, else those found in its text.
        self.entries = brief.glossary or _extracted_terms(brief)

    def compose(self) -> ComposeResult:
        """The list of terms, and the highlighted one's definition."""
        from briefcli.render.document import ORIGIN_MARK

        options = []
        for index, entry in enumerate(self.entries):
            label = line(entry.term, "term")
            if mark := ORIGIN_MARK.get(entry.origin, ""):
                label.append(mark, style=style("muted"))
            label.append("  " + sanitize_line(entry.category), style=style("category"))
            options.append(Option(label, id=str(index)))
        with Vertical(id="box"):
            yield Static(Text("Glossary", style=style("title")))
            yield OptionList(*options, id="terms")
            yield Static(id="definition")

    def on_mount(self) -> None:
        """Start on the first term."""
        terms = self.query_one("#terms", OptionList)
        if self.entries:
            terms.highlighted = 0
        else:
            self.query_one("#definition", Static).update(
                Text(
                    "This brief has no glossary, and brief found no terms in its text.",
                    style=style("muted"),
                )
            )

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Show the highlighted term in full."""
        entry = self.entries[int(event.option.id or 0)]
        self.query_one("#definition", Static).update(definition(self.brief, entry))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a term: read on where it is used first."""
        from briefcli.query import term_sections

        used = term_sections(self.brief, self.entries[int(event.option.id or 0)])
        self.dismiss(used[0] if used else None)


def _extracted_terms(brief: Brief) -> tuple[GlossaryEntry, ...]:
    """The terms brief finds in the text of a brief without a glossary of its own, as
    `brief glossary` lists them (marked [extracted])."""
    from briefcli import extracts

    return tuple(found.entry for found in extracts.digest(brief).glossary())


def event_label(event: TimelineEvent) -> RenderableType:
    """A timeline entry: date, sections, and the event beside them, wrapped under itself
    (under the date on a narrow pop-up); the editor's marked as such."""
    head = Text(no_wrap=True, overflow="ellipsis")
    head.append(f"{sanitize_line(event.date.display()):<14}", style=style("date"))
    head.append(f"{sanitize_line(', '.join(event.sections)):<9}", style=style("number"))
    body = Text(sanitize_line(event.event), overflow="fold")
    if event.origin == "editor":
        body.append(" [editor]", style=style("muted"))
    return _Beside(head, body)


#: The fewest columns a text keeps beside its label before it goes under it.
_ROOM_BESIDE = 24


class _Beside:
    """A label (a date and sections, a key), then its text: beside it and wrapped under
    the text's own first word, or (when that leaves the text less than _ROOM_BESIDE
    columns) on the lines under it, indented, the way `brief timeline` stacks on a narrow
    terminal."""

    def __init__(self, head: Text, body: Text) -> None:
        self.head = head
        self.body = body

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        indent = self.head.cell_len
        if width - indent >= _ROOM_BESIDE:
            for index, piece in enumerate(self.body.wrap(console, width - indent)):
                yield (self.head if index == 0 else Text(" " * indent)) + piece
            return
        plain = self.head.plain
        head = self.head[len(plain) - len(plain.lstrip(" ")) :]  # a key set right, flush left
        head.rstrip()
        yield head
        for piece in self.body.wrap(console, max(width - 2, 1)):
            yield Text("  ") + piece


class TimelinePopup(Popup):
    """`t`: events in order; Enter on one goes to its section."""

    DEFAULT_CSS = """
    TimelinePopup > #box { max-width: 110; height: 90%; }
    TimelinePopup #events { height: 1fr; }
    """

    def __init__(self, brief: Brief) -> None:
        super().__init__()
        self.brief = brief
        from briefcli.query import events_between

        self.events = events_between(brief)

    def compose(self) -> ComposeResult:
        """The events, and what [editor] means."""
        from briefcli.render.document import EDITOR_LABEL

        options = [Option(event_label(e), id=str(n)) for n, e in enumerate(self.events)]
        with Vertical(id="box"):
            yield Static(Text("Timeline", style=style("title")))
            if not options:
                yield Static(Text("This brief has no timeline.", style=style("muted")))
            yield OptionList(*options, id="events")
            if any(e.origin == "editor" for e in self.events):
                note = f"Entries marked [editor] are {EDITOR_LABEL}. Enter: go to the section."
                yield Static(Text(note, style=style("muted")))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Go to the chosen event's first section."""
        chosen = self.events[int(event.option.id or 0)]
        self.dismiss(chosen.sections[0] if chosen.sections else None)
