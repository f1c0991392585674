"""Selection: find a section, a glossary term, the events in a date range; fuzzy suggestions."""

from __future__ import annotations

import difflib
import re
from typing import NamedTuple

from briefcli.errors import NotFoundError, UsageError, listing, quoted
from briefcli.model import (
    Brief,
    DatePoint,
    GlossaryEntry,
    Section,
    Subsection,
    TimelineEvent,
    parse_date_point,
)


class SectionMatch(NamedTuple):
    """A section, or one subsection of it, as asked for by the user."""

    section: Section
    subsection: Subsection | None = None

    @property
    def id(self) -> str:
        """The id asked for: '4' or '4-2'."""
        return self.subsection.id if self.subsection else self.section.id


class TermMatch(NamedTuple):
    """A glossary entry, with the query as typed when it had to be corrected."""

    entry: GlossaryEntry
    corrected_from: str | None
    used_in: tuple[str, ...]


def section_ids(brief: Brief) -> list[str]:
    """Every id ``show`` accepts, in reading order: '1', '2', '2-1', …, and the role names."""
    ids: list[str] = []
    for section in brief.sections:
        ids.append(section.id)
        ids.extend(sub.id for sub in section.subsections)
    ids.extend(s.role for s in brief.sections if s.role)
    return ids


def normalise_section_ref(words: list[str] | tuple[str, ...]) -> str:
    """'section 4', 'Section 4.2', '§4', '4-2' → '4' or '4-2', 'ii.1' → 'ii-1', 'A.2' → 'a-2',
    'ⅱ' → 'ii'; role names pass lower-cased."""
    text = " ".join(words).strip()
    if not text.isascii():
        import unicodedata

        # What a keyboard or a copied page types for an id: 'ⅱ' (one character), full-width
        # 'Ａ.２', superscript '²' are ii, A.2, 2 to a reader, and ids are written plainly.
        text = unicodedata.normalize("NFKC", text)
    # 'section 4', 'sec. 4', 'Section4': the word is dropped only before a space, a digit or
    # the end, so that ids such as 'security' or 'second-reading' stay whole.
    text = re.sub(
        r"^(?:(?:section|sec\.?)(?=[\s\d]|$)|§)\s*", "", text, flags=re.IGNORECASE
    ).strip()
    if not text.isascii() and all(c.isdecimal() or c in ".-–/ " for c in text):
        # Digits of another script ('٤-٢', '४'), which NFKC leaves: a number is a number.
        # Only a reference that is all number: an imported id may hold such digits in a word.
        text = "".join(str(int(c)) if c.isdecimal() else c for c in text)
    text = re.sub(r"(?<=\d)\s*[.\-–/]\s*(?=\d)", "-", text)
    # Front matter's and appendices' subsections: 'ii.1' → 'ii-1', 'A.2' → 'a-2'.
    text = re.sub(r"^([ivxlcdm]{1,6}|[a-z])\s*[.\-–/]\s*(?=\d)", r"\1-", text, flags=re.I)
    return text.rstrip(".").strip().casefold()


def section_ref(words: list[str] | tuple[str, ...]) -> str:
    """The normalised reference (:func:`normalise_section_ref`); UsageError when it is empty.

    Every command that takes a section asks through here (show, read, cite, summary
    --section, search --section), so the message names none of them.
    """
    ref = normalise_section_ref(words)
    if not ref:
        raise UsageError("say which section: an id such as 4 or 4-2, or summary or conclusion")
    return ref


def find_section(brief: Brief, words: list[str] | tuple[str, ...]) -> SectionMatch:
    """The section or subsection the user asked for, or NotFoundError listing valid ids."""
    ref = section_ref(words)
    for section in brief.sections:
        if ref in (section.id.casefold(), (section.role or "")):
            return SectionMatch(section)
        for sub in section.subsections:
            if ref == sub.id.casefold():
                return SectionMatch(section, sub)
    for section in brief.sections:
        if ref == section.title.casefold():
            return SectionMatch(section)
    valid = section_ids(brief)
    nearest = _nearest_id(ref, valid)
    hint = f"; nearest is {quoted(nearest)}" if nearest else ""
    raise NotFoundError(f"no section {quoted(ref)}{hint}; valid: {listing(valid)}")


#: Section numbers are compared as numbers up to this many digits; longer ones are all "far".
_NUMBER_DIGITS = 9


def _number(digits: str) -> int:
    """A section number for comparing distances, never converting unbounded text."""
    significant = digits.lstrip("0") or "0"
    return int(significant) if len(significant) <= _NUMBER_DIGITS else 10**_NUMBER_DIGITS


def _nearest_id(ref: str, valid: list[str]) -> str | None:
    # '9' is nearest to the last numbered section; '4-7' to the last subsection of 4.
    numeric = [v for v in valid if re.fullmatch(r"\d+(-\d+)?", v, flags=re.ASCII)]
    if re.fullmatch(r"\d+(-\d+)?", ref, flags=re.ASCII) and numeric:

        def distance(candidate: str) -> tuple[int, ...]:
            want = [_number(p) for p in ref.split("-")] + [0]
            have = [_number(p) for p in candidate.split("-")] + [0]
            return (abs(want[0] - have[0]), abs(want[1] - have[1]))

        return min(numeric, key=distance)
    if len(ref) > _CLOSE_MATCH_CHARS:
        return None  # nothing that long is close to an id, and comparing it would be slow
    close = difflib.get_close_matches(ref, valid, n=1, cutoff=0.3)
    return close[0] if close else None


#: Longer references are not compared for a fuzzy suggestion (difflib is quadratic).
_CLOSE_MATCH_CHARS = 200


