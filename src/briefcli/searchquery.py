"""The search query language: words, "phrases" and prefix* → an FTS5 MATCH expression.

A user's query never reaches FTS5 as syntax: every term is quoted, so ``AND``, ``NEAR`` or a
stray ``"`` are words like any other. Single words are widened to their common inflections.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w", re.UNICODE)
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
#: Endings tried on a word so that porter's stems meet: 'deploy' → 'deploi', 'deployment' →
#: 'deploy'; searching for either finds both.
#: How the index cuts text into terms (also used to find which forms of a word stem alike).
TOKENIZE = "porter unicode61 remove_diacritics 2"
_ENDINGS = ("ments", "ment", "ings", "ing", "ed", "es", "s")
_EXPANSIONS = ("", "s", "ed", "ing", "ment", "ments")


def parse_query(query: str) -> list[tuple[str, bool]]:
    """The query's terms: (text, is_phrase); "double quotes" make a phrase."""
    terms: list[tuple[str, bool]] = []
    seen: set[tuple[str, bool]] = set()
    # Control characters never reach the index (it holds sanitised text); NUL ends SQL strings.
    query = _CONTROLS.sub(" ", query)
    for match in _TOKEN.finditer(query):
        phrase, word = match.group(1), match.group(2)
        text = phrase if phrase is not None else word
        # A term given again adds nothing (all must match, in any case), but each copy cost a
        # pass over every hit's text: 'the the the …' ten thousand times took over a minute.
        key = (text.casefold(), phrase is not None)
        if text and _WORD.search(text) and key not in seen:
            seen.add(key)
            terms.append((text, phrase is not None))
    return terms


def fts_query(
    query: str,
    distinct: Callable[[list[str]], list[str]] | None = None,
    stems: Callable[[str], list[str]] | None = None,
) -> str:
    """The FTS5 MATCH expression for a user's query: every term must match (any order).

    Terms are quoted so FTS5 syntax in the query is taken literally; a single word is
    widened to its common inflections ('deploy' also finds 'deployment'), which ``distinct``
    (when given) may thin to those the index tells apart; a quoted phrase matches those words
    in that order (each still stemmed). A prefix ``word*`` matches the index's terms, which are
    stems ('deployment' is kept as 'deploy'), so ``stems`` (when given) names whole words that
    start so and whose stems the index holds; each is searched besides the prefix. Raises
    UsageError when the query has no words.
    """
    from briefcli.errors import UsageError

    terms = parse_query(query)
    if not terms:
        raise UsageError("the query has no words to search for")
    parts = []
    for text, phrase in terms:
        if phrase or " " in text:
            parts.append(_quote(text))
            continue
        prefix = text.endswith("*") and len(text) > 1
        word = text.rstrip("*") if prefix else text
        if prefix:
            words = stems(word) if stems is not None else []
            alternatives = list(dict.fromkeys([_quote(word) + " *", *map(_quote, words)]))
            parts.append(
                alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")"
            )
            continue
        forms = _forms(word)
        if distinct is not None and len(forms) > 1:
            forms = distinct(forms)
        parts.append(
            _quote(word) if len(forms) == 1 else "(" + " OR ".join(map(_quote, forms)) + ")"
        )
    return " AND ".join(parts)


def word_forms(word: str) -> list[str]:
    """The forms a single query word is searched in: itself and its common inflections."""
    return _forms(word)


def _forms(word: str) -> list[str]:
    if not word.isalpha() or len(word) < 4:
        return [word]
    lower = word.casefold()
    base = lower
    for ending in _ENDINGS:
        if lower.endswith(ending) and len(lower) - len(ending) >= 4:
            base = lower[: -len(ending)]
            break
    return list(dict.fromkeys([lower, *(base + e for e in _EXPANSIONS)]))


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'
