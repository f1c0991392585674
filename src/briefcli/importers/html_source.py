"""Web pages → a brief: the article a reader came for, without the page around it.

Parsed with selectolax's lexbor engine (the HTML5 parsing algorithm browsers use; the ``web``
extra). The article is the page's ``main`` (or ``role="main"``, or its largest ``article``),
else the whole body; inside it, navigation, sidebars, cookie banners, footers, share and
comment blocks are dropped by what they are (``nav``, ``aside``, ``footer``, ARIA roles) and
by what their class or id says they are (``sidebar``, ``cookie-consent``, ``breadcrumb`` …),
and so are scripts, styles, forms' controls and hidden elements, and what documentation
generators add around the author's text (docutils' error boxes, Doxygen's 'More...', pdoc's
hidden source, README badges). An element holding most of the page's words is never dropped
by its name alone.

What is kept, as the Markdown reader keeps it: headings h1-h6 (sections and subsections by the
same two-level rule), paragraphs, lists (``- item``, ``1. item``), tables (table blocks: the
``thead`` row, or a first row of ``th``, else the first row, as the header; a spanned cell's
other cells empty), code (a code block, verbatim, with the language a ``language-x``,
``lang-x`` or ``highlight-x`` class names), block quotes, definition lists (in a 'Glossary'
section or a ``dl.glossary`` they become the glossary, with the category a ``span.category`` or a
'[Category]' gives), links as 'text (url)' for absolute ``http(s)``/``mailto`` targets only
(``javascript:``, ``data:`` and in-page links keep their text alone), images' alt text, and
``<time datetime>`` dates, which become timeline events.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, NamedTuple

from briefcli.importers import NotAReport
from briefcli.importers.draft import Heading, Item, nested
from briefcli.importers.rendered import PageMeta, placeholder_title
from briefcli.importers.text import is_badge
from briefcli.model import CodeBlock, TableBlock

if TYPE_CHECKING:
    from briefcli.importers.draft import Draft
    from briefcli.model import Brief, TimelineEvent

#: Elements whose content a reader never sees as text.
_SKIP = frozenset((
    "script", "style", "noscript", "template", "svg", "math", "canvas", "iframe", "object",
    "embed", "button", "input", "select", "textarea", "option", "datalist", "head", "link",
    "meta", "map", "audio", "video", "source", "track", "dialog", "title", "base",
))  # fmt: skip
#: Elements that are landmarks of the page around the article.
_LANDMARKS = frozenset(("nav", "aside", "footer"))
_ROLES = frozenset((
    "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog",
    "menu", "menubar", "toolbar",
))  # fmt: skip
#: Words in a class or id that name the page around the article.
_BOILERPLATE = frozenset((
    "nav", "navbar", "navigation", "navheader", "navfooter", "menu", "menubar", "sidebar",
    "sidebarwrapper", "sphinxsidebar", "sphinxsidebarwrapper", "breadcrumb", "breadcrumbs",
    "cookie", "cookies", "consent", "gdpr", "footer", "share", "sharing", "social", "related",
    "newsletter", "subscribe", "advert", "advertisement", "ads", "ad", "sponsor", "sponsored",
    "promo", "comments", "skip", "toc", "widget", "pagination", "pager", "popup", "modal",
    "masthead", "banner", "sitemap", "tags", "header", "topbar", "leftcol", "rightcol",
    "titlearea", "sidemenu",
))  # fmt: skip
#: A print-only copy of the page's title and contents (pydata-sphinx-theme's 'onlyprint',
#: as NumPy's, pandas' and Alembic's manuals have): the page itself follows.
#: Texinfo's 'Table of Contents' and 'Short Table of Contents' headings (their lists follow).
_BOILERPLATE_NAMES = frozenset((
    "table-of-contents", "on-this-page", "post-tags", "onlyprint", "print-only", "printonly",
    "contents-heading", "shortcontents-heading",
))  # fmt: skip
#: What a generator wrote about its own run, not the author's text: docutils' and Sphinx's
#: error boxes ('System Message: ERROR/3 (…)') and their 'Docutils System Messages' section.
_GENERATOR_NOTES = frozenset(("system-message", "system-messages"))
#: Headings that are lines of a title page, not parts of the text: DocBook's subtitle and
#: its author, editor and other credits (``h3.author``), docutils' subtitle.
_TITLE_PAGE_LINES = frozenset(
    ("subtitle", "author", "corpauthor", "editor", "othercredit", "collab", "authorgroup")
)
#: Words of a class or id naming a page header: kept when it holds a heading (the title).
_HEADER_WORDS = frozenset(("header", "masthead", "banner", "topbar"))
_KEEP_WORDS = frozenset(("footnote", "footnotes", "footnote-list", "content", "article"))
_BLOCKS = frozenset((
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav",
    "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "ul",
))  # fmt: skip
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
#: Permalink marks sites put in or after headings.
_PERMALINKS = frozenset(("¶", "#", "§", "🔗", "◆", "link", "permalink"))
#: Classes of permalinks: Sphinx's 'headerlink', markdown-it's 'header-anchor', the Rust
#: reference's '[expr.if.intro]' beside each rule ('rule-link').
_PERMALINK_CLASSES = frozenset(("headerlink", "header-anchor", "anchorjs-link", "rule-link"))
#: Links to the rest of a text shown elsewhere (Doxygen's 'More...' after each brief
#: description, Sphinx's '[source]' after a signature): the page's navigation, not the
#: author's words.
_MORE_LINKS = frozenset((
    "more...", "more…", "[source]", "go to the source code of this file.",
    "go to the documentation of this file.",
))  # fmt: skip
_SHOWN_SCHEMES = ("http://", "https://", "mailto:", "ftp://")
_WORD = re.compile(r"[^\W_]+")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
#: A line break (``<br>``) while text is gathered: the page's own newlines are spaces.
_BREAK = "\u2028"
#: Deepest nesting read as structure; deeper elements give their text as one paragraph.
MAX_DEPTH = 200
#: Formatting characters that a reader never sees: a soft hyphen, a zero-width space.
_INVISIBLE = str.maketrans("", "", "\u00ad\u200b")
_SNIFF = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|title|meta)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
_CATEGORY_CLASSES = frozenset(("category", "tag", "type", "kind", "label"))
_BRACKETED = re.compile(r"^(?P<term>.+?)\s*\[(?P<category>[^\[\]]{1,60})\]$")
#: A class naming a code block's language: 'language-python', 'lang-sh', 'highlight-c'.
_LANGUAGE = re.compile(r"^(?:language|lang|highlight)-([\w+#.-]+)$")
#: The most cells one table cell spans, as browsers read ``colspan`` and ``rowspan``.
_MAX_COLSPAN = 1000
_MAX_ROWSPAN = 65534


class TimeMark(NamedTuple):
    """A ``<time>`` element's text and the date its ``datetime`` gives."""

    text: str
    date: str


