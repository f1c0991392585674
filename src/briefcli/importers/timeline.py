"""Dated statements in a report's prose → timeline events with the report's own sentence.

Finds days ('February 28, 2025'), months ('June 2023'), quarters ('the last quarter of
2024'), halves, years ('in 2014'), ranges ('1950-1953', 'from the late 1940s to the early
1990s'), decades ('the 1990s') and centuries ('the latter half of the 20th century').
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from briefcli.model import Brief, TimelineEvent, parse_date_point, parse_event_date
from briefcli.model import is_block as model_is_block
from briefcli.sentences import CJK_LETTER, CJK_STOP

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
    "summer", "autumn", "fall", "winter", "fiscal",
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
#: Citations' and legislatures' abbreviations ('et al. (2004)', 'pp. 3', 'H.Res. 543', '115th
#: Cong. 1st sess.', 'Pub. L. No.'), which end no event's sentence.
_CITATION_ABBREVIATIONS = frozenset((
    "al", "p", "pp", "ch", "sec", "art", "para", "ed", "eds", "rev", "res", "stat", "cong", "sess",
    "pub",
))  # fmt: skip
_MONTH_AHEAD = re.compile(rf"{_M}\s+\d")
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


def _days(year: str, month: int, first: str, last: str) -> str | None:
    """'5 and 6 May 2024' → '2024-05-05/2024-05-06': two days of one month, in order."""
    start, end = _day(year, month, first), _day(year, month, last)
    if start is None or end is None or int(first) >= int(last):
        return None
    return _range(start, end)


def _day_span(year: str, first: tuple[str, str], last: tuple[str, str]) -> str | None:
    """'1 January to 31 December 2025' → '2025-01-01/2025-12-31': two days (month name, day)
    of one year, the year written once, in order."""
    start = _day(year, _month(first[0]), first[1])
    end = _day(year, _month(last[0]), last[1])
    if start is None or end is None or start >= end:
        return None
    return _range(start, end)


def _season(first: str, last: str) -> str | None:
    """'2023/24' or '2023/2024' (a season, a fiscal or school year) → '2023/2024': only two
    years that follow each other, so that '2023/05' (a month) is none."""
    if int(last) % (100 if len(last) == 2 else 10_000) != (int(first) + 1) % (
        100 if len(last) == 2 else 10_000
    ):
        return None
    return _years(first, last)


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
#: A day, a month's abbreviation and a year joined by hyphens, as PEP headers write them
#: ('Created: 03-Jan-2019').
_HYPHENATED_DAY: _Rule = (
    re.compile(rf"\b(\d{{1,2}})-({_M})-{_Y}\b"),
    lambda m: _day(m[3], _month(m[2]), m[1]),
)
_TO = r"\s*(?:-|–|—|and|to|through|until)\s*"
_TH = r"(?:st|nd|rd|th)?"


def _cjk_date(year: str, month: str | None = None, day: str | None = None) -> str | None:
    """A date as Chinese, Japanese and Korean write it, in any digits ('２０２４年'), in the
    brief's form; None when it is no date ('2024年13月', '0999年')."""
    value = int(year)
    if not 1000 <= value <= 2199:
        return None
    if month is None:
        return str(value)
    if not 1 <= int(month) <= 12:
        return None
    if day is None:
        return f"{value}-{int(month):02d}"
    return _day(str(value), int(month), day)


#: Dates as Chinese, Japanese and Korean write them: '2024年10月3日', '2024年10月', '1961年',
#: '2024년 10월 3일' (a year so marked needs no other cue; no space or word boundary before).
_CJK_RULES: list[_Rule] = [
    (
        re.compile(r"(?<!\d)(\d{4})\s?[年년]\s?(\d{1,2})\s?[月월]\s?(\d{1,2})\s?[日일]"),
        lambda m: _cjk_date(m[1], m[2], m[3]),
    ),
    (
        re.compile(r"(?<!\d)(\d{4})\s?[年년]\s?(\d{1,2})\s?[月월]"),
        lambda m: _cjk_date(m[1], m[2]),
    ),
    (re.compile(r"(?<!\d)(\d{4})\s?[年년](?!\s?\d)"), lambda m: _cjk_date(m[1])),
]

