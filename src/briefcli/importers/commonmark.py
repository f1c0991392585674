"""Markdown (CommonMark, GitHub tables, optional YAML front matter) → a brief.

Headings become sections and subsections; paragraphs, lists, block quotes, tables, code and
HTML blocks are all kept as text (code between ``` fences). Only what a reader of the rendered
document never sees is left out: Markdown syntax, HTML tags and comments, thematic breaks. A
'Glossary' section of 'Term: definition' items becomes the glossary.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from briefcli.importers import NotAReport
from briefcli.importers.draft import Draft
from briefcli.importers.naming import slug
from briefcli.importers.timeline import written_date
from briefcli.model import Brief, GlossaryEntry, Metadata

# -- block structure ---------------------------------------------------------------------------

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_THEMATIC = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
_QUOTE = re.compile(r"^ {0,3}> ?")
_ITEM = re.compile(r"^( {0,3})([-+*]|\d{1,9}[.)])([ \t]+|$)")
_HTML_BLOCK = re.compile(
    r"^ {0,3}(?:<!--|<\?|<![A-Za-z]|<!\[CDATA\[|<(?:script|pre|style|textarea)(?:\s|>|$)"
    r"|</?(?:address|article|aside|base|blockquote|body|caption|center|col|colgroup|dd|details"
    r"|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head"
    r"|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option"
    r"|p|param|picture|section|source|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)"
    r"(?:\s|/?>|$))",
    re.IGNORECASE,
)
_HTML_TAG_LINE = re.compile(r"^ {0,3}</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>\s*$")
_TABLE_DELIMITER = re.compile(r"^ {0,3}\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_LINK_DEFINITION = re.compile(
    r"^ {0,3}\[([^\]]{1,999})\]:\s*<?([^\s<>]+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*$"
)
_FRONT_MATTER_END = ("---", "...")
#: The only white space that makes a line blank in CommonMark (str.strip() would also take
#: control characters such as U+001F).
_BLANK = " \t"


@dataclass
class _Heading:
    level: int
    text: str


@dataclass
class _Paragraph:
    lines: list[str]


@dataclass
class _Code:
    text: str
    info: str = ""


@dataclass
class _List:
    ordered: bool
    start: int
    items: list[list[_Block]] = field(default_factory=list)


@dataclass
class _Quote:
    blocks: list[_Block]


@dataclass
class _Table:
    rows: list[list[str]]


@dataclass
class _Html:
    text: str


_Block = _Heading | _Paragraph | _Code | _List | _Quote | _Table | _Html


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _interrupts(line: str) -> bool:
    """True when ``line`` starts a block that ends a paragraph (so it is no lazy line)."""
    if _ATX.match(line) or _FENCE.match(line) or _THEMATIC.match(line) or _QUOTE.match(line):
        return True
    if (item := _ITEM.match(line)) and line[item.end() :].strip(_BLANK):
        marker = item.group(2)
        return not marker[0].isdigit() or int(marker[:-1]) == 1
    return bool(_HTML_BLOCK.match(line))


def _continues(previous: str) -> bool:
    """Whether a lazy line may follow ``previous``: only paragraph text can be continued
    (also inside nested block quotes)."""
    while marker := _QUOTE.match(previous):
        previous = previous[marker.end() :]
    return bool(previous.strip(_BLANK)) and not _interrupts(previous) and _indent(previous) < 4


class _BlockParser:
    """A CommonMark-style block parser over tab-expanded lines; collects link definitions."""

    def __init__(self, definitions: dict[str, str]) -> None:
        self.definitions = definitions

    def parse(self, lines: list[str], depth: int = 0) -> list[_Block]:
        blocks: list[_Block] = []
        para: list[str] = []

        def close() -> None:
            if para:
                blocks.append(_Paragraph(list(para)))
                para.clear()

        index = 0
        while index < len(lines):
            line = lines[index]
            if not line.strip(_BLANK):
                close()
                index += 1
                continue
            if _indent(line) >= 4 and not para:
                index = self._indented_code(lines, index, blocks)
                continue
            if fence := _FENCE.match(line):
                info = fence.group(3)
                if not (fence.group(2)[0] == "`" and "`" in info):
                    close()
                    index = self._fenced_code(lines, index, fence, blocks)
                    continue
            if heading := _ATX.match(line):
                close()
                text = re.sub(r"(?:^|[ \t]+)#+[ \t]*$", "", heading.group(2) or "").strip()
                blocks.append(_Heading(len(heading.group(1)), text))
                index += 1
                continue
            if para and (underline := _SETEXT.match(line)):
                level = 1 if underline.group(1)[0] == "=" else 2
                blocks.append(_Heading(level, " ".join(p.strip() for p in para)))
                para.clear()
                index += 1
                continue
            if _THEMATIC.match(line):
                close()
                index += 1
                continue
            if _QUOTE.match(line):
                close()
                index = self._quote(lines, index, blocks, depth)
                continue
            if (item := _ITEM.match(line)) and (not para or _interrupts(line)):
                close()
                index = self._list(lines, index, item, blocks, depth)
                continue
            if _HTML_BLOCK.match(line) or (not para and _HTML_TAG_LINE.match(line)):
                close()
                index = self._html(lines, index, blocks)
                continue
            if index + 1 < len(lines) and _table_start(line, lines[index + 1]):
                close()  # a table may interrupt a paragraph
                index = self._table(lines, index, blocks)
                continue
            if not para and (definition := _LINK_DEFINITION.match(line)):
                label = _label(definition.group(1))
                self.definitions.setdefault(label, definition.group(2))
                index += 1
                continue
            para.append(line.lstrip(" "))
            index += 1
        close()
        return blocks

    def _indented_code(self, lines: list[str], index: int, blocks: list[_Block]) -> int:
        body: list[str] = []
        while index < len(lines) and (not lines[index].strip(_BLANK) or _indent(lines[index]) >= 4):
            body.append(lines[index][4:])
            index += 1
        while body and not body[-1].strip(_BLANK):
            body.pop()
        blocks.append(_Code("\n".join(body)))
        return index

    def _fenced_code(
        self, lines: list[str], index: int, fence: re.Match[str], blocks: list[_Block]
    ) -> int:
        indent, marker = len(fence.group(1)), fence.group(2)
        closing = re.compile(rf"^ {{0,3}}{re.escape(marker[0])}{{{len(marker)},}}[ \t]*$")
        body: list[str] = []
        index += 1
        while index < len(lines) and not closing.match(lines[index]):
            line = lines[index]
            body.append(line[min(indent, _indent(line)) :])
            index += 1
        blocks.append(_Code("\n".join(body), fence.group(3).strip()))
        return index + 1

    def _quote(self, lines: list[str], index: int, blocks: list[_Block], depth: int) -> int:
        body: list[str] = []
        while index < len(lines):
            line = lines[index]
            if marker := _QUOTE.match(line):
                body.append(line[marker.end() :])
            elif (
                line.strip(_BLANK)
                and body
                and _continues(body[-1])
                and not _interrupts(line)
                and not _ITEM.match(line)  # even an empty list item ends a quote
            ):
                body.append(line)  # a lazy continuation line
            else:
                break
            index += 1
        blocks.append(_Quote(self._nested(body, depth)))
        return index

    def _list(
        self,
        lines: list[str],
        index: int,
        first: re.Match[str],
        blocks: list[_Block],
        depth: int,
    ) -> int:
        kind = _marker_kind(first.group(2))
        ordered = first.group(2)[0].isdigit()
        start = int(first.group(2)[:-1]) if ordered else 1
        block = _List(ordered, start)
        while index < len(lines):
            item = _ITEM.match(lines[index])
            if item is None or _marker_kind(item.group(2)) != kind:
                break
            if _THEMATIC.match(lines[index]):
                break
            line = lines[index]
            rest = line[item.end() :]
            spaces = len(item.group(3))
            width = len(item.group(1)) + len(item.group(2))
            if not rest.strip(_BLANK) or spaces > 4:
                content_indent = width + 1
                first_line = line[width + 1 :] if spaces > 4 else ""
            else:
                content_indent = width + spaces
                first_line = rest
            body = [first_line]
            index += 1
            while index < len(lines):
                line = lines[index]
                if not line.strip(_BLANK):
                    body.append("")
                elif _indent(line) >= content_indent:
                    body.append(line[content_indent:])
                elif _continues(body[-1]) and not _interrupts(line) and not _ITEM.match(line):
                    body.append(line.lstrip(" "))  # a lazy continuation line
                else:
                    break
                index += 1
            while body and not body[-1].strip(_BLANK):
                body.pop()
            block.items.append(self._nested(body, depth))
        blocks.append(block)
        return index

    def _nested(self, lines: list[str], depth: int) -> list[_Block]:
        if depth >= MAX_NESTING:
            # Deeper than anyone writes by hand: keep the text, stop looking for structure.
            text = "\n".join(line for line in lines if line.strip(_BLANK))
            return [_Code(text)] if text else []
        return self.parse(lines, depth + 1)

    def _html(self, lines: list[str], index: int, blocks: list[_Block]) -> int:
        first = lines[index]
        lowered = first.lstrip().lower()
        if lowered.startswith("<!--"):
            end = "-->"
        elif match := re.match(r"<(script|pre|style|textarea)", lowered):
            end = f"</{match.group(1)}>"
        else:
            end = ""
        body: list[str] = []
        while index < len(lines):
            line = lines[index]
            if not end and not line.strip(_BLANK):
                break
            body.append(line)
            index += 1
            if end and end in line.lower():
                break
        blocks.append(_Html("\n".join(body)))
        return index

    def _table(self, lines: list[str], index: int, blocks: list[_Block]) -> int:
        rows = [_cells(lines[index])]
        index += 2
        while index < len(lines) and lines[index].strip(_BLANK) and not _interrupts(lines[index]):
            rows.append(_cells(lines[index]))
            index += 1
        blocks.append(_Table(rows))
        return index


#: Deepest nesting of lists and block quotes read as structure.
MAX_NESTING = 24


def _marker_kind(marker: str) -> str:
    return marker[-1] if marker[0].isdigit() else marker


def _label(text: str) -> str:
    return " ".join(text.split()).casefold()


def _cells(line: str) -> list[str]:
    """A table row's cells: split at unescaped '|', the empty ends of '| a | b |' dropped."""
    cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())]
    if cells and not cells[0]:
        cells = cells[1:]
    if cells and not cells[-1]:
        cells = cells[:-1]
    return [cell.replace("\\|", "|") for cell in cells]