def looks_like(data: bytes) -> bool:
    """Whether ``data`` starts as an HTML document does (a doctype, ``<html>``, ``<head>`` …)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "replace").encode("utf-8")
    return bool(_SNIFF.match(head))


def decode(data: bytes, name: str, charset: str | None = None) -> str:
    """A page's text: from a byte order mark, else the server's charset, else a ``<meta>``
    charset, else UTF-8; bytes that are not valid in it become U+FFFD, as in a browser."""
    from briefcli.files import text_codec
    from briefcli.importers import text

    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return text.decode_report(data, name)
    chosen = charset
    if not chosen and (match := _CHARSET.search(data[:4096])):
        chosen = match.group(1).decode("ascii")
    # A label that names no text encoding (rot13, base64, idna) is read as no label.
    codec = text_codec(chosen) or "utf-8"
    if codec in ("ascii", "latin-1", "iso8859-1"):
        codec = "cp1252"  # as browsers read them
    if b"\x00" in data and not codec.startswith("utf-16"):
        raise NotAReport(f"{name}: binary data (it holds NUL bytes), not a web page")
    result = data.decode(codec, errors="replace")
    if not result or result.isspace():  # (not strip(): that would copy the whole page)
        raise NotAReport(f"{name}: the file is empty")
    return result


def parse(
    data: bytes,
    *,
    name: str = "<page>",
    source: str = "",
    title: str | None = None,
    charset: str | None = None,
    base_url: str = "",
) -> tuple[Brief, list[Draft], list[TimeMark]]:
    """A web page → its brief (timeline added by the caller), drafts and ``<time>`` dates.

    ``base_url``: where the page came from; relative links are made absolute against it
    (without one they keep their text only).
    """
    from briefcli.importers import rendered

    parser_class = _parser_class()
    decoded = decode(data, name, charset)
    _check_nesting(decoded, name)
    page = parser_class(decoded)
    root = _article(page)
    walker = _Walker(base_url, _words(root.text(separator=" ")) if root is not None else 0)
    # Texinfo titles a whole manual with an h1 of class 'settitle' and its Top node with
    # another h1: the node is the first part of the manual, beside its chapters (h2).
    walker.settitle = page.css_first("h1.settitle") is not None
    walker.has_h1 = page.css_first("h1") is not None
    if root is not None:
        walker.block(root, 0)
        walker.flush()
        walker.drop_top()
    from briefcli.importers.draft import listed_headings

    # Headings a contents list names are found before their lines are, so they get one too.
    items = listed_headings(walker.items, walker.contents)
    _lines(items, decoded, walker.tags, walker.anchors)
    meta = _meta(page)
    try:
        brief, drafts = rendered.build(
            items,
            name=name,
            source=source,
            title=title,
            meta=meta,
            contents=walker.contents,
        )
    except NotAReport:
        if target := _redirect(page):  # 'Redirecting to…', as mdBook leaves for a moved page
            message = f"{name}: the page only redirects to {target}; import that page"
            raise NotAReport(message) from None
        raise
    return brief, drafts, walker.times


#: The most work the HTML parser is given, counted as the open elements it walks: at every
#: start tag it looks down the stack of open elements (for a ``p`` to close), so a page costs
#: the sum of the depths its tags start at. 10**8 is under a second; a real page of 100,000
#: tags 50 deep costs 5 * 10**6; 60,000 nested ``div``s cost 1.8 * 10**9 (12 s), and a 6 MiB
#: page of them hours.
MAX_NESTING_WORK = 10**8
_TAG_START = re.compile(r"<(?:(!--)|(/?)([A-Za-z][A-Za-z0-9-]*))")
#: Elements whose text is not markup: a tag inside one is text, until its end tag.
_RAW_TEXT = frozenset(("script", "style", "textarea", "title", "xmp", "noembed", "noframes"))
_RAW_TEXT_END = {tag: re.compile(rf"</{tag}[\s/>]", re.IGNORECASE) for tag in _RAW_TEXT}
#: Elements that never stay open (void) or close by themselves at the next of their kind.
_NOT_OPEN = frozenset((
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr", "keygen", "p", "li", "dt", "dd", "rb", "rt", "rtc", "rp",
    "optgroup", "option", "colgroup", "caption", "thead", "tbody", "tfoot", "tr", "td", "th",
    "html", "head", "body",
))  # fmt: skip


#: Elements that end SVG or MathML content and are read as HTML again (the HTML standard's
#: "breakout" start tags, less ``font``, which breaks out only with some attributes).
_BREAKOUT = frozenset((
    "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em",
    "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing",
    "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span", "strong",
    "strike", "sub", "sup", "table", "tt", "u", "ul", "var",
))  # fmt: skip


def _check_nesting(page: str, name: str) -> None:
    """Refuse, before parsing, a page whose nesting would keep the parser busy for minutes.

    The work is estimated from the tags alone (comments, the text of scripts and styles, and
    SVG and MathML, whose ``<path/>`` closes itself, skipped); a page with too few tags to
    reach the limit is not scanned at all.
    """
    if page.count("<") ** 2 // 2 <= MAX_NESTING_WORK:
        return
    depth = deepest = work = 0
    foreign = False  # inside <svg> or <math>: the HTML parser keeps no scope there
    at = 0
    while match := _TAG_START.search(page, at):
        at = match.end()
        if match[1]:
            end = page.find("-->", at)
            if end < 0:
                return
            at = end + 3
            continue
        tag = match[3].lower()
        if match[2]:
            if foreign:
                foreign = tag not in ("svg", "math")
            elif tag not in _NOT_OPEN:
                depth = max(0, depth - 1)
            continue
        if foreign:
            if tag not in _BREAKOUT:
                continue
            foreign = False
        work += depth
        if tag in _RAW_TEXT:
            end_tag = _RAW_TEXT_END[tag].search(page, at)
            if end_tag is None:
                return
            at = end_tag.end()
        elif tag in ("svg", "math"):
            foreign = True
        elif tag == "plaintext":
            return
        elif tag not in _NOT_OPEN:
            depth += 1
            deepest = max(deepest, depth)
        if work > MAX_NESTING_WORK:
            raise NotAReport(
                f"{name}: elements nested too deep for a page this long (at least "
                f"{deepest:,} levels); not a page brief can read"
            )


def _parser_class() -> Any:
    try:
        from selectolax.lexbor import LexborHTMLParser
    except ImportError:
        from briefcli.errors import UsageError

        raise UsageError(
            "reading web pages needs the 'web' extra: pip install 'briefcli[web]'"
        ) from None
    return LexborHTMLParser


def _words(text: str) -> int:
    # Counted one match at a time: a list of a large page's words takes many times its size.
    return sum(1 for _ in _WORD.finditer(text))


def _article(page: Any) -> Any:
    """The element that holds the article: ``main``, ``[role=main]``, the largest ``article``,
    an element with the id 'content' or 'main' — when it holds a fair share of the body's
    words or the page's ``h1`` — else the body."""
    body = page.body
    if body is None:
        return page.root
    total = _words(body.text(separator=" "))
    for selector in ("main", "[role=main]", "article", "#content, #main, #main-content"):
        found = page.css(selector)
        if not found:
            continue
        best = max(found, key=lambda node: _words(node.text(separator=" ")))
        # On a short page the footer can outweigh the article: one holding the title is it.
        if _words(best.text(separator=" ")) >= 0.25 * total or best.css_first("h1"):
            return best
    return body


