"""What a person sees at a given width: wide characters, list items, tables, code and links.

Widths are counted as a terminal counts them (a CJK character takes two columns, a
combining mark none), on a terminal (Rich) and in plain text with ``--width``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from rich.cells import cell_len

from briefcli import query
from briefcli.loader import load_brief
from briefcli.output import OutputSettings, to_ansi
from briefcli.render import document, terminal, text
from briefcli.views import SectionView
from conftest import HERE, Runner

SAMPLE = HERE / "data" / "terminal-layout.yaml"
BRIEF = load_brief(SAMPLE)


def on_terminal(section: str, width: int, color: bool = False) -> str:
    """``brief show SECTION`` as typeset for a terminal of ``width`` columns."""
    view = SectionView(BRIEF, query.find_section(BRIEF, [section]))
    settings = OutputSettings(styled=True, color=color, width=width, pager=False)
    return to_ansi(terminal.render(document.build(view)), settings)


def widest(output: str) -> int:
    return max(cell_len(line) for line in output.splitlines())


def words(output: str) -> list[str]:
    return "".join(output.split()).split()


# -- plain text with --width --------------------------------------------------------------


@pytest.mark.parametrize("width", [20, 40, 60])
def test_wrapped_text_counts_wide_characters_as_two_columns(brief: Runner, width: int) -> None:
    result = brief("show", "1", "-b", str(SAMPLE), "-f", "text", "-w", str(width))
    assert result.exit_code == 0
    assert widest(result.stdout) <= width
    # Nothing lost: the same characters as unwrapped, but for the line breaks.
    whole = brief("show", "1", "-b", str(SAMPLE), "-f", "text").stdout
    assert "".join(result.stdout.split()) == "".join(whole.split())


def test_fill_breaks_like_textwrap_for_narrow_characters() -> None:
    import textwrap

    prose = "The quick brown fox jumps over the lazy dog; " * 5 + "x" * 70 + " end"
    for width in (20, 33, 60):
        expected = textwrap.fill(prose, width, break_on_hyphens=False)
        assert text.fill(prose, width) == expected


def test_fill_never_splits_a_letter_from_its_accent() -> None:
    lines = text.fill("e\u0301" * 30, 10).splitlines()
    assert all(line.startswith("e\u0301") and cell_len(line) <= 10 for line in lines)


def test_a_list_item_wraps_under_its_text_in_plain_text(brief: Runner) -> None:
    out = brief("show", "2", "-b", str(SAMPLE), "-w", "40").stdout
    assert "    - level 3 with a long text that\n      wraps around" in out
    assert "12. a numbered item whose text is long\n    enough" in out


def test_a_piped_list_with_a_wide_id_keeps_its_columns_aligned(
    brief: Runner, tmp_path: Path
) -> None:
    library = tmp_path / "data" / "briefcli" / "briefs"
    library.mkdir(parents=True)
    shutil.copy(SAMPLE, library / "東アジア安全保障-nato.yaml")
    lines = brief("list").stdout.splitlines()
    # The date column starts at the same column on every row, counted in cells.
    starts = set()
    for line in lines:
        date = re.search(r"  (-|\d{4}-\d\d-\d\d)  ", line)
        assert date is not None
        starts.add(cell_len(line[: date.start()]))
    assert len(starts) == 1
    # With --width, a row whose id leaves the title too little room stacks instead of
    # losing the title to an ellipsis.
    out = brief("list", "-w", "60").stdout
    assert widest(out) <= 60
    assert "\n  東アジアの安全保障と北大西洋条約機構（NATO）サミットに関…\n" in out


# -- on a terminal ------------------------------------------------------------------------


@pytest.mark.parametrize("width", [20, 40, 60, 80])
def test_terminal_lines_fit_the_width(width: int) -> None:
    for section in ("1", "2", "3", "4"):
        assert widest(on_terminal(section, width)) <= width, section


def test_a_list_item_wraps_under_its_text_on_a_terminal() -> None:
    out = on_terminal("2", 40)
    assert "    - level 3 with a long text that\n      wraps around" in out
    assert "12. a numbered item whose text is long\n    enough" in out


def test_a_term_inside_a_web_address_is_not_highlighted() -> None:
    out = on_terminal("1", 80, color=True)
    address = out.split("See ", 1)[1].split(" and the ", 1)[0]
    assert "https://nato.int/summit/2024/report.html" in address
    assert "\x1b[33m" not in address  # no term's colour inside it
    assert "\x1b[33mNATO summit\x1b[0m page" in out


@pytest.mark.parametrize("width", [20, 40, 80])
def test_a_table_too_wide_for_the_terminal_stacks_its_rows(width: int) -> None:
    out = on_terminal("3", width)
    assert "Name: NATO\n" in out and "Name: EU\n" in out
    assert "\nLast: end\n" in out
    if width >= 40:  # no word of the report is broken to make columns fit
        for word in ("Description:", "Organization", "北大西洋条約機構", "column:"):
            assert word in out, word
    # A table that fits keeps its columns.
    assert "日本   東京" in out


def test_a_table_that_fits_keeps_its_columns() -> None:
    out = on_terminal("3", 300)
    assert "Name   Description" in out
    assert "Name:" not in out


def test_a_tab_in_code_is_not_a_reason_to_wrap() -> None:
    assert "    only code    tab inside\n" in on_terminal("4", 40)


def test_a_long_code_line_wraps_marked_under_its_own_indent() -> None:
    out = on_terminal("4", 40)
    assert '        return "a very long line of\n        ↪ code' in out
    assert widest(out) <= 40
    # The code's words are all there, in order.
    assert " ".join(out.replace("↪", "").split()).count('narrow terminal"') == 1
