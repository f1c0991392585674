"""Glossary candidates found in a report's text, and finding where a term is used.

Four kinds of candidate, each with the sentence that defines or introduces it, word for word:
acronyms with their expansions, in either order ("North Atlantic Treaty Organization (NATO)",
"NATO (North Atlantic Treaty Organization)"); quoted coinages ("the 'Storm Corps'"); defined
terms ("X refers to …", "known as X", "X, a …"); and multi-word proper names used more than
once. :class:`TermMatcher` finds any number of terms, under their aliases, plurals and
possessives, in one pass over a text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from typing import NamedTuple

from briefcli.model import is_block
from briefcli.sentences import is_prose, sentence_spans

__all__ = ["Candidate", "Location", "TermMatcher", "glossary", "uses"]

ACRONYM = "Acronym"
TERM = "Term"
NAME = "Name"

#: Capitalised words that open sentences or join names, never a name on their own.
_FUNCTION_WORDS = frozenset(
    str.split(
        """
    a an the this that these those it its in on at as but and or nor however he she they we i
    you there here such while when whereas if for with by from after before since although
    though despite moreover furthermore meanwhile yet so then thus other some many most each
    all both our their his her my your one what who why how where which to of is are was were
    be been has have had will would could should may might must can also not no any every
    recent further additionally central historically yes later earlier finally previously
    currently today
        """
    )
)
#: Lower-case words allowed inside a name: "Democratic People's Republic of Korea".
_JOINERS = frozenset({"of", "and", "for", "the", "de", "on", "in", "&"})
#: Words written in capitals for emphasis, not acronyms: the requirement keywords of RFC 2119
#: and RFC 8174 ("MUST NOT", "RECOMMENDED") and the shouting of notices and licences ("NOTE",
#: "AS IS", "WITHOUT WARRANTY").
_EMPHASIS = frozenset(
    str.split(
        """
    MUST SHALL SHOULD MAY REQUIRED RECOMMENDED OPTIONAL NOT NOTE NOTES WARNING WARNINGS CAUTION
    IMPORTANT DANGER TIP HINT TODO FIXME DEPRECATED NEVER ALWAYS ONLY ALL ANY NO NONE AND OR IS
    ARE AS IF DO DOES THE A AN OF TO IN ON FOR WITH WITHOUT WARRANTY WARRANTIES SOFTWARE PROVIDED
    BACKWARDS INCOMPATIBLE BREAKING
        """
    )
)
#: Words that stand for any name in an example ("the Foo field"), never a term.
_PLACEHOLDERS = frozenset({"foo", "bar", "baz", "qux", "quux", "xyzzy", "foobar", "xxx"})
#: A definition longer than this is a run-on list (a flattened changelog or table), not a
#: sentence that defines anything; the longest real one in the corpus has 79 words.
_MAX_DEFINITION_WORDS = 80
_MONTHS = frozenset(
    str.split(
        "january february march april may june july august september october november december"
    )
)
#: Days and months as dates write them: "Thu Jan 14 2021", "Sat, 28 Jan 2012".
_DATE_WORDS = (
    _MONTHS
    | {month[:3] for month in _MONTHS}
    | frozenset(
        str.split(
            """
    sept mon tue tues wed thu thur thurs fri sat sun
    monday tuesday wednesday thursday friday saturday sunday
            """
        )
    )
)
#: Verbs that open a change log's entry or an option's description ("Use FILE as …", "Update
#: Python publish GHA", "Corrected TIFF tags", "Move CMake build system"): never part of a name.
_VERBS = frozenset(
    str.split(
        """
    add added adds allow allowed avoid avoided bump bumped change changed check convert
    converted correct corrected disable disabled document documented drop dropped enable
    enabled fix fixed fixes force ignore improve improved move moved print read remove removed
    rename renamed replace replaced require required set show support supported switch
    switched update updated updates upgrade upgraded use used uses write
        """
    )
)
#: Words in -ly that are not adverbs: "Royal Family refers to" keeps its last word.
_NOT_ADVERBS = frozenset(
    str.split(
        """
    family supply assembly monopoly oligopoly anomaly italy july ally rally reply apply
    butterfly dragonfly firefly jelly belly bully holy lily fly
        """
    )
)
#: A part of a document named by its number or letter ("Division B", "Title V", "Part XI"):
#: a place in a law or a report, not a term.
_PARTS = frozenset(
    str.split("appendix article chapter division figure part section subpart table title")
)
#: Generic words that a number completes ("Executive Order 14067", "Fiscal Year 2009", "CRS
#: Report 97-780"): without their number they name nothing in particular.
_NUMBERED = frozenset({"order", "year", "report"})
#: A table's or a figure's title, a heading or a contents entry kept as a paragraph: mostly
#: capitalised words and no closing punctuation ("The 13 Species Groups Covered by the …").
_TITLE_WORDS = frozenset(
    str.split("a an the of and or for to in on at by per with from during under into vs versus")
)
_FISCAL = re.compile(r"FY\s?\d{2,4}")
# (Tried only where a run of white space begins: from each of its characters, a long run
# before no link took time quadratic in its length.)
_LINK_TAIL = re.compile(r"(?<!\s)\s*\(https?://[^()\s]*\)\s*$")
#: The source note under a table or a figure: what follows names cited works and publishers.
_SOURCE_LINE = re.compile(r"^\W*Sources?\s*:")


class Location(NamedTuple):
    """A sentence's place: section index, paragraph index, and its span in the paragraph."""

    section: int
    paragraph: int
    start: int
    end: int


class Candidate(NamedTuple):
    """A glossary term found in the text, marked as extracted by brief."""

    term: str
    #: Other names of the term: an acronym's expansion, or the acronym of an expansion.
    aliases: tuple[str, ...]
    #: 'Acronym', 'Term' (a coinage or defined term) or 'Name' (a recurring proper name).
    category: str
    #: The sentence that defines or first introduces the term, exactly as written.
    definition: str
    #: Where that sentence is.
    defined_at: Location
    #: Indices of the sections that use the term under any of its names.
    sections: tuple[int, ...]
    #: How many times the term is used in all.
    occurrences: int

    def names(self) -> tuple[str, ...]:
        """The term followed by its aliases."""
        return (self.term, *self.aliases)


# -- matching -------------------------------------------------------------------------------------


def _is_acronym(name: str) -> bool:
    """'NATO', 'DPRK', 'G7', 'AT&T': matched with its case, so 'who' is not 'WHO'."""
    letters = [char for char in name if char.isalpha()]
    return (
        " " not in name
        and len(letters) >= 2
        and sum(char.isupper() for char in letters) >= len(letters) - 1
    )


def _mixed_acronym(name: str) -> bool:
    """'MaaS', 'SaaS', 'IaaS': capitals at both ends, small letters between; an acronym only
    where the text expands it ('Mobility as a Service (MaaS)'), so 'GitHub' is none."""
    return re.fullmatch(r"[A-Z][a-z]{1,3}[A-Z]", name) is not None


def _shouted(term: str) -> bool:
    """Whether ``term`` is emphasis in capitals ("MUST NOT", "AS IS"), not a term or an acronym.

    Each word is in capitals and at least one is an emphasis word (:data:`_EMPHASIS`). Such a
    word is an acronym only where the text expands it, which the acronym finders check.
    """
    words = [word.strip(".,;:!?'\"‘’“”()") for word in term.split()]
    return (
        bool(words)
        and all(word.isupper() or not any(char.isalpha() for char in word) for word in words)
        and any(word in _EMPHASIS for word in words)
    )


def _alternative(name: str) -> str:
    """A regular expression for one name, with room for a plural and a possessive."""
    words = name.split()
    body = r"\s+".join(re.escape(word) for word in words)
    body = body.replace("'", "['’]").replace("’", "['’]")
    suffix = r"(?:e?s)?(?:['’]s?)?" if not name.endswith(("s", "S")) else r"(?:['’]s?)?"
    if _is_acronym(name):
        return f"{body}{suffix}"
    return f"(?i:{body}{suffix})"


