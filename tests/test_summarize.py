"""Key points and summaries: exact quotes, limits honoured, deterministic, covering sections."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefcli.loader import load_brief
from briefcli.model import Brief
from briefcli.sentences import is_prose
from briefcli.summarize import (
    KEY_POINTS,
    METHOD,
    Method,
    is_notice,
    is_point,
    key_points,
    marker_end,
    summary,
)

SHIPPED = Path(__file__).parent.parent / "briefs" / "nk-russia-troops-2025.yaml"


@pytest.fixture(scope="module")
def shipped() -> Brief:
    return load_brief(SHIPPED)


def test_every_section_of_the_shipped_report_gets_key_points_quoted_exactly(
    shipped: Brief,
) -> None:
    for section in shipped.sections:
        paragraphs = section.all_paragraphs()
        points = key_points(paragraphs)
        assert len(points) == KEY_POINTS, section.id
        for point in points:
            assert paragraphs[point.paragraph][point.start : point.end] == point.text
            assert point.section == 0


def test_key_points_come_in_reading_order(shipped: Brief) -> None:
    points = key_points(shipped.sections[1].all_paragraphs(), sentences=5)
    places = [(point.paragraph, point.start) for point in points]
    assert places == sorted(places)


def test_the_same_input_gives_the_same_points(shipped: Brief) -> None:
    paragraphs = shipped.sections[3].all_paragraphs()
    assert key_points(paragraphs, sentences=4) == key_points(list(paragraphs), sentences=4)
    sections = [s.all_paragraphs() for s in shipped.sections]
    assert summary(sections, words=200) == summary(sections, words=200)


@pytest.mark.parametrize("count", [0, 1, 2, 5])
def test_sentence_count_is_honoured(shipped: Brief, count: int) -> None:
    assert len(key_points(shipped.sections[2].all_paragraphs(), sentences=count)) == count


@pytest.mark.parametrize("words", [0, 10, 40, 100, 250])
def test_word_limit_is_never_exceeded(shipped: Brief, words: int) -> None:
    points = key_points(shipped.sections[4].all_paragraphs(), words=words)
    assert sum(point.words for point in points) <= words
    if words >= 100:
        assert points


def test_points_do_not_repeat_each_other(shipped: Brief) -> None:
    points = key_points(shipped.sections[1].all_paragraphs(), sentences=6)
    assert len({point.text for point in points}) == len(points)


def test_summary_covers_the_sections_and_quotes_them(shipped: Brief) -> None:
    sections = [s.all_paragraphs() for s in shipped.sections[1:7]]
    chosen = summary(sections)
    taken = Counter(point.section for point in chosen)
    # One sentence a section by default, spread over them; the order prior (round 9) lets the
    # opening section give a second at the expense of one late section, never more.
    assert len(chosen) == len(sections) and len(taken) >= len(sections) - 1
    assert max(taken.values()) <= 2 and 0 in taken
    for point in chosen:
        assert sections[point.section][point.paragraph][point.start : point.end] == point.text


def test_summary_length_follows_the_limits(shipped: Brief) -> None:
    sections = [s.all_paragraphs() for s in shipped.sections]
    assert len(summary(sections, sentences=4)) == 4
    assert sum(point.words for point in summary(sections, words=120)) <= 120


def test_sections_without_prose_give_no_points() -> None:
    assert key_points([]) == []
    assert key_points(["Title", "```python\nprint(1)\n```", "| a | b |"]) == []
    assert summary([[], ["Short."]]) == []


def test_a_lone_sentence_is_its_own_key_point() -> None:
    text = "The only sentence of this section says something worth knowing."
    (point,) = key_points([text])
    assert (point.text, point.paragraph, point.start, point.end) == (text, 0, 0, len(text))


def test_a_section_of_unrelated_sentences_still_gets_points() -> None:
    """No sentence shares a word with another: the walk has only dangling nodes."""
    paragraphs = [
        "Alpha bravo charlie delta echo foxtrot golf.",
        "Hotel india juliet kilo lima mike november.",
        "Oscar papa quebec romeo sierra tango uniform.",
    ]
    points = key_points(paragraphs, sentences=2)
    assert [point.paragraph for point in points] == [0, 1]


_SENTENCE = st.lists(
    st.sampled_from(
        ["troops", "Russia", "North", "Korea", "the", "U.S.", "deployment", "3.5", "talks",
         "said", "“quoted”", "(aside)", "alliance", "Pyongyang", "NATO's", "e.g.", "etc."]
    ),
    min_size=3,
    max_size=14,
).map(lambda words: " ".join(words) + ".")  # fmt: skip


@settings(derandomize=True, max_examples=60, deadline=None)
@given(
    st.lists(st.lists(_SENTENCE, min_size=1, max_size=4).map(" ".join), max_size=6),
    st.integers(min_value=0, max_value=6),
)
@example(["troops troops troops troops troops troops."] * 3, 2)
def test_every_extract_occurs_word_for_word_in_its_paragraph(
    paragraphs: list[str], count: int
) -> None:
    points = key_points(paragraphs, sentences=count)
    assert len(points) <= count
    for point in points:
        assert paragraphs[point.paragraph][point.start : point.end] == point.text
        assert point.text in paragraphs[point.paragraph]


#: The rankers bench/summary_quality.py compares: every one must quote exactly and keep limits.
METHODS = [
    Method(),
    Method(centrality="coverage", lead=3),
    Method(centrality="coverage", swap=2),
    Method(centrality="directed", lead=0, backward=-0.5),
    Method(centrality="lexrank", lead=1, title=2),
    Method(centrality="trained", weights=(0.24, 0.08, 0.04, 0.18, 0.25, -0.02)),
    Method(pairs=True),
    Method(similarity="bm25"),
    Method(pairs=True, similarity="bm25"),
]


@pytest.mark.parametrize(
    "method", METHODS, ids=lambda m: f"{m.centrality}-{m.title:g}-{m.similarity}-{m.pairs}"
)
@settings(derandomize=True, max_examples=25, deadline=None)
@given(
    st.lists(st.lists(_SENTENCE, min_size=1, max_size=4).map(" ".join), max_size=5),
    st.integers(min_value=0, max_value=60),
)
def test_every_ranker_quotes_exactly_within_the_word_limit(
    method: Method, paragraphs: list[str], words: int
) -> None:
    points = key_points(paragraphs, words=words, method=method, title="North Korea troops")
    assert sum(point.words for point in points) <= words
    for point in points:
        assert paragraphs[point.paragraph][point.start : point.end] == point.text
    chosen = summary([paragraphs, paragraphs[:1]], words=words, method=method, title="Russia")
    assert sum(point.words for point in chosen) <= words


# A section that opens with its point and closes by repeating it: LexRank finds the two alike;
# directed centrality (after PacSum) prefers the one that introduces what follows.
OPENED_AND_CLOSED = [
    "Pyongyang sent troops, shells and missiles to Russia during the war in Ukraine.",
    "The troops arrived in the Kursk region in October and November of that year.",
    "Shells and missiles from Pyongyang were used along the whole front line.",
    "So the troops, shells and missiles sent by Pyongyang were used in Russia.",
]


def test_directed_centrality_prefers_the_sentence_that_introduces_the_rest() -> None:
    (point,) = key_points(
        OPENED_AND_CLOSED, sentences=1, method=Method(centrality="directed", lead=0)
    )
    assert point.text == OPENED_AND_CLOSED[0]
    (point,) = key_points(
        OPENED_AND_CLOSED,
        sentences=1,
        method=Method(centrality="directed", lead=0, backward=-0.5),
    )
    assert point.text == OPENED_AND_CLOSED[0]


# Round 14's likenesses: the sentence that shares the most with the others is the most central
# whether sentences are compared by their words, by pairs of words too, or by BM25.
SHARED_PHRASE = [
    "Rail traffic across the border rose sharply in the coldest winter months.",
    "Special forces from North Korea reached the Kursk front in Russia in October.",
    "North Korea trained its special forces for weeks before the Kursk front.",
    "Ukraine reported special forces from North Korea on the Kursk front.",
    "Weather over the peninsula stayed cold and dry for most of that season.",
]


@pytest.mark.parametrize(
    "method",
    [
        Method(lead=0, title=0),
        Method(lead=0, title=0, pairs=True),
        Method(lead=0, title=0, similarity="bm25"),
        Method(lead=0, title=0, pairs=True, similarity="bm25"),
    ],
    ids=["cosine", "pairs", "bm25", "pairs-bm25"],
)
def test_every_likeness_finds_the_sentence_the_others_share(method: Method) -> None:
    (point,) = key_points(SHARED_PHRASE, sentences=1, method=method)
    assert point.paragraph in (1, 2, 3)


def test_the_title_prior_prefers_a_sentence_on_the_reports_subject() -> None:
    paragraphs = [
        "Weather over the peninsula was cold and dry for most of the winter months.",
        "The deployment of troops to Russia was confirmed by three intelligence services.",
        "Rail traffic across the border rose sharply in the winter months of that year.",
    ]
    plain = Method(lead=0, title=0)
    titled = Method(lead=0, title=2)
    title = "Troops deployed to Russia"
    (point,) = key_points(paragraphs, sentences=1, method=titled, title=title)
    assert point.text == paragraphs[1]
    # Without a title, or with a weight of 0, the title changes nothing.
    assert key_points(paragraphs, sentences=1, method=titled) == key_points(
        paragraphs, sentences=1, method=plain
    )
    assert key_points(paragraphs, sentences=1, method=plain, title=title) == key_points(
        paragraphs, sentences=1, method=plain
    )


# Lines a plain-text import flattens into paragraphs (tests/data/corpus/xz-file-format.txt and
# grep-manual.txt): table rows, ASCII-art boxes, option lists and code are never key points.
FLATTENED = [
    "Bit(s) Mask Description 0-1 0x03 Number of filters (1-4) 2-5 0x3C Reserved for future use; "
    "MUST be zero for now.",
    "6 0x40 The Compressed Size field is present.",
    "1.1.0 2022-12-11 Added ARM64 filter and clarified 32-bit ARM endianness in Section 5.3.2.",
    "+---+---+ | Foo | Two bytes; that is, some of the vertical bars +---+---+ can be missing.",
    "v Uncompressed Data ^ | Filter 0 | Encoder | Filter 1 | Decoder | Filter n | v Compressed",
    "size_t decode(const uint8_t buf[], size_t size_max, uint64_t *num) { if (size_max == 0) "
    "return 0;",
    "Using a C array and ASCII: const uint8_t FOOTER_MAGIC[2] = { 'Y', 'Z' };",
    "total_size += buf_size; value32 = crc32(buf, buf_size, value32); value64 = crc64(buf, "
    "buf_size, value64); }",
    "-A NUM, --after-context=NUM Print NUM lines of trailing context after matching lines.",
    "--exclude=GLOB Skip any command-line file with a name suffix that matches the pattern GLOB.",
    "ms=01;31 SGR substring for matching non-empty text in a selected line.",
    # XML flattened out of a PDF (shared-mime-info's specification).
    '<match type="string" offset="0" value="diff"/> <match type="string" offset="0" '
    'value="Common subdirectories: "/> </magic> <glob pattern="*.diff"/> </mime-type>',
    '<?xml version="1.0" encoding="utf-8"?> <mime-type type="text/x-diff"> <!--Created '
    "automatically by update-mime-database.",
    'Files are listed as <file name="a.txt" size="10"/> <file name="b.txt" size="20"/> here.',
]
PROSE = [
    "The first byte of Stream Flags is always a null byte in every stream.",
    "Implementations SHOULD support at least the Check IDs 0x00 (None) and 0x01 (CRC32).",
    "Equality operators (`==` and `!=`) were always strict in this regard.",
    "2. 65534 → The `nobody` UID, also called the overflow UID or similar.",
    "In October 2024, about 11,000 troops arrived in Kursk, according to 3 officials.",
    "Two regular expressions may be joined by the infix operator |; the result matches either.",
    "Use the <div> and <span> elements to group the text of a page together.",
    'Each rule is written as a <glob pattern="*.txt"/> element in the source file.',
    "The test passes when x < 5 and y > 3 hold in every case it tries.",
]


#: Lines that are only a link (a contents entry, a "jump to" line) are not sentences.
LINKS = [
    "- Blockchain Technology and Cryptocurrency Mining (https://crsreports.congress.gov#_Toc2)",
    "Cryptocurrency Mining and the Electricity Sector (R48914)\nJump to Main Text of Report "
    "(https://crsreports.congress.gov#Content)",
    "Read the whole of the annual report on the agency website (/reports/2026)",
    "Locations and Power Capacity of Selected U.S. Cryptocurrency Mining Operations "
    "(https://crsreports.congress.gov#_Toc227841323)",
]
LINKED_PROSE = [
    "See the full report on the agency's website (https://example.org/report) for details.",
    "The agency published its data (https://example.org) in March, and it shows growth.",
]


@pytest.mark.parametrize("line", LINKS)
def test_a_line_that_is_only_a_link_is_not_prose(line: str) -> None:
    assert not is_prose(line)


@pytest.mark.parametrize("sentence", LINKED_PROSE)
def test_a_sentence_with_a_link_in_it_is_still_prose(sentence: str) -> None:
    assert is_prose(sentence)


@pytest.mark.parametrize("line", FLATTENED)
def test_flattened_table_rows_and_code_are_not_prose(line: str) -> None:
    assert not is_prose(line)


@pytest.mark.parametrize("sentence", PROSE)
def test_prose_with_numbers_code_words_and_bars_is_still_prose(sentence: str) -> None:
    assert is_prose(sentence)


def test_key_points_of_a_plain_text_section_skip_its_table_rows_and_code() -> None:
    paragraphs = [
        "The Block Flags field is a bit field that tells the decoder which fields follow.",
        FLATTENED[0] + " " + FLATTENED[1],
        FLATTENED[5] + " " + FLATTENED[6],
        "Decoders MUST check that the reserved bits of the Block Flags field are zero.",
        "A decoder that finds a reserved bit set reports the Block Flags field as unsupported.",
    ]
    points = [point.text for point in key_points(paragraphs, sentences=5)]
    assert points == [paragraphs[0], paragraphs[3], paragraphs[4]]


def test_the_corpus_spec_gets_no_table_row_or_code_as_a_key_point() -> None:
    from briefcli.importers import import_report

    path = Path(__file__).parent / "data" / "corpus" / "xz-file-format.txt"
    brief = import_report(path.read_bytes(), path.name, "auto")
    for section in brief.sections:
        parts = [section.all_paragraphs()] + [sub.paragraphs for sub in section.subsections]
        for paragraphs in parts:
            for point in key_points(paragraphs):
                assert is_prose(point.text), point.text
                assert "+---" not in point.text and "0x0F" not in point.text


def test_a_lead_in_to_code_or_a_list_is_never_a_key_point() -> None:
    """reST's '… the following::' says nothing without the code it introduces."""
    paragraphs = [
        "Roughly speaking, when you clicked on the link your browser did something like the "
        "following::",
        "The socket is created and connected to the web server on port 80 at once.",
        "The server then creates a server socket and binds it to a well-known port.",
        "To stop it, the server closes each socket in the order given by the following::",
        "Closing a socket tells the other end that no more data will be sent to it.",
    ]
    points = key_points(paragraphs, sentences=3)
    assert points and not any(point.text.endswith("::") for point in points)


