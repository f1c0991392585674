"""Raw report text: decoding, line clean-up, banners and extraction-artifact fixes."""

from __future__ import annotations

import re

from briefcli.importers import NotAReport

#: Boilerplate lines that web-page extraction leaves in a report; dropped when a whole line.
BANNERS = frozenset(
    line.casefold()
    for line in (
        "Your browser does not support JavaScript!",
        "JavaScript is disabled in your browser.",
        "Please enable JavaScript to view this page.",
        "Skip to main content",
        "Skip to content",
    )
)

# Space-like characters that tools put in place of plain spaces (no-break, figure, thin,
# narrow no-break, ideographic): all become a plain space.
_SPACES = str.maketrans(dict.fromkeys("\u00a0\u2007\u2009\u202f\u3000\t\f\v", " "))
_ODD_SPACE = re.compile("[\u00a0\u2007\u2009\u202f\u3000\t\f\v]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_THOUSANDS = re.compile(r"(?<![\d,.])\d{1,3}(?:, \d{3})+(?!\d)")
_QUOTE_COMMA = re.compile(r"(?<=\w), (['’\"”])(?=\s|$)")
_MULTISPACE = re.compile(r" {2,}")
#: Terminal formatting in text that a formatter wrote for a terminal (groff's grotty, as in
#: Debian's rendered manuals): SGR escapes (underline, bold) and overstrikes ('_\bA', 'A\bA').
_SGR = re.compile(r"\x1b\[[0-9;]{0,32}m")
_OVERSTRUCK = re.compile(r"([^\n\x08])\x08([^\n\x08])")
#: Most times one character is struck over ('A\bA\bA\bA': bold struck four times).
_MAX_STRIKES = 4


def _struck(match: re.Match[str]) -> str:
    """The character an overstrike shows: the letter under an underscore, else the last."""
    first, second = match.group(1), match.group(2)
    return first if second == "_" else second


def _unformatted(text: str) -> str:
    """``text`` without SGR escapes and overstrikes: the characters a terminal showed."""
    text = _SGR.sub("", text)
    for _ in range(_MAX_STRIKES):
        if "\x08" not in text:
            break
        text = _OVERSTRUCK.sub(_struck, text)
    return text


def decode_report(data: bytes, name: str) -> str:
    """Bytes → text: UTF-8 (a byte order mark is allowed) or UTF-16 with a byte order mark.

    Binary data, invalid UTF-8 and empty input are a :class:`NotAReport` with a clear reason.
    Line ends become ``\\n``.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise NotAReport(f"{name}: not valid UTF-16 text") from None
    else:
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        if b"\x00" in data:
            raise NotAReport(f"{name}: binary data (it holds NUL bytes), not a text report")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise NotAReport(
                f"{name}: line {line}: not valid UTF-8 (byte 0x{data[exc.start]:02x}); "
                "convert the file to UTF-8 first"
            ) from None
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\x85", "\n")
    if "\x1b[" in text or "\x08" in text:
        # The text a reader of that terminal saw: underlined and bold words are words.
        text = _unformatted(text)
    if text.isspace() or not text:  # (not strip(): that would copy the whole text)
        raise NotAReport(f"{name}: the file is empty")
    controls = len(_CONTROL.findall(text))
    if "\x00" in text or controls > max(8, len(text) // 100):
        raise NotAReport(f"{name}: binary data (control characters), not a text report")
    return text


def tidy_line(line: str) -> str:
    """One line with space-like characters made plain spaces, and no space at either end."""
    if _ODD_SPACE.search(line):
        line = line.translate(_SPACES)
    return line.strip()


def squeeze(text: str) -> str:
    """Runs of spaces inside a line → one space (white space only; words untouched)."""
    return _MULTISPACE.sub(" ", text)


def is_banner(line: str) -> bool:
    """True for a whole line of web-page boilerplate such as the JavaScript banner."""
    return line.casefold() in BANNERS


def clean(text: str) -> str:
    """Fix extraction artifacts only: '3, 000' → '3,000', "'Storm Corps, '" → "'Storm Corps,'"."""
    text = _THOUSANDS.sub(lambda m: m.group().replace(", ", ","), text)
    return _QUOTE_COMMA.sub(r",\1", text)
