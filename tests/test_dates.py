"""Timeline dates: what each written form means, and that nothing else parses."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefcli.model import DatePoint, parse_date_point, parse_event_date


@pytest.mark.parametrize(
    ("text", "first", "last", "precision"),
    [
        ("2025-02-28", (2025, 2, 28), (2025, 2, 28), "day"),
        ("2024-02-29", (2024, 2, 29), (2024, 2, 29), "day"),
        ("2024-10", (2024, 10, 1), (2024, 10, 31), "month"),
        ("2024-Q4", (2024, 10, 1), (2024, 12, 31), "quarter"),
        ("2014", (2014, 1, 1), (2014, 12, 31), "year"),
        ("1940s", (1940, 1, 1), (1949, 12, 31), "decade"),
    ],
)
def test_each_written_form(
    text: str, first: tuple[int, int, int], last: tuple[int, int, int], precision: str
) -> None:
    assert parse_date_point(text) == DatePoint(first, last, precision)


@pytest.mark.parametrize(
    "text",
    ["", "2024-13", "2024-02-30", "2024-Q5", "24", "2024-1", "2024-01-1", "1945s", "2024-q4",
     "2024/10", "2024-10-01-01", " 2024", "2024\n", "-2024", "Q4-2024", "20240"],
)  # fmt: skip
def test_anything_else_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match=re.escape(repr(text))):
        parse_date_point(text)


def test_a_range_must_not_end_before_it_starts() -> None:
    assert parse_event_date("1950/1953").display() == "1950–1953"
    with pytest.raises(ValueError, match="ends before it starts"):
        parse_event_date("1953/1950")


PATTERNS = {
    "day": r"(\d{4})-(\d{2})-(\d{2})",
    "month": r"(\d{4})-(\d{2})",
    "quarter": r"(\d{4})-Q([1-4])",
    "year": r"(\d{4})",
    "decade": r"(\d{3})0s",
}


@given(
    st.text(st.sampled_from(list("0123456789-Qs/٣x ")), max_size=11)
    | st.from_regex(r"\d{4}(-(\d{2}|Q\d))?(-\d{2})?|\d{3}0s", fullmatch=True)
)
def test_a_date_parses_exactly_when_it_has_one_of_the_forms(text: str) -> None:
    # The parser uses string methods (no pattern compiled at start-up); these patterns say
    # what it accepts: a form's digits may be any decimal digits, as \d allows.
    form = next((f for f, p in PATTERNS.items() if re.fullmatch(p, text)), None)
    try:
        parsed = parse_date_point(text)
    except ValueError:
        parsed = None
    if form is None:
        assert parsed is None
    elif parsed is not None:
        assert parsed.precision == form
    else:  # the form is right but the calendar is not
        assert form in ("day", "month")
