"""Plain-text reports → a brief: goover's 'General Report', RFC-like specs, licences, man pages,
changelogs and release notes.

The text may have passed through other tools: CRLF line ends, a byte order mark, no-break
spaces, tabs, any common bullet glyph, no banner, no table of contents, no blank lines between
paragraphs and trailing white space are all read the same way. Where the headings are is a
scored choice between heading schemes (:mod:`briefcli.importers.headings`).
"""

from __future__ import annotations

import re

from briefcli.importers import NotAReport, NoTitle
from briefcli.importers.draft import (
    CONCLUSION_TITLES,
    CONTENTS_TITLES,
    GLOSSARY_TITLES,
    SOURCES_TITLES,
    UNTITLED_LOG,
    Draft,
    Heading,
    Item,
    assemble,
    give_roles,
    headingless,
    name_title,
    number,
)
from briefcli.importers.headings import (
    UNDERLINE,
    Line,
    Scheme,
    choose,
    norm,
    starts_changelog,
)
from briefcli.importers.naming import brief_id, slug
from briefcli.importers.restructured import Inline
from briefcli.importers.restructured import looks_like as looks_like_restructured
from briefcli.importers.text import clean, is_banner, squeeze, tidy_line, unboxed
from briefcli.importers.timeline import DATE_WORDS, written_date
from briefcli.model import Brief, CodeBlock, GlossaryEntry, Metadata, Source

_BULLET = re.compile(r"^(?:[•·◦▪▫‣⁃●○■□►▸➤➢✓✔]\s*|[-*+–—]\s+)")
_REPORT_LINE = re.compile(r"^(?P<kind>(?:[A-Z][\w-]*\s+){0,4}Report)\s+(?P<date>\S.*)$")
_TERM = re.compile(
    r"^(?P<term>[^\[\]:]{1,120}?)\s*\[(?P<category>[^\[\]]{1,60})\]\s*:\s*(?P<definition>\S.*)$"
)
_PLAIN_TERM = re.compile(r"^(?P<term>[^:.;!?]{1,60}?)\s*:\s+(?P<definition>\S.*)$")
_URL = re.compile(r"https?://[^\s<>\"')\]]+")
#: reStructuredText markup a reader never sees: a comment, a link target (``.. _name:``) or a
#: directive (``.. topic:: Abstract``). Before the title it is never the title.
_RST_MARKUP = re.compile(r"^\.\.(?:\s|$)")
#: A reStructuredText directive whose indented body is code, not prose: ``.. code-block:: c``.
_CODE_DIRECTIVE = re.compile(
    r"^\.\.\s+(?:code-block|code|sourcecode|doctest|testcode|testsetup|testcleanup|testoutput|"
    r"parsed-literal|productionlist)::(?:\s+(?P<language>\S+))?"
)
#: A directive's option line (``:linenos:``, ``:caption: Example``), markup a reader never sees;
#: at the margin, a field (``:LastChangedDate: $LastChangedDate$`` above Twisted's manuals),
#: which before the title is never the title.
_DIRECTIVE_OPTION = re.compile(r"^:[\w-]+:(?:\s|$)")
#: Longest line read as a title; anything longer is a paragraph.
MAX_TITLE = 200
#: Lines at most this long (nine in ten of them) read as hard-wrapped text.
WRAP_WIDTH = 120
#: Category given to a glossary entry written 'Term: definition', without a [Category].
DEFAULT_CATEGORY = "General"


def looks_like(text: str, *, strong: bool) -> bool:
    """Whether ``text`` reads as a plain-text report.

    ``strong``: a goover 'General Report <date>' line or a table-of-contents heading near the
    top. Otherwise: a heading scheme finds at least two headings.
    """
    head = text.split("\n", 60)[:60]
    if strong:
        opening = next((line for raw in head if (line := tidy_line(raw))), "")
        return (
            any(
                (line := tidy_line(raw)).casefold() in CONTENTS_TITLES
                or _report_line(line) is not None
                for raw in head
            )
            or starts_changelog(opening)
            or _release_series(text)
        )
    return choose(_structure(_lines(text))[0]).name != ""


#: The line before a rule at the margin, the rule, and the line after it (see
#: :func:`_release_series`).
_RULE_AND_NEXT = re.compile(
    r"^([^\n]*)\n(([-=#*~_])\3{19,})[ \t]*\n(?:[ \t]*\n)*(\S[^\n]*)", re.MULTILINE
)


def _release_series(text: str) -> bool:
    """Whether rules divide ``text`` into like parts, as release notes are (bash's NEWS: a
    rule, then 'This is a terse description of …' each time): two or more rules that
    underline nothing, most of the lines after them (and the text's first line) opening with
    the same two words. A quick
    look, for telling plain text from Markdown, to which a rule under a line is a heading."""
    opening = next((line for line in text.split("\n", 20)[:20] if line.strip()), "")
    # The text's first line opens the first release (bash's NEWS) or is a header (MPFR's).
    openings: dict[str, int] = {" ".join(opening.casefold().split()[:2]): 1}
    found = 1
    for match in _RULE_AND_NEXT.finditer(text):
        if abs(len(match.group(1).strip()) - len(match.group(2))) <= 3:
            continue  # an underline: the heading of Markdown or reStructuredText
        found += 1
        key = " ".join(match.group(4).casefold().split()[:2])
        openings[key] = openings.get(key, 0) + 1
    most = max(openings.values(), default=0)
    return found >= 3 and most >= 2 and most * 2 >= found


