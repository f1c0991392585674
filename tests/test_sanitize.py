"""The one sanitiser: what it escapes, how it shows it, and what it leaves alone."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefcli.sanitize import has_unsafe, json_escape_unsafe, sanitize, sanitize_line, shorten


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b]52;c;eA==\x07", "\\x1b]52;c;eA==\\x07"),  # OSC 52 clipboard write
        ("\x1b]8;;http://e\x1b\\x\x1b]8;;\x1b\\", "\\x1b]8;;http://e\\x1b\\x\\x1b]8;;\\x1b\\"),
        ("\x1b[2J\x1b[H", "\\x1b[2J\\x1b[H"),  # clear screen, cursor home
        ("a\x00b\x7fc", "a\\x00b\\x7fc"),  # NUL, DEL
        ("x\ry", "x\\x0dy"),  # CR would overwrite the line
        ("\x9b31m \x9d0;t\x9c \x85", "\\x9b31m \\x9d0;t\\x9c \\x85"),  # C1 CSI, OSC, ST, NEL
        ("a\u202eb\u2066c\u2069", "a<U+202E>b<U+2066>c<U+2069>"),  # bidi override, isolate
        ("a\u200bb\u200dc\ufeffd\u2060e", "a<U+200B>b<U+200D>c<U+FEFF>d<U+2060>e"),
        ("l\u2028p\u2029", "l<U+2028>p<U+2029>"),
        ("\U000e0041\u3164\u180e", "<U+E0041><U+3164><U+180E>"),  # tags, Hangul filler
        ("name\udcff", "name\\xff"),  # a byte that was not UTF-8 (surrogateescape)
        ("\ud800", "<U+D800>"),
    ],
)
def test_unsafe_characters_are_shown_visibly(raw: str, shown: str) -> None:
    assert sanitize(raw) == shown
    assert has_unsafe(raw)


@pytest.mark.parametrize(
    "text",
    [
        "[bold]x[/] [/] list[int] :smile: [link=https://e]x[/link]",
        "tab\tand\nnewline",
        "שלום مرحبا 北朝鮮 사회과학원 😄 👍🏽 ❤️",
        "soft\u00adhyphen, no\u00a0break, e\u0301",
        "\\x1b is already text",
    ],
)
def test_safe_text_is_left_exactly_as_it_is(text: str) -> None:
    assert sanitize(text) == text
    assert not has_unsafe(text)


@pytest.mark.parametrize(
    "text",
    [
        "👨\u200d👩\u200d👧",  # a family emoji
        "می\u200cخواهم",  # Persian: the non-joiner is part of how the word is written
        "क्\u200dष",  # Devanagari: a joiner asks for a half form
    ],
)
def test_a_joiner_between_two_letters_outside_ascii_is_kept(text: str) -> None:
    assert sanitize(text) == text
    assert not has_unsafe(text)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("ad\u200dmin", "ad<U+200D>min"),  # next to ASCII: a look-alike of 'admin'
        ("ب\u200c\u200d\u200cب", "ب<U+200C><U+200D><U+200C>ب"),  # a run: hidden data
        ("\u200dب", "<U+200D>ب"),  # at an end
        ("ب\u200c ب", "ب<U+200C> ب"),  # next to a space
        ("ب\u200d\u202eب", "ب<U+200D><U+202E>ب"),  # next to another invisible character
    ],
)
def test_a_joiner_anywhere_else_is_shown(raw: str, shown: str) -> None:
    assert sanitize(raw) == shown
    assert has_unsafe(raw)


def test_sanitize_line_keeps_one_line() -> None:
    assert sanitize_line("a\nb\tc\x1b") == "a\\nb c\\x1b"


def test_shorten_cuts_long_text_with_an_ellipsis() -> None:
    assert shorten("k" * 100, 10) == "kkkkkkkkk…"
    assert shorten("short", 10) == "short"
    assert shorten("\x1b" * 5, 10) == "\\x1b\\x1b\\…"


@given(st.text())
def test_sanitised_text_has_nothing_raw_and_sanitising_again_changes_nothing(text: str) -> None:
    once = sanitize(text)
    assert not has_unsafe(once)
    assert sanitize(once) == once
    for char in once:
        assert char in "\n\t" or unicodedata.category(char) not in ("Cc", "Cs", "Zl", "Zp")
    assert "\n" not in sanitize_line(text)


@given(st.text())
def test_json_escaping_is_lossless_and_safe(text: str) -> None:
    encoded = json_escape_unsafe(json.dumps({"t": text}, ensure_ascii=False))
    assert not has_unsafe(encoded)
    assert json.loads(encoded) == {"t": text}


def test_the_quick_check_never_passes_a_character_the_pattern_would_escape() -> None:
    # sanitize() skips its regular expression for text that str.isprintable() calls clean;
    # that shortcut must agree with the pattern for every code point there is.
    from briefcli.sanitize import _clean, _unsafe

    pattern = _unsafe()
    missed = [
        f"U+{code:04X}"
        for code in range(0x110000)
        if _clean(chr(code)) and pattern.search(chr(code)) is not None
    ]
    assert missed == []
    assert _clean("line one\n\tline two ’quoted’ 3,000")


@given(st.text())
def test_text_the_quick_check_calls_clean_is_returned_unchanged(text: str) -> None:
    from briefcli.sanitize import _clean

    if _clean(text):
        assert sanitize(text) is text
        assert not has_unsafe(text)
