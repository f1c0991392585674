"""Rendered documents (a web page, a PDF) → a brief: the steps the HTML and PDF readers share.

Each reader turns its input into the same flat run of headings and paragraphs the Markdown
reader makes (:mod:`briefcli.importers.draft`); this module makes the brief of it by the same
rules: the two-level rule for sections, the document's own numbers as ids, a 'Glossary'
section of 'Term [Category]: definition' items as the glossary, a 'Sources' or 'References'
section as the brief's sources, and a goover-style 'General Report <date>' line under the
title as the kind and date.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from briefcli.importers import NotAReport
from briefcli.importers.draft import (
    SOURCES_TITLES,
    Draft,
    Heading,
    Item,
    assemble,
    first_heading_title,
    give_roles,
    headingless,
    listed_headings,
    number,
)
from briefcli.importers.naming import brief_id
from briefcli.importers.text import clean, is_banner
from briefcli.model import Brief, Metadata, Source

#: Longest line read as the publisher under a report line ('goover').
_PUBLISHER_CHARS = 60


class PageMeta(NamedTuple):
    """What a document says about itself outside its text (HTML meta tags, PDF info)."""

    title: str = ""
    date: str = ""
    publisher: str = ""
    kind: str = ""


#: Titles that programs write when the author gave none: into a PDF's metadata (reportlab's
#: '(anonymous)', PowerPoint's), or a page's <title> (an editor's boilerplate 'Document',
#: Dreamweaver's 'Untitled Document', create-react-app's 'React App').
_PLACEHOLDERS = frozenset(
    ("(anonymous)", "anonymous", "untitled", "untitled document", "untitled page", "no title",
     "title", "page title", "document", "new page", "new document", "powerpoint presentation",
     "slide 1", "presentation", "react app", "vite app", "home", "index")
)  # fmt: skip
#: File names as titles ('report.docx', 'Microsoft Word - report.doc', 'main.dvi').
_FILE_TITLE = re.compile(
    r"(?i)^microsoft (?:word|powerpoint|excel) - |^document\d*$"
    r"|\.(?:docx?|dvi|tex|pdf|ps|rtf|odt|indd|qxd|pptx?|xlsx?|html?)$"
)


def placeholder_title(title: str) -> bool:
    """Whether a document's own title (a PDF's metadata, a page's ``<title>``) is one a
    program wrote, not the report's ('(anonymous)', 'Microsoft Word - draft.docx', 'Untitled
    Document', a file name): the first heading is the title then."""
    return title.casefold().strip() in _PLACEHOLDERS or _FILE_TITLE.search(title) is not None


def build(
    items: list[Item],
    *,
    name: str,
    source: str,
    title: str | None,
    meta: PageMeta,
    title_heading: bool = True,
    contents: Mapping[int, str] | None = None,
) -> tuple[Brief, list[Draft]]:
    """The brief (without timeline) and its drafts, from a document's headings and paragraphs.

    ``title_heading``: the first heading is the title when it is the only one at the top
    level (a page's ``h1``). A document's own title (``meta.title``) is used when no heading
    is one; ``title`` (``--title``) replaces both (the caller applies it). ``contents``: the
    items that are entries of a contents list, index → title (see ``draft.listed_headings``).
    """
    items = listed_headings(items, contents or {})
    items = [item for item in items if not isinstance(item, str) or not is_banner(item)]
    if not any(isinstance(item, Heading) for item in items):
        if not any(isinstance(item, str) and item.strip() for item in items):
            raise NotAReport(f"{name}: the document holds no text")
        refusal = (
            f"{name}: no headings found: brief needs a report with sections "
            "(h1-h6 in a page; larger or bold lines in a PDF)"
        )
        items = headingless(items, meta.title, name=name, refusal=refusal)
    kind, date, publisher, items = _report_line(items, meta)
    drafts = assemble(items, prelude_title="Introduction", title_heading=title_heading)
    found_title = _title(items, meta, title_heading, name)
    from briefcli.importers.markdown_source import _glossary

    drafts, glossary = _glossary(drafts)
    drafts, sources = _sources(drafts)
    if not drafts or all(d.empty() for d in drafts):
        raise NotAReport(f"{name}: the sections hold no text")
    number(drafts)
    give_roles(drafts)
    shown = title or found_title or "Untitled report"
    metadata = Metadata(brief_id(shown, name), shown, kind, date, publisher, source)
    brief = Brief(
        metadata, tuple(d.section() for d in drafts), tuple(glossary), sources=tuple(sources)
    )
    return brief, drafts


