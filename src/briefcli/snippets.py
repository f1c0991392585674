"""A search hit's snippet: the window of a piece's text that best shows the matches, in one pass.

FTS5's ``snippet()`` scores a window around every match by looking at every other match again:
matches × matches, 35 s for one 8 MB section. This chooses the same window by the same rules,
with two sliding windows over the matches in order, so the work grows with the text:

- a window is ``TOKENS`` words; each distinct matched phrase in it scores 1000, each repeat 1;
- a window centred on the matches that start at a match, and one that starts at the beginning
  of the sentence before it (+100, or +120 at the very start), are tried for every match; the
  first best wins;
- the text runs from the window's first word to its last (from the start of the text when the
  window starts there, to its end when it ends there), with ``…`` where it was cut; a text of
  several paragraphs (joined by line breaks) shows only the one that holds the first match
  in the window.

The matches come from :func:`find_matches`, which asks SQLite which words match (so stemming,
case and diacritics are the index's own); words are cut as the index's tokenizer (unicode61)
cuts them: letters and digits.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3

#: Words in a snippet (FTS5's snippet() was asked for 24).
TOKENS = 24
ELLIPSIS = "…"

#: A word as unicode61 cuts it: letters and digits (not the underscore, which \w includes).
_TOKEN = re.compile(r"[^\W_]+")
#: Where a sentence ends and the next word begins (FTS5 looks back over blanks for . or :).
_SENTENCE = re.compile(r"[.:][ \t\n\r]+(?=[^\W_])")

Span = tuple[int, int]


def snippet(
    text: str, marks: tuple[Span, ...], tokens: int = TOKENS
) -> tuple[str, tuple[Span, ...]]:
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
    best = _best_start(first, size, phrase, len(ids), _sentences(text, starts), len(words), tokens)
    last = min(best + tokens, len(words)) - 1
    begin = words[best][0] if best > 0 else 0
    finish = len(text) if last >= len(words) - 1 else ends[last]
    head = ELLIPSIS if best > 0 else ""
    tail = "" if last >= len(words) - 1 else ELLIPSIS
    # One paragraph (the pieces of a section are joined by line breaks): the one that holds
    # the first match shown, so list items and paragraphs do not run together. Its own start
    # and end are no cuts.
    anchor = next((start for start, end in marks if begin <= start < finish), begin)
    if (left := text.rfind("\n", 0, anchor) + 1) >= begin:
        begin, head = left, ""
    if 0 <= (right := text.find("\n", anchor)) <= finish:
        finish, tail = right, ""
    shift = len(head) - begin
    clipped = tuple(
        (max(start, begin) + shift, min(end, finish) + shift)
        for start, end in marks
        if start < finish and end > begin
    )
    return head + text[begin:finish] + tail, clipped


def _sentences(text: str, starts: list[int]) -> list[int]:
    """Indexes of the words that begin a sentence: the first, and any after '.' or ':' and a
    blank (FTS5's rule)."""
    out = [0]
    for found in _SENTENCE.finditer(text):
        index = bisect_left(starts, found.end())
        if 0 < index < len(starts) and starts[index] == found.end():
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


def find_matches(
    db: sqlite3.Connection, query: str, texts: Sequence[str]
) -> list[tuple[Span, ...]]:
    """Where ``query`` matches in each of ``texts``: character spans of the matched words.

    The index's tokenizer decides which words match (stemming, case, diacritics): each distinct
    word of the texts is put once into a temporary FTS5 table with the same tokenizer and each
    query word looked up there; phrases are then found in the word sequence. Linear in the
    texts (FTS5's ``highlight()`` copies its output again at every match).
    """
    from briefcli.searchquery import TOKENIZE, parse_query, word_forms

    cut = [[(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)] for text in texts]
    distinct = list(dict.fromkeys(word for words in cut for word, _, _ in words))
    db.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.snippet_words "
        f"USING fts5(word, tokenize='{TOKENIZE}')"
    )
    # One transaction: FTS5 flushes its pending terms at each commit (ten times the cost).
    owner = not db.in_transaction
    if owner:
        db.execute("BEGIN")
    try:
        db.execute("DELETE FROM temp.snippet_words")
        db.executemany(
            "INSERT INTO temp.snippet_words (rowid, word) VALUES (?, ?)", enumerate(distinct)
        )
    finally:
        if owner:
            db.execute("COMMIT")
    found: dict[str, frozenset[str]] = {}

    def words_matching(expression: str) -> frozenset[str]:
        if expression not in found:
            rows = db.execute(
                "SELECT rowid FROM temp.snippet_words WHERE snippet_words MATCH ?", (expression,)
            )
            found[expression] = frozenset(distinct[row[0]] for row in rows)
        return found[expression]

    # Each query term: the sets of words its successive words may be (one set for a word).
    patterns: list[list[frozenset[str]]] = []
    for text, phrase in parse_query(query):
        prefix = not phrase and text.endswith("*") and len(text) > 1
        parts = _TOKEN.findall(text.rstrip("*") if prefix else text)
        if not parts:
            continue
        if len(parts) == 1 and not phrase and not prefix:
            forms = word_forms(parts[0])
            patterns.append([words_matching(" OR ".join(_quote(f) for f in forms))])
            continue
        sets = [words_matching(_quote(part)) for part in parts]
        if prefix:
            # The words that start so, as a reader means it (the index's stems need not).
            start = parts[-1].casefold()
            starting = frozenset(w for w in distinct if w.casefold().startswith(start))
            sets[-1] = starting | words_matching(_quote(parts[-1]) + " *")
        patterns.append(sets)
    out: list[tuple[Span, ...]] = []
    for words in cut:
        spans: list[Span] = []
        for sets in patterns:
            width = len(sets)
            for index in range(len(words) - width + 1):
                if all(words[index + k][0] in sets[k] for k in range(width)):
                    spans.append((words[index][1], words[index + width - 1][2]))
        out.append(_coalesce(spans))
    return out


def _coalesce(spans: list[Span]) -> tuple[Span, ...]:
    """Spans in order, overlapping ones joined (as FTS5 joins overlapping matches)."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'