def test_a_trained_scorer_reads_the_features_it_was_trained_on() -> None:
    """Round 6's variant: exp(weights · standardised features); the title is one feature."""
    paragraphs = [
        "Weather over the peninsula was cold and dry for most of the winter months.",
        "The deployment of troops to Russia was confirmed by three intelligence services.",
        "Rail traffic across the border rose sharply in the winter months of that year.",
    ]
    title_only = Method(centrality="trained", weights=(0, 0, 0, 1, 0, 0))
    (point,) = key_points(paragraphs, sentences=1, method=title_only, title="Troops to Russia")
    assert point.text == paragraphs[1]
    lead_only = Method(centrality="trained", weights=(0, 1, 0, 0, 0, 0))
    (point,) = key_points(paragraphs, sentences=1, method=lead_only, title="Troops to Russia")
    assert point.text == paragraphs[0]


# A section of two subsections; every sentence of the first uses the section's title.
PARTED = [
    "Troops reached Kursk by train from the border stations late in October.",
    "Their officers said the troops in Kursk had trained for months at home.",
    "Drone crews in Kursk watched the troops cross the frozen river at night.",
    "Seoul answered with emergency meetings of its national security council.",
    "Its council asked allies for more intelligence on the troops.",
]
TITLE = "Troops in Kursk"


