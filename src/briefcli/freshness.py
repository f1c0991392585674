"""The one freshness rule for everything brief remembers about a file (parse cache, index).

A remembered fact about a file is fresh while the file's size, modification time, change time,
inode and device are those it had when the fact was taken, and the fact was taken more than
:data:`RACY_NS` after the file's last change. The change time (ctime) catches a rewrite whose
mtime was restored (``touch -r``), which mtime alone cannot; the racy window is git's "racily
clean" rule: timestamps are coarse, so a change within their granularity of the check could hide
a second change of the same size, and such a file is read again.

This module imports only ``os`` (shell completion uses it before anything else is loaded).
"""

import os

#: A file that changed this close before the check is read again: coarse timestamps (and file
#: systems that round them to two seconds) could hide a second change.
RACY_NS = 2_000_000_000

#: What a stat key holds, in order (for storing it as columns or a list).
KEY_FIELDS = ("size", "mtime_ns", "ctime_ns", "inode", "device")


def stat_key(info: os.stat_result) -> tuple[int, int, int, int, int]:
    """The parts of a file's status that change whenever its contents may have changed."""
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


def is_fresh(stored: tuple[int, ...] | list[int], checked_ns: int, info: os.stat_result) -> bool:
    """Whether a fact taken at ``checked_ns`` with key ``stored`` still holds for ``info``.

    ``checked_ns`` is the wall-clock time (``time.time_ns()``) when the file was read.
    """
    return tuple(stored) == stat_key(info) and info.st_ctime_ns + RACY_NS < checked_ns


def code_stamp(modules: tuple[str, ...]) -> list[int]:
    """Size and mtime of each of brief's own ``modules`` (0, 0 for one that cannot be read):
    what something remembered was computed by; when one changes (an upgrade, a checkout),
    every entry made before is stale, even if the version number did not move."""
    here = os.path.dirname(__file__)
    stamp: list[int] = []
    for name in modules:
        try:
            info = os.stat(os.path.join(here, name))
            stamp += [info.st_size, info.st_mtime_ns]
        except OSError:
            stamp += [0, 0]
    return stamp
