"""One self-contained, printable HTML page of a whole brief: no scripts, nothing external."""

from __future__ import annotations

from html import escape

from briefcli import __version__
from briefcli.render import document
from briefcli.render.document import (
    Block,
    Bullets,
    Code,
    Definition,
    Heading,
    Paragraph,
    ReportTable,
    Table,
)
from briefcli.render.text import heading_text
from briefcli.sanitize import sanitize
from briefcli.views import ExportView, View

# Nothing may load or run: the policy holds even if a brief's text were to slip past escaping.
_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

_STYLE = """
:root { color-scheme: light; }
body { font: 17px/1.55 Georgia, "Times New Roman", serif; color: #1a1a1a; background: #fff;
  max-width: 46em; margin: 2em auto; padding: 0 1.25em; }
h1 { font-size: 1.9em; line-height: 1.2; margin: 0 0 .4em; }
h2 { font-size: 1.4em; margin: 2em 0 .5em; border-bottom: 1px solid #ccc; padding-bottom: .2em; }
h3 { font-size: 1.15em; margin: 1.6em 0 .4em; }
h2, h3, dt, th { font-family: "Helvetica Neue", Arial, sans-serif; }
p { margin: 0 0 .9em; text-align: left; }
.num { color: #555; }
.muted { color: #555; font-size: .92em; }
.note, ul.note { font-style: italic; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1em;
  margin: 0 0 1.5em; font-size: .95em; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; }
nav { border: 1px solid #ddd; background: #fafafa; padding: .6em 1.2em; margin: 1.5em 0; }
nav h2 { margin: .3em 0 .5em; border: 0; font-size: 1.1em; }
nav ol { margin: 0; padding-left: 0; list-style: none; }
nav ol ol { padding-left: 1.4em; }
nav a { color: #0b4f8a; text-decoration: none; }
nav a:hover { text-decoration: underline; }
dl.glossary dt { font-weight: bold; margin-top: .9em; }
dl.glossary dd { margin: .2em 0 0 1.5em; }
dl.glossary .category { font-weight: normal; color: #555; font-style: italic; }
dl.glossary dd p { margin: 0 0 .3em; }
.extra { color: #555; font-size: .92em; }
table { border-collapse: collapse; width: 100%; font-size: .92em; margin: .5em 0 1em; }
th, td { border-bottom: 1px solid #ddd; padding: .35em .6em .35em 0; text-align: left;
  vertical-align: top; }
td.date { white-space: nowrap; }
footer { margin-top: 3em; border-top: 1px solid #ccc; padding-top: .6em; }
@media print {
  body { font-size: 11pt; max-width: none; margin: 0; }
  nav { break-after: page; background: none; }
  nav a { color: inherit; }
  h2, h3, dt { break-after: avoid; }
  tr, dd { break-inside: avoid; }
}
"""


