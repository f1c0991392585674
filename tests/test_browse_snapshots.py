"""`brief browse` pinned as pictures (SVG) at 80x24 and 120x40: the contents, a section,
the glossary and the timeline of the shipped brief. Update with --snapshot-update."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("textual")
pytest.importorskip("pytest_textual_snapshot")

from briefcli.loader import load_brief
from briefcli.paths import default_brief_path
from briefcli.position import Position
from briefcli.tui.reader import Reader

SHIPPED = str(default_brief_path())
SIZES = [(80, 24), (120, 40)]

#: What to show: where the reader opens, and the keys pressed there.
VIEWS = {
    "contents": (None, ("c",)),
    "section": (Position("4-2"), ()),
    "glossary": (None, ("g",)),
    "timeline": (None, ("t",)),
}


@pytest.fixture(autouse=True)
def private_folders(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Positions and the search index in a scratch folder, never the user's."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("view", sorted(VIEWS))
def test_snapshot(view: str, size: tuple[int, int], snap_compare: Callable[..., bool]) -> None:
    start, keys = VIEWS[view]
    app = Reader(load_brief(SHIPPED), SHIPPED, start, remember=False)
    assert snap_compare(app, press=keys, terminal_size=size)
