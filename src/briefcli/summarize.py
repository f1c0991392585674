"""Key points and summaries drawn from a report's own sentences, quoted word for word.

Sentences are ranked by centrality times a position prior, and chosen greedily with
redundancy removed, as issue 14 asks: continuous LexRank (Erkan and Radev, 2004) over TF-IDF
vectors of case-folded, lightly stemmed content words scores how much each sentence is like
the others; the k-th prose sentence of a section counts 1 + 1 / (1 + k) times that (sections
tend to open with their point), and 1 + 4 s times more where the sentence uses a share s of the
title's words (Edmundson, 1969: the report's title for a summary, the section's own for its key
points); and each pick lowers the others' value in proportion to
their cosine similarity with the closest sentence already chosen (MMR in product form). A
summary also spreads its picks over the sections. Everything is deterministic and offline.
The method was chosen on two development sets, technical and policy reports
(docs/summaries.md); :class:`Method` keeps the variants that were compared (concept coverage
in the manner of Gillick and Favre, 2009; stronger position priors; lead-swap; a section-lead
prior; directed centrality after PacSum).

LexRank's power iteration is linear in the text (the cosine matrix is never built: one step
is two sparse products), and the greedy choice is lazy (Minoux's accelerated greedy): a
value only falls as sentences are chosen, so values are kept in a heap and only the top one
is brought up to date.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Sequence
from functools import cache, lru_cache
from itertools import pairwise
from typing import NamedTuple

from briefcli.model import is_block
from briefcli.sentences import is_prose, sentence_spans

__all__ = ["METHOD", "Extract", "Method", "is_point", "key_points", "marker_end", "summary"]

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
#: Most sentences of a summary by default (one a section, with at least :data:`KEY_POINTS`).
SUMMARY_MOST = 10


class Method(NamedTuple):
    """How sentences are ranked. The defaults are round 5's method; :data:`METHOD` is what
    brief ships (rounds 8-12: subsections are parts, earlier parts count more, …); bench/
    tries others."""

    #: "lexrank" (continuous LexRank over TF-IDF, redundancy removed MMR-style), "directed"
    #: (PacSum-style: how like a sentence is to those after it in its section, plus
    #: ``backward`` times how like it is to those before it; redundancy removed the same way)
    #: or "coverage" (the weight of the word pairs no chosen sentence covers yet).
    centrality: str = "lexrank"
    #: Directed centrality: the weight of likeness to earlier sentences of the same section
    #: (PacSum found a negative weight best: a sentence that repeats what came before is not
    #: the one that introduces it).
    backward: float = 0.0
    #: Position prior: the k-th prose sentence of a section (from 0) counts
    #: 1 + lead / (1 + k) ** decay times its value: sections tend to open with their point.
    lead: float = 1.0
    decay: float = 1.0
    #: Section-lead prior: the first prose sentence of each paragraph counts (1 + opening)
    #: times more (a paragraph, too, tends to open with its point).
    opening: float = 0.0
    #: Lead-swap (when above 0): no position prior; the sentences lead-k would take at this
    #: length count ``swap`` times, so another sentence replaces one of them only when it is
    #: worth ``swap`` times as much.
    swap: float = 0.0
    #: Coverage: a sentence's value is divided by (words ** length), a mild preference for the
    #: shorter of two sentences saying as much.
    length: float = 0.25
    #: Title prior (Edmundson, 1969): a sentence counts (1 + title × the share of the
    #: title's words it uses) times more, when a title is given (brief gives a summary the
    #: report's title, a section's key points the section's own).
    title: float = 4.0
    #: In a summary, each sentence already taken from a section divides the value of the others
    #: from that section by (1 + cover × taken), so the summary covers the sections.
    cover: float = 0.3
    #: "trained" centrality (Kupiec, Pedersen and Chen, 1995): a sentence's value is
    #: exp(weights · features), the features of :func:`_features` standardised within the call
    #: (priors are then not applied: the position and the title are among the features).
    weights: tuple[float, ...] = ()
    #: Key points of a section with parts (its own paragraphs, then each subsection's):
    #: "none" ranks them as one run of paragraphs; "spread" divides a sentence's value by
    #: (1 + part_cover × picks already taken from its part); "sections" also counts the
    #: position prior within each part, as a summary does with sections.
    parts: str = "none"
    part_cover: float = 0.3
    #: Order prior (round 9): a sentence of the j-th part with prose (from 0: a summary's
    #: sections, a section's key points' parts when ``parts`` reads them) counts
    #: 1 + order / (1 + j) times more: reports put what they are about first.
    order: float = 0.0
    #: Whether a section's key points read the order prior too (else only summaries).
    order_points: bool = True
    #: Round 10: the value of a sentence that opens by pointing back ("Its members …", "They
    #: …", "This dispatch …": :func:`_points_back`) is multiplied by this (1: not at all).
    back: float = 1.0
    #: Round 11: a sentence's value is divided by (its words / 20) ** brevity, so that of two
    #: sentences worth as much the shorter is chosen (0: not at all).
    brevity: float = 0.0
    #: Round 12: the value of a lead-in, a sentence that ends with ':' (what it leads into, a
    #: list, a table or code, is not shown with it), is multiplied by this (1: not at all).
    lead_in: float = 1.0
    #: Round 13: the value of a copyright or licence notice (:func:`is_notice`) is multiplied
    #: by this (1: not at all).
    notice: float = 1.0
    #: Round 14: sentence vectors also hold each pair of content words next to each other once
    #: the stop words are out ("troops to Russia": "troop russia"), weighted as words are.
    pairs: bool = False
    #: Round 14: LexRank's likeness of two sentences, "cosine" of their TF-IDF vectors or
    #: "bm25" (Barrios et al., 2016: the BM25 score of one sentence for the other as query);
    #: MMR's redundancy is the cosine either way.
    similarity: str = "cosine"


#: The shipped method (docs/summaries.md): a section's key points treat its subsections as a
#: summary treats sections (the position prior counts within each, picks spread over them;
#: round 8, confirmed on a held-out set), and earlier sections or subsections count more
#: (the order prior, b=2: round 9); a sentence that opens by pointing back (round 10), or a
#: lead-in that ends with ':' (round 12), counts a quarter.
METHOD = Method(parts="sections", part_cover=0.3, order=2.0, back=0.25, lead_in=0.25, notice=0.25)
#: LexRank's damping: the chance of a random jump at each step.
_DAMPING = 0.15
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
    #: The sentence's value when nothing is chosen yet (centrality times the priors).
    score: float

    @property
    def words(self) -> int:
        """The number of words in the sentence."""
        return len(self.text.split())


class _Candidate:
    """A prose sentence under consideration: where it is, its rank, length, terms and concepts."""

    __slots__ = (
        "back",
        "concepts",
        "end",
        "lead_in",
        "notice",
        "opening",
        "paragraph",
        "part",
        "rank",
        "section",
        "start",
        "terms",
        "text",
        "words",
    )

    def __init__(
        self,
        section: int,
        paragraph: int,
        start: int,
        end: int,
        text: str,
        rank: int,
        opening: bool,
        part: int,
    ) -> None:
        self.section, self.paragraph, self.start, self.end = section, paragraph, start, end
        #: The part its picks are spread over: its section, or in a section's key points the
        #: subsection it stands in (0 for the section's own paragraphs).
        self.part = part
        #: Its place among its section's prose sentences (from 0); whether it opens a paragraph.
        self.text, self.rank, self.opening = text, rank, opening
        self.words = len(text.split())
        found = _word_pattern().findall(text.casefold())
        stems = [_stem(word) for word in found]
        #: Its content words, stemmed (what TF-IDF and the title prior read).
        self.terms = [
            stem for word, stem in zip(found, stems, strict=True) if word not in _STOPWORDS
        ]
        self.concepts = _concepts(stems)
        #: Whether it opens by pointing back to what came before it.
        self.back = _points_back(found)
        #: Whether it ends with ':', leading into what comes after it.
        self.lead_in = text.rstrip().endswith(":")
        #: Whether it is a copyright or licence notice.
        self.notice = is_notice(text)


#: First words that point back to what came before: read alone, the sentence leaves its reader
#: asking what they refer to.
_POINTERS = frozenset(
    str.split(
        """
    it its it's it’s they them their theirs he him his she her hers such this that these those
        """
    )
)
#: Demonstratives followed by one of these name the document itself ("This report …").
_DEMONSTRATIVES = frozenset(("this", "that", "these", "those"))
_SELF_NOUNS = frozenset(
    str.split(
        """
    document report paper section chapter article guide memo memorandum specification proposal
    page note brief study book pep rfc howto tutorial
        """
    )
)


#: What makes a sentence a copyright or licence notice (round 13): any of these, …
_NOTICE_MARKS = ("all rights reserved", "placed in the public domain", "is free software",
                 "without any warranty")  # fmt: skip
#: … or 'license'/'licence' with one of these, …
_LICENCE_WORDS = ("permission", "terms", "distribute", "copy", "modify", "warranty", "licensed")
#: … or 'copyright' with one of these or a year.
_COPYRIGHT_MARKS = ("(c)", "©")


def is_notice(text: str) -> bool:
    """Whether a sentence is a copyright or licence notice ('Permission is granted to copy …
    under the terms of the GNU Free Documentation License', 'Copyright (C) 2020 …')."""
    folded = text.casefold()
    if any(mark in folded for mark in _NOTICE_MARKS):
        return True
    if ("license" in folded or "licence" in folded) and any(
        word in folded for word in _LICENCE_WORDS
    ):
        return True
    if "copyright" not in folded:
        return False
    return any(mark in folded for mark in _COPYRIGHT_MARKS) or any(
        len(word) == 4 and word.isdecimal() for word in _word_pattern().findall(folded)
    )


#: Words that open no sentence in lower case: a text that opens with one is the rest of a
#: sentence that a page, a column or a list item broke ('and ``packaging``; and bumped …',
#: 'by the entropy encoder when needed).'). A name in lower case ('find exits …') may open one.
_CONTINUING = _STOPWORDS - {"i"}
#: Verbs that open no sentence in lower case: what follows a defined term, cut from it (a
#: licence's '1.3. "Contribution"' over 'means Covered Software of a particular Contributor.').
_PREDICATES = frozenset(("means", "mean", "refers", "denotes", "signifies", "shall"))
#: Words that end no sentence: a text without a closing mark that ends with one was cut
#: ('The factory only hired workers who', '… is defined by the following'). Not prepositions,
#: which may end one ('Returns: {TracingChannel} Collection of channels to trace with').
_UNFINISHED = frozenset(
    str.split(
        """
    a an the and or nor but if because although though whereas than that which who whom whose
    is are was were be been being am has have had do does did will would shall should can could
    may might must to their its his her our your my these those such very following e.g i.e
        """
    )
)


@cache
def _mark_patterns() -> dict[str, re.Pattern[str]]:
    return {
        "email": re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
        # References at the end of a text: roles with their code span, issue numbers, links
        # in brackets, with the marks and the 'and' between them ('… on GitHub:* :issue:`7916`.').
        # (Tried only after a character that is no one-character mark: where one precedes it,
        # the references start there already. From every mark of a long run of them that does
        # not reach the end, the pattern took time quadratic in the run.)
        "references": re.compile(
            r"(?<![\s.,;*_()])"
            r"(?:[\s.,;*_()]|\band\b|:[\w:-]+:`[^`]*`|\{[\w:-]+\}`[^`]*`|#\d+"
            r"|\((?:https?://|#)[^\s)]*\))*\Z"
        ),
        # A checklist's box, ticked or not, as Markdown writes it: '[ ] Tag', '[x] Tag'.
        "checkbox": re.compile(r"\[[ xX]\]\s"),
        # The first word, after a list item's letter ('a) Accompany …', '(b) the …').
        "first": re.compile(r"(?:\(?[^\W\d_]{1,2}[.)]\s+)?([^\W\d_]+)"),
        # (From a word's first letter only: see 'references'.)
        "last": re.compile(r"(?<![^\W\d_])([^\W\d_]+(?:\.[^\W\d_]+)*)\W*\Z"),
        # A caption: 'Listing 4-4: Transferring …', 'Figure 3. Trade by port', 'Table 2 — …'.
        "caption": re.compile(
            r"(?:Listing|Figure|Fig\.|Table|Chart|Exhibit|Map|Box|Graph|Plate|Illustration)"
            r"\s+[A-Z]?\d+(?:[.-]\d+)*[a-z]?\s*[.:—–|]\s"
        ),
    }


#: Most characters of the references a label leads to ('Related issues on GitHub:
#: :issue:`7916`, :issue:`7917`.'), read at the end of a text.
_REFERENCES_TAIL = 500


def is_point(text: str) -> bool:
    """Whether a prose sentence can stand alone as a key point: not a piece of a sentence, a
    byline, an aside, a caption or a table row of repeated words.

    Pieces: it opens with a joining word in lower case or with a defined term's verb ('means
    …', cut from its term), it ends with no closing mark after a
    joining word or a hyphen, or it opens a bracket it never closes (the page or column broke
    it). A byline: a short sentence with an e-mail address ('Dr. Tobias Quathamer
    toddy@debian.org Sun, 2 Aug 2015'). An aside: the whole sentence in brackets ('(bugfix
    release, released Mar 05, 2010)'). A label that only leads to references ('Related issues
    on GitHub: :issue:`7916`.'). A caption ('Listing 4-4: Transferring …', 'Figure 3. …'),
    which says what a figure shows without it. A checklist's task ('[ ] Tag the release'). A
    row of cells: of six or more content words, half or
    more repeat one before ('Closure Permanent Closure Permanent …', 'X: Added Y: Added …').
    """
    patterns = _mark_patterns()
    if patterns["caption"].match(text):
        return False  # what a figure, table or listing shows, without it
    if patterns["checkbox"].match(text):
        return False  # a task of a checklist ('[ ] Tag the release'), no point made
    first = patterns["first"].match(text.lstrip("\"'‘“«*_"))
    if first and (first.group(1) in _CONTINUING or first.group(1) in _PREDICATES):
        return False
    stripped = text.rstrip("\"'’”»*_`")
    if stripped and stripped[-1] not in ".!?…:;)]}":
        last = patterns["last"].search(stripped)
        if stripped.endswith("-") or (last and last.group(1).casefold() in _UNFINISHED):
            return False
    if text.count("(") > text.count(")") or text.count("[") > text.count("]"):
        return False
    # The references a label leads to are a short tail: looked for in the last characters
    # only, so that a run of '#1#1…' or roles that does not reach the end costs no more than
    # their length (from every start in a run the pattern reads the rest of the run).
    tail = len(text) - _REFERENCES_TAIL
    label = text[: max(tail, 0)] + patterns["references"].sub("", text[max(tail, 0) :])
    if len(label) < len(text.rstrip(".*_ ")) and label.rstrip("*_ ").endswith(":"):
        return False  # a label and the references it leads to: nothing of its own to say
    words = text.split()
    if len(words) < 15 and "@" in text and patterns["email"].search(text):
        return False
    if text.startswith("(") and text.rstrip(".").endswith(")") and _closes_at_end(text):
        return False
    content = [
        key for key in (word.strip(".,;:()").casefold() for word in words)
        if key.isalpha() and key not in _STOPWORDS
    ]  # fmt: skip
    return len(content) < 6 or 2 * len(set(content)) > len(content)


def _closes_at_end(text: str) -> bool:
    """Whether the bracket that opens ``text`` is the one that closes at its end."""
    depth = 0
    body = text.rstrip(".")
    for index, char in enumerate(body):
        depth += char == "("
        depth -= char == ")"
        if depth == 0:
            return index == len(body) - 1
    return False


def _points_back(words: Sequence[str]) -> bool:
    """Whether a sentence whose words (case-folded) are ``words`` opens by pointing back."""
    if not words or words[0] not in _POINTERS:
        return False
    if words[0] in _DEMONSTRATIVES and len(words) > 1:
        noun = words[1]
        return noun not in _SELF_NOUNS and noun.removesuffix("s") not in _SELF_NOUNS
    return True


@cache
def _list_marker() -> re.Pattern[str]:
    item = r"(?:[-*+•]|\d{1,3}[.)])[ \t]+"
    return re.compile(rf"(?:(?:>[ \t]*)+(?:{item})?|{item})(?=\S)")


def marker_end(text: str) -> int:
    """Where a list item's or a block quote's text starts after its '- ', '2. ' or '> ' (0
    when it has none): a point is shown as a bullet, and would show the marker too."""
    marker = _list_marker().match(text)
    return marker.end() if marker else 0


@cache
def _word_pattern() -> re.Pattern[str]:
    return re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,]\d+)*")


