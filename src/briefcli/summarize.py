"""Key points and summaries drawn from a report's own sentences, quoted word for word.

Sentences are chosen by how much of the report's recurring content they cover, in the manner
of Gillick and Favre's concept-coverage summariser (2009), greedily rather than by an integer
program: the concepts are word pairs (bigrams of case-folded, lightly stemmed words, leaving
out pairs of two stop words), each weighted by the number of sentences that use it, so a
sentence scores high when it says what many others say again (its centrality). Each pick
counts only the concepts no chosen sentence covers yet, which keeps two picks from saying the
same thing (the job MMR does for similarity-based rankers), and a sentence's value is divided
by a mild power of its length, then multiplied by a position prior: sections tend to open
with their point. Everything is deterministic and offline.

The greedy choice is lazy (Minoux's accelerated greedy): a sentence's value can only fall as
concepts get covered, so values are kept in a heap and only the top one is brought up to
date. A 1 MB section ranks in about 0.3 s.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Sequence
from functools import cache
from itertools import pairwise
from typing import NamedTuple

from briefcli.model import is_block
from briefcli.sentences import sentence_spans

__all__ = ["Extract", "key_points", "summary"]

#: Words that say nothing about what a sentence is about.
_STOPWORDS = frozenset(
    str.split(
        """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each either few for
    from further had has have having he her here hers herself him himself his how i if in into is
    it its itself just may me might more most must my myself no nor not now of off on once only
    or other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up upon
    very via was we were what when where which while who whom why will with within without would
    yet you your yours yourself yourselves
        """
    )
)

#: Default number of sentences in a section's key points.
KEY_POINTS = 3
#: Position prior: the k-th prose sentence of a section (from 0) counts 1 + _LEAD / (1 + k)
#: times its coverage value, so the opening sentence counts four times as much as a late one.
_LEAD = 3.0
#: A sentence's value is its uncovered concept weight divided by (words ** _LENGTH): a mild
#: preference for the shorter of two sentences saying as much.
_LENGTH = 0.25
#: In a summary, each sentence already taken from a section divides the value of the others
#: from that section by (1 + _COVER × taken), so the summary covers the sections.
_COVER = 0.3
#: Sentences shorter than this many words are headings, captions or fragments, not points.
_MIN_WORDS = 6


class Extract(NamedTuple):
    """One sentence chosen by brief: its exact text and where it stands in the source."""

    #: The sentence exactly as in the source: ``paragraphs[paragraph][start:end]``.
    text: str
    #: Index of the section among those given (0 for :func:`key_points`).
    section: int
    #: Index of the paragraph within its section.
    paragraph: int
    start: int
    end: int
    #: The sentence's value when nothing is chosen yet (coverage times the position prior).
    score: float

    @property
    def words(self) -> int:
        """The number of words in the sentence."""
        return len(self.text.split())


class _Candidate:
    """A prose sentence under consideration: where it is, its prior, length and concepts."""

    __slots__ = ("concepts", "end", "paragraph", "prior", "section", "start", "text", "words")

    def __init__(
        self,
        section: int,
        paragraph: int,
        start: int,
        end: int,
        text: str,
        prior: float,
        concepts: frozenset[tuple[str, str]],
    ) -> None:
        self.section, self.paragraph, self.start, self.end = section, paragraph, start, end
        self.text, self.prior, self.concepts = text, prior, concepts
        self.words = len(text.split())


@cache
def _word_pattern() -> re.Pattern[str]:
    return re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,]\d+)*")


def _stem(word: str) -> str:
    """A light English stemmer: enough to match 'troops' with 'troop', 'allied' with 'ally'."""
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    if len(word) <= 4:
        return word
    for suffix, replacement in (
        ("ies", "y"),
        ("ied", "y"),
        ("sses", "ss"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
    ):
        if word.endswith(suffix) and not word.endswith("ss"):
            stem = word[: -len(suffix)] + replacement
            if len(stem) >= 3:
                return stem
    return word


def _concepts(text: str) -> frozenset[tuple[str, str]]:
    """The word pairs of ``text``: case-folded, stemmed, leaving out pairs of two stop words.

    Stop words stay inside pairs ("security of Europe" gives 'security of', 'of europe'):
    a pair with one content word still says something a reader would recognise.
    """
    words = [_stem(word) for word in _word_pattern().findall(text.casefold())]
    return frozenset(
        (first, second)
        for first, second in pairwise(words)
        if first not in _STOPWORDS or second not in _STOPWORDS
    )


@cache
def _not_prose_patterns() -> dict[str, re.Pattern[str]]:
    """Marks of text that a plain-text import flattened into a paragraph but is not prose."""
    cell = r"[(\[]?(?:\d|0x)\S*"  # a cell that is a number, a range or a hexadecimal value
    return {
        # ASCII-art tables and boxes: "+---+---+", "|====|".
        "rule": re.compile(r"[+|][-=]{2,}|[-=]{3,}[+|]"),
        # A command-line option list's entry ("-A NUM, --after-context=NUM Print …") or a
        # setting ("sl= SGR substring …").
        "option": re.compile(r"^(?:--?[A-Za-z][\w-]*(?=[,=\[\s])|[A-Za-z_]\w*=)"),
        # A table row that opens with two cells of numbers ("1.1.0 2022-12-11 Added …").
        "numbers": re.compile(rf"^{cell}\s+{cell}\s"),
        # A list item's number or a footnote's mark, which is not a cell.
        "marker": re.compile(r"^(?:\d+[.)]|\[\d+\])\s+"),
        # Adjacent cells of a number and a hexadecimal value: "0-3 0x0F Type of Check".
        "pair": re.compile(r"(?:^|\s)\(?[\d.-]+\)?\s+\(?0x[0-9A-Fa-f_]+"),
        # C-like code: "if (x) {", "; }", "= {", a typed declaration, "x += y;".
        "code": re.compile(
            r"\)\s*\{|;\s*\}|=\s*\{|\b(?:if|for|while|switch|return)\s*\(.*[;{]"
            r"|\b(?:u?int\d+_t|size_t|const|void|static)\s+\**\w+\s*[\[(=;]"
        ),
        "statement": re.compile(r"\w\s+[-+*/|&^]?=\s+[^;=\s][^;]*;"),
        # Inline code spans and MyST roles: code quoted inside prose, not code.
        "quoted_code": re.compile(r"`[^`]*`|\{\w+\}(?=`)"),
    }


def _code_or_table(text: str) -> bool:
    """Whether a sentence is a flattened table row or a line of code rather than prose."""
    patterns = _not_prose_patterns()
    plain = patterns["marker"].sub("", patterns["quoted_code"].sub(" ", text))
    if plain.count(" | ") >= 2 or any(
        patterns[name].search(plain) for name in ("rule", "option", "numbers", "code")
    ):
        return True
    if len(patterns["statement"].findall(plain)) >= 2:
        return True  # two assignments ending in semicolons: a line of code
    tokens = plain.split()
    if len(patterns["pair"].findall(plain)) >= 2 or sum(t.startswith(("0x", "(0x")) for t in tokens) >= 4:
        return True  # cells of hexadecimal values: a table
    numeric = sum(token.lstrip("([").startswith(tuple("0123456789")) for token in tokens)
    return numeric >= 5 and numeric >= 0.4 * len(tokens)


def _is_prose(text: str) -> bool:
    """Whether a sentence reads as prose: not code, a table row, a heading or a list of links."""
    if text.startswith(("```", "~~~", "    ", "|", "#", ">>>", "$ ")) or "│" in text:
        return False
    letters = sum(char.isalpha() for char in text)
    return (
        letters >= 0.6 * len(text.replace(" ", ""))
        and len(text.split()) >= _MIN_WORDS
        and not _code_or_table(text)
    )


def _candidates(sections: Sequence[Sequence[str]]) -> list[_Candidate]:
    """Every prose sentence of every section, with its position prior and concepts."""
    found: list[_Candidate] = []
    for section_index, paragraphs in enumerate(sections):
        rank = 0  # among the section's prose sentences
        for paragraph_index, paragraph in enumerate(paragraphs):
            if is_block(paragraph):
                continue  # a code block or a table: no sentence of it is a summary's
            for start, end in sentence_spans(paragraph):
                text = paragraph[start:end]
                if not _is_prose(text):
                    continue
                prior = 1 + _LEAD / (1 + rank)
                rank += 1
                found.append(
                    _Candidate(
                        section_index, paragraph_index, start, end, text, prior, _concepts(text)
                    )
                )
    return found


def _choose(
    candidates: list[_Candidate],
    *,
    sentences: int | None,
    words: int | None,
    cover: bool,
) -> list[Extract]:
    """Pick sentences by greedy concept coverage until the budget is spent; reading order."""
    if not candidates:
        return []
    wanted = sentences if sentences is not None else (None if words is not None else KEY_POINTS)
    if (wanted is not None and wanted <= 0) or (words is not None and words <= 0):
        return []
    weight: dict[tuple[str, str], int] = {}
    for candidate in candidates:
        for concept in candidate.concepts:
            weight[concept] = weight.get(concept, 0) + 1
    covered: set[tuple[str, str]] = set()
    taken_from: dict[int, int] = {}

    def value(index: int) -> float:
        candidate = candidates[index]
        gain = sum(weight[c] for c in candidate.concepts if c not in covered)
        worth: float = candidate.prior * gain / float(candidate.words) ** _LENGTH
        if cover:
            worth /= 1 + _COVER * taken_from.get(candidate.section, 0)
        return worth

    first = [value(index) for index in range(len(candidates))]
    # A value only falls as concepts are covered and sections used: a heap of stale values
    # is an upper bound, and the top is chosen once its value is brought up to date.
    heap = [(-worth, index) for index, worth in enumerate(first)]
    heapq.heapify(heap)
    chosen: list[int] = []
    used_words = 0
    while heap and (wanted is None or len(chosen) < wanted):
        _, index = heapq.heappop(heap)
        fresh = -value(index)
        if heap and fresh > heap[0][0] + 1e-12:
            heapq.heappush(heap, (fresh, index))
            continue
        candidate = candidates[index]
        if words is not None and used_words + candidate.words > words:
            continue
        chosen.append(index)
        used_words += candidate.words
        covered.update(candidate.concepts)
        taken_from[candidate.section] = taken_from.get(candidate.section, 0) + 1
    chosen.sort(
        key=lambda index: (
            candidates[index].section,
            candidates[index].paragraph,
            candidates[index].start,
        )
    )
    return [
        Extract(
            candidates[index].text,
            candidates[index].section,
            candidates[index].paragraph,
            candidates[index].start,
            candidates[index].end,
            first[index],
        )
        for index in chosen
    ]


def key_points(
    paragraphs: Sequence[str],
    *,
    sentences: int | None = None,
    words: int | None = None,
) -> list[Extract]:
    """The sentences that best cover one section, in reading order, quoted exactly.

    Give ``sentences`` (default :data:`KEY_POINTS`) or ``words`` (the total never exceeds it).
    Sections with no prose sentence give an empty list.
    """
    return _choose(_candidates([paragraphs]), sentences=sentences, words=words, cover=False)


def summary(
    sections: Sequence[Sequence[str]],
    *,
    sentences: int | None = None,
    words: int | None = None,
) -> list[Extract]:
    """A summary of a whole report: covering sentences spread over its sections, reading order.

    ``sections`` holds each section's paragraphs; give ``sentences`` (default: one for each
    section with prose, at most 10) or ``words``.
    """
    candidates = _candidates(sections)
    if sentences is None and words is None:
        sentences = min(10, len({candidate.section for candidate in candidates}))
    return _choose(candidates, sentences=sentences, words=words, cover=True)
