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


#: A GNU Info file (makeinfo's output): its first line, and the separator before each node.
_INFO_START = b"This is "
_INFO_NODE = b"\x1f\nFile: "
#: Info's index and image marks ('\0\b[index\0\b]'), which an Info reader never shows.
_INFO_MARK = re.compile("\x00\x08\\[[^\x00\n]{0,200}\x00\x08\\]")
#: Parts of an Info file that are the reader's tables, not text: the tag table, the indirect
#: table of a split file, the Emacs local variables.
_INFO_TABLES = ("Tag Table:", "Indirect:", "Local Variables:", "End Tag Table")
#: makeinfo's first line, wrapped or not ('… produced by makeinfo version 6.8 from' /
#: 'coreutils.texi.'): up to the blank line after it.
_INFO_PRODUCED = re.compile(r"This is \S+, produced by makeinfo[^\n]*(?:\n[^\n]+){0,3}\n")
#: The Top node's title, underlined with '*' as the chapters are; an overline over it makes
#: it a level above them (the reStructuredText title style the heading schemes know).
_TOP_TITLE = re.compile(r"\A(\n*[^\n]{1,200}\n)(\*{3,})(?=\n)")
_INFO_DIR_ENTRY = re.compile(r"^INFO-DIR-SECTION [^\n]*\n(?:[^\n]*\n)*?END-INFO-DIR-ENTRY\n", re.M)


def is_info(data: bytes) -> bool:
    """Whether ``data`` is a GNU Info file: 'This is X.info, produced by makeinfo' and nodes."""
    return data.startswith(_INFO_START) and _INFO_NODE in data[:200_000]


#: The line that opens a node's menu.
_INFO_MENU = "* Menu:"


def _without_menus(node: str) -> str:
    """An Info node without its menus: a menu lists the nodes below it ('* Overview::  What it
    does.'), as a contents list does, and is navigation, not text. It runs from '* Menu:' over
    its entries, their indented second lines, blank lines and its group titles (a line
    followed by an entry), up to the first line that is none of those."""
    if _INFO_MENU not in node:
        return node
    lines = node.split("\n")
    kept: list[str] = []
    index = 0
    while index < len(lines):
        if lines[index].rstrip() != _INFO_MENU:
            kept.append(lines[index])
            index += 1
            continue
        index += 1
        while index < len(lines):
            line = lines[index]
            if not line.strip() or line.startswith(("* ", " ", "\t")):
                index += 1
                continue
            after = index + 1
            while after < len(lines) and not lines[after].strip():
                after += 1
            if after < len(lines) and lines[after].startswith("* ") and len(line) <= 80:
                index += 1  # a group title inside the menu
            else:
                break
    return "\n".join(kept)


def info_text(text: str) -> str:
    """An Info file's text as its reader shows it: without the marks, the node lines ('File:
    grep.info,  Node: Top,  Next: …'), the tag table and makeinfo's directory entry; the Top
    node's heading first, as the title."""
    text = _INFO_MARK.sub("", text)
    produced = _INFO_PRODUCED.match(text)
    if produced is not None:
        text = text[produced.end() :]
    text = _INFO_DIR_ENTRY.sub("", text)
    pieces = text.split("\x1f\n")
    # makeinfo writes the copying notice before the first node, and most manuals again in the
    # Top node: that copy goes; a notice the Top node lacks follows the Top node's heading,
    # so that the heading is the title and the chapters its sections.
    notice = pieces[0] if len(pieces) > 1 else ""
    parts: list[str] = [] if notice else pieces[:1]
    titled = False
    for part in pieces[1:] if len(pieces) > 1 else []:
        if part.startswith(_INFO_TABLES):
            continue
        first, _, rest = part.partition("\n")
        if part.startswith("File: ") and "Node: " in first:
            part = rest
            top = _TOP_TITLE.match(part) if "Node: Top," in first else None
            if top is not None:
                kept = "" if _within(notice, part) else notice
                part = f"\n{top.group(2)}{top.group(1)}{top.group(2)}\n{kept}{part[top.end() :]}"
                notice, titled = "", True
        parts.append(_without_menus(part))
    if titled or produced is None:
        head = notice + "\n" if notice else ""
    else:  # no Top heading: makeinfo's line names the manual, and is its title
        head = produced.group() + notice
    return head + "\n".join(parts).replace("\x1f", "")