def test_key_points_spread_over_subsections_only_when_the_method_says_so() -> None:
    """Round 7's variants read ``breaks`` (the subsections); round 5's method ignores them."""
    round_5 = Method()
    flat = key_points(PARTED, sentences=2, title=TITLE, method=round_5)
    assert key_points(PARTED, sentences=2, breaks=(3,), title=TITLE, method=round_5) == flat
    assert all(point.paragraph < 3 for point in flat)
    for parts in ("spread", "sections"):
        method = Method(parts=parts, part_cover=1.0)
        spread = key_points(PARTED, sentences=2, breaks=(3,), method=method, title=TITLE)
        assert [point.paragraph < 3 for point in spread] == [True, False]
        for point in spread:
            assert PARTED[point.paragraph][point.start : point.end] == point.text


def test_the_shipped_key_points_of_a_section_cover_its_subsections() -> None:
    """Round 8: each subsection's opening counts as a section's does in a summary."""
    assert METHOD.parts == "sections"
    paragraphs = [
        "Troops reached the Kursk region by train from the border late in October.",
        "The officers said the soldiers had trained for months at home before that.",
        "The families heard nothing from the soldiers for months after they left.",
        "Seoul answered the deployment with emergency meetings of its security council.",
        "The security council asked allies for more intelligence on the deployment.",
    ]
    flat = key_points(paragraphs, sentences=2, title="Troops in Kursk")
    assert [point.paragraph for point in flat] == [0, 1]
    parted = key_points(paragraphs, sentences=2, breaks=(3,), title="Troops in Kursk")
    assert [point.paragraph for point in parted] == [0, 3]


