"""Selection helpers written with string methods agree with the patterns they replace."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefcli.errors import NotFoundError, UsageError
from briefcli.loader import parse_brief
from briefcli.model import Brief
from briefcli.query import _fold, _mentions, events_between, find_section, find_term

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


# -- bounded work and bounded messages for any input -------------------------------------------


def numbered(*ids: str) -> Brief:
    sections = "".join(f"  - id: '{i}'\n    title: S{i}\n    paragraphs: [P.]\n" for i in ids)
    glossary = "glossary:\n  - term: Storm Corps\n    category: Unit\n    definition: D.\n"
    return parse_brief(f"id: b\ntitle: T\nsections:\n{sections}{glossary}")


def test_a_number_of_any_length_finds_the_nearest_section_without_converting_it() -> None:
    huge = "1" * 4301
    with pytest.raises(
        NotFoundError, match=r"^no section '1{59}…'; nearest is '3'; valid: 1, 2, 3$"
    ):
        find_section(numbered("1", "2", "3"), [huge])
    brief = numbered("1", huge, "7")
    assert find_section(brief, [huge]).id == huge
    with pytest.raises(NotFoundError, match="nearest is '7'"):
        find_section(brief, ["9"])
    with pytest.raises(NotFoundError, match="nearest is '1'"):
        find_section(brief, ["0000000000000000000000002"])


def test_a_missing_section_lists_thirty_ids_and_counts_the_rest() -> None:
    brief = numbered(*(str(n) for n in range(1, 101)))
    with pytest.raises(NotFoundError) as found:
        find_section(brief, ["nope"])
    assert str(found.value).endswith("28, 29, 30, … and 70 more")


def test_a_huge_term_or_date_is_quoted_short() -> None:
    with pytest.raises(NotFoundError) as found:
        find_term(numbered("1"), "x" * 100_000)
    assert len(str(found.value)) < 150
    with pytest.raises(UsageError) as bad:
        events_between(numbered("1"), since="9" * 100_000)
    assert len(str(bad.value)) < 150


# -- glossary words and date ranges (issue 15) -------------------------------------------------


def glossary_of(*terms: str) -> Brief:
    entries = "".join(f"  - {{term: '{t}', category: C, definition: D.}}\n" for t in terms)
    return parse_brief(
        f"id: b\ntitle: T\nsections:\n  - id: '1'\n    title: S\n    paragraphs: [P.]\n"
        f"glossary:\n{entries}"
    )


@pytest.mark.parametrize(
    ("query", "term"),
    [("corps", "Storm Corps"), ("Corps.", "Storm Corps"), ("party talks", "Six-Party Talks"),
     ("six", "Six-Party Talks"), ("stor", "Storm Corps"), ("cold", "Cold War")],
)  # fmt: skip
def test_a_term_is_found_by_a_start_or_by_whole_words(query: str, term: str) -> None:
    match = find_term(glossary_of("Storm Corps", "Six-Party Talks", "Cold War"), query)
    assert match.entry.term == term and match.corrected_from == query


@pytest.mark.parametrize("query", ["orps", "talks party", "war cold"])
def test_parts_of_words_and_words_out_of_order_are_not_matches(query: str) -> None:
    with pytest.raises(NotFoundError, match=r"^no glossary term"):
        find_term(glossary_of("Storm Corps", "Six-Party Talks", "Cold War"), query)


def test_a_word_in_several_terms_names_them_all() -> None:
    brief = glossary_of("Cold War", "Korean War", "War crimes", "Warsaw Pact")
    with pytest.raises(NotFoundError) as found:
        find_term(brief, "war")
    assert str(found.value) == (
        "'war' is in 4 glossary terms: Cold War, Korean War, War crimes, Warsaw Pact"
    )
    assert found.value.hint == "say which, in full"
    assert find_term(brief, "cold war").corrected_from is None  # exact: nothing to say


def test_the_since_until_range_must_not_end_before_it_starts() -> None:
    brief = numbered("1")
    with pytest.raises(UsageError, match=r"^--since '2024' is after --until '2014'"):
        events_between(brief, since="2024", until="2014")
    with pytest.raises(UsageError, match="is after"):
        events_between(brief, since="2024-07", until="2024-06-30")
    assert events_between(brief, since="2024-06", until="2024") == []
    assert events_between(brief, since="1950s", until="1950") == []
