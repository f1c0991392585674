"""Where a plain-text report's headings are: a scored choice between heading schemes.

Candidates, each read in one pass over the lines:

- **numbered**: goover's ``1.`` / ``2-1.``, RFC-style ``1.`` / ``1.1.`` / ``2.1.1.``, ``Chapter
  3.``; numbers must run in sequence (1, 2, 3 and 2.1, 2.2, never 1 then 300), and a run-in
  heading (``2. Grant of License. Subject to …``) gives its title and the start of its text;
- **underlined**: a line underlined with ``===`` or ``---`` (capitalised lines below them as a
  further level);
- **outline**: Emacs outline ``*`` / ``**`` lines, as in GNU NEWS files, or ``#`` / ``##``
  lines in a text file (read as text: nothing in it is Markdown syntax);
- **lettered**: an outline of Roman numerals over capital letters over numbers (``I.`` /
  ``A.`` / ``1.``), as many policy reports number their parts; each level in sequence;
- **capitalised**: ``NAME`` / ``DESCRIPTION`` lines with indented bodies, as in a man page;
- **margin**, where none of the others finds headings: short capitalised lines at the margin
  over indented text, as lynx and docbook2txt write a page out.

A heading stands after a blank line (in a text that has blank lines), never in a list (a run
of numbered lines) or inside a wrapped paragraph. A table of contents (a run of headings that
comes again below) is no heading: it is skipped, and headings that agree with it count
double, so the choice agrees with the contents where there is one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefcli.importers.draft import (
    CONCLUSION_TITLES,
    CONTENTS_TITLES,
    GLOSSARY_TITLES,
    NUMBER_WORDS,
    SOURCES_TITLES,
    SUMMARY_TITLES,
    Heading,
    number_value,
    numbered_heading,
    opens_like_a_title,
    own_number,
    tidy_title,
)
from briefcli.importers.timeline import DEBIAN_RELEASE, entry_date, sentences

_NUMBERED = re.compile(
    r"^(?:(?P<word>chapter|section|part|article|§)\s*)?"
    r"(?P<num>\d{1,3}(?:[.-]\d{1,3}){0,5})(?P<dot>[.):]?)\s+(?P<title>\S.*)$",
    re.IGNORECASE,
)
#: A chapter or part line: 'CHAPTER 1', 'Chapter 1: Early Widgets', 'CHAPTER ONE', 'Part II —
#: Findings'. The number may be spelled out or Roman only after the word; the title may stand
#: on the line below (see :func:`_word_title`).
_WORD_NUMBERED = re.compile(
    r"^(?P<word>chapter|part|section|article)\s+"
    r"(?P<num>\d{1,3}|[ivxlc]{1,7}|" + "|".join(NUMBER_WORDS) + r")"
    r"(?:\s*[.:]|\s+[-–—]|\s*(?=$))(?:\s+(?P<title>\S.*))?$",
    re.IGNORECASE,
)
#: The end of a sentence inside a line: '. ' after a word of three or more letters (not after
#: 'U.S.' or 'Dr.').
_SENTENCE_STOP = re.compile(r"(?<=[^\W\d_]{3})\. (?=\S)")
#: An underline: three or more of one mark ('.' is Texinfo's rule under a subsubsection;
#: '`' numpydoc's under '1. Short summary', four or more, as '```' opens Markdown's code).
UNDERLINE = re.compile(r"^(?:([=\-~^*+#.])\1{2,}|(`)\2{3,})$")
_OUTLINE = re.compile(r"^(\*{1,4}|#{1,6}) (\S.*)$")
_LETTERS = re.compile(r"[^\W\d_].*[^\W\d_]")
#: Longest heading title; a longer line is text.
MAX_TITLE = 200
#: Most words in a heading that ends in '.' (a longer one is a sentence: a list item, text).
MAX_DOTTED_WORDS = 20
#: Most words in a run-in heading's title ('Grant of Patent License.').
MAX_RUN_IN_WORDS = 8


@dataclass(slots=True)
class Line:
    """One line of the report: its tidied text without a bullet, whether it had one, its
    indent and raw form (for underlines and outline stars), and its 1-based number."""

    text: str
    bulleted: bool
    indent: int
    raw: str
    number: int


@dataclass
class Scheme:
    """The chosen headings (by line index), lines to skip (underlines, the contents), and
    outline lines that are list items, with their text without the marks."""

    name: str = ""
    headings: dict[int, Heading] = field(default_factory=dict)
    skip: set[int] = field(default_factory=set)
    score: float = 0.0
    items: dict[int, str] = field(default_factory=dict)
    #: Lines that end their paragraph (a ChangeLog entry's summary line).
    breaks: set[int] = field(default_factory=set)
    #: The first heading is no title (a GNU ChangeLog's first year): the report has none.
    untitled: bool = False
    #: Part headings ('Part II — Findings') over sections numbered on their own: heading line
    #: (1-based) → the part's number, which is no section number.
    parts: dict[int, int] = field(default_factory=dict)


def norm(title: str) -> str:
    """A title compared loosely: case, spaces and final punctuation ignored."""
    return " ".join(title.casefold().split()).rstrip(".:")


def choose(lines: list[Line | None], title_at: int | None = None) -> Scheme:
    """The heading scheme that explains the text best; an empty Scheme when none does.

    ``title_at``: the index of the text's first line. An underlined heading there is a title,
    and a title over the text is structure enough (a one-section brief, as from Markdown).
    """
    # A text 'has blank lines' when they separate its paragraphs (one in ten lines or more),
    # not when one blank line sets off a header.
    log = changelog(lines)
    if log.name:
        return log  # its entry lines are all its margin holds: nothing else explains it
    blank = sum(1 for line in lines if line is None)
    blanks = blank * 10 >= len(lines) - blank
    contents = _contents(lines)
    best = Scheme()
    agreed = 0
    found = []
    for finder in (_numbered, _underlined, _outline, _lettered, _capitalised, _parts):
        scheme = finder(lines, blanks, contents)
        alone = scheme.name == "numbered" or (
            scheme.name == "underlined" and list(scheme.headings) == [title_at]
        )
        if len(scheme.headings) >= (1 if alone else 2):
            found.append(scheme)
    if len(found) > 1 and found[0].name == "numbered" and _a_list(found[0], lines, blanks):
        # Numbered items of a list under headings of another kind ('RECOMMENDATIONS' over
        # '1. Governments should …'): those headings are the report's.
        del found[0]
    for scheme in found:
        titles = {norm(t) for t in contents.values()}
        agree = sum(1 for h in scheme.headings.values() if norm(h.title) in titles)
        scheme.score = len(scheme.headings) + 2 * agree
        scheme.skip |= set(contents)
        if scheme.score > best.score:
            best, agreed = scheme, agree
    listed = _listed(lines, blanks, contents)
    if len(listed.headings) >= 2:
        top = min((h.level for h in best.headings.values()), default=1)
        if agreed >= 2 or (best.name == "numbered" and agreed):
            # The contents list the chosen headings and others beside them ('Appendix A.'
            # after '4. References', 'Description' under 'Chapter 1. Synchronization'):
            # both are headings.
            for index, heading in listed.headings.items():
                if index not in best.headings and index not in best.skip:
                    heading.level += top - 1
                    best.headings[index] = heading
            best.headings = dict(sorted(best.headings.items()))
        elif 3 * len(listed.headings) > best.score:
            listed.skip |= set(contents)
            best = listed
    if best.name in ("numbered", "lettered"):
        _add_part_titles(best, lines, blanks, contents, title_at)
    titled_only = best.name == "underlined" and list(best.headings) == [title_at]
    if not best.name or titled_only:
        # Only where no other scheme finds structure: release lines ('Version 4.3.0 released
        # …') are plain lines, and a text with other headings has them for its own reasons
        # (gzip's NEWS: its older releases, under GNU outline headings for the newer). A
        # title over them is none of those headings (AnyIO's 'Version history', underlined,
        # over '**4.16.0**' …).
        releases = _releases(lines, blanks, contents)
        if len(releases.headings) >= 2:
            releases.skip |= set(contents)
            best = releases
    if not best.name:
        # Only where no other scheme finds structure: its headings are the least marked.
        margin = _margin(lines, blanks, contents)
        if len(margin.headings) >= _MARGIN_HEADINGS:
            margin.skip |= set(contents)
            best = margin
    return best


#: The titles of the parts a report has besides its numbered sections (compared as :func:`norm`
#: compares), as its front matter ('Executive Summary', 'Foreword') or back matter
#: ('Recommendations', 'Notes', 'References').
PART_TITLES = frozenset(
    (
        *SUMMARY_TITLES,
        *CONCLUSION_TITLES,
        *GLOSSARY_TITLES,
        *SOURCES_TITLES,
        "key findings",
        "main findings",
        "summary of findings",
        "foreword",
        "preface",
        "introduction",
        "acknowledgements",
        "acknowledgments",
        "acknowledgement",
        "acknowledgment",
        "abbreviations",
        "acronyms",
        "abbreviations and acronyms",
        "acronyms and abbreviations",
        "list of abbreviations",
        "list of acronyms",
        "recommendations",
        "policy recommendations",
        "key recommendations",
        "summary of recommendations",
        "notes",
        "endnotes",
        "appendix",
        "appendices",
        "annex",
        "annexes",
        "about the author",
        "about the authors",
    )
)
#: An appendix line: 'Appendix A', 'Annex 2: Tables', 'APPENDIX B — Methodology', a licence's
#: 'Exhibit A - Source Code Form License Notice', and one without a letter when a colon or
#: dash follows the word ('APPENDIX: How to apply the Apache License to your work.', the
#: GFDL's 'ADDENDUM: How to use this License for your documents').
_APPENDIX = re.compile(
    r"^(?:appendix|annex|annexe|exhibit|addendum)"
    r"(?:\s+(?:(?-i:[A-Z])|\d{1,2}|[ivx]{1,5})(?:\s*[.:]|\s+[-–—]|(?=\s|$))|\s*:|\s+[-–—])"
    r"(?:\s+(?P<title>\S.*))?$",
    re.IGNORECASE,
)


#: The first words of the part titles: a line that opens otherwise is none.
_PART_OPENERS = frozenset(
    {title.split()[0] for title in PART_TITLES}
    | {"appendix", "annex", "annexe", "exhibit", "addendum"}
)


def part_title(text: str) -> bool:
    """Whether ``text`` names one of a report's parts: 'Executive Summary', 'Key Findings',
    'Acknowledgements', 'Appendix A: Methodology', 'Annex 2' (a whole line, any case)."""
    if len(text) > MAX_TITLE or text.endswith((",", ";")):
        return False
    first = text.split(None, 1)[0].casefold() if text else ""
    if first.rstrip(".:") not in _PART_OPENERS:
        return False  # most lines: read no further
    if norm(text) in PART_TITLES:
        return not text.endswith(".")  # 'Summary.' is a sentence's end
    match = _APPENDIX.match(text)
    if match is None:
        return False
    title = match["title"] or ""
    return not title or (
        opens_like_a_title(title)
        and len(title.split()) <= MAX_TITLE_WORDS
        and not _SENTENCE_STOP.search(title)
    )


def _add_part_titles(
    scheme: Scheme,
    lines: list[Line | None],
    blanks: bool,
    contents: dict[int, str],
    title_at: int | None,
) -> None:
    """Make a numbered report's part lines headings at its top level: 'Executive Summary'
    before its first numbered heading, 'Recommendations', 'Notes' after its last, 'Appendix
    A' anywhere after its first; each standing where a heading may (after a blank line, at
    the margin of its headings). Between two numbered headings a part line is their text
    ('Summary' above a section's last paragraph)."""
    if not scheme.headings:
        return
    # The numbered headings bound the body; others (an 'Appendix A.' the contents list) may
    # stand among the back matter.
    numbered = [index for index, h in scheme.headings.items() if h.number] or list(scheme.headings)
    first, last = min(numbered), max(numbered)
    top = min(h.level for h in scheme.headings.values())
    margin = min(line.indent for i in scheme.headings if (line := lines[i]) is not None)
    found = {}
    for index, line in enumerate(lines):
        if (
            line is None
            or line.bulleted
            or line.indent > margin
            or index in scheme.headings
            or index in scheme.skip
            or index in contents
            or (title_at is not None and index <= title_at)
            or not part_title(line.text)
        ):
            continue
        appendix = _APPENDIX.match(line.text) is not None or norm(line.text).startswith("append")
        if not (index < first or index > last or (appendix and index > first)):
            continue
        if _opens(lines, index, blanks, scheme.headings):
            text = line.text
            match = _APPENDIX.match(text)
            if match is not None and not match["title"]:
                # 'APPENDIX A' over 'Methodology': the title below is the appendix's.
                title, at = _word_title(lines, index)
                if at is not None and at not in scheme.headings:
                    text = f"{text} {title}"
                    scheme.skip.add(at)
            found[index] = Heading(top, tidy_title(text), "", line.number)
    if found:
        scheme.headings = dict(sorted({**scheme.headings, **found}.items()))


#: A section number at the start of a line ('2.1.  <abstract>'), which the numbered scheme
#: reads where it reads one.
_SECTION_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{1,3})*\.?\s")


