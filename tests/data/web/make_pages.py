"""HTML and PDF renderings of real documents, for the web and PDF importers' tests and measures.

    python tests/data/web/make_pages.py OUT_DIR     # writes every rendering into OUT_DIR

Nothing generated is committed: the tests build what they need once per session (conftest), and
``tests/data/corpus/measure_web.py`` builds the rest. The documents are the shipped report (its
brief, as imported from its text) and the Markdown documents of the import corpus.

- HTML: the document inside a realistic page: a cookie banner, a skip link, a top navigation
  bar, a sidebar with the page's contents, related links and a newsletter form, a breadcrumb,
  share links, a footer, scripts, styles, a ``javascript:`` link and a ``data:`` image. Two
  page templates: one with HTML5 landmarks (``nav``, ``aside``, ``main``, ``footer``) and one
  of plain ``div``s that only class names tell apart, as older sites are.
- PDF (reportlab, BSD; a test-only dependency): A4 pages, one or two columns, running headers
  and page numbers from page 2, words hyphenated at line ends, optional footnotes.

The words of the boilerplate are listed by :func:`boilerplate_text`, so that a measure can
check that none of them is left.
"""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
SHIPPED_SOURCE = REPO / "briefs" / "sources" / "nk-russia-troops-2025.txt"
CORPUS = REPO / "tests" / "data" / "corpus"
#: The corpus's Markdown documents, each rendered to a page and to a PDF.
MARKDOWN_DOCUMENTS = (
    "attrs-CHANGELOG.md",
    "attrs-examples.md",
    "man-db-NEWS.md",
    "markdown-it-py-CHANGELOG.md",
    "markdown-it-py-README.md",
    "polkit-NEWS.md",
    "systemd-UIDS-GIDS.md",
    "zstd-README.md",
)

# -- blocks: what a rendering lays out ---------------------------------------------------------


@dataclass
class Block:
    """One block of a document: a heading (level 1-6), a paragraph, a list item, code, a
    glossary entry or a table."""

    kind: str  # heading, para, item, code, term, table
    text: str
    level: int = 0
    #: A glossary entry's category; a table's rows.
    category: str = ""
    rows: list[list[str]] = field(default_factory=list)
    #: Footnotes this block refers to (their text), numbered on the page in turn.
    notes: list[str] = field(default_factory=list)


@dataclass
class Document:
    """A document to render: its title, the metadata line under it, and its blocks."""

    title: str
    blocks: list[Block]
    kind: str = ""
    date: str = ""  # YYYY-MM-DD
    publisher: str = ""


def shipped_report() -> Document:
    """The shipped report as its text import reads it: sections, subsections, glossary."""
    sys.path.insert(0, str(REPO / "src"))
    from briefcli.importers import import_report

    brief = import_report(SHIPPED_SOURCE.read_bytes(), SHIPPED_SOURCE.name)
    blocks: list[Block] = []
    for section in brief.sections:
        number = f"{section.id}. " if section.role != "conclusion" else ""
        blocks.append(Block("heading", f"{number}{section.title}", 2))
        blocks += [Block("para", p) for p in section.paragraphs]
        for sub in section.subsections:
            blocks.append(Block("heading", f"{sub.id}. {sub.title}", 3))
            blocks += [Block("para", p) for p in sub.paragraphs]
    if brief.glossary:
        blocks.append(Block("heading", "Glossary", 2))
        blocks += [Block("term", e.definition, 0, e.term + "\x00" + e.category) for e in brief.glossary]
    meta = brief.meta
    return Document(meta.title, blocks, meta.kind, meta.date, meta.publisher)


