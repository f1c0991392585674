"""The one sanitiser: text from a brief never reaches a terminal or a pipe with raw controls."""

from __future__ import annotations

import re
from functools import cache

# Everything a terminal could act on, or that hides or reorders text, rather than show:
# - C0 controls except tab and newline (ESC starts CSI/OSC/DCS sequences, BEL ends OSC),
#   DEL, and C1 controls (U+009B is a one-character CSI, U+009D an OSC);
# - bidi marks, embeddings, overrides and isolates ("Trojan Source", CVE-2021-42574),
#   the Arabic letter mark;
# - zero-width and invisible characters: ZWSP, word joiner and invisible operators, the byte
#   order mark, the Mongolian vowel separator, Hangul fillers, interlinear annotation marks,
#   and the tag characters U+E0000-U+E007F ("ASCII smuggling"); ZWNJ and ZWJ too, except
#   one alone between two other characters outside ASCII (see _JOINER);
# - line and paragraph separators (some terminals break lines on them);
# - lone surrogates (only from invalid input) and the noncharacters U+FFFE, U+FFFF.
#: The invisible and reordering characters above, beyond the controls and separators (the
#: zero-width joiners, U+200C and U+200D, are decided by _JOINER).
_INVISIBLE = (
    "\u061c\u115f\u1160\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    "\u3164\ud800-\udfff\ufeff\uffa0\ufff9-\ufffb\ufffe\uffff\U000e0000-\U000e007f"
)
_UNSAFE_CLASS = f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{_INVISIBLE}]"
#: What may stand on either side of a zero-width (non-)joiner that is kept: a character
#: outside ASCII that is not a space, a control or another invisible one. Persian, the Indic
#: scripts and emoji sequences ('👨\u200d👩') need them between their letters; a joiner next to
#: ASCII ('ad\u200dmin'), at an end or in a run (hidden data in zero-width characters) is
#: shown.
_NEIGHBOUR = f"[^\x00-\x9f\\s\u200c\u200d{_INVISIBLE}]"
_JOINER = f"(?<!{_NEIGHBOUR})[\u200c\u200d]|[\u200c\u200d](?!{_NEIGHBOUR})"
_UNSAFE = f"{_UNSAFE_CLASS}|{_JOINER}"
#: The only characters of _UNSAFE that Python counts as printable (they are letters, category Lo).
_PRINTABLE_FILLERS = ("\u115f", "\u1160", "\u3164", "\uffa0")


@cache
def _unsafe() -> re.Pattern[str]:
    # Compiled on first need: most text is clean (see _clean) and never needs it.
    return re.compile(_UNSAFE)


def _clean(text: str) -> bool:
    """True when ``text`` certainly holds nothing to escape, decided without the pattern.

    ``str.isprintable`` is False for every control (C0, DEL, C1), format character (bidi,
    zero-width, BOM, tags), line or paragraph separator, surrogate and noncharacter, so
    printable text can hold only the Hangul fillers of _UNSAFE. Tab and newline are kept.
    """
    if not (text.isprintable() or text.replace("\n", "").replace("\t", "").isprintable()):
        return False
    return text.isascii() or not any(filler in text for filler in _PRINTABLE_FILLERS)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x100:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:
        # A byte that was not valid UTF-8 (a file name decoded with surrogateescape).
        return f"\\x{code - 0xDC00:02x}"
    return f"<U+{code:04X}>"


def show_surrogates(text: str) -> str:
    """``text`` with each lone surrogate shown as :func:`sanitize` shows it (``\\xff`` for a
    byte of a file name that was not UTF-8), and nothing else changed: for output that must be
    valid UTF-8 but is escaped by its own rules (YAML)."""
    return re.sub("[\ud800-\udfff]", _visible, text)


def sanitize(text: str) -> str:
    """Return ``text`` with every control, bidi or invisible character shown as an escape.

    ESC becomes the four characters ``\\x1b``; U+202E becomes ``<U+202E>``. Newline and tab
    are kept. The result is safe to write to any terminal, and sanitising twice changes
    nothing more.
    """
    if _clean(text):
        return text
    return _unsafe().sub(_visible, text)


def sanitize_line(text: str) -> str:
    """Like :func:`sanitize`, for text that must stay on one line (names, messages)."""
    return sanitize(text).replace("\n", "\\n").replace("\t", " ")


def shorten(text: str, limit: int = 60) -> str:
    """:func:`sanitize_line`, cut to ``limit`` characters with an ellipsis (for messages)."""
    line = sanitize_line(text)
    return line if len(line) <= limit else line[: max(limit - 1, 1)] + "…"


def has_unsafe(text: str) -> bool:
    """True when ``text`` holds a character that :func:`sanitize` would escape."""
    return not _clean(text) and _unsafe().search(text) is not None


def json_escape_unsafe(text: str) -> str:
    """Escape what :func:`sanitize` would show as ``\\uXXXX`` in JSON text: lossless and safe.

    Only for serialised JSON, where every such character is inside a string literal.
    Characters beyond the BMP (the tag characters) become a surrogate pair, as JSON requires.
    """
    if _clean(text):
        return text
    return _unsafe().sub(_json_escape, text)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code > 0xFFFF:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"