#: A contents entry's number, of any kind: 'IX. ', 'B.1. ', '2.3 ' (a letter only with its
#: dot: 'B 9' is an entry 'B' for page 9).
_ENUMERATOR = re.compile(
    r"^(?:(?:[IVXLC]+|[A-Z])(?:\.(?:[A-Z]|\d{1,3}))*\.|\d{1,3}(?:\.\d{1,3})*\.?)\s+(?=\S)"
)


def _listed(lines: list[Line | None], blanks: bool, contents: dict[int, str]) -> Scheme:
    """Headings that a table of contents lists ('Introduction ..... 3', '1 Introduction
    ..... 1', as LaTeX numbers them) and that come again below it as lines of their own, in
    order. A numbered entry is as deep as its number ('2.1'); another, indented under the
    others, is a subsection."""
    scheme = Scheme("listed")
    # An entry's depth is where its title starts, after any number ('  IX. Changes', right
    # aligned as libpng's manual writes them, is no deeper than 'VIII. Changes').
    starts = {
        index: len(line.raw) - len(_ENUMERATOR.sub("", line.raw.lstrip()))
        for index in contents
        if (line := lines[index]) is not None
    }
    entries = []
    for index, title in contents.items():
        line = lines[index]
        words = _ENUMERATOR.sub("", title) if _SECTION_NUMBER.match(title) else title
        if (
            line is None
            or not opens_like_a_title(words)
            or not _LETTERS_ANY.search(words)
            or words.startswith("<")  # markup ('<bullet_list>'); '2.1. <abstract>' is numbered
        ):
            continue
        number = _SECTION_NUMBER.match(line.text)
        own = number.group().strip().rstrip(".") if number else ""
        entries.append((index, starts[index], own, norm(tidy_title(title))))
    if len(entries) < 3:
        return scheme
    margin = min(starts.values())
    wanted = {title for *_, title in entries}
    at = 0
    for index in range(max(contents) + 1, len(lines)):
        line = lines[index]
        if at >= len(entries):
            break
        if line is None or line.bulleted or len(line.text) > MAX_TITLE:
            continue
        if blanks and lines[index - 1] is not None:
            continue  # a heading stands alone
        found = _numbered_match(line)
        title = norm(tidy_title(found[1] if found else line.text))
        # An entry left out below (a heading written otherwise) is passed over.
        number = _SECTION_NUMBER.match(line.text)
        for ahead in range(at, min(at + _CONTENTS_LOOKAHEAD, len(entries))):
            _, start, own, entry = entries[ahead]
            # A numbered entry comes again with its number ('11. Security Considerations',
            # not a lone 'Security considerations:' above it).
            if title != entry or own != (number.group().strip().rstrip(".") if number else ""):
                continue
            after = lines[index + 1] if index + 1 < len(lines) else None
            if blanks and after is not None and norm(tidy_title(after.text)) in wanted:
                break  # in a list of entries (a chapter's own contents), not a heading
            level = own.count(".") + 1 if own else (1 if start <= margin else 2)
            scheme.headings[index] = numbered_heading(level, line.text, line.number)
            at = ahead + 1
            break
    return scheme


