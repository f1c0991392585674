"""Key points and summaries drawn from a report's own sentences, quoted word for word.

Sentences are ranked by continuous LexRank (Erkan and Radev, 2004) over TF-IDF cosine
similarity, weighted by a mild position prior, and chosen by maximal marginal relevance (MMR)
so that no two picks say the same thing. Everything is deterministic and offline.

LexRank's similarity matrix has a cell for every pair of sentences, but it is never built: with
unit-length TF-IDF rows ``U`` the matrix is ``U Uᵀ``, so each power-iteration step is two sparse
products, ``U (Uᵀ x)``, linear in the number of words. A 1 MB section ranks in about a second.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

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
#: Damping of the LexRank random walk (the usual PageRank value).
_DAMPING = 0.85
_ITERATIONS = 30
#: MMR trade-off between a sentence's rank and its overlap with sentences already chosen.
_MMR_LAMBDA = 0.5
#: Position prior: the first sentence of a paragraph counts (1 + _LEAD) times as much, the
#: first paragraph of a section (1 + _LEAD_PARAGRAPH) times; both fade with the position.
_LEAD = 0.5
_LEAD_PARAGRAPH = 1.0
#: In a summary, each sentence already taken from a section costs a candidate from the same
#: section this much (on the scale of a normalised score), so the summary covers the sections.
_COVER = 0.3
#: Sentences shorter than this many words are headings, captions or fragments, not points.
_MIN_WORDS = 6
#: Only this many of the best-ranked candidates per chosen sentence go through MMR.
_CANDIDATES_PER_PICK = 12


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
    #: The sentence's rank score (LexRank times the position prior); higher is more central.
    score: float

    @property
    def words(self) -> int:
        """The number of words in the sentence."""
        return len(self.text.split())


class _Candidate:
    """A prose sentence under consideration, with its position prior and TF-IDF vector."""

    __slots__ = ("end", "paragraph", "prior", "section", "start", "text", "vector")

    def __init__(
        self,
        section: int,
        paragraph: int,
        start: int,
        end: int,
        text: str,
        prior: float,
        vector: dict[str, float],
    ) -> None:
        self.section, self.paragraph, self.start, self.end = section, paragraph, start, end
        self.text, self.prior, self.vector = text, prior, vector


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


def _terms(text: str) -> list[str]:
    """The content words of ``text``: case-folded, stemmed, stop words and numbers dropped."""
    return [
        _stem(word)
        for word in _word_pattern().findall(text.casefold())
        if word not in _STOPWORDS and not word[0].isdigit()
    ]


def _is_prose(text: str) -> bool:
    """Whether a sentence reads as prose: not code, a table row, a heading or a list of links."""
    if text.startswith(("```", "~~~", "    ", "|", "#", ">>>", "$ ")) or "│" in text:
        return False
    letters = sum(char.isalpha() for char in text)
    return letters >= 0.6 * len(text.replace(" ", "")) and len(text.split()) >= _MIN_WORDS


def _candidates(sections: Sequence[Sequence[str]]) -> list[_Candidate]:
    """Every prose sentence of every section, with its position prior and raw term counts."""
    found: list[_Candidate] = []
    for section_index, paragraphs in enumerate(sections):
        for paragraph_index, paragraph in enumerate(paragraphs):
            for rank, (start, end) in enumerate(sentence_spans(paragraph)):
                text = paragraph[start:end]
                if not _is_prose(text):
                    continue
                prior = (1 + _LEAD / (1 + rank)) * (1 + _LEAD_PARAGRAPH / (1 + paragraph_index))
                counts: dict[str, float] = {}
                for term in _terms(text):
                    counts[term] = counts.get(term, 0.0) + 1.0
                if counts:
                    found.append(
                        _Candidate(section_index, paragraph_index, start, end, text, prior, counts)
                    )
    return found


def _weigh(candidates: list[_Candidate], background: Sequence[str]) -> None:
    """Turn term counts into unit-length TF-IDF vectors, in place.

    Document frequencies count sentences; ``background`` adds paragraphs (say, the rest of the
    brief) whose sentences only count toward them, so a word common to the whole report weighs
    little in one section.
    """
    frequency: dict[str, int] = {}
    documents = len(candidates)
    for candidate in candidates:
        for term in candidate.vector:
            frequency[term] = frequency.get(term, 0) + 1
    for paragraph in background:
        for start, end in sentence_spans(paragraph):
            documents += 1
            for term in set(_terms(paragraph[start:end])):
                frequency[term] = frequency.get(term, 0) + 1
    for candidate in candidates:
        vector = candidate.vector
        for term, count in vector.items():
            # Sub-linear term frequency; a smoothed IDF that is never zero.
            vector[term] = (1 + math.log(count)) * math.log(1 + documents / frequency[term])
        norm = math.sqrt(sum(weight * weight for weight in vector.values()))
        for term in vector:
            vector[term] /= norm


def _lexrank(candidates: list[_Candidate]) -> list[float]:
    """Continuous LexRank scores, computed without building the sentence-by-sentence matrix.

    With unit rows U, similarities are M = U Uᵀ − I (no self-loops). The walk moves from i to
    j with probability M[i, j] / degree[i]; its stationary distribution is found by power
    iteration, each step computing M y as U (Uᵀ y) − y in time linear in the words.
    """
    count = len(candidates)
    if count == 0:
        return []
    vectors = [candidate.vector for candidate in candidates]

    def similarity_times(values: list[float]) -> list[float]:
        column: dict[str, float] = {}
        for vector, value in zip(vectors, values, strict=True):
            if value:
                for term, weight in vector.items():
                    column[term] = column.get(term, 0.0) + weight * value
        return [
            sum(weight * column.get(term, 0.0) for term, weight in vector.items()) - value
            for vector, value in zip(vectors, values, strict=True)
        ]

    degree = similarity_times([1.0] * count)
    # A sentence sharing no word with any other walks anywhere (a dangling node).
    scores = [1.0 / count] * count
    for _ in range(_ITERATIONS):
        spread = [
            score / weight if weight > 1e-12 else 0.0
            for score, weight in zip(scores, degree, strict=True)
        ]
        dangling = sum(
            score for score, weight in zip(scores, degree, strict=True) if weight <= 1e-12
        )
        moved = similarity_times(spread)
        base = (1 - _DAMPING) / count + _DAMPING * dangling / count
        updated = [base + _DAMPING * value for value in moved]
        change = sum(abs(new - old) for new, old in zip(updated, scores, strict=True))
        scores = updated
        if change < 1e-9:
            break
    return scores


def _similarity(first: dict[str, float], second: dict[str, float]) -> float:
    if len(first) > len(second):
        first, second = second, first
    return sum(weight * second.get(term, 0.0) for term, weight in first.items())


def _choose(
    candidates: list[_Candidate],
    scores: list[float],
    *,
    sentences: int | None,
    words: int | None,
    cover: bool,
) -> list[Extract]:
    """Pick sentences by MMR until the sentence or word budget is spent; reading order."""
    if not candidates:
        return []
    wanted = sentences if sentences is not None else (None if words is not None else KEY_POINTS)
    if (wanted is not None and wanted <= 0) or (words is not None and words <= 0):
        return []
    ranked = sorted(range(len(candidates)), key=lambda index: (-scores[index], index))
    pool_size = (wanted or max(1, (words or 0) // 15)) * _CANDIDATES_PER_PICK + 50
    pool = ranked[:pool_size]
    top = scores[ranked[0]] or 1.0
    chosen: list[int] = []
    sections_used: dict[int, int] = {}
    used_words = 0
    while pool and (wanted is None or len(chosen) < wanted):
        best, best_value = -1, -math.inf
        for index in pool:
            candidate = candidates[index]
            overlap = max(
                (_similarity(candidate.vector, candidates[other].vector) for other in chosen),
                default=0.0,
            )
            value = _MMR_LAMBDA * scores[index] / top - (1 - _MMR_LAMBDA) * overlap
            if cover:
                # Spread a summary over the sections: each pick from a section already used
                # costs as much as a strong overlap would.
                value -= _COVER * sections_used.get(candidate.section, 0)
            if value > best_value:
                best, best_value = index, value
        pool.remove(best)
        length = len(candidates[best].text.split())
        if words is not None and used_words + length > words:
            continue
        chosen.append(best)
        used_words += length
        section = candidates[best].section
        sections_used[section] = sections_used.get(section, 0) + 1
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
            scores[index],
        )
        for index in chosen
    ]


def _rank(
    sections: Sequence[Sequence[str]], background: Sequence[str]
) -> tuple[list[_Candidate], list[float]]:
    candidates = _candidates(sections)
    _weigh(candidates, background)
    centrality = _lexrank(candidates)
    scores = [
        value * candidate.prior for value, candidate in zip(centrality, candidates, strict=True)
    ]
    return candidates, scores


def key_points(
    paragraphs: Sequence[str],
    *,
    sentences: int | None = None,
    words: int | None = None,
    background: Sequence[str] = (),
) -> list[Extract]:
    """The most central sentences of one section, in reading order, quoted exactly.

    Give ``sentences`` (default :data:`KEY_POINTS`) or ``words`` (the total never exceeds it);
    ``background`` holds other paragraphs of the report, used only to learn which words are
    common everywhere. Sections with no prose sentence give an empty list.
    """
    candidates, scores = _rank([paragraphs], background)
    return _choose(candidates, scores, sentences=sentences, words=words, cover=False)


def summary(
    sections: Sequence[Sequence[str]],
    *,
    sentences: int | None = None,
    words: int | None = None,
) -> list[Extract]:
    """A summary of a whole report: central sentences spread over its sections, reading order.

    ``sections`` holds each section's paragraphs; give ``sentences`` (default: one for each
    section with prose, at most 10) or ``words``.
    """
    candidates, scores = _rank(sections, ())
    if sentences is None and words is None:
        sentences = min(10, len({candidate.section for candidate in candidates}))
    return _choose(candidates, scores, sentences=sentences, words=words, cover=True)
