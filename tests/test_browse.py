"""`brief browse`: the full-screen reader driven with Textual's pilot, its position file,
and the command's refusals (no terminal, no Textual)."""

from __future__ import annotations

import asyncio
import html
import re
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.pilot import Pilot
from textual.widgets import Input

from briefcli import position
from briefcli.loader import load_brief
from briefcli.model import Brief
from briefcli.paths import default_brief_path
from briefcli.position import Position
from briefcli.render.document import EDITOR_LABEL
from briefcli.tui.reader import Reader
from briefcli.tui.widgets import (
    Contents,
    DefinitionPopup,
    GlossaryPopup,
    PieceView,
    TextPane,
    TimelinePopup,
)
from conftest import Runner
from test_hostile import raw_characters

SHIPPED = str(default_brief_path())
HOSTILE = Path(__file__).parent / "hostile"


@pytest.fixture(autouse=True)
def private_folders(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Positions and the search index in a scratch folder, never the user's."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def shipped() -> Brief:
    """The shipped brief."""
    return load_brief(SHIPPED)


def drive(
    app: Reader, steps: Callable[[Pilot[int], Reader], Awaitable[None]], size: tuple[int, int]
) -> None:
    """Run ``app`` headless at ``size`` and play ``steps`` on it."""

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await steps(pilot, app)

    asyncio.run(main())


async def type_text(pilot: Pilot[int], text: str) -> None:
    """Type ``text`` key by key."""
    for char in text:
        await pilot.press({" ": "space", '"': "quotation_mark"}.get(char, char))
    await pilot.pause()


def screen_text(app: Reader) -> str:
    """What the screen shows, as text (from the SVG screenshot)."""
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


# -- the command -----------------------------------------------------------------------------


def test_not_a_terminal_is_one_line_and_exit_2(brief: Runner) -> None:
    result = brief("browse")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert "needs a terminal" in lines[0] and "brief show" in lines[0]


def test_without_textual_names_the_extra(brief: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefcli.commands import browse

    class NotInstalled:
        """Finds no textual module, as in an environment without the extra."""

        @staticmethod
        def find_spec(name: str, *args: object) -> None:
            if name.partition(".")[0] == "textual":
                raise ModuleNotFoundError(f"No module named {name!r}", name=name)

    monkeypatch.setattr(browse, "_is_terminal", lambda stream: True)
    for name in [m for m in sys.modules if m.startswith(("textual", "briefcli.tui"))]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setattr(sys, "meta_path", [NotInstalled(), *sys.meta_path])
    result = brief("browse")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "brief: error: brief browse needs Textual: pip install 'briefcli[browse]'"
    ]


def test_browse_is_in_the_help(brief: Runner) -> None:
    result = brief("browse", "--help")
    assert result.exit_code == 0
    assert "full-screen" in result.stdout


# -- reading ---------------------------------------------------------------------------------


def test_opens_at_the_start_then_moves_by_section(shipped: Brief) -> None:
    async def steps(pilot: Pilot[int], app: Reader) -> None:
        assert app.position() == Position("1", 0)
        for _ in range(3):
            await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.position() == Position("2-2", 0)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert app.position() == Position("2-1", 0)
        await pilot.press("j", "j", "j", "j", "j")
        await pilot.pause()
        assert app.query_one(TextPane).scroll_y > 0
        await pilot.press("k")
        await pilot.pause()

    drive(Reader(shipped, SHIPPED, remember=False), steps, (80, 24))


@pytest.mark.parametrize("size", [(120, 30), (60, 30)])
def test_the_contents_cut_a_long_title_with_an_ellipsis(
    shipped: Brief, size: tuple[int, int]
) -> None:
    async def steps(pilot: Pilot[int], app: Reader) -> None:
        await pilot.press("c")
        await pilot.pause()
        contents = app.query_one(Contents)
        width = contents.scrollable_content_region.width
        lines = [contents.render_line(y).text for y in range(contents.last_line + 1)]
        long = next(line for line in lines if "4-2 Timeline" in line)
        assert long.rstrip().endswith("…")
        assert len(long.rstrip()) == width
        # A title that fits is shown whole, without an ellipsis.
        assert any(line.rstrip() == "1 Summary" for line in lines)

    drive(Reader(shipped, SHIPPED, remember=False), steps, size)


def test_the_contents_tree_opens_a_subsection(shipped: Brief) -> None:
    async def steps(pilot: Pilot[int], app: Reader) -> None:
        await pilot.press("c")
        contents = app.query_one(Contents)
        assert contents.has_focus
        line = contents.node_for("4-2")
        assert line is not None
        while contents.cursor_line < line:
            await pilot.press("j")
        await pilot.press("enter")
        await pilot.pause()
        assert app.position() == Position("4-2", 0)
        assert "4-2. Timeline of troop movements" in screen_text(app)
        # At 80 columns the tree makes room for the text once a section is chosen.
        assert contents.has_class("-hidden")
        assert app.query_one(TextPane).has_focus

    drive(Reader(shipped, SHIPPED, remember=False), steps, (80, 24))


def test_the_last_subsection_is_reached_and_passed(shipped: Brief) -> None:
    async def steps(pilot: Pilot[int], app: Reader) -> None:
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.position() == Position("5", 0)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert app.position() == Position("4-3", 0)

    drive(Reader(shipped, SHIPPED, Position("4-3"), remember=False), steps, (120, 40))


def test_search_lands_on_the_paragraph_and_n_moves_on(shipped: Brief) -> None:
    async def steps(pilot: Pilot[int], app: Reader) -> None:
        await pilot.press("slash")
        await type_text(pilot, "Vladivostok")
        assert len(app.hits) == 3
        assert "Vladivostok" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.position() == Position("4-2", 0)
        hit = [v for v in app.query(PieceView) if v.has_class("-hit")]
        assert len(hit) == 1 and hit[0].piece.paragraph == 0
        assert "Vladivostok" in getattr(hit[0].piece.block, "text", "")
        assert hit[0].marks  # the word itself is marked
        await pilot.press("n")
        await pilot.pause()
        assert app.hit_number == 1  # the timeline event: its section, 4-1
        assert app.position() == Position("4-1", 0)
        await pilot.press("N")
        await pilot.pause()
        assert app.hit_number == 0
        assert app.position() == Position("4-2", 0)

    drive(Reader(shipped, SHIPPED, remember=False), steps, (80, 24))


def test_a_hit_in_the_editors_notes_shows_the_note(shipped: Brief) -> None:
    """The editor's notes are on no page: choosing such a hit shows the note in a pop-up,
    marked as the editor's, and Esc leaves the reader where it was."""

    async def steps(pilot: Pilot[int], app: Reader) -> None:
        await pilot.press("slash")
        await type_text(pilot, "Rutte")
        assert [(h.kind, h.origin) for h in app.hits] == [("note", "editor")]
        assert "2 note [editor]: " in screen_text(app)
        before = app.position()
        await pilot.press("enter")
        await pilot.pause()
        shown = screen_text(app)
        assert "Editor's note 2" in shown
        assert "Mark Rutte" in shown and "held that post from 1 October 2024" in shown
        assert "This note is written by the brief's editor" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert app.position() == before

    drive(Reader(shipped, SHIPPED, remember=False), steps, (120, 40))


def test_search_without_words_or_hits_says_so(shipped: Brief) -> None:
    async def steps(pilot: Pilot[int], app: Reader) -> None:
        await pilot.press("slash")
        app.query_one(Input).value = "quillfeatherstone"
        await pilot.pause()
        assert app.hits == ()
        assert "No hits." in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.query_one(TextPane).has_focus
        await pilot.press("n")
        await pilot.pause()
        assert app.position() == Position("1", 0)

    drive(Reader(shipped, SHIPPED, remember=False), steps, (80, 24))


def test_a_term_opens_its_definition_and_the_place_stays(shipped: Brief) -> None:
    async def steps(pilot: Pilot[int], app: Reader) -> None:
        pane = app.query_one(TextPane)
        storm = [e.term for e in shipped.glossary].index("Storm Corps")
        for _ in range(40):
            await pilot.press("tab")
            if app.term is not None and app.term[3] == storm:
                break
        assert app.term is not None and app.term[3] == storm
        before = (app.position(), pane.scroll_y)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DefinitionPopup)
        shown = screen_text(app)
        assert "Storm Corps" in shown and "Concept" in shown and "Used in:" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, DefinitionPopup)
        assert (app.position(), pane.scroll_y) == before

    drive(Reader(shipped, SHIPPED, Position("2-3"), remember=False), steps, (80, 24))