#: A letter anywhere.
_LETTERS_ANY = re.compile(r"[^\W\d_]")


def _opens(lines: list[Line | None], index: int, blanks: bool, taken: dict[int, Heading]) -> bool:
    """Whether a heading may stand at ``index``: after a blank line, the start of the text or
    another heading (in a text without blank lines, anywhere)."""
    if not blanks or index == 0:
        return True
    return lines[index - 1] is None or (index - 1) in taken


def _numbered_match(line: Line, *, paren: bool = False) -> tuple[list[int], str, str, str] | None:
    """(number parts, title, run-in text, the word before the number, such as 'chapter', or '')
    of a numbered line. A chapter or part line without a title ('CHAPTER ONE') has title ''.
    ``paren``: '1) Summary' and '3.1) Customers' are numbered too (see :func:`_numbered`)."""
    match = _NUMBERED.match(line.text)
    if match is None or (match["word"] and _WORD_NUMBERED.match(line.text)):
        return _word_match(line.text)
    num, dot, title = match["num"], match["dot"], match["title"].strip()
    single = not re.search(r"[.-]", num)
    if dot == ":" and not match["word"]:
        return None  # 'Section 3.1: Costs' is a heading; '3.1: …' alone may be a time or a verse
    if paren:
        if dot != ")":
            return None
    elif dot == ")" or (single and dot != "." and not match["word"]):
        return None
    rest = ""
    if stop := _SENTENCE_STOP.search(title):
        head, tail = title[: stop.start()], title[stop.end() :]
        if len(head.split()) <= MAX_RUN_IN_WORDS and head[:1].isupper() and tail[:1].isupper():
            title, rest = head + ".", tail
        else:
            return None
    if len(title) > MAX_TITLE or title.endswith((",", ";")):
        return None
    if not (opens_like_a_title(title) or title[:1] == "."):
        return None
    if title.endswith(".") and len(title.split()) > MAX_DOTTED_WORDS:
        return None
    parts = [int(p) for p in re.split(r"[.-]", num)]
    return parts, title, rest, (match["word"] or "").casefold()


def _wrapped_question(lines: list[Line | None], index: int) -> int | None:
    """Where a numbered question that wraps onto the next line ends ('4.3. How do I convert
    files with toggle characters, like +this+, to' over 'look like [i]this[/i]?', as a FAQ
    writes them): that line, when a blank line follows it; else None."""
    after = lines[index + 1] if index + 1 < len(lines) else None
    below = lines[index + 2] if index + 2 < len(lines) else None
    line = lines[index]
    if line is None or after is None or below is not None or after.bulleted:
        return None
    if line.text.endswith((".", "?", ":")) or not after.text.endswith("?"):
        return None
    return index + 1 if len(line.text) + len(after.text) <= MAX_TITLE else None


def _text_at(lines: list[Line | None], index: int) -> str:
    """The text of the line at ``index`` ('' for a blank one)."""
    line = lines[index]
    return line.text if line is not None else ""


def _comma_clause(line: Line) -> tuple[list[int], str, str, str] | None:
    """A numbered line whose sentence breaks at a comma at the line's end ('3. You may copy
    and distribute the Program (or a work based on it,'), which :func:`_numbered_match` takes
    for no heading: a clause, if :func:`_clause_title` finds the sentence going on below."""
    match = _NUMBERED.match(line.text)
    if match is None or match["word"] or match["dot"] != ".":
        return None
    title = match["title"].strip()
    if not title.endswith((",", ";")) or not opens_like_a_title(title) or len(title) > MAX_TITLE:
        return None
    if _SENTENCE_STOP.search(title):
        return None
    return [int(p) for p in re.split(r"[.-]", match["num"])], title, "", ""


def _word_match(text: str) -> tuple[list[int], str, str, str] | None:
    """A chapter or part line ('Chapter 1: Early Widgets', 'PART II — Findings', 'CHAPTER
    ONE'), read as :func:`_numbered_match` reads a numbered line."""
    match = _WORD_NUMBERED.match(text)
    if match is None:
        return None
    value = number_value(match["num"])
    title = (match["title"] or "").strip()
    if value is None or len(title) > MAX_TITLE or title.endswith((",", ";")):
        return None
    if title and not opens_like_a_title(title):
        return None  # 'Part one of the plan was …'
    if title.endswith(".") and len(title.split()) > MAX_DOTTED_WORDS:
        return None
    return [value], title, "", match["word"].casefold()


#: A contents entry's page number: after dot leaders ('Trade ........ 7'), two spaces or
#: one ('Introduction 3'); Roman for the front matter's pages ('Foreword iii').
_PAGE_NUMBER = re.compile(r"(?:\s*(?:\.\s?){2,}|\s*…+|\s+)\s*(?:\d{1,4}|[ivxlc]{1,7})$")


def _entry_forms(title: str) -> tuple[str, str]:
    """A contents entry compared loosely, with and without a trailing page number: 'Annex 2'
    may be a title, 'Introduction 3' an entry for page 3."""
    whole = norm(tidy_title(title))
    return whole, norm(tidy_title(_PAGE_NUMBER.sub("", title))) or whole