def test_a_point_leaves_out_its_list_marker() -> None:
    """A list item's point leaves out its '- ' or '2. ': a point is shown as a bullet."""
    paragraphs = [
        "- The troops of the deployment reached Russia by sea and rail in October.\n"
        "2. The deployment of more troops to Russia was expected before the winter.",
    ]
    points = key_points(paragraphs, sentences=2, title="Troops deployed to Russia")
    assert [point.text for point in points] == [
        "The troops of the deployment reached Russia by sea and rail in October.",
        "The deployment of more troops to Russia was expected before the winter.",
    ]
    for point in points:
        assert paragraphs[point.paragraph][point.start : point.end] == point.text


def test_the_order_prior_favours_the_earlier_sections() -> None:
    """Round 9's variant: the j-th section's sentences count 1 + b / (1 + j) times more."""
    sections = [
        ["Troops from Pyongyang reached the Kursk region by train late in October."],
        ["Shells from Pyongyang reached the Kursk front by train early in November."],
    ]
    plain = summary(sections, sentences=2, method=METHOD._replace(order=0.0))
    ordered = summary(sections, sentences=2, method=METHOD._replace(order=2.0))
    assert [point.text for point in ordered] == [point.text for point in plain]
    assert ordered[0].score == pytest.approx(plain[0].score * 3)
    assert ordered[1].score == pytest.approx(plain[1].score * 2)
    # Key points read it over their parts only when the method says so.
    paragraphs = [sections[0][0], sections[1][0]]
    both = key_points(paragraphs, breaks=(1,), method=METHOD._replace(order=2.0))
    points = key_points(paragraphs, breaks=(1,), method=METHOD._replace(order=0.0))
    assert [point.score for point in both] == pytest.approx(
        [p.score * f for p, f in zip(points, (3, 2), strict=True)]
    )
    only = METHOD._replace(order=2.0, order_points=False)
    assert key_points(paragraphs, breaks=(1,), method=only) == points


