"""The one draft record every importer fills: sections while their text is collected, then ids.

An importer turns its input into a flat run of headings (with a level, the document's own
number if it has one, and the line they stand on) and paragraphs; :func:`assemble` makes
sections and subsections of them by one rule for every kind of input.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from briefcli.model import Section, Subsection

SUMMARY_TITLES = ("summary", "executive summary", "abstract", "tl;dr", "tldr")
#: Titles of the parts a report names (case-folded, a trailing colon left out): every reader of
#: structure (plain text, Markdown, HTML, PDF) recognises the same ones.
CONCLUSION_TITLES = ("conclusion", "conclusions", "concluding remarks")
GLOSSARY_TITLES = ("glossary", "glossary of terms", "definitions", "terms and definitions")
SOURCES_TITLES = ("source documents", "sources", "references", "bibliography")
CONTENTS_TITLES = ("table of contents", "contents")
#: A heading's own number: '2', '2.1', '2-1', '1.1.1' (as written in the document).
_OWN_NUMBER = re.compile(r"^\d{1,4}(?:[.-]\d{1,4}){0,5}$")


@dataclass
class Draft:
    """A section or subsection while its paragraphs are collected."""

    title: str
    #: The document's own number for it ('0', '2-1', '1-1-1'), or '' to be numbered in turn.
    number: str = ""
    #: 1-based line of the heading in the input (0: no heading, such as the text before it).
    line: int = 0
    level: int = 1
    role: str | None = None
    id: str = ""
    paras: list[str] = field(default_factory=list)
    subs: list[Draft] = field(default_factory=list)
    #: The text before the first heading.
    prelude: bool = False
    #: The heading as written, number and all: the title when its number is not the id.
    written: str = ""

    def empty(self) -> bool:
        """True when neither it nor any of its subsections holds text."""
        return not self.paras and all(not sub.paras for sub in self.subs)

    def section(self) -> Section:
        """The finished section (ids given by :func:`number`)."""
        subs = tuple(Subsection(d.id, d.title, tuple(d.paras)) for d in self.subs)
        return Section(self.id, self.title, tuple(self.paras), subs, self.role)


@dataclass
class Heading:
    """A heading as an importer found it: level 1 is the highest."""

    level: int
    title: str
    number: str = ""
    line: int = 0
    #: Text after a run-in heading ('2. Grant of License. Subject to …'): its first paragraph.
    rest: str = ""
    #: The heading as written, number and all ('' when it has no number).
    written: str = ""


Item = Heading | str


#: What a title may open with besides a capital letter: quotes, a bracket, code, an element
#: name (`2.1. <abstract>`, as specifications of markup write them).
_TITLE_OPENERS = "\"'“‘(`[<"


def opens_like_a_title(text: str) -> bool:
    """Whether ``text`` opens as a title does after a section number: a capital, a letter of a
    script without case ('概要', 'مقدمة'), a quote or a bracket; not a lower-case word ('1.
    apples and pears' is a list item)."""
    first = text[:1]
    return first.isupper() or (first.isalpha() and not first.islower()) or first in _TITLE_OPENERS


def own_number(text: str) -> str:
    """'2.1.' → '2-1', '0' → '0'; '' when ``text`` is no section number."""
    text = text.rstrip(".")
    if not _OWN_NUMBER.match(text):
        return ""
    return "-".join(str(int(part)) for part in re.split(r"[.-]", text))


#: A heading that opens with a section number: '0. Preface', '1.1.1 Ice', '2) Methods'.
_NUMBERED_TITLE = re.compile(r"^(\d{1,4}(?:[.-]\d{1,4}){0,5})([.)]?)\s+(\S.*)$")


def numbered_heading(level: int, text: str, line: int) -> Heading:
    """A heading, with its own number ('0. Preface', '1.1.1 Ice') taken as its id; a lone
    number without a dot ('1 Introduction', '3 ways to read') is left to :func:`number`.
    Markdown, web pages, PDFs and plain text's underlined and outline headings read so."""
    title = tidy_title(text)
    if match := _NUMBERED_TITLE.match(title):
        own = own_number(match.group(1))
        single = "." not in match.group(1).rstrip(".") and "-" not in match.group(1)
        rest = match.group(3)
        # A version and its date ('1.7.8 (2012-11-01)') is no number and title.
        titled = opens_like_a_title(rest) and any(char.isalpha() for char in rest)
        if own and (match.group(2) == "." or not single) and titled:
            return Heading(level, tidy_title(rest, numbered=True), own, line, written=title)
    return Heading(level, title, "", line)


#: A contents entry as the readers write a list item that only links within the document:
#: '- Title (#anchor)', '- Title (https://host/page#anchor)'; not an entry of a list of
#: tables or figures ('- Table 1. …'), whose captions are no headings.
_CONTENTS_ENTRY = re.compile(
    r"- (?!(?:Table|Figure|Chart|Map|Exhibit|Box)\s+[A-Z]?\d)"
    r"(?P<title>[^\n]+?) \((?P<url>[^\s()]*#[^\s()]+)\)"
)
#: Fewest entries that make a contents list (fewer are a few links).
_CONTENTS_ENTRIES = 3


def listed_headings(items: list[Item], entries: Mapping[int, str] | None = None) -> list[Item]:
    """``items`` with the headings a contents list names made headings where they stand alone.

    Documents converted to Markdown or HTML from another format often keep a contents list of
    in-page links but write the headings it names as plain lines. The first run of at least
    three such entries is read as the contents; after it, a paragraph that is exactly an
    entry's title (the first time it appears) becomes a heading, as does a lone 'Summary' or
    'Executive Summary' line. The new headings stand at the contents heading's level, or one
    below it when that heading is the document's first (its title). Each promoted paragraph
    is replaced where it stands, so the result is as long as ``items``.

    ``entries``: the items that are contents entries (index → title), where the reader knows
    (a web page's list items that only link within the page); else items written as
    '- Title (…#anchor)' are.
    """
    if entries is None:
        entries = {}
        for index, item in enumerate(items):
            found = isinstance(item, str) and _CONTENTS_ENTRY.fullmatch(item)
            if found:
                entries[index] = found.group("title")
    start = end = -1
    for index in range(len(items)):
        entry = index in entries
        if entry and start < 0:
            start = end = index
        elif entry and end == index - 1:
            end = index
        elif start >= 0 and end - start + 1 >= _CONTENTS_ENTRIES:
            break
        elif start >= 0 and not entry:
            start = end = -1
    if start < 0 or end - start + 1 < _CONTENTS_ENTRIES:
        return items
    wanted = {" ".join(entries[index].split()) for index in range(start, end + 1)}
    known = {item.title for item in items if isinstance(item, Heading)}
    wanted -= known
    holder = next((item for item in reversed(items[:start]) if isinstance(item, Heading)), None)
    first = next((item for item in items if isinstance(item, Heading)), None)
    level = 1 if holder is None else holder.level + (holder is first)
    out = items[: end + 1]
    promoted = False
    for item in items[end + 1 :]:
        text = " ".join(item.split()) if isinstance(item, str) else ""
        if text in wanted or (text.casefold() in SUMMARY_TITLES[:2] and text not in known):
            out.append(Heading(level, text))
            wanted.discard(text)
            known.add(text)
            promoted = promoted or text.casefold() not in SUMMARY_TITLES
        else:
            out.append(item)
    return out if promoted else items


#: Fewest prose sentences that make a document without headings a report of one section:
#: fewer (a note, a list, data, code) is no report.
HEADINGLESS_SENTENCES = 3
#: Most words of a first paragraph read as the title of a document without headings.
_TITLE_WORDS = 15


def headingless(items: list[Item], title: str, *, name: str, refusal: str) -> list[Item]:
    """A document without headings (a memo, a statement, an article's text) as one section:
    ``items`` under a title heading, which :func:`assemble` takes as the title and section.

    The title is ``title`` (the document's own: a page's, a PDF's, front matter's) when there
    is one; else a first paragraph that reads as a title (at most 15 words, no closing '.',
    ',', ';' or ':'), which then leaves the text; else the file's name. A
    document with fewer than :data:`HEADINGLESS_SENTENCES` prose sentences is refused with
    ``refusal`` (what headings were expected), which this adds the prose it needs to: it is not
    a report.
    """
    from briefcli.importers import NotAReport
    from briefcli.sentences import is_prose, split_sentences

    paragraphs = [item for item in items if isinstance(item, str) and item.strip()]
    prose = 0
    for paragraph in paragraphs:
        prose += sum(1 for sentence in split_sentences(paragraph) if is_prose(sentence))
        if prose >= HEADINGLESS_SENTENCES:
            break
    else:
        raise NotAReport(
            f"{refusal}; or, without headings, {HEADINGLESS_SENTENCES} sentences of prose"
        )
    first = " ".join(paragraphs[0].split())
    titled = (
        len(first.split()) <= _TITLE_WORDS
        and not first.endswith((".", ",", ";", ":"))
        and opens_like_a_title(first)
    )
    rest = list(items)
    if titled and (not title or first == " ".join(title.split())):
        title = first
        rest.remove(paragraphs[0])
    return [Heading(1, tidy_title(title or name_title(name))), *rest]


#: The title of a document with none, read from stdin.
UNTITLED = "Untitled report"


#: The title of a change log with none (a GNU ChangeLog opens with its newest entry) read
#: from stdin.
UNTITLED_LOG = "ChangeLog"


def name_title(name: str, untitled: str = UNTITLED) -> str:
    """The title a file's name gives a document with none, as a file manager shows it without
    its suffix: 'memo-2024.txt' → 'memo-2024', 'ChangeLog.gz' → 'ChangeLog', a URL's last
    part likewise; ``untitled`` for stdin."""
    from briefcli.importers.containers import unpacked_name

    base = unpacked_name(re.split(r"[/\\]", name.split("?", 1)[0].rstrip("/\\"))[-1])
    stem = base.rsplit(".", 1)[0] if "." in base.strip(".") else base
    return stem if stem and base != "<stdin>" else untitled


#: A release's heading: 'Version 1.95 (2026-04-16)', '[1.2.0] - 2024-01-01', 'v2.0.1',
#: '1.4.0 (2023-05-02)', 'Release 3.1'.
_RELEASE_HEADING = re.compile(r"^\[?(?:version|release|v)?\s?\d+(?:\.\d+)+\b", re.IGNORECASE)


def first_heading_title(headings: list[Heading], name: str) -> str:
    """The title of a document whose first heading is not a title over the rest (several
    headings share the top level): that first heading, unless it and most of the top level are
    releases ('Version 1.95 (2026-04-16)', '[1.2.0] - 2024-01-01'): then it is a changelog,
    titled by its file's name ('RELEASES.md' → 'RELEASES'), as plain text's are, not by its
    newest release; or unless it is a README ('README', not its first section's title)."""
    top = min(h.level for h in headings)
    tops = [h.title for h in headings if h.level == top]
    if len(tops) > 1 and name_title(name).casefold() == "readme":
        # A README whose name is shown by a logo, not a heading ('Compatibility' is Rich's
        # first): the file is what it is.
        return name_title(name)
    releases = sum(1 for title in tops if _RELEASE_HEADING.match(title))
    # ('News about PCRE releases' over them is the title still.)
    first = _RELEASE_HEADING.match(headings[0].title) is not None
    if first and releases >= 2 and releases * 2 >= len(tops):
        return name_title(name, UNTITLED_LOG)
    return headings[0].title


#: The title of the text before the first heading when the report has a section of the name
#: the importer would give it ('Introduction'), or when it is a title page's lines.
FRONT_MATTER = "Front matter"


def assemble(items: list[Item], *, prelude_title: str, title_heading: bool) -> list[Draft]:
    """Sections from a run of headings and paragraphs, in reading order.

    ``title_heading``: the first heading is the document's title when it is the only one at
    the highest level (a Markdown '# Title'); the text under it is the prelude. The highest
    remaining level gives the sections; every deeper heading is a subsection of the section
    above it (a brief has two levels; a deeper heading keeps its own number as its id).
    Headings at a deeper level before the first section are sections of their own.
    """
    headings = [item for item in items if isinstance(item, Heading)]
    title: Heading | None = None
    if title_heading and headings:
        top = min(h.level for h in headings)
        if [h.level for h in headings].count(top) == 1 and headings[0].level == top:
            title = headings[0]
            prelude_title = title.title
    section_level = min((h.level for h in headings if h is not title), default=1)
    prelude = Draft(prelude_title, prelude=True, line=title.line if title else 0)
    drafts: list[Draft] = []
    # Deeper headings before the first section-level one belong to no section: each is a
    # section of its own.
    orphans = True
    for item in items:
        current = drafts[-1] if drafts else prelude
        if isinstance(item, str):
            (current.subs[-1] if current.subs else current).paras.append(item)
        elif item is title:
            continue
        else:
            draft = Draft(item.title, item.number, item.line, item.level, written=item.written)
            if item.level <= section_level or orphans:
                drafts.append(draft)
                orphans = orphans and item.level > section_level
            else:
                current.subs.append(draft)
    if prelude.paras or (title is not None and not drafts):
        taken = {d.title.casefold() for d in drafts} | {
            s.title.casefold() for d in drafts for s in d.subs
        }
        if title is None and prelude.title.casefold() in taken:
            # Two sections called 'Introduction', of which the first is not the report's.
            prelude.title = FRONT_MATTER
        drafts.insert(0, prelude)
    return drafts


#: A section heading numbered without a dot, as LaTeX writes them: '1 Introduction'.
_UNDOTTED = re.compile(r"^(\d{1,3})\s+(\S.*)$")


def _undotted_numbers(drafts: list[Draft]) -> None:
    """Take '1 Introduction', '2 Methods' as numbered sections (LaTeX's style, so most PDFs of
    papers and reports) when the document shows it numbers them: two or more in sequence, or
    one whose subsections are numbered under it ('2.1 Syntax'). A lone '3 ways to …' is
    a title. Headings read as numbered already ('2.1 …', '1. …') are left as they are."""
    found: list[tuple[Draft, re.Match[str]]] = []
    for draft in drafts:
        match = None if draft.prelude or draft.number else _UNDOTTED.match(draft.title)
        if match and opens_like_a_title(match.group(2)):
            found.append((draft, match))
    values = [int(match.group(1)) for _, match in found]
    in_sequence = len(values) >= 2 and all(b == a + 1 for a, b in itertools.pairwise(values))
    under = any(
        sub.number.split("-")[0] == str(value)
        for (draft, _), value in zip(found, values, strict=True)
        for sub in draft.subs
    )
    if not (in_sequence or under):
        return
    for (draft, match), value in zip(found, values, strict=True):
        draft.number, draft.written = str(value), draft.title
        draft.title = tidy_title(match.group(2), numbered=True)


def number(drafts: list[Draft]) -> None:
    """Give every draft its id: the document's own number where it has one that fits (in
    order, not taken), else the next number; subsections '4-1', '4-2' … likewise. Front
    matter before a numbered document's first section is i, ii …; an unnumbered 'Appendix A'
    is A."""
    _undotted_numbers(drafts)
    _fold_cover(drafts)
    taken: set[str] = set()
    own = {d.number for d in drafts if d.number and "-" not in d.number}
    # Which drafts keep their own number is decided among the numbered ones alone: an
    # unnumbered 'Summary' or cover line before '1. Introduction' must not push it to 2.
    keeps: set[int] = set()
    highest = -1
    for index, draft in enumerate(drafts):
        wanted = draft.number if draft.number and "-" not in draft.number else ""
        if not draft.prelude and wanted and int(wanted) > highest:
            keeps.add(index)
            highest = int(wanted)
    # Sections before the first numbered one of a numbered document (a foreword, an
    # executive summary) are its front matter: numbered i, ii, iii … as books number theirs,
    # instead of after its last section, out of order.
    first = min(keeps) if len(keeps) >= 2 else 0
    front = 0
    last = -1
    for index, draft in enumerate(drafts):
        if draft.prelude:
            continue
        if index < first:
            _unnumbered(draft)
            front += 1
            while (value_id := roman(front)) in taken:
                front += 1
            draft.id = value_id
            taken.add(draft.id)
            continue
        if index in keeps:
            value = int(draft.number)
        else:
            _unnumbered(draft)
            letter = _APPENDIX.match(draft.title)
            # Ids are found whatever their case: 'Appendix I' is no 'I' beside front matter 'i'.
            if letter and not {letter.group(1).upper(), letter.group(1).lower()} & taken:
                # 'Appendix A. Schema' is found as A ('brief show A'), as the report names it.
                draft.id = letter.group(1).upper()
                taken.add(draft.id)
                continue
            value = last + 1 if last >= 0 or "0" in own else 1
            while str(value) in taken or str(value) in own:
                value += 1
        draft.id = str(value)
        taken.add(draft.id)
        last = value
    for draft in drafts:
        if draft.prelude:
            draft.id = "0" if "0" not in taken else "intro"
            taken.add(draft.id)
    for draft in drafts:
        _number_subsections(draft, taken)


#: An appendix, annex or exhibit named by a letter: 'Appendix A', 'Annex B: Data', 'Exhibit A'.
_APPENDIX = re.compile(r"^(?i:appendix|annex|annexe|exhibit)\s+([A-Z])(?![\w'’-])")

_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


#: Numbers spelled out, as a book writes its chapters ('CHAPTER ONE', 'Part Two').
NUMBER_WORDS = (
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen", "twenty"),
)
_ROMAN_VALUES = {letters: size for size, letters in _ROMAN if len(letters) == 1}


def number_value(text: str) -> int | None:
    """A chapter's or part's number as written: '12' → 12, 'IV' → 4, 'Twelve' → 12; None for
    what is no number ('civil', 'IIII')."""
    folded = text.casefold()
    if folded.isdecimal():
        return int(folded)
    if folded in NUMBER_WORDS:
        return NUMBER_WORDS.index(folded)
    if not folded or any(char not in _ROMAN_VALUES for char in folded):
        return None
    value = 0
    for char, after in zip(folded, [*folded[1:], ""], strict=True):
        size = _ROMAN_VALUES[char]
        value += -size if after and _ROMAN_VALUES[after] > size else size
    # Only a numeral as written ('IV', not 'IIII' or 'VX'): 'civil' is no number.
    return value if value > 0 and roman(value) == folded else None


def roman(value: int) -> str:
    """``value`` (1 or more) in lower-case Roman numerals: 4 → 'iv', 14 → 'xiv'."""
    out = []
    for size, letters in _ROMAN:
        count, value = divmod(value, size)
        out.append(letters * count)
    return "".join(out)


def _fold_cover(drafts: list[Draft]) -> None:
    """A title page's lines that were read as headings (publisher, author, address: each
    larger or bolder than the text, none with text under it) before the first section of a
    document that numbers its sections become paragraphs of the text before that section,
    in order, instead of empty sections numbered after the last ('4 X Desktop Group')."""
    numbered = [i for i, d in enumerate(drafts) if d.number.isdecimal() and not d.prelude]
    if len(numbered) < 2:
        return
    cover = [d for d in drafts[: numbered[0]] if not d.prelude and not d.number and d.empty()]
    if not cover:
        return
    prelude = drafts[0] if drafts[0].prelude else Draft(FRONT_MATTER, prelude=True)
    for draft in cover:
        prelude.paras += [draft.title, *(sub.title for sub in draft.subs)]
        drafts.remove(draft)
    if not drafts[0].prelude:
        drafts.insert(0, prelude)


def _number_subsections(draft: Draft, taken: set[str]) -> None:
    count = 0
    for sub in draft.subs:
        count += 1
        wanted = sub.number
        if wanted and wanted.split("-")[0] == draft.id and "-" in wanted and wanted not in taken:
            sub.id = wanted
        else:
            _unnumbered(sub)
            while f"{draft.id}-{count}" in taken:
                count += 1
            sub.id = f"{draft.id}-{count}"
        taken.add(sub.id)


def _unnumbered(draft: Draft) -> None:
    """A draft whose own number is not its id keeps the number in its title ('2.0.1 - …')."""
    if draft.written:
        draft.title = draft.written


def give_roles(drafts: list[Draft]) -> None:
    """'Summary' (and the like) → role summary; 'Conclusion(s)' → role conclusion; once each."""
    for role, names in (("summary", SUMMARY_TITLES), ("conclusion", CONCLUSION_TITLES)):
        if any(d.role == role for d in drafts):
            continue
        for draft in drafts:
            if draft.role is None and draft.title.casefold().rstrip(":.") in names:
                draft.role = role
                break


def tidy_title(title: str, *, numbered: bool = False) -> str:
    """A heading's title as shown: spaces squeezed; after a number, a final '.' dropped where
    it only ends the heading ('0. Definitions.' → 'Definitions'; 'U.S.', 'etc.' stay)."""
    title = " ".join(title.split())
    if numbered and re.search(r"[^\W\d_]{4}\.$", title) and not title.endswith(".."):
        title = title[:-1]
    return title


def nested(text: str, lists: list[list[Any]], quote: int) -> str:
    """``text`` as it stands inside open lists (``[ordered, number, items seen]`` each, the
    innermost last, counted on) and ``quote`` levels of block quote, marked as Markdown
    writes it."""
    if lists:
        ordered, count, seen = lists[-1]
        marker = f"{count}. " if ordered else "- "
        depth = sum(len(f"{n}. ") if o else 2 for o, n, _ in lists[:-1])
        lead = " " * depth + (marker if seen == 0 else " " * len(marker))
        lists[-1][2] = seen + 1
        text = lead + text.replace("\n", "\n" + " " * len(lead))
    if quote:
        marks = "> " * quote
        text = "\n".join(f"{marks}{line}".rstrip() for line in text.split("\n"))
    return text