def _paged(line: Line) -> bool:
    """Whether ``line`` ends in a page number after dot leaders or a wide gap, as a contents
    entry does ('Introduction ........ 3', 'Introduction     3')."""
    return re.search(r"(?:\.\s?){3,}\s*\S+$|\S {2,}\S+$|…\s*\S+$", line.text) is not None and (
        _PAGE_NUMBER.search(line.text) is not None
    )


#: A table of contents starts within this many lines of the top.
CONTENTS_WITHIN = 1000


def _contents(lines: list[Line | None]) -> dict[int, str]:
    """The table of contents: line index → entry title, for a run of at least three numbered
    lines near the top, before any other numbered line (blank lines between them allowed,
    nothing else), whose entries come again below, in order (four in five of them at least).
    Entries without numbers after a 'Contents' line count too, as do entries that end in a
    page number after dot leaders or a wide gap ('Executive Summary ....... 2'). An entry's
    page number ('Introduction 3') is no part of its title where the title comes again
    without it."""
    run: list[tuple[int, str]] = []
    after_label = False
    for index, line in enumerate(lines[:CONTENTS_WITHIN]):
        if line is None:
            continue
        found = _numbered_match(line)
        title = found[1] if found else line.text
        if run and _entry_forms(title)[0] in _entry_forms(run[0][1]):
            if len(run) >= 3 and (seen := _repeated(lines, run, index)):
                return _entries(run, seen)  # the first entry again: the body starts here
            run = []
        if (found is not None and not line.bulleted) or (
            (after_label or _paged(line)) and len(line.text) <= 100 and not line.bulleted
        ):
            run.append((index, title))
            continue
        if len(run) >= 3 and (seen := _repeated(lines, run, index)):
            return _entries(run, seen)
        if run and not after_label:
            return {}  # numbered lines that are no contents come first: there is none
        run = []
        after_label = line.text.casefold().rstrip(":") in CONTENTS_TITLES
    return {}


def _entries(run: list[tuple[int, str]], seen: list[str | None]) -> dict[int, str]:
    """The contents' entries by line (as many as ``seen`` holds), each titled as it comes
    again below: without its page number where that is how it comes again."""
    out = {}
    for (index, title), again in zip(run, seen, strict=False):
        whole, bare = _entry_forms(title)
        out[index] = _PAGE_NUMBER.sub("", title).strip() if again == bare != whole else title
    return out


#: How far ahead of the next entry a heading below may match one: an entry the body writes
#: otherwise ('EXTRACTS (Supplied by …)') does not hold up the ones after it.
_CONTENTS_LOOKAHEAD = 3


def _repeated(lines: list[Line | None], run: list[tuple[int, str]], end: int) -> list[str | None]:
    """How the entries of ``run`` that are contents come again below line ``end`` (None for
    one passed over): those up to the last that comes again, in order, when four in five of
    them do; [] when fewer than three. Lines after the last such entry (a transcriber's note
    after the contents) are text."""
    wanted = [_entry_forms(title) for _, title in run]
    seen: list[str | None] = [None] * len(run)
    matched = at = 0
    for index in range(end, len(lines)):
        line = lines[index]
        if at >= len(wanted):
            break
        if line is None or len(line.text) > MAX_TITLE:
            continue
        found = _numbered_match(line)
        title = norm(tidy_title(found[1] if found else line.text))
        for ahead in range(at, min(at + _CONTENTS_LOOKAHEAD, len(wanted))):
            if title in wanted[ahead]:
                seen[ahead] = title
                matched, at = matched + 1, ahead + 1
                break
    return seen[:at] if at >= 3 and matched * 5 >= at * 4 else []


def _numbered(
    lines: list[Line | None], blanks: bool, contents: dict[int, str], *, restart: bool = False
) -> Scheme:
    """Numbered headings. ``restart``: each part numbers its chapters from 1 again ('Part
    Two' over 'Chapter 1'), so a part is a section and its chapters subsections ('2-1').

    A ')' after a number ('1) Summary') marks a list item, unless nothing is numbered as a
    heading otherwise: then numbers closed by ')' are the headings (an incident review's
    '1) Summary' … '8) Conclusion' over '3.1) Customers'), in sequence as any numbered
    headings are, so that a list ('1) Add expiry alerts …' under '7) Actions') is no step."""
    scheme = _numbered_by(lines, blanks, contents, restart=restart, paren=False)
    if len(scheme.headings) < 2 and not restart:
        closed = _numbered_by(lines, blanks, contents, restart=False, paren=True)
        if len(closed.headings) >= 2:
            return closed
    return scheme


def _numbered_by(
    lines: list[Line | None],
    blanks: bool,
    contents: dict[int, str],
    *,
    restart: bool,
    paren: bool,
) -> Scheme:
    """Numbered headings as :func:`_numbered` finds them; ``paren``: those closed by ')'."""
    scheme = Scheme("numbered")
    path: list[int] = []
    part = 0  # the last part's number ('Part II'): parts run in sequence of their own
    # Parts after which the numbers start again at 1: more than none, and each part
    # numbers its own chapters.
    restarts = 0
    after_part = False
    # The numbered lines that were not headings since the last heading, by depth: the last
    # one's number and shape (indent, bullet, 'Chapter'), how many in a row, whether they
    # stood on adjacent lines, and where the last one is. The next number after two or
    # more of them, in the same shape, continues that list, unless the list was tight and a
    # blank line ends it. After a single '1.' the next number is the next heading (a list of
    # one item is rare; a list of several is not).
    rejected: dict[int, tuple[int, tuple[int, bool, bool], int, bool, int]] = {}
    for index, line in enumerate(lines):
        if line is None or index in contents or index in scheme.skip:
            continue
        found = _numbered_match(line, paren=paren) or (None if paren else _comma_clause(line))
        if found is None:
            continue
        parts, title, rest, word = found
        if title.endswith((",", ";")) and _clause_title(lines, index, title) is None:
            continue  # '3. apples,' in a list: the comma is the list's
        title_at = None
        if not title:
            title, title_at = _word_title(lines, index)
        if word == "part":
            # A part holds chapters or sections numbered on across the parts: its number is
            # no section number (see Scheme.parts).
            if parts[0] in (part + 1, 0 if not part else -1) and _opens(
                lines, index, blanks, scheme.headings
            ):
                written = tidy_title(line.text if title_at is None else f"{line.text} {title}")
                heading = Heading(1, tidy_title(title or line.text), "", line.number)
                heading.written = written
                scheme.headings[index] = heading
                if restart:
                    heading.number, path = str(parts[0]), []
                else:
                    scheme.parts[line.number] = parts[0]
                if title_at is not None:
                    scheme.skip.add(title_at)
                part, after_part = parts[0], True
            continue
        depth = len(parts)
        shape = (line.indent, line.bulleted, bool(word))
        if parts[-1] == 1 and not word and _led_in(lines, index):
            # 'We recommend the following:' over '1. Governments should …': a list its
            # lead-in announces. Its items go on after blank lines, however many there are.
            rejected[depth] = (1, shape, 2, False, index)
            continue
        fits = _fits(path, parts)
        if after_part and not fits and path and depth == 1 and parts[0] in (0, 1):
            restarts += 1
        after_part = False
        last = rejected.get(depth)
        continues = last is not None and last[:2] == (parts[-1] - 1, shape)
        adjacent = last is not None and last[4] == index - 1
        listed = (
            continues and last is not None and last[2] >= 2 and (adjacent or not last[3])
        ) or _in_run(lines, index, parts)
        if fits and not listed and _opens(lines, index, blanks, scheme.headings):
            number = own_number(".".join(map(str, parts)))
            short = _clause_title(lines, index, title) if title_at is None else None
            if title_at is None and not rest and (question := _wrapped_question(lines, index)):
                # '4.3. How do I convert files with …, to' over 'look like [i]this[/i]?'
                title_at, title = question, f"{title} {_text_at(lines, question)}"
                short = None
            if title_at is not None:
                written = tidy_title(f"{line.text} {title}")
                scheme.skip.add(title_at)
            elif short is not None:
                # A clause: its sentence is its text, whole; its title is short.
                rest = f"{title} {rest}".strip()
                title = short
                cut = line.text[: len(line.text) - len(rest)] if rest else line.text
                written = tidy_title(f"{cut.strip()} {short}")
            else:
                written = tidy_title(line.text if not rest else line.text[: -len(rest)])
            shown = tidy_title(title or line.text, numbered=True)
            if restart and part:
                depth, number = depth + 1, f"{part}-{number}"
            heading = Heading(depth, shown, number, line.number, rest, written)
            scheme.headings[index] = heading
            path = parts
            rejected = {}
        elif continues and last is not None:
            rejected[depth] = (parts[-1], shape, last[2] + 1, last[3] and adjacent, index)
        else:
            rejected[depth] = (parts[-1], shape, 1, True, index)
    if restarts and not restart:
        return _numbered_by(lines, blanks, contents, restart=True, paren=paren)
    if scheme.parts and len(scheme.parts) == len(scheme.headings):
        # Parts and nothing numbered inside them: the parts are the sections, numbered so.
        for heading in scheme.headings.values():
            heading.number = str(scheme.parts[heading.line])
        scheme.parts = {}
    _drop_inner_parts(scheme, lines)
    return scheme