def markdown_document(path: Path) -> Document:
    """A Markdown document's blocks, as a reader of its rendering sees them."""
    from markdown_it import MarkdownIt

    text = path.read_text(encoding="utf-8")
    if text.startswith("---\n") and "\n---\n" in text[4:]:
        text = text[text.index("\n---\n", 4) + 5 :]
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(text)
    blocks: list[Block] = []
    depth = 0
    ordered: list[int] = []
    starts_item = False
    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            blocks.append(Block("heading", _inline(tokens[index + 1]), int(token.tag[1])))
            index += 3
            continue
        if kind == "paragraph_open":
            body = _inline(tokens[index + 1])
            if depth and not starts_item:
                blocks.append(Block("para", body, depth))
            elif depth:
                starts_item = False
                marker = f"{ordered[-1]}." if ordered[-1] else "•"
                if ordered[-1]:
                    ordered[-1] += 1
                blocks.append(Block("item", f"{marker} {body}", depth))
            elif body.strip():
                blocks.append(Block("para", body))
            index += 3
            continue
        if kind in ("bullet_list_open", "ordered_list_open"):
            depth += 1
            ordered.append(int(token.attrGet("start") or 1) if kind == "ordered_list_open" else 0)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            ordered.pop()
        elif kind == "list_item_open":
            starts_item = True
        elif kind in ("fence", "code_block"):
            blocks.append(Block("code", token.content.rstrip("\n")))
        elif kind == "html_block":
            shown = html.unescape(re.sub(r"<[^>]+>", " ", token.content))
            if shown.strip():
                blocks.append(Block("para", " ".join(shown.split())))
        elif kind == "table_open":
            rows: list[list[str]] = []
            while tokens[index].type != "table_close":
                if tokens[index].type == "tr_open":
                    rows.append([])
                elif tokens[index].type == "inline":
                    rows[-1].append(_inline(tokens[index]))
                index += 1
            blocks.append(Block("table", "", rows=rows))
        index += 1
    title = next((b.text for b in blocks if b.kind == "heading"), path.stem)
    return Document(title, blocks)


def _inline(token: object) -> str:
    """An inline token's visible text: link and image targets gone, marks gone."""
    out = []
    for child in getattr(token, "children", None) or []:
        if child.type in ("text", "code_inline", "text_special"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type == "image":
            out.append("".join(c.content for c in child.children or []))
        elif child.type == "html_inline" and not child.content.startswith("<"):
            out.append(child.content)
    return " ".join("".join(out).split())


# -- HTML ----------------------------------------------------------------------------------------

_SEMANTIC = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} | {site}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">
<meta name="description" content="Analysis and reports from {site}.">
<link rel="stylesheet" href="/static/site.css">
<style>
body {{ font-family: system-ui, sans-serif; margin: 0; }}
.layout {{ display: flex; }} .sidebar {{ width: 18em; }} .cookie-banner {{ position: fixed; }}
</style>
<script>window.dataLayer = window.dataLayer || []; function gtag() {{ dataLayer.push(arguments); }}
gtag('js', new Date()); gtag('config', 'G-TRACKER');</script>
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "Article"}}</script>
</head>
<body>
<noscript>Your browser does not support JavaScript!</noscript>
<a class="skip-link" href="#content">Skip to main content</a>
<div id="cookie-consent" class="cookie-banner" role="dialog" aria-label="Cookie consent">
<p>We use cookies and similar technologies to personalise content and measure our audience.
By clicking accept you consent to this use.</p>
<button type="button">Accept all cookies</button> <button type="button">Manage preferences</button>
<a href="/privacy">Privacy policy</a>
</div>
<header class="site-header">
<a class="logo" href="/"><img src="data:image/png;base64,iVBORw0KGgo=" alt="{site} home"></a>
<nav class="top-nav" aria-label="Main">
<ul><li><a href="/">Home</a></li><li><a href="/reports">Reports</a></li>
<li><a href="/topics">Topics</a></li><li><a href="/pricing">Pricing</a></li>
<li><a href="javascript:void(0)" onclick="openLogin()">Sign in</a></li></ul>
</nav>
<form class="search" role="search" action="/search"><input type="search" name="q"
placeholder="Search reports"><button>Search</button></form>
</header>
<div class="layout">
<aside class="sidebar" id="sidebar">
<nav aria-label="On this page"><h2>On this page</h2><ol class="toc">{toc}</ol></nav>
<section class="related"><h2>Related reports</h2>
<ul><li><a href="/r/arctic">Sanctions and the Arctic shipping lanes</a></li>
<li><a href="/r/chips">Semiconductor supply chains after the export controls</a></li>
<li><a href="/r/grain">Black Sea grain corridor: a retrospective</a></li></ul></section>
<div class="newsletter"><h3>Stay informed</h3><p>Subscribe to our weekly newsletter for
the latest analysis, delivered every Monday.</p><input type="email"
placeholder="you@example.com"><button>Subscribe</button></div>
</aside>
<main id="content">
<nav class="breadcrumb" aria-label="Breadcrumb"><a href="/">Home</a> › <a href="/reports">Reports</a>
› <span>Current report</span></nav>
<article class="report">
{article}
<div class="share-buttons"><span>Share this page:</span>
<a href="https://twitter.com/intent/tweet?url=x">Tweet</a>
<a href="https://www.facebook.com/sharer/sharer.php?u=x">Facebook</a>
<a href="mailto:?subject=Read%20this">Email</a></div>
</article>
</main>
</div>
<footer class="site-footer">
<p>© 2025 {site} Incorporated. All rights reserved.</p>
<ul><li><a href="/terms">Terms of service</a></li><li><a href="/privacy">Privacy</a></li>
<li><a href="/contact">Contact us</a></li><li><a href="/careers">Careers</a></li></ul>
<p>Made with care in Seoul and Lisbon.</p>
</footer>
<script src="/static/app.js"></script>
<script>document.querySelector('#cookie-consent button').onclick = function () {{
  document.cookie = 'consent=1'; }};</script>