@lru_cache(maxsize=65536)
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


def _concepts(words: Sequence[str]) -> frozenset[tuple[str, str]]:
    """The pairs of a sentence's stemmed words, leaving out pairs of two stop words.

    Stop words stay inside pairs ("security of Europe" gives 'security of', 'of europe'):
    a pair with one content word still says something a reader would recognise.
    """
    return frozenset(
        (first, second)
        for first, second in pairwise(words)
        if first not in _STOPWORDS or second not in _STOPWORDS
    )


def _candidates(
    sections: Sequence[Sequence[str]], breaks: Sequence[int] = (), rank_in_parts: bool = False
) -> list[_Candidate]:
    """Every prose sentence of every section, with its rank in the section and concepts.

    ``breaks`` (one section only): the paragraphs that start a new part (a subsection); with
    ``rank_in_parts`` the rank counts from 0 again in each part.
    """
    found: list[_Candidate] = []
    starts = set(breaks)
    for section_index, paragraphs in enumerate(sections):
        rank = 0  # among the section's (or the part's) prose sentences
        part = section_index
        previous = ""  # the paragraph before, when it is text
        for paragraph_index, paragraph in enumerate(paragraphs):
            if paragraph_index in starts and paragraph_index > 0:
                part += 1
                previous = ""
                if rank_in_parts:
                    rank = 0
            if is_block(paragraph):
                previous = ""
                continue  # a code block or a table: no sentence of it is a summary's
            opening = True
            # A paragraph that goes on with the sentence the one before it left open was cut
            # from it (an importer broke a wrapped list item, a page broke a paragraph): its
            # first sentence and the other's last are pieces ('… so they are torn' | 'down
            # after the test'), not points.
            broken = _goes_on(previous, paragraph)
            if broken and found and found[-1].paragraph == paragraph_index - 1:
                last = found[-1]
                if last.section == section_index and not previous[last.end :].strip():
                    found.pop()
                    rank -= 1
            previous = paragraph
            for start, end in sentence_spans(paragraph):
                text = paragraph[start:end]
                if broken:
                    broken = False
                    continue
                if not is_prose(text, min_words=_MIN_WORDS) or text.endswith(("::", ",", ";")):
                    # reST's lead-in to a literal block ('… like the following::') says nothing
                    # without the code it introduces, and shows its markup. A text that ends
                    # with ',' or ';' is a piece of a sentence, cut where a page or a list
                    # broke it ('[asn1 decode simple der], page 22,'). (Lead-ins that end with
                    # ':' count less: Method.lead_in.)
                    continue
                if skip := marker_end(text):
                    start += skip
                    text = paragraph[start:end]
                if not is_point(text):
                    continue
                found.append(
                    _Candidate(
                        section_index, paragraph_index, start, end, text, rank, opening, part
                    )
                )
                rank += 1
                opening = False
    return found