_REFRESH_URL = re.compile(r"^\s*\d*\s*[;,]\s*url\s*=\s*['\"]?([^'\"\s]{1,500})", re.IGNORECASE)


def _redirect(page: Any) -> str:
    """Where a ``<meta http-equiv="refresh">`` sends the browser ('' when nowhere)."""
    for meta in page.css("meta[http-equiv]"):
        if (meta.attributes.get("http-equiv") or "").strip().casefold() == "refresh":
            match = _REFRESH_URL.match(meta.attributes.get("content") or "")
            if match:  # (the page's text: no control characters reach the terminal)
                return "".join(char for char in match.group(1) if char.isprintable())
    return ""


def _meta(page: Any) -> PageMeta:
    def content(selector: str) -> str:
        node = page.css_first(selector)
        value = node.attributes.get("content") if node is not None else None
        return " ".join(value.split()) if value else ""

    title = content('meta[property="og:title"]')
    if not title and (node := page.css_first("title")) is not None:
        title = " ".join(node.text().split())
    if placeholder_title(title):
        title = ""  # an editor's boilerplate ('Document'): the first heading is the title
    publisher = (
        content('meta[property="og:site_name"]')
        or content('meta[name="author"]')
        or content('meta[name="publisher"]')
    )
    from briefcli.importers.timeline import written_date

    raw = content('meta[property="article:published_time"]') or content('meta[name="date"]')
    date = (written_date(raw[:10]) or "") if raw else ""
    return PageMeta(title, date, publisher)


def _lines(items: list[Item], source: str, tagged: dict[int, int], anchors: dict[int, str]) -> None:
    """Each heading's line in the page's markup, found in order (for ``--outline``).

    An ``h1``–``h6`` (``tagged``: id → its tag's level) is found by its tag and words; a
    heading a contents list named (a paragraph in the page) by its words, outside a link
    (the contents entry that names it is one); a heading in ``anchors`` (id → the ``id`` of
    the element holding it) by that ``id``.
    """
    # Not in the page's head: a heading's words are often its <title>'s too.
    body = re.search(r"<body[\s>]", source, re.IGNORECASE)
    position = body.start() if body else 0
    # Lines are counted on from the last heading found: each heading's line in one pass.
    counted = line = 0
    # A heading whose words the markup does not hold as written (an entity inside a word:
    # 'Caf&eacute;') is looked for to the page's end; thousands of them would read the page
    # thousands of times. The search reads at most this much in all (far more than any page
    # needs: each heading is found a little after the one before), then leaves the rest at 0.
    budget = [_LINE_SEARCH_PASSES * len(source) + _LINE_SEARCH_SPARE]
    for item in items:
        if not isinstance(item, Heading):
            continue
        if budget[0] <= 0:
            break
        words = _WORD.findall(item.title)
        at = position
        # The title's words with spaces, markup or entities between them (alternatives
        # that start with different characters, each bounded: no backtracking).
        between = r"(?:[^\w<&]|_|<[^<>]{0,500}>|&#?\w{1,10};){1,100}"
        written = re.compile(between.join(map(re.escape, words[:8])) or "$^")
        if id(item) in anchors:  # found by the id of the element that holds it, as written
            match = re.compile(re.escape(f'id="{anchors[id(item)]}"')).search(source, at)
            budget[0] -= (match.end() if match else len(source)) - at
        elif id(item) in tagged:
            match = _heading_tag(source, at, tagged[id(item)], written, budget)
            if match is None:  # a title the reader changed: the first word will do
                first = next(iter(words), "")
                match = _heading_tag(source, at, tagged[id(item)], first, budget)
        else:
            match = None
            while (found := written.search(source, at)) is not None:
                budget[0] -= found.end() - at
                opened = source.rfind("<", 0, found.start())
                # Not a link's text, as the contents entry naming it is (an anchor, an
                # ``a`` with a name and no href, is no link: pydoc's class headings).
                if not _LINK_START.match(source, opened, opened + 1000):
                    match = found
                    break
                at = found.end()
            else:
                budget[0] -= len(source) - at
        if match is not None:
            position = match.end()
            line += source.count("\n", counted, match.start())
            counted = match.start()
            item.line = line + 1


_LINK_START = re.compile(r"<a\b[^<>]*\bhref\s*=", re.IGNORECASE)


#: How many times over :func:`_lines` may read a page, and how much more, looking for its
#: headings' lines.
_LINE_SEARCH_PASSES = 16
_LINE_SEARCH_SPARE = 100_000_000


def _heading_tag(
    source: str, at: int, level: int, words: re.Pattern[str] | str, budget: list[int]
) -> Any:
    """The first ``<h{level}`` tag from ``at`` whose element holds ``words`` (a heading a
    reader dropped, as Texinfo's 'Table of Contents', is passed over), or None; what it reads
    is taken from ``budget`` (None once that is spent)."""
    tag = re.compile(rf"<h{level}\b", re.IGNORECASE)
    while (match := tag.search(source, at)) is not None:
        end = source.find(f"</h{level}", match.end(), match.end() + 2000)
        inside = source[match.end() : end if end >= 0 else match.end() + 2000]
        budget[0] -= match.end() - at + len(inside)
        if budget[0] <= 0:
            return None
        if (words in inside) if isinstance(words, str) else words.search(inside):
            return match
        at = match.end()
    budget[0] -= len(source) - at
    return None


def _classes(node: Any) -> tuple[set[str], set[str]]:
    """The words of an element's class and id ('sidebar-left' → sidebar, left) and the
    whole names ('table-of-contents')."""
    attributes = node.attributes
    names = f"{attributes.get('class') or ''} {attributes.get('id') or ''}".casefold()
    whole = {name.replace("_", "-") for name in names.split()}
    words = {word for name in whole for word in name.split("-") if word}
    return words, whole


