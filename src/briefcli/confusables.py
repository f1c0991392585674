"""Look-alike ids: Unicode TR39 skeletons, and letters of several scripts mixed in one word.

Two ids that a reader cannot tell apart (``nk-russia`` in Latin, ``nk-ruѕѕia`` with a Cyrillic
``ѕ``) have the same skeleton, so the library treats them as one id. The prototypes come from
Unicode's confusables.txt: a subset for ids, generated into :mod:`briefcli.confusables_data`
by ``tools/make_confusables.py``.
"""

from __future__ import annotations

import functools
import unicodedata

#: The scripts whose letters pass for one another; mixing them in one id is suspicious.
SCRIPTS = ("Latin", "Cyrillic", "Greek")
_PREFIXES = tuple((f"{script.upper()} ", script) for script in SCRIPTS)


@functools.lru_cache(maxsize=4096)  # a library's ids are compared again and again
def skeleton(text: str) -> str:
    """The TR39 skeleton: NFD, each character replaced by the prototype it looks like, NFD.

    Equal skeletons mean the two texts look alike ('0' and 'O', 'ѕ' and 's', 'rn' and 'm').
    """
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFD", decomposed.translate(_prototypes()))


def confusable(first: str, second: str) -> bool:
    """Whether two different texts look alike (the same skeleton)."""
    return first != second and skeleton(first) == skeleton(second)


def mixed_scripts(text: str) -> str | None:
    """Why ``text`` mixes Latin, Cyrillic and Greek letters, naming the odd one; else None.

    Digits, punctuation and letters of other scripts are neutral: 'nk-2025' and '北朝鮮-2025'
    are fine, 'nk-ruѕѕia' (a Cyrillic 'ѕ' among Latin letters) is not.
    """
    found: dict[str, list[str]] = {}
    for char in text:
        if unicodedata.category(char).startswith("L") and (script := _script(char)):
            found.setdefault(script, []).append(char)
    if len(found) < 2:
        return None
    # The script with the fewest letters is the one that hides among the others.
    names = list(found)
    odd = min(names, key=lambda script: len(found[script]))
    char = found[odd][0]
    listed = " and ".join([", ".join(names[:-1]), names[-1]])
    return f"mixes {listed} letters: {char!r} is {unicodedata.name(char)} (U+{ord(char):04X})"


def _script(char: str) -> str | None:
    name = unicodedata.name(char, "")
    return next((script for prefix, script in _PREFIXES if name.startswith(prefix)), None)


@functools.cache
def _prototypes() -> dict[int, str]:
    # Imported on first use: only the library's duplicate check and validate need the table.
    from briefcli.confusables_data import PROTOTYPES

    return PROTOTYPES