#: A page break and the lines around it: the text before (its last line), blank lines, the
#: footer, blank lines, the form feed, the header, blank lines, the text after.
#: Linear time: a match starts only where a line does, and not at a blank line but the text's
#: first (one there ends as the line above it does, which was tried); a footer or header is a
#: line with some mark, checked once ('[^\n]*\S[^\n]*' tried every split of a long line).
_PAGE_BREAK = re.compile(
    r"(?:\A|^(?![ \t]*\n))(?P<before>[^\n]*)\n(?:[ \t]*\n)*(?P<foot>(?=[^\n]*\S)[^\n]*)\n"
    r"(?:[ \t]*\n)*[ \t]*\f(?:[ \t]*\n)*(?P<head>(?=[^\n]*\S)[^\n]*)\n(?:[ \t]*\n)*"
    r"(?=(?P<after>[^\n]*))",
    re.MULTILINE,
)
_DIGITS = re.compile(r"\d+")
#: Fewest page breaks that show a paged text (RFCs, man pages printed with page breaks).
_PAGE_BREAKS = 2
#: The end of a paragraph: a line that ends a sentence or a list item's text.
_ENDS = (".", ":", "!", "?", ")", "]", '"', "”")


def unpaged(text: str) -> str:
    """A paged text (RFC-style: a footer '… [Page 3]', a form feed, a header 'RFC 1234 … March
    1999') without its running footers and headers; a paragraph the page broke is one again.

    Lines next to a form feed count as running only when most page breaks have their like
    (numbers aside), so a text's own line beside one stays.
    """
    if text.count("\f") < _PAGE_BREAKS:
        return text
    breaks = list(_PAGE_BREAK.finditer(text))

    def shape(line: str) -> str:
        return " ".join(_DIGITS.sub("#", line).split())

    counts: dict[str, int] = {}
    for match in breaks:
        for line in {shape(match.group("foot")), shape(match.group("head"))}:
            counts[line] = counts.get(line, 0) + 1
    running = {line for line, count in counts.items() if count * 2 >= len(breaks) and count > 1}
    if not running:
        return text

    def joined(match: re.Match[str]) -> str:
        if shape(match.group("foot")) not in running or shape(match.group("head")) not in running:
            return match.group()
        before, after = match.group("before"), match.group("after")
        # A paragraph the page broke goes on with the same indent and no sentence ended.
        broken = (
            before.strip()
            and after.strip()
            and not before.rstrip().endswith(_ENDS)
            and len(before) - len(before.lstrip()) == len(after) - len(after.lstrip())
        )
        return before + ("\n" if broken else "\n\n")

    text = _PAGE_BREAK.sub(joined, text)
    # The last page has a footer and no form feed after it.
    body, _, last = text.rstrip().rpartition("\n")
    return body + "\n" if shape(last) in running else text


def _within(notice: str, node: str) -> bool:
    """Whether every line of ``notice`` is in ``node`` (white space aside)."""
    words = " ".join(node.split())
    return all(" ".join(line.split()) in words for line in notice.split("\n"))


def recoded(data: bytes, encoding: str, name: str) -> bytes:
    """Text in ``encoding`` (``brief import --encoding``) as UTF-8 with a byte order mark,
    which every reader takes over a charset the document declares. An encoding that is no
    text encoding, or bytes that are not valid in it, are a :class:`NotAReport`."""
    from briefcli.files import text_codec

    codec = text_codec(encoding)
    if codec is None:
        shown = encoding if len(encoding) <= 40 else encoding[:40] + "…"
        raise NotAReport(f"--encoding {shown!r}: not a text encoding Python knows")
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        # Lines counted in the text before the bad bytes, not in its bytes: in UTF-16 or
        # UTF-32 a byte 0x0a is often half of another character ('Ċ' is 0a 01).
        line = data[: exc.start].decode(codec, errors="replace").count("\n") + 1
        raise NotAReport(
            f"{name}: line {line}: not valid {codec} (byte 0x{data[exc.start]:02x})"
        ) from None
    try:
        return b"\xef\xbb\xbf" + text.lstrip("\ufeff").encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate ('raw_unicode_escape' makes them)
        raise NotAReport(f"{name}: not valid {codec} text") from None


def _wide_encoding(data: bytes) -> str | None:
    """'utf-16-le', 'utf-16-be', 'utf-32-le' or 'utf-32-be' for text in one of them without a
    byte order mark (its NUL bytes where that encoding puts them, in the first 4 KB, and the
    sample valid in it); None for anything else, such as binary data."""
    sample = data[:4096]
    if len(sample) < 8:
        return None
    for codec, unit, zero in (
        ("utf-32-le", 4, (1, 2, 3)),
        ("utf-32-be", 4, (0, 1, 2)),
        ("utf-16-le", 2, (1,)),
        ("utf-16-be", 2, (0,)),
    ):
        whole = sample[: len(sample) - len(sample) % unit]
        zeros = sum(whole[at::unit].count(0) for at in zero)
        others = sum(whole[at::unit].count(0) for at in range(unit) if at not in zero)
        # Mostly ASCII text: nearly every high byte NUL, almost no low byte NUL.
        if zeros * 10 >= 9 * len(whole) // unit * len(zero) and others * 20 <= len(whole) // unit:
            try:
                whole.decode(codec)
            except UnicodeDecodeError:
                return None
            return codec
    return None


