"""The one sanitiser: text from a brief never reaches a terminal or a pipe with raw controls."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls; bidi embeddings, overrides and
# isolates; zero-width and invisible formatting characters; line and paragraph separators.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"
    "\u061c\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2064\u2066-\u206f\ufeff"
    "\ufff9-\ufffb]"
)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"<U+{code:04X}>"


def sanitize(text: str) -> str:
    """Return ``text`` with every control, bidi or invisible character shown as an escape.

    ESC becomes the four characters ``\\x1b``; U+202E becomes ``<U+202E>``. Newline and tab
    are kept. The result is safe to write to any terminal.
    """
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(_visible, text)


def sanitize_line(text: str) -> str:
    """Like :func:`sanitize`, for text that must stay on one line (names, messages)."""
    return sanitize(text).replace("\n", "\\n").replace("\t", " ")


def has_unsafe(text: str) -> bool:
    """True when ``text`` holds a character that :func:`sanitize` would escape."""
    return _UNSAFE.search(text) is not None


def json_escape_unsafe(text: str) -> str:
    """Escape what :func:`sanitize` would show as ``\\uXXXX`` in JSON text: lossless and safe."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