def _class_names(node: Any) -> list[str]:
    """An element's class names (not its id: ``<h3 id="editor">`` names a setting)."""
    return (node.attributes.get("class") or "").casefold().split()


def _spaces(text: str) -> str:
    """Text as a browser shows it outside ``pre``: newlines and tabs are spaces."""
    return text.replace("\n", " ").replace("\r", " ").replace("\t", " ").replace(_BREAK, " ")


def _has_blocks(node: Any, depth: int) -> bool:
    """Whether an element holds block elements (an inline element's own tag aside)."""
    if depth > 40:
        return False
    for child in node.iter(include_text=False):
        if child.tag in _BLOCKS or _has_blocks(child, depth + 1):
            return True
    return False


def _broken(node: Any) -> bool:
    """Whether a code element is lines of text set in monospace, not a piece of code in a
    sentence: it holds line breaks, or (a ``tt`` or pydoc's ``span.code``) its words are
    spaced by no-break spaces alone (old pydoc writes each docstring so)."""
    if node.css_first("br") is not None:
        return True
    if node.tag in ("code", "kbd", "samp"):
        return False  # pydoc sets its docstrings in tt; javadoc writes 'Object&nbsp;obj' in code
    text = node.text()
    return "\xa0" in text and not any(char.isspace() and char != "\xa0" for char in text)


#: A list item's marker at a line's start ('* ', '- ', '1. ').
_ITEM = re.compile(r"(?:[*+\-\u2022]|\d{1,3}[.)])\s")


#: Quotes a generator puts around code ('‘<samp>bzlib.h</samp>’', as Texinfo writes @samp
#: and @file): the code is shown as quoted, without backticks as well.
_QUOTE_PAIRS = {"‘": "’", "“": "”", "'": "'", '"': '"', "`": "'"}


def _quoted(node: Any) -> bool:
    """Whether an element stands between a pair of quotes: the text just before it ends with
    an opening quote and the text just after starts with the closing one."""
    before, after = node.prev, node.next
    if before is None or after is None or before.tag != "-text" or after.tag != "-text":
        return False
    opening = (before.text_content or "")[-1:]
    closing = _QUOTE_PAIRS.get(opening)
    return closing is not None and (after.text_content or "").startswith(closing)


def _monospace(node: Any) -> bool:
    """A code element, or pydoc's ``<span class="code">``."""
    return node.tag in ("code", "kbd", "samp", "tt") or (
        node.tag == "span" and "code" in _classes(node)[1]
    )


def _unwrapped(lines: list[str]) -> list[str]:
    """Lines a source wrapped, joined into the paragraphs that blank lines separate. A line
    that opens a list item ('* quotechar - …') starts a line of its own, and the lines
    indented under it go on it; otherwise a line indented more or less than the one it
    would join (code in a docstring) starts a line of its own."""
    out: list[str] = []
    indent = -1  # the indent of the line being joined to; -1 after a blank line
    item = False  # whether that line opens a list item
    for line in lines:
        text = line.lstrip()
        own = len(line) - len(text)
        if not text:
            out.append(line)
            indent, item = -1, False
        elif _ITEM.match(text):
            out.append(line)
            indent, item = own, True
        elif indent >= 0 and (own > indent if item else own == indent):
            out[-1] = f"{out[-1].rstrip()} {text}"
        else:
            out.append(line)
            indent, item = own, False
    return out


def _hidden(node: Any) -> bool:
    attributes = node.attributes
    if "hidden" in attributes or attributes.get("aria-hidden") == "true":
        return True
    style = (attributes.get("style") or "").replace(" ", "").casefold()
    return "display:none" in style or "visibility:hidden" in style


