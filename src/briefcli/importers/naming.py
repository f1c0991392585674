"""Names derived from a report's title: the brief id and a safe file name in the library."""

from __future__ import annotations

import re
import unicodedata

#: Longest id and file-name stem, in characters (a file name stays far below 255 bytes).
MAX_STEM = 60
# Names Windows reserves for devices, with or without an extension.
_DEVICES = frozenset(
    ["con", "prn", "aux", "nul", "clock$"]
    + [f"com{n}" for n in range(10)]
    + [f"lpt{n}" for n in range(10)]
)
_WORD = re.compile(r"[^\W_]+")


def slug(title: str) -> str:
    """'North Korea's Troop …' → 'north-korea-s-troop-…': letters and digits joined by '-'.

    Never empty, never a path, never hidden, never a device name, at most :data:`MAX_STEM`
    characters; letters of any script are kept.
    """
    folded = unicodedata.normalize("NFKC", title).casefold()
    words = _WORD.findall(folded)
    stem = ""
    for word in words:
        candidate = f"{stem}-{word}" if stem else word
        if len(candidate) > MAX_STEM:
            if not stem:
                stem = word[:MAX_STEM]
            break
        stem = candidate
    if not stem:
        return "brief"
    if stem in _DEVICES:
        stem = f"brief-{stem}"
    return stem


def file_name(title: str) -> str:
    """The library file name for a brief with this title: ``slug(title) + '.yaml'``, cut to
    the byte limit of :func:`briefcli.files.safe_filename` (long titles in other scripts)."""
    from briefcli.files import safe_filename

    return safe_filename(slug(title), ".yaml")