def _goes_on(previous: str, paragraph: str) -> bool:
    """Whether ``paragraph`` goes on with a sentence ``previous`` left open: that one ends with
    no closing mark, and this one opens in lower case, not as a list item."""
    ending = previous.rstrip()
    if not ending or ending[-1] in ".!?…:;\"'’”»)]}" or marker_end(paragraph):
        return False
    opening = paragraph.lstrip("\"'‘“«*_ \t\n")
    return opening[:1].islower()


def _lead_order(candidates: Sequence[_Candidate]) -> list[int]:
    """Lead-k's order: the first sentence of each section, then the second of each, …"""
    return sorted(
        range(len(candidates)),
        key=lambda i: (candidates[i].rank, candidates[i].section, candidates[i].start),
    )


def _fill(
    candidates: Sequence[_Candidate], order: Sequence[int], wanted: int | None, words: int | None
) -> set[int]:
    """The sentences taken in ``order`` until ``wanted`` are taken or ``words`` is spent."""
    taken: set[int] = set()
    used = 0
    for index in order:
        if wanted is not None and len(taken) >= wanted:
            break
        length = candidates[index].words
        if words is not None and used + length > words:
            continue
        taken.add(index)
        used += length
    return taken


def _priors(
    candidates: Sequence[_Candidate],
    method: Method,
    wanted: int | None,
    words: int | None,
    title: str,
    order: float = 0.0,
) -> list[float]:
    """Each sentence's position (and title) prior under ``method``; ``order`` weighs the parts'
    order (:attr:`Method.order`)."""
    if method.swap > 0:
        lead = _fill(candidates, _lead_order(candidates), wanted, words)
        return [method.swap if index in lead else 1.0 for index in range(len(candidates))]
    priors = [
        (1 + method.lead / (1 + c.rank) ** method.decay) * (1 + method.opening * c.opening)
        for c in candidates
    ]
    title_terms = set(_terms(title)) if method.title > 0 else set()
    if title_terms:
        for index, candidate in enumerate(candidates):
            share = len(title_terms.intersection(candidate.terms)) / len(title_terms)
            priors[index] *= 1 + method.title * share
    if method.brevity:
        for index, candidate in enumerate(candidates):
            priors[index] /= (candidate.words / 20) ** method.brevity
    if method.back != 1.0 or method.lead_in != 1.0 or method.notice != 1.0:
        for index, candidate in enumerate(candidates):
            if candidate.back:
                priors[index] *= method.back
            if candidate.lead_in:
                priors[index] *= method.lead_in
            if candidate.notice:
                priors[index] *= method.notice
    if order:
        place: dict[int, int] = {}
        for index, candidate in enumerate(candidates):
            j = place.setdefault(candidate.part, len(place))
            priors[index] *= 1 + order / (1 + j)
    return priors