def decode_report(data: bytes, name: str) -> str:
    """Bytes → text: UTF-8 (a byte order mark is allowed), or UTF-16 or UTF-32 with one.

    Binary data, invalid UTF-8 and empty input are a :class:`NotAReport` with a clear reason.
    Line ends become ``\\n``.
    """
    # UTF-32's marks first: little-endian's (ff fe 00 00) opens with UTF-16's (ff fe).
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        try:
            text = data.decode("utf-32")
        except UnicodeDecodeError:
            raise NotAReport(f"{name}: not valid UTF-32 text") from None
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise NotAReport(f"{name}: not valid UTF-16 text") from None
    else:
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        if b"\x00" in data and not is_info(data):
            if wide := _wide_encoding(data):
                raise NotAReport(
                    f"{name}: {wide} text without a byte order mark, it seems: name it "
                    f"(--encoding {wide})"
                )
            raise NotAReport(f"{name}: binary data (it holds NUL bytes), not a text report")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise NotAReport(
                f"{name}: line {line}: not valid UTF-8 (byte 0x{data[exc.start]:02x}); "
                "name its encoding (--encoding cp1252, latin-1, …) or convert it to UTF-8"
            ) from None
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if is_info(data):
        text = info_text(text)
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\x85", "\n")
    if "\x1b[" in text or "\x08" in text:
        # The text a reader of that terminal saw: underlined and bold words are words.
        text = _unformatted(text)
    if text.isspace() or not text:  # (not strip(): that would copy the whole text)
        raise NotAReport(f"{name}: the file is empty")
    text = unpaged(text)
    controls = len(_CONTROL.findall(text))
    if "\x00" in text or controls > max(8, len(text) // 100):
        raise NotAReport(f"{name}: binary data (control characters), not a text report")
    return text


#: A box's top or bottom edge: a line of one mark, twenty or more long ('*****…').
_BOX_EDGE = re.compile(r"^([ \t]*)([*#])\2{19,}[ \t]*$")


def unboxed(text: str) -> str:
    """``text`` with each box drawn around text ('****' over '*  6. Disclaimer …  *' lines
    over '****', as the MPL 2.0 sets two of its sections) taken away: the edges become blank
    lines and the text inside stands at the box's margin, so that its headings and
    paragraphs read as the rest do. Only a whole box counts: both edges alike, every line
    between them opening and closing with the mark at the edges' columns."""
    if "*" * 20 not in text and "#" * 20 not in text:
        return text
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        top = _BOX_EDGE.match(lines[index])
        if top is None:
            index += 1
            continue
        left, right, mark = len(top.group(1)), len(lines[index].rstrip()) - 1, top.group(2)
        end = index + 1
        while end < len(lines):
            line = lines[end].rstrip()
            if line == lines[index].rstrip():
                break
            if len(line) != right + 1 or line[left] != mark or line[right] != mark:
                end = len(lines)
                break
            end += 1
        if end >= len(lines) or end == index + 1:
            index += 1
            continue
        rows = [lines[at].rstrip()[left : right + 1] for at in range(index + 1, end)]
        # The frame's width: the marks every row opens and closes with ('###' in Epydoc's).
        width = min(min(len(r) - len(r.lstrip(mark)), len(r) - len(r.rstrip(mark))) for r in rows)
        inner = [row[width : len(row) - width].rstrip() for row in rows]
        margin = min((len(i) - len(i.lstrip()) for i in inner if i.strip()), default=0)
        lines[index : end + 1] = ["", *(" " * left + i[margin:] for i in inner), ""]
        index = end + 1
    return "\n".join(lines)


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


#: Hosts that serve only status badges ('build passing', 'pypi v1.2').
_BADGE_HOSTS = frozenset(("img.shields.io", "badge.fury.io", "badgen.net"))


def is_badge(src: str) -> bool:
    """Whether an image is a README's status badge: shields.io's, or one whose path names a
    badge ('/badge.svg', '/badge/?version=latest'), or Travis CI's build image."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(src.strip()[:2000])
        host = (parts.hostname or "").casefold()
    except ValueError:
        return False
    path = parts.path.casefold()
    if host in _BADGE_HOSTS or "badge" in path:
        return bool(host)
    return host.endswith(("travis-ci.org", "travis-ci.com")) and path.endswith((".svg", ".png"))