class _Walker:
    """The article's elements → a flat run of headings and paragraph strings."""

    def __init__(self, base_url: str, total_words: int) -> None:
        self.base_url = base_url
        self.total_words = total_words
        self.items: list[Item] = []
        self.times: list[TimeMark] = []
        self.inline: list[str] = []
        # One entry per open list: [ordered, next number, blocks seen in the current item].
        self.lists: list[list[Any]] = []
        self.quote = 0
        #: List items that only link within the page (a contents list): item index → text.
        self.contents: dict[int, str] = {}
        #: The headings read from h1-h6 tags (not pydoc's banner cells): id → the tag's level.
        self.tags: dict[int, int] = {}
        #: Headings found by the id of the element holding them (pdoc's members): id → it.
        self.anchors: dict[int, str] = {}
        #: The page is a Texinfo manual titled by an ``h1.settitle``; the index of its Top
        #: node's heading in ``items`` (-1: none).
        self.settitle = False
        self.top = -1
        #: The page has an ``h1`` (else Doxygen's title element is read as one).
        self.has_h1 = True

    # -- what is dropped

    def dropped(self, node: Any, tag: str) -> bool:
        """Whether an element is part of the page around the article (or never seen)."""
        if tag in _SKIP or _hidden(node):
            return True
        words, whole = _classes(node)
        if whole & _GENERATOR_NOTES or {"contents", "topic"} <= whole:
            return True  # (docutils' table of contents: the headings it lists follow)
        if _source_toggle(node):
            return True
        if tag == "div" and "pdoc-code" in whole and _toggled_source(node):
            return True
        if words & _KEEP_WORDS and not words & {"sidebar", "nav", "cookie", "footer"}:
            return False
        if tag in _LANDMARKS or (node.attributes.get("role") or "").casefold() in _ROLES:
            return not (tag == "aside" and node.attributes.get("role") == "note")
        if tag == "td" and _banner_links(node):
            return True
        if tag == "div" and whole & {"contents", "shortcontents"} and _after_contents(node):
            return True
        if tag == "div" and "summary" in whole and _in_header(node):
            return True  # Doxygen's links to the page's parts, beside its title
        if tag == "div" and _doxygen_controls(node, whole):
            return True
        if tag not in _BLOCKS or tag in ("p", "li", "td", "th", "dt", "dd", "tr", "pre"):
            return False
        if tag == "header" or words & _HEADER_WORDS:
            if node.css_first("h1, h2, h3, h4, h5, h6, .headertitle > .title") is not None:
                return False
            if tag == "header":
                return True
        if not (words & _BOILERPLATE or whole & _BOILERPLATE_NAMES):
            return False
        # Never drop by name an element that holds most of the article.
        share = _words(node.text(separator=" ")) / max(self.total_words, 1)
        return share < 0.4

    def doxygen_title(self, node: Any) -> bool:
        """Whether an element is the title of a Doxygen page ('base.h File Reference'),
        written as ``div.headertitle > div.title``, on a page with no ``h1``."""
        parent = node.parent
        return (
            "title" in _classes(node)[1]
            and parent is not None
            and "headertitle" in _classes(parent)[1]
            and not self.has_h1
        )

    def drop_top(self) -> None:
        """A Texinfo manual's Top node heading goes: the node is the manual's opening (its
        text, if any beside the menu, is the text under the title), and its heading repeats
        the manual's name."""
        if self.top < 0:
            return
        del self.items[self.top]
        self.contents = {i - (i > self.top): text for i, text in self.contents.items()}

    # -- blocks

    def block(self, node: Any, depth: int) -> None:
        """Read a container's children: inline content gathers into a paragraph, which each
        block element ends."""
        if depth > MAX_DEPTH:
            self.inline.append(node.text(separator=" "))
            return
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                self.inline.append(_spaces(child.text_content or ""))
                continue
            if tag == "-comment" or self.dropped(child, tag):
                continue
            if tag in _HEADINGS and _TITLE_PAGE_LINES.intersection(_class_names(child)):
                self.flush()
                self.block(child, depth + 1)  # a line of the title page, as written
                self.flush()
            elif tag in _HEADINGS or (tag == "div" and self.doxygen_title(child)):
                self.flush()
                before = len(self.items)
                level = _HEADINGS.get(tag, 1)
                # Doxygen's members ('◆ alloc()', h2.memtitle) stand under its parts
                # ('Member Function Documentation', h2.groupheader).
                self.heading(child, level + ("memtitle" in _classes(child)[1]))
                for item in self.items[before:]:
                    if isinstance(item, Heading) and tag in _HEADINGS:
                        self.tags[id(item)] = _HEADINGS[tag]
            elif tag == "tr" and (row := _doxygen_row(child)):
                self.flush()
                self.doxygen_member(child, row)
            elif tag in ("aside", "div") and "footnote" in _class_names(child):
                self.flush()
                self.footnote(child, depth)
            elif tag == "div" and (columns := _grid_columns(child)):
                self.flush()
                self.grid_table(child, columns, depth)
            elif tag == "div" and (level := _pdoc_member(child)):
                self.flush()
                self.pdoc_member(child, level)
            elif tag in ("td", "th") and (level := _banner(child)):
                self.flush()
                self.heading(child, level)
            elif tag == "br":
                self.inline.append(_BREAK)
            elif tag in ("ul", "ol", "menu"):
                self.flush()
                self.read_list(child, tag == "ol", depth)
            elif tag == "pre":
                self.flush()
                self.block_item(_code(child))
            elif tag == "table":
                self.flush()
                self.table(child, depth)
            elif tag == "dl":
                self.flush()
                self.definitions(child, depth)
            elif tag == "blockquote":
                self.flush()
                self.quote += 1
                self.block(child, depth + 1)
                self.flush()
                self.quote -= 1
            elif tag == "hr":
                self.flush()
            elif tag in _BLOCKS:
                self.flush()
                self.block(child, depth + 1)
                self.flush()
            elif _has_blocks(child, 0):
                self.block(child, depth + 1)  # an inline element around blocks (a card link)
            else:
                out: list[str] = []
                self.inline_node(child, out, False, depth)
                self.inline.append("".join(out))

    def flush(self) -> None:
        """The inline content gathered so far becomes a paragraph."""
        if not self.inline:
            return
        text = "".join(self.inline)
        self.inline = []
        self.add(text)

    def add(self, text: str) -> None:
        """File one block's text, with its list marker or quote marks.

        A blank line (two line breaks in a row, as pydoc writes a docstring's paragraphs)
        ends a paragraph, as it shows one ending; in a list item it is only a line break.
        """
        lines = [" ".join(part.split()) for part in text.translate(_INVISIBLE).split(_BREAK)]
        if self.lists:
            lines = [line for line in lines if line]
        paragraph: list[str] = []
        for line in [*lines, ""]:
            if line:
                paragraph.append(line)
            elif paragraph:
                self.items.append(nested("\n".join(paragraph), self.lists, self.quote))
                paragraph = []

    def block_item(self, block: CodeBlock | TableBlock) -> None:
        """File a code block or a table as it is: inside a list or a quote too, unmarked (as
        the Markdown reader files them)."""
        if block.strip():
            self.items.append(block)

    def heading(self, node: Any, level: int, text: str = "") -> None:
        """File a heading: ``text``, else the element's own."""
        from briefcli.importers.draft import numbered_heading

        text = text or " ".join(self.text(node, heading=True).split())
        if not text:
            return
        if level == 1 and self.settitle and "settitle" not in _classes(node)[1]:
            level = 2
            self.top = len(self.items)
        if self.lists or self.quote:
            self.add(text)  # a heading inside a list or a quote: part of its text
            return
        else:
            self.items.append(numbered_heading(level, text, 0))

    def pdoc_member(self, node: Any, level: int) -> None:
        """A pdoc member's header: 'def wrap' (its keyword and name) as the heading, the
        signature as written ('def wrap(text, width=70, **kwargs):') as its first line."""
        name = " ".join(
            " ".join(self.text(part, heading=True).split())
            for part in node.iter(include_text=False)
            if part.tag == "span" and {"def", "name"}.intersection(_class_names(part))
        )
        if not name:
            return
        before = len(self.items)
        self.heading(node, level, name)
        if len(self.items) > before and (anchor := node.parent.attributes.get("id")):
            self.anchors[id(self.items[-1])] = anchor
        signature = " ".join(self.text(node).split())
        if signature != name:
            self.add(signature)

    def read_list(self, node: Any, ordered: bool, depth: int) -> None:
        if _sections_list(node):
            # javadoc's parts ('Method Summary', each method's details) are list items
            # holding sections: a list only in its markup, read as the sections it holds.
            for child in node.iter(include_text=False):
                if not self.dropped(child, child.tag):
                    self.block(child, depth + 1)
                    self.flush()
            return
        start = node.attributes.get("start") if ordered else None
        number = int(start) if start and start.isdigit() else 1
        self.lists.append([ordered, number, 0])
        for child in node.iter(include_text=False):
            if child.tag != "li":
                if not self.dropped(child, child.tag):
                    self.block(child, depth + 1)
                continue
            if self.dropped(child, "li"):
                continue
            self.lists[-1][2] = 0
            before = len(self.items)
            self.block(child, depth + 1)
            self.flush()
            self.lists[-1][1] += 1
            if len(self.items) == before + 1 and (entry := _in_page_link(child)):
                self.contents[before] = entry
        self.lists.pop()

    def table(self, node: Any, depth: int) -> None:
        """A data table as a table block; a table used for layout (blocks in its cells) as the
        blocks of its cells."""
        if _BANNER_TABLES.match(_table_kind(node)) or _layout(node):
            self.block(node, depth + 1)
            return
        grid: list[list[str]] = []
        headed = False
        # Columns a rowspan above still covers: column → rows below the current one.
        covered: dict[int, int] = {}
        for number, row in enumerate(node.css("tr")):
            elements = [c for c in row.iter(include_text=False) if c.tag in ("td", "th")]
            if number == 0:
                parent = row.parent
                in_head = parent is not None and parent.tag == "thead"
                headed = in_head or (bool(elements) and all(c.tag == "th" for c in elements))
            cells: list[str] = []
            spans: dict[int, int] = {}
            for cell in elements:
                while covered.get(len(cells), 0):
                    cells.append("")
                text = " ".join(self.text(cell).translate(_INVISIBLE).split())
                across = _span(cell.attributes.get("colspan"), _MAX_COLSPAN)
                down = _span(cell.attributes.get("rowspan"), _MAX_ROWSPAN)
                if down > 1:
                    spans.update((c, down - 1) for c in range(len(cells), len(cells) + across))
                cells += [text] + [""] * (across - 1)
            cells += [""] * (max(covered, default=-1) + 1 - len(cells))
            covered = {c: n - 1 for c, n in covered.items() if n > 1} | spans
            grid.append(cells)
        if not headed:
            grid = [row for row in grid if any(row)]  # the first row with text is the header
        elif grid:
            grid = grid[:1] + [row for row in grid[1:] if any(row)]
        if not grid or not any(any(row) for row in grid):
            return
        if caption := node.css_first("caption"):
            self.add(self.text(caption))
        width = max(len(row) for row in grid)
        grid = [row + [""] * (width - len(row)) for row in grid]
        # Columns only a span made, empty in every row, are not the table's.
        keep = [c for c in range(width) if any(row[c] for row in grid)]
        header, *rows = (tuple(row[c] for c in keep) for row in grid)
        self.block_item(TableBlock(header, tuple(rows)))

    def doxygen_member(self, row: Any, kind: str) -> None:
        """A row of Doxygen's member lists: 'struct lzma_allocator: Custom functions for memory
        handling.' (its declaration's cells, then the description in the row after it), one
        paragraph, not a paragraph a cell."""
        if kind == "memdesc" and _doxygen_row(_element_beside(row, "prev")) == "memitem":
            return  # read with the declaration above it
        text = " ".join(self.text(row).split())
        after = _element_beside(row, "next")
        if kind == "memitem" and _doxygen_row(after) == "memdesc":
            description = " ".join(self.text(after).split())
            text = f"{text}: {description}" if text and description else text or description
        self.add(text)

    def footnote(self, node: Any, depth: int) -> None:
        """A footnote whose label stands before its first paragraph (docutils 0.18 on:
        ``<aside class="footnote"><span class="label">[1]</span><p>…</p>``) reads '[1] …',
        as the page shows it, not the label as a paragraph of its own."""
        elements = [c for c in node.iter(include_text=False) if c.tag != "-comment"]
        if len(elements) > 1 and "label" in _class_names(elements[0]) and elements[1].tag == "p":
            label = " ".join(self.text(elements[0]).split())
            if label and not _has_blocks(elements[1], 0):
                text = " ".join(self.text(elements[1]).split())
                elements[0].decompose()
                elements[1].decompose()
                self.add(f"{label} {text}" if text else label)
        self.block(node, depth + 1)
        self.flush()

    def grid_table(self, node: Any, columns: int, depth: int) -> None:
        """A table laid out as a grid of ``div`` cells (javadoc's summaries since Java 16:
        header cells, then each row's cells in turn) as a table block; read as blocks when
        its cells do not fill whole rows."""
        # Every cell is the table's: its 'table-header' cells name no page header.
        elements = [
            c for c in node.iter(include_text=False) if c.tag not in _SKIP and not _hidden(c)
        ]
        if not elements or len(elements) % columns:
            for cell in elements:
                self.block(cell, depth + 1)
                self.flush()
            return
        cells = [" ".join(self.text(cell).translate(_INVISIBLE).split()) for cell in elements]
        header, *rows = (tuple(cells[at : at + columns]) for at in range(0, len(cells), columns))
        self.block_item(TableBlock(header, tuple(rows)))

    def definitions(self, node: Any, depth: int) -> None:
        """'term: definition' (with '[Category]' when the page gives one) for each term whose
        definition is a line of text; a definition with blocks follows its term as blocks."""
        term = ""
        for child in node.iter(include_text=False):
            if child.tag == "div":  # HTML allows dt/dd grouped in divs
                self.definitions(child, depth + 1)
                continue
            if child.tag == "dt":
                if term:
                    self.add(term)
                term = self.term(child)
            elif child.tag == "dd":
                if not _has_blocks(child, 0):
                    definition = " ".join(self.text(child).split())
                    if term and definition:
                        # A term written with its colon ('Since:') is not given a second.
                        self.add(f"{term.removesuffix(':').rstrip()}: {definition}")
                    elif term or definition:
                        self.add(term or definition)
                elif term and (lead := self.lead_paragraph(child)):
                    # Sphinx writes each definition as paragraphs ('<dd><p>…</p><p>…</p>'):
                    # the first goes with its term, as a one-line definition does.
                    self.add(f"{term.removesuffix(':').rstrip()}: {lead}")
                    self.block(child, depth + 1)
                    self.flush()
                else:
                    if term:
                        self.add(term)
                    self.block(child, depth + 1)
                    self.flush()
                term = ""
        if term:
            self.add(term)

    def lead_paragraph(self, node: Any) -> str:
        """The text of a ``dd``'s first paragraph when the ``dd`` opens with one (a ``p`` of
        inline text only, no text before it), taken out of the ``dd``; '' otherwise."""
        first = next(node.iter(include_text=False), None)
        if first is None or first.tag != "p" or _has_blocks(first, 0):
            return ""
        before = (node.text(deep=False) or "").strip()
        text = " ".join(self.text(first).split())
        if before or not text:
            return ""
        first.decompose()
        return text

    def term(self, node: Any) -> str:
        """A ``dt``'s term, with the category a ``span.category`` (or '[Category]') gives."""
        category = ""
        for span in node.css("span, small, em, i"):
            words, _ = _classes(span)
            if words & _CATEGORY_CLASSES:
                category = " ".join(span.text().split())
                span.decompose()
                break
        text = " ".join(self.text(node, heading=True).split())
        if category and text and not _BRACKETED.match(text):
            return f"{text} [{category}]"
        return text  # 'Term [Category]' as written, or a term without one

    # -- inline

    def text(self, node: Any, *, heading: bool = False) -> str:
        """An element's inline content as a reader sees it."""
        out: list[str] = []
        self.inline_into(node, out, heading, 0)
        return "".join(out)

    def inline_into(self, node: Any, out: list[str], heading: bool, depth: int) -> None:
        """An element's children as a reader sees them, into ``out``."""
        for child in node.iter(include_text=True):
            self.inline_node(child, out, heading, depth)

    def inline_node(self, child: Any, out: list[str], heading: bool, depth: int) -> None:
        """One inline node as a reader sees it, into ``out``."""
        tag = child.tag
        if tag == "-text":
            out.append(_spaces(child.text_content or ""))
        elif tag == "-comment" or tag in _SKIP or _hidden(child) or _source_toggle(child):
            return
        elif tag == "br":
            out.append(_BREAK)
        elif tag == "img":
            if not is_badge(child.attributes.get("src") or ""):
                out.append(child.attributes.get("alt") or "")
        elif depth > MAX_DEPTH:
            out.append(_spaces(child.text(separator=" ")))
        elif tag == "a":
            self.link(child, out, heading, depth)
        elif tag in ("code", "kbd", "samp", "tt") and not heading and not _broken(child):
            code = _spaces(child.text())
            marked = code.strip() and "`" not in code and not _quoted(child)
            out.append(f"`{code}`" if marked else code)
        elif not heading and _monospace(child) and _broken(child):
            # Lines of text set in monospace (a docstring pydoc wrote): a single line break is
            # where the source wrapped, as in a plain-text paragraph; a blank line ends one.
            lines: list[str] = []
            self.inline_into(child, lines, heading, depth + 1)
            out.append(_BREAK.join(_unwrapped("".join(lines).split(_BREAK))))
        elif tag == "time":
            shown = _spaces(child.text())
            when = child.attributes.get("datetime")
            if when and shown.strip():
                self.times.append(TimeMark(" ".join(shown.split()), when.strip()))
            out.append(shown)
        elif tag in _BLOCKS:
            out.append(" ")
            self.inline_into(child, out, heading, depth + 1)
            out.append(" ")
        else:
            self.inline_into(child, out, heading, depth + 1)

    def link(self, node: Any, out: list[str], heading: bool, depth: int) -> None:
        start = len(out)
        self.inline_into(node, out, heading, depth + 1)
        shown = "".join(out[start:])
        if not shown.strip() and _only_badges(node):
            del out[start:]  # a status badge ('build passing'), not a word of the text
            return
        if (
            shown.strip() in _PERMALINKS
            or _PERMALINK_CLASSES.intersection(_class_names(node))
            or shown.strip().casefold() in _MORE_LINKS
        ):
            del out[start:]
            return
        if heading:
            return
        url = self.url(node.attributes.get("href") or "")
        if url and url != shown.strip() and url.removeprefix("mailto:") != shown.strip():
            out.append(f" ({url})" if shown.strip() else url)

    def url(self, href: str) -> str:
        """A link's target as the brief shows it: absolute http(s), ftp or mailto only."""
        href = href.strip()
        if href.casefold().startswith(_SHOWN_SCHEMES):
            return href
        if not self.base_url or href.startswith("#") or ":" in href.split("/", 1)[0]:
            return ""  # javascript:, data:, in-page and (without a base) relative links
        from urllib.parse import urljoin

        return urljoin(self.base_url, href)