def render(view: View) -> str:
    """The whole brief as one HTML document: metadata, contents with links, every part."""
    if not isinstance(view, ExportView):
        raise TypeError(f"no HTML for {type(view).__name__}")
    meta = view.brief.meta
    blocks = document.build(view).blocks
    # The document opens with the title and a line of metadata; the header shows those.
    first = next(
        (i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.level >= 1), len(blocks)
    )
    body = blocks[first:]
    fields = (
        ("Kind", meta.kind),
        ("Date", meta.date),
        ("Publisher", meta.publisher),
        ("Source", meta.source),
        ("Brief", meta.id),
    )
    meta_rows = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in fields if v)
    parts = [
        "<!DOCTYPE html>",
        "<html>",
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="brief {_e(__version__)}">',
        f"<title>{_e(meta.title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1{_dir(meta.title)}>{_e(meta.title)}</h1>",
        f'<dl class="meta">{meta_rows}</dl>' if meta_rows else "",
        "</header>",
        _contents(body),
        "<main>",
        *_blocks(body),
        "</main>",
        "<footer>",
        f'<p class="muted">Exported by brief {_e(__version__)}. Paragraphs, titles and the '
        "glossary are the report's words; key points, notes and timeline entries marked "
        f"[editor] are {_e(document.EDITOR_LABEL)}.</p>",
        "</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(part for part in parts if part) + "\n"


def _e(text: str) -> str:
    """Text made safe for HTML element content and attribute values."""
    return escape(sanitize(text), quote=True)


#: Letters written right to left: Hebrew, Arabic, Syriac, Thaana, N'Ko and their forms.
_RIGHT_TO_LEFT = "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]"


def _dir(text: str) -> str:
    """' dir="auto"' for an element whose text holds right-to-left letters, so that the
    browser sets an Arabic or Hebrew paragraph right to left (from its first letter), its
    full stop at its left end; nothing for any other."""
    if text.isascii():
        return ""
    import re  # the pattern is compiled once and cached by re

    return ' dir="auto"' if re.search(_RIGHT_TO_LEFT, text) else ""


def _contents(blocks: tuple[Block, ...]) -> str:
    """Nested list of links to every heading with an anchor: sections, then their parts."""
    entries = [
        (b.level >= 2, f'<a href="#{_e(b.anchor)}"{_dir(b.title)}>{_e(heading_text(b))}</a>')
        for b in blocks
        if isinstance(b, Heading) and b.anchor
    ]
    lines = ['<nav aria-labelledby="contents">', '<h2 id="contents">Contents</h2>', "<ol>"]
    parent_open = False
    for index, (nested, link) in enumerate(entries):
        next_nested = index + 1 < len(entries) and entries[index + 1][0]
        if nested and parent_open:
            lines.append(f"<li>{link}</li>")
            if not next_nested:
                lines.append("</ol></li>")
                parent_open = False
        elif next_nested:
            lines.append(f"<li>{link}\n<ol>")
            parent_open = True
        else:
            lines.append(f"<li>{link}</li>")
    lines += ["</ol>", "</nav>"]
    return "\n".join(lines)


def _blocks(blocks: tuple[Block, ...]) -> list[str]:
    out: list[str] = []
    definitions: list[str] = []
    for block in blocks:
        if isinstance(block, Definition):
            definitions.append(_definition(block))
            continue
        if definitions:
            out.append('<dl class="glossary">\n' + "\n".join(definitions) + "\n</dl>")
            definitions = []
        out.append(_block(block))
    if definitions:
        out.append('<dl class="glossary">\n' + "\n".join(definitions) + "\n</dl>")
    return out


def _class(role: str) -> str:
    return "" if role == "body" else f' class="{_e(role)}"'


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        tag = f"h{min(6, block.level + 1)}"
        anchor = f' id="{_e(block.anchor)}"' if block.anchor else ""
        number = f'<span class="num">{_e(block.number)}.</span> ' if block.number else ""
        return f"<{tag}{anchor}{_dir(block.title)}>{number}{_e(block.title)}</{tag}>"
    if isinstance(block, Paragraph):
        return f"<p{_class(block.role)}{_dir(block.text)}>{_e(block.text)}</p>"
    if isinstance(block, Bullets):
        items = "\n".join(f"<li{_dir(item)}>{_e(item)}</li>" for item in block.items)
        return f"<ul{_class(block.role)}>\n{items}\n</ul>"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Code):
        return _code(block)
    if isinstance(block, ReportTable):
        return _report_table(block)
    raise TypeError(f"cannot render {type(block).__name__} as HTML")


def _code(block: Code) -> str:
    """The code verbatim in ``pre``; its language (letters, digits, ``+-_.#``) as a class."""
    language = block.language_name()
    kind = f' class="language-{_e(language)}"' if language else ""
    return f"<pre><code{kind}>{_e(block.text.strip(chr(10)))}</code></pre>"


def _report_table(block: ReportTable) -> str:
    head = "".join(f"<th{_dir(cell)}>{_e(cell)}</th>" for cell in block.header)
    rows = "\n".join(
        "<tr>" + "".join(f"<td{_dir(cell)}>{_e(cell)}</td>" for cell in row) + "</tr>"
        for row in block.rows
    )
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>"


def _definition(block: Definition) -> str:
    extras = "".join(
        f'<p class="extra">{_e(label)}: {_e(value)}</p>' for label, value in block.extras
    )
    return (
        f'<dt{_dir(block.term)}>{_e(block.term)} <span class="category">'
        f"{_e(block.category)}</span></dt>\n"
        f"<dd><p{_dir(block.definition)}>{_e(block.definition)}</p>{extras}</dd>"
    )


def _table(block: Table) -> str:
    head = "".join(f"<th>{_e(c)}</th>" for c in block.columns)
    rows = []
    for row in block.rows:
        cells = "".join(
            f"<td{_class(role)}>{_e(cell)}</td>"
            for cell, role in zip(row, block.roles, strict=False)
        )
        rows.append(f"<tr>{cells}</tr>")
    body = "\n".join(rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"
