"""Where brief keeps user files: the XDG data, cache and config folders (read on demand)."""

from __future__ import annotations

import os
from pathlib import Path


def _base(variable: str, fallback: str) -> Path:
    value = os.environ.get(variable, "")
    # XDG says relative paths are invalid and must be ignored.
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / fallback


def data_dir() -> Path:
    """The user's brief library: ``$XDG_DATA_HOME/briefcli`` (``~/.local/share/briefcli``)."""
    return _base("XDG_DATA_HOME", ".local/share") / "briefcli"


def library_dir() -> Path:
    """Where ``brief import`` writes by default: ``<data_dir>/briefs``."""
    return data_dir() / "briefs"


def cache_dir() -> Path:
    """Caches that can always be rebuilt: ``$XDG_CACHE_HOME/briefcli`` (``~/.cache/briefcli``)."""
    return _base("XDG_CACHE_HOME", ".cache") / "briefcli"


def state_dir() -> Path:
    """State worth keeping but not backing up, such as reading positions: ``$XDG_STATE_HOME/…``."""
    return _base("XDG_STATE_HOME", ".local/state") / "briefcli"


def config_dir() -> Path:
    """Settings such as the default brief: ``$XDG_CONFIG_HOME/briefcli`` (``~/.config/…``)."""
    return _base("XDG_CONFIG_HOME", ".config") / "briefcli"


def index_path() -> Path:
    """The search index of the library: ``<cache_dir>/index.sqlite3``."""
    return cache_dir() / INDEX_NAME


#: File name of the library's search index in the cache folder.
INDEX_NAME = "index.sqlite3"


def default_brief_path() -> Path:
    """The brief shipped inside the package (falls back to the checkout's briefs/ folder)."""
    here = Path(__file__).resolve().parent
    shipped = here / "briefs" / "nk-russia-troops-2025.yaml"
    if shipped.is_file():
        return shipped
    return here.parent.parent / "briefs" / "nk-russia-troops-2025.yaml"
