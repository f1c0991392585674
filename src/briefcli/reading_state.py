"""Where `brief read` left off in each brief: one small JSON file in the XDG state folder.

The file is a convenience, never the user's data: one that cannot be read or parsed counts as
empty (reading starts from the beginning) and the next write replaces it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

#: Briefs remembered; the one read longest ago is forgotten first.
MAX_BRIEFS = 200
#: Larger than any file brief writes here: anything bigger is not ours and is not read.
_MAX_BYTES = 64 * 1024
_FILE_NAME = "reading.json"


def state_dir() -> Path:
    """``$XDG_STATE_HOME/briefcli`` (``~/.local/state/briefcli``): state worth keeping."""
    value = os.environ.get("XDG_STATE_HOME", "")
    # As in paths.py: XDG says relative paths are invalid and must be ignored.
    base = Path(value) if value and os.path.isabs(value) else Path.home() / ".local" / "state"
    return base / "briefcli"


def state_file() -> Path:
    """The file that holds every brief's position."""
    return state_dir() / _FILE_NAME


def _positions() -> dict[str, str]:
    try:
        with open(state_file(), "rb") as stream:
            raw = stream.read(_MAX_BYTES + 1)
        if len(raw) > _MAX_BYTES:
            return {}
        data = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError):
        return {}
    positions = data.get("positions") if isinstance(data, dict) else None
    if not isinstance(positions, dict):
        return {}
    return {k: v for k, v in positions.items() if isinstance(k, str) and isinstance(v, str)}


def position(brief_id: str) -> str | None:
    """The section id where reading ``brief_id`` last started, or None."""
    return _positions().get(brief_id)


def remember(brief_id: str, section_id: str) -> None:
    """Record that reading ``brief_id`` started at ``section_id`` (atomically; may raise
    :class:`briefcli.errors.WriteError`)."""
    from briefcli.files import atomic_write

    positions = _positions()
    positions.pop(brief_id, None)
    positions[brief_id] = section_id  # last, as the most recent
    kept = dict(list(positions.items())[-MAX_BRIEFS:])
    data = {"schema_version": 1, "positions": kept}
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    atomic_write(state_file(), text.encode("utf-8"), force=True)