#: A definition's term at the start of a clause, in quotes, and the verb that defines it:
#: '"Contributor" means …', '"You" (or "Your") shall mean …', '“Work” includes …'.
_DEFINED_TERM = re.compile(
    r"^[\"“'‘](?P<term>[^\"”'’]{1,60})[\"”'’](?:\s*\([^()]{0,80}\))?,?\s+"
    r"(?:shall\s+)?(?:means?|includes?|refers?\s+to|has\s+the\s+meaning)\b"
)
#: Most words of a clause's title made from its opening words ('This License applies to …').
_CLAUSE_TITLE_WORDS = 6


def _clause_title(lines: list[Line | None], index: int, title: str) -> str | None:
    """A short title for a numbered line that is the start of a clause, not a heading (as
    licences and contracts write them: '1.1. "Contributor" means each entity that creates or
    contributes to' over the rest of the sentence): the defined term ('Contributor'), or the
    clause's first words and '…'. None for a heading ('1. Definitions.', 'Protecting Users'
    Legal Rights From Anti-Circumvention Law.')."""
    if defined := _DEFINED_TERM.match(title):
        return defined["term"].strip()
    words = title.split()
    if len(words) <= MAX_RUN_IN_WORDS:
        return None
    after = lines[index + 1] if index + 1 < len(lines) else None
    if after is None or after.bulleted or _numbered_match(after) is not None:
        return None  # no sentence goes on below it
    if title.endswith((".", ":", "?", "!")):
        return None  # a sentence that ends on its line: a long heading, or left as it is
    # A sentence is mostly small words; a heading (even a long one) capitalises them. A
    # licence's disclaimer is in capitals, over more of them ('11. BECAUSE THE PROGRAM IS
    # LICENSED FREE OF CHARGE, THERE IS NO WARRANTY').
    small = sum(1 for word in words if word[:1].islower())
    shouted = title.isupper() and after.text.isupper()
    if small * 2 < len(words) and not shouted:
        return None
    return " ".join(words[:_CLAUSE_TITLE_WORDS]).rstrip(",;:") + " …"


def _drop_inner_parts(scheme: Scheme, lines: list[Line | None]) -> None:
    """Part lines over a subsection ('Part 2: Costs' before '3.2 Fuel') are no parts: a part
    holds whole sections. They are text."""
    if not scheme.parts:
        return
    following: Heading | None = None  # the next heading that is no part, from the end
    for index in reversed(list(scheme.headings)):
        heading = scheme.headings[index]
        if heading.line not in scheme.parts:
            following = heading
        elif following is not None and following.level > 1:
            del scheme.headings[index]
            del scheme.parts[heading.line]
            line = lines[index]
            if line is not None and heading.written != tidy_title(line.text):
                scheme.skip.discard(_title_line(lines, index))


def _title_line(lines: list[Line | None], index: int) -> int:
    """Where the title of the chapter or part line at ``index`` stands (see _word_title)."""
    return _word_title(lines, index)[1] or index


#: Most words in a chapter's title on the line below its number ('CHAPTER ONE' / 'Early
#: Widgets'): a longer line is its text.
MAX_TITLE_WORDS = 12


def _word_title(lines: list[Line | None], index: int) -> tuple[str, int | None]:
    """The title of a chapter or part line that has none ('CHAPTER 1'), and where it stands:
    the next line, right below or after one blank line, when it reads as a title (short, no
    sentence, a blank line or the end after it); else '' (the line is its own title)."""
    for at in (index + 1, index + 2):
        line = lines[at] if at < len(lines) else None
        if line is None:
            continue
        after = lines[at + 1] if at + 1 < len(lines) else None
        if (
            not line.bulleted
            and len(line.text.split()) <= MAX_TITLE_WORDS
            and opens_like_a_title(line.text)
            and not line.text.endswith((".", ",", ";", ":"))
            and (at == index + 1 or after is None)
            and _numbered_match(line) is None
        ):
            return line.text, at
        break
    return "", None


#: A numbered item of a list: a sentence of at most this many lines.
_ITEM_LINES = 3


def _a_list(scheme: Scheme, lines: list[Line | None], blanks: bool) -> bool:
    """Whether numbered 'headings' are the items of a list: two thirds of the top ones or
    more a sentence of a line or a few (it ends with a full stop, or wraps), with nothing
    under it before the next. ('RECOMMENDATIONS' over '1. Governments should map aquifers
    …', '2. Donors should fund …'.) A section has text or subsections under its heading; a
    licence's clause is a paragraph of many lines."""
    top = min((h.level for h in scheme.headings.values()), default=1)
    at = sorted(i for i, h in scheme.headings.items() if h.level == top)
    if len(at) < 2:
        return False
    items = 0
    for index, end in zip(at, [*at[1:], len(lines)], strict=True):
        # The heading's own lines: its paragraph, where blank lines part paragraphs.
        stop = index + 1
        while blanks and stop < end and (next_line := lines[stop]) is not None:
            if next_line.bulleted:
                break
            stop += 1
        own = stop - index
        below = any(line is not None for line in lines[stop:end])
        line = lines[index]
        sentence = line is not None and (line.text.endswith(".") or own > 1)
        if sentence and own <= _ITEM_LINES and not below:
            items += 1
    return 3 * items >= 2 * len(at)