def _table_start(header: str, delimiter: str) -> bool:
    """A GitHub table: a header row with '|' and a delimiter row with as many '---' cells."""
    if "|" not in header or not _TABLE_DELIMITER.match(delimiter) or _indent(delimiter) >= 4:
        return False
    row = delimiter.lstrip(" ")
    # As GitHub (and markdown-it) read it: at least two characters, and '- ' is a list item.
    if len(row) < 2 or row[1] not in "|-:" or (row[0] == "-" and row[1] in _BLANK):
        return False
    parts = [part.strip() for part in delimiter.strip().split("|")]
    if any(not part for part in parts[1:-1]):
        return False
    aligns = [part for part in parts if part]
    if not aligns or not all(re.fullmatch(r":?-+:?", part) for part in aligns):
        return False
    return len(_cells(header)) == len(aligns)


# -- inline text ---------------------------------------------------------------------------

_ESCAPABLE = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)>")
_INLINE_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.DOTALL)
_ALT = re.compile(r"\balt\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE)
_DESTINATION = re.compile(
    r"\(\s*(?:<([^<>\n]*)>|((?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*))"
    r"(?:\s+(?:\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?\s*\)"
)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Each content pattern stops at the next delimiter, so a failed match costs no more than the
# text up to that delimiter (no quadratic scans on hostile input).
_EMPHASIS = (
    re.compile(r"\*\*(?=\S)((?:[^*]|\*(?!\*))+?)(?<=\S)\*\*"),
    re.compile(r"(?<![\w_])__(?=\S)((?:[^_]|_(?!_))+?)(?<=\S)__(?![\w_])"),
    re.compile(r"\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*"),
    re.compile(r"(?<![\w_])_(?=[^\s_])([^_]+?)(?<=[^\s_])_(?![\w_])"),
    re.compile(r"~~(?=\S)((?:[^~]|~(?!~))+?)(?<=\S)~~"),
)
_REFERENCE = re.compile(r"\[([^\[\]]{0,999})\]")
#: Longest link text and code span looked for (CommonMark caps link labels at 999).
MAX_SPAN = 1000
_SLOT = "\x00"
_Keep = Callable[[str], None]


class _Inline:
    """Inline Markdown → plain text: links as 'text (url)', emphasis marks gone, code kept."""

    def __init__(self, definitions: dict[str, str]) -> None:
        self.definitions = definitions

    def convert(self, text: str) -> str:
        kept: list[str] = []
        out: list[str] = []

        def keep(piece: str) -> None:
            out.append(f"{_SLOT}{len(kept)}{_SLOT}")
            kept.append(piece)

        index = 0
        while index < len(text):
            char = text[index]
            if char == "\\" and index + 1 < len(text) and text[index + 1] in _ESCAPABLE:
                keep(text[index + 1])
                index += 2
            elif char == "`":
                run = _backticks(text, index)
                closing = re.compile(rf"(?<!`){'`' * run}(?!`)")
                end = closing.search(text, index + run, index + run + MAX_SPAN)
                if end is None:
                    keep(text[index : index + run])
                    index += run
                else:
                    keep(text[index : end.end()])
                    index = end.end()
            elif char == "<":
                index = self._angle(text, index, keep)
            elif char == "&" and (entity := _ENTITY.match(text, index)):
                keep(html.unescape(entity.group()))
                index = entity.end()
            elif char == "[" or (char == "!" and text.startswith("[", index + 1)):
                index = self._link(text, index, keep)
            else:
                out.append(char)
                index += 1
        joined = "".join(out)
        for _ in range(8):
            before = joined
            for pattern in _EMPHASIS:
                joined = pattern.sub(r"\1", joined)
            if joined == before:
                break
        return re.sub(f"{_SLOT}(\\d+){_SLOT}", lambda m: kept[int(m.group(1))], joined)

    def _angle(self, text: str, index: int, keep: _Keep) -> int:
        if link := _AUTOLINK.match(text, index):
            keep(link.group(1))
            return link.end()
        if tag := _INLINE_TAG.match(text, index):
            keep(_tag_text(tag.group()))
            return tag.end()
        keep("<")
        return index + 1

    def _link(self, text: str, index: int, keep: _Keep) -> int:
        image = text[index] == "!"
        open_at = index + 1 if image else index
        close_at = _closing_bracket(text, open_at)
        if close_at is None:
            keep(text[index : open_at + 1])
            return open_at + 1
        label = text[open_at + 1 : close_at]
        inner = self.convert(label).strip()
        after = close_at + 1
        url: str | None = None
        if destination := _DESTINATION.match(text, after):
            url = destination.group(1) if destination.group(1) is not None else destination.group(2)
            url = re.sub(r"\\(.)", r"\1", url or "")
            after = destination.end()
        elif reference := _REFERENCE.match(text, after):
            key = _label(reference.group(1) or label)
            if key in self.definitions:
                url = self.definitions[key]
                after = reference.end()
        elif _label(label) in self.definitions:
            url = self.definitions[_label(label)]
        if url is None:
            keep(text[index : open_at + 1])
            return open_at + 1
        keep(_link_text(inner, url))
        return after


def _backticks(text: str, index: int) -> int:
    """How many backticks start at ``index``."""
    end = index
    while end < len(text) and text[end] == "`":
        end += 1
    return end - index


def _closing_bracket(text: str, open_at: int) -> int | None:
    depth = 0
    index = open_at
    while index < min(len(text), open_at + MAX_SPAN):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "`":
            run = _backticks(text, index)
            end = text.find("`" * run, index + run, open_at + MAX_SPAN)
            if end != -1:
                index = end + run
                continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return None


def _link_text(text: str, url: str) -> str:
    if not url:
        return text
    if not text or text == url or re.sub(r"^[a-z]+://|^mailto:", "", url) == text:
        return url
    return f"{text} ({url})"


def _tag_text(tag: str) -> str:
    """What a reader sees of an inline HTML tag: an image's alt text, a line break, or nothing."""
    lowered = tag.lower()
    if lowered.startswith("<img"):
        alt = _ALT.search(tag)
        return (alt.group(1) or alt.group(2) or "") if alt else ""
    if re.match(r"<br\b", lowered):
        return "\n"
    return ""


def _html_text(block: str) -> str:
    """An HTML block as the text a reader sees: tags and comments gone, entities decoded."""
    text = re.sub(r"<!--.*?(?:-->|$)", "", block, flags=re.DOTALL)
    text = _INLINE_TAG.sub(lambda m: _tag_text(m.group()), text)
    text = html.unescape(text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


# -- the brief -----------------------------------------------------------------------------

_SUMMARY = ("summary", "executive summary", "abstract", "tl;dr", "tldr")
_CONCLUSION = ("conclusion", "conclusions", "concluding remarks")
_GLOSSARY = re.compile(r"^(?:glossary|glossary of terms|definitions|terms and definitions)$")
_TERM_WITH_CATEGORY = re.compile(
    r"^(?P<term>[^\[\]:]{1,120}?)\s*\[(?P<category>[^\[\]]{1,60})\]\s*[:—–-]\s*(?P<definition>\S.*)$",
    re.DOTALL,
)
_TERM_PLAIN = re.compile(
    r"^(?P<term>[^:.;!?\n]{1,60}?)\s*(?::|\s[—–-])\s+(?P<definition>\S.*)$", re.DOTALL
)
_LIST_MARKER = re.compile(r"^(?:- |\d{1,9}[.)] )")
_NUMBERED = re.compile(r"^(\d{1,3})[.)]\s+(\S.*)$")
_SUB_NUMBERED = re.compile(r"^(\d{1,3})[.-](\d{1,3})\.?\s+(\S.*)$")
#: Category given to a glossary entry written without a [Category].
DEFAULT_CATEGORY = "General"
_Item = _Heading | str


def looks_like(text: str) -> bool:
    """Whether ``text`` has Markdown headings (outside code blocks) or front matter."""
    if text.startswith("---\n"):
        return True
    in_fence = False
    previous = ""
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence:
            atx = _ATX.match(line)
            if atx and (atx.group(2) or "").strip():
                return True
            if previous.strip() and re.match(r"^ {0,3}=+\s*$", line):
                return True
        previous = line
    return False


def parse(
    text: str, *, name: str = "<markdown>", source: str = "", title: str | None = None
) -> Brief:
    """Parse Markdown text into a brief (the timeline is added by the caller).

    ``title`` is accepted for symmetry with the goover parser; the caller applies it.
    """
    text = text.replace("\x00", "\ufffd")
    meta, body = _front_matter(text, name)
    lines = [line.expandtabs(4).rstrip("\n") for line in body.split("\n")]
    definitions: dict[str, str] = {}
    blocks = _BlockParser(definitions).parse(lines)
    items = _Flattener(_Inline(definitions)).blocks(blocks, top=True)
    headings = [item for item in items if isinstance(item, _Heading)]
    title_heading = _title_heading(headings)
    if not headings:
        raise NotAReport(
            f"{name}: no headings ('# Title', '## Section'): this does not look like a report"
        )
    title_text = meta.get("title") or (title_heading or headings[0]).text
    drafts = _sections(items, headings, title_heading)
    drafts, glossary = _glossary(drafts)
    if not drafts:
        raise NotAReport(f"{name}: the document holds no text")
    _number(drafts)
    _roles(drafts)
    metadata = Metadata(
        slug(meta.get("id") or title_text),
        title_text,
        meta.get("kind", ""),
        meta.get("date", ""),
        meta.get("publisher", ""),
        source or meta.get("source", ""),
    )
    sections = tuple(draft.section() for draft in drafts)
    return Brief(metadata, sections, tuple(glossary))


def _front_matter(text: str, name: str) -> tuple[dict[str, str], str]:
    """YAML front matter between '---' lines at the very top → metadata, and the rest.

    Read as strictly as a brief (no anchors, aliases or tags; bounded size): an error names
    the Markdown file and the line in it. Front matter that is not a mapping is not front
    matter, and stays in the text.
    """
    if not text.startswith("---\n"):
        return {}, text
    lines = text.split("\n")
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in _FRONT_MATTER_END), None)
    if end is None:
        return {}, text
    from briefcli.errors import BriefFileError
    from briefcli.yamlio import compose_document, to_plain

    # The opening '---' becomes an empty line, so that lines in errors are the file's lines.
    block = "\n" + "\n".join(lines[1:end])
    try:
        data = to_plain(compose_document(block, name, "front-matter block"), name)
    except BriefFileError as exc:
        raise BriefFileError(name, f"front matter: {exc.detail}", exc.line, exc.column) from None
    if not isinstance(data, dict):
        return {}, text

    def value(*keys: str) -> str:
        for key in keys:
            item = data.get(key)
            if isinstance(item, list) and all(isinstance(part, str) for part in item):
                item = ", ".join(item)
            if isinstance(item, str) and item.strip():
                return " ".join(item.split())
        return ""

    meta = {
        "title": value("title"),
        "id": value("id", "slug"),
        "kind": value("kind", "type"),
        "publisher": value("publisher", "author", "authors", "organization"),
        "source": value("source", "url"),
        "date": written_date(value("date")) or "",
    }
    return {k: v for k, v in meta.items() if v}, "\n".join(lines[end + 1 :])


