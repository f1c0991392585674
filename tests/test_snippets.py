"""Snippets chosen in one pass agree with FTS5's snippet(), and take linear time."""

from __future__ import annotations

import re
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


@settings(max_examples=300, derandomize=True)
@given(
    st.lists(st.tuples(WORDS, st.sampled_from([" ", ". ", "\n", ", "])), min_size=1, max_size=90),
    QUERIES,
)
@example([("alpha", "\n"), ("bravo", " ")], "bravo")
@example([("alpha", ". "), ("bravo", " ")], '"alpha bravo"')
def test_a_snippet_shows_one_paragraph_with_a_match(
    pieces: list[tuple[str, str]], query: str
) -> None:
    """A section's paragraphs (list items too) are joined by line breaks in the index: a hit
    shows the one that holds its match, never two run together."""
    text = "".join(word + gap for word, gap in pieces).strip()
    db = sqlite3.connect(":memory:")
    (found,) = find_matches(db, query, [text])
    db.close()
    if not found:
        return
    shown, marks = snippet(text, found)
    assert "\n" not in shown
    assert marks, "the snippet shows a match"
    words = shown.strip(ELLIPSIS)
    assert any(words in paragraph for paragraph in text.split("\n"))
    for start, end in marks:  # a phrase's words may stand either side of a full stop
        assert set(re.findall(r"\w+", shown[start:end].casefold())) <= {"alpha", "bravo", "echo"}


def test_list_items_do_not_run_together() -> None:
    text = "The board acts directly.\n- Publish monthly figures on trade.\n- Review the budget."
    db = sqlite3.connect(":memory:")
    (found,) = find_matches(db, "monthly", [text])
    db.close()
    assert snippet(text, found)[0] == "- Publish monthly figures on trade."
