"""Markdown (CommonMark with GitHub tables and strikethrough, footnotes, YAML front matter) →
a brief, read with markdown-it-py: the parser Rich already installs.

Headings become sections and subsections; every other block is kept as text, one paragraph
each. A code block (fenced or indented) becomes a code block of the brief, verbatim, with the
language its info string names; a GFM table becomes a table block, header and rows, each cell
the text a reader sees. Only what a reader of the rendered
document never sees is left out: Markdown syntax, HTML tags and comments, thematic breaks,
link reference definitions. A 'Glossary' section of 'Term: definition' items becomes the
glossary.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from briefcli.importers import NotAReport
from briefcli.importers.draft import (
    GLOSSARY_TITLES,
    Draft,
    Heading,
    Item,
    assemble,
    first_heading_title,
    give_roles,
    headingless,
    listed_headings,
    nested,
    number,
    numbered_heading,
)
from briefcli.importers.naming import brief_id, slug
from briefcli.importers.text import is_badge
from briefcli.importers.timeline import written_date
from briefcli.model import Brief, CodeBlock, GlossaryEntry, Metadata, TableBlock

if TYPE_CHECKING:
    from markdown_it.token import Token

_FRONT_MATTER_END = ("---", "...")
_TERM_WITH_CATEGORY = re.compile(
    r"^(?P<term>[^\[\]:]{1,120}?)\s*\[(?P<category>[^\[\]]{1,60})\]\s*[:—–-]\s*(?P<definition>\S.*)$",
    re.DOTALL,
)
_TERM_PLAIN = re.compile(
    r"^(?P<term>[^:.;!?\n]{1,60}?)\s*(?::|\s[—–-])\s+(?P<definition>\S.*)$", re.DOTALL
)
_LIST_MARKER = re.compile(r"^(?:- |\d{1,9}\. )")
_TAG_NAME = re.compile(r"^</?([A-Za-z][A-Za-z0-9-]*)")
_ALT = re.compile(r"\balt\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.DOTALL)
#: HTML elements: a tag naming one is markup a reader never sees. Any other '<…>' that
#: CommonMark reads as a tag ('<Ctrl-Z Return>') is kept as the text it is.
_HTML_ELEMENTS = frozenset((
    "a", "abbr", "address", "area", "article", "aside", "audio", "b", "base", "bdi", "bdo",
    "blockquote", "body", "br", "button", "canvas", "caption", "center", "cite", "code",
    "col", "colgroup", "data", "datalist", "dd", "del", "details", "dfn", "dialog", "dir",
    "div", "dl", "dt", "em", "embed", "fieldset", "figcaption", "figure", "font", "footer",
    "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header",
    "hgroup", "hr", "html", "i", "iframe", "img", "input", "ins", "kbd", "label", "legend",
    "li", "link", "main", "map", "mark", "menu", "meta", "meter", "nav", "noframes",
    "noscript", "object", "ol", "optgroup", "option", "output", "p", "param", "picture",
    "pre", "progress", "q", "rp", "rt", "ruby", "s", "samp", "script", "section", "select",
    "small", "source", "span", "strike", "strong", "style", "sub", "summary", "sup", "svg",
    "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "time", "title",
    "tr", "track", "tt", "u", "ul", "var", "video", "wbr",
))  # fmt: skip
#: Category given to a glossary entry written without a [Category].
DEFAULT_CATEGORY = "General"
#: Deepest nesting of lists and quotes read as structure; text deeper still is kept as written.
MAX_NESTING = 64
#: Blocks whose lines are text a reader sees (a container's own lines are its blocks').
_LEAVES = frozenset(
    ("paragraph_open", "heading_open", "fence", "code_block", "html_block", "table_open", "hr")
)
_DEFINITION = re.compile(r"^ {0,3}(?:> ?)*\s*\[[^\]]+\]:")


def looks_like(text: str) -> bool:
    """Whether ``text`` has Markdown headings (outside code blocks) or front matter."""
    if text.startswith("---\n"):
        return True
    return any(token.type == "heading_open" for token in _parser().parse(_defused(text[:200_000])))


#: markdown-it looks for the end of a link's label from every '[' that may open one, to the
#: end of its paragraph: time quadratic in a paragraph of brackets that are never closed (or
#: nested hundreds deep). No report has that many; a hostile file may.
_OPEN_BRACKETS = 256
_NESTED_BRACKETS = 16
_BRACKET_TOKEN = re.compile(r"\\.|\[|\]|\n[ \t]*(?=\n)")


def _defused(text: str) -> str:
    """``text`` with every '[' that no ']' closes in its paragraph, or that is nested more than
    :data:`_NESTED_BRACKETS` deep, escaped ('\\['), when there are :data:`_OPEN_BRACKETS` or
    more: markdown-it then reads them as text, as a reader sees them. Otherwise unchanged."""
    if text.count("[") < _OPEN_BRACKETS:
        return text
    open_at: list[int] = []
    stray: list[int] = []
    for match in _BRACKET_TOKEN.finditer(text):
        token = match.group()
        if token == "[":
            if len(open_at) >= _NESTED_BRACKETS:
                stray.append(match.start())
            else:
                open_at.append(match.start())
        elif token == "]":
            if open_at:
                open_at.pop()
        elif token[0] == "\n":  # a blank line ends the paragraph
            stray.extend(open_at)
            open_at.clear()
    stray.extend(open_at)
    if len(stray) < _OPEN_BRACKETS:
        return text
    stray.sort()
    pieces = []
    last = 0
    for at in stray:
        pieces.append(text[last:at])
        pieces.append("\\")
        last = at
    pieces.append(text[last:])
    return "".join(pieces)


def _parser() -> Any:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    return (
        MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING})
        .enable(["table", "strikethrough"])
        .use(footnote_plugin)
    )


def parse(
    text: str, *, name: str = "<markdown>", source: str = "", title: str | None = None
) -> tuple[Brief, list[Draft]]:
    """Parse Markdown into a brief (the timeline is added by the caller) and its drafts (for
    the outline, with line numbers). ``title`` is applied by the caller."""
    text = text.replace("\x00", "\ufffd")
    meta, body = _front_matter(text, name)
    items = _read(body)
    if not any(isinstance(item, Heading) for item in items):
        refusal = f"{name}: no headings ('# Title', '## Section'): this does not look like a report"
        items = headingless(items, meta.get("title", ""), name=name, refusal=refusal)
    listed = listed_headings(items)
    if listed is not items:
        _place(listed, body)
    drafts = assemble(listed, prelude_title="Introduction", title_heading=True)
    # The title heading when there is one (the only heading at the top level), else the first.
    headings = [item for item in listed if isinstance(item, Heading)]
    title_text = meta.get("title") or first_heading_title(headings, name)
    drafts, glossary = _glossary(drafts)
    if not drafts:
        raise NotAReport(f"{name}: the document holds no text")
    number(drafts)
    give_roles(drafts)
    metadata = Metadata(
        slug(meta["id"]) if meta.get("id") else brief_id(title_text, name),
        title_text,
        meta.get("kind", ""),
        meta.get("date", ""),
        meta.get("publisher", ""),
        source or meta.get("source", ""),
    )
    return Brief(metadata, tuple(d.section() for d in drafts), tuple(glossary)), drafts


def _place(items: list[Item], body: str) -> None:
    """The lines of the headings a contents list named (paragraphs until then), for
    ``--outline``: each is the next line that holds only its title (emphasis marks aside)."""
    wanted = [item for item in items if isinstance(item, Heading) and not item.line]
    index = 0
    for at, line in enumerate(body.split("\n"), 1):
        if index == len(wanted):
            break
        if " ".join(line.strip(" \t*_").split()) == wanted[index].title:
            wanted[index].line = at
            index += 1


def _front_matter(text: str, name: str) -> tuple[dict[str, str], str]:
    """YAML front matter between '---' lines at the very top → metadata, and the rest (the
    front matter's lines left blank, so that line numbers stay the document's).

    Read with the strict YAML reader that reads briefs: no aliases, no tags, bounded size (a
    :class:`NotAReport` otherwise). Front matter that is not a mapping is kept as text.
    """
    if not text.startswith("---\n"):
        return {}, text
    lines = text.split("\n")
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in _FRONT_MATTER_END), None)
    if end is None:
        return {}, text
    from briefcli.errors import BriefFileError
    from briefcli.yamlio import compose_document, to_plain

    try:
        # The opening '---' as a blank line: errors give the Markdown file's own line numbers.
        block = "\n" + "\n".join(lines[1:end])
        data = to_plain(compose_document(block, name, "front-matter block"), name)
    except BriefFileError as exc:
        # The same strict reading as a brief's: an alias, a tag or a second document is an
        # error that names the file and the line, never a silent expansion.
        raise BriefFileError(
            exc.path, f"front matter: {exc.detail}", exc.line, exc.column
        ) from None
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
    return {k: v for k, v in meta.items() if v}, "\n" * end + "\n" + "\n".join(lines[end + 1 :])


#: Characters of Markdown parsed at a time: markdown-it's tokens take many times the text's
#: size, so a long document is read a part at a time (split before a heading, where no block
#: of CommonMark can be open), and only one part's lines and tokens are alive at once.
CHUNK_CHARS = 256 * 1024
_ATX_START = re.compile(r"^#{1,6}(?:[ \t]|$)")
_FENCE_LINE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
#: A link reference definition's label and destination, on one line.
_REFERENCE = re.compile(
    r"^ {0,3}\[((?:[^\[\]\\\n]|\\[^\n]){1,999})\]:[ \t]*<?([^\s<>]+)>?", re.MULTILINE
)


def _read(body: str) -> list[Item]:
    """The document's items, parsed a part at a time; link reference definitions are
    gathered first, so that a link may use one defined in another part."""
    from markdown_it.common.normalize_url import normalizeLink
    from markdown_it.common.utils import normalizeReference

    parser = _parser()
    body = _defused(body)
    if len(body) <= CHUNK_CHARS:
        return _Reader(body.split("\n")).run(parser.parse(body))
    references: dict[str, dict[str, Any]] = {}
    for match in _REFERENCE.finditer(body):
        label = normalizeReference(match.group(1))
        if label and label not in references:
            references[label] = {"title": "", "href": normalizeLink(match.group(2))}
    items: list[Item] = []
    for first_line, start, end in _parts(body):
        env: dict[str, Any] = {"references": dict(references)}
        part = body[start:end]
        tokens = parser.parse(part, env)
        items.extend(_Reader(part.split("\n"), offset=first_line).run(tokens))
        del tokens, part  # before the next part's are made
    return items


def _parts(body: str) -> Iterator[tuple[int, int, int]]:
    """The document in parts of about :data:`CHUNK_CHARS`: (first line, start, end) of
    each, ``body[start:end]`` its text without the line end after it. Each part starts at an
    ATX heading at the margin outside fenced code and HTML comments (or at the start)."""
    start = size = 0
    first_line = 0
    fence = ""
    comment = False
    at = 0  # where the current line starts
    index = 0  # its number, from 0
    while True:
        stop = body.find("\n", at)
        line = body[at:] if stop < 0 else body[at:stop]
        if fence:
            if line.lstrip(" ").startswith(fence) and not line.strip().strip(fence[0]):
                fence = ""
        elif comment:
            comment = "-->" not in line
        elif match := _FENCE_LINE.match(line):
            fence = match.group(1)
        elif "<!--" in line and "-->" not in line.split("<!--", 1)[1]:
            comment = True
        elif size >= CHUNK_CHARS and _ATX_START.match(line) and index > first_line:
            yield first_line, start, at - 1
            first_line, start, size = index, at, 0
        size += len(line) + 1
        if stop < 0:
            break
        at, index = stop + 1, index + 1
    yield first_line, start, len(body)


class _Reader:
    """markdown-it's token stream → a flat run of headings and paragraph strings."""

    def __init__(self, lines: list[str], offset: int = 0) -> None:
        self.lines = lines
        #: Where ``lines`` start in the document (a part of it is read at a time).
        self.offset = offset
        self.items: list[Item] = []
        # One entry per open list: [ordered, next number, items seen in the current item].
        self.lists: list[list[Any]] = []
        self.quote = 0
        self.in_footnote = False
        #: The '[^label]: ' that starts a footnote's first paragraph, until it is used.
        self.footnote = ""
        #: The line each item starts on, and the line of the block being read.
        self.starts: list[int] = []
        self.at = 0

    def run(self, tokens: list[Token]) -> list[Item]:
        index = 0
        while index < len(tokens):
            where = tokens[index].map
            self.at = where[0] if where else self.at
            index = self.token(tokens, index)
        self.keep_the_rest(tokens)
        return [item for item in self.items if not isinstance(item, str) or item.strip()]

    def keep_the_rest(self, tokens: list[Token]) -> None:
        """Lines no block took (text nested deeper than :data:`MAX_NESTING`) are kept as
        written, where they stand: nothing is dropped silently."""
        covered = bytearray(len(self.lines) + 1)
        for token in tokens:
            if token.type in _LEAVES and token.map:
                first, last = token.map
                covered[first:last] = b"\x01" * (last - first)
        runs: list[tuple[int, list[str]]] = []
        for index, line in enumerate(self.lines):
            if covered[index] or not line.strip() or _DEFINITION.match(line):
                continue
            if not re.search(r"[^\s>*+\-\d.)]", line):
                continue  # only markers: no text
            if runs and runs[-1][0] + len(runs[-1][1]) == index:
                runs[-1][1].append(line)
            else:
                runs.append((index, [line]))
        import bisect

        for start, lines in reversed(runs):
            at = bisect.bisect_right(self.starts, start)
            self.items.insert(at, "\n".join(lines))
            self.starts.insert(at, start)

    def token(self, tokens: list[Token], index: int) -> int:
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            inline = tokens[index + 1]
            text = _inline(inline.children or [], heading=True).strip()
            line = token.map[0] + 1 + self.offset if token.map else 0
            if self.lists or self.quote or self.in_footnote:
                self.add(text)  # a heading inside a list or quote: part of that text
            elif text:
                self.items.append(numbered_heading(int(token.tag[1]), text, line))
                self.starts.append(self.at)
            return index + 3
        if kind == "paragraph_open":
            self.add(_inline(tokens[index + 1].children or []))
            return index + 3
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrGet("start") or 1) if kind == "ordered_list_open" else 0
            self.lists.append([kind == "ordered_list_open", start, 0])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind == "list_item_open":
            self.lists[-1][2] = 0
        elif kind == "list_item_close":
            self.lists[-1][1] += 1
        elif kind == "blockquote_open":
            self.quote += 1
        elif kind == "blockquote_close":
            self.quote -= 1
        elif kind in ("fence", "code_block"):
            self.block(_code(token))
        elif kind == "table_open":
            end = index
            while tokens[end].type != "table_close":
                end += 1
            self.block(_table(tokens[index:end]))
            return end + 1
        elif kind == "html_block":
            self.add(_html_text(token.content))
        elif kind == "footnote_open":
            self.in_footnote = True
            label = token.meta.get("label", "") if token.meta else ""
            self.footnote = f"[^{label}]: "
        elif kind == "footnote_close":
            self.in_footnote = False
        return index + 1

    def block(self, block: CodeBlock | TableBlock) -> None:
        """File a code block or a table as it is: inside a list or a quote too, unmarked."""
        if block.strip():
            self.items.append(block)
            self.starts.append(self.at)

    def add(self, text: str) -> None:
        """File one block's text, with its list marker or quote marks."""
        if not text.strip():
            return
        text = "\n".join(" ".join(part.split()) for part in text.split("\n")).strip()
        if self.in_footnote and self.footnote:
            text, self.footnote = self.footnote + text, ""
        self.items.append(nested(text, self.lists, self.quote))
        self.starts.append(self.at)