class _Flattener:
    """Blocks → a flat run of headings and paragraph strings, in reading order."""

    def __init__(self, inline: _Inline) -> None:
        self.inline = inline

    def blocks(self, blocks: list[_Block], top: bool = False) -> list[_Item]:
        out: list[_Item] = []
        for block in blocks:
            if isinstance(block, _Heading):
                text = self.inline.convert(block.text).strip()
                if text and top:
                    out.append(_Heading(block.level, " ".join(text.split())))
                elif text:
                    out.append(text)
            elif isinstance(block, _Paragraph):
                out.append(self.paragraph(block.lines))
            elif isinstance(block, _Code):
                if block.text.strip():
                    # Fenced, so that a reader of plain text sees where code starts and ends.
                    fence = "~~~" if "```" in block.text else "```"
                    out.append(f"{fence}{block.info}\n{block.text.rstrip()}\n{fence}")
            elif isinstance(block, _List):
                out.extend(self.list_items(block))
            elif isinstance(block, _Quote):
                for item in self.blocks(block.blocks):
                    if isinstance(item, str):
                        out.append("\n".join(f"> {line}".rstrip() for line in item.split("\n")))
            elif isinstance(block, _Table):
                rows = [" | ".join(self.inline.convert(cell) for cell in row) for row in block.rows]
                out.append("\n".join(rows))
            elif isinstance(block, _Html) and (text := _html_text(block.text)):
                out.append(text)
        return [item for item in out if not isinstance(item, str) or item.strip()]

    def paragraph(self, lines: list[str]) -> str:
        joined = ""
        for index, line in enumerate(lines):
            last = index == len(lines) - 1
            if not last and line.endswith("\\"):
                joined += line[:-1] + "\n"
            elif not last and line.endswith("  "):
                joined += line.rstrip() + "\n"
            else:
                joined += line.rstrip() + ("" if last else " ")
        text = self.inline.convert(joined)
        return "\n".join(" ".join(part.split()) for part in text.split("\n")).strip()

    def list_items(self, block: _List) -> list[str]:
        out: list[str] = []
        for number, item in enumerate(block.items, start=block.start):
            marker = f"{number}. " if block.ordered else "- "
            parts = [part for part in self.blocks(item) if isinstance(part, str)]
            if not parts:
                continue
            for position, part in enumerate(parts):
                lead = marker if position == 0 else " " * len(marker)
                if _LIST_MARKER.match(part) and position > 0:
                    lead = "  "
                out.append(lead + part.replace("\n", "\n" + " " * len(lead)))
        return out


