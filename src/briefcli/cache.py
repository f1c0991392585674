"""A cache of validated briefs, so repeat runs skip YAML: stale, corrupt or unwritable is a miss.

One JSON file per brief path in ``paths.cache_dir()/briefs``, holding the brief in file-format
shape (``codec.brief_to_data``) with the size, mtime, inode and device of the file it was read
from, and the version and code of brief that read it. A hit rebuilds the model with
:func:`brief_from_data`, which trusts its input: the data was validated by the loader before it
was written. Anything unexpected in an entry means a miss, and the cache never turns a readable
brief into an error.
"""

from __future__ import annotations

import os
import stat
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from briefcli import __version__
from briefcli.codec import brief_from_data
from briefcli.model import Brief

#: Bumped whenever the entry layout changes; entries of another format are misses.
FORMAT = 1
#: The modules that decide what a brief file means: when one changes (an upgrade, a checkout),
#: every entry is a miss, even if the version number did not move.
_CODE = ("loader.py", "yamlio.py", "model.py", "briefformat.py", "codec.py", "cache.py")


def load_brief(path: str | os.PathLike[str], parse: Callable[[str], Brief]) -> Brief:
    """The brief at ``path``: from the cache when it is fresh, else ``parse(path)``, remembered."""
    name = os.fspath(path)
    try:
        info = os.stat(name)
    except OSError:
        return parse(name)  # the loader words the error
    if not stat.S_ISREG(info.st_mode):
        return parse(name)
    key = _key(os.path.abspath(name), info)
    try:
        entry = entry_path(key["path"])
    except (RuntimeError, KeyError, OSError):  # no home folder to hold a cache
        return parse(name)
    brief = _read(entry, key)
    if brief is None:
        brief = parse(name)
        _write(entry, key, brief)
    return brief


def entry_path(absolute: str) -> Path:
    """The cache file for the brief at ``absolute`` (the name hashes the path)."""
    from briefcli.paths import cache_dir

    raw = os.fsencode(absolute)
    return cache_dir() / "briefs" / f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}.json"


def _key(absolute: str, info: os.stat_result) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": __version__,
        "code": _code_stamp(),
        "path": absolute,
        "size": info.st_size,
        "mtime_ns": info.st_mtime_ns,
        "inode": info.st_ino,
        "device": info.st_dev,
    }


def _code_stamp() -> list[int]:
    """Size and mtime of each module in ``_CODE`` (0 for one that cannot be read)."""
    here = os.path.dirname(__file__)
    stamp = []
    for name in _CODE:
        try:
            info = os.stat(os.path.join(here, name))
            stamp += [info.st_size, info.st_mtime_ns]
        except OSError:
            stamp += [0, 0]
    return stamp


def _read(entry: Path, key: dict[str, Any]) -> Brief | None:
    """The cached brief when the entry matches ``key``; None when missing, stale or corrupt."""
    import json

    try:
        with open(entry, "rb") as handle:
            stored = json.loads(handle.read())
        if not isinstance(stored, dict) or any(stored.get(k) != v for k, v in key.items()):
            return None
        return brief_from_data(stored["brief"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError):
        return None


def _write(entry: Path, key: dict[str, Any], brief: Brief) -> None:
    """Remember ``brief``; a cache folder that is missing, read-only or full is no error."""
    import contextlib
    import json

    from briefcli.codec import brief_to_data
    from briefcli.errors import WriteError
    from briefcli.files import atomic_write

    data = json.dumps({**key, "brief": brief_to_data(brief)}, ensure_ascii=False)
    with contextlib.suppress(WriteError, OSError, UnicodeError):
        atomic_write(entry, data.encode("utf-8"), force=True, private=True)