def parse(
    text: str, *, name: str = "<report>", source: str = "", title: str | None = None
) -> tuple[Brief, list[Draft]]:
    """Parse plain text into a brief (the timeline is added by the caller) and its drafts.

    With ``title`` a report whose first line is not a title still parses.
    """
    lines, literals = _structure(_lines(text))
    del text  # the lines hold it all; the caller hands the text over (see importers._parse)
    if not any(lines) and not literals:
        raise NotAReport(f"{name}: the file holds no text")
    if (included := _markup_only(lines)) is not None:
        # Sphinx sources that only pull another file in (urllib3's docs/security.rst:
        # '.. include:: ../SECURITY.md'): the text is in that file.
        where = f": it includes {', '.join(included)}; import that file" if included else ""
        raise NotAReport(f"{name}: only reStructuredText directives, no text{where}")
    inline = _inline_markup(lines, name)
    labels = _section_labels(lines) if inline is not None else {}
    _unseen_markup(lines)
    first = _first_line(lines)
    scheme = choose(lines, title_at=first)
    if inline is not None:
        _label_sections(inline, labels, scheme)
        for heading in scheme.headings.values():
            heading.title = inline.text(heading.title, heading=True)
            heading.written = inline.text(heading.written, heading=True)
            heading.rest = inline.text(heading.rest)
    if not scheme.name:
        return _headingless(
            lines, scheme, literals, name=name, source=source, title=title, inline=inline
        )
    # A document that starts with a heading: unless it is numbered ('1. Summary', which is no
    # title), the first heading is the title, as in Markdown ('Overview of changes in …').
    headed = first in scheme.headings and scheme.name != "numbered" and not scheme.untitled
    kind = date = publisher = ""
    found_title = ""
    manual = None
    start = 0
    if scheme.untitled:
        found_title = name_title(name, UNTITLED_LOG)
    elif not headed:
        found_title, kind, date, publisher, start = _header(
            lines, name, title is not None, first in scheme.headings
        )
        manual = _manual_header(lines, first)
        if not (date or publisher) and (footer := _manual_footer(lines, first)) is not None:
            publisher, date = footer
        if inline is not None:
            found_title = inline.text(found_title, heading=True)
    body = _Body(lines, scheme, start, literals, inline)
    items = body.run()
    drafts = assemble(items, prelude_title="Introduction", title_heading=headed)
    if headed:
        found_title = next(i.title for i in items if isinstance(i, Heading))
    if not headed and not any(not d.prelude for d in drafts) and not body.glossary:
        raise NotAReport(f"{name}: no sections found: this does not look like a report")
    if all(draft.empty() for draft in drafts) and not body.glossary:
        raise NotAReport(f"{name}: the sections hold no text")
    drafts = _numbered_with_parts(drafts, scheme.parts)
    give_roles(drafts)
    own_id = ""
    if manual is not None and (named := _manual_title(drafts)):
        # A manual page: titled by its NAME line, named by its page ('grep'), of the kind its
        # header says ('User Commands').
        found_title, own_id = named, slug(manual["name"] or manual["bare"].split("(")[0])
        kind = kind or (manual["manual"] or "")
    title = title or found_title or "Untitled report"
    meta = Metadata(own_id or brief_id(title, name), title, kind, date, publisher, source)
    brief = Brief(
        meta,
        tuple(d.section() for d in drafts),
        tuple(body.glossary),
        sources=tuple(body.sources),
    )
    return brief, drafts


def _numbered_with_parts(drafts: list[Draft], parts: dict[int, int]) -> list[Draft]:
    """``drafts`` numbered, in order. A part over sections numbered on across the parts
    ('Part II — Findings' before '3. Outlook') is no section of that numbering: its id is
    'part-2', and the sections keep theirs."""
    if not parts:
        number(drafts)
        return drafts
    held = [d for d in drafts if d.prelude or d.line not in parts]
    number(held)
    taken = {d.id for d in held} | {sub.id for d in held for sub in d.subs}
    for draft in drafts:
        if draft.prelude or draft.line not in parts:
            continue
        draft.title = draft.written or draft.title
        draft.id = f"part-{parts[draft.line]}"
        while draft.id in taken:
            draft.id += "-part"
        taken.add(draft.id)
        for count, sub in enumerate(draft.subs, start=1):
            sub.title = sub.written or sub.title
            sub.id = f"{draft.id}-{count}"
            taken.add(sub.id)
    # The text before the first heading may have gone into a new prelude (a title page's
    # lines): it stays first, and everything else in reading order.
    rest = [d for d in drafts if not d.prelude and d.line in parts]
    rest += [d for d in held if not d.prelude]
    return [d for d in held if d.prelude] + sorted(rest, key=_line)


def _line(draft: Draft) -> int:
    return draft.line


