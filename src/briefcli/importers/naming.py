"""The brief id derived from a report's title (the library file name is made from the id)."""

from __future__ import annotations

import re
import unicodedata

from briefcli.files import RESERVED_NAMES
from briefcli.importers.containers import unpacked_name

#: Longest id and file-name stem, in characters (a file name stays far below 255 bytes).
MAX_STEM = 60
#: Longest id made from a title: a few whole words, short enough to type.
MAX_ID = 40
_WORD = re.compile(r"[^\W_]+")
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b", re.IGNORECASE)
#: Words left out of an id made from a title (kept when nothing else is left).
_SMALL_WORDS = frozenset((
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "at", "by", "with", "from",
    "as", "into", "its", "their", "our", "is", "are",
))  # fmt: skip
#: Titles that say nothing of the report: the id comes from the file's name instead.
_GENERIC = frozenset((
    "introduction", "readme", "read", "me", "overview", "contents", "table", "of", "untitled",
    "index", "home", "document", "changelog", "change", "log", "news", "history", "release",
    "notes", "about", "changes", "releases",
))  # fmt: skip


def slug(title: str) -> str:
    """'North Korea's Troop …' → 'north-korea-s-troop-…': letters and digits joined by '-'.

    Never empty, never a path, never hidden, never a device name, at most :data:`MAX_STEM`
    characters; letters of any script are kept.
    """
    from briefcli.sanitize import has_unsafe

    folded = unicodedata.normalize("NFKC", title).casefold()
    if has_unsafe(folded):  # invisible "letters" (the Hangul fillers) are no part of a name
        folded = "".join(" " if has_unsafe(ch) else ch for ch in folded)
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


def brief_id(title: str, name: str = "") -> str:
    """The default id of an imported brief: a few whole words of its title, typed easily.

    'North Korea's Troop Deployment to Russia: A New …' → 'north-korea-troop-deployment-russia'
    (the part before a colon or dash, no possessive 's', no small words, at most :data:`MAX_ID`
    characters, never cut inside a word). A title that says nothing of the report
    ('Introduction', 'README', 'NEWS') gives way to the file's name: 'zstd/README.md' →
    'zstd-readme'.
    """
    import os

    head = re.split(r"\s*(?::|\s[-–—]\s)\s*", title, maxsplit=1)[0]
    if len(_WORD.findall(head)) >= 2:
        title = head
    words = _WORD.findall(_POSSESSIVE.sub("", unicodedata.normalize("NFKC", title).casefold()))
    if not words or set(words) <= _GENERIC:
        # 'README.md.gz' is named as 'README.md' is.
        base = unpacked_name(os.path.basename(name.rstrip("/\\")))
        stem = base.rsplit(".", 1)[0] if "." in base[1:] else base
        folder = os.path.basename(os.path.dirname(name))
        from_name = _WORD.findall(stem.casefold())
        if from_name and set(from_name) <= _GENERIC and folder and folder not in (".", ".."):
            from_name = [*_WORD.findall(folder.casefold()), *from_name]
        words = from_name or words
    kept = [w for w in words if w not in _SMALL_WORDS] or words
    stem = ""
    for word in kept:
        candidate = f"{stem}-{word}" if stem else word
        if len(candidate) > MAX_ID:
            break
        stem = candidate
    return slug(stem or (kept[0][:MAX_ID] if kept else ""))