#: A lead-in is a sentence: 'Notes:' or 'Contents:' alone is a label, which a heading may
#: follow.
_LEAD_IN_WORDS = 3


def _fits(path: list[int], parts: list[int]) -> bool:
    """Whether ``parts`` is the next number after ``path``: 3 after 2.4, 2.5 after 2.4, 2.4.1
    after 2.4; the first section is 0 or 1, a first subsection 0 or 1."""
    depth = len(parts)
    if not path:
        return depth == 1 and parts[0] in (0, 1)
    if depth <= len(path):
        return parts[:-1] == path[: depth - 1] and parts[-1] == path[depth - 1] + 1
    return depth == len(path) + 1 and parts[:-1] == path and parts[-1] in (0, 1)


def _led_in(lines: list[Line | None], index: int) -> bool:
    """Whether the line before ``index`` (a blank line between or none) is prose that ends
    with ':', leading into a list: 'The following list is what changes:'."""
    before = index - 1
    if before >= 0 and lines[before] is None:
        before -= 1
    if before < 0 or (line := lines[before]) is None:
        return False
    return line.text.endswith(":") and len(line.text.split()) >= _LEAD_IN_WORDS


def _in_run(lines: list[Line | None], index: int, parts: list[int]) -> bool:
    """Whether the line next to this one (no blank between) is numbered one before or one
    after it, at the same depth: a list, not a heading."""
    for neighbour, step in ((index - 1, -1), (index + 1, 1)):
        if 0 <= neighbour < len(lines) and (line := lines[neighbour]) is not None:
            found = _numbered_match(line)
            if (
                found
                and len(found[0]) == len(parts)
                and found[0][:-1] == parts[:-1]
                and found[0][-1] == parts[-1] + step
            ):
                return True
    return False


def _underlined(lines: list[Line | None], blanks: bool, contents: dict[int, str]) -> Scheme:
    scheme = Scheme("underlined")
    levels: list[str] = []  # the underline styles, in the order met
    for index in range(len(lines) - 1):
        line, under = lines[index], lines[index + 1]
        if line is None or under is None or line.bulleted or index in contents:
            continue
        match = UNDERLINE.match(under.raw.strip())
        if match is None or UNDERLINE.match(line.raw.strip()) or len(line.text) > 120:
            continue
        if not len(line.text) / 2 <= len(under.raw.strip()) <= 2 * len(line.text) + 4:
            continue
        # After text with no blank line between, only an underline as long as its line (give or
        # take a few characters) makes a heading: a writer's underline, not a separator.
        close = abs(len(under.raw.strip()) - len(line.text)) <= 3
        # reStructuredText's title style: the same rule above the line as below it.
        over = lines[index - 1] if index else None
        overlined = over is not None and over.raw.strip() == under.raw.strip()
        if not (close or overlined or _opens(lines, index, blanks, scheme.headings)):
            continue
        # reStructuredText tells '=' over and under a title from '=' under it alone: two
        # styles, two levels (Babel's and Pygments' manuals set their title so, their
        # sections with '=' under them).
        style = (match.group(1) or match.group(2)) + ("/overlined" if overlined else "")
        if style not in levels:
            levels.append(style)
        level = levels.index(style) + 1
        scheme.headings[index] = numbered_heading(level, line.text, line.number)
        scheme.skip.add(index + 1)
        if overlined:
            scheme.skip.add(index - 1)
    if scheme.headings:
        deeper = len(levels) + 1
        first = min(scheme.headings)
        capitals = {
            index: Heading(deeper, line.text, "", line.number)
            for index, line in enumerate(lines)
            if index > first
            and line is not None
            and index not in scheme.headings
            and index not in scheme.skip
            and _capitalised_line(line)
            and _opens(lines, index, True, {})
            and (index + 1 >= len(lines) or lines[index + 1] is None)
        }
        if len(capitals) >= 2:
            scheme.headings.update(capitals)
            scheme.headings = dict(sorted(scheme.headings.items()))
    return scheme


#: The marks of a lettered outline's levels: 'III. Findings', 'B. Fleet', '2. Capacity'.
_LETTERED = (
    re.compile(r"^(?P<mark>[IVXLC]{1,7})\.\s+(?P<title>\S.*)$"),
    re.compile(r"^(?P<mark>[A-Z])\.\s+(?P<title>\S.*)$"),
    re.compile(r"^(?P<mark>\d{1,2})\.\s+(?P<title>\S.*)$"),
)


def _lettered(lines: list[Line | None], blanks: bool, contents: dict[int, str]) -> Scheme:
    """An outline numbered 'I.' / 'A.' / '1.': Roman numerals for the sections, capital
    letters for their subsections and numbers below those, each level running in sequence
    from its first mark under the heading above it. A mark out of sequence, or before a
    sentence rather than a title ('A. Replace the two oldest vessels by 2029 with …'), is a
    list item: text. 'I.', 'V.' and 'C.' are Roman where the next section is due, letters
    where the next subsection is."""
    scheme = Scheme("lettered")
    due = [1, 1, 1]  # the next mark's value at each level
    depth = 0  # the level of the last heading; a level opens only under the one above it
    for index, line in enumerate(lines):
        if line is None or line.bulleted or index in contents:
            continue
        if not _opens(lines, index, blanks, scheme.headings):
            continue
        for level, pattern in enumerate(_LETTERED, start=1):
            match = pattern.match(line.text)
            if match is None or level > depth + 1:
                continue
            mark = match["mark"]
            value = (
                number_value(mark)
                if level == 1
                else ord(mark) - ord("A") + 1
                if level == 2
                else int(mark)
            )
            title = match["title"].strip()
            if value != due[level - 1] or not _lettered_title(title):
                continue
            # A section's numeral is its number ('III. Findings' is section 3, as 'Chapter
            # Three' is chapter 3); a subsection keeps its mark in its title ('A. Fleet'),
            # the one sign of the level it stands at.
            if level == 1:
                heading = Heading(1, tidy_title(title, numbered=True), str(value), line.number)
                heading.written = tidy_title(line.text)
            else:
                heading = Heading(level, tidy_title(line.text), "", line.number)
            scheme.headings[index] = heading
            due[level - 1] += 1
            for deeper in range(level, len(due)):
                due[deeper] = 1
            depth = level
            break
    if sum(1 for h in scheme.headings.values() if h.level == 1) < 2:
        return Scheme()
    return scheme


def _lettered_title(title: str) -> bool:
    """Whether the text after an outline's mark is a title, not a list item's sentence."""
    return (
        opens_like_a_title(title)
        and len(title) <= MAX_TITLE
        and len(title.split()) <= MAX_TITLE_WORDS
        and not title.endswith((",", ";", ":"))
        and _SENTENCE_STOP.search(title) is None
    )