</body>
</html>
"""

_DIVS = """<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{title} - {site}</title>
<style type="text/css">#wrapper {{ width: 960px; }} #leftcol {{ float: left; }}</style>
<script type="text/javascript">var _paq = _paq || []; _paq.push(['trackPageView']);</script>
</head>
<body>
<div id="cookie-notice" class="cookie-notice"><p>This website uses cookies to ensure you get the
best experience. <a href="/cookies">Learn more</a></p><a href="#" class="btn">Got it!</a></div>
<div id="wrapper">
<div id="header"><div class="logo"><a href="/">{site}</a></div>
<div id="menu" class="menu"><a href="/">Home</a> | <a href="/reports">Reports</a> |
<a href="/archive">Archive</a> | <a href="/about">About</a> | <a href="javascript:login()">Log in</a></div>
</div>
<div id="leftcol" class="sidebar-left">
<div class="widget toc"><div class="widget-title">Contents</div><ul>{toc}</ul></div>
<div class="widget"><div class="widget-title">Popular</div><ul>
<li><a href="/p/1">Ten charts on shipping rates</a></li>
<li><a href="/p/2">What the election means for trade</a></li></ul></div>
<div class="widget ad"><a href="https://ads.example.com/click"><img src="/ad.gif" alt=""></a>
<p>Advertisement</p></div>
</div>
<div id="maincol" class="content">
<div class="post">
{article}
</div>
<div class="post-tags">Tags: <a href="/t/policy">policy</a>, <a href="/t/analysis">analysis</a></div>
<div id="comments" class="comments"><h3>Leave a comment</h3><p>You must be logged in to post a
comment.</p></div>
</div>
<div id="footer" class="footer"><p>Copyright © 2025 {site}. Powered by WordPress. Theme by
Acme Themes.</p><p><a href="/sitemap">Sitemap</a> · <a href="/rss">RSS feed</a></p></div>
</div>
<script type="text/javascript" src="/js/jquery.min.js"></script>
</body>
</html>
"""

TEMPLATES = {"semantic": _SEMANTIC, "divs": _DIVS}


def boilerplate_text(template: str = "semantic", site: str = "goover") -> str:
    """The words of a page template alone (no article, no contents): what must be dropped."""
    page = TEMPLATES[template].format(title="", site=site, toc="", article="")
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def page_html(doc: Document, template: str = "semantic", site: str = "goover") -> str:
    """The document as a web page in one of :data:`TEMPLATES`."""
    e = html.escape
    article: list[str] = [f"<h1>{e(doc.title)}</h1>"]
    if doc.kind or doc.date:
        article.append(
            f'<p class="report-meta"><span class="kind">{e(doc.kind)}</span> '
            f'<time datetime="{doc.date}">{_long_date(doc.date)}</time></p>'
        )
    if doc.publisher:
        article.append(f'<p class="publisher">{e(doc.publisher)}</p>')
    toc: list[str] = []
    terms: list[str] = []
    items: list[tuple[int, str]] = []

    def close_items() -> None:
        depth = 0
        for level, text in items:
            while depth < level:
                article.append("<ul>")
                depth += 1
            while depth > level:
                article.append("</ul>")
                depth -= 1
            article.append(text)
        article.extend(["</ul>"] * depth)
        items.clear()

    first_heading = True
    for block in doc.blocks:
        if block.kind != "item" and items:
            close_items()
        if block.kind != "term" and terms:
            article.append('<dl class="glossary">' + "".join(terms) + "</dl>")
            terms.clear()
        if block.kind == "heading":
            if first_heading and block.level == 1 and block.text == doc.title:
                first_heading = False
                continue  # the page's h1 already
            first_heading = False
            slug = re.sub(r"\W+", "-", block.text.casefold()).strip("-")
            level = max(2, block.level)
            article.append(f'<h{level} id="{slug}">{e(block.text)}</h{level}>')
            if level <= 3:
                toc.append(f'<li><a href="#{slug}">{e(block.text)}</a></li>')
        elif block.kind == "para":
            article.append(f"<p>{_linked(block.text)}</p>")
        elif block.kind == "item":
            text = re.sub(r"^(?:•|\d+\.) ", "", block.text)
            items.append((block.level or 1, f"<li>{_linked(text)}</li>"))
        elif block.kind == "code":
            article.append(f"<pre><code>{e(block.text)}</code></pre>")
        elif block.kind == "term":
            term, category = block.category.split("\x00")
            terms.append(
                f'<dt>{e(term)} <span class="category">{e(category)}</span></dt>'
                f"<dd>{e(block.text)}</dd>"
            )
        elif block.kind == "table":
            rows = []
            for number, row in enumerate(block.rows):
                cell = "th" if number == 0 else "td"
                rows.append("<tr>" + "".join(f"<{cell}>{e(c)}</{cell}>" for c in row) + "</tr>")
            article.append("<table>" + "".join(rows) + "</table>")
    if items:
        close_items()
    if terms:
        article.append('<dl class="glossary">' + "".join(terms) + "</dl>")
    return TEMPLATES[template].format(
        title=e(doc.title), site=site, toc="".join(toc), article="\n".join(article)
    )


def _linked(text: str) -> str:
    """Escaped text; a URL in it becomes a link (as a page shows it: the URL is the text)."""
    out = []
    for part in re.split(r"(https?://[^\s<>\"')\]]+)", text):
        if part.startswith(("http://", "https://")):
            out.append(f'<a href="{html.escape(part)}">{html.escape(part)}</a>')
        else:
            out.append(html.escape(part))
    return "".join(out)


def _long_date(date: str) -> str:
    import datetime

    if not re.fullmatch(r"\d{4}-\d\d-\d\d", date):
        return date
    day = datetime.date.fromisoformat(date)
    return f"{day:%B} {day.day}, {day.year}"


# -- PDF -------------------------------------------------------------------------------------------

PAGE_WIDTH, PAGE_HEIGHT = 595.0, 842.0  # A4, in points
MARGIN = 56.0
GUTTER = 20.0


def _fonts() -> tuple[str, str, str]:
    """Regular, bold and monospaced font names, registered with reportlab (TrueType, so that
    the PDF carries a map back to Unicode, as real reports' PDFs do)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "Body" in pdfmetrics.getRegisteredFontNames():
        return "Body", "Body-Bold", "Mono"
    dejavu = Path("/usr/share/fonts/truetype/dejavu")
    if (dejavu / "DejaVuSans.ttf").exists():
        files = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansMono.ttf")
        paths = [dejavu / name for name in files]
    else:  # reportlab's own Bitstream Vera
        import reportlab

        fonts = Path(reportlab.__file__).parent / "fonts"
        paths = [fonts / "Vera.ttf", fonts / "VeraBd.ttf", fonts / "Vera.ttf"]
    for name, path in zip(("Body", "Body-Bold", "Mono"), paths, strict=True):
        pdfmetrics.registerFont(TTFont(name, str(path)))
    return "Body", "Body-Bold", "Mono"


@dataclass
class _Style:
    font: str
    size: float
    leading: float
    before: float
    after: float


class PdfWriter:
    """A small typesetter on reportlab's canvas: columns, running heads, page numbers,
    hyphenation at line ends and footnotes, so that the importer meets what reports do."""

    def __init__(
        self,
        path: Path,
        title: str,
        *,
        columns: int = 2,
        running_head: str = "",
        hyphenate: bool = True,
        encrypt: str | None = None,
    ) -> None:
        from reportlab.pdfgen.canvas import Canvas

        self.regular, self.bold, self.mono = _fonts()
        self.canvas = Canvas(str(path), pagesize=(PAGE_WIDTH, PAGE_HEIGHT), encrypt=encrypt)
        self.canvas.setTitle(title)
        self.columns = columns
        self.head = running_head
        self.hyphenate = hyphenate
        self.page = 1
        self.column = 0
        self.width = (PAGE_WIDTH - 2 * MARGIN - GUTTER * (columns - 1)) / columns
        self.top = PAGE_HEIGHT - MARGIN
        self.bottom = MARGIN + 20
        self.y = self.top
        self.notes: list[str] = []  # this page's footnotes
        self.note_number = 0
        self.styles = {
            "title": _Style(self.bold, 19, 23, 0, 8),
            "meta": _Style(self.regular, 10.5, 14, 0, 2),
            1: _Style(self.bold, 15, 18, 12, 5),
            2: _Style(self.bold, 13, 16, 10, 4),
            3: _Style(self.bold, 11, 14, 8, 3),
            4: _Style(self.bold, 10, 13, 6, 2),
            "para": _Style(self.regular, 9.5, 12.5, 0, 5),
            "code": _Style(self.mono, 8, 10, 2, 6),
            "note": _Style(self.regular, 7.5, 9, 0, 1),
        }

    # pages and columns

    def _x(self) -> float:
        return MARGIN + self.column * (self.width + GUTTER)

    def _need(self, height: float) -> None:
        if self.y - height >= self.bottom + self._notes_height():
            return
        if self.column + 1 < self.columns:
            self.column += 1
            self.y = self.top
        else:
            self.new_page()

    def new_page(self) -> None:
        self._finish_page()
        self.canvas.showPage()
        self.page += 1
        self.column = 0
        self.top = PAGE_HEIGHT - MARGIN
        self.y = self.top

    def _finish_page(self) -> None:
        c = self.canvas
        if self.notes:
            style = self.styles["note"]
            y = self.bottom + self._notes_height() - 4
            c.line(MARGIN, y + 2, MARGIN + 120, y + 2)
            for note in self.notes:
                lines = self._wrap(note, style, PAGE_WIDTH - 2 * MARGIN)
                for line in lines:
                    y -= style.leading
                    c.setFont(style.font, style.size)
                    c.drawString(MARGIN, y, line)
            self.notes = []
        if self.page > 1:
            c.setFont(self.regular, 8)
            if self.head:
                c.drawString(MARGIN, PAGE_HEIGHT - 34, self.head)
                c.line(MARGIN, PAGE_HEIGHT - 38, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 38)
            c.drawCentredString(PAGE_WIDTH / 2, 30, f"Page {self.page}")

    def _notes_height(self) -> float:
        if not self.notes:
            return 0.0
        style = self.styles["note"]
        lines = sum(len(self._wrap(n, style, PAGE_WIDTH - 2 * MARGIN)) for n in self.notes)
        return lines * style.leading + 10

    # text

    def _wrap(self, text: str, style: _Style, width: float) -> list[str]:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        def fits(line: str) -> bool:
            return stringWidth(line, style.font, style.size) <= width

        lines: list[str] = []
        line = ""
        for word in text.split():
            candidate = f"{line} {word}" if line else word
            if fits(candidate):
                line = candidate
                continue
            if self.hyphenate and line and style.font != self.mono and re.fullmatch(r"[a-z]{7,}", word):
                cut = next(
                    (k for k in range(len(word) - 3, 2, -1) if fits(f"{line} {word[:k]}-")), 0
                )
                if cut:
                    lines.append(f"{line} {word[:cut]}-")
                    line = word[cut:]
                    continue
            if line:
                lines.append(line)
            while not fits(word) and len(word) > 1:  # a URL longer than the line: cut it
                cut = next(k for k in range(len(word) - 1, 0, -1) if fits(word[:k]) or k == 1)
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        if line:
            lines.append(line)
        return lines

    def _draw_lines(self, lines: Iterable[str], style: _Style, indent: float = 0) -> None:
        for line in lines:
            self._need(style.leading)
            self.y -= style.leading
            self.canvas.setFont(style.font, style.size)
            self.canvas.drawString(self._x() + indent, self.y, line)

    def title(self, doc: Document) -> None:
        """The title and metadata lines across the page's full width, above the columns."""
        style = self.styles["title"]
        for line in self._wrap(doc.title, style, PAGE_WIDTH - 2 * MARGIN):
            self.y -= style.leading
            self.canvas.setFont(style.font, style.size)
            self.canvas.drawString(MARGIN, self.y, line)
        meta = self.styles["meta"]
        for line in (f"{doc.kind} {_long_date(doc.date)}".strip(), doc.publisher):
            if line:
                self.y -= meta.leading
                self.canvas.setFont(meta.font, meta.size)
                self.canvas.drawString(MARGIN, self.y, line)
        self.y -= 14
        self.top = self.y

    def block(self, block: Block) -> None:
        """Lay out one block where the text has got to."""
        if block.kind == "heading":
            style = self.styles[min(max(block.level, 1), 4)]
            self.y -= style.before
            self.hyphenate, hyphenate = False, self.hyphenate
            lines = self._wrap(block.text, style, self.width)
            self.hyphenate = hyphenate
            self._need(style.leading * (len(lines) + 2))  # a heading never ends a column
            self._draw_lines(lines, style)
            self.y -= style.after
            return
        if block.kind == "code":
            style = self.styles["code"]
            self.y -= style.before
            lines = []
            chars = int(self.width / (style.size * 0.61))
            for raw in block.text.split("\n"):
                lines += [raw[i : i + chars] for i in range(0, max(len(raw), 1), chars)]
            self._draw_lines(lines, style, 6)
            self.y -= style.after
            return
        style = self.styles["para"]
        text = block.text
        indent = 0.0
        if block.kind == "term":
            term, category = block.category.split("\x00")
            text = f"{term} [{category}]: {block.text}"
        elif block.kind == "item":
            indent = 10.0 * max(block.level, 1)
        elif block.kind == "table":
            text = ""
            for row in block.rows:
                self._draw_lines(self._wrap(" | ".join(row), style, self.width), style)
            self.y -= style.after
            return
        for note in block.notes:
            self.note_number += 1
            self.notes.append(f"{self.note_number} {note}")
        lines = self._wrap(text, style, self.width - indent)
        for number, line in enumerate(lines):
            self._need(style.leading)
            self.y -= style.leading
            self.canvas.setFont(style.font, style.size)
            self.canvas.drawString(self._x() + indent, self.y, line)
            if block.notes and number == len(lines) - 1:
                from reportlab.pdfbase.pdfmetrics import stringWidth

                end = self._x() + indent + stringWidth(line, style.font, style.size)
                self.canvas.setFont(style.font, 6)
                first = self.note_number - len(block.notes) + 1
                marks = ",".join(str(n) for n in range(first, self.note_number + 1))
                self.canvas.drawString(end + 0.5, self.y + 3.5, marks)
        self.y -= style.after

    def save(self) -> None:
        self._finish_page()
        self.canvas.save()


def write_pdf(
    doc: Document,
    path: Path,
    *,
    columns: int = 2,
    running_head: str | None = None,
    repeat: int = 1,
    encrypt: str | None = None,
) -> Path:
    """The document as a PDF: the title across the top, the blocks in ``columns``; ``repeat``
    lays the blocks out that many times (for a long PDF)."""
    head = doc.title if running_head is None else running_head
    writer = PdfWriter(path, doc.title, columns=columns, running_head=head, encrypt=encrypt)
    writer.title(doc)
    blocks = doc.blocks
    if blocks and blocks[0].kind == "heading" and blocks[0].text == doc.title:
        blocks = blocks[1:]  # the title, set above already
    for _ in range(repeat):
        for block in blocks:
            writer.block(block)
    writer.save()
    return path


def footnoted() -> Document:
    """A short one-column paper with footnotes, a numbered list and hyphenated words."""
    body = (
        "Shipping through the northern passage grew steadily over the decade, and the "
        "authorities responded with new inspection regimes, icebreaker escorts and "
        "considerably stricter environmental requirements for every vessel. "
    )
    blocks = [
        Block("heading", "1. Introduction", 2),
        Block("para", body * 3, notes=["Figures from the harbour authority's annual statistics."]),
        Block("para", body * 2),
        Block("heading", "2. Findings", 2),
        Block("para", body * 2, notes=["Counted by hand from the port's logbooks, 2019 to 2023."]),
        Block("heading", "2.1. Traffic", 3),
        Block("para", body * 4),
        Block("heading", "3. Conclusion", 2),
        Block("para", body),
    ]
    return Document("Northern Passage Traffic Review", blocks, "Working Paper", "2024-03-01", "Harbour Institute")


def scanned_pdf(path: Path) -> Path:
    """A PDF of an image only (a scan): no text layer."""
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=(PAGE_WIDTH, PAGE_HEIGHT))
    for _ in range(2):
        for row in range(40):
            canvas.rect(MARGIN, 760 - row * 16, 300 + (row * 37) % 180, 9, fill=1, stroke=0)
        canvas.showPage()
    canvas.save()
    return path


def build(out: Path, names: Sequence[str] = MARKDOWN_DOCUMENTS) -> list[Path]:
    """Every rendering into ``out``: report.html, report.pdf, and a page and a PDF per corpus
    document (alternating the two page templates)."""
    out.mkdir(parents=True, exist_ok=True)
    report = shipped_report()
    written = [out / "report.html", out / "report-divs.html"]
    written[0].write_text(page_html(report, "semantic"), encoding="utf-8")
    written[1].write_text(page_html(report, "divs"), encoding="utf-8")
    written.append(write_pdf(report, out / "report.pdf", running_head="goover · " + report.title))
    for number, name in enumerate(names):
        doc = markdown_document(CORPUS / name)
        template = "semantic" if number % 2 == 0 else "divs"
        page = out / f"{Path(name).stem}.html"
        page.write_text(page_html(doc, template, site="docs.example"), encoding="utf-8")
        written += [page, write_pdf(doc, out / f"{Path(name).stem}.pdf", columns=1 + number % 2)]
    return written


if __name__ == "__main__":
    for path in build(Path(sys.argv[1] if len(sys.argv) > 1 else "web-out")):
        print(path, path.stat().st_size)
