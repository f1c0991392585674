"""Selection helpers written with string methods agree with the patterns they replace."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from briefcli.query import _fold, _mentions

# Letters, digits, the underscore, spaces, punctuation and a letter outside ASCII: every kind of
# character the word-boundary rules treat differently.
WORDS = st.sampled_from(list("abAB_ -.1és'’\n"))


def uses_by_pattern(text: str, name: str) -> bool:
    pattern = r"(?<!\w)" + re.escape(name) + r"(?:s|es)?(?!\w)"
    return re.search(pattern, text, re.IGNORECASE) is not None


@settings(max_examples=2000)
@given(st.text(WORDS, max_size=16), st.text(WORDS, min_size=1, max_size=4))
def test_a_term_is_used_where_the_whole_word_pattern_finds_it(text: str, name: str) -> None:
    assert _mentions(text.lower(), name.lower()) == uses_by_pattern(text, name)


def test_plural_endings_count_and_parts_of_words_do_not() -> None:
    assert _mentions("the storm corps units", "storm corps")
    assert _mentions("two defense treaties", "defense treaty") is False
    assert _mentions("several kpas and a kpa", "kpa")
    assert _mentions("kpaes", "kpa")
    assert not _mentions("okpa", "kpa")
    assert not _mentions("kpa_x", "kpa")


@given(st.text())
def test_folding_drops_case_punctuation_and_spacing(text: str) -> None:
    assert _fold(text) == " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())