def _headingless(
    lines: list[Line | None],
    scheme: Scheme,
    literals: dict[int, CodeBlock],
    *,
    name: str,
    source: str,
    title: str | None,
    inline: Inline | None,
) -> tuple[Brief, list[Draft]]:
    """A text without headings as one section (see :func:`draft.headingless`), or refused."""
    body = _Body(lines, scheme, 0, literals, inline)
    items = body.run()
    refusal = (
        f"{name}: no report structure found: expected numbered sections ('1. Summary', "
        "'2.1 Scope'), underlined or capitalised headings, or Markdown headings in a .md file"
    )
    if not any(isinstance(item, Heading) for item in items):
        items = headingless(items, title or "", name=name, refusal=refusal)
    drafts = assemble(items, prelude_title="Introduction", title_heading=True)
    if all(draft.empty() for draft in drafts) and not body.glossary:
        raise NotAReport(refusal)
    number(drafts)
    give_roles(drafts)
    found = title or next(i.title for i in items if isinstance(i, Heading))
    meta = Metadata(brief_id(found, name), found, "", "", "", source)
    brief = Brief(
        meta, tuple(d.section() for d in drafts), tuple(body.glossary), sources=tuple(body.sources)
    )
    return brief, drafts


#: An anonymous link target, markup a reader never sees: '__ https://…', '__ `Name`_'.
_ANONYMOUS_TARGET = re.compile(r"^__ (?:`[^`]+`_|\S+)$")


def _inline_markup(lines: list[Line | None], name: str) -> Inline | None:
    """The reader of reStructuredText's inline markup (with the document's link targets)
    when the text is reStructuredText, whose anonymous link targets ('__ https://…') are
    then blanked out; None for other text, whose marks are its own."""
    texts = [line.text for line in lines if line is not None]
    if not looks_like_restructured(name, texts):
        return None
    inline = Inline(texts)
    for index, line in enumerate(lines):
        if line is not None and not line.bulleted and _ANONYMOUS_TARGET.match(line.text):
            lines[index] = None
    return inline


#: An internal link target, which labels the section after it: '.. _install:'.
_LABEL = re.compile(r"^\.\.\s+_(?P<name>[^:`]+|`[^`]+`):$")
#: Most lines between a label and the heading it labels (an overline, a blank line).
_LABEL_REACH = 3


def _section_labels(lines: list[Line | None]) -> dict[int, str]:
    """The internal targets of a reStructuredText text, by the index of their line."""
    return {
        index: found["name"]
        for index, line in enumerate(lines)
        if line is not None and not line.indent and (found := _LABEL.match(line.text))
    }


def _label_sections(inline: Inline, labels: dict[int, str], scheme: Scheme) -> None:
    """Tell ``inline`` the title of the heading each label stands over (within
    :data:`_LABEL_REACH` lines), so that a ':ref:`install`' reads as that title."""
    for index, name in labels.items():
        for at in range(index + 1, index + 1 + _LABEL_REACH):
            if (heading := scheme.headings.get(at)) is not None:
                inline.label(name, inline.text(heading.title, heading=True))
                break


#: A directive that pulls in another file: '.. include:: ../SECURITY.md'.
_INCLUDE = re.compile(r"^\.\.\s+(?:include|literalinclude|mdinclude)::\s*(?P<target>\S.*)$")


def _markup_only(lines: list[Line | None]) -> list[str] | None:
    """The files a text includes when it holds nothing but reStructuredText markup (comments,
    directives and their indented options); None when it holds text."""
    included: list[str] = []
    markup = False
    for line in lines:
        if line is None:
            continue
        if not line.indent and _RST_MARKUP.match(line.text):
            markup = True
            if found := _INCLUDE.match(line.text):
                included.append(found["target"].strip())
        elif not (line.indent and markup):
            return None
    return included if markup else None


#: reStructuredText's explicit markup that a reader of the rendered document never sees: a
#: comment ('.. This file is generated'), a link target ('.. _changelog:', '__ https://…'),
#: a substitution's definition ('.. |br| raw:: html') and directives that only configure
#: ('.. highlight:: python', '.. currentmodule:: urllib3', '.. image:: banner.svg').
_UNSEEN_DIRECTIVES = frozenset(
    (
        "image",
        "highlight",
        "index",
        "meta",
        "sectnum",
        "contents",
        "raw",
        "role",
        "default-role",
        "tabularcolumns",
        "currentmodule",
    )
)
#: The parts of an explicit markup line: a directive's name, or a footnote's or citation's
#: label, which are seen.
_EXPLICIT = re.compile(r"^\.\.\s+(?:(?P<directive>[\w:-]+)::|(?P<footnote>\[))")


_DIRECTIVE_OR_TARGET = re.compile(r"^\.\.\s+(?:[\w:-]+::|_)")


def _unseen_markup(lines: list[Line | None]) -> None:
    """Blank out the reStructuredText markup a reader never sees (see
    :data:`_UNSEEN_DIRECTIVES`), with the lines indented under it; a directive whose body is
    text ('.. note::') and a footnote stay. Only in a text that has a directive or a link
    target: a '..' alone in other text (the output of 'ls -a') is text."""
    if not any(line is not None and _DIRECTIVE_OR_TARGET.match(line.text) for line in lines):
        return
    index = 0
    while index < len(lines):
        line = lines[index]
        if line is None or line.bulleted or not _RST_MARKUP.match(line.text):
            index += 1
            continue
        explicit = _EXPLICIT.match(line.text)
        if explicit is not None and (
            explicit["footnote"]
            or explicit["directive"].rsplit(":", 1)[-1] not in _UNSEEN_DIRECTIVES
        ):
            index += 1
            # A directive's options (':members:', ':alt: A banner') configure it.
            while (
                explicit["directive"]
                and index < len(lines)
                and (option := lines[index]) is not None
                and option.indent > line.indent
                and _DIRECTIVE_OPTION.match(option.text)
            ):
                lines[index] = None
                index += 1
            continue
        lines[index] = None
        index += 1
        # A bare '..' over a blank line is an empty comment: what is indented after that
        # blank line is a block quote.
        empty = line.text == ".."
        margin = line.indent
        while index < len(lines) and ((under := lines[index]) is None or under.indent > margin):
            if under is None and empty:
                break
            lines[index] = None
            index += 1