def _title_heading(headings: list[_Heading]) -> _Heading | None:
    """The first heading when it is the only one at the top level (a document's '# Title')."""
    if not headings:
        return None
    top = min(h.level for h in headings)
    tops = [h for h in headings if h.level == top]
    return headings[0] if len(tops) == 1 and headings[0] is tops[0] else None


def _sections(
    items: list[_Item], headings: list[_Heading], title_heading: _Heading | None
) -> list[Draft]:
    rest = [h.level for h in headings if h is not title_heading]
    section_level = min(rest, default=7)
    deeper = [level for level in rest if level > section_level]
    sub_level = min(deeper, default=7)
    prelude = Draft(title_heading.text if title_heading else "Introduction")
    drafts: list[Draft] = []
    # Subsection-level headings before the first section heading belong to no section: each
    # of them is a section of its own.
    orphans = True
    for item in items:
        current = drafts[-1] if drafts else prelude
        if isinstance(item, str):
            target = current.subs[-1] if current.subs else current
            target.paras.append(item)
        elif item is title_heading:
            continue
        elif item.level == section_level:
            drafts.append(Draft(item.text))
            orphans = False
        elif item.level == sub_level and orphans:
            drafts.append(Draft(item.text))
        elif item.level == sub_level:
            current.subs.append(Draft(item.text))
        else:
            target = current.subs[-1] if current.subs else current
            target.paras.append(item.text)
    if prelude.paras:
        drafts.insert(0, prelude)
        prelude.number = 0
    return drafts