def _title(items: list[Item], meta: PageMeta, title_heading: bool, name: str) -> str:
    """The first heading when :func:`assemble` took it as the title, else the document's own,
    else :func:`draft.first_heading_title`."""
    headings = [item for item in items if isinstance(item, Heading)]
    top = min(h.level for h in headings)
    single = [h.level for h in headings].count(top) == 1 and headings[0].level == top
    if title_heading and single:
        return headings[0].title
    return meta.title or first_heading_title(headings, name)


def _report_line(items: list[Item], meta: PageMeta) -> tuple[str, str, str, list[Item]]:
    """Kind, date and publisher: from a 'General Report February 28, 2025' paragraph under
    the title (and a short publisher line after it), which then leave the text; else from
    the document's metadata."""
    kind, date, publisher = meta.kind, meta.date, meta.publisher
    first = next((i for i, item in enumerate(items) if isinstance(item, Heading)), 0)
    for index in range(first + 1, min(first + 3, len(items))):
        item = items[index]
        if isinstance(item, Heading):
            break
        words = item.split()
        # The report line, and a publisher after it on the same line when a PDF's lines
        # were read as one paragraph ('General Report February 28, 2025 goover').
        for end in range(len(words), max(len(words) - 4, 1), -1):
            if found := _kind_and_date(" ".join(words[:end])):
                break
        else:
            continue
        kind, date = found
        drop = [index]
        rest = " ".join(words[end:])
        after = items[index + 1] if index + 1 < len(items) else None
        if not rest and isinstance(after, str):
            rest = after.strip()
            drop.append(index + 1)
        if (
            rest
            and len(rest) <= _PUBLISHER_CHARS
            and not re.match(r"^[\d\-•*]", rest)
            and not rest.rstrip().endswith((".", ":"))
        ):
            publisher = clean(rest)
        elif len(drop) > 1:
            drop.pop()
        elif rest:
            continue  # more text after the date: a paragraph, not a report line
        items = [item for i, item in enumerate(items) if i not in drop]
        break
    return kind, date, publisher, items


def _kind_and_date(line: str) -> tuple[str, str] | None:
    """('General Report', '2025-02-28') for 'General Report February 28, 2025'; likewise
    'Working Paper March 1, 2024' (one to four capitalised words, then a day or a month)."""
    from briefcli.importers.timeline import written_date

    words = line.split()
    for count in range(1, min(4, len(words) - 1) + 1):
        kind = words[:count]
        if not all(word[:1].isupper() for word in kind):
            break
        date = written_date(" ".join(words[count:]))
        if date is not None and len(date) >= 7:
            return " ".join(kind), date
    return None


def _sources(drafts: list[Draft]) -> tuple[list[Draft], list[Source]]:
    """A section titled 'Sources', 'References', 'Source Documents' or 'Bibliography' (with
    no subsections) → the brief's sources, one per paragraph; an empty one is dropped."""
    from briefcli.importers.plain_text import _source

    found = next(
        (d for d in drafts if d.title.casefold().rstrip(":") in SOURCES_TITLES and not d.subs), None
    )
    if found is None:
        return drafts, []
    sources = [_source(re.sub(r"^(?:- |\d{1,4}\. )", "", p)) for p in found.paras]
    return [d for d in drafts if d is not found], sources