def test_a_click_on_a_term_opens_its_definition(shipped: Brief) -> None:
    async def steps(pilot: Pilot[int], app: Reader) -> None:
        view = next(v for v in app.query(PieceView) if v.links)
        start, _, action = view.links[0]
        await app.run_action(action)
        await pilot.pause()
        assert isinstance(app.screen, DefinitionPopup)
        assert start >= 0

    drive(Reader(shipped, SHIPPED, remember=False), steps, (120, 40))


def test_timeline_entry_leads_to_its_section(shipped: Brief) -> None:
    async def steps(pilot: Pilot[int], app: Reader) -> None:
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TimelinePopup)
        assert "[editor]" in screen_text(app) and EDITOR_LABEL in screen_text(app)
        events = app.screen.events
        target = next(n for n, e in enumerate(events) if e.sections[0] == "4-1")
        for _ in range(target):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, TimelinePopup)
        assert app.position() == Position("4-1", 0)

    drive(Reader(shipped, SHIPPED, remember=False), steps, (120, 40))


def test_glossary_view_shows_each_term_and_leads_to_its_use(shipped: Brief) -> None:
    async def steps(pilot: Pilot[int], app: Reader) -> None:
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GlossaryPopup)
        shown = screen_text(app)
        assert all(entry.term in shown for entry in shipped.glossary)
        assert "Used in:" in shown  # the highlighted (first) term in full
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, GlossaryPopup)
        assert app.position() is not None

    drive(Reader(shipped, SHIPPED, remember=False), steps, (120, 40))


