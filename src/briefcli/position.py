"""Where the reader left off in each brief: read and written in the XDG state folder.

One small JSON file, ``$XDG_STATE_HOME/briefcli/positions.json`` (default
``~/.local/state/briefcli``), holds a position per brief, keyed by the brief's id and the real
path of its file, so a brief moved or replaced by another with the same id starts afresh.
``brief browse`` writes it when it quits, ``brief read`` when it starts; each opens there.
Losing it costs only the place, so a missing or damaged file means "no position", and a
failed write is ignored.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import NamedTuple, TypeGuard

#: Version of the file's layout; a file of another version reads as holding no positions.
VERSION = 1
#: Positions kept: the least recently read brief is forgotten first.
LIMIT = 200
FILE_NAME = "positions.json"


class Position(NamedTuple):
    """A place in a brief: a section or subsection id, and a paragraph within it (0 = its top)."""

    section: str
    paragraph: int = 0


def positions_path() -> Path:
    """The file that holds every brief's position."""
    from briefcli.paths import state_dir

    return state_dir() / FILE_NAME


def read_position(brief_id: str, path: str) -> Position | None:
    """The position saved for this brief at this path, or None (never saved, or unreadable)."""
    for entry in _entries():
        if entry.get("brief") == brief_id and entry.get("path") == _real(path):
            section, paragraph = entry.get("section"), entry.get("paragraph", 0)
            if isinstance(section, str) and section and _is_count(paragraph):
                return Position(section, paragraph)
            return None
    return None


def write_position(brief_id: str, path: str, position: Position) -> bool:
    """Save ``position`` for this brief atomically; False when the state folder is unusable."""
    from briefcli.errors import WriteError
    from briefcli.files import atomic_write

    real = _real(path)
    kept = [e for e in _entries() if not (e.get("brief") == brief_id and e.get("path") == real)]
    entry = {
        "brief": brief_id,
        "path": real,
        "section": position.section,
        "paragraph": position.paragraph,
    }
    kept = [*kept, entry][-LIMIT:]
    # ASCII: a path that is not UTF-8 holds lone surrogates, which only JSON's escapes carry.
    data = json.dumps({"version": VERSION, "positions": kept}, ensure_ascii=True, indent=1)
    try:
        atomic_write(positions_path(), (data + "\n").encode("utf-8"), force=True, own=True)
    except WriteError:
        return False
    return True


def _entries() -> list[dict[str, object]]:
    """The saved entries, oldest first; [] for a missing, damaged or foreign file."""
    from briefcli.errors import BriefFileError
    from briefcli.files import OWN, read_file

    try:
        document = json.loads(read_file(positions_path(), OWN, limit=1 << 20, own=True))
    except (BriefFileError, OSError, ValueError, RecursionError):  # '[[[[…' nests too deep
        return []
    if not isinstance(document, dict) or document.get("version") != VERSION:
        return []
    entries = document.get("positions")
    if not isinstance(entries, list):
        return []
    return [e for e in entries if isinstance(e, dict)]


def _is_count(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 1_000_000


def _real(path: str) -> str:
    return os.path.realpath(path)
