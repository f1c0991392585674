"""Snippets chosen in one pass agree with FTS5's snippet(), and take linear time."""

from __future__ import annotations

import sqlite3

from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefcli.index import _marks
from briefcli.snippets import ELLIPSIS, find_matches, snippet

#: Words that stem to themselves and to no other word of the list, and separators that do and
#: do not end a sentence.
WORDS = st.sampled_from(["alpha", "bravo", "charlie", "delta", "echo", "x1", "2024"])
GAPS = st.sampled_from([" ", " ", " ", ", ", ". ", ": ", " - ", "; "])
QUERIES = st.sampled_from(["alpha", "bravo", "alpha bravo", '"alpha bravo"', "echo alpha"])


def fts(text: str, query: str) -> tuple[tuple[str, tuple[tuple[int, int], ...]], str]:
    """FTS5's own snippet (as text and spans) and highlight (as text with markers)."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='porter unicode61')")
    db.execute("INSERT INTO t VALUES (?)", (text,))
    expression = (
        " AND ".join(f'"{word}"' for word in query.replace('"', "").split())
        if not query.startswith('"')
        else query
    )
    row = db.execute(
        "SELECT snippet(t, 0, '\x02', '\x03', '…', 24), highlight(t, 0, '\x02', '\x03') "
        "FROM t WHERE t MATCH ?",
        (expression,),
    ).fetchone()
    db.close()
    if row is None:
        return ("", ()), ""
    return _marks(row[0]), row[1]


@settings(max_examples=400, derandomize=True)
@given(st.lists(st.tuples(WORDS, GAPS), min_size=1, max_size=90), QUERIES)
@example([("alpha", ". ")] * 30, "alpha")
@example([("bravo", " ")] * 40 + [("alpha", ". ")] + [("bravo", " ")] * 40, "alpha")
def test_the_window_is_fts5s(pieces: list[tuple[str, str]], query: str) -> None:
    text = "".join(word + gap for word, gap in pieces).strip()
    expected, highlighted = fts(text, query)
    if not highlighted:
        return
    db = sqlite3.connect(":memory:")
    (found,) = find_matches(db, query, [text])
    db.close()
    assert found == _marks(highlighted)[1]  # the same words as FTS5's highlight()
    assert snippet(text, found) == expected


def test_short_texts_are_whole_and_long_ones_cut() -> None:
    text = "North Korea deploys about 1,500 special forces to Vladivostok."
    start = text.index("Vladivostok")
    assert snippet(text, ((start, start + 11),)) == (text, ((start, start + 11),))
    long = " ".join(["word"] * 100) + " needle " + " ".join(["word"] * 100)
    start = long.index("needle")
    cut, marks = snippet(long, ((start, start + 6),))
    assert cut.startswith(ELLIPSIS) and cut.endswith(ELLIPSIS)
    assert len(cut.split()) == 24
    assert [cut[s:e] for s, e in marks] == ["needle"]
