"""The full-screen reader: contents, text, terms, search, glossary and timeline of one brief."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import App
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input, OptionList, Static, Tree

from briefcli.errors import EXIT_INTERRUPTED, EXIT_OK, BriefError
from briefcli.position import Position
from briefcli.sanitize import sanitize_line
from briefcli.theme import style
from briefcli.tui import pages
from briefcli.tui.widgets import (
    Contents,
    DefinitionPopup,
    GlossaryPopup,
    HelpPopup,
    NotePopup,
    PieceView,
    SearchBar,
    TextPane,
    TimelinePopup,
)

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.events import Resize

    from briefcli.index import Hit
    from briefcli.model import Brief

SECTION = Binding.Group("Section")

#: Below this many columns the contents tree is narrower, and hides once a section is chosen.
WIDE = 110
#: The contents' width below WIDE (as in the CSS), and the fewest columns the text is given
#: beside them; on a narrower screen the text takes the whole width.
NARROW_CONTENTS = 26
NARROWEST_TEXT = 40


class Reader(App[int]):
    """Read one brief: the app returns its exit code (0, or 130 for Ctrl-C)."""

    TITLE = "brief"
    ENABLE_COMMAND_PALETTE = False
    CSS = """
    #top { dock: top; height: 1; padding: 0 1; background: $panel; }
    #top { text-wrap: nowrap; text-overflow: ellipsis; }
    #contents { width: 34; height: 1fr; overflow-x: hidden; border-right: vkey $panel-lighten-2; }
    Screen.-narrow #contents { width: 26; }
    #contents.-hidden { display: none; }
    #text { width: 1fr; height: 1fr; scrollbar-size-vertical: 1; }
    Screen.-narrow #page { padding: 1 1 0 2; }
    Footer.-compact FooterLabel { margin: 0 1 0 0; }
    Footer.-compact FooterKey.-grouped { margin: 0 1 0 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        # In the footer's order; p (key points) is in the help only, so 80 columns fit them.
        Binding("right_square_bracket", "next_section", "Section", key_display="]", group=SECTION),
        Binding(
            "left_square_bracket", "previous_section", "Section", key_display="[", group=SECTION
        ),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("g", "glossary", "Glossary"),
        Binding("t", "timeline", "Timeline"),
        Binding("c", "contents", "Contents"),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit_reader", "Quit"),
        Binding("p", "key_points", "Key points", show=False),
        Binding("n", "next_hit", "Next hit", show=False),
        Binding("N", "previous_hit", "Previous hit", show=False),
        Binding("ctrl+c", "interrupt", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        brief: Brief,
        path: str,
        start: Position | None = None,
        *,
        remember: bool = True,
    ) -> None:
        super().__init__()
        self.brief = brief
        self.path = path
        self.start = start
        self.remember = remember
        self.stops = pages.outline(brief)
        self.names = pages.term_index(brief)
        self.page: pages.Page | None = None
        self.key_points = False
        self.hits: tuple[Hit, ...] = ()
        self.hit_number: int | None = None
        self.current: pages.Stop | None = None
        #: The selected term: (piece number, start, end, glossary index).
        self.term: tuple[int, int, int, int] | None = None
        #: The place last gone to, and the scroll offset it was shown at: near the end of a
        #: page the place cannot scroll to the top, and is still the one being read.
        self.pinned: tuple[Position, float] | None = None

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Top line, contents and text side by side, the search bar, the footer."""
        yield Static(id="top")
        with Horizontal():
            yield Contents(self.brief.meta.title, self.stops, id="contents")
            yield TextPane(id="text")
        yield SearchBar(id="search")
        yield Footer(compact=True)

    async def on_mount(self) -> None:
        """Open where the reader left off (or at the start), and follow the scrolling."""
        self._fit(self.size.width, opening=True)
        start = self.start or Position(self.stops[0].anchor if self.stops else "", 0)
        self.watch(self.query_one(TextPane), "scroll_y", self._scrolled, init=False)
        if self.stops:
            await self.go(start.section, start.paragraph)
        self.query_one(TextPane).focus()

    def on_resize(self, event: Resize) -> None:
        """Fit the layout to the new width."""
        self._fit(event.size.width)

    def _fit(self, width: int, opening: bool = False) -> None:
        self.screen.set_class(width < WIDE, "-narrow")
        # Too narrow for the contents and a readable text side by side: the text gets the
        # whole width ('c' brings the contents back), unless the contents are being used.
        contents = self.query_one(Contents)
        if width < NARROW_CONTENTS + NARROWEST_TEXT and (opening or not contents.has_focus):
            contents.add_class("-hidden")

    # -- showing a place ---------------------------------------------------------------------

    async def go(
        self, anchor: str, paragraph: int = 0, words: tuple[str, ...] = (), hit: bool = False
    ) -> bool:
        """Show section or subsection ``anchor`` with paragraph ``paragraph`` at the top.

        With ``hit`` (a search hit) that paragraph is highlighted and ``words`` are marked in
        it. False when the brief has no such place.
        """
        section = pages.find_section(self.brief, anchor)
        if section is None:
            return False
        if self.page is None or self.page.section != section.id:
            await self._show_page(section.id)
        target = self._piece_for(anchor, paragraph, heading=not hit)
        for view in self._views():
            if view.has_class("-hit") or view.marks:
                view.remove_class("-hit")
                view.show(marks=())
        if target is not None and hit:
            target.add_class("-hit")
            block = target.piece.block
            text = getattr(block, "text", None)
            if isinstance(text, str):
                target.show(marks=pages.word_marks(text, words))
        if target is not None:
            self._scroll_to(target)
        return True

    async def _show_page(self, section_id: str) -> None:
        section = pages.find_section(self.brief, section_id)
        assert section is not None
        self.page = pages.page(self.brief, section, self.key_points)
        self.term = None
        self.pinned = None
        views = []
        for number, piece in enumerate(self.page.pieces):
            view = PieceView(piece, number, self.page.terms)
            view.links = tuple(
                (start, end, f"app.define({entry})")
                for start, end, entry in pages.term_spans(piece, self.page.terms, self.names)
            )
            view.show()
            views.append(view)
        column = self.query_one("#page", Vertical)
        await column.remove_children()
        await column.mount_all(views)
        self.query_one(TextPane).scroll_home(animate=False, immediate=True)

    def _views(self) -> list[PieceView]:
        return list(self.query_one("#page", Vertical).query_children(PieceView))

    def _piece_for(self, anchor: str, paragraph: int, heading: bool = True) -> PieceView | None:
        """That paragraph of ``anchor``; with ``heading``, its heading for paragraph 0."""
        for view in self._views():
            piece = view.piece
            if piece.anchor != anchor:
                continue
            if heading and paragraph == 0 and piece.paragraph is None and piece.origin == "report":
                return view
            if piece.paragraph == paragraph:
                return view
        return None

    def _scroll_to(self, view: PieceView) -> None:
        pane = self.query_one(TextPane)

        def scroll() -> None:
            # The column's top padding stays above the first piece.
            top = 0 if view.number == 0 else view.virtual_region.y
            pane.scroll_to(y=top, animate=False, immediate=True)
            piece = view.piece
            self.pinned = (Position(piece.anchor, piece.paragraph or 0), pane.scroll_y)
            self._scrolled()

        self.call_after_refresh(scroll)

    def _scrolled(self, *_: object) -> None:
        """Name the heading being read in the top line and follow it in the contents."""
        here = self.position()
        if here is None or self.page is None:
            return
        stop = next((s for s in self.stops if s.anchor == here.section), None)
        if stop is None or stop == self.current:
            return
        self.current = stop
        top = Text(no_wrap=True, overflow="ellipsis")
        top.append(sanitize_line(stop.anchor) + " ", style=style("number"))
        top.append(sanitize_line(stop.title), style=style("subheading"))
        top.append("  ·  " + sanitize_line(self.brief.meta.title), style=style("muted"))
        self.query_one("#top", Static).update(top)
        contents = self.query_one(Contents)
        number = contents.node_for(stop.anchor)
        if number is not None:
            contents.cursor_line = number

    def _top_view(self) -> PieceView | None:
        """The piece at the top of the text pane."""
        pane = self.query_one(TextPane)
        views = self._views()
        chosen = views[0] if views else None
        for view in views:
            if view.virtual_region.y <= pane.scroll_y + 1:
                chosen = view
            else:
                break
        return chosen

    def position(self) -> Position | None:
        """Where the reader is: the section or subsection at the top, and its paragraph."""
        if self.pinned is not None and self.pinned[1] == self.query_one(TextPane).scroll_y:
            return self.pinned[0]
        view = self._top_view()
        if view is None:
            return None
        return Position(view.piece.anchor, view.piece.paragraph or 0)

    # -- contents ----------------------------------------------------------------------------

    async def on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        """A section chosen in the contents: show it (and, when narrow, give it the room)."""
        if event.node.data is None:
            return
        await self.go(event.node.data)
        if self.screen.has_class("-narrow"):
            self.query_one(Contents).add_class("-hidden")
        self.query_one(TextPane).focus()

    def action_contents(self) -> None:
        """Show the contents and move to them; again, hide them."""
        contents = self.query_one(Contents)
        if contents.has_focus:
            contents.add_class("-hidden")
            self.query_one(TextPane).focus()
        else:
            contents.remove_class("-hidden")
            contents.focus()

    async def action_next_section(self) -> None:
        """Go to the next heading, section or subsection, in reading order."""
        await self._step(+1)

    async def action_previous_section(self) -> None:
        """Go to the previous heading, section or subsection."""
        await self._step(-1)

    async def _step(self, direction: int) -> None:
        place = self.position()
        view = self._top_view()
        if place is None or view is None:
            return
        anchors = [s.anchor for s in self.stops]
        here = anchors.index(place.section) if place.section in anchors else 0
        pinned = self.pinned is not None and self.pinned[0] == place and place.paragraph == 0
        on_heading = pinned or (view.piece.paragraph is None and view.piece.origin == "report")
        if direction < 0 and not on_heading:
            direction = 0  # back to the top of the part being read first
        wanted = here + direction
        if 0 <= wanted < len(anchors):
            await self.go(anchors[wanted])
        else:
            self.bell()

    # -- key points and terms -------------------------------------------------------------------

    async def action_key_points(self) -> None:
        """Show or hide the editor's key points after each section's text."""
        self.key_points = not self.key_points
        here = self.position()
        if self.page is not None:
            await self._show_page(self.page.section)
        if here is not None:
            await self.go(here.section, here.paragraph)
        if self.key_points and self.page is not None:
            editor = [v for v in self._views() if v.piece.origin == "editor"]
            if editor:
                self.notify("Key points shown after the text: written by the brief's editor.")
                self.query_one(TextPane).scroll_to_widget(editor[0], animate=False, top=True)
            else:
                self.notify("This section has no key points.")

    def action_next_term(self) -> None:
        """Select the next glossary term in the text."""
        self._select_term(+1)

    def action_previous_term(self) -> None:
        """Select the previous glossary term in the text."""
        self._select_term(-1)

    def _select_term(self, direction: int) -> None:
        views = self._views()
        spans = [
            (view.number, start, end, int(action[len("app.define(") : -1]))
            for view in views
            for start, end, action in view.links
        ]
        if not spans:
            self.bell()
            return
        if self.term in spans:
            index = (spans.index(self.term) + direction) % len(spans)
        else:
            top = self._top_view()
            first = top.number if top is not None else 0
            later = [i for i, s in enumerate(spans) if s[0] >= first]
            index = (later[0] if later else 0) if direction > 0 else (later[0] - 1 if later else -1)
            index %= len(spans)
        old = self.term
        self.term = spans[index]
        if old is not None and old[0] != self.term[0]:
            views[old[0]].show(selected=None)
        view = views[self.term[0]]
        view.show(selected=(self.term[1], self.term[2]))
        self.query_one(TextPane).scroll_to_widget(view, animate=False)

    def action_define_selected(self) -> None:
        """Show the selected term's definition (Tab selects one)."""
        if self.term is None:
            self.notify("Tab selects a glossary term in the text; a click on one works too.")
            return
        self.action_define(self.term[3])

    def action_define(self, entry: int) -> None:
        """Show glossary entry ``entry`` in a pop-up over the text."""
        if 0 <= entry < len(self.brief.glossary):
            self.push_screen(DefinitionPopup(self.brief, self.brief.glossary[entry]))

    # -- glossary, timeline, help -----------------------------------------------------------

    def action_glossary(self) -> None:
        """The glossary; Enter on a term goes to the first section that uses it."""
        self.push_screen(GlossaryPopup(self.brief), self._arrive)

    def action_timeline(self) -> None:
        """The timeline; Enter on an event goes to its section."""
        self.push_screen(TimelinePopup(self.brief), self._arrive)

    def action_help(self) -> None:
        """Every key."""
        self.push_screen(HelpPopup())

    async def _arrive(self, anchor: str | None) -> None:
        if anchor:
            await self.go(anchor)
            self.query_one(TextPane).focus()

    # -- search ------------------------------------------------------------------------------

    def action_search(self) -> None:
        """Open the search bar."""
        bar = self.query_one(SearchBar)
        bar.add_class("-open")
        bar.query_one(Input).focus()

    def action_close_search(self) -> None:
        """Close the search bar; n and N still move through the hits."""
        self.query_one(SearchBar).remove_class("-open")
        self.query_one(TextPane).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Search again with every key typed."""
        self._search(event.value)

    def _search(self, text: str) -> None:
        from briefcli.tui.finder import search_brief

        bar = self.query_one(SearchBar)
        self.hit_number = None
        if not text.strip():
            self.hits = ()
            bar.show_hits((), "Type words to find; Enter goes to the highlighted hit.")
            return
        try:
            self.hits = search_brief(self.path, text)
        except BriefError as exc:
            self.hits = ()
            bar.show_hits((), sanitize_line(exc.message))
            return
        count = len(self.hits)
        status = f"{count} hit{'s' if count != 1 else ''}" if count else "No hits."
        bar.show_hits(self.hits, status + "  ↑↓ choose · Enter go · Esc close · then n/N")

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the search bar: go to the highlighted hit."""
        highlighted = self.query_one("#hits", OptionList).highlighted
        if self.hits:
            await self._go_hit(highlighted or 0)
            self.action_close_search()

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A hit chosen with Enter or a click."""
        if event.option_list.id == "hits":
            await self._go_hit(int(event.option.id or 0))
            self.action_close_search()

    async def action_next_hit(self) -> None:
        """Go to the next search hit."""
        await self._move_hit(+1)

    async def action_previous_hit(self) -> None:
        """Go to the previous search hit."""
        await self._move_hit(-1)

    async def _move_hit(self, direction: int) -> None:
        if not self.hits:
            self.notify("No search yet: press / to search.")
            return
        number = -1 if self.hit_number is None and direction > 0 else (self.hit_number or 0)
        await self._go_hit((number + direction) % len(self.hits))

    async def _go_hit(self, number: int) -> None:
        from briefcli.tui.finder import land

        self.hit_number = number
        hit = self.hits[number]
        if hit.kind == "note":  # the editor's notes are on no page: the hit shows the note
            notes = self.brief.notes
            index = int(hit.ref) - 1 if hit.ref.isdecimal() else -1
            if not 0 <= index < len(notes):
                self.notify("That hit is no longer in this brief.")
                return
            self.push_screen(NotePopup(f"Editor's {hit.title}", notes[index]))
            return
        landing = land(self.brief, hit)
        if landing is None:
            self.notify("That hit is no longer in this brief.")
            return
        if landing.kind == "glossary" and landing.term is not None:
            self.action_define(landing.term)
            return
        if landing.kind == "key_points" and not self.key_points:
            await self.action_key_points()
        if landing.kind == "key_points":
            view = next((v for v in self._views() if v.piece.origin == "editor"), None)
            if view is not None:
                view.add_class("-hit")
                self._scroll_to(view)
            return
        if landing.kind == "timeline":
            await self.go(landing.anchor)
        else:
            await self.go(landing.anchor, landing.paragraph or 0, landing.words, hit=True)
        self.notify(f"Hit {number + 1} of {len(self.hits)}", timeout=2)

    # -- leaving -----------------------------------------------------------------------------

    def action_quit_reader(self) -> None:
        """Remember the place, then quit."""
        self._remember()
        self.exit(EXIT_OK)

    def action_interrupt(self) -> None:
        """Ctrl-C: remember the place and quit with the documented exit code."""
        self._remember()
        self.exit(EXIT_INTERRUPTED)

    def _remember(self) -> None:
        from briefcli.position import write_position

        here = self.position()
        if self.remember and here is not None:
            write_position(self.brief.meta.id, self.path, here)