def _first_line(lines: list[Line | None]) -> int:
    """Index of the text's first line, past blank lines and reStructuredText markup."""
    for index, line in enumerate(lines):
        if line is not None and not (
            (_RST_MARKUP.match(line.text) or _DIRECTIVE_OPTION.match(line.text)) and not line.indent
        ):
            if UNDERLINE.match(line.raw.strip()) and index + 1 < len(lines) and lines[index + 1]:
                return index + 1  # an overline: the title is the line under it
            return index
    return len(lines)


#: The mark Sphinx puts after each heading to link to it.
_PERMALINK = "¶"


def _lines(text: str) -> list[Line | None]:
    """Tidied lines; None for a blank line (and for a banner, which counts as one)."""
    text = unboxed(text)
    out: list[Line | None] = []
    for number_, raw in enumerate(text.split("\n"), start=1):
        # The same string objects where nothing changes: a report's lines are most of the
        # memory an import takes.
        expanded = (raw.expandtabs(8) if "\t" in raw else raw).rstrip()
        if expanded.endswith(_PERMALINK) and len(expanded) > 1 and not expanded[-2].isspace():
            # A heading's permalink, as a page Sphinx made reads as text ('Abstract¶').
            expanded = expanded[:-1]
        line = tidy_line(expanded)
        if not line or is_banner(line):
            out.append(None)
            continue
        indent = len(expanded) - len(expanded.lstrip())
        if bullet := _BULLET.match(line):
            body = line[bullet.end() :].strip()
            out.append(Line(body, True, indent, expanded, number_) if body else None)
        else:
            out.append(Line(line, False, indent, expanded, number_))
    while out and out[-1] is None:
        out.pop()
    return out


def _structure(lines: list[Line | None]) -> tuple[list[Line | None], dict[int, CodeBlock]]:
    """The lines with every literal block taken out (blank in their place), and the blocks by
    the index of their first line.

    reStructuredText writes code as a block indented under a paragraph that ends in ``::``,
    under a ``.. code-block::`` directive, or as a ``>>>`` session. Read as prose, its lines
    would be joined into one paragraph, and an example heading inside one (an underlined
    ``Chapter 1 Title``) would be taken for a section.
    """
    literals: dict[int, CodeBlock] = {}
    index = 0
    while index < len(lines):
        line = lines[index]
        if line is None:
            index += 1
            continue
        found = _literal_at(lines, index, line)
        if found is None:
            index += 1
            continue
        first, start, end, language = found
        code = [lines[at] for at in range(start, end)]
        margin = min(len(c.raw) - len(c.raw.lstrip()) for c in code if c is not None)
        text = "\n".join(c.raw[margin:] if c is not None else "" for c in code)
        literals[start] = CodeBlock(text, language)
        for at in range(first, end):
            lines[at] = None
        index = end
    return lines, literals


def _literal_at(
    lines: list[Line | None], index: int, line: Line
) -> tuple[int, int, int, str] | None:
    """(first line to take out, first code line, end, language) of a literal block introduced
    at ``index``; None when none is."""
    after_blank = index == 0 or lines[index - 1] is None
    if line.text.startswith(">>>") and after_blank and not line.bulleted:
        end = index
        while end < len(lines) and lines[end] is not None:
            end += 1
        return index, index, end, "pycon"
    first = index + 1  # the paragraph that ends in '::' stays
    if directive := _CODE_DIRECTIVE.match(line.text):
        language = directive["language"] or ""
        first = index
        at = index + 1
        while (option := lines[at] if at < len(lines) else None) is not None and (
            option.indent > line.indent and _DIRECTIVE_OPTION.match(option.text)
        ):
            at += 1
    elif (
        line.text.endswith("::")
        and not line.text.endswith(":::")
        and not _RST_MARKUP.match(line.text)
        and index + 1 < len(lines)
        and lines[index + 1] is None
    ):
        language = ""
        at = index + 1
    else:
        return None
    while at < len(lines) and lines[at] is None:
        at += 1
    start = at
    if start >= len(lines) or (lines[start] or line).indent <= line.indent:
        return None
    end = start
    while at < len(lines) and ((body := lines[at]) is None or body.indent > line.indent):
        if body is not None:
            end = at + 1
        at += 1
    return first, start, end, language


def _report_line(line: str) -> tuple[str, str] | None:
    """('General Report', '2025-02-28') for 'General Report February 28, 2025'."""
    if match := _REPORT_LINE.match(line):
        date = written_date(match.group("date"))
        if date is not None:
            return " ".join(match.group("kind").split()), date
    return None


