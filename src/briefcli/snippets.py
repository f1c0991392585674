"""A search hit's snippet: the window of a piece's text that best shows the matches, in one pass.

FTS5's ``snippet()`` scores a window around every match by looking at every other match again:
matches × matches, 35 s for one 8 MB section. This chooses the same window by the same rules,
with two sliding windows over the matches in order, so the work grows with the text:

- a window is ``TOKENS`` words; each distinct matched phrase in it scores 1000, each repeat 1;
- a window centred on the matches that start at a match, and one that starts at the beginning
  of the sentence before it (+100, or +120 at the very start), are tried for every match; the
  first best wins;
- the text runs from the window's first word to its last (from the start of the text when the
  window starts there, to its end when it ends there), with ``…`` where it was cut.

The matches come from FTS5's ``highlight()`` (linear), so stemming and phrases are the
index's own; words are cut as the index's tokenizer (unicode61) cuts them: letters and digits.
"""

from __future__ import annotations

import re
from bisect import bisect_left

#: Words in a snippet (FTS5's snippet() was asked for 24).
TOKENS = 24
ELLIPSIS = "…"

#: A word as unicode61 cuts it: letters and digits (not the underscore, which \w includes).
_TOKEN = re.compile(r"[^\W_]+")
_BLANKS = " \t\n\r"

Span = tuple[int, int]


def snippet(text: str, marks: tuple[Span, ...], tokens: int = TOKENS) -> tuple[str, tuple[Span, ...]]:
    """The best window of ``text`` for the matched spans ``marks`` (character offsets).

    Returns the snippet and the spans of the matches in it (clipped to it).
    """
    words = [m.span() for m in _TOKEN.finditer(text)]
    if not words:
        return text, marks
    starts = [start for start, _ in words]
    ends = [end for _, end in words]
    # Each mark becomes an instance: first word, number of words, and which phrase (by its
    # folded text, so that repeats of one word score as repeats).
    first: list[int] = []
    size: list[int] = []
    phrase: list[int] = []
    ids: dict[str, int] = {}
    for start, end in marks:
        index = bisect_left(starts, start)
        if index >= len(words) or starts[index] >= end:
            continue  # a mark on no word (cannot happen with FTS5's marks)
        first.append(index)
        size.append(bisect_left(starts, end) - index)
        phrase.append(ids.setdefault(text[start:end].casefold(), len(ids)))
    best = _best_start(first, size, phrase, len(ids), _sentences(text, words), len(words), tokens)
    last = min(best + tokens, len(words)) - 1
    begin = words[best][0] if best > 0 else 0
    finish = len(text) if last >= len(words) - 1 else ends[last]
    head = ELLIPSIS if best > 0 else ""
    tail = "" if last >= len(words) - 1 else ELLIPSIS
    shift = len(head) - begin
    clipped = tuple(
        (max(start, begin) + shift, min(end, ends[last]) + shift)
        for start, end in marks
        if start < ends[last] and end > begin
    )
    return head + text[begin:finish] + tail, clipped


def _sentences(text: str, words: list[Span]) -> list[int]:
    """Indexes of the words that begin a sentence: the first, and any after '.' or ':' and a
    blank (FTS5's rule)."""
    out = [0]
    for index in range(1, len(words)):
        at = words[index][0] - 1
        if at < 0 or text[at] not in _BLANKS:
            continue
        while at >= 0 and text[at] in _BLANKS:
            at -= 1
        if at >= 0 and text[at] in ".:":
            out.append(index)
    return out


def _best_start(
    first: list[int],
    size: list[int],
    phrase: list[int],
    phrases: int,
    sentences: list[int],
    length: int,
    tokens: int,
) -> int:
    """The first word of the best window (see the module's rules), in linear time."""
    if not first:
        return 0
    centred = _Window(first, size, phrase, phrases)
    from_sentence = _Window(first, size, phrase, phrases)
    best_score, best = 0, 0
    sentence = 0
    for position in first:
        score, low, high = centred.score(position, tokens)
        if score > best_score:
            best_score = score
            spare = tokens - (high - low)
            half = spare // 2 if spare >= 0 else -(-spare // 2)  # as C divides: toward zero
            best = max(0, min(low - half, length - tokens))
        if length > tokens:
            while sentence + 1 < len(sentences) and sentences[sentence + 1] <= position:
                sentence += 1
            start = sentences[sentence]
            if start < position:
                score = from_sentence.score(start, tokens)[0] + (120 if start == 0 else 100)
                if score > best_score:
                    best_score, best = score, start
    return best


class _Window:
    """The matches in [start, start + tokens) for starts that never decrease: two pointers."""

    def __init__(self, first: list[int], size: list[int], phrase: list[int], phrases: int) -> None:
        self.first, self.size, self.phrase = first, size, phrase
        self.low = self.high = 0  # the window holds instances [low, high)
        self.counts = [0] * phrases
        self.distinct = 0

    def score(self, start: int, tokens: int) -> tuple[int, int, int]:
        """Score of the window at ``start``, and the first and last word its matches cover."""
        first, counts = self.first, self.counts
        while self.high < len(first) and first[self.high] < start + tokens:
            kind = self.phrase[self.high]
            counts[kind] += 1
            self.distinct += counts[kind] == 1
            self.high += 1
        while self.low < self.high and first[self.low] < start:
            kind = self.phrase[self.low]
            counts[kind] -= 1
            self.distinct -= counts[kind] == 0
            self.low += 1
        held = self.high - self.low
        if held == 0:
            return 0, 0, 0
        last = self.high - 1
        score = 1000 * self.distinct + (held - self.distinct)
        return score, first[self.low], first[last] + self.size[last]