#: A number and its unit, a line of its own in a list of sizes (Pyramid's design defence).
_QUANTITY = re.compile(r"[\d.,]+\s?[^\W\d_]{1,3}")


def _capitalised_line(line: Line) -> bool:
    """A line in capitals ('SEE ALSO', 'EXIT STATUS'): at least two letters, none lower-case;
    a size or a quantity ('3.6MB', '812KB', '10 GB') is none."""
    text = line.text
    return (
        not line.bulleted
        and not _QUANTITY.fullmatch(text)
        and len(text) <= 100
        and text == text.upper()
        and _LETTERS.search(text) is not None
        and text != text.lower()  # capitals, not a script without case ('概要')
        and not text.endswith((".", ",", ";", ":"))
    )


def _outline(lines: list[Line | None], blanks: bool, contents: dict[int, str]) -> Scheme:
    scheme = Scheme("outline")
    marked = any(line and "-*- outline -*-" in line.raw for line in lines[:5])
    marks = ""  # '*' or '#': the first one used; the other is text
    found: list[tuple[int, int, str]] = []  # (index, level, title)
    for index, line in enumerate(lines):
        if line is None or index in contents:
            continue
        match = _OUTLINE.match(line.raw)
        if match and len(match.group(2)) <= MAX_TITLE and _opens(lines, index, blanks, {}):
            marks = marks or match.group(1)[0]
            if match.group(1)[0] == marks:
                found.append((index, len(match.group(1)), match.group(2)))
    top = min((level for _, level, _ in found), default=1)
    for index, level, title in found:
        # Only below the top level: a top-level line has no heading above it to belong to.
        if level > top and _outline_item(lines, index, level, title):
            scheme.items[index] = title
            continue
        line = lines[index]
        assert line is not None
        scheme.headings[index] = numbered_heading(level, title, line.number)
    if marks == "*" and not marked and not any(h.level > 1 for h in scheme.headings.values()):
        return Scheme()
    return scheme


def _outline_item(lines: list[Line | None], index: int, level: int, title: str) -> bool:
    """Whether the outline line at ``index`` is a news item of the heading above it, not a
    heading: it goes on on the next line ('** libgnutls: Fix …' over '   Reported by …'), or
    nothing stands under it before the next line of its level or above ('** libgnutls: New
    function for …' between two such lines), as in GnuTLS's NEWS. A line that ends in ':'
    over text at the margin ('** API and ABI modifications:' over a list) is a heading."""
    after = lines[index + 1] if index + 1 < len(lines) else None
    if after is not None:
        if _OUTLINE.match(after.raw):
            return False
        return after.indent > 0 or not title.endswith(":")
    at = index + 1
    while at < len(lines) and lines[at] is None:
        at += 1
    following = lines[at] if at < len(lines) else None
    if following is None:
        return True
    match = _OUTLINE.match(following.raw)
    return match is not None and len(match.group(1)) <= level


#: Fewest headings that make the margin scheme: fewer are a few lines that stick out.
_MARGIN_HEADINGS = 3
#: Share of a text's lines that must be indented for its lines at the margin to be headings.
_MARGIN_INDENTED = 0.6


def _margin(lines: list[Line | None], blanks: bool, contents: dict[int, str]) -> Scheme:
    """Headings at the margin over indented text, as lynx and docbook2txt write a page out:
    'Functional Overview' at column 0, its paragraphs indented. Tried last (see choose)."""
    scheme = Scheme("margin")
    content = [line for line in lines if line is not None]
    if sum(1 for line in content if line.indent > 0) < _MARGIN_INDENTED * len(content):
        return scheme
    following: Line | None = None  # the next line with text
    for index in range(len(lines) - 1, -1, -1):
        line, after = lines[index], following
        following = line or following
        if line is None or after is None or index in contents or line.bulleted:
            continue
        text = line.text
        if (
            line.indent == 0
            and after.indent > 0
            and text[:1].isupper()
            and len(text) <= 100
            and len(text.split()) <= 10
            and not text.endswith((".", ",", ";", ":"))
            and (not blanks or index == 0 or lines[index - 1] is None)
        ):
            scheme.headings[index] = Heading(1, tidy_title(text), "", line.number)
    scheme.headings = dict(sorted(scheme.headings.items()))
    return scheme


def _capitalised(lines: list[Line | None], blanks: bool, contents: dict[int, str]) -> Scheme:
    scheme = Scheme("capitalised")
    following: Line | None = None  # the next line with text, filled in from the end
    nexts: list[Line | None] = [None] * len(lines)
    for index in range(len(lines) - 1, -1, -1):
        nexts[index] = following
        following = lines[index] or following
    for index, line in enumerate(lines):
        after = nexts[index]
        if line is None or after is None or index in contents or index == 0:
            continue
        opens = _opens(lines, index, True, scheme.headings)
        if not opens or line.bulleted or len(line.text) > 100:
            continue
        if line.indent == 0 and len(line.text.split()) <= 6 and _capitalised_line(line):
            scheme.headings[index] = Heading(1, line.text, "", line.number)
        elif (
            scheme.headings
            and 1 <= line.indent <= 4
            and line.text[:1].isupper()
            and len(line.text.split()) <= 8
            and not line.text.endswith((".", ",", ";", ":"))
            and after.indent > line.indent
        ):
            scheme.headings[index] = Heading(2, line.text, "", line.number)
    if sum(1 for h in scheme.headings.values() if h.level == 1) < 3:
        return Scheme()
    return scheme


def changelog(lines: list[Line | None]) -> Scheme:
    """A changelog's entries as its structure: each release of a Debian changelog ('pkg
    (1.2-3) unstable; urgency=medium') a section titled by its release line; in a GNU ChangeLog
    ('2023-02-06  Jane Doe  <jane@…>' over indented text), each year a section (titled by the
    year; its first entry line stays its first paragraph). An empty Scheme unless the text
    starts with such a line and they are at least half the lines at its margin."""
    scheme = Scheme("changelog")
    first = next((index for index, line in enumerate(lines) if line is not None), None)
    entries = margin = 0
    year = ""
    for index, line in enumerate(lines):
        if line is None or line.indent or line.bulleted:
            continue
        margin += 1
        if DEBIAN_RELEASE.match(line.text):
            entries += 1
            scheme.headings[index] = Heading(1, tidy_title(line.text), "", line.number)
            year = ""
        elif date := entry_date(line.text):
            entries += 1
            if (summary := _summary_line(lines, index)) is not None:
                scheme.breaks.add(summary)
            if date[:4] != year:
                year = date[:4]
                heading = Heading(1, year, "", line.number, rest=line.text)
                scheme.headings[index] = heading
        elif index == first:
            return Scheme()
    if first is None or first not in scheme.headings or entries * 2 < margin:
        return Scheme()
    scheme.untitled = scheme.headings[first].rest != ""
    return scheme


