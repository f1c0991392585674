"""Dated statements in a report's prose → timeline events with the report's own sentence.

Finds days ('February 28, 2025'), months ('June 2023'), quarters ('the last quarter of
2024'), halves, years ('in 2014'), ranges ('1950-1953', 'from the late 1940s to the early
1990s'), decades ('the 1990s') and centuries ('the latter half of the 20th century').
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from briefcli.model import Brief, TimelineEvent, parse_date_point, parse_event_date

_MONTH_NUMBERS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# Month names are matched capitalised only: 'may' and 'march' are also ordinary words.
_M = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_Y = r"(1[0-9]{3}|20[0-9]{2}|21[0-9]{2})"
_QUALIFIER = r"(?:(?:early|mid|late)[\s-]+|mid-)?"
_ORDINAL_QUARTER = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
    "fourth": 4, "4th": 4, "last": 4, "final": 4,
}  # fmt: skip
# A lone year counts as a date only after a word that makes it one ('in 2014', 'since 1991'),
# so that '2000 troops' is not read as the year 2000.
_YEAR_CUES = frozenset((
    "in", "since", "by", "until", "till", "through", "throughout", "after", "before", "during",
    "circa", "c.", "early", "late", "mid", "year", "years", "from", "and", "or", "spring",
    "summer", "autumn", "fall", "winter",
))  # fmt: skip
_OF_CUES = frozenset((
    "end", "start", "beginning", "middle", "summer", "winter", "spring", "autumn", "fall", "rest",
))  # fmt: skip
_ABBREVIATIONS = frozenset((
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "col", "lt", "sgt", "maj", "capt", "adm",
    "gov", "sen", "rep", "prof", "inc", "ltd", "co", "corp", "no", "vol", "vs", "etc", "e.g",
    "i.e", "approx", "est", "ca", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
))  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?][\"'’”)\]]*\s+(?=[\"'‘“(\[]?[A-Z0-9])")


def _month(name: str) -> int:
    return _MONTH_NUMBERS[name.rstrip(".").casefold()]


def _day(year: str, month: int, day: str) -> str | None:
    text = f"{year}-{month:02d}-{int(day):02d}"
    try:
        parse_date_point(text)
    except ValueError:
        return None
    return text


def _range(first: str, last: str) -> str | None:
    text = f"{first}/{last}"
    try:
        parse_event_date(text)
    except ValueError:
        return None
    return text


def _years(first: str, last: str) -> str | None:
    if len(last) == 2:  # '1950-53'
        last = first[:2] + last
    if not 0 < int(last) - int(first) <= 200:
        return None
    return _range(first, last)


def _century(part: str | None, number: str) -> str | None:
    century = int(number)
    if not 11 <= century <= 22:
        return None
    start = (century - 1) * 100
    spans = {
        None: (f"{start}", f"{start + 99}"),
        "early": (f"{start}s", f"{start + 20}s"),
        "mid": (f"{start + 40}s", f"{start + 60}s"),
        "late": (f"{start + 70}s", f"{start + 90}s"),
        "first": (f"{start}", f"{start + 49}"),
        "second": (f"{start + 50}", f"{start + 99}"),
        "latter": (f"{start + 50}", f"{start + 99}"),
    }
    key = part.split()[0].casefold().rstrip("-") if part else None
    first, last = spans[key]
    return _range(first, last)


def _half(which: str, year: str) -> str:
    return f"{year}-01/{year}-06" if which.casefold() == "first" else f"{year}-07/{year}-12"


_Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str | None]]

_ISO_DAY: _Rule = (
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
    lambda m: _day(m[1], int(m[2]), m[3]),
)
_MONTH_DAY_YEAR: _Rule = (
    re.compile(rf"\b({_M})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_Y}\b"),
    lambda m: _day(m[3], _month(m[1]), m[2]),
)
_DAY_MONTH_YEAR: _Rule = (
    re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_M}),?\s+{_Y}\b"),
    lambda m: _day(m[3], _month(m[2]), m[1]),
)
_MONTH_YEAR: _Rule = (re.compile(rf"\b({_M}),?\s+{_Y}\b"), lambda m: f"{m[2]}-{_month(m[1]):02d}")

#: (pattern, converter) pairs, most specific first; a later match may not overlap an earlier.
_RULES: list[_Rule] = [
    _ISO_DAY,
    _MONTH_DAY_YEAR,
    _DAY_MONTH_YEAR,
    (
        re.compile(
            r"\b(first|second|third|fourth|last|final|1st|2nd|3rd|4th)\s+quarter\s+"
            rf"(?:of\s+)?{_Y}\b",
            re.IGNORECASE,
        ),
        lambda m: f"{m[2]}-Q{_ORDINAL_QUARTER[m[1].casefold()]}",
    ),
    (re.compile(rf"\bQ([1-4])(?:\s+of)?\s*{_Y}\b"), lambda m: f"{m[2]}-Q{m[1]}"),
    (re.compile(rf"\b{_Y}\s*-?\s*Q([1-4])\b"), lambda m: f"{m[1]}-Q{m[2]}"),
    (
        re.compile(rf"\b(first|second|latter)\s+half\s+of\s+{_Y}\b", re.IGNORECASE),
        lambda m: _half(m[1], m[2]),
    ),
    (
        re.compile(rf"\b({_M})\s*(?:-|–|to|through|until)\s*({_M}),?\s+{_Y}\b"),
        lambda m: _range(f"{m[3]}-{_month(m[1]):02d}", f"{m[3]}-{_month(m[2]):02d}"),
    ),
    _MONTH_YEAR,
    (
        re.compile(
            rf"\b{_QUALIFIER}(\d{{3}}0)s\s*(?:-|–|to|through|until|and)\s*(?:the\s+)?"
            rf"{_QUALIFIER}(\d{{3}}0)s\b",
            re.IGNORECASE,
        ),
        lambda m: _range(f"{m[1]}s", f"{m[2]}s"),
    ),
    (
        re.compile(rf"\b{_Y}\s*(?:-|–|—)\s*(\d{{4}}|\d{{2}})\b(?![-–—]?\d)"),
        lambda m: _years(m[1], m[2]),
    ),
    (
        re.compile(
            rf"\b(?:from|between)\s+{_Y}\s+(?:to|and|until|through)\s+{_Y}\b", re.IGNORECASE
        ),
        lambda m: _years(m[1], m[2]),
    ),
    (
        re.compile(
            r"\b(?:(early|mid|late|(?:first|second|latter)\s+half\s+of\s+the)[\s-]+)?"
            r"(\d{1,2})(?:st|nd|rd|th)[\s-]+century\b",
            re.IGNORECASE,
        ),
        lambda m: _century(m[1], m[2]),
    ),
    (re.compile(rf"\b{_QUALIFIER}(\d{{3}}0)s\b", re.IGNORECASE), lambda m: f"{m[1]}s"),
]
_LONE_YEAR = re.compile(rf"(?<![\d,.$€£#/])\b{_Y}\b(?![\d%]|,\d|\.\d)")


def written_date(text: str) -> str | None:
    """A whole date as written ('February 28, 2025', '28 Feb 2025', '2025-02-28', 'June
    2023', '2024') → the brief's form ('2025-02-28', '2023-06', '2024'); None if not a date."""
    text = " ".join(text.split()).rstrip(".")
    for pattern, convert in (_ISO_DAY, _MONTH_DAY_YEAR, _DAY_MONTH_YEAR, _MONTH_YEAR):
        if (match := pattern.fullmatch(text)) and (date := convert(match)):
            return date
    if re.fullmatch(_Y, text):
        return text
    return None


def find_dates(sentence: str) -> list[str]:
    """The dates a sentence gives, in the brief's form, in order of appearance, no repeats."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, str]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    for pattern, convert in _RULES:
        for match in pattern.finditer(sentence):
            if free(*match.span()) and (date := convert(match)) is not None:
                taken.append(match.span())
                found.append((match.start(), date))
    for match in _LONE_YEAR.finditer(sentence):
        if free(*match.span()) and _cued(sentence, match.start()):
            taken.append(match.span())
            found.append((match.start(), match.group(1)))
    dates: list[str] = []
    for _, date in sorted(found):
        if date not in dates:
            dates.append(date)
    return dates


def _cued(sentence: str, start: int) -> bool:
    before = sentence[max(0, start - 60) : start]
    if before.endswith("(") or re.search(r"\b(?:mid|early|late)-$", before, re.IGNORECASE):
        return True
    words = re.findall(r"[\w.]+", before.casefold())
    if not words:
        return False
    if words[-1] in _YEAR_CUES:
        return True
    return words[-1] == "of" and len(words) >= 2 and words[-2] in _OF_CUES


def sentences(paragraph: str) -> Iterator[str]:
    """The sentences of a paragraph; abbreviations such as 'U.S.' and 'Dr.' do not end one."""
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        word = re.search(r"(\S+)$", paragraph[max(start, match.start() - 40) : match.start()])
        token = word.group(1).casefold().lstrip("(\"'‘“") if word else ""
        if token in _ABBREVIATIONS or (re.fullmatch(r"(?:\w\.)*\w", token) and len(token) <= 3):
            continue
        sentence = paragraph[start : match.start() + 1].strip()
        if sentence:
            yield sentence
        start = match.end()
    rest = paragraph[start:].strip()
    if rest:
        yield rest


def extract(brief: Brief) -> tuple[TimelineEvent, ...]:
    """One event per date per sentence, in date order, each with its section's id."""
    events: list[TimelineEvent] = []
    for section in brief.sections:
        parts = [(section.id, section.paragraphs)]
        parts += [(sub.id, sub.paragraphs) for sub in section.subsections]
        for section_id, paragraphs in parts:
            for paragraph in paragraphs:
                for sentence in sentences(paragraph):
                    for date in find_dates(sentence):
                        events.append(
                            TimelineEvent(parse_event_date(date), sentence, (section_id,), "report")
                        )
    return tuple(sorted(events, key=lambda e: e.date.sort_key))
