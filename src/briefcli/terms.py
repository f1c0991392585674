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
from collections.abc import Iterable, Sequence
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
    recent further additionally central historically
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
        """
    )
)
_MONTHS = frozenset(
    str.split(
        "january february march april may june july august september october november december"
    )
)


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
    "Storm Corps'"); acronyms match with their case, other names in any case. The pattern is a
    single compiled alternation, longest names first, so the scan is linear in the text.
    """

    def __init__(self, terms: Sequence[Sequence[str]]) -> None:
        names = sorted(
            ((name, index) for index, names in enumerate(terms) for name in names if name.strip()),
            key=lambda item: (-len(item[0]), item[0]),
        )
        self._owners = [index for _, index in names]
        parts = [f"(?P<n{position}>{_alternative(name)})" for position, (name, _) in
                 enumerate(names)]  # fmt: skip
        self._pattern = (
            re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])") if parts else None
        )

    def find(self, text: str) -> list[tuple[int, int, int]]:
        """Every use in ``text`` as (term index, start, end), in order of position."""
        if self._pattern is None:
            return []
        found = []
        for match in self._pattern.finditer(text):
            group = match.lastgroup
            if group is not None:
                found.append((self._owners[int(group[1:])], match.start(), match.end()))
        return found

    def used(self, text: str) -> set[int]:
        """The indices of the terms used in ``text``."""
        return {index for index, _, _ in self.find(text)}


def uses(term: str, aliases: Sequence[str], text: str) -> list[tuple[int, int]]:
    """Where ``term`` or an alias is used in ``text``, plurals and possessives included."""
    return [(start, end) for _, start, end in TermMatcher([(term, *aliases)]).find(text)]


# -- extraction -----------------------------------------------------------------------------------


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    name_word = r"[A-Z][\w’'&.-]*"
    # No "and": "Moscow and Pyongyang" is two names, not one.
    name = rf"{name_word}(?:\s+(?:(?:of|for|the|on|de)\s+)*{name_word})*"
    return {
        # "Long Form Words (LFW)": the acronym in brackets after its expansion.
        "short_after": re.compile(r"\(\s*([A-Z][A-Za-z0-9&.-]{1,11}?)(s?)\s*\)"),
        # "LFW (Long Form Words)": the expansion in brackets after the acronym.
        "long_after": re.compile(
            r"(?<![\w-])([A-Z][A-Za-z0-9&-]{1,11}?)(s?)\s+\(\s*(?:the\s+)?([A-Za-z][^()]{3,120}?)\s*\)"
        ),
        # Quoted text: straight or curly, single or double.
        "quoted": re.compile(
            r"(?<![\w’'])(['‘\"“])([A-Za-z][^'‘’\"“”\n]{1,60}?)([,.;:!?]?)(['’\"”])(?![\w’'])"
        ),
        "known_as": re.compile(
            r"\b(?:known as|called|referred to as|dubbed|termed|nicknamed|so-called)\s+"
            rf"(?:the\s+)?['‘\"“]?({name})"
        ),
        # "X refers to …" at the start of a sentence; X may go on in lower case.
        "refers_to": re.compile(
            r"^(?:The term\s+|The\s+)?['‘\"“]?([A-Z][\w’'-]*(?:\s+[\w’'-]+){0,4}?)['’\"”]?,?\s+"
            r"(?:refers to|is defined as|means|denotes|stands for)\b"
        ),
        # A coinage's quotes follow one of these words directly: "known as the 'Storm Corps'".
        "coined": re.compile(
            r"\b(?:known as|called|dubbed|termed|so-called|named|nicknamed|referred to as)"
            r"\s+(?:the\s+|an?\s+)?$",
            re.IGNORECASE,
        ),
        "appositive": re.compile(rf"(?<![\w.])({name}),\s+(?:a|an|the)\s+[a-z][^,;.]{{3,90}},"),
        "name": re.compile(name),
    }


def _expansion(short: str, before: str) -> str | None:
    """The expansion of ``short`` at the end of ``before`` (Schwartz and Hearst, 2003), or None.

    Walks the acronym's letters and the text backwards; each letter must be found in order,
    and the first must start a word. The expansion has at most ``len + 5`` words.
    """
    letters = [char.casefold() for char in short if char.isalnum()]
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
            return None
        l_index -= 1
        s_index -= 1
    start = text.rfind(" ", 0, l_index + 1) + 1
    found = window[start:].strip(" ,;:")
    found_words = found.split()
    if found_words and found_words[0].casefold() == "the":
        found = " ".join(found_words[1:])
        found_words = found_words[1:]
    # Words of the expansion must open with the acronym's letters often enough: a guard
    # against matching letters buried inside ordinary words.
    if len(found_words) < 2 or found.casefold() == short.casefold():
        return None
    initials = sum(1 for word in found_words if word[0].casefold() in letters)
    if initials < min(len(letters), len(found_words)) - 1 or not found[0].isupper():
        return None
    return found


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
    while words and words[-1].casefold() in _JOINERS:
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