class TermMatcher:
    """Finds every use of many terms in one pass over a text.

    Each term is known by its names (term and aliases). A name matches as a whole word or
    phrase, with a plural ('NGOs', 'treaties' is not attempted) and a possessive ("NATO's",
    "Storm Corps'"); acronyms match with their case, other names in any case. Where several
    names match at one place, the longest wins (then the first in order).

    Each place a name may start (a character not after a letter, a digit or '-') is looked
    up by the words there, as a case-blind match folds them: only the names whose first word
    (and the start of their second) are the text's there are tried. One alternation of every
    name tried at every place took time that grew with the text times the names, and an
    import that finds thousands of terms made that the square of the text.
    """

    def __init__(self, terms: Sequence[Sequence[str]]) -> None:
        names = sorted(
            ((name, index) for index, names in enumerate(terms) for name in names if name.strip()),
            key=lambda item: (-len(item[0]), item[0]),
        )
        self._owners = [index for _, index in names]
        self._patterns = [
            re.compile(rf"(?<![\w-])(?:{_alternative(name)})(?![\w-])") for name, _ in names
        ]
        #: Name ranks by their first word, folded (its first :data:`_KEY` characters), for
        #: names of one word; by their whole first word and the start of their second.
        self._by_word: dict[str, list[int]] = {}
        self._by_words: dict[tuple[str, str], list[int]] = {}
        for rank, (name, _) in enumerate(names):
            words = name.split()
            if len(words) == 1 or len(words[0]) > _FIRST_WORD:
                self._by_word.setdefault(_folded(words[0][:_KEY]), []).append(rank)
            else:
                key = (_folded(words[0]), _folded(words[1][:_KEY]))
                self._by_words.setdefault(key, []).append(rank)
        self._lengths = sorted({len(key) for key in self._by_word})
        self._second = sorted({len(second) for _, second in self._by_words})

    def find(self, text: str) -> list[tuple[int, int, int]]:
        """Every use in ``text`` as (term index, start, end), in order of position."""
        if not self._patterns:
            return []
        found = []
        end = 0
        longest = self._lengths[-1] if self._lengths else 0
        for place in _STARTS.finditer(text):
            start = place.start()
            if start < end:
                continue
            ranks: list[int] = []
            there = _folded(text[start : start + longest])
            for length in self._lengths:
                ranks += self._by_word.get(there[:length], ())
            if self._second and (two := _TWO_WORDS.match(text, start)):
                first, second = _folded(two.group(1)), _folded(two.group(2))
                for length in self._second:
                    ranks += self._by_words.get((first, second[:length]), ())
            for rank in sorted(ranks):
                match = self._patterns[rank].match(text, start)
                if match is not None:
                    found.append((self._owners[rank], start, match.end()))
                    end = match.end()
                    break
        return found

    def used(self, text: str) -> set[int]:
        """The indices of the terms used in ``text``."""
        return {index for index, _, _ in self.find(text)}


#: Where a name may start: any character but a space that follows no letter, digit or '-'.
_STARTS = re.compile(r"(?<![\w-])\S")
#: Most characters of a name's word that :class:`TermMatcher` looks it up by.
_KEY = 12
#: Longest first word looked up whole (a longer one is looked up by its start alone).
_FIRST_WORD = 64
#: A first word and the start of the second, where a name of two or more words may start.
_TWO_WORDS = re.compile(rf"(\S{{1,{_FIRST_WORD}}})\s+(\S{{1,{_KEY}}})")