def test_a_sentence_that_points_back_counts_less_when_the_method_says_so() -> None:
    """Round 10's variant: 'Its …', 'They …', 'This dispatch …' count p times; 'This report
    …' names the document itself and counts fully."""
    paragraphs = [
        "This report covers the troops that Pyongyang sent to the Kursk region.",
        "Its troops reached the Kursk region by train late in October of that year.",
        "They were moved to the Kursk front by train early in November of that year.",
        "This dispatch of troops to the Kursk region was confirmed by Seoul in November.",
    ]
    plain = key_points(paragraphs, sentences=4, method=METHOD._replace(back=1.0))
    halved = key_points(paragraphs, sentences=4, method=METHOD._replace(back=0.5))
    assert [point.text for point in plain] == paragraphs
    assert [round(h.score / p.score, 6) for h, p in zip(halved, plain, strict=True)] == [
        1.0,
        0.5,
        0.5,
        0.5,
    ]


def test_the_brevity_weight_divides_by_length_when_the_method_says_so() -> None:
    """Round 11's variant: a sentence's value is divided by (words / 20) ** a."""
    paragraphs = [
        "Troops from Pyongyang reached the Kursk region by train late in October.",
        "Troops from Pyongyang reached the Kursk region by train late in October of 2024,"
        " after weeks of training at camps near the eastern port of Vladivostok in Russia.",
    ]
    plain = key_points(paragraphs, method=METHOD._replace(brevity=0.0))
    brief = key_points(paragraphs, method=METHOD._replace(brevity=1.0))
    for weighed, point in zip(brief, plain, strict=True):
        assert weighed.score == pytest.approx(point.score / (point.words / 20))