#: Cells whose blocks make a table one of layout (its cells' blocks are read, not a grid).
_LAYOUT_CELLS = "td p ~ p, td div, td table, td ul, td ol, td dl, td h1, td h2, td h3, td pre"
#: pydoc's tables: 'heading' (the page's title) and 'section' (a banner over a section or
#: a class), by class (Python 3.11 on) or by ``summary`` (before).
_BANNER_TABLES = re.compile(r"^(?:heading|section)$")


def _layout(table: Any) -> bool:
    """Whether a table lays out blocks (read as its cells' blocks) rather than holding data.

    A cell of one paragraph is a data cell in a table with a header: Sphinx writes every cell
    so ('<td><p>…</p></td>'); without a header it is layout (groff's indented options).
    """
    if table.css_first(_LAYOUT_CELLS) is not None:
        return True
    return table.css_first("td p") is not None and table.css_first("th") is None


def _table_kind(table: Any) -> str:
    """A table's role as pydoc names it: its ``summary``, else its one class ('' else)."""
    attributes = table.attributes
    return (attributes.get("summary") or attributes.get("class") or "").strip().casefold()


def _first_row_cells(cell: Any) -> tuple[Any, list[Any]]:
    """The table a cell is in, and the cells of that table's first row when ``cell`` is in
    it (else none)."""
    row = cell.parent
    body = row.parent if row is not None else None
    table = body.parent if body is not None and body.tag in ("tbody", "thead") else body
    if row is None or table is None or table.tag != "table":
        return None, []
    first = table.css_first("tr")
    if first is None or first.mem_id != row.mem_id:
        return table, []
    return table, [c for c in row.iter(include_text=False) if c.tag in ("td", "th")]