#: (pattern, converter) pairs, most specific first; a later match may not overlap an earlier.
_RULES: list[_Rule] = [
    *_CJK_RULES,
    _ISO_DAY,
    # two days of two months, the year written once: 'from 1 January to 31 December 2025',
    # 'between January 1 and March 31, 2025'
    (
        re.compile(
            rf"\b(\d{{1,2}}){_TH}\s+(?:of\s+)?({_M}){_TO}(\d{{1,2}}){_TH}\s+(?:of\s+)?({_M}),?"
            rf"\s+{_Y}\b"
        ),
        lambda m: _day_span(m[5], (m[2], m[1]), (m[4], m[3])),
    ),
    (
        re.compile(rf"\b({_M})\s+(\d{{1,2}}){_TH}{_TO}({_M})\s+(\d{{1,2}}){_TH},?\s+{_Y}\b"),
        lambda m: _day_span(m[5], (m[1], m[2]), (m[3], m[4])),
    ),
    # two days of one month: '5 and 6 May 2024', '5-6 May 2024', 'May 5–6, 2024'
    (
        re.compile(rf"\b(\d{{1,2}}){_TH}{_TO}(\d{{1,2}}){_TH}\s+(?:of\s+)?({_M}),?\s+{_Y}\b"),
        lambda m: _days(m[4], _month(m[3]), m[1], m[2]),
    ),
    (
        re.compile(rf"\b({_M})\s+(\d{{1,2}}){_TH}{_TO}(\d{{1,2}}){_TH},?\s+{_Y}\b"),
        lambda m: _days(m[4], _month(m[1]), m[2], m[3]),
    ),
    _MONTH_DAY_YEAR,
    _DAY_MONTH_YEAR,
    _HYPHENATED_DAY,
    (
        re.compile(
            r"\b(first|second|third|fourth|last|final|1st|2nd|3rd|4th)\s+quarter\s+"
            rf"(?:of\s+)?{_Y}\b",
            re.IGNORECASE,
        ),
        lambda m: f"{m[2]}-Q{_ORDINAL_QUARTER[m[1].casefold()]}",
    ),
    (re.compile(rf"\bQ([1-4])(?:\s+of)?\s*{_Y}\b"), lambda m: f"{m[2]}-Q{m[1]}"),
    (re.compile(rf"\b{_Y}\s*(?:-\s*)?Q([1-4])\b"), lambda m: f"{m[1]}-Q{m[2]}"),
    (
        re.compile(rf"\b(first|second|latter)\s+half\s+of\s+{_Y}\b", re.IGNORECASE),
        lambda m: _half(m[1], m[2]),
    ),
    (
        re.compile(rf"\b({_M}){_TO}({_M}),?\s+{_Y}\b"),
        lambda m: _range(f"{m[3]}-{_month(m[1]):02d}", f"{m[3]}-{_month(m[2]):02d}"),
    ),
    _MONTH_YEAR,
    # a fiscal year ('FY2025', 'FY 2025', 'FY2024-25') and a season ('2023/24')
    (
        re.compile(rf"\bFY\s?{_Y}(?:\s*[-–/]\s*(\d{{4}}|\d{{2}})\b(?![-–—/]))?"),
        lambda m: _years(m[1], m[2]) if m[2] else m[1],
    ),
    (re.compile(rf"\b{_Y}/(\d{{4}}|\d{{2}})\b(?![/\d])"), lambda m: _season(m[1], m[2])),
    (
        re.compile(
            rf"\b{_QUALIFIER}(\d{{3}}0)s\s*(?:-|–|to|through|until|and)\s*(?:the\s+)?"
            rf"{_QUALIFIER}(\d{{3}}0)s\b",
            re.IGNORECASE,
        ),
        lambda m: _range(f"{m[1]}s", f"{m[2]}s"),
    ),
    (
        re.compile(rf"\b{_Y}\s*(?:-|–|—)\s*(\d{{4}}|\d{{2}})\b(?![-–—\d])"),
        lambda m: _years(m[1], m[2]),
    ),
    (
        re.compile(
            rf"\b(?:(?:from|between)\s+(?:the\s+years?\s+)?{_Y}\s+(?:to|and|until|through)"
            rf"|the\s+years\s+{_Y}\s+(?:to|until|through))\s+{_Y}\b",
            re.IGNORECASE,
        ),
        lambda m: _years(m[1] or m[2], m[3]),
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
#: Which rules match only where a month is named, and a month's name anywhere.
_NEEDS_MONTH = tuple(_M in pattern.pattern for pattern, _ in _RULES)
_MONTH_NAME = re.compile(rf"\b{_M}")

#: Text that is not prose, so holds no date a reader means: URLs (and other addresses, with
#: or without a scheme), inline code, version numbers ('7.3.0', 'v2.14', '3.12.1-rc1'),
#: paths ('/var/log/2021-01-02.log', '~/2019-01-01/'), file names with a number in them
#: ('foo-2019-01-01.tar.gz') and an option's or a variable's value ('--since=2020-01-01').
#: Every run before a mark ('@', '#', '=', '.', '/') is bounded and may not hold the mark: an
#: unbounded ``\S+`` tried at every start of a long run of non-spaces took time quadratic in
#: the run.
_NOT_PROSE = re.compile(
    r"(?:https?|ftp|file)://\S+|\bwww\.\S+|[^\s@]{1,100}@[^\s@]{1,100}\.\w+|[^\s#]{0,100}#\S+"
    r"|(`{1,16})[^`]{0,2000}?\1|\b[vV]?\d+(?:\.\d+){1,3}(?:[-+.]?[A-Za-z]+\d*)*\b"
    r"|(?<!\S)(?:~|\.{1,2})?/\S+|\b[\w-]{1,100}(?:\.[\w-]{1,100}){1,20}/\S*|[^\s=]{1,100}=\S+"
    # advisory ids ('CVE-2016-2178') and copyright notices ('Copyright (C) 1989,1991-2018',
    # and Debian's machine-readable 'Copyright: 1999-2022')
    r"|\b[A-Z][A-Z0-9]+-\d{4}-\d+\b|(?i:copyright\b:?|©|\(c\))(?:\s*(?:©|\(c\)))?[\s\d,–-]*\d"
)
#: A run of name characters that holds a digit, from its start (file names: see _masked).
_NAME_WITH_DIGIT = re.compile(r"(?<![\w+~.-])[\w+~.-]*\d[\w+~.-]*")
_EXTENSION = re.compile(r"\.[A-Za-z]\w{0,5}$")
#: A year standing alone; not a size ('1024-byte'), nor signed ('-1000'): see _cued.
_LONE_YEAR = re.compile(rf"(?<![\d,.$€£#/])\b{_Y}\b(?![\d%]|,\d|\.\d|-[^\W\d_])")
#: What follows a number that begins a range: 'from 1024 to 4096' is no pair of years.
_RANGE_AFTER = re.compile(r"\s*(?:to|through|until|-|–|—)\s*([-+]\d+|\d{4,})")


#: A Debian copyright file's 'Copyright:' field, up to the next field ('License:'): every
#: holder's years in it, on its continuation lines too ('           1997-2003 Jane Doe'), are
#: a notice's, not events. A paragraph's sentences may split it, so it is found per paragraph.
_COPYRIGHT_FIELD = re.compile(r"(?<!\S)Copyright:\s.{0,20000}?(?=\s[A-Z][\w-]{0,40}:(?:\s|$)|$)")


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


#: A reStructuredText link, `text <address>`_: its text is prose, its address is not (the
#: backquotes had made the whole link read as inline code, and 'December 14, 2022' in it lost).
_RST_LINK = re.compile(r"`([^`<>]{1,500})<[^<>`\s]{1,2000}>`_{1,2}")


def _link_text(match: re.Match[str]) -> str:
    return " " + match[1] + " " * (len(match.group()) - len(match[1]) - 1)


def _masked(text: str) -> str:
    """``text`` with what is not prose (:data:`_NOT_PROSE`) and file names with a number in
    them ('foo-2019-01-01.tar.gz') blanked out, so no date is read from them; as long as it."""

    def name(match: re.Match[str]) -> str:
        found = match.group().rstrip(".")
        if _EXTENSION.search(found):
            return " " * len(found) + match.group()[len(found) :]
        return match.group()

    # File names are whole runs, found from their first character (a pattern that could start
    # anywhere inside a long run of digits took time quadratic in it).
    if "`_" in text:
        text = _RST_LINK.sub(_link_text, text)
    blanked = _NOT_PROSE.sub(lambda m: " " * len(m.group()), text)
    return _NAME_WITH_DIGIT.sub(name, blanked)


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
    """The dates a sentence gives, in the brief's form, in order of appearance, no repeats.

    Never from a URL, inline code or a version number ('PyPy 7.3.0 (1502)' gives none).
    """
    return list(dict.fromkeys(date for _, _, date in _dates_at(sentence)))


def _dates_at(sentence: str, hidden: str | None = None) -> list[tuple[int, int, str]]:
    """(start, end, date) for each date in ``sentence``, in order of appearance; ``hidden``:
    the sentence with more blanked out (as long as it), where its paragraph says so."""
    if not _DIGIT.search(sentence):
        return []
    masked = _masked(hidden if hidden is not None else sentence)
    taken = bytearray(len(masked))  # 1 where a date was found: later rules may not overlap
    found: list[tuple[int, int, str]] = []

    def take(start: int, end: int, date: str) -> None:
        taken[start:end] = b"\x01" * (end - start)
        found.append((start, end, date))

    # Most sentences with a number name no month: the rules that need one are not tried there.
    named = _MONTH_NAME.search(masked) is not None
    for (pattern, convert), needs_month in zip(_RULES, _NEEDS_MONTH, strict=True):
        if needs_month and not named:
            continue
        for match in pattern.finditer(masked):
            start, end = match.span()
            if 1 not in taken[start:end] and (date := convert(match)) is not None:
                take(start, end, date)
    for match in _LONE_YEAR.finditer(masked):
        start, end = match.span()
        if 1 not in taken[start:end] and _cued(sentence, start, end, taken):
            take(start, end, match.group(1))
    return _without_parts(_periods(masked, sorted(found)))


#: What joins the two ends of a period ('January 7, 2019 through January 20, 2019', 'Sep. 21,
#: 2005 - Nov. 27, 2005'), a time of day after the first allowed ('12:00 UTC through').
_PERIOD_GAP = re.compile(
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:[A-Z][A-Za-z]{1,3}|[+-]\d{4}))?)?"
    r",?\s*(?:-|–|—|to|through|until|till|and)\s*"
)