def test_a_lead_in_counts_less_when_the_method_says_so() -> None:
    """Round 12's variant: a sentence that ends with ':' counts p times."""
    paragraphs = [
        "Troops from Pyongyang reached the Kursk region by train late in October.",
        "The troops reached the Kursk region in three groups, as the table shows:",
    ]
    plain = key_points(paragraphs, method=METHOD._replace(lead_in=1.0))
    halved = key_points(paragraphs, method=METHOD._replace(lead_in=0.5))
    assert [round(h.score / p.score, 6) for h, p in zip(halved, plain, strict=True)] == [1.0, 0.5]


def test_a_licence_notice_counts_a_quarter() -> None:
    """Round 13: a manual's front matter opened its summary with its licence notice."""
    paragraphs = [
        "Permission is granted to copy, distribute and/or modify this document under the "
        "terms of the GNU Free Documentation License, Version 1.3 or any later version.",
        "This file documents version 4.9 of GNU sed, a stream editor for filtering text.",
    ]
    plain = key_points(paragraphs, method=METHOD._replace(notice=1.0))
    shipped = key_points(paragraphs)
    assert [round(s.score / p.score, 6) for s, p in zip(shipped, plain, strict=True)] == [0.25, 1]
    sections = [paragraphs, ["Sed reads its input line by line and edits each line."]]
    before = summary(sections, sentences=1, method=METHOD._replace(notice=1.0))
    assert before[0].text.startswith("Permission is granted")
    assert not summary(sections, sentences=1)[0].text.startswith("Permission is granted")


@pytest.mark.parametrize(
    ("sentence", "notice"),
    [
        ("Copyright (C) 2020 Free Software Foundation, Inc. and its many contributors.", True),
        ("Copyright 1998 by the authors, who wrote every one of these pages.", True),
        ("This document has been placed in the public domain by its authors.", True),
        ("This program is free software; you can redistribute it and/or modify it.", True),
        ("The treaty was signed under the terms of the agreement in June 2024.", False),
        ("The copyright office registered the work in the spring of that year.", False),
        ("A driving licence is needed to rent one of the cars at the airport.", False),
    ],
)
def test_what_counts_as_a_notice(sentence: str, notice: bool) -> None:
    assert is_notice(sentence) is notice


def test_a_piece_of_a_sentence_cut_at_a_comma_is_no_point() -> None:
    """A PDF's page or a list can cut a sentence: a text ending with ',' or ';' is a piece."""
    paragraphs = [
        "[asn1 decode simple der], page 22,",
        "the parser reads every definition in the file and the files it imports;",
        "The parser is case sensitive and reads every definition in the file.",
    ]
    assert [point.text for point in key_points(paragraphs)] == [paragraphs[2]]