def _banner(cell: Any) -> int:
    """The level of the heading a table cell is, as pydoc writes its headings (0: none).

    pydoc puts no ``h1``-``h6`` on a page: the module's name is the first cell of a
    'heading' table (1), each part ('Classes', 'Functions', 'Data') the first cell of a
    'section' table, in ``strong.bigsection`` or ``big > strong`` (2), and each class the
    first cell of a 'section' table of its own (3).
    """
    table, cells = _first_row_cells(cell)
    if not cells or cells[0].mem_id != cell.mem_id:
        return 0
    kind = _table_kind(table)
    if kind == "heading":
        return 1
    if kind != "section":
        return 0
    if cell.css_first("strong.bigsection, big > strong") is not None:
        return 2
    return 3 if cell.css_first("strong") is not None else 0


def _banner_links(cell: Any) -> bool:
    """Whether a cell is the links beside pydoc's title ('index', the module's file, its
    reference manual): the page's navigation."""
    table, cells = _first_row_cells(cell)
    return len(cells) > 1 and cells[0].mem_id != cell.mem_id and _table_kind(table) == "heading"


#: javadoc's summary grids (Java 16 on) by their class: how many columns each has.
_GRID_COLUMNS = {"two-column-summary": 2, "three-column-summary": 3, "four-column-summary": 4}


def _grid_columns(node: Any) -> int:
    """How many columns a ``div`` laid out as a table has (javadoc's 'summary-table'); 0 for
    a ``div`` that is none."""
    names = _class_names(node)
    if "summary-table" not in names:
        return 0
    return next((_GRID_COLUMNS[name] for name in names if name in _GRID_COLUMNS), 0)


def _only_badges(link: Any) -> bool:
    """Whether a link shows only status badges (its images are all badges)."""
    images = link.css("img")
    return bool(images) and all(is_badge(image.attributes.get("src") or "") for image in images)