def _glossary(drafts: list[Draft]) -> tuple[list[Draft], list[GlossaryEntry]]:
    """Take 'Term: definition' items out of the first section titled 'Glossary'."""
    found = next((d for d in drafts if _GLOSSARY.match(d.title.casefold())), None)
    if found is None:
        return drafts, []
    entries: list[GlossaryEntry] = []
    seen: set[str] = set()

    def add(term: str, category: str, definition: str) -> bool:
        term, definition = " ".join(term.split()), definition.strip()
        if not term or not definition or term.casefold() in seen:
            return False
        seen.add(term.casefold())
        entries.append(GlossaryEntry(term, " ".join(category.split()), definition))
        return True

    leftover: list[str] = []
    for paragraph in found.paras:
        text = _LIST_MARKER.sub("", paragraph, count=1).strip()
        match = _TERM_WITH_CATEGORY.match(text)
        if match and add(match["term"], match["category"], match["definition"]):
            continue
        match = _TERM_PLAIN.match(text)
        if match and add(match["term"], DEFAULT_CATEGORY, match["definition"]):
            continue
        leftover.append(paragraph)
    kept_subs = []
    for sub in found.subs:
        if sub.paras and add(sub.title, DEFAULT_CATEGORY, "\n\n".join(sub.paras)):
            continue
        kept_subs.append(sub)
    found.paras, found.subs = leftover, kept_subs
    if not found.paras and not found.subs:
        drafts = [d for d in drafts if d is not found]
    return drafts, entries