def test_key_points_are_labelled_as_the_editors(shipped: Brief) -> None:
    async def steps(pilot: Pilot[int], app: Reader) -> None:
        assert not [v for v in app.query(PieceView) if v.piece.origin == "editor"]
        await pilot.press("p")
        await pilot.pause()
        editor = [v for v in app.query(PieceView) if v.piece.origin == "editor"]
        assert editor
        assert any(EDITOR_LABEL in getattr(v.piece.block, "text", "") for v in editor)
        await pilot.press("p")
        await pilot.pause()
        assert not [v for v in app.query(PieceView) if v.piece.origin == "editor"]

    drive(Reader(shipped, SHIPPED, Position("4"), remember=False), steps, (120, 40))


def test_layout_adapts_to_the_width(shipped: Brief) -> None:
    async def steps(pilot: Pilot[int], app: Reader) -> None:
        assert app.screen.has_class("-narrow")
        await pilot.resize_terminal(200, 50)
        await pilot.pause()
        assert not app.screen.has_class("-narrow")
        page = app.query_one("#page")
        # A readable measure: prose no wider than about 90 columns on a wide screen.
        assert page.size.width <= 92
        assert max(len(v.rstrip()) for v in screen_text(app).splitlines()) <= 200
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen.has_class("-narrow")

    drive(Reader(shipped, SHIPPED, remember=False), steps, (80, 24))


def test_help_lists_the_keys(shipped: Brief) -> None:
    async def steps(pilot: Pilot[int], app: Reader) -> None:
        await pilot.press("question_mark")
        await pilot.pause()
        shown = screen_text(app)
        for key in ("/", "n N", "] [", "glossary", "timeline", "key points"):
            assert key in shown
        await pilot.press("escape")

    drive(Reader(shipped, SHIPPED, remember=False), steps, (80, 24))


# -- position -------------------------------------------------------------------------------


