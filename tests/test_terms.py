"""Glossary candidates and term matching: acronyms both ways, coinages, names, uses."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

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


# -- precision on real documents (bench/glossary_quality.py, docs/summaries.md) -------------------


@pytest.mark.parametrize(
    ("sentence", "wrong"),
    [
        # A verb phrase before "means" is not a term (the .xz specification).
        ("Indicating a warning means displaying a message to the user.", "Indicating a warning"),
        ("Note that this change means that man -l never formats.", "Note that this change"),
        ("This mode of allocation means that the upper bits are an ID.", "mode of allocation"),
        ("It just means that these ranges have no purpose.", "just"),
        ("This is now fixed and means that the order changed.", "now fixed"),
    ],
)
def test_sentence_openings_before_means_are_not_defined_terms(sentence: str, wrong: str) -> None:
    assert wrong not in _by_term(glossary([[sentence]]))


def test_quoted_articles_and_placeholders_are_not_coinages() -> None:
    text = [
        [
            'In this document, a byte sequence declared this way is called "a field".',
            'The example field above would be called "the Foo field" or plain "Foo".',
        ]
    ]
    found = _by_term(glossary(text))
    for wrong in ("a field", "field", "the Foo field", "Foo field", "Foo"):
        assert wrong not in found, wrong


def test_an_article_inside_the_quotes_is_dropped_and_the_term_listed_once() -> None:
    text = [['"This License" refers to version 3 of the GNU General Public License.']]
    found = _by_term(glossary(text))
    assert "License" in found
    assert "This License" not in found


def test_an_alias_in_brackets_joins_the_quoted_term() -> None:
    text = [['"You" (or "Your") shall mean an individual exercising permissions.']]
    found = _by_term(glossary(text))
    assert found["You"].aliases == ("Your",)
    assert "Your" not in found


@pytest.mark.parametrize(
    ("sentence", "wrong"),
    [
        ('See Node 9.4.2 "Blocking Factor", paragraph one.', "Blocking Factor"),
        ('Add a "PolicyKit Overview" section to the docs.', "PolicyKit Overview"),
        ('Note that "Unused" in the table above does not mean unused.', "Unused"),
    ],
)
def test_quoted_titles_and_mentions_are_not_terms(sentence: str, wrong: str) -> None:
    assert wrong not in _by_term(glossary([[sentence]]))


def test_a_quoted_word_that_a_sentence_defines_is_a_term() -> None:
    text = [['"Work" shall mean the work of authorship, in any form.', "Our work goes on."]]
    assert _by_term(glossary(text))["Work"].category == TERM


def test_a_run_on_list_is_no_definition() -> None:
    run_on = "Update the docs to use 'polkit' (instead of 'PolicyKit') " + "Fix a leak " * 30
    assert "PolicyKit" not in _by_term(glossary([[run_on]]))


@pytest.mark.parametrize(
    ("paragraphs", "wrong"),
    [
        # A sentence's first word that the text writes in lower case is not part of a name.
        (["Update Chinese translations.", "Update Chinese and update Czech."], "Update Chinese"),
        (
            ["Public API might change.", "Public API might change again, a public note."],
            "Public API",
        ),
        # A placeholder of a flattened option list and the first word of its description.
        (
            [
                "-A NUM, --after-context=NUM Print NUM lines after.",
                "--exclude=GLOB Skip files.",
                "--include=GLOB Skip others. Print lines and skip them.",
            ],
            "GLOB Skip",
        ),
        # A type name of a flattened table before a field's name.
        (
            ["4 CARD32 Session ID 2 CARD16 length", "the 4 CARD32 Session ID of the length"],
            "CARD32 Session ID",
        ),
        # An ordinary word before a constant.
        (
            ["Use EPOLL_CLOEXEC by default.", "We use EPOLL_CLOEXEC; Use EPOLL_CLOEXEC now."],
            "Use EPOLL_CLOEXEC",
        ),
        # A fragment of I/O, and a letter inside a word.
        (["Fix the Unix I/O manager.", "The Unix I/O manager is fixed."], "Unix I"),
        (["A Core i7-9700K CPU ran it.", "The i7-9700K CPU is fast."], "K CPU"),
        # An RFC 2119 keyword after a name.
        (
            ["Stream Padding MUST be null.", "The Stream Padding MUST be checked."],
            "Stream Padding MUST",
        ),
    ],
)
def test_capitals_that_are_not_a_names_are_cut_off(paragraphs: list[str], wrong: str) -> None:
    assert wrong not in _by_term(glossary([paragraphs]))


def test_credits_in_release_notes_are_not_names() -> None:
    notes = [
        "Fix a crash in the parser (work by Marco Trevisan, Philip Withnall) (#2770).",
        "Fix a leak in the loop (work by Marco Trevisan) (#2771).",
        "Persian (Danial Behzadi)",
        "Persian (Danial Behzadi)",
        "- David Zeuthen (65): Post-release version bump to 0.106",
        "- David Zeuthen (1): Post-release version bump to 0.107",
        "- Michael Biebl",
        "- Michael Biebl",
        "This file format was designed by Lasse Collin and the format was designed by Lasse "
        "Collin again.",
        "Contributors: Aleksandr Melman, Aleksei Rybalkin, Asier Sarasua Garmendia.",
        "Contributors: Aleksandr Melman, Aleksei Rybalkin, Asier Sarasua Garmendia.",
    ]
    found = glossary([notes])
    assert [candidate.term for candidate in found if candidate.category == NAME] == []


def test_demonyms_plurals_and_hyphenated_pairs_fold_into_the_name() -> None:
    text = [
        [
            "North Korea sent troops, and North Korean troops arrived in Russia.",
            "Ties grew as North Korea-Russia trade and the North Korean officers met.",
            "Observers in the capital watched North Korea closely.",
            "The Filter ID is a number; Filter IDs are listed, and each Filter ID is unique.",
            "North Korea-Russia talks went on.",
        ]
    ]
    found = _by_term(glossary(text))
    assert found["North Korea"].category == NAME
    assert found["Filter ID"].category == NAME
    for wrong in ("North Korean", "North Korea-Russia", "Filter IDs"):
        assert wrong not in found, wrong


def test_a_name_used_only_as_a_label_or_in_a_table_is_not_listed() -> None:
    text = [
        [
            "Additional Fields:",
            "Valid Responses: Willing, Unwilling",
            "Additional Fields:",
            "Valid Responses: Willing",
        ]
    ]
    assert glossary(text) == []


def test_an_expansion_with_quotes_or_the_acronym_itself_is_refused() -> None:
    text = [['"N" to "Y" are equivalent to UTC-1 to UTC-12 "Z" is "zulu" time (UTC).']]
    assert "UTC" not in _by_term(glossary(text))


def test_real_names_and_fields_survive() -> None:
    text = [
        [
            "It replaces the old .lzma format used by LZMA SDK and LZMA Utils.",
            "LZMA SDK - The original LZMA implementation, and LZMA Utils as well.",
            "The Uncompressed Size field contains the size of the Block after uncompressing.",
            "Implementations SHOULD support at least the Check IDs 0x00 (None) and 0x01.",
            "Supporting other Check IDs is OPTIONAL, and the Uncompressed Size may be absent.",
        ]
    ]
    found = _by_term(glossary(text))
    for name in ("LZMA SDK", "LZMA Utils", "Uncompressed Size", "Check IDs"):
        assert found[name].category == NAME, name


def test_extraction_time_is_linear_in_the_text() -> None:
    """A long run of capitals or quotes is scanned once (no nested rescans)."""
    text = [["Word " * 20000 + "'x " * 5000 + "(" * 2000]]
    assert glossary(text) == []


_WORDS = st.sampled_from(
    ["The", "the", "a", "Stream", "Flags", "NATO", "North", "Korea", "Korean", "means", "refers",
     "to", "called", "known", "as", "(", ")", "'", '"', ",", ".", "Update", "update", "by",
     "work", "CARD16", "Length", "MUST", "-", "Foo", ":", "(65):", "I/O", "9700K"]
)  # fmt: skip


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.lists(st.lists(_WORDS, max_size=40).map(" ".join), max_size=6))
@example(['The "Foo" (or "Bar") means a field.', "Stream Flags: Stream Flags, a Korea ,"])
def test_every_candidate_is_a_term_with_its_sentence_word_for_word(paragraphs: list[str]) -> None:
    sections = [paragraphs, paragraphs[::-1]]
    found = glossary(sections)
    assert found == glossary(sections)  # deterministic
    for candidate in found:
        place = candidate.defined_at
        assert sections[place.section][place.paragraph][place.start : place.end] == (
            candidate.definition
        )
        words = candidate.term.split()
        assert words and words[0].casefold() not in {"a", "an", "the", "this"}
        assert len(candidate.definition.split()) <= 80


def test_what_code_quotes_is_no_term() -> None:
    """Quotes inside a code span, a line of Python or a traceback are code, not coinages."""
    sections = [
        [
            "``Spam`` will match ``'Spam'``, ``'spam'``, or ``'spAM'`` in this mode.",
            "def main(): logging.basicConfig(filename='myapp.log') logging.info('Finished')",
            "StrCache = 'Cache[str]' # a type alias for the cache of the module",
            "AttributeError: 'Vehicle' object has no attribute 'id_nubmer'",
            "Of the various forms of :abbr:`IPC (Inter Process Communication)`, sockets win.",
        ]
    ]
    found = {candidate.term for candidate in glossary(sections)}
    assert found == {"IPC"}  # a reST role's text is prose: its acronym is still found


def test_contributed_by_credits_are_not_names() -> None:
    """'(Contributed by Victor Stinner in …)' credits a person; it defines no term."""
    sections = [
        [
            "The new parser is faster. (Contributed by Victor Stinner in issue 43682.)",
            "The old parser is removed. (Contributed by Victor Stinner and Pablo Galindo.)",
            "Tracing is cheaper now. (Patch by Pablo Galindo, with additions by Victor Stinner.)",
        ]
    ]
    assert [c.term for c in glossary(sections)] == []


def test_names_joined_by_and_are_one_name_where_an_institution_ends_them() -> None:
    text = [
        [
            "The U.S. Food and Drug Administration inspects a share of imported seafood.",
            "Last year the U.S. Food and Drug Administration refused four shipments.",
            "Officials from Moscow and Pyongyang met twice in the autumn of that year.",
            "Later Moscow and Pyongyang signed a treaty on mutual assistance.",
            "The Department of Defense and Department of State issued a joint statement.",
            "The Department of Defense and Department of State disagreed on the timing.",
        ]
    ]
    found = _by_term(glossary(text))
    assert "U.S. Food and Drug Administration" in found
    assert "U.S. Food" not in found and "Drug Administration" not in found
    assert "Moscow and Pyongyang" not in found
    assert "Department of Defense" in found and "Department of State" in found


def test_names_in_a_pointer_to_another_work_or_its_author_are_not_terms() -> None:
    text = [
        [
            "For more, see CRS Report 97-780, The Speaker of the House: House Officer, Party "
            "Leader, and Representative (https://example.org/97-780).",
            "For data, see CRS Report RL30857, Speakers of the House: Elections, 1913-2025 "
            "(https://example.org/RL30857), by Valerie Heitshusen.",
            "See Congressional Record, daily edition, vol. 169 (October 3, 2023), pp. H4969.",
            "See Congressional Record, daily edition, vol. 170 (January 3, 2024), pp. H1.",
            "Earlier tables (https://example.org/t), by Valerie Heitshusen, give the votes.",
        ]
    ]
    assert [c.term for c in glossary(text) if c.category == NAME] == []


def test_an_acronym_of_dotted_initials_keeps_its_last_dot() -> None:
    text = [
        ["The President signed Executive Order (E.O.) 14276 on seafood imports."],
        ["Under E.O. 14276 the agencies report twice a year."],
    ]
    (found,) = [c for c in glossary(text) if c.category == ACRONYM]
    assert (found.term, found.aliases, found.sections) == ("E.O.", ("Executive Order",), (0, 1))


# -- policy reports (CRS reports imported from Markdown; docs/summaries.md) --------------------


def test_emphasis_marks_left_by_an_import_are_never_terms() -> None:
    text = [["_Pike__s_ refers to fish of one family.", "Snail__s refers to molluscs here."]]
    assert [c.term for c in glossary(text) if "_" in c.term] == []


def test_an_adverb_before_refers_to_is_not_part_of_the_term() -> None:
    text = [["Krill collectively refers to small crustaceans of the open sea."]]
    found = _by_term(glossary(text))
    assert "Krill collectively" not in found
    assert found["Krill"].definition == text[0][0]


def test_a_royal_family_keeps_its_last_word() -> None:
    text = [["Royal family refers to the monarch and relatives in this note."]]
    assert "Royal family" in _by_term(glossary(text))


def test_titles_of_tables_and_figures_are_not_names() -> None:
    text = [
        ["Table 2. The Nine Fish Groups Covered by the Landing Rules", "Fish Groups Covered |"],
        [
            "The Landing Rules Office (LRO) checks each catch.",
            "The Nine Fish Groups Covered by the Landing Rules",
            "The agency reviews the Landing Rules each year, and the Landing Rules change.",
        ],
    ]
    found = _by_term(glossary(text))
    assert [term for term in found if "Covered" in term] == []
    assert "Landing Rules" in found  # used in running text as well


def test_an_acronym_is_defined_by_a_sentence_rather_than_a_title() -> None:
    text = [
        ["Rules for the Landing Rules Office (LRO) (https://example.org#toc)"],
        ["The Landing Rules Office (LRO) checks each catch at the dock."],
    ]
    assert _by_term(glossary(text))["LRO"].definition == text[1][0]


def test_a_source_note_cites_works_and_defines_nothing() -> None:
    text = [
        [
            'Source: Fish Office, "Dock Catch Survey," https://example.org/survey.',
            'Source: Fish Office, "Dock Catch Survey," and Harbor Trade Bureau tables.',
            "The survey counts the catch at every dock along the coast.",
            "The survey grew, and Harbor Trade Bureau staff count in winter.",
        ]
    ]
    found = _by_term(glossary(text))
    assert "Dock Catch Survey" not in found
    assert "Harbor Trade Bureau" not in found  # used in running text only once


def test_quoted_titles_of_cited_works_and_pointers_are_not_coinages() -> None:
    text = [
        [
            'The Mayor issued Order 1402, "Cleaner Harbor Water," in May.',
            'The office lists it online: "Harbor Notices," https://example.org/notices.',
            'See the "Harbor Dredging" text box for an explanation.',
        ]
    ]
    found = _by_term(glossary(text))
    for title in ("Cleaner Harbor Water", "Harbor Notices", "Harbor Dredging"):
        assert title not in found, title


def test_dates_fiscal_years_and_numbered_parts_are_not_names() -> None:
    text = [
        [
            "The Harbor Board on April 3 met, and the Harbor Board on May 4 met again.",
            "Funds went to NMFS for SIMP twice, and to NMFS for SIMP in FY2025.",
            "Division B of the act and Division B of the bill differ in scope.",
            "Executive Order 14067 and Executive Order 14178 concern the harbor.",
        ]
    ]
    found = _by_term(glossary(text))
    assert "Harbor Board" in found
    for wrong in ("Harbor Board on April", "NMFS for SIMP", "Division B", "Executive Order"):
        assert wrong not in found, wrong


def test_a_law_named_after_an_acronym_keeps_its_act() -> None:
    text = [["The Maritime SAFE Act passed; the act and the Maritime SAFE Act were amended."]]
    found = _by_term(glossary(text))
    assert "Maritime SAFE Act" in found and "Maritime SAFE" not in found


def test_a_name_written_as_a_series_is_one_name() -> None:
    text = [
        [
            "The Senate Farming, Fishing, and Forestry Committee met on the bill.",
            "Later, the Senate Farming, Fishing, and Forestry Committee voted for it.",
            "NOAA, NMFS, and Customs and Border Protection agreed, as did Customs and Border "
            "Protection staff.",
        ]
    ]
    found = _by_term(glossary(text))
    assert "Senate Farming, Fishing, and Forestry Committee" in found
    assert "Senate Farming" not in found and "Forestry Committee" not in found
    assert "Customs and Border Protection" in found


def test_a_name_used_only_inside_a_longer_term_is_not_listed() -> None:
    text = [
        [
            "The Harbor Aid, Relief, and Dock Safety (HARDS) Act funds ports.",
            "Under the HARDS Act, grants under the Harbor Aid, Relief, and Dock Safety rules "
            "went to the ports.",
        ]
    ]
    found = _by_term(glossary(text))
    assert "HARDS" in found
    assert "Harbor Aid" not in found and "Dock Safety" not in found
    assert "HARDS Act" not in found  # folded into HARDS


def test_an_acronyms_expansion_with_us_or_its_year_is_the_same_term() -> None:
    text = [
        [
            "The Harbor Vote Act of 2002 (HVA) set rules, and the Harbor Vote Act was amended.",
            "The Department of Harbors (DOH) acts; the U.S. Department of Harbors pays, and the "
            "U.S. Department of Harbors audits.",
        ]
    ]
    found = _by_term(glossary(text))
    assert "Harbor Vote Act" not in found and "U.S. Department of Harbors" not in found
    assert found["DOH"].occurrences == 4  # its expansion, DOH and two "U.S. Department …"


def test_known_as_reads_names_with_and_and_leaves_quotes_to_the_quotation_finder() -> None:
    text = [
        [
            "Port data come from a survey known as the Dock Arrival and Cargo Survey (DACS).",
            'Newer tools are known as "Port 2.0" among the staff.',
        ]
    ]
    found = _by_term(glossary(text))
    assert "Dock Arrival" not in found and "Port" not in found
    assert "Port 2.0" in found
    assert found["DACS"].aliases == ("Dock Arrival and Cargo Survey",)


def test_a_mixed_case_acronym_that_the_text_expands_is_found() -> None:
    # A policy report's 'Mobility as a Service (MaaS)' was not found: 'MaaS' has small letters.
    text = [
        [
            "Station access depends on the Mobility as a Service (MaaS) platform. "
            "MaaS joins fares and timetables. We host it on GitHub (GitHub) for now."
        ]
    ]
    found = _by_term(glossary(text))
    assert found["MaaS"].category == ACRONYM
    assert found["MaaS"].aliases == ("Mobility as a Service",)
    assert "GitHub" not in found


def test_quoted_examples_in_a_list_coin_nothing_and_expansions_find_their_acronym() -> None:
    text = [
        [
            'Acronym elements give a terse name, for example "ODS", "GEDCOM" and "XML".',
            'Expanded elements spell them out, for example "OpenDocument Spreadsheet", '
            '"GEnealogical Data COMmunication", and "eXtensible Markup Language".',
            "Days may be spelled out: 'Sunday', 'Monday', 'Tuesday' or 'Wednesday'.",
            'Print lines with "Peter" or "James" or "John", but not the same line twice.',
        ]
    ]
    found = _by_term(glossary(text))
    assert found["GEDCOM"].category == ACRONYM
    assert found["GEDCOM"].aliases == ("GEnealogical Data COMmunication",)
    assert found["ODS"].aliases == ("OpenDocument Spreadsheet",)
    assert found["XML"].aliases == ("eXtensible Markup Language",)
    for wrong in ("OpenDocument Spreadsheet", "Monday", "John", "Peter"):
        assert wrong not in found, wrong
    # Looked up under its expansion, the acronym's entry is found too.
    assert uses("GEDCOM", found["GEDCOM"].aliases, text[0][1])


def test_a_quoted_expansion_needs_the_acronym_in_the_text_and_capitals_on_every_word() -> None:
    text = [
        [
            'The manual calls this the "Native Language Support" of a program.',
            "It treats 'Funky Stuff', 'funky STUFF' and 'fUNKy stuFf' alike, the STUFF test.",
        ]
    ]
    found = _by_term(glossary(text))
    assert "NLS" not in found  # the text never writes NLS
    assert "STUFF" not in found
    assert found["Native Language Support"].category == TERM


def test_a_name_given_in_an_example_or_a_quoted_keyword_is_no_coinage() -> None:
    text = [
        [
            "Now write the buffer to a file named 'junk' with the write command.",
            "Under NT, the font named 'fixed' is not fixed width.",
            "'for' statement POSIX requires all expressions to be present in the 'for' statement.",
            "The po directory also has a file named 'Makevars'.",
        ]
    ]
    found = _by_term(glossary(text))
    for wrong in ("junk", "fixed", "for"):
        assert wrong not in found, wrong
    assert found["Makevars"].category == TERM


@pytest.mark.parametrize(
    ("paragraphs", "wrong"),
    [
        (["- Icelandic by Chris Leonard.", "- Faroese by Chris Leonard, again."], "Chris Leonard"),
        (["By Ludovic Courtes.", "Patches from Ludovic Courtes, too."], "Ludovic Courtes"),
        (
            ["Courtesy Atsushi Odagiri for this.", "Pull request courtesy Atsushi Odagiri."],
            "Atsushi Odagiri",
        ),
        (
            ["Fix a leak (dbus!208, David King).", "Fix a typo (fd.o #103075, David King)."],
            "David King",
        ),
        (
            ["Changes from Tom Lees <tom@example.org> for builds.", "Tom Lees <tom@example.org>."],
            "Tom Lees",
        ),
        (
            ["Thanks Brianna Laugher for the idea.", "Thanks A and Brianna Laugher for the PR."],
            "Brianna Laugher",
        ),
        (
            [
                "Replace parser.suite with ast.parse – Miro Hrončok",
                "Update pytest and pytest-cov - Miro Hrončok (:gh:`635`)",
            ],
            "Miro Hrončok",
        ),
        (
            [
                'Reported by "Tom G. Christensen" <tgc@example.org> in a mail.',
                'Suggested again by "Tom G. Christensen" <tgc@example.org> later.',
            ],
            "Tom G. Christensen",
        ),
    ],
)
def test_more_credits_are_not_names(paragraphs: list[str], wrong: str) -> None:
    assert wrong not in _by_term(glossary([paragraphs]))


def test_followed_by_or_used_by_a_name_is_still_a_use() -> None:
    text = [
        [
            "Most developers used Amazon Web Services, followed by Microsoft Azure at 28%.",
            "The three largest providers include Microsoft Azure and two others.",
            "It replaces the format used by Lasse Collin's tools and by Igor Pavlov's.",
        ]
    ]
    assert _by_term(glossary(text))["Microsoft Azure"].category == NAME


@pytest.mark.parametrize(
    ("paragraphs", "wrong"),
    [
        (
            [".. changelog:: :released: Thu Jan 14 2021", ":released: Thu Jan 28 2012 again"],
            "Thu Jan",
        ),
        (["Computes Q = N G, where G is the generator.", "Then Q = N G again, as said."], "N G"),
        (
            ["'-f FORMAT' Use FORMAT as the format string.", "Then Use FORMAT as a string, too."],
            "Use FORMAT",
        ),
        (
            ["Corrected TIFF tags #3369 [radarhere]", "Corrected TIFF tags again, as before."],
            "Corrected TIFF",
        ),
        (
            ["• Move CMake build system to top level.", "• Move CMake files up, as said."],
            "Move CMake",
        ),
    ],
)
def test_dates_letters_and_a_verb_before_its_object_are_not_names(
    paragraphs: list[str], wrong: str
) -> None:
    assert wrong not in _by_term(glossary([paragraphs]))


def test_titles_of_papers_stories_sections_and_pages_are_not_coinages() -> None:
    text = [
        [
            'We implemented the counter measure of the paper "Attacking RSA Sessions" here.',
            'It was replaced by the short story "The Gold-bug" by a poet.',
            "This is the tool mentioned in the section on 'Documenting Widgets'.",
            "The “Writing Servers” and “UDP Networking” documentation pages were updated.",
        ]
    ]
    found = _by_term(glossary(text))
    for wrong in ("Attacking RSA Sessions", "Gold-bug", "Documenting Widgets", "UDP Networking"):
        assert wrong not in found, wrong


def test_an_acronyms_expansion_written_with_the_acronym_is_the_same_term() -> None:
    text = [
        [
            "It is covered by the GNU General Public License (GPL), version 2 or later.",
            "The GNU General Public License is a copyleft licence for software.",
            "It is dually licensed under the GNU FDL and the GNU GPL.",
            "This manual is covered by the GNU GPL as well.",
        ]
    ]
    found = _by_term(glossary(text))
    assert "GNU GPL" not in found
    assert "GNU GPL" in found["GPL"].aliases


# -- many terms: the matcher against one alternation of every name ----------------------------


def _one_alternation(terms: list[list[str]], text: str) -> list[tuple[int, int, int]]:
    """What the matcher finds, as one alternation of every name (longest first) finds it:
    the matcher looks names up by their first characters instead, and must agree."""
    import re

    from briefcli.terms import _alternative

    names = sorted(
        ((name, index) for index, names in enumerate(terms) for name in names if name.strip()),
        key=lambda item: (-len(item[0]), item[0]),
    )
    if not names:
        return []
    parts = [f"(?P<n{k}>{_alternative(name)})" for k, (name, _) in enumerate(names)]
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")
    return [
        (names[int(str(m.lastgroup)[1:])][1], m.start(), m.end()) for m in pattern.finditer(text)
    ]


_LETTERS = "aAsSiIKkſıİ\u212aσςΣ’'-. \n\tNGOT"
_NAME = st.text(alphabet="aAsSiIKkſıİ\u212aσςΣ’'-. NGOT", min_size=1, max_size=6)


@given(
    terms=st.lists(st.lists(_NAME, min_size=1, max_size=3), min_size=1, max_size=8),
    text=st.text(alphabet=_LETTERS, max_size=80),
)
@example(terms=[["ſ"], ["S"]], text="ſ s")
@example(terms=[["NGO"], ["N"]], text="NGOs N's n")
@example(terms=[["’A"], ["a b"]], text="'a a\nb ’A")
@example(terms=[["Alpha Bravo"], ["Alpha"], ["ALPHA BRAVO CHARLIE"]], text="Alpha\n  Bravos alpha")
@settings(max_examples=300)
def test_the_matcher_finds_what_one_alternation_finds(terms: list[list[str]], text: str) -> None:
    assert TermMatcher(terms).find(text) == _one_alternation(terms, text)


def test_thousands_of_names_over_a_long_text_are_each_found() -> None:
    """Thousands of names over a long text: each place tries only the names that start as it
    does (one alternation of them all, tried everywhere, took seconds at 1,000 names)."""
    names = [[f"Term{n:04d} Group"] for n in range(3000)]
    text = " ".join(f"Term{n:04d} Group used here." for n in range(0, 3000, 3)) * 3
    found = TermMatcher(names).find(text)
    assert len(found) == 3000 and found[0][0] == 0


@pytest.mark.parametrize(
    ("sentence", "short", "expansion"),
    [
        # In lower case: each word opens with the acronym's next letter.
        ("All mail transport agents (MTAs) would provide it.", "MTA", "mail transport agents"),
        ("Some user ids (UIDs) are reserved.", "UID", "user ids"),
        ("Ask the QA (quality assurance) team.", "QA", "quality assurance"),
        # Capitals in another order than the acronym's letters.
        ("The offset from Coordinated Universal Time (UTC) is given.", "UTC",
         "Coordinated Universal Time"),
        ("It joined the International Organization for Standardization (ISO) early.", "ISO",
         "International Organization for Standardization"),
        # "or" and "stands for" between them, either way round.
        ("The name became Filesystem Hierarchy Standard or FHS for short.", "FHS",
         "Filesystem Hierarchy Standard"),
        ("It is called the ABI or Application Binary Interface.", "ABI",
         "Application Binary Interface"),
        ("The NIS, or Network Information Service, is old.", "NIS", "Network Information Service"),
        ("FFI stands for Foreign Function Interface.", "FFI", "Foreign Function Interface"),
        # A reST role before the expansion is not part of it.
        ("- :ref:`Version Control System (VCS) fields <s-f-VCS-fields>`", "VCS",
         "Version Control System"),
    ],
)  # fmt: skip
def test_acronyms_in_lower_case_reordered_or_after_or(
    sentence: str, short: str, expansion: str
) -> None:
    found = _by_term(glossary([[sentence]]))[short]
    assert found.category == ACRONYM
    assert found.aliases == (expansion,)


@pytest.mark.parametrize(
    "sentence",
    [
        "Use files or FHS paths.",  # "or" before an acronym with no expansion before it
        "Use NIS or Other Things Here.",  # capitals after "or" that do not spell it
        "The road was always wet (RAW) there.",  # lower case, a word off the letters
        "It grew over Time Universal Zone (UTC) fast.",  # capitals not the acronym's letters
        "We flag the items (IT) here.",  # one letter of a two-letter acronym left over
    ],
)
def test_near_misses_are_no_acronyms(sentence: str) -> None:
    assert not [c for c in glossary([[sentence]]) if c.category == ACRONYM]


def test_quoted_terms_in_lower_case_that_a_defining_verb_follows() -> None:
    text = [
        [
            'The "Program" refers to any such program, and a "work based on the Program" means '
            "either the Program or any derivative work.",
            'For purposes of this definition, "control" means the power to direct the entity.',
            'Type "yes" means you agree to the terms.',
            'As used below, "no limit" means there is no fixed limit.',
            'Here, "Load all the files" means to load each file of the folder.',
        ]
    ]
    found = _by_term(glossary(text))
    assert {"Program", "work based on the Program", "control"} <= set(found)
    assert "yes" not in found  # a reply to type, not a term
    assert "no limit" not in found and "Load all the files" not in found  # a phrase, an order


def test_a_quoted_term_after_hereinafter_is_defined_there() -> None:
    sentence = 'This agreement (hereinafter the "Agreement") binds the parties.'
    found = _by_term(glossary([[sentence, "The Agreement ends in May."]]))
    assert found["Agreement"].definition == sentence


def test_an_address_and_a_known_as_before_an_acronym_are_no_terms() -> None:
    text = [
        [
            "Write to the Free Software Foundation, 51 Franklin Street, Fifth Floor, Boston.",
            "The Free Software Foundation, 51 Franklin Street, Fifth Floor, Boston, replied.",
            "Data for NIS, formerly known as the Sun Yellow Pages (YP), must be placed here.",
        ]
    ]
    found = _by_term(glossary(text))
    assert "Franklin Street" not in found and "Fifth Floor" not in found
    assert found["YP"].aliases == ("Yellow Pages",)
    assert "Sun Yellow Pages" not in found


_ACRONYM_WORDS = st.sampled_from(
    ["or", "the", "of", "for", "stands", "(", ")", ",", ".", "FBB", "FBBs", "UTC", "Foo", "Bar",
     "Baz", "foo", "bar", "baz", "Universal", "Time", "Coordinated", "mail", "agents", "MTAs",
     "means", '"', "work", "a", "`", ":ref:`Foo", "hereinafter", "(hereinafter"]
)  # fmt: skip


@settings(derandomize=True, max_examples=400, deadline=None)
@given(st.lists(_ACRONYM_WORDS, max_size=30).map(" ".join))
@example("Foo Bar Baz or FBB , the FBB stands for Foo Bar Baz")
@example("Coordinated Universal Time ( UTC ) mail agents ( MTAs )")
@example(":ref:`Foo Bar Baz ( FBB )")
def test_an_acronyms_expansion_is_in_its_sentence_and_opens_with_its_first_letter(
    sentence: str,
) -> None:
    for candidate in glossary([[sentence]]):
        assert (
            candidate.definition == sentence[candidate.defined_at.start : candidate.defined_at.end]
        )
        if candidate.category != ACRONYM:
            continue
        for expansion in candidate.aliases:
            assert expansion in candidate.definition
            # Its first word opens with one of the acronym's letters (the first, but where the
            # capitals are in another order: "Coordinated Universal Time" for UTC).
            assert expansion[0].casefold() in candidate.term.casefold()
            assert len(expansion.split()) >= 2


def test_acronyms_and_or_forms_are_read_in_linear_time() -> None:
    """Thousands of acronyms in one sentence: each is read in the few words before or after
    it, never the whole sentence again (the slices were quadratic; no timing asserted)."""
    for text in (
        "Foo Bar Baz or FBB, " * 4000,
        "FBB or Foo Bar Baz, " * 4000,
        "the Foo Bar Baz (FBB) " * 4000,
        "user ids (UIDs) " * 4000,
        'a "work" means ' * 4000,
    ):
        found = glossary([[text]])
        assert len(found) <= 2


def test_a_definition_list_whose_bold_the_import_dropped_defines_its_terms() -> None:
    """'**Data Controller**: the body …' arrives as 'Data Controller: the body …'."""
    section = [
        "Data Controller: the body that decides why and how personal data is processed.",
        "Data Subject — the person whose data is processed.",
        "- Processor: a body that processes data for a controller.",
        "Note: the list is not complete.",
        "Returns: the number of bytes read.",
    ]
    found = _by_term(glossary([section]))
    assert found["Data Controller"].definition == section[0]
    assert found["Processor"].definition == section[2]
    assert "Data Subject" in found
    assert "Note" not in found and "Returns" not in found
    # One such paragraph alone is a label, not a list of definitions.
    assert "Processor" not in _by_term(glossary([[section[2], "Other text here."]]))