class _Fold(dict[int, str]):
    """The fold of each character, worked out the first time it is met (a table for
    ``str.translate``, which then folds a text at C speed: this ran once a word of a report)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char.isspace():
            folded = " "
        elif char == "’":
            folded = "'"
        else:
            folded = (char.upper().lower() or char)[0]
        self[code] = folded
        return folded


_FOLD = _Fold()


def _folded(text: str) -> str:
    """``text`` as a case-blind match sees it, a character for a character: 'ſ', 'ı' and 'K'
    as 's', 'i' and 'k' (what re's IGNORECASE holds equal folds alike), any space as ' ',
    '’' as "'" (a name's apostrophe matches either)."""
    return text.translate(_FOLD)


def uses(term: str, aliases: Sequence[str], text: str) -> list[tuple[int, int]]:
    """Where ``term`` or an alias is used in ``text``, plurals and possessives included."""
    return [(start, end) for _, start, end in TermMatcher([(term, *aliases)]).find(text)]


# -- extraction -----------------------------------------------------------------------------------


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    # A whole word only: not the "K" of "i7-9700K", not the "I" of "I/O" (possessive, so the
    # match cannot back off to "Direc" of "Direct/").
    name_word = r"[A-Z][\w’'&.-]*+(?!/)"
    # No "and": "Moscow and Pyongyang" is two names, not one.
    name = rf"{name_word}(?:\s+(?:(?:of|for|the|on|de)\s+)*{name_word})*"
    # At most six words where the pattern goes on after the name ("X, a …"): a long run of
    # capitalised words would otherwise be rescanned from each of its words (quadratic).
    short = rf"{name_word}(?:\s+(?:(?:of|for|the|on|de)\s+){{0,2}}{name_word}){{0,5}}"
    return {
        # "Long Form Words (LFW)": the acronym in brackets after its expansion.
        "short_after": re.compile(r"\(\s*([A-Z][A-Za-z0-9&.-]{1,11}?)(s?)\s*\)"),
        # "LFW (Long Form Words)": the expansion in brackets after the acronym.
        "long_after": re.compile(
            r"(?<![\w-])([A-Z][A-Za-z0-9&-]{1,11}?)(s?)\s+\(\s*(?:the\s+)?([A-Za-z][^()]{3,120}?)\s*\)"
        ),
        # "FBB, or Foo Bar Baz", "FBB stands for Foo Bar Baz": the expansion after the acronym.
        "or_long": re.compile(
            r"(?<![\w-])([A-Z][A-Za-z0-9&]{1,11}?)(s?),?\s+(?:or|stands\s+for|is\s+short\s+for)"
            r"\s+(?:the\s+)?(?=[A-Z])"
        ),
        # "Foo Bar Baz, or FBB": the acronym after its expansion and "or".
        # (After a comma, or where a run of white space begins: see _LINK_TAIL.)
        "or_short": re.compile(
            r"(?:,|(?<![\s,]))\s+or\s+(?:the\s+)?([A-Z][A-Za-z0-9&]{1,11}?)(s?)(?![\w-])"
        ),
        # Quoted text: straight or curly, single or double.
        "quoted": re.compile(
            r"(?<![\w’'])(['‘\"“])([A-Za-z][^'‘’\"“”\n]{1,60}?)([,.;:!?]?)(['’\"”])(?![\w’'])"
        ),
        "known_as": re.compile(
            r"\b(?:known as|called|referred to as|dubbed|termed|nicknamed|so-called)\s+"
            rf"(?:the\s+)?['‘\"“]?({short}(?:\s+(?:and|&)\s+{short})?)"
        ),
        # "X refers to …" at the start of a sentence; X may go on in lower case.
        "refers_to": re.compile(
            r"^(?:The term\s+|The\s+|An?\s+)?(['‘\"“]?)([A-Z][\w’'-]*(?:\s+[\w’'-]+){0,4}?)"
            r"['’\"”]?,?\s+(?:refers to|is defined as|means|denotes|stands for)\b"
        ),
        # After a quoted term: a verb that defines it ('"Work" shall mean', '"Copyright" also
        # means'), or an alias in brackets ('"You" (or "Your")').
        "defining_after": re.compile(
            r"^\s*(?:\([^()]{0,40}\)\s*)?,?\s*(?:[a-z][\w-]*\s+){0,3}?(?:shall mean|means|"
            r"refers? to|is defined as|denotes|stands for)\b"
        ),
        "alias_before": re.compile(r"\(\s*(?:or|also|hereinafter|hereafter)\s+$"),
        # A quoted title of a part of another document: 'Node 9.4.2 "Blocking Factor"', 'a
        # "PolicyKit Overview" section'.
        "title_before": re.compile(
            r"\b(?:(?:node|section|chapter|part|appendix|§)\s*[\d.]+,?|(?:section|chapter)s?\s+on|"
            r"paper|article|book|story|essay|talk|video|song|poem|entitled|"
            r"(?:section|chapter|page)s?\s+(?:\w+\s+){0,2}?(?:named|titled|called)|"
            r"(?:section|chapter|documentation)s?:)\s*$",
            re.IGNORECASE,
        ),
        # ('the "Request Processing" narrative chapter', 'See "Upgrading" below').
        "title_after": re.compile(
            r"^\s*(?:(?:narrative|new|top-level)\s+)?(?:section|chapter|page|node|paragraph|"
            r"document|documentation|manual|text box|box|table|figure|column|row|video|paper|"
            r"article)s?\b|^\s*(?:below|above)\b",
            re.IGNORECASE,
        ),
        # The title of a cited work: a quotation followed by its address ('NMFS, "Compliant
        # Importers List," https://…') or after a numbered document ('E.O. 14276, "Restoring
        # …,"').
        "cited_after": re.compile(r"^\s*\(?https?://"),
        "cited_before": re.compile(r"\d[\d-]*,\s*$"),
        "lower_word": re.compile(r"(?<![\w’'-])[a-z][a-z’'-]*(?![\w’'-])"),
        # A name used as a label: "David Zeuthen (65):", "Authentication Data: ARRAY8".
        "label_after": re.compile(r"\s*:"),
        # A credit: "David Zeuthen (65):" (a committer and a count of commits), "(work by …",
        # "designed by …", "Thanks to …", "(Luca Bacci)".
        # A person, not a term: a name followed by an address ('Tom Lees <tom@…>', '"Tom G.
        # Christensen" <tgc@…>').
        "count_after": re.compile(r"[\"”’']?\s*(?:\(\d+\)\s*:|<[^<>\s]+@)"),
        # "… by", "patch from", "(from …", "Courtesy …", "Thanks …", an issue before the name
        # ("(dbus!208, David King)", "(fd.o #98035, Marc Mutz)").
        "credit_before": re.compile(
            r"(?:\b(?:work|written|designed|suggested|reported|contributed|maintained|patch|"
            r"patches|implemented|translated|fixed|found|additions|enhancements|reviewed|help|"
            r"updated)\s+by|\),?\s+by|"
            r"\bthanks(?:\s+to)?|\bcourtesy(?:\s+of)?|\((?:from\s+)?|"
            r"\b(?:patch|patches|changes|suggestion|report|fix|fixes|help|idea)\s+from|"
            r"[#!]\d+[,;])\s*$",
            re.IGNORECASE,
        ),
        # "by" with no article before a person's name: "Russian by Yuri Kozlov", "By Ludovic
        # Courtes" (but "used by LZMA SDK", "followed by Microsoft Azure" are uses).
        "by_before": re.compile(r"(?:\b(\w+)\s+)?\bby\s*$", re.IGNORECASE),
        # Thanks for a contribution: "… and Bruno Oliveira for the PR".
        "thanked_after": re.compile(
            r"\s+for\s+(?:the|this|a|an|his|her|their)\s+(?:PR|pull request|report|patch|"
            r"idea|fix|review|suggestion|bug report|help)s?\b"
        ),
        "thanked_in": re.compile(r"\s+for\s+the\s+(?:PR|Pull Request)s?\.?$"),
        # A credit that the run of capitals starts: "Courtesy Atsushi Odagiri", "Thanks
        # Brianna Laugher for …", "By Ludovic Courtes".
        "credit_opening": re.compile(r"(?:Courtesy|Thanks|By)\s"),
        # A signature at the end of an entry: "… with ast.parse – Miro Hrončok", "… - Miro
        # Hrončok (:gh:`635`)".
        "signed_before": re.compile(r"\s[-–—]\s*$"),
        # What may follow a signature: its issue or pull request "(:gh:`635`)", a full stop.
        "signed_tail": re.compile(r"\s*(?:\([^()]*\))?[\s.;,]*"),
        # A pointer to another work: "see CRS Report 97-780, The Speaker of the House: …",
        # "See Congressional Record, …". What follows names that work, its parts and authors.
        "see": re.compile(r"\b[Ss]ee\s+(?:also\s+)?(?:the\s+)?(?=[A-Z\"“])"),
        # A coinage's quotes follow one of these words directly: "known as the 'Storm Corps'".
        "coined": re.compile(
            r"(?:\b(?:known as|called|dubbed|termed|so-called|named|nicknamed|referred to as)|"
            r"\(\s*(?:hereinafter|hereafter))\s+(?:the\s+|an?\s+)?$",
            re.IGNORECASE,
        ),
        # Quotations given as examples: 'for example "ODS", …', 'such as "History"'.
        "example_before": re.compile(
            r"(?:\bfor\s+(?:example|instance)|\be\.g\.|\bsuch\s+as|\blike|\bincluding)"
            r"[\s,:]*$",
            re.IGNORECASE,
        ),
        # What stands between two quotations of a list: a comma, "and", "or".
        "series_gap": re.compile(r"\s*(?:[,;]\s*)?(?:(?:and|or)\s+)?"),
        "capital_word": re.compile(r"(?<![\w-])[A-Z][A-Z0-9&]{2,}(?![\w-])"),
        "appositive": re.compile(rf"(?<![\w.])({short}),\s+(?:a|an|the)\s+[a-z][^,;.]{{3,90}},"),
        "name": re.compile(rf"(?<![\w&./=]){name}"),
    }


#: An acronym with a number after its letters: 'PM2.5', 'PM10', 'LZ77'; not one digit, which
#: may be a footnote's mark run into it ('The GNU ROFF (GROFF4)').
_NUMBERED_SHORT = re.compile(r"[A-Z]{2,}(?:\d{2,}|\d+\.\d+)")


def _expansion(short: str, before: str) -> str | None:
    """The expansion of ``short`` at the end of ``before`` (Schwartz and Hearst, 2003), or None.

    Walks the acronym's letters and the text backwards; each letter must be found in order,
    and the first must start a word. The expansion has at most ``len + 5`` words. One in
    lower case ("mail transport agents (MTAs)", "user ids (UIDs)") must open each of its words
    with the acronym's letters in order (:func:`_initials_in_order`). Where the letters are not
    in order, the words before are the expansion when their capitals are the acronym's letters
    in another order ("Coordinated Universal Time (UTC)", "International Organization for
    Standardization (ISO)": :func:`_reordered`).
    """
    # A number after the letters qualifies them ('PM2.5', 'PM10': particulate matter of a
    # size): the letters alone are spelled out.
    kept = str.isalpha if _NUMBERED_SHORT.fullmatch(short) else str.isalnum
    letters = [char.casefold() for char in short if kept(char)]
    if len(letters) < 2:
        return None
    words = before.split()
    limit = min(len(letters) + 5, len(letters) * 2)
    window = " ".join(words[-limit:])
    text = window.casefold()
    s_index, l_index = len(letters) - 1, len(text) - 1
    while s_index >= 0:
        char = letters[s_index]
        while l_index >= 0 and (
            text[l_index] != char or (s_index == 0 and l_index > 0 and text[l_index - 1].isalnum())
        ):
            l_index -= 1
        if l_index < 0:
            return _reordered(letters, words)
        l_index -= 1
        s_index -= 1
    # From the first letter on, which starts a word: not the role of ":ref:`Version Control".
    found = window[l_index + 1 :].strip(" ,;:")
    found_words = found.split()
    if found_words and found_words[0].casefold() == "the":
        found = " ".join(found_words[1:])
        found_words = found_words[1:]
    # Words of the expansion must open with the acronym's letters often enough: a guard
    # against matching letters buried inside ordinary words.
    if len(found_words) < 2 or found.casefold() == short.casefold():
        return None
    # 'UTC-12 "Z" is "zulu" time (UTC)': a quotation, or the acronym itself, is no expansion.
    if any(char in found for char in '"“”‘') or any(
        word.casefold().startswith(short.casefold()) for word in found_words
    ):
        return None
    if not found[0].isupper():
        # Only for an acronym in capitals, and words only: not the key "C-b" after a list's
        # "character. backward-char".
        plain = all(word.rstrip(",").replace("-", "").isalpha() for word in found_words)
        if not (short.isupper() and plain and _initials_in_order(letters, found_words)):
            return None
        return found
    initials = sum(1 for word in found_words if word[0].casefold() in letters)
    if initials < min(len(letters), len(found_words)) - 1:
        return None
    return found


def _initials_in_order(letters: Sequence[str], words: Sequence[str]) -> bool:
    """Whether each word but a joiner opens with the next of ``letters``, the first with the
    first, and they leave at most one letter over ("user ids" for UID, not "rose above")."""
    initials = [word[0].casefold() for word in words if word.casefold() not in _JOINERS]
    if len(initials) < max(2, len(letters) - 1) or initials[0] != letters[0]:
        return False
    position = 0
    for initial in initials:
        while position < len(letters) and letters[position] != initial:
            position += 1
        if position == len(letters):
            return False
        position += 1
    return True


def _reordered(letters: Sequence[str], words: Sequence[str]) -> str | None:
    """The capitalised words before an acronym whose initials are its letters in another order
    ("Coordinated Universal Time" for UTC), joiners between them allowed; or None."""
    if len(letters) < 3:
        return None
    taken: list[str] = []
    wanted = sorted(letters)
    for word in reversed(words[-2 * len(letters) :]):
        if word.casefold() in _JOINERS and taken:
            taken.append(word)
            continue
        if not word[:1].isupper() or not word.isalpha():
            return None
        taken.append(word)
        initials = sorted(w[0].casefold() for w in taken if w.casefold() not in _JOINERS)
        if len(initials) == len(letters):
            return " ".join(reversed(taken)) if initials == wanted else None
    return None


def _expansion_after(short: str, after: str) -> str | None:
    """The expansion of ``short`` that opens ``after`` ("ABI or Application Binary Interface",
    "FFI stands for Foreign Function Interface"), or None.

    The longest run of capitalised words (joiners between them allowed), up to one a letter
    and to a comma or a full stop, whose words open with the acronym's letters in order.
    """
    letters = [char.casefold() for char in short if char.isalnum()]
    words = after.split(maxsplit=2 * len(letters) + 1)[: 2 * len(letters)]
    taken: list[str] = []
    best: str | None = None
    for word in words:
        bare = word.rstrip(".,;:)")
        if bare.casefold() in _JOINERS and taken:
            taken.append(bare)
            continue
        if not bare[:1].isupper() or not bare.replace("-", "").isalpha() or bare.isupper():
            break
        taken.append(bare)
        capitals = [w for w in taken if w.casefold() not in _JOINERS]
        run = " ".join(taken)
        if (
            len(capitals) >= 2
            and _initials_in_order(letters, capitals)
            and _expansion(short, run) == run
        ):
            best = run  # the longest, up to a word for each letter
        if bare != word or len(capitals) >= len(letters):
            break  # the expansion ends at a comma or a full stop
    return best


#: How much text before an acronym its expansion is looked for in: its at most 24 words (see
#: _expansion), so that a sentence of many acronyms is read in linear time.
_TAIL = 600


def _tail(text: str, end: int) -> str:
    """The words of ``text`` before ``end``, the last :data:`_TAIL` characters' worth."""
    if end <= _TAIL:
        return text[:end]
    return text[end - _TAIL : end].split(" ", 1)[-1]


_HOUSE_NUMBER = re.compile(r"(?<![\w.,-])\d{1,5}[A-Za-z]?\s+$")
_STREETS = frozenset({"street", "avenue", "road", "boulevard", "lane", "drive", "st", "ave"})


def _address(words: Sequence[str], numbered: bool) -> bool:
    """Whether a name is part of a postal address: a floor or a suite ("Fifth Floor"), or a
    street after its house number ("51 Franklin Street"; "Wall Street" alone is a name)."""
    last = words[-1].strip(_PUNCTUATION).casefold()
    return last in {"floor", "suite"} or (numbered and last in _STREETS)


#: A defining verb right after a quotation: '"control" means', '"work" shall mean'.
_MEANS_AFTER = re.compile(r"[,.]?\s+(?:shall\s+mean|means|is\s+defined\s+as)\b")
_DEFINED_LEAD = re.compile(r"(?:^|[,;:(]|\b(?:[Aa]n?|[Tt]he))\s*$")
#: A quotation the sentence names as a term ('The term "weather day" refers to …', 'The
#: phrase "born-digital" means …'), and the verbs that define it there. Not 'the word': a
#: word discussed as a word ("the word 'last' stands for -1", in find's manual) is no term.
_NAMED_LEAD = re.compile(r"\b[Tt]he\s+(?:term|phrase|expression)\s+$")
_NAMED_AFTER = re.compile(
    r"[,.]?\s+(?:shall\s+mean|means|is\s+defined\s+as|refers\s+to|describes|denotes|"
    r"stands\s+for|is\s+used\s+(?:for|to))\b"
)
_ACRONYM_NEXT = re.compile(r"\s*\(\s*[A-Z][A-Z0-9&.]{1,11}s?\s*\)")


def _sentences(sections: Sequence[Sequence[str]]) -> Iterable[tuple[Location, str]]:
    for section_index, paragraphs in enumerate(sections):
        for paragraph_index, paragraph in enumerate(paragraphs):
            if is_block(paragraph):
                continue  # a definition is a sentence of prose, never code or a table row
            for start, end in sentence_spans(paragraph):
                yield (
                    Location(section_index, paragraph_index, start, end),
                    paragraph[start:end],
                )


def _clean_name(name: str) -> str:
    """A name without the function words that open a sentence or trail it."""
    words = name.split()
    while words and (words[0].casefold() in _FUNCTION_WORDS or words[0].casefold() in _JOINERS):
        words = words[1:]
    for index, word in enumerate(words[1:], 1):
        # A date or a fiscal year after the name is not part of it: "Senate on April",
        # "NSF for FY2026", "Act of May", "Title II of P.L".
        if word.casefold() in _JOINERS and index + 1 < len(words):
            after = words[index + 1].strip(_PUNCTUATION)
            if (
                after.casefold() in _MONTHS
                or _FISCAL.fullmatch(after)
                or after == "P.L"
                or (index == 1 and _is_acronym(words[0]) and _is_acronym(after))  # "NMFS for SIMP"
                or (  # "Bruno Oliveira for the PR": thanks for a pull request, not a name
                    word.casefold() == "for"
                    and _is_acronym(words[-1].strip(_PUNCTUATION))
                    and index + 1 + (words[index + 1].casefold() == "the") == len(words) - 1
                )
            ):
                words = words[:index]
                break
    while words and (
        words[-1].casefold() in _JOINERS
        or words[-1].strip(_PUNCTUATION) in {"No", "P.L"}  # "Reorganization Plan No. 2"
        or (  # "ISA's March session": a date, not "Theresa May"
            len(words) >= 2
            and words[-1].strip(_PUNCTUATION).casefold() in _MONTHS
            and words[-2].endswith(("'s", "’s"))
        )
    ):
        words = words[:-1]
    cleaned = " ".join(words)
    for suffix in ("'s", "’s"):
        if cleaned.endswith(suffix):
            cleaned = cleaned[: -len(suffix)]
    return cleaned.rstrip(".,’'")


class _Found:
    """One find before merging; lower ranks win when two finds name the same term."""

    __slots__ = ("aliases", "category", "definition", "location", "rank", "term")

    def __init__(
        self,
        term: str,
        aliases: list[str],
        category: str,
        definition: str,
        location: Location,
        rank: int,
    ) -> None:
        self.term, self.aliases, self.category = term, aliases, category
        self.definition, self.location, self.rank = definition, location, rank


_ARTICLES = frozenset({"the", "a", "an", "this", "that", "these", "those"})
_OPENING = re.compile(r"[\W\d_]*")
_ARTICLE_OPENING = re.compile(r"[\W\d_]*(?:(?:the|a|an)\s+)?", re.IGNORECASE)
_PUNCTUATION = ".,;:!?'\"‘’“”()[]"
_LIST_GAP = re.compile(r"\s*(?:,|,?\s+and|&)\s*")
_LOWER_WORD = re.compile(r"\b[a-z]{2,}")


def _lower_words(sections: Sequence[Sequence[str]]) -> frozenset[str]:
    """Every word the text writes in lower case somewhere.

    A capital on such a word at the start of a sentence or a list item is the sentence's, not
    a name's: "Update Chinese, Czech …", "Public API might change", "Fixes CVE-2015-3255, a …".
    """
    pattern = _patterns()["lower_word"]
    return frozenset(
        word for paragraphs in sections for paragraph in paragraphs
        for word in pattern.findall(paragraph)
    )  # fmt: skip


def _capital_words(sections: Sequence[Sequence[str]]) -> frozenset[str]:
    """Every word of three or more letters that the text writes in capitals ("GEDCOM")."""
    pattern = _patterns()["capital_word"]
    return frozenset(
        word for paragraphs in sections for paragraph in paragraphs
        for word in pattern.findall(paragraph)
    )  # fmt: skip


def _capitals(word: str) -> bool:
    """'NUM', 'CARD16', 'EPOLL_CLOEXEC', 'C99': no lower-case letter, some capitals."""
    word = word.strip(_PUNCTUATION)
    return len(word) >= 2 and word.upper() == word and any(char.isupper() for char in word)


def _common(word: str, lower: frozenset[str]) -> bool:
    """Whether ``word`` is an ordinary word of the text, capitalised only where it stands.

    A word in capitals never is: "LZMA SDK" is a name though the text writes ".lzma".
    """
    if _capitals(word):
        return False
    folded = word.strip(_PUNCTUATION).casefold()
    return folded in lower or folded in _FUNCTION_WORDS


def _name_parts(words: list[str], opening: bool, lower: frozenset[str]) -> list[list[str]]:
    """The names in a run of capitalised words, cut where the capitals are not a name's.

    A sentence's first word, written in lower case elsewhere, is dropped ("Update Chinese").
    A run is cut between a word in capitals and an ordinary capitalised word that ends it
    ("NUM Print NUM", "GLOB Skip", "CARD16 Length of …": the placeholder of a flattened
    option list and the first word of its description), after a possessive before capitals
    ("Android's AOSP"); an ordinary word before capitals ("Use EPOLL_CLOEXEC") and emphasis in
    capitals at the end ("Stream Padding MUST") are dropped, and so is an ordinary word before
    a constant ("Use EPOLL_CLOEXEC"). A verb that opens a change or an option's text
    (:data:`_VERBS`, written in lower case elsewhere) is never a name's: "Use FILE", "Update
    Python", "ENCODING Force Wget" leave "Wget".
    """
    if opening and words and _common(words[0], lower):
        # Only the sentence's first word is capitalised for the sentence: "The Uncompressed
        # Size field" keeps "Uncompressed".
        words = words[1:]
    parts: list[list[str]] = [[]]
    for index, word in enumerate(words):
        before = words[index - 1] if index else ""
        after = words[index + 1] if index + 1 < len(words) else ""
        title = word[:1].isupper() and not _capitals(word)
        head = word.strip(_PUNCTUATION).casefold() in _HEADS  # "Maritime SAFE Act" is one
        if before and (
            (
                _capitals(before)
                and title
                and _common(word, lower)
                and not head
                and not after[:1].isupper()
            )
            or (before.endswith(("'s", "’s")) and _capitals(word))
        ):
            parts.append([])
        elif before and _capitals(before) and any(c.isdigit() for c in before) and title:
            parts.append([])  # a type before a field: "CARD32 Session ID"
        if (
            not parts[-1] and title and _common(word, lower) and _capitals(after)
            and any(char.isdigit() or char == "_" for char in after)
        ):  # fmt: skip
            continue  # a verb before a constant: "Use EPOLL_CLOEXEC", "Require C99"
        verb = word.strip(_PUNCTUATION).casefold() in _VERBS
        if title and verb and (_common(word, lower) or (opening and not index)):
            if parts[-1] and _capitals(before):
                parts.append([])  # an option's placeholder, then its text: "ENCODING Force"
            if not parts[-1]:
                continue  # a verb before its object: "Use FILE", "Update Python", "Move CMake"
        parts[-1].append(word)
    for part in parts:
        while part and part[-1].strip(_PUNCTUATION) in _EMPHASIS:
            part.pop()
    return [part for part in parts if part]


def _name_list(sentence: str, matches: list[re.Match[str]]) -> bool:
    """Whether ``sentence`` is mostly a list of names ("Contributors: A, B, C, …")."""
    names = [match.group(0) for match in matches if " " in match.group(0)]
    if len(names) < 3:
        return False
    letters = sum(char.isalpha() for char in sentence)
    named = sum(char.isalpha() for name in names for char in name)
    return named >= 0.6 * letters


#: An acronym written as dotted initials: "E.O.", "U.S.".
_DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}")
#: An inline code span: a run of backticks, the code, a run of as many. (The opening run is a
#: whole run, as CommonMark reads it: from each backtick of a long run the pattern read on to
#: the end, time quadratic in the run, and found "`a`" in "```a`".)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)")


def _without_code(sentence: str) -> str:
    """The sentence with each inline code span (```x```, ````x````) blanked, same length."""
    if "`" not in sentence:
        return sentence
    return _CODE_SPAN.sub(lambda match: " " * len(match.group()), sentence)


def _fits(sentence: str) -> bool:
    """Whether ``sentence`` can define a term: not a run-on list of a flattened changelog."""
    return len(sentence.split()) <= _MAX_DEFINITION_WORDS


def _is_title(sentence: str) -> bool:
    """Whether ``sentence`` is a title: of a table or a figure, a heading, a contents entry.

    Imported reports keep captions and contents entries as paragraphs ("The 13 Species Groups
    Covered by the …", "An Example of Data Transmission Between Devices |"). A title does not
    end like a sentence, and its words, bar a few short ones, are capitalised or numbers.
    """
    text = _LINK_TAIL.sub("", sentence.rstrip(" |\t")).rstrip(" |\t")
    if not text or text[-1] in ".!?:;,\"”’'":
        return False
    words = [word.strip(_PUNCTUATION + "_*") for word in text.split()]
    words = [word for word in words if word and word.casefold() not in _TITLE_WORDS]
    if not words or len(words) > 30:
        return False
    capitalised = sum(1 for word in words if word[0].isupper() or word[0].isdigit())
    return capitalised >= 0.8 * len(words)


#: What a quoted word or name never holds but code, a path, a command or a file name does:
#: '"N;N;s/\n//"', '"TERM=Wyse50"', '"C:\\Program Files"', '"changelog/"', '"Y/n"', '"end_info"',
#: '"foo.doc"', '"TestClass.test_method"', '‘Example.Group’' (a dot inside a word). A slash
#: between capitals is a name's: '"TCP/IP network"', "I/O".
_CODE_LIKE = re.compile(
    r"[;=\\{}<>|$@#%^*~_`()\[\]]|(?<![A-Z])/|/(?![A-Z])|\w\.[a-z_]\w|\w\w\.[A-Z][a-z]"
)
#: Fewest letters in a quoted term: '"X" means the transformation …' quotes a label.
_MIN_QUOTED_LETTERS = 3


def _placeholder(words: Sequence[str]) -> bool:
    """Whether a word stands for any name in an example ("the Foo field", "XXX Describe")."""
    return any(word.strip(_PUNCTUATION).casefold() in _PLACEHOLDERS for word in words)


def _code_like(term: str) -> bool:
    """Whether ``term`` is code, a path or a file name rather than a word or a name."""
    return _CODE_LIKE.search(term) is not None


def _residue(term: str) -> bool:
    """Whether ``term`` carries Markdown emphasis marks that the import left ("Grouper__s")."""
    return "__" in term or "**" in term or term.startswith("_") or term.endswith("_")


def _without_adverb(words: list[str]) -> list[str]:
    """A defined term without the adverb before its verb: "Shrimp collectively" is "Shrimp"."""
    while (
        len(words) > 1
        and words[-1].islower()
        and words[-1].endswith("ly")
        and len(words[-1]) > 4
        and words[-1] not in _NOT_ADVERBS
    ):
        words = words[:-1]
    return words


def _quoted_acronym(inner: str, capitals: Callable[[], frozenset[str]]) -> str | None:
    """The acronym that a quoted expansion spells with its capitals, where the text uses it.

    '"GEnealogical Data COMmunication"' is GEDCOM's expansion, '"eXtensible Markup Language"'
    XML's, when the text writes "GEDCOM", "XML" somewhere: the capitals of two or more words
    spell three or more letters of a word the text writes in capitals, and every word but a
    joiner has a capital without being in capitals.
    """
    words = [word for word in inner.split() if word not in _JOINERS]
    if len(words) < 2 or not all(word.isalpha() for word in words):
        return None
    # Each word has a capital, none is in capitals ("funky STUFF", "ODS spreadsheet").
    if not all(any(c.isupper() for c in word) and not word.isupper() for word in words):
        return None
    short = "".join(char for char in inner if char.isupper())
    return short if len(short) >= 3 and short in capitals() else None


def _series(sentence: str, matches: list[re.Match[str]]) -> set[int]:
    """The indices of the quotations in ``sentence`` that are examples in a list.

    Three or more quotations in a row ("'January', 'February', … or 'December'", '"Peter" or
    "James" or "John"') are a list; so are any after "for example", "such as", "e.g.".
    """
    patterns = _patterns()
    listed: set[int] = set()
    run = [0] if matches else []
    for index in range(1, len(matches) + 1):
        if index < len(matches) and patterns["series_gap"].fullmatch(
            sentence, matches[index - 1].end(), matches[index].start()
        ):
            run.append(index)
            continue
        lead_in = sentence[max(0, matches[run[0]].start() - 20) : matches[run[0]].start()]
        if len(run) >= 3 or patterns["example_before"].search(lead_in):
            listed.update(run)
        run = [index]
    return listed


def _titled(match: re.Match[str], sentence: str) -> bool:
    """Whether a quotation is a title or a person, not a term: of a part of a document ('Node
    9.4.2 "Blocking Factor"', 'a "PolicyKit Overview" section', 'the paper "…"'), of a cited
    work ('NMFS, "Importers List," https://…'), or a person with an address ('"Tom G.
    Christensen" <tgc@…>')."""
    patterns = _patterns()
    lead_in = sentence[max(0, match.start() - 30) : match.start()]
    after = sentence[match.end() : match.end() + 60]
    return bool(
        patterns["title_before"].search(lead_in)
        or patterns["title_after"].match(after)
        or patterns["cited_after"].match(after)
        or patterns["cited_before"].search(lead_in)
        or patterns["count_after"].match(after)
    )


def _coinage(
    match: re.Match[str], sentence: str, lower: frozenset[str], *, listed: bool = False
) -> tuple[str, bool] | None:
    """The term a quotation coins, and whether it is an alias of the one before; or None.

    A quotation is a term when a coining word precedes it ("known as the 'Storm Corps'",
    'is called an "aggregate"') or it is capitalised. A capitalised quotation is not a term
    when it is all capitals ("MUST", "AS IS"), an example's placeholder ("Foo"), the title of
    a part of another document ('Node 9.4.2 "Blocking Factor"', 'a "PolicyKit Overview"
    section'), or an ordinary word quoted to talk about it ('Note that "Unused" … does not
    mean'), unless the sentence is about it: it opens the sentence, or a defining verb or
    '(the "Software")' frames it. An article opening the quotation is dropped ("The
    Program"); what is left must be capitalised ("a field", "the Foo field" are not terms).
    An example in a list (``listed``: "for example "ODS", …", "'Monday', 'Tuesday', …") coins
    nothing, nor does "named" before a word in lower case ("a file named 'junk'").
    """
    patterns = _patterns()
    opening, inner, closing = match.group(1), match.group(2).strip(), match.group(4)
    if {opening, closing} not in ({"'"}, {'"'}, {"‘", "’"}, {"“", "”"}):
        return None
    # "MUST", "AS IS": capitals quoted for emphasis; an acronym is found where the text
    # expands it, never from quotes alone.
    if inner.isupper():
        return None
    if _code_like(inner) or sum(char.isalpha() for char in inner) < _MIN_QUOTED_LETTERS:
        return None  # code, a path, a file name or a one-letter label, quoted to show it
    words = inner.split()
    lead_in = sentence[max(0, match.start() - 30) : match.start()]
    coining = patterns["coined"].search(lead_in)
    # "a file named 'junk'", "the font named 'fixed'": a name given in an example; 'a new
    # section to the "security" chapter named "Setting a Default Permission"': a title.
    coined = (
        coining is not None
        and not (coining.group(0).casefold().startswith("named") and inner[0].islower())
        and not patterns["title_before"].search(lead_in)
    )
    if listed and not coined:
        return None
    if not 1 <= len(words) <= 5 or any(word.casefold() in _PLACEHOLDERS for word in words):
        return None
    if words[0].casefold() in _ARTICLES:
        words = words[1:]
        if not words or not all(word[0].isupper() for word in words if word not in _JOINERS):
            return None
    # At least one word not a joiner: "'for' statement" quotes a keyword.
    capitalised = any(word not in _JOINERS for word in words) and all(
        word[0].isupper() for word in words if word not in _JOINERS
    )
    after = sentence[match.end() : match.end() + 60]
    # '"work based on the Program" means …': a quoted phrase in lower case that a defining verb
    # follows is defined there (code, placeholders and short labels were refused above).
    defined = not any(word.casefold() in _FUNCTION_WORDS - _JOINERS for word in words) and (
        (
            _MEANS_AFTER.match(after) is not None
            and _DEFINED_LEAD.search(sentence, max(0, match.start() - 8), match.start()) is not None
        )
        or (
            _NAMED_AFTER.match(after) is not None
            and _NAMED_LEAD.search(sentence, max(0, match.start() - 20), match.start()) is not None
        )
    )  # a term after an article, a comma or nothing: not 'Type "yes" means you agree', not
    # an instruction ('"Load all the … files" means to load …')
    if not (capitalised or coined or defined):
        return None
    alias = patterns["alias_before"].search(lead_in) is not None
    if not coined and not alias:
        if _titled(match, sentence):
            return None

        framed = (
            _ARTICLE_OPENING.fullmatch(sentence[: match.start()]) is not None
            or patterns["defining_after"].match(after) is not None
            or re.search(r"\(\s*the\s+$", lead_in, re.IGNORECASE) is not None
        )
        if len(words) == 1 and _common(words[0], lower) and not framed:
            return None
    return " ".join(words), alias


#: Words that name a part of a document: a phrase with one in it is that part, no term.
_DOCUMENT_PARTS = frozenset(("chapter", "section", "page", "paragraph"))


def _defined_term(match: re.Match[str]) -> str | None:
    """The term of '"X" means …' / 'X refers to …', or None for a sentence's opening words.

    Unquoted, the words before the verb must read as a term: not a pronoun or a demonstrative
    ("It just means", "This mode of allocation means"), no article or function word inside
    ("Indicating a warning means", "Note that this change means"), and not a verb's -ing
    form ("Indicating an error"). Quoted, they are the term ('"Knowingly relying" means').
    """
    quoted, raw = match.group(1), match.group(2)
    words = raw.split()
    if not quoted:
        if any(word.casefold() in _FUNCTION_WORDS | _DOCUMENT_PARTS for word in words):
            return None  # ('The URL Dispatch narrative chapter now refers to …')
        if words[0].casefold().endswith("ing"):
            return None
        raw = " ".join(_without_adverb(words))  # "Shrimp collectively refers to"
    term = _clean_name(raw)
    if _code_like(term) or sum(char.isalpha() for char in term) < _MIN_QUOTED_LETTERS:
        return None  # '"X" means the transformation …': a label, or code
    return term if term and not _residue(term) else None


#: A paragraph that opens with a term and its definition, as a definition list writes them
#: once the import has dropped the bold ("**Data Controller**: the body that decides …",
#: "- Processor — a body that processes …"): the definition opens with an article.
_LISTED_DEFINITION = re.compile(
    r"(?:[-*•+]\s+)?(\*\*|__)?([A-Z][\w’'-]*(?:\s+[\w’'-]+){0,3}?)(?(1)\1)\s*(?::|\s[—–-])\s+"
    r"(?(1)|(?:an?|the|any)\s+)[a-z]"
)  # in plain text the bold stays ('- **Pre-emption**: stopping a running job …'): a term
# set in bold is marked as one, and its definition may open with any word
#: What opens a label, not a term: admonitions, a changelog's or an API reference's fields.
_LABELS = frozenset(
    str.split(
        """
    note notes warning warnings example examples see tip tips important caution hint danger
    attention deprecated new usage default returns return type raises parameters parameter
    status description summary source sources reference references solution problem answer
    question result input output syntax purpose scope author authors date version license
    copyright effect cause workaround rationale comment comments todo bug bugs issue security
    reason context value values also caveat limitation motivation definition breaking
    background overview abstract keywords subject from to cc re
        """
    )
)


def _listed_definition(paragraph: str) -> str | None:
    """The term that opens a paragraph of a definition list ("Data Controller: the body …"),
    or None: a term of one to four words, the first capitalised, that is not a label ("Note:
    the …", "Returns: the …"), a verb, code or a word in capitals."""
    match = _LISTED_DEFINITION.match(paragraph)
    if match is None:
        return None
    term = match.group(2)
    words = term.split()
    first = words[0].casefold()
    if first in _LABELS or first in _VERBS or first in _FUNCTION_WORDS or first in _ARTICLES:
        return None
    if any(w.casefold() in _FUNCTION_WORDS - _JOINERS for w in words[1:]) or term.isupper():
        return None
    if _code_like(term) or _residue(term) or _placeholder(words) or _shouted(term):
        return None
    return term if sum(char.isalpha() for char in term) >= _MIN_QUOTED_LETTERS else None


#: Where a name can start ('Corp', or the 'Ray' of 'x-Ray'), and the run its first word is.
_NAME_START = re.compile(r"(?<![\w.])[A-Z]")
_NAME_RUN = re.compile(r"[\w’'&.-]*")


def _appositives(pattern: re.Pattern[str], sentence: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(sentence)`` for the appositive, trying one start in each run of
    name characters: every start in a run ('A-B-C-…') reads to the run's end (the name's
    first word is possessive), and all that follows is the same, so when the first start
    fails the others do. From each, the run was read again: time quadratic in it."""
    at = 0
    while (start := _NAME_START.search(sentence, at)) is not None:
        match = pattern.match(sentence, start.start())
        if match is not None:
            yield match
            at = max(match.end(), start.start() + 1)
        else:
            found = _NAME_RUN.match(sentence, start.end())
            at = found.end() if found is not None else start.end()


def _finds(sections: Sequence[Sequence[str]]) -> list[_Found]:
    patterns = _patterns()
    lower = _lower_words(sections)
    capitals = cache(lambda: _capital_words(sections))
    found: list[_Found] = []
    name_counts: dict[str, int] = {}
    name_prose: dict[str, tuple[Location, str]] = {}
    name_running: set[str] = set()
    listed_terms: dict[int, list[_Found]] = {}
    for location, sentence in _sentences(sections):
        # A term is read in prose only: what a code span or a code line quotes is code
        # ("``'Spam'`` will match", ">>> re.match(…, 'Jane Doe')"). Acronyms are read
        # anywhere: a table row may expand one.
        whole, sentence = sentence, _without_code(sentence)
        # A title (of a table, a figure, a section) or a source note names things without
        # introducing them: its acronyms are taken only where no sentence expands them, and
        # it defines nothing else ("The 13 Species Groups Covered by …", "Source: NOAA, …").
        note = _SOURCE_LINE.match(sections[location.section][location.paragraph]) is not None
        aside = note or _is_title(whole)
        fits = _fits(sentence) and is_prose(whole, min_words=3) and not aside
        whole_fits = _fits(whole)  # once: a sentence may hold thousands of acronyms
        acronym_rank = 1 if aside or not is_prose(whole, min_words=3) else 0
        for match in patterns["short_after"].finditer(whole):
            short = match.group(1)
            if not _DOTTED.fullmatch(short):
                short = short.rstrip(".")  # "(NATO.)"; but "(E.O.)", "(U.S.)" keep their dots
            if not (_is_acronym(short) or _mixed_acronym(short)):
                continue
            expansion = _expansion(short, _tail(whole, match.start()))
            if expansion and whole_fits:
                found.append(_Found(short, [expansion], ACRONYM, whole, location, acronym_rank))
        for match in patterns["long_after"].finditer(whole):
            short, inner = match.group(1), match.group(3)
            if not _is_acronym(short) or _is_acronym(inner):
                continue
            expansion = _expansion(short, inner)
            if expansion and len(expansion) >= len(inner) - 4 and whole_fits:
                found.append(_Found(short, [expansion], ACRONYM, whole, location, acronym_rank))
        for match in patterns["or_long"].finditer(whole):
            short = match.group(1)
            if _is_acronym(short) and whole_fits:
                expansion = _expansion_after(short, whole[match.end() : match.end() + 200])
                if expansion:
                    found.append(_Found(short, [expansion], ACRONYM, whole, location, acronym_rank))
        for match in patterns["or_short"].finditer(whole):
            short, before = match.group(1), _tail(whole, match.start())
            if not _is_acronym(short) or not whole_fits:
                continue
            expansion = _expansion(short, before)
            letters = [char.casefold() for char in short if char.isalnum()]
            spelled = (expansion or "").split()
            # Capitalised, each word opening with the acronym's next letter: "Filesystem
            # Hierarchy Standard or FHS", not "files or FHS".
            if (
                expansion
                and expansion[0].isupper()
                and all(w[0].isupper() for w in spelled if w.casefold() not in _JOINERS)
                and _initials_in_order(letters, spelled)
            ):
                found.append(_Found(short, [expansion], ACRONYM, whole, location, acronym_rank))
        last_quoted: _Found | None = None
        quotations = list(patterns["quoted"].finditer(sentence))
        listed = _series(sentence, quotations) if len(quotations) > 0 else set()
        for index, match in enumerate(quotations):
            short = _quoted_acronym(match.group(2).strip(), capitals)
            if short is not None and whole_fits and not _titled(match, sentence):
                found.append(
                    _Found(short, [match.group(2).strip()], ACRONYM, whole, location, acronym_rank)
                )
                continue
            coinage = _coinage(match, sentence, lower, listed=index in listed)
            if coinage is None or not fits:
                continue
            term, alias = coinage
            if alias and last_quoted is not None:
                last_quoted.aliases.append(term)  # '"You" (or "Your") shall mean …'
                continue
            last_quoted = _Found(term, [], TERM, whole, location, 2)
            found.append(last_quoted)
        for match in patterns["known_as"].finditer(sentence):
            if sentence[match.start(1) - 1] in "'‘\"“":
                continue  # a quoted coinage, read whole by the quotation finder ("Web 2.0")
            if _ACRONYM_NEXT.match(sentence, match.end()):
                continue  # "known as the Sun Yellow Pages (YP)": the acronym's expansion
            term = _clean_name(match.group(1))
            if term and len(term.split()) <= 8 and not _shouted(term) and fits:
                found.append(_Found(term, [], TERM, whole, location, 3))
        for match in patterns["refers_to"].finditer(sentence):
            defined = _defined_term(match)
            if defined and len(defined.split()) <= 6 and not _shouted(defined) and fits:
                found.append(_Found(defined, [], TERM, whole, location, 3))
        for match in _appositives(patterns["appositive"], sentence):
            words = _clean_name(match.group(1)).split()
            if _OPENING.fullmatch(sentence[: match.start()]):
                # "Fixes CVE-2015-3255, a memory corruption …": a sentence's first word may be
                # a verb; one written in lower case elsewhere is not part of the name.
                while words and (_common(words[0], lower) or words[0].endswith(("ing", "ed"))):
                    words = words[1:]
            term = " ".join(words)
            if len(words) >= 2 and not _shouted(term) and not _residue(term) and fits:
                found.append(_Found(term, [], TERM, whole, location, 4))
        if location.start == 0 and (entry := _listed_definition(whole)) is not None and fits:
            listed_terms.setdefault(location.section, []).append(
                _Found(entry, [], TERM, whole, location, 3)
            )
        _count_names(sentence, location, lower, name_counts, name_prose, name_running, aside=aside)
    for entries in listed_terms.values():
        if len(entries) >= 2:  # a list of definitions, not one label ("Note: the …")
            found.extend(entries)
    for key, count in name_counts.items():
        if count < 2 or key not in name_prose or key not in name_running:
            continue  # a name is defined by a sentence of prose, never a table row alone
        if _compound(key, name_counts):
            continue
        location, name = name_prose[key]
        found.append(_Found(name, [], NAME, _sentence_at(sections, location), location, 5))
    return found


def _count_names(
    sentence: str,
    location: Location,
    lower: frozenset[str],
    counts: dict[str, int],
    prose: dict[str, tuple[Location, str]],
    running: set[str],
    *,
    aside: bool = False,
) -> None:
    """Count the uses of multi-word names in ``sentence`` that stand in running text.

    Not counted: credits ("(work by Marco Trevisan, Philip Withnall)", "(Luca Bacci)",
    "designed by Lasse Collin", "Thanks to …", "(url), by Valerie Heitshusen", a committer
    "David Zeuthen (65):"), what follows a pointer to another work ("see CRS Report 97-780,
    The Speaker of the House: House Officer, …"), and a sentence that is a list of names, or
    a name with no word in lower case ("David Zeuthen, Jan 9, 2013"). A name used as a label
    ("Display Class: ARRAY8 …") counts, but only a use in running text (``running``) makes it
    a name of the text. So does a use in a title or a source note (``aside``), which counts
    but neither makes a name of the text nor defines it.
    """
    patterns = _patterns()
    matches = list(patterns["name"].finditer(sentence))
    if not matches or _name_list(sentence, matches):
        return
    defines = is_prose(sentence, min_words=4) and _fits(sentence) and not aside
    pointer = patterns["see"].search(sentence)
    cited = pointer.start() if pointer else len(sentence)  # names after it are another work's
    credited = -1  # where the last credit ended: "(work by A, B and C)" credits all three
    for start, end in _joined(sentence, matches):
        if start >= cited:
            break
        if (
            patterns["count_after"].match(sentence, end)
            or patterns["thanked_after"].match(sentence, end)
            or patterns["thanked_in"].search(sentence, start, end)
            or patterns["credit_opening"].match(sentence, start)
            or _by_person(sentence, start, end)
            or patterns["credit_before"].search(sentence, max(0, start - 24), start)
            or (credited >= 0 and _LIST_GAP.fullmatch(sentence, credited, start))
            or (  # signed: "… – Miro Hrončok" at the end
                patterns["signed_before"].search(sentence, max(0, start - 4), start)
                and patterns["signed_tail"].fullmatch(sentence, end)
            )
        ):
            credited = end
            continue
        credited = -1
        opening = _OPENING.fullmatch(sentence, 0, start) is not None
        if opening and not _LOWER_WORD.search(sentence, end):
            continue  # the name alone, or signing: "- Michael Biebl", "David Zeuthen, Jan 9"
        label = patterns["label_after"].match(sentence, end) is not None
        numbered = _NUMBER_AFTER.match(sentence, end) is not None
        parts = _name_parts(sentence[start:end].split(), opening, lower)
        for index, part in enumerate(parts):
            name = _clean_name(" ".join(part))
            words = name.split()
            if len(words) < 2 or words[0].casefold() in _DATE_WORDS or _shouted(name):
                continue  # ("Thu Jan 14 2021": a date)
            if all(len(word.strip(_PUNCTUATION)) == 1 for word in words):
                continue  # "Q = N G", "diff F G": letters standing for values
            if _residue(name) or _document_part(words) or "_" in name or _placeholder(words):
                continue  # ('_': code, a run of constants, 'PNG_SET_WILL_FREE_DATA …')
            house = (
                index == 0 and _HOUSE_NUMBER.search(sentence, max(0, start - 8), start) is not None
            )
            if _address(words, house):
                continue  # "51 Franklin Street, Fifth Floor, Boston": a postal address
            if index == len(parts) - 1 and numbered and words[-1].casefold() in _NUMBERED:
                continue  # "Executive Order 14067", "Fiscal Year 2009": the number names it
            key = name.casefold()
            counts[key] = counts.get(key, 0) + 1
            if not label and not aside:
                running.add(key)
            if key not in prose and defines:
                prose[key] = (location, name)


#: The last word of an institution's, a law's or a programme's name: "… and Drug
#: Administration", "… Conservation and Management Act". A name that opens with one is whole.
_HEADS = frozenset(
    str.split(
        """
    act acts administration affairs agency agreement association authority board bureau
    center centre code commission committee convention corporation council court department
    development foundation fund institute management ministry office organization
    organisation program programme protection regulation research service services society
    treaty university
        """
    )
)
_AND = re.compile(r"\s+(?:and|&)\s+")


_NUMBER_AFTER = re.compile(r"\s+(?:No\.\s*)?\d")
_PART_NUMBER = re.compile(r"[IVXLC]+|[A-Z]|\d+[A-Za-z]?(?:-\d+)?")


#: Words before "by" that make what follows an agent, not an author: "followed by Microsoft
#: Azure", "owned by …".
_AGENTS = frozenset(
    str.split(
        """
    followed preceded replaced superseded owned operated run acquired used caused affected
    required defined specified governed led published issued made provided offered supported
    managed administered funded sponsored hosted served covered represented
        """
    )
)


def _by_person(sentence: str, start: int, end: int) -> bool:
    """Whether the name at ``start:end`` is a person credited with "by": "Russian by Yuri
    Kozlov", "By Ludovic Courtes", not "used by LZMA SDK" or "followed by Microsoft Azure"."""
    match = _patterns()["by_before"].search(sentence, max(0, start - 30), start)
    return (
        match is not None
        and (match.group(1) or "").casefold() not in _AGENTS
        and _personal(sentence[start:end].split())
    )


def _personal(words: list[str]) -> bool:
    """Whether words could be a person's name: two to four, each capitalised, none in capitals
    ("Yuri Kozlov", "Karl Ove Hufthammer"), and no institution's word ("Free Software
    Foundation")."""
    return 2 <= len(words) <= 4 and all(
        word[:1].isupper()
        and not _capitals(word)
        and word.strip(_PUNCTUATION).casefold() not in _HEADS
        for word in words
    )


def _document_part(words: list[str]) -> bool:
    """Whether a name is a numbered part of a document: "Division B", "Title V", "Part XI"."""
    return (
        len(words) == 2
        and words[0].casefold() in _PARTS
        and _PART_NUMBER.fullmatch(words[1].strip(_PUNCTUATION)) is not None
    )


def _joined(sentence: str, matches: list[re.Match[str]]) -> list[tuple[int, int]]:
    """The spans of the names in ``sentence``, two joined by "and" where they are one name.

    "U.S. Food and Drug Administration", "Customs and Border Protection", "Energy and Water
    Development and Related Agencies Appropriations Act": the words after "and" end with an
    institution's word (:data:`_HEADS`) and do not open with one, and those before it do not
    end with one. "Moscow and Pyongyang", "Department of Defense and Department of State"
    stay two names. So is a series that ends so: "Federal Food, Drug, and Cosmetic Act",
    "Senate Banking, Housing, and Urban Affairs Committee" (see :func:`_series_end`).
    """
    spans: list[tuple[int, int]] = []
    skip_to = -1
    for index, match in enumerate(matches):
        if index <= skip_to:
            continue
        start, end = match.start(), match.end()
        words = match.group(0).split()
        last = _series_end(sentence, matches, index)
        if last > index:
            spans.append((start, matches[last].end()))
            skip_to = last
            continue
        if spans and _AND.fullmatch(sentence, spans[-1][1], start):
            before = sentence[spans[-1][0] : spans[-1][1]].split()
            if (
                len(words) >= 2
                and words[-1].casefold().strip(_PUNCTUATION) in _HEADS
                and words[0].casefold() not in _HEADS
                and before[-1].casefold().strip(_PUNCTUATION) not in _HEADS
            ):
                spans[-1] = (spans[-1][0], end)
                continue
        spans.append((start, end))
    return spans


_COMMA = re.compile(r",\s+")
_SERIES_AND = re.compile(r",\s+(?:and|&)\s+")


def _series_end(sentence: str, matches: list[re.Match[str]], first: int) -> int:
    """The last match of a name written as a series from ``matches[first]``, or ``first``.

    "Federal Food, Drug, and Cosmetic Act": a name of at most three words, one or more single
    capitalised words after commas, and after ", and" words that end with an institution's,
    a law's or a programme's word (:data:`_HEADS`) and do not open with one. A list of
    acronyms or of longer names ("NOAA, NMFS, and …") is not such a series.
    """
    opening = matches[first].group(0).split()
    if len(opening) > 3 or opening[-1].casefold().strip(_PUNCTUATION) in _HEADS:
        return first
    last = first
    while last + 1 < len(matches) and _COMMA.fullmatch(
        sentence, matches[last].end(), matches[last + 1].start()
    ):
        word = matches[last + 1].group(0)
        if " " in word or _capitals(word):
            return first
        last += 1
    if last == first or last + 1 >= len(matches):
        return first
    if not _SERIES_AND.fullmatch(sentence, matches[last].end(), matches[last + 1].start()):
        return first
    closing = matches[last + 1].group(0).split()
    if closing[-1].casefold().strip(_PUNCTUATION) in _HEADS and closing[0].casefold() not in _HEADS:
        return last + 1
    return first


def _compound(key: str, counts: dict[str, int]) -> bool:
    """Whether a name is another name's demonym or plural, or two names joined by a hyphen.

    "North Korean", "North Korea-Russia" beside "North Korea", "Filter IDs" beside "Filter ID":
    the reader looks up the name itself (whose uses include its plural).
    """
    if key.endswith(("n", "s")) and counts.get(key[:-1], 0) >= 2:
        return True  # "North Korean", "Filter IDs": the name's adjective or plural
    last = key.rsplit(" ", 1)[-1]
    if "-" in last:
        base = key[: len(key) - len(last)] + last.split("-", 1)[0]
        return counts.get(base, 0) >= 2
    return False


def _sentence_at(sections: Sequence[Sequence[str]], location: Location) -> str:
    return sections[location.section][location.paragraph][location.start : location.end]


_YEAR_TAIL = re.compile(r"(?:,|\s+of)\s+\d{4}$")
_NATIONAL = re.compile(r"^(?:u\.s\.|us|united states)\s+")


def _base(name: str) -> str:
    """A folded name without "U.S." before it or its year after it, to fold one term's names.

    "U.S. Department of Defense" is DOD's "Department of Defense", "Help America Vote Act" is
    HAVA's "Help America Vote Act of 2002", "CARES Act" is CARES, and "NMFS International
    Fisheries Trade Permit" is IFTP's "International Fisheries Trade Permit".
    """
    base = _YEAR_TAIL.sub("", _NATIONAL.sub("", name.casefold()))
    words = name.split()
    if len(words) == 2 and words[1].casefold() == "act" and _is_acronym(words[0]):
        return words[0].casefold()  # "CARES Act" is CARES
    _, _, rest = base.partition(" ")
    if " " in rest and _is_acronym(words[0]):
        base = rest  # an agency's acronym before one of its programmes' names
    return base


def _shortened(short: str, expansions: Sequence[str]) -> list[str]:
    """An acronym's longer names written with it: "GNU GPL" for "GNU General Public License".

    The acronym's shortest expansion, inside a longer one, is replaced by the acronym; the
    name so written ("GNU GPL", "GNU LGPL") is the same term.
    """
    if len(expansions) < 2:
        return []
    core = min(expansions, key=len).casefold()
    return [
        name.casefold().replace(core, short.casefold())
        for name in expansions
        if core in name.casefold() and name.casefold() != core
    ]


def glossary(sections: Sequence[Sequence[str]], *, limit: int | None = None) -> list[Candidate]:
    """Glossary candidates for a report given as each section's paragraphs.

    Acronyms, coinages and defined terms come first, in order of first definition, then names
    by how often they are used; ``limit`` keeps the first so many. Each term is listed once,
    with its aliases; a name that expands an acronym is folded into the acronym's entry.
    """
    merged: dict[str, _Found] = {}
    alias_of: dict[str, str] = {}
    # A name that ends in an acronym ("GNU GPL") comes after the other names of its rank, so
    # that the acronym's longer expansions ("GNU General Public License") are known by then.
    finds = sorted(
        _finds(sections),
        key=lambda item: (item.rank, _is_acronym(item.term.rsplit(" ", 1)[-1])),
    )
    for item in finds:
        names = (item.term, *item.aliases)
        keys = [name.casefold() for name in names]
        keys += [base for name in names if (base := _base(name)) not in keys]
        owner = next((alias_of[key] for key in keys if key in alias_of), None)
        if owner is None:
            merged[keys[0]] = item
            owner = keys[0]
        else:
            kept = merged[owner]
            for alias in (item.term, *item.aliases):
                known = {kept.term.casefold(), *(name.casefold() for name in kept.aliases)}
                if alias.casefold() not in known:
                    kept.aliases.append(alias)
        kept = merged[owner]
        if kept.category == ACRONYM:
            keys += _shortened(kept.term, kept.aliases)
        for key in keys:
            alias_of.setdefault(key, owner)
    items = list(merged.values())
    matcher = TermMatcher([(item.term, *item.aliases) for item in items])
    sections_of: list[set[int]] = [set() for _ in items]
    counts = [0] * len(items)  # occurrences of each item
    for section_index, paragraphs in enumerate(sections):
        for paragraph in paragraphs:
            for index, _, _ in matcher.find(paragraph):
                sections_of[index].add(section_index)
                counts[index] += 1
    # A name used only inside a longer term is a piece of it ("Economic Security" of the
    # "Coronavirus Aid, Relief, and Economic Security" Act), not a name of the text.
    whole = [i for i, found in enumerate(items) if found.category != NAME or counts[i] >= 2]
    items = [items[i] for i in whole]
    sections_of = [sections_of[i] for i in whole]
    counts = [counts[i] for i in whole]
    candidates = [
        Candidate(
            item.term,
            tuple(item.aliases),
            item.category,
            item.definition,
            item.location,
            tuple(sorted(sections_of[index])),
            counts[index],
        )
        for index, item in enumerate(items)
    ]
    order = {ACRONYM: 0, TERM: 0, NAME: 1}
    candidates.sort(
        key=lambda candidate: (
            order[candidate.category],
            -candidate.occurrences if candidate.category == NAME else 0,
            candidate.defined_at.section,
            candidate.defined_at.paragraph,
            candidate.defined_at.start,
        )
    )
    return candidates[:limit] if limit is not None else candidates