def _periods(masked: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Two days or months joined as a period's ends become one range ('from 1 December 2022
    to 14 December 2022'); 'and' joins them only after 'between'."""
    joined: list[tuple[int, int, str]] = []
    for start, end, date in found:
        if joined:
            first_start, first_end, first = joined[-1]
            gap = _PERIOD_GAP.fullmatch(masked, first_end, start)
            if (
                gap is not None
                and "/" not in first + date
                and first.count("-") >= 1
                and date.count("-") >= 1
                and "Q" not in first + date
                and (
                    not gap.group().rstrip().endswith("and")
                    or re.search(r"\bbetween\s+$", masked[max(0, first_start - 12) : first_start])
                )
                and (period := _range(first, date)) is not None
                and first != date
            ):
                joined[-1] = (first_start, end, period)
                continue
        joined.append((start, end, date))
    return joined


def _without_parts(found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Without a month or a year that a day or month beside it in the same sentence already
    dates more finely ('$Date: 2024-08-15 … (15. Aug 2024)' is one day, not a day and a month)."""
    # The months and years the finer dates lie in, looked up in a set: a sentence may hold
    # thousands of dates.
    covered: set[str] = set()
    for _, _, date in found:
        if "/" not in date and "Q" not in date:
            parts = date.split("-")
            covered.update("-".join(parts[:n]) for n in range(1, len(parts)))
    return [item for item in found if item[2] not in covered]


def _cued(sentence: str, start: int, end: int, taken: bytearray) -> bool:
    """True when the number at ``start:end`` reads as a year: after a word that makes it one
    ('in 2014'), or as a citation ('(1992)', '(1998, pp. 3)'); ``taken`` marks the dates
    found before it."""
    before = sentence[max(0, start - 60) : start]
    after = sentence[end : end + 20]
    if re.search(r"(?:^|\s|\()[-+]$", before):
        return False  # signed: a number ('from -1000 to +1000')
    if (pair := _RANGE_AFTER.match(after)) and _years(sentence[start:end], pair[1]) is None:
        return False  # a range of numbers, not of years ('from 1024 to 4096')
    if before.endswith("("):
        # '(2019)' or '(1998, pp. 3)', but not 'PyPy 7.3.0 (1502)', 'issue #12 (1502)', a
        # call ('range(1000)'), a size ('(1024 bytes)') nor a paper's ('Sato et al. (2004)':
        # when a paper appeared is no event of the report)
        return (
            not re.search(r"(?:\d\S*\s*|\w|\bet al\.\s*)\($", before)
            # after a comma, a page or another year: '(1709, 22H2)' is a build's number
            and re.match(r"\s*(?:[);]|,\s*(?:pp?\.|\d{4}\b))", after) is not None
        )
    if re.search(r"\b(?:mid|early|late)-$", before, re.IGNORECASE):
        return True
    if re.search(r"[<>=≤≥≠~*×/+]\s*$", before):
        return False  # compared or computed: a number ('years >= 1000', 'x * 2048')
    words = re.findall(r"[\w.]+", before.casefold())
    if not words:
        return False
    if (
        (first := re.search(r"(\d{4}),\s*$", before))
        and taken[start - len(before) + first.start(1)] == 1
        and re.match(r",?\s*(?:,|and|or)\s*\d{4}\b", after)
    ):
        return True  # inside a list of years ('in 2019, 2020 and 2021')
    if words[-1] in ("and", "or"):
        # A second year ('in 1973 or 1974'), not the second of two numbers ('between 0.001
        # and 1000', 'as 4095 and 2048', 'section 1201 or 1202'): the first was read as a year.
        first = re.search(r"(\d{4})\W{0,3}\s*(?:and|or)\s*$", before, re.IGNORECASE)
        return first is not None and taken[start - len(before) + first.start(1)] == 1
    if words[-1] in _YEAR_CUES:
        return True
    return words[-1] == "of" and len(words) >= 2 and words[-2] in _OF_CUES


#: A field of a header written as one paragraph ('Title: … Author: … Created: 03-Jan-2019'),
#: or as reStructuredText's field list (':Author: … :Date: 2024-08-15').
_FIELD = re.compile(r"(?:^|(?<=\s)):?[A-Z][A-Za-z-]{0,30}:\s")
#: A cell's border in a table written on one line ('| 1. | The vote … | 2. | See …').
_CELL_BORDER = re.compile(r"(?:^|\s)\|(?:\s|$)")


def _ends_no_dated_sentence(token: str, paragraph: str, after: int) -> bool:
    """True for a citation's abbreviation ('al.', 'pp.', 'H.Res.'), or a day before its month."""
    return (
        token in _CITATION_ABBREVIATIONS
        # 'H.Res.', 'H.Doc.': a few letters with dots inside
        or re.fullmatch(r"[^\W\d_]{1,2}(?:\.[^\W\d_]{1,4})+", token) is not None
        or (token.isdigit() and len(token) <= 2 and bool(_MONTH_AHEAD.match(paragraph, after)))
    )


def _parts(paragraph: str) -> list[tuple[int, int]]:
    """Where the parts of a paragraph that are sentences' bounds lie: each cell of a table on
    one line, each field of a header (three fields or more, the first at its start), else the
    whole paragraph."""
    if paragraph.startswith("|"):
        bounds = [0]
        for match in _CELL_BORDER.finditer(paragraph):
            bounds += match.span()
        bounds.append(len(paragraph))
        return list(zip(bounds[0::2], bounds[1::2], strict=True))
    if _FIELD.match(paragraph):
        starts = [m.start() for m in _FIELD.finditer(paragraph)]
        if len(starts) >= 3:
            return list(zip(starts, [*starts[1:], len(paragraph)], strict=True))
    return [(0, len(paragraph))]


def sentences(paragraph: str) -> Iterator[str]:
    """The sentences of a paragraph; abbreviations such as 'U.S.' and 'Dr.' do not end one."""
    return _sentences(paragraph, dated=False)


def _dated_sentences(paragraph: str) -> Iterator[str]:
    """The sentences of a paragraph as its events' texts: :func:`sentences`, with a table's
    cells and a header's fields each their own, a Chinese or Japanese '。' ending one, and the
    citations' abbreviations ('et al.', 'pp.', 'H.Res.') and a day before its month ('15. Aug
    2024') ending none."""
    for first, last in _parts(paragraph):
        for sentence in _sentences(paragraph[first:last], dated=True):
            if _CJK_STOP.search(sentence) is None:
                yield sentence
                continue
            # Chinese and Japanese end a sentence with '。' and no space (sentences.py too).
            start = 0
            for stop in _CJK_STOP.finditer(sentence):
                if piece := sentence[start : stop.end()].strip():
                    yield piece
                start = stop.end()
            if rest := sentence[start:].strip():
                yield rest


#: A letter of a script written without spaces between words: kana and CJK ideographs.
_SPACELESS = re.compile(CJK_LETTER)
#: The end of a Chinese or Japanese sentence, with the closing marks after it.
_CJK_STOP = re.compile(CJK_STOP)


def _sentences(paragraph: str, *, dated: bool) -> Iterator[str]:
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        word = re.search(r"(\S+)$", paragraph[max(start, match.start() - 40) : match.start()])
        token = word.group(1).casefold().lstrip("(\"'‘“") if word else ""
        if (
            token in _ABBREVIATIONS
            or (re.fullmatch(r"(?:\w\.)*\w", token) and len(token) <= 3)
            or (dated and _ends_no_dated_sentence(token, paragraph, match.end()))
        ):
            continue
        sentence = paragraph[start : match.start() + 1].strip()
        if sentence:
            yield sentence
        start = match.end()
    rest = paragraph[start:].strip()
    if rest:
        yield rest


#: Longest event text, in characters: a long sentence is cut around its date at word
#: boundaries, with no mark added, so that the event stays the report's own words.
MAX_EVENT_CHARS = 300
#: Most events taken from one report: the timeline is for reading, and a brief holds at most
#: 10,000 items in one list.
MAX_EVENTS = 2000
_FENCE = re.compile(r"^(?:```|~~~)")
_DIGIT = re.compile(r"\d")
_TABLE_RULE = re.compile(r"^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$", re.MULTILINE)
#: A date as a heading gives it: a day or a month ('## 1.2.0 (2024-03-01)', 'man-db 2.11.2
#: (8 January 2023)', '[23.2.0](…) - 2023-12-31').
_HEADING_RULES = (_ISO_DAY, _MONTH_DAY_YEAR, _DAY_MONTH_YEAR, _MONTH_YEAR)
_HEADING_DATE_AROUND = re.compile(r"[\s(\[–—,-]*$")


_WEEKDAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
#: The date that opens a GNU ChangeLog entry: ISO ('2023-02-06'), or as older ChangeLogs wrote
#: it, ctime's ('Thu Jul 18 01:30:22 MDT 1996') or e-mail's ('Mon, 27 Mar 1995 03:30:51 BST').
_ENTRY_DATE = (
    rf"\d{{4}}-\d{{2}}-\d{{2}}|{_WEEKDAY},?\s+(?:{_MONTH_ABBR}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH_ABBR})"
    r"\s+(?:\d{4}\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s+[A-Z]{3,5}|\s+[+-]\d{4})?(?:\s+\d{4})?"
)
_EMAIL = r"[<(][^\s<>()@]{1,100}@[^\s<>()@]{1,100}[>)]"
#: An author's name: a few words ('Jane Doe', 'J. Random Hacker', 'Jean-Loup Gailly').
_AUTHOR = r"[^\W\d_][\w.'’-]{0,40}(?:\s[^\W\d_][\w.'’-]{0,40}){0,5}"
#: A GNU ChangeLog entry's first line: its date, the author and the author's address
#: ('2023-02-06  Jane Doe  <jane@example.org>'), perhaps more authors or '(tiny change)'.
CHANGELOG_ENTRY = re.compile(
    rf"^(?P<date>{_ENTRY_DATE})\s+{_AUTHOR}\s*{_EMAIL}"
    rf"(?:,?\s+{_AUTHOR}\s*{_EMAIL}){{0,8}}(?:\s+\([\w ]{{1,40}}\))?$"
)
_CTIME = re.compile(rf"^{_WEEKDAY}\s+({_MONTH_ABBR})\s+(\d{{1,2}})\s+\d.*?\b(\d{{4}})$")
#: A Debian changelog's release line: package, version in brackets, distributions, then the
#: fields after ';' ('coreutils (9.1-1) unstable; urgency=medium').
DEBIAN_RELEASE = re.compile(r"^[a-z0-9][a-z0-9.+-]{0,100} \([^()\s]{1,100}\)[^;()]{0,200};.*=")
#: A Debian changelog's trailer: ' -- Maintainer <address>  date' (the date RFC 5322's).
DEBIAN_TRAILER = re.compile(
    rf"^-- [^<>]{{0,200}}<[^<>\s]{{1,200}}>\s+(?P<date>(?:{_WEEKDAY},\s+)?\d{{1,2}}\s+"
    rf"{_MONTH_ABBR}\s+\d{{4}}(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?(?:\s+[+-]\d{{4}})?(?:\s+\(\w+\))?)$"
)


def entry_date(text: str) -> str | None:
    """The day a GNU ChangeLog entry's first line ('2023-02-06  Jane Doe  <jane@…>') gives, in
    the brief's form; None for any other text."""
    match = CHANGELOG_ENTRY.match(text)
    if match is None:
        return None
    written = " ".join(match["date"].split())
    if found := _ISO_DAY[0].match(written):
        return _ISO_DAY[1](found)
    if found := _CTIME.match(written):
        return _day(found[3], _month(found[1]), found[2])
    found = _DAY_MONTH_YEAR[0].search(written)
    return _DAY_MONTH_YEAR[1](found) if found else None


def _trailer_date(paragraph: str) -> str | None:
    """The day of a Debian changelog's trailer line (' -- Maintainer <…>  Mon, 06 Feb 2023 …')."""
    match = DEBIAN_TRAILER.match(paragraph)
    if match is None:
        return None
    found = _DAY_MONTH_YEAR[0].search(match["date"])
    return _DAY_MONTH_YEAR[1](found) if found else None


def is_block(paragraph: str) -> bool:
    """True for a paragraph that is a code block or a table, not prose."""
    return (
        model_is_block(paragraph)
        or bool(_FENCE.match(paragraph))
        or ("\n" in paragraph and "|" in paragraph and bool(_TABLE_RULE.search(paragraph)))
    )


def heading_event(title: str) -> tuple[str, str] | None:
    """('1.2.0', '2024-03-01') for the heading '1.2.0 (2024-03-01)': the event's text and the
    heading's date; None for a heading without a day or month."""
    masked = _masked(title)
    for pattern, convert in _HEADING_RULES:
        match = pattern.search(masked)
        if match and (date := convert(match)) is not None:
            # The heading's words before the date, when the date ends it; else the whole
            # heading, so that the event is always the report's own words, in order.
            before = _HEADING_DATE_AROUND.sub("", title[: match.start()]).strip()
            after = title[match.end() :].strip(" )]")
            # 'Release 9.0.4 (released Dec 04, 2025)': the words before the date open a
            # bracket the date's end closes, so they are no whole text of their own.
            open_ = before.count("(") > before.count(")") or before.count("[") > before.count("]")
            return (before if before and not after and not open_ else title), date
    return None


def _event_text(sentence: str, start: int, end: int) -> str:
    """The sentence, or when it is longer than :data:`MAX_EVENT_CHARS` the words around the
    date at ``start:end``."""
    sentence = sentence.replace("\n", " ")
    if len(sentence) <= MAX_EVENT_CHARS:
        return sentence
    half = (MAX_EVENT_CHARS - (end - start)) // 2
    left = max(0, start - half)
    right = min(len(sentence), left + MAX_EVENT_CHARS)
    left = max(0, right - MAX_EVENT_CHARS)
    if left > 0:
        space = sentence.find(" ", left)
        left = space + 1 if 0 <= space < start else left
    if right < len(sentence):
        space = sentence.rfind(" ", end, right)
        right = space if space > end else right
    return sentence[left:right].strip()


def _log_entry(title: str, paragraphs: tuple[str, ...], index: int) -> tuple[str, str] | None:
    """(event text, date) when paragraph ``index`` opens or closes a changelog's entry.

    A GNU ChangeLog entry's first line ('2023-02-06  Jane Doe  <jane@…>') dates the entry, and
    the entry's first sentence says what it is; a Debian changelog's trailer (' -- Maintainer
    <…>  Mon, 06 Feb 2023 …') dates the release its section is titled by ('pkg (1.2-3)
    unstable; urgency=medium'), the release its event. Neither line is itself the event: who
    signed an entry is not what happened.
    """
    paragraph = paragraphs[index]
    if date := entry_date(paragraph):
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else ""
        if not following or is_block(following) or entry_date(following):
            return paragraph, date  # an entry without text: its first line is all there is
        first = next(sentences(following), following)
        return _event_text(first, 0, 0), date
    if (date := _trailer_date(paragraph)) and DEBIAN_RELEASE.match(title):
        return title.split(";", 1)[0].strip(), date
    return None


#: Sections that hold a copyright notice, whose years are no events.
_NOTICE_TITLES = frozenset(("copyright", "copyright notice", "copyrights", "legal notice"))


def extract(brief: Brief, *, paged: bool = False) -> tuple[TimelineEvent, ...]:
    """Dated headings, then one event per date per sentence of prose (the first
    :data:`MAX_EVENTS` in all, holding at most a quarter of the prose's characters), in date
    order, each with its section's id; code blocks and tables give none. ``paged``: the text
    was laid out on pages (a PDF's), whose columns and figures may break its paragraphs."""
    parts: list[tuple[str, str, tuple[str, ...]]] = []
    for section in brief.sections:
        parts.append((section.id, section.title, section.paragraphs))
        parts += [(sub.id, sub.title, sub.paragraphs) for sub in section.subsections]
    events: list[TimelineEvent] = []
    # Where each (date, text) is in ``events``: the same sentence twice (a running header on
    # every page, a sentence repeated in a later section) is one event naming every section.
    where: dict[tuple[str, str], int] = {}
    # The sections of each event after its first, gathered here and joined at the end: a
    # tuple grown at each repeat took time that grew with the square of the repeats (a
    # sentence on each of 60,000 entity headings: 21 s).
    more: dict[int, dict[str, None]] = {}
    budget = 0

    def add(date: str, text: str, section_id: str) -> None:
        nonlocal budget
        if (index := where.get((date, text))) is not None:
            if section_id != events[index].sections[0]:
                more.setdefault(index, {})[section_id] = None
            return
        where[date, text] = len(events)
        events.append(TimelineEvent(parse_event_date(date), text, (section_id,), "report"))
        budget -= len(text)

    for section_id, title, paragraphs in parts:
        if dated := heading_event(title):
            text, date = dated
            if written_date(title) is not None and paragraphs:
                # A heading that is only a date ('## 2024-03-01', 'December 1998') says
                # nothing of what happened: its section's first sentence does.
                text = _next_statement(paragraphs[0]) or text
            add(date, text, section_id)
    # The prose's events together hold at most a quarter of its text (or 100,000
    # characters): however dense with dates a report is, its brief stays near its size.
    budget += max(sum(len(p) for _, _, paragraphs in parts for p in paragraphs) // 4, 100_000)
    for section_id, title, paragraphs in parts:
        if " ".join(title.casefold().split()).rstrip(".:") in _NOTICE_TITLES:
            continue  # a copyright notice's years ('1999-2021, Software in the Public Interest')
        for index, paragraph in enumerate(paragraphs):
            if len(events) >= MAX_EVENTS or budget <= 0:
                break
            if is_block(paragraph) or not _DIGIT.search(paragraph):
                continue
            if entry := _log_entry(title, paragraphs, index):
                text, date = entry
                add(date, text, section_id)
                continue
            hidden = _COPYRIGHT_FIELD.sub(_blank, paragraph) if "Copyright:" in paragraph else ""
            piece = paged and _broken_off(paragraph)
            at = 0
            for sentence in _dated_sentences(paragraph):
                if piece and at == 0 and paragraph.startswith(sentence):
                    at = len(sentence)
                    continue
                at = paragraph.find(sentence, at)
                masked = hidden[at : at + len(sentence)] if hidden and at >= 0 else None
                at = max(at, 0) + len(sentence)
                if labels := _FIGURE_LABELS.match(sentence):
                    # A figure's labels run into the sentence beside it: the event is the
                    # sentence from its first capital on ('TSX launched with …'), if any.
                    cut = _CAPITAL_WORD.search(sentence, labels.end())
                    if cut is None:
                        continue
                    sentence = sentence[cut.start() :]
                    masked = masked[cut.start() :] if masked is not None else None
                found = _dates_at(sentence, masked)
                if not found:
                    continue
                kind = _kind(sentence, found)
                if kind in ("dateline", "label"):
                    # A date alone (or a signature's, or after one word: 'Released 2021-05-11')
                    # opening a section dates its heading: a release's notes ('*December 4,
                    # 2023*'), a changelog's entry ('Jane Doe jane@… Wed, 22 Nov 2017'). A day
                    # alone on its line dates the paragraph after it (a NEWS file's '6 January
                    # 1997'). Anywhere else it is a table's cell or a page's header.
                    alone = sentence == paragraph.strip()
                    if alone and index == 0 and _titles_a_date(title):
                        text = title
                    elif alone and kind == "dateline" and index + 1 < len(paragraphs):
                        text = _next_statement(paragraphs[index + 1])
                    else:
                        continue
                    for _, _, date in found:
                        if "-" in date and "/" not in date and text and budget > 0:
                            add(date, text, section_id)
                    continue
                if kind == "none":
                    continue
                if (
                    lead := _field_lead(paragraph, at - len(sentence), sentence, found)
                ) is not None:
                    # A field after the sentences it belongs to ('1) Add expiry alerts … Owner:
                    # Security Engineering. Due: 31 October 2025.'): what is due is what they
                    # say, so they are its event, word for word, up to the field.
                    for _, _, date in found:
                        add(date, lead, section_id)
                    continue
                for start, end, date in found:
                    if budget <= 0:
                        break
                    add(date, _event_text(sentence, start, end), section_id)
    for index, sections in more.items():
        events[index] = events[index]._replace(sections=(*events[index].sections, *sections))
    return tuple(sorted(events[:MAX_EVENTS], key=lambda e: e.date.sort_key))


#: Words around a date that say nothing of what happened: a weekday, a time of day.
_NOT_WHAT = re.compile(
    r"\b(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\b\.?"
    r"|\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[+-]\d{4})?"
)
#: An e-mail address, as a signature gives it ('jane@example.org', '<jane@example.org>').
_ADDRESS = re.compile(r"[<(]?[^\s@/<>()]{1,100}@[^\s@/<>()]{1,100}\.\w+[>),]?")
#: A sentence's end: a statement, or a label's colon or closing bracket.
_ENDED = re.compile(r"[.!?:;)\]\"'’”*_]\s*$")
#: A line that starts inside a sentence, after a number's comma ('62697, December 6, 2018');
#: one in lower case is broken when it also ends on a plain word ('is part of the'), not when
#: it is a name's ('sed v1.3, by Eric Raymond (released 4 June 1998) http://…').
_BROKEN_START = re.compile(r"\d+[,;]\s")
_ENDS_IN_A_WORD = re.compile(r"(?<![\w./:@-])[a-z]+$")
#: Longest line a page's column holds, in characters: a fragment broken off at both ends is
#: one line; a longer text is a sentence without its stop.
_LINE = 100
#: The word that says what a date alone opening a section is ('Released 2021-05-11').
#: (The same words, as a label before a report's date under its title: plain_text.py.)
DATE_WORDS = (
    "released",
    "updated",
    "published",
    "issued",
    "dated",
    "revised",
    "posted",
    "effective",
    "adopted",
    "approved",
    "signed",
    "created",
    "modified",
    "last-modified",
)
_RELEASE_WORD = re.compile(rf"\(?(?:{'|'.join(DATE_WORDS)}),?", re.IGNORECASE)
#: A list's item ('- Added 2007-11-26: Armi, Cakm'): its words are a list, not a table's row.
_ITEM = re.compile(r"[-*•+]\s")
#: A table of contents' leader dots ('Action plan 2021-2026 ........ 24').
_LEADER = re.compile(r"\.{4}|(?:\. ){4}")


#: A figure's labels run into the text a PDF set beside it: an axis's numbers, then words in
#: lower case ('10 9 control transfers, new exception, pg. table a TSX launched …'). Not a
#: number in groups of three ('10 000 visitors came in 2013').
_FIGURE_LABELS = re.compile(r"^\d{1,4} (?:\d{1,2}|\d{4,})\s+[a-z]")


def _broken_off(paragraph: str) -> bool:
    """Whether ``paragraph`` of a PDF is a line or two broken off at both ends, its columns
    interleaved ('cent 2015–2016 jump in the general complexity of x86. SSE, and AVX) added
    data processing instructions, and'): it opens in lower case, inside a sentence or a word,
    and stops on a plain word, inside another. Its first sentence is a piece, no event."""
    return (
        len(paragraph) <= 2 * _LINE
        and paragraph[:1].islower()
        and _ENDS_IN_A_WORD.search(paragraph) is not None
    )


#: A word that opens with a capital letter, after a space.
_CAPITAL_WORD = re.compile(r"(?<=\s)[A-Z“\"‘'(]*[A-Z]")
#: A reference's authors and year, a sentence of its own in a list of references or a
#: footnote ('[^2]: Iverson, K.E. (1980).', 'Smith, J. and Jones, A. (2019).'): the year
#: the work came out, not an event of the report.
_CITATION = re.compile(
    r"^(?:\[\^?[\w-]{1,10}\]:?\s*)?(?:[A-Z][\w'’-]+,\s+(?:[A-Z]\.\s?){1,3},?\s*(?:(?:and|&)\s+)?)+"
    r"(?:et al\.\s*)?\(\d{4}[a-z]?\)\.?\s*$"
)
#: A DOI ('https://doi.org/10.1145/…', 'doi:10.1145/…') and a journal's volume, issue or
#: pages ('21(11):1221–48', '444–465', 'Vol. 1'): with both a sentence is a reference's,
#: whose numbers are no dates ('1221–48' is no period); a DOI alone may stand in a statement
#: ('In August 2015, it was formally standardized by NIST, as FIPS 202, https://dx.doi.org/…').
_DOI = re.compile(r"\bdoi(?:\.org/|:\s?)10\.\d", re.IGNORECASE)
_PAGES = re.compile(r"\b\d+\s*[–-]\s*\d+\b|\b\d+\(\d+\)|\bVol\.\s*\d", re.IGNORECASE)


def _kind(sentence: str, found: list[tuple[int, int, str]]) -> str:
    """'event' for a sentence that says what happened on its dates; 'dateline' for a date
    alone or a signature's (a name, an address, a date); 'label' for a date after one word
    ('Released 2021-05-11', 'Texas 2005-09-23', 'dated June 10, 2020.'); 'none' for a
    table's row or a line broken off at both ends, a table of contents' line. One word stays
    an event when it names a release ('2.7.3 2012-03-09') or a field ('Created: 03-Jan-2019')."""
    if (
        _LEADER.search(sentence)
        or _CITATION.match(sentence)
        or (_DOI.search(sentence) and _PAGES.search(sentence))
    ):
        return "none"  # a contents line; a reference's authors and year, or its journal
    rest = list(sentence)
    for start, end, _ in found:
        rest[start:end] = " " * (end - start)
    words = [w for w in _NOT_WHAT.sub(" ", "".join(rest)).split() if any(c.isalnum() for c in w)]
    if not words or (len(words) <= 5 and any(_ADDRESS.fullmatch(word) for word in words)):
        return "dateline"
    if len(words) == 1:
        word = words[0]
        if (
            word.endswith(":")
            or any(c.isdigit() for c in word)
            or len(_SPACELESS.findall(word)) >= 3
        ):
            return "event"  # (Chinese and Japanese write a clause as one 'word')
        return "label" if _RELEASE_WORD.fullmatch(word) else "none"
    if not _ENDED.search(sentence) and not _ITEM.match(sentence):
        named = [w.lstrip("([{\"'‘“*_-") for w in words]
        if all(w[:1].isupper() and not any(c.isdigit() for c in w) for w in named):
            return "none"  # a table's row of names and dates ('Roberts 2005-10-03 Senate')
        if len(sentence) <= _LINE and (
            _BROKEN_START.match(sentence)
            or (sentence[:1].islower() and _ENDS_IN_A_WORD.search(sentence))
        ):
            return "none"  # a line broken off at both ends: a PDF's columns interleaved
    return "event"


#: A field's name before its date: 'Due:', 'Deadline:', 'Owner and due date:'.
_FIELD_NAME = re.compile(r"^\s*[A-Z][\w ]{0,30}:\s*$")


def _field_lead(
    paragraph: str, offset: int, sentence: str, found: list[tuple[int, int, str]]
) -> str | None:
    """The paragraph up to the end of ``sentence`` (at ``offset`` in it) when that sentence
    is only a field's name and its date ('Due: 31 October 2025.') after other sentences, and
    the whole fits an event; else None."""
    if offset <= 0 or len(found) != 1 or not paragraph[:offset].rstrip().endswith((".", "!", "?")):
        return None  # first, or after other fields ('Status: Final Created: 03-Jan-2019')
    start, end, _ = found[0]
    if not _FIELD_NAME.match(sentence[:start]) or sentence[end:].strip(" .;") != "":
        return None
    text = paragraph[: offset + len(sentence)].replace("\n", " ").strip()
    return text if len(text) <= MAX_EVENT_CHARS else None


def _next_statement(paragraph: str) -> str:
    """The first sentence of the paragraph after a day alone on its line, as that day's event;
    '' when it is no statement of its own (a block, another date, a table's cell)."""
    if is_block(paragraph) or model_is_block(paragraph):
        return ""
    first = next(_dated_sentences(paragraph), "")
    if not first or _dates_at(first) or len(first.split()) < 2:
        return ""
    return _event_text(first, 0, 0)


def _titles_a_date(title: str) -> bool:
    """True when a section's title can stand for the date its first line gives: a title
    with no date of its own (that one is the heading's event already)."""
    return bool(title.strip()) and heading_event(title) is None