#: Sections a note names: 'Section 5-2', 'sections 4-2 and 5.2', 'sections 2, 3 and 4'
#: (a pattern compiled only for a brief with notes: the lookup compiles none).
_NAMED_SECTIONS = r"\b[Ss]ections?\s+(\d+(?:[-.]\d+)*(?:(?:,?\s+and\s+|,\s*)\d+(?:[-.]\d+)*)*)"


def notes_on(brief: Brief, match: SectionMatch) -> tuple[str, ...]:
    """The editor's notes that name the section shown, or one of its subsections ('Section
    5-2 names …', 'sections 4-2 and 5.2'), in the brief's order."""
    if not brief.notes:
        return ()
    shown = {match.id}
    if match.subsection is None:
        shown.update(sub.id for sub in match.section.subsections)
    out = []
    for note in brief.notes:
        ids = {
            ref.replace(".", "-")
            for found in re.finditer(_NAMED_SECTIONS, note)
            for ref in re.split(r",?\s+and\s+|,\s*", found.group(1))
        }
        if ids & shown:
            out.append(note)
    return tuple(out)


def term_sections(brief: Brief, entry: GlossaryEntry) -> tuple[str, ...]:
    """Ids of the sections and subsections whose text uses the term or one of its aliases."""
    from briefcli.termmatch import term_uses  # one pass over the text (termmatch.py)

    return term_uses(brief, (entry,))[0]


def _mentions(text: str, name: str) -> bool:
    r"""True when ``name`` stands in ``text`` as whole words; a plural ending still counts.

    The test of the pattern ``(?<!\w)NAME(?:s|es)?(?!\w)`` (any case), as term_sections applies it.
    """
    from briefcli.termmatch import Matcher

    return bool(Matcher((name,)).used(text))


def find_term(brief: Brief, query: str) -> TermMatch:
    """The glossary entry for ``query``: exact (any case), else the one term that starts so or
    has those whole words ('corps' → 'Storm Corps'), else a close spelling.

    Several terms that fit are a :class:`NotFoundError` naming them; nothing that fits, one
    naming the closest terms.
    """
    wanted = _fold(query)
    by_name = {_fold(name): e for e in brief.glossary for name in e.names()}
    entry = by_name.get(wanted)
    corrected: str | None = None
    if entry is None:
        fitting = _fitting_terms(wanted, by_name) if wanted else []
        if len(fitting) > 1:
            raise NotFoundError(
                f"{quoted(query)} is in {len(fitting)} glossary terms: "
                f"{listing([e.term for e in fitting])}",
                "say which, in full",
            )
        if fitting:
            entry = fitting[0]
        elif len(wanted) <= _CLOSE_MATCH_CHARS:
            close = difflib.get_close_matches(wanted, list(by_name), n=1, cutoff=0.8)
            if close:
                entry = by_name[close[0]]
        if entry is None:
            raise NotFoundError(_no_term_message(brief, query, list(by_name)))
        corrected = query
    return TermMatch(entry, corrected, term_sections(brief, entry))


def _fitting_terms(wanted: str, by_name: dict[str, GlossaryEntry]) -> list[GlossaryEntry]:
    """The entries (in glossary order, once each) with a name that starts with ``wanted`` or
    holds its words as whole words, in a row ('party talks' in 'six party talks')."""
    padded = f" {wanted} "
    found: dict[str, GlossaryEntry] = {}
    for name, entry in by_name.items():
        if name.startswith(wanted) or padded in f" {name} ":
            found.setdefault(entry.term, entry)
    return list(found.values())


def _fold(text: str) -> str:
    """Case, punctuation and spacing do not matter: 'six-party  TALKS' → 'six party talks'."""
    # 'İ' (Turkish dotted capital I) folds to 'i' and a combining dot above, which would
    # split the word: the dot goes, so 'istanbul' finds 'İstanbul'. Other marks (a virama,
    # an accent) are left as they are: dropping them would join what the text separates.
    folded = text.casefold().replace("i\u0307", "i")
    return " ".join("".join(c if c.isalnum() else " " for c in folded).split())


def _no_term_message(brief: Brief, query: str, names: list[str]) -> str:
    if not brief.glossary:
        return "this brief has no glossary"
    wanted = _fold(query)[:_CLOSE_MATCH_CHARS]
    # Rank every name, however far: the reader always gets the three nearest to try.
    ranked = sorted(names, key=lambda name: -difflib.SequenceMatcher(None, wanted, name).ratio())
    terms = {_fold(name): e.term for e in brief.glossary for name in e.names()}
    closest = list(dict.fromkeys(terms[name] for name in ranked))[:3]
    return f"no glossary term {quoted(query)}; closest: {listing(closest)}"


def events_between(
    brief: Brief, since: str | None = None, until: str | None = None
) -> list[TimelineEvent]:
    """Timeline events in chronological order whose span overlaps [since, until].

    An event counts when any part of it is in range: ``--since 2024`` keeps '2020s' and
    '2023/2025'. A range that ends before it starts is a :class:`UsageError`.
    """
    low = _bound(since, "--since").first if since else None
    high = _bound(until, "--until").last if until else None
    if low is not None and high is not None and low > high:
        raise UsageError(
            f"--since {quoted(since or '')} is after --until {quoted(until or '')}: "
            "nothing can be in that range",
            "swap them",
        )
    events = sorted(brief.timeline, key=lambda e: e.date.sort_key)
    return [
        e
        for e in events
        if (low is None or e.date.end.last >= low) and (high is None or e.date.start.first <= high)
    ]


def _bound(text: str, option: str) -> DatePoint:
    from briefcli.options import DATE_FORMS

    try:
        return parse_date_point(text.strip())
    except ValueError:
        raise UsageError(f"{option} {quoted(text)} is not a date: use {DATE_FORMS}") from None