def _code(token: Token) -> CodeBlock:
    """A code block's lines as written, with the language its info string names first."""
    language = token.info.split()[0] if token.type == "fence" and token.info.strip() else ""
    return CodeBlock(token.content.rstrip("\n"), language)


def _table(tokens: list[Token]) -> TableBlock:
    """A GFM table's header and rows, each cell the text a reader sees."""
    rows: list[tuple[str, ...]] = []
    cells: list[str] = []
    for token in tokens:
        if token.type == "tr_open":
            cells = []
        elif token.type == "inline":
            cells.append(" ".join(_inline(token.children or []).split()))
        elif token.type == "tr_close":
            rows.append(tuple(cells))
    return TableBlock(rows[0] if rows else (), tuple(rows[1:]))


def _inline(children: list[Token], *, heading: bool = False) -> str:
    """Inline tokens as the text a reader sees: links as 'text (url)', code in backticks,
    emphasis marks gone, a hard break a line break. In a heading: the text alone."""
    out: list[str] = []
    links: list[tuple[str, int]] = []
    # Where links that hold a status badge start in ``out``.
    badges: set[int] = set()
    for child in children:
        kind = child.type
        if kind in ("text", "text_special"):
            out.append(child.content)
        elif kind == "softbreak":
            out.append(" ")
        elif kind == "hardbreak":
            out.append("\n")
        elif kind == "code_inline":
            out.append(child.content if heading else f"{child.markup}{child.content}{child.markup}")
        elif kind == "link_open":
            links.append((str(child.attrGet("href") or ""), len(out)))
        elif kind == "link_close" and links:
            url, start = links.pop()
            text = "".join(out[start:])
            if badges and start in badges and not text.strip():
                continue  # a link around status badges only: nothing a reader reads
            if not heading and url and _shown_url(url) != text:
                out.append(f" ({url})" if text.strip() else url)
        elif kind == "image":
            alt = "".join(c.content for c in child.children or [])
            src = str(child.attrGet("src") or "")
            if is_badge(src):
                # A README's status badge ('build passing', 'pypi v1.2'), as on a web page.
                badges.add(links[-1][1] if links else len(out))
                continue
            out.append(alt if heading or not src else f"{alt} ({src})" if alt else src)
        elif kind == "html_inline":
            out.append(_tag_text(child.content))
        elif kind == "footnote_ref":
            label = child.meta.get("label", "") if child.meta else ""
            out.append(f"[^{label}]")
    return "".join(out)


