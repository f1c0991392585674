"""Glossary candidates and term matching: acronyms both ways, coinages, names, uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefcli.loader import load_brief
from briefcli.terms import ACRONYM, NAME, TERM, Candidate, TermMatcher, glossary, uses

SHIPPED = Path(__file__).parent.parent / "briefs" / "nk-russia-troops-2025.yaml"

REPORT = [
    [
        "The North Atlantic Treaty Organization (NATO) met in Brussels on Monday.",
        "Its members discussed the Democratic People's Republic of Korea (DPRK) at length.",
    ],
    [
        "NATO's eastern members asked for more air defence.",
        "The unit, known as the ‘Storm Corps’, arrived in October. The Storm Corps' losses "
        "were high, according to the Institute for the Study of War.",
    ],
    [
        "Analysts at the Institute for the Study of War expect more rotations.",
        "Counter-battery fire refers to attacks on the enemy's artillery positions.",
        "Kim Yong-bok, a deputy chief of the general staff, led the delegation.",
    ],
]


def _by_term(candidates: list[Candidate]) -> dict[str, Candidate]:
    return {candidate.term: candidate for candidate in candidates}


def test_an_acronym_after_its_expansion_is_found_with_its_definition() -> None:
    nato = _by_term(glossary(REPORT))["NATO"]
    assert nato.category == ACRONYM
    assert nato.aliases == ("North Atlantic Treaty Organization",)
    assert nato.definition == REPORT[0][0]
    assert nato.sections == (0, 1)
    assert nato.occurrences == 3


def test_an_acronym_before_its_expansion_is_found_too() -> None:
    text = [["NATO (North Atlantic Treaty Organization) is a military alliance. NATO grew."]]
    nato = _by_term(glossary(text))["NATO"]
    assert nato.aliases == ("North Atlantic Treaty Organization",)
    assert nato.definition == "NATO (North Atlantic Treaty Organization) is a military alliance."


def test_expansions_with_apostrophes_and_joiners() -> None:
    dprk = _by_term(glossary(REPORT))["DPRK"]
    assert dprk.aliases == ("Democratic People's Republic of Korea",)


@pytest.mark.parametrize(
    "sentence",
    [
        "Prices rose (see above) in May.",
        "The plan (PLAN) was late.",  # an acronym whose 'expansion' is one word
        "Troops moved (DPRK) yesterday.",  # letters nowhere near the text before
    ],
)
def test_brackets_that_do_not_expand_an_acronym_are_ignored(sentence: str) -> None:
    assert not [c for c in glossary([[sentence]]) if c.category == ACRONYM]


def test_quoted_coinages_are_terms_in_curly_and_straight_quotes() -> None:
    storm = _by_term(glossary(REPORT))["Storm Corps"]
    assert storm.category == TERM
    assert storm.definition == "The unit, known as the ‘Storm Corps’, arrived in October."
    assert storm.occurrences == 2  # the coinage and the possessive "Storm Corps'"


def test_quotations_of_speech_are_not_terms() -> None:
    text = [["Seoul called it a 'grave security threat' and summoned the envoy."]]
    assert "grave security threat" not in _by_term(glossary(text))


def test_defined_terms_and_appositives() -> None:
    found = _by_term(glossary(REPORT))
    assert found["Counter-battery fire"].definition == REPORT[2][1]
    assert found["Counter-battery fire"].category == TERM
    assert found["Kim Yong-bok"].definition == REPORT[2][2]


def test_recurring_names_are_names_and_single_mentions_are_not() -> None:
    found = _by_term(glossary(REPORT))
    institute = found["Institute for the Study of War"]
    assert institute.category == NAME
    assert institute.sections == (1, 2)
    assert "Brussels" not in found


def test_the_shipped_report_yields_storm_corps_and_its_recurring_names() -> None:
    brief = load_brief(SHIPPED)
    sections = [section.all_paragraphs() for section in brief.sections]
    found = _by_term(glossary(sections))
    storm = found["Storm Corps"]
    assert storm.category == TERM
    assert "known as the 'Storm Corps,'" in storm.definition
    assert storm.sections == (1, 3)  # sections '2' and '4'
    for name in ("Korean Peninsula", "Soviet Union", "Cold War"):
        assert found[name].category == NAME
    # Every definition is a sentence of the report, word for word, where it says it is.
    for candidate in found.values():
        place = candidate.defined_at
        paragraph = sections[place.section][place.paragraph]
        assert paragraph[place.start : place.end] == candidate.definition


def test_limit_keeps_the_defined_terms_first() -> None:
    first = glossary(REPORT, limit=3)
    assert len(first) == 3
    assert all(candidate.category != NAME for candidate in first)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NATO said", ["NATO"]),
        ("NATO's members", ["NATO's"]),
        ("the NATOs of this world", ["NATOs"]),
        (
            "The North Atlantic Treaty Organization's summit",
            ["North Atlantic Treaty Organization's"],
        ),
        ("the north atlantic treaty\norganization met", ["north atlantic treaty\norganization"]),
        ("nato is lower case", []),  # an acronym keeps its case
        ("NATOISH and SENATO", []),  # never inside a word
    ],
)
def test_uses_find_acronym_expansion_plural_and_possessive(text: str, expected: list[str]) -> None:
    found = uses("NATO", ["North Atlantic Treaty Organization"], text)
    assert [text[start:end] for start, end in found] == expected


def test_a_name_ending_in_s_takes_a_bare_apostrophe() -> None:
    text = "The Storm Corps' losses and the storm corps were discussed; Storm Corpse is not."
    found = uses("Storm Corps", [], text)
    assert [text[start:end] for start, end in found] == ["Storm Corps'", "storm corps"]


def test_one_matcher_finds_many_terms_in_one_pass() -> None:
    matcher = TermMatcher(
        [("NATO", "North Atlantic Treaty Organization"), ("Storm Corps",), ("NATO summit",)]
    )
    text = "At the NATO summit, NATO discussed the Storm Corps."
    found = matcher.find(text)
    # The longest name wins where two overlap.
    assert [(index, text[start:end]) for index, start, end in found] == [
        (2, "NATO summit"),
        (0, "NATO"),
        (1, "Storm Corps"),
    ]
    assert matcher.used(text) == {0, 1, 2}
    assert TermMatcher([]).find(text) == []


def test_names_with_regex_characters_are_taken_literally() -> None:
    assert uses("C++ (language)", [], "We use C++ (language) daily.") != []
    assert uses("a.b", [], "axb") == []


RFC_2119 = [
    [
        'The key words "MUST", "MUST NOT", "REQUIRED", "SHALL", "SHALL NOT", "SHOULD", '
        '"SHOULD NOT", "RECOMMENDED", "MAY", and "OPTIONAL" in this document are to be '
        "interpreted as described in RFC 2119.",
        "Decoders MUST NOT accept a Stream Header with a wrong CRC32. Encoders SHOULD NOT "
        "write one, and decoders MAY warn. The Stream Flags field MUST NOT be changed.",
        'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND.',
        "The Lempel-Ziv-Markov chain-Algorithm (LZMA) is the default filter, and the Stream "
        "Flags field follows the magic bytes.",
    ]
]


def test_rfc_2119_keywords_and_shouting_are_not_glossary_terms() -> None:
    found = _by_term(glossary(RFC_2119))
    for word in ("MUST", "MUST NOT", "SHALL", "SHOULD", "SHOULD NOT", "REQUIRED", "MAY",
                 "RECOMMENDED", "OPTIONAL", "NOT", "AS IS", "SOFTWARE IS PROVIDED"):  # fmt: skip
        assert word not in found, word
    assert not [term for term in found if term.isupper() and term != "LZMA"]
    assert found["LZMA"].category == ACRONYM
    assert found["LZMA"].aliases == ("Lempel-Ziv-Markov chain-Algorithm",)
    assert found["Stream Flags"].category == NAME


def test_a_keyword_that_the_text_expands_is_an_acronym() -> None:
    text = [["The Mission Analysis Yearbook (MAY) is published each spring; MAY lists budgets."]]
    assert _by_term(glossary(text))["MAY"].aliases == ("Mission Analysis Yearbook",)


def test_a_name_is_defined_by_a_prose_sentence_not_a_table_row() -> None:
    text = [
        [
            "+---+---+ | Stream Flags | CRC32 | +---+---+",
            "The first byte of Stream Flags is always a null byte.",
            "Stream Flags are repeated in the footer.",
        ]
    ]
    assert _by_term(glossary(text))["Stream Flags"].definition == text[0][1]