def _number(drafts: list[Draft]) -> None:
    """Ids: the headings' own numbers when every section is numbered '1.', '2.' …; else 1, 2 …"""
    body = [d for d in drafts if d.number != 0]
    matches = [_NUMBERED.match(d.title) for d in body]
    numbers = [int(m.group(1)) for m in matches if m]
    explicit = len(numbers) == len(body) and numbers == sorted(set(numbers)) and 0 not in numbers
    next_number = 1 if drafts and drafts[0].number != 0 else 0
    for draft in drafts:
        if explicit and draft.number != 0:
            match = _NUMBERED.match(draft.title)
            assert match is not None
            draft.number, draft.title = int(match.group(1)), match.group(2)
        else:
            draft.number = next_number
        next_number = draft.number + 1
        draft.id = str(draft.number)
        _number_subsections(draft)


def _number_subsections(draft: Draft) -> None:
    matches = [
        m if (m := _SUB_NUMBERED.match(sub.title)) and m.group(1) == draft.id else None
        for sub in draft.subs
    ]
    numbers = [int(m.group(2)) for m in matches if m]
    explicit = len(numbers) == len(draft.subs) and numbers == sorted(set(numbers))
    for index, sub in enumerate(draft.subs, start=1):
        match = matches[index - 1]
        if explicit and match:
            sub.id, sub.title = f"{draft.id}-{int(match.group(2))}", match.group(3)
        else:
            sub.id = f"{draft.id}-{index}"


def _roles(drafts: list[Draft]) -> None:
    for role, names in (("summary", _SUMMARY), ("conclusion", _CONCLUSION)):
        for draft in drafts:
            if draft.title.casefold().rstrip(":") in names:
                draft.role = role
                break