def _header(
    lines: list[Line | None], name: str, titled: bool, heading_first: bool
) -> tuple[str, str, str, str, int]:
    """Title, kind, date and publisher, and the index where the body (or contents) starts.

    ``titled``: a title was given, so a first line that is no title is no error.
    ``heading_first``: the first line is a numbered heading, so no title.
    """
    index = _first_line(lines)
    if index == len(lines):
        raise NoTitle(f"{name}: no title: the file holds only markup")
    first = lines[index]
    assert first is not None
    if (
        heading_first
        or first.bulleted
        or _report_line(first.text)
        or first.text.casefold() in CONTENTS_TITLES
        or len(first.text) > MAX_TITLE
    ):
        if titled:
            return "", "", "", "", index
        raise NoTitle(
            f"{name}: no title: the first line should be the report's title "
            "(or give one with --title)"
        )
    title = clean(squeeze(first.text))
    kind = date = publisher = ""
    index += 1
    if index < len(lines) and (under := lines[index]) and UNDERLINE.match(under.raw.strip()):
        index += 1  # the title's underline

    def next_line() -> int:
        at = index
        while at < len(lines) and lines[at] is None:
            at += 1
        return at

    at = next_line()
    if at < len(lines) and (line := lines[at]) and not line.bulleted:
        found = _report_line(line.text) or _date_line(line)
        if not found and _byline(line):
            # A byline over the date ('A report by the Climate Office' / 'July 2026'): the
            # publisher, then the date, in the other order from goover's.
            index = at + 1
            below = next_line()
            dated = _date_line(lines[below]) if below < len(lines) else None
            if dated is not None:
                publisher = clean(squeeze(line.text))
                return title, dated[0], dated[1], publisher, below + 1
            index = at
        if found:
            kind, date = found
            index = at + 1
            at = next_line()
            candidate = lines[at] if at < len(lines) else None
            if (
                candidate is not None
                and not candidate.bulleted
                and len(candidate.text) <= 80
                and not re.match(r"^\d", candidate.text)
                and candidate.text.casefold() not in CONTENTS_TITLES
            ):
                publisher = clean(squeeze(candidate.text))
                index = at + 1
    return title, kind, date, publisher, index


#: A manual page's header: its name and section at both ends ('GREP(1)  User Commands  GREP(1)').
_MANUAL_HEADER = re.compile(
    r"^(?P<page>(?P<name>\S+)\([0-9][\w:]*\))\s{2,}(?P<manual>.*\S)\s{2,}(?P=page)$"
    r"|^(?P<bare>\S+\([0-9][\w:]*\))\s{2,}(?P=bare)$"
)


def _manual_header(lines: list[Line | None], first: int) -> re.Match[str] | None:
    """The header of a manual page rendered to text ('GREP(1)  User Commands  GREP(1)') when
    the text's first line is one; else None."""
    top = lines[first] if first < len(lines) else None
    return _MANUAL_HEADER.match(top.raw.strip()) if top is not None else None


def _manual_footer(lines: list[Line | None], first: int) -> tuple[str, str] | None:
    """A manual page's footer ('GNU grep 3.8      2019-12-29      GREP(1)', its source, date
    and name) as (source, date), taken out of the text: it is the page's publisher and date,
    not the last section's text nor a timeline event. None where the text is no man page."""
    header = _manual_header(lines, first)
    if header is None:
        return None
    last = len(lines) - 1
    while last > first and lines[last] is None:
        last -= 1
    bottom = lines[last]
    if bottom is None or last == first:
        return None
    cells = re.split(r"\s{2,}", bottom.raw.strip())
    # The page's name at the right, or mdoc's system at both ends ('BSD  November 28, 2022  BSD').
    if len(cells) != 3 or cells[2] not in (header["page"] or header["bare"], cells[0]):
        return None
    date = _manual_date(cells[1])
    if date is None:
        return None
    lines[last] = None
    return cells[0], date


#: Dates man pages' footers write that no report's text does: 'YYYY Month D' (bash's) and
#: DocBook's 'MM/DD/YYYY' (git's '10/07/2025').
_YEAR_MONTH_DAY = re.compile(r"^(?P<year>\d{4}) (?P<month>[A-Za-z]{3,9}\.?) (?P<day>\d{1,2})$")
_SLASHED = re.compile(r"^(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>\d{4})$")


def _manual_date(text: str) -> str | None:
    """A man page footer's date in the brief's form: any date a report writes, and the forms
    of :data:`_YEAR_MONTH_DAY` and :data:`_SLASHED` (month first, as DocBook writes it, unless
    the first number is no month); None if ``text`` is no date."""
    if (date := written_date(text)) is not None:
        return date
    if found := _YEAR_MONTH_DAY.match(text):
        return written_date(f"{found['month']} {found['day']}, {found['year']}")
    if found := _SLASHED.match(text):
        month, day = int(found["first"]), int(found["second"])
        if month > 12:
            month, day = day, month
        return written_date(f"{found['year']}-{month:02d}-{day:02d}")
    return None


def _manual_title(drafts: list[Draft]) -> str:
    """A manual page's title: its NAME section's line ('grep, egrep, fgrep - print lines that
    match patterns'), as the page's header only names it; '' when it has none."""
    named = next((d for d in drafts if not d.prelude and d.title.casefold() == "name"), None)
    if named is None or not named.paras:
        return ""
    line = " ".join(named.paras[0].split())
    return line if 0 < len(line) <= MAX_TITLE and "\n" not in named.paras[0] else ""


#: A label a report writes before its date under its title: 'Issued: 14 March 2026',
#: 'Last updated 2 May 2025', 'Published on 3 June 2024'.
_DATE_LABEL = re.compile(
    rf"^(?:date|last\s+updated|as\s+of|{'|'.join(DATE_WORDS)})(?:\s+on)?\s*:?\s+",
    re.IGNORECASE,
)