def _summary_line(lines: list[Line | None], entry: int) -> int | None:
    """The index of a ChangeLog entry's summary line: its first line of text when a sentence
    starts on the next ('cmp: avoid reading uninitialized memory' over 'One or both of …', as
    a commit message's summary stands over its body), so that it is a paragraph of its own."""
    at = entry + 1
    while at < len(lines) and lines[at] is None:
        at += 1
    first = lines[at] if at < len(lines) else None
    after = lines[at + 1] if at + 1 < len(lines) else None
    if first is None or after is None or first.bulleted or not first.indent:
        return None
    return at if opens_like_a_title(after.text) or after.bulleted else None


def starts_changelog(line: str) -> bool:
    """Whether ``line`` (a text's first) opens a GNU ChangeLog or a Debian changelog."""
    return DEBIAN_RELEASE.match(line) is not None or entry_date(line) is not None


#: A rule between parts of a text: twenty or more of one mark, alone at the margin.
_RULE = re.compile(r"^([-=#*~_])\1{19,}$")
#: Most lines a part's opening sentence (its title) may take.
_TITLE_LINES = 3


def _parts(lines: list[Line | None], blanks: bool, contents: dict[int, str]) -> Scheme:
    """Releases between rules, as in bash's NEWS ('This is a terse description of the new
    features added to bash-5.2 since …', '1. New Features in Bash', …, a rule of '-', the next
    release) and MPFR's ('####…' over 'Changes from versions 4.1.* to version 4.2.0:'): each
    part a section titled by its opening sentence, its numbered headings subsections. Only
    when most parts open with the same two words: a series of like parts, not a few rules
    between unlike ones."""
    scheme = Scheme("parts")
    rules = []
    for index, line in enumerate(lines):
        if line is None or line.indent or not _RULE.match(line.raw.strip()):
            continue
        before = lines[index - 1] if index else None
        if before is not None and abs(len(before.raw.strip()) - len(line.raw.strip())) <= 3:
            continue  # an underline
        rules.append(index)
    if len(rules) < 2:
        return scheme
    starts = []
    for rule in rules:
        at = rule + 1
        while at < len(lines) and lines[at] is None:
            at += 1
        if at < len(lines) and at not in rules:
            starts.append(at)
    first = next((index for index, line in enumerate(lines) if line is not None), None)
    if first is not None and first not in rules and first not in starts:
        starts.insert(0, first)
    openings: dict[str, int] = {}
    found = {at: _part_title(lines, at) for at in starts}
    for title in found.values():
        if title is not None:
            key = " ".join(title[0].casefold().split()[:2])
            openings[key] = openings.get(key, 0) + 1
    common, count = max(openings.items(), key=lambda item: item[1], default=("", 0))
    if count < 2 or count * 2 < len(found):
        return scheme
    if first in found and (not (title := found[first]) or not _opens_with(title[0], common)):
        del found[first]  # the text before the first rule, unlike the parts: no part
    scheme.skip.update(rules)
    ends = [*sorted(found)[1:], len(lines)]
    for (start, title), end in zip(sorted(found.items()), ends, strict=True):
        if title is None:
            continue
        text, rest, used = title
        opening = lines[start]
        heading = Heading(1, text, "", opening.number if opening is not None else 0, rest)
        scheme.headings[start] = heading
        scheme.skip.update(range(start + 1, start + used))
        inner = _numbered(lines[start + used : end], blanks, {})
        for index, sub in inner.headings.items():
            sub.level += 1
            scheme.headings[start + used + index] = sub
    scheme.headings = dict(sorted(scheme.headings.items()))
    return scheme


def _opens_with(title: str, opening: str) -> bool:
    return " ".join(title.casefold().split()[:2]) == opening


def _part_title(lines: list[Line | None], at: int) -> tuple[str, str, int] | None:
    """(title, the rest of its last line, lines it takes) of the part that opens at ``at``: its
    first sentence, when that ends within a few lines, else its first line."""
    taken: list[Line] = []
    for index in range(at, min(at + _TITLE_LINES, len(lines))):
        line = lines[index]
        if line is None or (taken and (line.bulleted or _RULE.match(line.raw.strip()))):
            break
        taken.append(line)
    if not taken or taken[0].bulleted or len(taken[0].text) > MAX_TITLE:
        return None
    joined = " ".join(line.text for line in taken)
    sentence = next(sentences(joined), "")
    if not sentence or len(sentence) > MAX_TITLE:
        return tidy_title(taken[0].text), "", 1
    offset = 0
    for used, line in enumerate(taken, start=1):
        if len(sentence) <= offset + len(line.text):
            rest = line.text[len(sentence) - offset :].strip()
            return tidy_title(sentence), rest, used
        offset += len(line.text) + 1
    return tidy_title(taken[0].text), "", 1


#: A release line: 'Version 4.3.0 released 2026-11-10', 'Release 2.1 (2019-03-02)', 'v1.2.0', or a
#: version in bold on its own line, as AnyIO's history writes them ('**4.16.0**').
_RELEASE_LINE = re.compile(
    r"^(?:(?:version|release|v)\s?\d+(?:\.\d+)+\S*(?:\s.*)?"
    r"|\*\*v?\d+(?:\.\d+)+[\w.+-]*\*\*(?:\s+\(\S[^()]*\))?)$",
    re.IGNORECASE,
)
#: A line that names a version: 'Changes from versions 4.1.* to version 4.2.0:'.
_NAMES_VERSION = re.compile(r"\bversions?\b|\b\d+\.\d+", re.IGNORECASE)
#: Longest release line read as a heading.
_MAX_RELEASE_LINE = 100
#: Fewest lines that open alike ('Changes from versions …') for them to be release lines.
_ALIKE_RELEASES = 3


def _releases(lines: list[Line | None], blanks: bool, contents: dict[int, str]) -> Scheme:
    """Release lines at the margin over their notes (a blank line or the list of changes):
    'Version 4.3.0 released 2026-11-10', as simplejson's CHANGES.txt writes them, or lines that
    name a version and open alike, as MPFR's NEWS ('Changes from versions 4.1.* to version
    4.2.0:'). A rule between the text's parts ('####…') is no text."""
    scheme = Scheme("releases")
    alike: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        if line is None or line.indent or line.bulleted or index in contents:
            continue
        if _RULE.match(line.raw.strip()):
            scheme.skip.add(index)
            continue
        after = lines[index + 1] if index + 1 < len(lines) else None
        if (
            len(line.text) > _MAX_RELEASE_LINE
            or not _NAMES_VERSION.search(line.text)
            or not _opens(lines, index, True, {})
            or not (after is None or after.bulleted or after.indent)
        ):
            continue
        if _RELEASE_LINE.match(line.text):
            # '**4.16.0**': the stars are reStructuredText's bold, not the title's.
            shown = line.text[2:].replace("**", "", 1) if line.text[:2] == "**" else line.text
            scheme.headings[index] = Heading(1, tidy_title(shown), "", line.number)
        else:
            alike.setdefault(" ".join(line.text.casefold().split()[:2]), []).append(index)
    for found in alike.values():
        if len(found) >= _ALIKE_RELEASES:
            for index in found:
                line = lines[index]
                assert line is not None
                scheme.headings[index] = Heading(1, tidy_title(line.text), "", line.number)
    scheme.headings = dict(sorted(scheme.headings.items()))
    if not scheme.headings:
        scheme.skip = set()
    return scheme
