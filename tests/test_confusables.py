"""Look-alike ids (issue 11, defect 14): TR39 skeletons, mixed-script warnings, one id in the
library for two ids a reader cannot tell apart."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefcli.confusables import confusable, mixed_scripts, skeleton
from briefcli.confusables_data import PROTOTYPES
from briefcli.paths import default_brief_path
from conftest import Runner, write

SHIPPED_ID = "nk-russia-troops-2025"
#: The shipped id with a Cyrillic 'ѕ' (U+0455 CYRILLIC SMALL LETTER DZE) for each 's'.
LOOK_ALIKE = SHIPPED_ID.replace("s", "\u0455")


# -- skeletons -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (LOOK_ALIKE, SHIPPED_ID),
        ("\u0440\u0430\u0443\u0441\u0435", "payce"),  # all Cyrillic
        ("\u03bfpen", "open"),  # Greek omicron
        ("report-2O25", "report-2025"),  # letter O for zero
        ("modern", "rnodern"),  # 'rn' for 'm'
        ("Il1", "lll"),
        ("\uff41bc", "abc"),  # fullwidth a
        ("a\u2010b", "a-b"),  # hyphen U+2010 for hyphen-minus
    ],
)
def test_look_alikes_share_a_skeleton(first: str, second: str) -> None:
    assert skeleton(first) == skeleton(second)
    assert confusable(first, second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("nk-russia", "nk-prussia"),
        ("café", "cafe"),  # an accent is visible
        ("north-korea", "North-Korea"),  # case is visible
        ("北朝鮮", "南朝鮮"),
        ("alpha-2023", "alpha-2024"),
    ],
)
def test_different_looking_ids_keep_different_skeletons(first: str, second: str) -> None:
    assert skeleton(first) != skeleton(second)
    assert not confusable(first, second)


def test_the_same_text_is_not_a_look_alike_of_itself() -> None:
    assert not confusable(SHIPPED_ID, SHIPPED_ID)


def test_the_table_maps_each_character_once() -> None:
    # TR39 applies the table once: no prototype may itself be mapped further.
    assert not any(ord(char) in PROTOTYPES for target in PROTOTYPES.values() for char in target)
    # The look-alikes this issue is about are in it.
    for code, prototype in ((0x0455, "s"), (0x0430, "a"), (0x03BF, "o"), (0x0030, "O")):
        assert PROTOTYPES[code] == prototype


@given(st.text(max_size=30))
def test_a_skeleton_is_its_own_skeleton(text: str) -> None:
    once = skeleton(text)
    assert skeleton(once) == once
    assert unicodedata.is_normalized("NFD", once)


# -- mixed scripts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            LOOK_ALIKE,
            "mixes Latin and Cyrillic letters: 'ѕ' is CYRILLIC SMALL LETTER DZE (U+0455)",
        ),
        ("\u03bfpen", "mixes Greek and Latin letters: 'ο' is GREEK SMALL LETTER OMICRON (U+03BF)"),
        ("αβγ-abc-где", "mixes Greek, Latin and Cyrillic letters: 'α' is GREEK SMALL LETTER ALPHA"),
    ],
)
def test_mixed_scripts_name_the_odd_letter(text: str, reason: str) -> None:
    found = mixed_scripts(text)
    assert found is not None and found.startswith(reason)


@pytest.mark.parametrize(
    "text",
    [SHIPPED_ID, "москва-2024", "αθήνα", "北朝鮮-2025", "report_1.2-final", "nk-北朝鮮", ""],
)
def test_one_script_with_digits_and_punctuation_is_fine(text: str) -> None:
    assert mixed_scripts(text) is None


# -- brief validate ------------------------------------------------------------------------------


def brief_text(brief_id: str, section_id: str = "1") -> str:
    return (
        f"id: {brief_id}\ntitle: T\nsections:\n  - id: '{section_id}'\n    title: One\n"
        "    paragraphs: [Hello.]\n"
    )


def test_validate_warns_on_a_mixed_script_id(brief: Runner, tmp_path: Path) -> None:
    path = write(tmp_path, "spoof.yaml", brief_text("nk-ru\u0455\u0455ia-notes"))
    result = brief("validate", str(path))
    assert result.exit_code == 0  # a warning: it loads
    assert result.stdout.splitlines() == [
        f"{path}:1:5: warning: id: mixes Latin and Cyrillic letters: 'ѕ' is CYRILLIC SMALL "
        "LETTER DZE (U+0455): a look-alike of a plain id? (write it in one script)",
        f"{path}: valid (1 warning)",
    ]
    assert brief("validate", "--strict", str(path)).exit_code == 1


def test_validate_warns_on_a_mixed_script_section_id(brief: Runner, tmp_path: Path) -> None:
    path = write(tmp_path, "spoof.yaml", brief_text("notes", "\u0430bc"))
    result = brief("validate", str(path))
    assert result.stdout.splitlines()[0].startswith(
        f"{path}:4:9: warning: sections[0].id: mixes Cyrillic and Latin letters: 'а'"
    )


def test_validate_warns_on_a_look_alike_of_a_library_id(brief: Runner, tmp_path: Path) -> None:
    path = write(tmp_path, "spoof.yaml", brief_text(LOOK_ALIKE))
    result = brief("validate", str(path))
    assert result.exit_code == 0
    assert (
        f"{path}:1:5: warning: id: '{LOOK_ALIKE}' looks like '{SHIPPED_ID}', the id of "
        f"{default_brief_path()} in the library ('brief list' shows which one 'brief -b ID' "
        "reads)"
    ) in result.stdout.splitlines()


# -- the library ---------------------------------------------------------------------------------


def test_a_look_alike_id_is_a_duplicate_in_the_library(
    brief: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shelf = tmp_path / "shelf"
    shelf.mkdir()
    spoof = write(shelf, "spoof.yaml", brief_text(LOOK_ALIKE).replace("title: T", "title: Spoof"))
    monkeypatch.setenv("BRIEF_PATH", str(shelf))
    listed = json.loads(brief("list", "--format", "json").stdout)
    assert listed["duplicates"] == [
        {"id": SHIPPED_ID, "paths": [str(default_brief_path()), str(spoof)]}
    ]
    statuses = {b["path"]: b["status"] for b in listed["briefs"]}
    assert statuses[str(spoof)] == "duplicate"
    # Either spelling reaches the brief that comes first, with a warning about the other.
    for ref in (SHIPPED_ID, LOOK_ALIKE):
        shown = brief("-b", ref)
        assert shown.exit_code == 0, shown.stderr
        assert shown.stdout.startswith("North Korea")
        assert shown.stderr.startswith(f"brief: warning: 2 briefs have the id '{SHIPPED_ID}'")