def _finds(sections: Sequence[Sequence[str]]) -> list[_Found]:
    patterns = _patterns()
    found: list[_Found] = []
    name_counts: dict[str, int] = {}
    name_first: dict[str, tuple[Location, str]] = {}
    name_prose: dict[str, tuple[Location, str]] = {}
    for location, sentence in _sentences(sections):
        for match in patterns["short_after"].finditer(sentence):
            short = match.group(1).rstrip(".")
            if not _is_acronym(short):
                continue
            expansion = _expansion(short, sentence[: match.start()])
            if expansion:
                found.append(_Found(short, [expansion], ACRONYM, sentence, location, 0))
        for match in patterns["long_after"].finditer(sentence):
            short, inner = match.group(1), match.group(3)
            if not _is_acronym(short) or _is_acronym(inner):
                continue
            expansion = _expansion(short, inner)
            if expansion and len(expansion) >= len(inner) - 4:
                found.append(_Found(short, [expansion], ACRONYM, sentence, location, 0))
        for match in patterns["quoted"].finditer(sentence):
            opening, inner, closing = match.group(1), match.group(2).strip(), match.group(4)
            if {opening, closing} not in ({"'"}, {'"'}, {"‘", "’"}, {"“", "”"}):
                continue
            words = inner.split()
            if inner.isupper():
                # "MUST", "AS IS": capitals quoted for emphasis; an acronym is found where the
                # text expands it, never from quotes alone.
                continue
            lead_in = sentence[max(0, match.start() - 30) : match.start()]
            coined = patterns["coined"].search(lead_in) is not None
            capitalised = all(word[0].isupper() for word in words if word not in _JOINERS)
            if 1 <= len(words) <= 5 and (capitalised or coined):
                found.append(_Found(inner, [], TERM, sentence, location, 1))
        for key in ("known_as", "refers_to"):
            for match in patterns[key].finditer(sentence):
                term = _clean_name(match.group(1))
                if term and len(term.split()) <= 6 and not _shouted(term):
                    found.append(_Found(term, [], TERM, sentence, location, 2))
        for match in patterns["appositive"].finditer(sentence):
            term = _clean_name(match.group(1))
            opening = term.split()[0] if term else ""
            # "Engaging China, a traditional ally, …": a sentence's first word may be a verb.
            if match.start() == 0 and opening.endswith(("ing", "ed", "ly")):
                continue
            if len(term.split()) >= 2 and not _shouted(term):
                found.append(_Found(term, [], TERM, sentence, location, 3))
        for match in patterns["name"].finditer(sentence):
            name = _clean_name(match.group(0))
            words = name.split()
            if len(words) < 2 or words[0].casefold() in _MONTHS or _shouted(name):
                continue
            key = name.casefold()
            name_counts[key] = name_counts.get(key, 0) + 1
            name_first.setdefault(key, (location, name))
            if key not in name_prose and is_prose(sentence, min_words=3):
                # A name's definition is the first sentence of prose using it, not a table row.
                name_prose[key] = (location, name)
    for key, count in name_counts.items():
        if count >= 2:
            location, name = name_prose.get(key) or name_first[key]
            sentence = _sentence_at(sections, location)
            found.append(_Found(name, [], NAME, sentence, location, 4))
    return found


def _sentence_at(sections: Sequence[Sequence[str]], location: Location) -> str:
    return sections[location.section][location.paragraph][location.start : location.end]


def glossary(sections: Sequence[Sequence[str]], *, limit: int | None = None) -> list[Candidate]:
    """Glossary candidates for a report given as each section's paragraphs.

    Acronyms, coinages and defined terms come first, in order of first definition, then names
    by how often they are used; ``limit`` keeps the first so many. Each term is listed once,
    with its aliases; a name that expands an acronym is folded into the acronym's entry.
    """
    merged: dict[str, _Found] = {}
    alias_of: dict[str, str] = {}
    for item in sorted(_finds(sections), key=lambda item: item.rank):
        keys = [item.term.casefold(), *(alias.casefold() for alias in item.aliases)]
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