def _date_line(line: Line | None) -> tuple[str, str] | None:
    """('', '2026-07') for a line that is a date alone ('July 2026'), or after a label
    ('Issued: 14 March 2026'); else None."""
    if line is None or line.bulleted:
        return None
    text = _DATE_LABEL.sub("", line.text, count=1)
    if len(text) >= 40:
        return None
    date = written_date(text)
    return ("", date) if date else None


def _byline(line: Line) -> bool:
    """Whether a line under the title may be its byline: short, no sentence, no number."""
    return (
        len(line.text) <= 80
        and not re.match(r"^\d", line.text)
        and not line.text.endswith((".", ":", ";", ","))
        and line.text.casefold() not in CONTENTS_TITLES
    )


class _Body:
    """Reads the body line by line: headings (as chosen), paragraphs, glossary, sources."""

    def __init__(
        self,
        lines: list[Line | None],
        scheme: Scheme,
        start: int,
        literals: dict[int, CodeBlock] | None = None,
        inline: Inline | None = None,
    ) -> None:
        self.lines = lines
        #: reStructuredText's inline markup, read in each paragraph; None in other text.
        self.inline = inline
        self.literals = literals or {}
        self.headings = scheme.headings
        # The top heading level, asked at every heading: counted once (a changelog has
        # thousands of headings).
        self.top = min((h.level for h in self.headings.values()), default=1)
        # The headings' margin: a part line with a colon ('References:') indented deeper is a
        # label inside some text (a changelog entry's), not the report's list of sources; a
        # centred one ('Glossary', as man-db's manual sets it) is a part.
        self.margin = min(
            (line.indent for index in self.headings if (line := lines[index]) is not None),
            default=0,
        )
        self.skip = scheme.skip
        self.items_at = scheme.items
        self.breaks = scheme.breaks
        self.start = start
        self.items: list[Item] = []
        self.glossary: list[GlossaryEntry] = []
        self.sources: list[Source] = []
        #: The glossary part's heading as written, and whether it stands in the items yet: a
        #: paragraph of the part that is no 'Term: definition' stays text, in its place.
        self.glossary_title = "Glossary"
        self.glossary_line = 0
        self.glossary_open = False
        self.part = "sections"
        self.pending: list[str] = []
        #: The lines of the paragraph being collected (not a run-in heading's text).
        self.pending_lines: list[Line] = []
        #: The indent of the bullet that opens the paragraph being collected, if one does.
        self.item: int | None = None
        #: The indent of the definition being collected (see :meth:`term`), if one is.
        self.definition: int | None = None
        # A changelog's entry line over its indented text is no term: its first paragraph.
        self.definitions = scheme.name != "changelog"
        self.conclusion = False
        content = [line for line in lines[start:] if line is not None]
        bulleted = sum(1 for line in content if line.bulleted)
        # Paragraphs that start with a bullet: a line without one continues the paragraph.
        # Without bullets, hard-wrapped text (short lines, blank lines between paragraphs) is
        # joined up to each blank line; otherwise every line is a paragraph of its own.
        self.bulleted = bulleted * 2 >= len(content) and bulleted > 0
        # Hard-wrapped text is told by the lines a line of text follows, not by a paragraph's
        # last line, nor by a list of one-line items: those may be as long as they are
        # (pytest's changelog: '- `#10745 <https://…>`_: A ``RecursionError`` …' over lines
        # wrapped at 80).
        lengths = sorted(
            len(line.text)
            for index, line in enumerate(lines[start:], start=start)
            if line is not None
            and index + 1 < len(lines)
            and (after := lines[index + 1]) is not None
            and not after.bulleted
        ) or sorted(len(line.text) for line in content)
        short = bool(lengths) and lengths[(len(lengths) * 9) // 10] <= WRAP_WIDTH
        blank = len(lines) - start - len(content)
        # Blank lines that separate paragraphs (not one that sets off a header): then a part
        # line ('Glossary') stands after one, and a hard-wrapped paragraph ends at one.
        self.blanks = blank * 10 >= len(content)
        self.wrapped = short and blank > 0

    def run(self) -> list[Item]:
        """The items, in order. The lines are let go as they are read (all but the one
        before the current line, which :meth:`special` looks at): with the paragraphs made
        of them, they would be most of an import's memory."""
        lines = self.lines
        for index in range(self.start, len(lines)):
            line = lines[index]
            if index - 2 >= self.start:
                lines[index - 2] = None
            if index in self.skip:
                continue
            if code := self.literals.get(index):
                self.flush()
                if self.part == "glossary":
                    self.keep(code)
                else:
                    self.items.append(code)
            if line is not None and index in self.items_at:
                # An outline line that is a list item: its marks ('**') are its bullet.
                line = Line(self.items_at[index], True, line.indent, line.raw, line.number)
            if line is None:
                self.flush()
            elif heading := self.headings.get(index):
                self.heading(heading, line)
            elif self._underline(index, line):
                continue  # the rule under a heading another scheme found ('1. Definitions')
            elif not self.special(line, index):
                # ``pending`` holds the paragraph the previous line belongs to, if any.
                # A field (':Date: 2001-08-16') is a line of its own, as a list item is, and
                # so is a directive ('.. autofunction:: urllib3.request', one a line).
                field = not line.indent and (
                    _DIRECTIVE_OPTION.match(line.text) or _RST_MARKUP.match(line.text)
                )
                continues = self.pending and not line.bulleted and not field
                if continues and self.definitions and self.term(line):
                    # A definition list's term over its definition, indented under it
                    # ('aiodns' over '    DNS resolver for asyncio.'): two paragraphs, not
                    # 'aiodns DNS resolver …'; the definition ends where the indent does.
                    self.flush()
                    self.definition = line.indent
                    continues = False
                elif continues and self.definition is not None and line.indent < self.definition:
                    self.flush()
                    continues = False
                # A list item's next line, indented under its bullet ('- Allow … (e.g.' over
                # '  ``3.7`` or ``3.7.3``)', as reStructuredText wraps one), goes on with it
                # in any text.
                under = self.item is not None and line.indent > self.item
                joined = continues and (self.bulleted or self.wrapped or under)
                # In a list of sources or terms, one a line, each line that opens an entry is
                # one ('Weather day: a day on which …' under 'APPENDIX A. GLOSSARY').
                listed = (self.part == "sources" and _next_source(self.pending_lines, line)) or (
                    self.part == "glossary" and _next_term(self.pending_lines, line)
                )
                if not joined or listed:
                    self.flush()
                if not self.pending:
                    self.item = line.indent if line.bulleted else None
                    if line.indent != self.definition:
                        self.definition = None
                self.pending.append(line.text)
                self.pending_lines.append(line)
                if index in self.breaks:
                    self.flush()
        self.flush()
        return self.items

    def _underline(self, index: int, line: Line) -> bool:
        """Whether ``line`` underlines the heading just above it, as long as it (MPL 2.0's
        '1. Definitions' over '--------------', read as a numbered heading)."""
        above = self.lines[index - 1] if index > self.start else None
        return (
            above is not None
            and index - 1 in self.headings
            and UNDERLINE.match(line.raw.strip()) is not None
            and abs(len(line.raw.strip()) - len(above.raw.strip())) <= 3
        )

    def open_glossary(self, title: str, line: int) -> None:
        """The glossary part begins at ``line``, under ``title`` as written ('Definitions:')."""
        self.part = "glossary"
        self.glossary_title = title.rstrip(":").strip() or "Glossary"
        self.glossary_line = line
        self.glossary_open = False

    def keep(self, item: CodeBlock | str) -> None:
        """Keep what the glossary part holds besides its terms as text where it stands, under
        the part's heading (a licence's '"Package" refers to …' definitions after its
        'Definitions:' line), not moved to the end of the report."""
        if not self.glossary_open:
            title, line = self.glossary_title, self.glossary_line
            self.items.append(Heading(self.top_level(), title, "", line))
            self.glossary_open = True
        self.items.append(item)

    def term(self, line: Line) -> bool:
        """Whether the paragraph collected so far is a definition list's term and ``line``
        the start of its definition: one short line that is no list item nor a sentence,
        and ``line`` indented deeper than it, not at the column its text would wrap to."""
        if len(self.pending_lines) != 1 or len(self.pending) != 1:
            return False
        above = self.pending_lines[0]
        return (
            line.indent > above.indent + 1
            and not above.bulleted
            and len(above.text) <= _MAX_TERM
            and not above.text.endswith((".", ",", ";", ":", "!", "?"))
            and _LIST_MARKER.match(above.text) is None
        )

    def heading(self, heading: Heading, line: Line) -> None:
        self.flush()
        # An appendix that is the glossary or the references ('APPENDIX A. GLOSSARY') is
        # that part, as a 'Glossary' heading is.
        part = _APPENDIX_PREFIX.sub("", norm(heading.title))
        if not heading.number and heading.level == self.top_level() and part in GLOSSARY_TITLES:
            self.open_glossary(heading.title, line.number)
            return
        if not heading.number and heading.level == self.top_level() and part in SOURCES_TITLES:
            self.part = "sources"
            return
        self.part = "sections"
        self.items.append(heading)
        if heading.rest:
            self.pending.append(heading.rest)

    def top_level(self) -> int:
        return self.top

    def special(self, line: Line, index: int) -> bool:
        """A goover part line ('Glossary', 'Source Documents', 'Conclusion', 'Contents'),
        alone after a blank line: True when it was one."""
        previous = self.lines[index - 1] if index > self.start else None
        if line.bulleted or (
            previous is not None and self.blanks and index - 1 not in self.headings
        ):
            return False
        if line.indent > self.margin and line.text.endswith(":"):
            return False  # a label inside some text (a changelog entry's 'References:')
        folded = line.text.casefold().rstrip(":")
        if folded in CONTENTS_TITLES:
            self.flush()
            return True
        if folded in GLOSSARY_TITLES:
            self.flush()
            self.open_glossary(line.text, line.number)
            return True
        if folded in SOURCES_TITLES:
            self.flush()
            self.part = "sources"
            return True
        if folded in CONCLUSION_TITLES and not self.conclusion and self.items:
            self.flush()
            self.conclusion = True
            self.part = "sections"
            self.items.append(Heading(self.top_level(), line.text, "", line.number))
            return True
        return False

    def flush(self) -> None:
        """End the paragraph being collected and file it where it belongs."""
        if not self.pending:
            return
        rows = self.pending_lines
        self.pending_lines = []
        if len(rows) == len(self.pending) and self.part == "sections" and _column_table(rows):
            # Laid out in columns: as written, not run together ('OVERVIEW General …').
            margin = min(row.indent for row in rows)
            self.items.append(CodeBlock("\n".join(row.raw[margin:] for row in rows)))
            self.pending = []
            return
        paragraph = squeeze(" ".join(self.pending))
        if self.inline is not None:
            paragraph = self.inline.text(paragraph)
        paragraph = clean(paragraph)
        self.pending = []
        if self.part == "glossary":
            self.add_term(paragraph)
        elif self.part == "sources":
            self.sources.append(_source(paragraph))
        else:
            self.items.append(paragraph)

    def add_term(self, paragraph: str) -> None:
        known = {name.casefold() for e in self.glossary for name in e.names()}
        if match := _TERM.match(paragraph):
            term, category, definition = (match[k].strip() for k in _TERM_KEYS)
        elif match := _PLAIN_TERM.match(paragraph):
            term, category = match["term"].strip(), DEFAULT_CATEGORY
            definition = match["definition"]
        else:
            self.keep(paragraph)
            return
        if not term or term.casefold() in known:
            # A second definition of a known term is kept as text rather than lost.
            self.keep(paragraph)
            return
        self.glossary.append(GlossaryEntry(term, category, definition.strip()))


_TERM_KEYS = ("term", "category", "definition")
#: Longest term of a definition list ('-a, --all', '``max_age``'); a longer line is text.
_MAX_TERM = 40
#: A list item's marker, whose text a hanging indent lines up under ('1. ', 'a) ', '(iv) ').
_LIST_MARKER = re.compile(r"^(?:\(?[0-9a-zA-Z#]{1,4}[.)]|\d{1,3}(?:\.\d{1,3})+\.?)\s")
#: Longest first cell of a row of a table laid out in columns ('ARCHIVE LOCATIONS').
_MAX_CELL = 30


def _column_start(line: Line) -> int | None:
    """Where the second column of ``line`` starts when it reads as a row of a two-column
    table ('OVERVIEW            General description of JPEG …'): after a short first cell
    (no sentence's end) and a gap of two spaces or more; else None."""
    raw = line.raw
    gap = raw.find("  ", line.indent, line.indent + _MAX_CELL + 2)
    if gap < 0 or line.bulleted:
        return None
    cell = raw[line.indent : gap]
    if not cell or cell.endswith((".", ",", ";", "!", "?")) or len(cell.split()) > 4:
        return None
    start = gap
    while start < len(raw) and raw[start] == " ":
        start += 1
    return start if start < len(raw) else None


def _column_table(lines: list[Line]) -> bool:
    """Whether ``lines`` (one paragraph) are a table laid out in two columns, as IJG's README
    lists its sections: two or more rows whose second columns line up, each row's text going
    on below at that column, with group titles ('User documentation:') between them."""
    rows = [(line, _column_start(line)) for line in lines]
    starts = {start for line, start in rows if start is not None}
    found = [line for line, start in rows if start is not None]
    if len(starts) != 1 or len(found) < 2 or len({line.indent for line in found}) != 1:
        return False
    (column,) = starts
    row_indent = found[0].indent
    seen_row = False
    for line, start in rows:
        if start is not None:
            seen_row = True
        elif line.indent == column and seen_row:
            continue  # the row above goes on
        elif not (line.text.endswith(":") and line.indent < row_indent):
            return False
    return True


#: An appendix's name before its title, compared as :func:`norm` folds it ('appendix a. ').
_APPENDIX_PREFIX = re.compile(r"^(?:appendix|annex)\s+[a-z0-9]{1,3}\s*(?:[.:]\s*|[-–—]\s+)")
#: A numbered reference's mark: '[3] ', '(3) ', '3. ' or '3) '.
_SOURCE_MARK = re.compile(r"^(?:\[\d{1,4}\]|\(\d{1,4}\)|\d{1,4}[.)])\s")


def _next_source(entry: list[Line], line: Line) -> bool:
    """Whether ``line`` opens another entry of a list of sources rather than going on with
    ``entry`` (its lines so far), in a list without blank lines between its entries: a
    numbered one ('[2] https://…'), or one at the entry's margin after a line that ends the
    entry (with '.' or an address) and opening as an entry does ('Office for National
    Statistics, …'), not a wrapped line indented under it."""
    if _SOURCE_MARK.match(line.text):
        return True
    last = entry[-1].text if entry else ""
    ended = last.endswith(".") or _URL.fullmatch(last.split()[-1] if last else "") is not None
    return (
        ended
        and bool(entry)
        and line.indent <= entry[0].indent
        and (line.text[:1].isupper() or line.text[:1].isdigit() or line.text.startswith("http"))
    )


def _next_term(entry: list[Line], line: Line) -> bool:
    """Whether ``line`` opens another entry of a glossary written a term a line ('Term:
    definition' or 'Term [Category]: definition'), at the margin of the entry before it."""
    return (
        bool(entry)
        and line.indent <= entry[0].indent
        and entry[-1].text.endswith((".", ")"))
        and (_TERM.match(line.text) is not None or _PLAIN_TERM.match(line.text) is not None)
    )


def _source(paragraph: str) -> Source:
    """'Title - https://…' → Source('Title', 'https://…'); text alone is a title."""
    match = _URL.search(paragraph)
    if match is None:
        return Source(paragraph)
    url = match.group().rstrip(".,;:")
    before = paragraph[: match.start()].rstrip(" -–—:|(<[")
    after = paragraph[match.start() + len(url) :].lstrip(" )>].,;:")
    title = f"{before} {after}".strip()
    return Source(title or url, url)