def _doxygen_controls(node: Any, whole: set[str]) -> bool:
    """Whether a ``div`` is one of Doxygen's controls, not text: the '[detail level 1234]'
    buttons over a file tree, or the line over an include graph ('This graph shows which
    files …:'), which as text has no graph to show."""
    if "levels" in whole:
        return any(
            child.tag == "span" and "onclick" in child.attributes
            for child in node.iter(include_text=False)
        )
    if "dynheader" not in whole:
        return False
    after = _element_beside(node, "next")
    return after is not None and "dyncontent" in _class_names(after) and _image_only(after, 0)


def _image_only(node: Any, depth: int) -> bool:
    """Whether an element shows images alone (no text), looked for two levels down at most."""
    for child in node.iter(include_text=True):
        if child.tag == "-text":
            if (child.text_content or "").strip():
                return False
        elif child.tag in ("img", "map", "area", "-comment"):
            continue
        elif (
            depth >= 2
            or child.tag not in ("div", "p", "span", "a", "center")
            or not _image_only(child, depth + 1)
        ):
            return False
    return True


def _doxygen_row(row: Any) -> str:
    """'memitem' for a row of a Doxygen member list that declares a member ('struct' |
    'lzma_allocator'), 'memdesc' for the description row under it, '' for other rows."""
    if row is None or row.tag != "tr":
        return ""
    for name in _class_names(row):
        kind = name.partition(":")[0]
        if kind in ("memitem", "memdesc") and ":" in name:
            return kind
    return ""


def _element_beside(node: Any, side: str) -> Any:
    """The element just before (``side`` 'prev') or after ('next') a node, text aside."""
    beside = getattr(node, side)
    while beside is not None and beside.tag in ("-text", "-comment"):
        beside = getattr(beside, side)
    return beside


def _pdoc_member(node: Any) -> int:
    """The level of the heading a pdoc member's header (``div.attr``) is: 2 for a module's
    member (in its ``section``), 3 for a class's (in a ``div.classattr``); 0 for none."""
    if "attr" not in _class_names(node):
        return 0
    parent = node.parent
    if parent is None or not any(
        child.tag == "span" and "name" in _class_names(child)
        for child in node.iter(include_text=False)
    ):
        return 0
    if "classattr" in _class_names(parent):
        return 3
    return 2 if parent.tag == "section" and parent.attributes.get("id") else 0


def _source_toggle(node: Any) -> bool:
    """Whether an element is pdoc's 'View Source' button (a ``label`` for its toggle)."""
    return node.tag == "label" and "view-source-button" in _class_names(node)


def _toggled_source(node: Any) -> bool:
    """Whether an element is a member's source that pdoc shows only when its 'View Source'
    toggle (an ``input.view-source-toggle-state`` a few elements before it) is checked."""
    before = node
    for _ in range(4):  # pdoc writes: the toggle, the member's header, its permalink, this
        before = _element_beside(before, "prev")
        if before is None:
            return False
        if before.tag == "input" and "view-source-toggle-state" in _class_names(before):
            return True
    return False


def _after_contents(node: Any) -> bool:
    """Whether an element follows a Texinfo contents heading: the contents list it heads."""
    before = node.prev
    while before is not None and before.tag in ("-text", "-comment", "span"):
        before = before.prev  # blank text, and the anchor Texinfo puts before the heading
    return before is not None and bool(_classes(before)[1] & _BOILERPLATE_NAMES)


def _in_header(node: Any) -> bool:
    """Whether an element's parent is a page header (``div.header``, ``header``)."""
    parent = node.parent
    return parent is not None and (parent.tag == "header" or "header" in _classes(parent)[1])


def _sections_list(node: Any) -> bool:
    """Whether a list's every item is one ``section`` (or ``article``) with a heading."""
    items = [child for child in node.iter(include_text=False) if child.tag != "-comment"]
    for item in items:
        if item.tag != "li":
            return False
        inside = [child for child in item.iter(include_text=False) if child.tag != "-comment"]
        if len(inside) != 1 or inside[0].tag not in ("section", "article"):
            return False
        if inside[0].css_first("h1, h2, h3, h4, h5, h6") is None:
            return False
    return bool(items)


def _in_page_link(item: Any) -> str:
    """The text of a list item that is one link within the page (``#anchor``), else ''."""
    links = item.css("a")
    if len(links) != 1:
        return ""
    href = (links[0].attributes.get("href") or "").strip()
    text = " ".join(links[0].text(deep=True).split())
    if "#" not in href or href.endswith("#") or text != " ".join(item.text(deep=True).split()):
        return ""
    return text


def _code(node: Any) -> CodeBlock:
    """A ``pre`` block as a code block: its text verbatim (blank lines around it aside), with
    the language a class of it, of its ``code`` or of the two elements around it names (Sphinx
    writes ``div.highlight-python > div.highlight > pre``)."""
    body = node.text(deep=True).strip("\n").translate(_INVISIBLE)
    language = ""
    parent = node.parent
    around = (parent.parent, parent) if parent is not None else ()
    for element in (*around, node, node.css_first("code")):
        if element is None:
            continue
        for name in (element.attributes.get("class") or "").split():
            match = _LANGUAGE.match(name)
            if match and match.group(1).casefold() not in ("default", "none"):
                language = match.group(1)
    return CodeBlock(body, language)


def _span(value: str | None, most: int) -> int:
    """A ``colspan`` or ``rowspan`` as a number of cells: 1 when it is not a number."""
    value = (value or "").strip()
    return min(max(int(value), 1), most) if value.isdigit() else 1


def time_events(brief: Brief, marks: list[TimeMark]) -> list[TimelineEvent]:
    """A timeline event for each ``<time datetime>`` in the text: its sentence, on the date
    the ``datetime`` gives (a day, a month or a year), in the section that holds it."""
    from briefcli.importers.timeline import MAX_EVENT_CHARS, sentences
    from briefcli.model import TimelineEvent, parse_event_date

    events: list[TimelineEvent] = []
    parts = [(s.id, s.paragraphs) for s in brief.sections]
    parts += [(u.id, u.paragraphs) for s in brief.sections for u in s.subsections]
    for mark in marks:
        match = re.match(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:$|[T\s])", mark.date)
        if not match:
            continue
        date = "-".join(part for part in match.groups() if part)
        try:
            when = parse_event_date(date)
        except ValueError:
            continue
        found = next(
            ((sid, p) for sid, paragraphs in parts for p in paragraphs if mark.text in p), None
        )
        if found is None:
            continue
        section_id, paragraph = found
        sentence = next((s for s in sentences(paragraph) if mark.text in s), paragraph)
        sentence = " ".join(sentence.split())
        if len(sentence) > MAX_EVENT_CHARS:
            at = max(0, sentence.find(mark.text) - MAX_EVENT_CHARS // 2)
            sentence = sentence[at : at + MAX_EVENT_CHARS].strip()
        events.append(TimelineEvent(when, sentence, (section_id,), "report"))
    return events
