"""The brief id derived from a report's title (the library file name is made from the id)."""

from __future__ import annotations

import re
import unicodedata

from briefcli.files import RESERVED_NAMES

#: Longest id and file-name stem, in characters (a file name stays far below 255 bytes).
MAX_STEM = 60
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
    if stem in RESERVED_NAMES:
        stem = f"brief-{stem}"
    return stem
