"""`brief browse` on small screens: the text gets the room, the top line is cut with '…'."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.pilot import Pilot
from textual.widgets import Static

from briefcli.loader import load_brief
from briefcli.position import Position
from briefcli.tui.reader import Reader
from briefcli.tui.widgets import Contents, TextPane
from conftest import HERE

SAMPLE = HERE / "data" / "terminal-layout.yaml"


@pytest.fixture(autouse=True)
def private_folders(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Positions and the search index in a scratch folder, never the user's."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def drive(steps: Callable[[Pilot[int], Reader], Awaitable[None]], size: tuple[int, int]) -> None:
    """Open the sample brief at section 1, headless at ``size``, and play ``steps``."""
    app = Reader(load_brief(SAMPLE), str(SAMPLE), Position("1"), remember=False)

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await steps(pilot, app)

    asyncio.run(main())


def top_line(app: Reader) -> str:
    return app.query_one("#top", Static).render_line(0).text.rstrip()


@pytest.mark.parametrize("width", [20, 40])
def test_a_narrow_screen_opens_on_the_text_not_the_contents(width: int) -> None:
    async def steps(pilot: Pilot[int], app: Reader) -> None:
        contents, text = app.query_one(Contents), app.query_one(TextPane)
        assert not contents.display or contents.has_class("-hidden")
        assert text.has_focus and text.size.width >= width - 2
        await pilot.press("c")  # the contents come back on request, and stay while used
        await pilot.pause()
        assert contents.has_focus and not contents.has_class("-hidden")
        await pilot.resize_terminal(width - 1, 12)
        await pilot.pause()
        assert not contents.has_class("-hidden")

    drive(steps, (width, 12))


def test_contents_stay_beside_the_text_where_both_fit() -> None:
    async def steps(pilot: Pilot[int], app: Reader) -> None:
        assert not app.query_one(Contents).has_class("-hidden")

    drive(steps, (80, 24))


@pytest.mark.parametrize("width", [40, 60])
def test_the_top_line_is_cut_with_an_ellipsis(width: int) -> None:
    async def steps(pilot: Pilot[int], app: Reader) -> None:
        line = top_line(app)
        assert line.startswith("1 概要")
        assert line.endswith("…")
        # Not cut at the first word too long to wrap: the title starts on the line.
        assert "東アジア" in line

    drive(steps, (width, 12))