def _terms(text: str) -> list[str]:
    """The content words of ``text``, case-folded and stemmed."""
    return [
        _stem(word) for word in _word_pattern().findall(text.casefold()) if word not in _STOPWORDS
    ]


def _units(candidate: _Candidate, pairs: bool) -> list[str]:
    """What a sentence's vector counts: its content words, and with ``pairs`` each two of
    them next to each other once the stop words are out."""
    from itertools import pairwise

    terms = candidate.terms
    if not pairs:
        return terms
    return [*terms, *(f"{a} {b}" for a, b in pairwise(terms))]


def _counts(
    candidates: Sequence[_Candidate], pairs: bool
) -> tuple[list[dict[str, int]], dict[str, int]]:
    """Each sentence's count of each unit, and how many sentences use each unit."""
    counts = []
    frequency: dict[str, int] = {}
    for candidate in candidates:
        count: dict[str, int] = {}
        for term in _units(candidate, pairs):
            count[term] = count.get(term, 0) + 1
        counts.append(count)
        for term in count:
            frequency[term] = frequency.get(term, 0) + 1
    return counts, frequency


def _tfidf(candidates: Sequence[_Candidate], pairs: bool = False) -> list[dict[str, float]]:
    """Each sentence's TF-IDF vector over content words, of unit length (empty if none)."""
    import math

    counts, frequency = _counts(candidates, pairs)
    total = len(candidates)
    vectors = []
    for count in counts:
        vector = {t: n * (math.log((1 + total) / (1 + frequency[t])) + 1) for t, n in count.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({t: v / norm for t, v in vector.items()})
    return vectors


def _dot(first: dict[str, float], second: dict[str, float]) -> float:
    if len(first) > len(second):
        first, second = second, first
    return sum(value * second.get(term, 0.0) for term, value in first.items())


def _lexrank(vectors: Sequence[dict[str, float]]) -> list[float]:
    """Continuous LexRank (Erkan and Radev, 2004) in time linear in the text: the walk of
    :func:`_walk` over the cosines of the unit TF-IDF rows (S = X Xᵀ)."""
    return _walk(vectors, vectors)


def _walk(sources: Sequence[dict[str, float]], targets: Sequence[dict[str, float]]) -> list[float]:
    """The stationary scores of a random walk that goes from sentence i to j in proportion
    to Sᵢⱼ = sourcesᵢ · targetsⱼ, with a jump anywhere at each step (damping d), in time
    linear in the text.

    The matrix is never built: one step of the power iteration, pⱼ ← d/n + (1 − d) Σᵢ pᵢ
    Sᵢⱼ / rowsumᵢ, is two sparse products, y = Σᵢ (pᵢ / rowsumᵢ) sourcesᵢ, then pⱼ = d/n +
    (1 − d) targetsⱼ · y. Scores are scaled to a mean of 1.
    """
    n = len(sources)
    total: dict[str, float] = {}
    for vector in targets:
        for term, value in vector.items():
            total[term] = total.get(term, 0.0) + value
    rowsum = [_dot(vector, total) or 1.0 for vector in sources]
    scores = [1.0 / n] * n
    for _ in range(30):
        mixed: dict[str, float] = {}
        for vector, score, row in zip(sources, scores, rowsum, strict=True):
            share = score / row
            for term, value in vector.items():
                mixed[term] = mixed.get(term, 0.0) + share * value
        fresh = [_DAMPING / n + (1 - _DAMPING) * _dot(vector, mixed) for vector in targets]
        done = max(abs(a - b) for a, b in zip(fresh, scores, strict=True)) < 1e-6 / n
        scores = fresh
        if done:
            break
    return [score * n for score in scores]


#: BM25's term-frequency saturation and length normalisation (the usual values).
_BM25_K1 = 1.2
_BM25_B = 0.75


def _bm25_rank(candidates: Sequence[_Candidate], pairs: bool) -> list[float]:
    """LexRank whose walk (:func:`_walk`) goes from sentence i to j in proportion to the
    BM25 score of j for the query i (Barrios et al., 2016): sourcesᵢ hold the idf of each
    unit of sentence i, targetsⱼ the saturated, length-normalised frequency of each unit of j.
    """
    import math

    counts, frequency = _counts(candidates, pairs)
    n = len(candidates)
    lengths = [sum(count.values()) for count in counts]
    average = (sum(lengths) / n) or 1.0
    idf = {t: math.log(1 + (n - m + 0.5) / (m + 0.5)) for t, m in frequency.items()}
    queries = [{t: idf[t] for t in count} for count in counts]
    saturated = []
    for count, length in zip(counts, lengths, strict=True):
        norm = _BM25_K1 * (1 - _BM25_B + _BM25_B * length / average)
        saturated.append({t: c * (_BM25_K1 + 1) / (c + norm) for t, c in count.items()})
    return _walk(queries, saturated)


def _directed(
    candidates: Sequence[_Candidate], vectors: Sequence[dict[str, float]], backward: float
) -> list[float]:
    """Directed centrality (after PacSum, Zheng and Lapata, 2019) in time linear in the text.

    A sentence's value is the sum of its cosines with the later sentences of its section plus
    ``backward`` times the sum with the earlier ones: x_i · (Σ_{j>i} x_j) + b x_i · (Σ_{j<i} x_j),
    both sums kept as running totals. Values are scaled to [0.01, 1.01] so that they can be
    multiplied by a prior and by the redundancy factor.
    """
    n = len(vectors)
    after = [0.0] * n
    before = [0.0] * n
    start = 0
    while start < n:
        end = start
        while end < n and candidates[end].section == candidates[start].section:
            end += 1
        running: dict[str, float] = {}
        for index in range(start, end):
            before[index] = _dot(vectors[index], running)
            for term, value in vectors[index].items():
                running[term] = running.get(term, 0.0) + value
        running = {}
        for index in range(end - 1, start - 1, -1):
            after[index] = _dot(vectors[index], running)
            for term, value in vectors[index].items():
                running[term] = running.get(term, 0.0) + value
        start = end
    raw = [a + backward * b for a, b in zip(after, before, strict=True)]
    low, high = min(raw), max(raw)
    if high - low <= 1e-12:
        return [1.0] * n
    return [(value - low) / (high - low) + 0.01 for value in raw]


#: The features a trained scorer reads, in order (see :func:`_features`).
FEATURES = ("centrality", "lead", "opening", "title", "length", "place")


def _features(
    candidates: Sequence[_Candidate], centrality: Sequence[float], title: str
) -> list[list[float]]:
    """Each sentence's :data:`FEATURES`, standardised over ``candidates`` (mean 0, deviation 1).

    log centrality; 1 / (1 + k) for the k-th prose sentence of its section; whether it opens a
    paragraph; the share of the title's words it uses; log of its words; k / n, its relative
    place among the n prose sentences of its section. A feature constant over the candidates
    is 0 for all.
    """
    import math

    title_terms = set(_terms(title))
    per_section: dict[int, int] = {}
    for candidate in candidates:
        per_section[candidate.section] = per_section.get(candidate.section, 0) + 1
    raw = [
        [
            math.log(max(score, 1e-9)),
            1 / (1 + c.rank),
            float(c.opening),
            len(title_terms.intersection(c.terms)) / len(title_terms) if title_terms else 0.0,
            math.log(c.words),
            c.rank / per_section[c.section],
        ]
        for c, score in zip(candidates, centrality, strict=True)
    ]
    count = len(raw)
    for column in range(len(FEATURES)):
        values = [row[column] for row in raw]
        mean = sum(values) / count
        spread = math.sqrt(sum((v - mean) ** 2 for v in values) / count)
        for row in raw:
            row[column] = (row[column] - mean) / spread if spread > 1e-12 else 0.0
    return raw


def _choose(
    candidates: list[_Candidate],
    *,
    sentences: int | None,
    words: int | None,
    spread: float,
    method: Method,
    title: str = "",
    order: float = 0.0,
) -> list[Extract]:
    """Pick sentences greedily by value until the budget is spent; reading order.

    Each sentence already taken from a part divides the value of the others from that part by
    (1 + ``spread`` × taken); ``order`` is the order prior over the parts.
    """
    if not candidates:
        return []
    wanted = sentences if sentences is not None else (None if words is not None else KEY_POINTS)
    if (wanted is not None and wanted <= 0) or (words is not None and words <= 0):
        return []
    if method.centrality == "trained":  # the position and the title are among its features
        priors = [1.0] * len(candidates)
    else:
        priors = _priors(candidates, method, wanted, words, title, order)
    covered: set[tuple[str, str]] = set()
    taken_from: dict[int, int] = {}
    picked: list[dict[str, float]] = []
    by_similarity = method.centrality in ("lexrank", "directed", "trained")
    if by_similarity:
        vectors = _tfidf(candidates, method.pairs)
        if method.centrality == "directed":
            centrality = _directed(candidates, vectors, method.backward)
        elif method.similarity == "bm25":
            centrality = _bm25_rank(candidates, method.pairs)
        else:
            centrality = _lexrank(vectors)
        if method.centrality == "trained":
            import math

            centrality = [
                math.exp(sum(w * f for w, f in zip(method.weights, row, strict=True)))
                for row in _features(candidates, centrality, title)
            ]
    else:
        weight: dict[tuple[str, str], int] = {}
        for candidate in candidates:
            for concept in candidate.concepts:
                weight[concept] = weight.get(concept, 0) + 1

    def value(index: int) -> float:
        candidate = candidates[index]
        if by_similarity:
            # MMR in product form: the value falls with the closest sentence already chosen.
            closest = max((_dot(vectors[index], other) for other in picked), default=0.0)
            worth = priors[index] * centrality[index] * (1 - min(closest, 1.0))
        else:
            gain = sum(weight[c] for c in candidate.concepts if c not in covered)
            worth = priors[index] * gain / float(candidate.words) ** method.length
        if spread:
            worth /= 1 + spread * taken_from.get(candidate.part, 0)
        return worth

    first = [value(index) for index in range(len(candidates))]
    # A value only falls as sentences are chosen and sections used: a heap of stale values
    # is an upper bound, and the top is chosen once its value is brought up to date.
    heap = [(-worth, index) for index, worth in enumerate(first)]
    heapq.heapify(heap)
    chosen: list[int] = []
    # A sentence the report repeats (a subsection that opens with its section's sentence) is
    # one point, however many times it stands there.
    said: set[str] = set()
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
        text = " ".join(candidate.text.split())
        if text in said:
            continue
        said.add(text)
        chosen.append(index)
        used_words += candidate.words
        covered.update(candidate.concepts)
        if by_similarity:
            picked.append(vectors[index])
        taken_from[candidate.part] = taken_from.get(candidate.part, 0) + 1
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
    method: Method = METHOD,
    title: str = "",
    breaks: Sequence[int] = (),
) -> list[Extract]:
    """The sentences that best cover one section, in reading order, quoted exactly.

    Give ``sentences`` (default :data:`KEY_POINTS`) or ``words`` (the total never exceeds it).
    ``breaks`` are the indices of the paragraphs that open the section's subsections (what
    ``method.parts`` reads). Sections with no prose sentence give an empty list.
    """
    parted = bool(breaks) and method.parts != "none"
    return _choose(
        _candidates([paragraphs], breaks, rank_in_parts=parted and method.parts == "sections"),
        sentences=sentences,
        words=words,
        spread=method.part_cover if parted else 0.0,
        method=method,
        title=title,
        order=method.order if parted and method.order_points else 0.0,
    )


def summary(
    sections: Sequence[Sequence[str]],
    *,
    sentences: int | None = None,
    words: int | None = None,
    method: Method = METHOD,
    title: str = "",
) -> list[Extract]:
    """A summary of a whole report: covering sentences spread over its sections, reading order.

    ``sections`` holds each section's paragraphs; give ``sentences`` (default: as many as there
    are sections with prose, at least 3 and at most 10) or ``words``.
    """
    candidates = _candidates(sections)
    if sentences is None and words is None:
        # At least as many as a section's key points: a report of one or two sections (a
        # statement without headings) gets more than one sentence.
        parts = len({candidate.section for candidate in candidates})
        sentences = min(SUMMARY_MOST, max(KEY_POINTS, parts))
    return _choose(
        candidates,
        sentences=sentences,
        words=words,
        spread=method.cover,
        method=method,
        title=title,
        order=method.order,
    )