#: Picks found importing real documents (bench/summary_picks.py), none of them usable alone.
NOT_POINTS = [
    # The rest of a sentence that a list item, a page or a column broke.
    "and ``packaging``; and bumped the minimum allowed version of the package",
    "by the entropy encoder when needed, as the standard allows it).",
    # A sentence cut where the page or the column ended.
    "Fix a crash where builds that use the option to disable the cache would fail when the",
    "The factory only hired workers who",
    "We use the online data products generator to derive upper limits in the 0.3-",
    "Receive certain payments of $250,000 or more for 2007 (such as unemployment compensation",
    "The stdout and stderr from VCS commands run by pip as subprocesses (e.g.",
    # A byline, and an aside that says nothing of its own.
    "Dr. Tobias Quathamer toddy@debian.org Sun, 2 Aug 2015",
    "Inspired by discussion with Zach C. <fxchip@example.org>.",
    "(bugfix release, released Mar 05, 2010)",
    # A label that only leads to its references.
    "*Related issues and pull requests on GitHub:* :issue:`7916`.",
    "See also: :ref:`topics-items`, :ref:`topics-loaders` and #4511.",
    # A table's row of repeated cells.
    "Closure Permanent Closure Permanent Closure Permanent Layoff Unknown at this time Layoff "
    "Unknown at this time Layoff Unknown at this time",
    "gnutls_encode_rs_value: Added gnutls_decode_rs_value: Added gnutls_base64_encode2: Added "
    "gnutls_base64_decode2: Added gnutls_x509_crt_set_flags: Added gnutls_pubkey_x: Added "
    "gnutls_x509_ext_import: Added gnutls_x509_ext_export: Added",
]
POINTS = [
    "find exits with status 0 if all files are processed successfully.",
    "It works (mostly) as expected in the end.",
    "(See the appendix.) The rest of the method follows here in order.",
    "Remove some unused files from the git repository",
    "In October 2024, about 11,000 troops arrived in Kursk, according to 3 officials.",
    "Items a), b) and c) of the list apply to every engine of the ship.",
    "The troops of the North Korean army arrived in Kursk, and the troops of Russia met them.",
    "I reviewed the draft and found the figures consistent with the annex.",
    "a) Accompany the combined library with a copy of the same work based on the Library.",
    "Fixed the retry of failed downloads. (:gh:`6255`, :gh:`6610`)",
    "The options that every command of the tool accepts are:",
]


@pytest.mark.parametrize("text", NOT_POINTS)
def test_pieces_bylines_asides_and_rows_are_no_points(text: str) -> None:
    assert not is_point(text)


@pytest.mark.parametrize("text", POINTS)
def test_sentences_that_stand_alone_are_points(text: str) -> None:
    assert is_point(text)


def test_a_section_broken_by_its_pages_gets_only_whole_sentences_as_points() -> None:
    paragraphs = [
        "The power of engines as per the first item is to",
        "be stated by the Manufacturer and agreed by the Society for each engine type.",
        "Crankcase doors are to be fastened securely so that an explosion cannot displace them.",
        "Ventilation of the crankcase is in principle not permitted on any engine of the ship.",
    ]
    points = [point.text for point in key_points(paragraphs, sentences=4)]
    assert points == paragraphs[2:]


def test_a_wrapped_item_an_importer_broke_in_two_gives_neither_piece() -> None:
    """A paragraph that opens in lower case goes on with the sentence the one before it left
    open (a reST change log's wrapped item, read as two paragraphs)."""
    paragraphs = [
        "Fixed an issue where the fixtures that execute before them are torn down in the wrong",
        "order when the test session ends, which left temporary folders behind on every run.",
        "The test runner now reads its options from the project file before the command line.",
        "Plugins that register a hook after start-up get a warning instead of an error now.",
    ]
    points = [point.text for point in key_points(paragraphs, sentences=4)]
    assert points == paragraphs[2:]


def test_a_sentence_with_a_code_fence_in_it_is_no_point() -> None:
    paragraphs = [
        "The canvas draws the curve through the four points given.\n"
        "canvas.setStrokeColor(black)\n        canvas.bezier(x1, y1, x2, y2, x3, y3, x4, y4)\n```",
        "A Bezier curve is drawn through two end points and bent by two control points.",
    ]
    assert [point.text for point in key_points(paragraphs)] == [paragraphs[1]]


def test_captions_are_no_key_points() -> None:
    """'Listing 4-4: Transferring ownership of return values' (the Rust book) says what a
    listing shows, without it; a sentence about a table is prose."""
    assert not is_point("Listing 4-4: Transferring ownership of return values")
    assert not is_point("Figure 3. Trade by port between 2015 and 2020 in tonnes.")
    assert not is_point("Table 12: Members of the corridor authority and their terms")
    assert is_point("Table 2 shows that trade rose by a tenth between 2015 and 2020.")


def test_a_quoted_point_is_shown_without_its_quote_marker() -> None:
    """A block quote is stored as Markdown writes it ('> …'); its sentence is the point, shown
    as a bullet, not '- > The memory model …'."""
    paragraphs = [
        "> The memory model of the language is incomplete and not fully decided yet.",
        "The most basic unit of memory in the language is a byte of eight bits.",
    ]
    points = key_points(paragraphs, sentences=2)
    texts = [point.text for point in points]
    assert texts[0] == "The memory model of the language is incomplete and not fully decided yet."
    assert all(point.text in paragraphs[point.paragraph] for point in points)
    assert marker_end("> > - nested item") == len("> > - ")