def test_quit_remembers_the_place_and_the_next_run_opens_there(shipped: Brief) -> None:
    async def steps(pilot: Pilot[int], app: Reader) -> None:
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        await pilot.press("q")

    app = Reader(shipped, SHIPPED)
    drive(app, steps, (80, 24))
    assert app.return_value == 0
    saved = position.read_position(shipped.meta.id, SHIPPED)
    assert saved == Position("2-1", 0)

    async def check(pilot: Pilot[int], again: Reader) -> None:
        assert again.position() == Position("2-1", 0)

    drive(Reader(shipped, SHIPPED, saved, remember=False), check, (80, 24))


def test_ctrl_c_quits_with_130(shipped: Brief) -> None:
    async def steps(pilot: Pilot[int], app: Reader) -> None:
        await pilot.press("ctrl+c")

    app = Reader(shipped, SHIPPED, remember=False)
    drive(app, steps, (80, 24))
    assert app.return_value == 130


def test_position_round_trip_and_keys(tmp_path: Path) -> None:
    assert position.read_position("a", str(tmp_path / "a.yaml")) is None
    assert position.write_position("a", str(tmp_path / "a.yaml"), Position("4-2", 3))
    assert position.write_position("b", str(tmp_path / "b.yaml"), Position("1"))
    assert position.read_position("a", str(tmp_path / "a.yaml")) == Position("4-2", 3)
    # Same id elsewhere, or another brief at the same path: no position.
    assert position.read_position("a", str(tmp_path / "elsewhere.yaml")) is None
    assert position.read_position("c", str(tmp_path / "a.yaml")) is None
    assert position.write_position("a", str(tmp_path / "a.yaml"), Position("5"))
    assert position.read_position("a", str(tmp_path / "a.yaml")) == Position("5", 0)
    assert position.read_position("b", str(tmp_path / "b.yaml")) == Position("1", 0)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not json",
        b"\xff\xfe",
        b"[]",
        b'{"version": 99, "positions": []}',
        b'{"version": 1, "positions": {}}',
        b'{"version": 1, "positions": [{"brief": "a", "path": "P", "section": 4}]}',
        b'{"version": 1, "positions": [{"brief": "a", "path": "P", "section": "4",'
        b' "paragraph": -1}]}',
    ],
)
def test_a_damaged_position_file_means_no_position(content: bytes, tmp_path: Path) -> None:
    target = position.positions_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content.replace(b'"P"', f'"{tmp_path / "a.yaml"}"'.encode()))
    assert position.read_position("a", str(tmp_path / "a.yaml")) is None
    # And writing replaces it with a good one.
    assert position.write_position("a", str(tmp_path / "a.yaml"), Position("2"))
    assert position.read_position("a", str(tmp_path / "a.yaml")) == Position("2", 0)


def test_an_unusable_state_folder_is_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker))
    assert not position.write_position("a", str(tmp_path / "a.yaml"), Position("2"))
    assert position.read_position("a", str(tmp_path / "a.yaml")) is None


# -- hostile text ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(p.name for p in HOSTILE.glob("ok-*.yaml")))
def test_hostile_text_stays_inert(name: str) -> None:
    path = str(HOSTILE / name)
    hostile = load_brief(path)
    seen: list[str] = []

    async def steps(pilot: Pilot[int], app: Reader) -> None:
        await pilot.press("p", "tab", "tab")  # key points on; a term selected
        await pilot.pause()
        seen.append(screen_text(app))
        for section in hostile.sections:
            await app.go(section.id)
            await pilot.pause()
            seen.append(screen_text(app))
        for key in ("g", "t", "question_mark"):
            await pilot.press(key)
            await pilot.pause()
            seen.append(screen_text(app))
            await pilot.press("escape")
        await pilot.press("slash")
        app.query_one(Input).value = "the"
        await pilot.pause()
        seen.append(screen_text(app))
        await pilot.press("enter")
        await pilot.pause()
        seen.append(screen_text(app))

    drive(Reader(hostile, path, remember=False), steps, (120, 40))
    for text in seen:
        assert raw_characters(text) == [], name
