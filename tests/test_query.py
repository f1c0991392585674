"""query.py's public functions, directly: find_section, find_term, events_between; and its
helpers written with string methods agree with the patterns they replace."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefcli.errors import NotFoundError, UsageError
from briefcli.loader import parse_brief
from briefcli.model import (
    Brief,
    GlossaryEntry,
    Metadata,
    Section,
    Subsection,
    TimelineEvent,
    parse_event_date,
)
from briefcli.query import (
    _fold,
    _mentions,
    events_between,
    find_section,
    find_term,
    normalise_section_ref,
)
from conftest import Runner

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
@example("0\u094d0")  # a virama between two digits (found by hypothesis)
@example("İstanbul")
def test_folding_drops_case_punctuation_and_spacing(text: str) -> None:
    folded = text.casefold().replace("i\u0307", "i")  # the Turkish İ's dot (see _fold)
    assert _fold(text) == " ".join(re.sub(r"[\W_]+", " ", folded).split())


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


# -- the public functions, directly ---------------------------------------------------------------

BRIEF = Brief(
    Metadata("q", "Query Test", "", "", "", ""),
    (
        Section("1", "Summary", ("The Storm Corps moved.",), role="summary"),
        Section("2", "Background", ("Six-party talks ended.",)),
        Section(
            "4",
            "Findings",
            ("Intro.",),
            (
                Subsection("4-1", "Troops", ("Storm Corps units and the KPA.",)),
                Subsection("4-2", "Supplies", ("Shells.",)),
            ),
        ),
        Section("5", "Conclusion", ("Done.",), role="conclusion"),
    ),
    (
        GlossaryEntry("Storm Corps", "Unit", "A special unit.", ("Storm Corp",)),
        GlossaryEntry("Six-Party Talks", "Diplomacy", "Talks on the peninsula."),
        GlossaryEntry("KPA", "Unit", "The army.", ("Korean People's Army",)),
    ),
    (
        TimelineEvent(parse_event_date("2023"), "A", ("1",)),
        TimelineEvent(parse_event_date("2024-03-15"), "B", ("1",)),
        TimelineEvent(parse_event_date("2024-Q4"), "C", ("1",)),
        TimelineEvent(parse_event_date("2024-06/2025-02"), "D", ("1",)),
        TimelineEvent(parse_event_date("2025-01"), "E", ("1",)),
    ),
)
VALID_IDS = "1, 2, 4, 4-1, 4-2, 5, summary, conclusion"


@pytest.mark.parametrize(
    ("words", "section", "subsection"),
    [
        (["4"], "4", None),
        (["4-2"], "4", "4-2"),
        (["4.2"], "4", "4-2"),
        (["4", ".", "2"], "4", "4-2"),
        (["4/1"], "4", "4-1"),
        (["section", "4"], "4", None),
        (["Section 4.2"], "4", "4-2"),
        (["sec.", "4"], "4", None),
        (["§4"], "4", None),
        (["4."], "4", None),
        (["summary"], "1", None),
        (["SUMMARY"], "1", None),
        (["conclusion"], "5", None),
        (["findings"], "4", None),  # a section's title, any case
        (["٤-٢"], "4", "4-2"),  # Arabic-Indic digits, as an Arabic keyboard types them
        (["section", "४"], "4", None),  # Devanagari
    ],
)
def test_find_section(words: list[str], section: str, subsection: str | None) -> None:
    match = find_section(BRIEF, words)
    assert match.section.id == section
    assert (match.subsection.id if match.subsection else None) == subsection
    assert match.id == (subsection or section)


@pytest.mark.parametrize(
    ("words", "nearest"),
    [
        (["9"], "5"),  # past the end: the last section
        (["3"], "2"),  # a gap: the nearest number (the first of equals)
        (["4-7"], "4-2"),  # the last subsection of 4
        (["sumary"], "summary"),  # a misspelt role
        (["conclusoin"], "conclusion"),
    ],
)
def test_an_unknown_section_suggests_the_nearest(words: list[str], nearest: str) -> None:
    with pytest.raises(NotFoundError) as caught:
        find_section(BRIEF, words)
    ref = normalise_section_ref(words)
    assert caught.value.message == (
        f"no section {ref!r}; nearest is {nearest!r}; valid: {VALID_IDS}"
    )
    assert caught.value.exit_code == 1


def test_digits_of_another_script_are_read_only_in_a_reference_that_is_all_number() -> None:
    # An imported id may hold such a digit inside a word; it is looked up as written.
    assert normalise_section_ref(["٤.٢"]) == "4-2"
    assert normalise_section_ref(["فصل٤"]) == "فصل٤"


def test_an_unknown_section_without_anything_near() -> None:
    with pytest.raises(NotFoundError) as caught:
        find_section(BRIEF, ["xyzzy"])
    assert caught.value.message == f"no section 'xyzzy'; valid: {VALID_IDS}"


@pytest.mark.parametrize("words", [[], [""], ["section"], ["  "]])
def test_no_section_named_is_a_usage_error(words: list[str]) -> None:
    with pytest.raises(UsageError, match="say which section") as caught:
        find_section(BRIEF, words)
    # show, summary --section, cite and read all ask: the message names no one command
    assert "brief show" not in caught.value.message


@pytest.mark.parametrize(
    "command",
    [
        ["show", ""],
        ["summary", "--section", ""],
        ["search", "troops", "--section", ""],
        ["search", "troops", "--section", "section"],
    ],
)
def test_an_empty_section_is_the_same_usage_error_everywhere(
    brief: Runner, command: list[str]
) -> None:
    result = brief(*command)
    assert result.exit_code == 2
    assert result.stderr.startswith("brief: error: say which section")
    assert "brief show" not in result.stderr


@pytest.mark.parametrize(
    ("query", "term", "corrected"),
    [
        ("Storm Corps", "Storm Corps", False),
        ("storm CORPS", "Storm Corps", False),  # case
        ("six party  talks", "Six-Party Talks", False),  # punctuation and spacing
        ("Six-Party Talks!", "Six-Party Talks", False),
        ("storm corp", "Storm Corps", False),  # an alias
        ("korean peoples army", "KPA", True),  # an alias, one letter off
        ("Korean People's Army", "KPA", False),
        ("six", "Six-Party Talks", True),  # a unique prefix
        ("kp", "KPA", True),
        ("strom corps", "Storm Corps", True),  # a typo
        ("six-party talk", "Six-Party Talks", True),
    ],
)
def test_find_term(query: str, term: str, corrected: bool) -> None:
    match = find_term(BRIEF, query)
    assert match.entry.term == term
    assert match.corrected_from == (query if corrected else None)


def test_a_term_says_which_sections_use_it() -> None:
    assert find_term(BRIEF, "storm corps").used_in == ("1", "4-1")
    assert find_term(BRIEF, "kpa").used_in == ("4-1",)
    assert find_term(BRIEF, "six-party talks").used_in == ("2",)


@pytest.mark.parametrize(
    ("query", "closest"),
    [
        ("banana", "closest: "),
        ("", "closest: "),
    ],
)
def test_an_unknown_term_lists_the_three_closest(query: str, closest: str) -> None:
    with pytest.raises(NotFoundError) as caught:
        find_term(BRIEF, query)
    message = caught.value.message
    assert message.startswith(f"no glossary term {query!r}; {closest}")
    named = message.split("closest: ")[1].split(", ")
    assert len(named) == 3 and set(named) == {"Storm Corps", "Six-Party Talks", "KPA"}


def test_an_unknown_term_in_a_brief_without_a_glossary() -> None:
    with pytest.raises(NotFoundError, match=r"^this brief has no glossary$"):
        find_term(BRIEF._replace(glossary=()), "anything")


def events(since: str | None = None, until: str | None = None) -> list[str]:
    return [e.event for e in events_between(BRIEF, since, until)]


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        (None, None, ["A", "B", "D", "C", "E"]),  # all, in date order
        ("2024", None, ["B", "D", "C", "E"]),
        (None, "2024", ["A", "B", "D", "C"]),
        ("2024", "2024", ["B", "D", "C"]),
        ("2024-Q4", "2024-12-31", ["D", "C"]),  # a range that overlaps counts
        ("2025-02-28", None, ["D"]),  # the range's last day is enough
        ("2025-03", None, []),
        (None, "2024-03-14", ["A"]),
        ("2024-03-15", "2024-03-15", ["B"]),
        ("2024-03", "2024-05", ["B"]),
        (" 2024-06 ", None, ["D", "C", "E"]),  # spaces around a date
        ("2020s", None, ["A", "B", "D", "C", "E"]),  # a decade
    ],
)
def test_events_between(since: str | None, until: str | None, expected: list[str]) -> None:
    assert events(since, until) == expected


@pytest.mark.parametrize(
    ("since", "until", "message"),
    [
        ("March 2024", None, "--since 'March 2024' is not a date"),
        (None, "2024-13", "--until '2024-13' is not a date"),
        ("24", None, "--since '24' is not a date"),
        ("2025", "2024", "--since '2025' is after --until '2024': nothing can be in that range"),
        ("2024-03-16", "2024-03-15", "--since '2024-03-16' is after --until '2024-03-15'"),
        ("", None, None),  # empty: no bound at all
    ],
)
def test_events_between_refuses_what_is_not_a_date(
    since: str | None, until: str | None, message: str | None
) -> None:
    if message is None:
        assert events(since, until) == events()
        return
    with pytest.raises(UsageError) as caught:
        events_between(BRIEF, since, until)
    assert caught.value.message.startswith(message)
    assert caught.value.exit_code == 2


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


@pytest.mark.parametrize(
    ("words", "ref"), [(["ii.1"], "ii-1"), (["A.2"], "a-2"), (["section", "B.1"], "b-1")]
)
def test_front_matter_and_appendix_subsections_are_written_as_the_report_numbers_them(
    words: list[str], ref: str
) -> None:
    assert normalise_section_ref(words) == ref
