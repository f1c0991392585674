"""A cache of validated briefs, so repeat runs skip YAML: stale, damaged or unwritable is a miss.

One file per brief path in ``paths.cache_dir()/briefs``: a header line (JSON) with the brief
file's stat key and the time it was read (:mod:`briefcli.freshness`, the one freshness rule),
the version and code of brief that read it, and a digest of the rest; then the brief in
file-format shape (``codec.brief_to_data``) as JSON. A hit rebuilds the model with
:func:`brief_from_data`, which trusts its input: the data was validated by the loader before it
was written, and the digest shows it is what was written. Anything unexpected in an entry (a
damaged or edited payload, a link, a FIFO) is a miss, and the cache never turns a readable
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
from briefcli.freshness import code_stamp
from briefcli.model import Brief

#: Bumped whenever the entry layout changes; entries of another format are misses.
FORMAT = 2
#: The modules that decide what a brief file means: when one changes (an upgrade, a checkout),
#: every entry is a miss, even if the version number did not move.
_CODE = ("loader.py", "yamlio.py", "model.py", "briefformat.py", "codec.py", "cache.py")
#: Largest entry read: the JSON of the largest brief, with room for escapes.
_MAX_ENTRY_BYTES = 4 * 8 * 1024 * 1024


def load_brief(path: str | os.PathLike[str], parse: Callable[[str], Brief]) -> Brief:
    """The brief at ``path``: from the cache when it is fresh, else ``parse(path)``, remembered."""
    import time

    name = os.fspath(path)
    try:
        info = os.stat(name)
    except OSError:
        return parse(name)  # the loader words the error
    if not stat.S_ISREG(info.st_mode):
        return parse(name)
    absolute = os.path.abspath(name)
    try:
        entry = entry_path(absolute)
    except (RuntimeError, KeyError, OSError, UnicodeError):  # no home folder to hold a cache
        return parse(name)
    same = _same(absolute)
    brief = _read(entry, same, info)
    if brief is None:
        checked = time.time_ns()  # before reading: a change from now on is newer than this
        brief = parse(name)
        _write(entry, same, info, checked, brief)
    return brief


def entry_path(absolute: str) -> Path:
    """The cache file for the brief at ``absolute`` (the name hashes the path)."""
    from briefcli.paths import cache_dir

    raw = os.fsencode(absolute)
    return cache_dir() / "briefs" / f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}.json"


def _same(absolute: str) -> dict[str, Any]:
    """What an entry's header must hold, besides a fresh stat key, to be used."""
    return {"format": FORMAT, "version": __version__, "code": code_stamp(_CODE), "path": absolute}


def _digest(payload: bytes) -> list[int]:
    """Length and CRC-32 of the payload: catches edits, truncation and bit rot, in 5 µs.

    Not a defence against forgery: whoever can write the cache can write the brief files too.
    """
    return [len(payload), zlib.crc32(payload)]


def _read(entry: Path, same: dict[str, Any], info: os.stat_result) -> Brief | None:
    """The cached brief when the entry is fresh and whole; None when missing, stale or damaged."""
    import json

    from briefcli.errors import BriefFileError
    from briefcli.files import OWN, read_file
    from briefcli.freshness import is_fresh

    try:
        data = read_file(entry, OWN, limit=_MAX_ENTRY_BYTES, own=True)
        head, _, payload = data.partition(b"\n")
        header = json.loads(head)
        if not isinstance(header, dict) or any(header.get(k) != v for k, v in same.items()):
            return None
        key, checked = header["key"], header["checked_ns"]
        if not (isinstance(key, list) and isinstance(checked, int)):
            return None
        if not is_fresh(key, checked, info) or header["digest"] != _digest(payload):
            return None
        stored = json.loads(payload)
        return brief_from_data(stored["brief"])
    except (BriefFileError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None
    except RecursionError:
        return None


def _write(
    entry: Path, same: dict[str, Any], info: os.stat_result, checked: int, brief: Brief
) -> None:
    """Remember ``brief``; a cache folder that is missing, read-only or full is no error."""
    import contextlib
    import json

    from briefcli.codec import brief_to_data
    from briefcli.errors import WriteError
    from briefcli.files import atomic_write
    from briefcli.freshness import stat_key

    with contextlib.suppress(WriteError, OSError, UnicodeError, ValueError):
        payload = json.dumps({"brief": brief_to_data(brief)}, ensure_ascii=False).encode("utf-8")
        header = {**same, "key": list(stat_key(info)), "checked_ns": checked}
        header["digest"] = _digest(payload)
        data = json.dumps(header, ensure_ascii=True).encode("ascii") + b"\n" + payload
        atomic_write(entry, data, force=True, private=True, own=True)