def _shown_url(url: str) -> str:
    return re.sub(r"^mailto:", "", url)


def _tag_text(tag: str) -> str:
    """What a reader sees of an inline tag: an image's alt text, a line break, nothing for
    other HTML; text that only looks like a tag ('<Ctrl-Z Return>') as written."""
    if tag.startswith("<!--"):
        return ""
    match = _TAG_NAME.match(tag)
    name = match.group(1).casefold() if match else ""
    if name not in _HTML_ELEMENTS:
        return tag
    if name == "img":
        alt = _ALT.search(tag)
        return (alt.group(1) or alt.group(2) or "") if alt else ""
    return "\n" if name == "br" else ""


def _html_text(block: str) -> str:
    """An HTML block as the text a reader sees: tags and comments gone, entities decoded."""
    text = re.sub(r"<!--.*?(?:-->|$)", "", block, flags=re.DOTALL)
    text = _HTML_TAG.sub(lambda m: _tag_text(m.group()), text)
    text = html.unescape(text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _glossary(drafts: list[Draft]) -> tuple[list[Draft], list[GlossaryEntry]]:
    """Take 'Term: definition' items out of the first section titled 'Glossary'."""
    found = next((d for d in drafts if d.title.casefold().rstrip(":") in GLOSSARY_TITLES), None)
    if found is None:
        return drafts, []
    entries: list[GlossaryEntry] = []
    seen: set[str] = set()

    def add(term: str, category: str, definition: str) -> bool:
        term, definition = " ".join(term.replace("**", "").split()), definition.strip()
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
