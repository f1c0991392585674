"""Every command and its errors, run through the CLI as a user types them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Runner, write


def test_overview_shows_title_metadata_and_contents(brief: Runner) -> None:
    result = brief()
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("North Korea's Troop Deployment to Russia")
    assert "General Report · 2025-02-28 · goover" in result.stdout
    assert "4    709 words  3 min  Current Developments in the Ukraine Conflict" in result.stdout
    assert "4-2  212 words  1 min    Timeline of troop movements" in result.stdout
    assert "7    202 words  1 min  Conclusion" in result.stdout
    assert "3,889 words in all: about 17 min at 230 words a minute." in result.stdout


@pytest.mark.parametrize(
    "words",
    [["section", "4"], ["4"], ["Section", "4"], ["§4"], ["4."]],
)
def test_show_section_four_in_any_spelling(brief: Runner, words: list[str]) -> None:
    result = brief("show", *words)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("4. Current Developments in the Ukraine Conflict\n")
    for sub in ("4-1. Recent intelligence", "4-2. Timeline of troop", "4-3. South Korea's"):
        assert sub in out
    assert "5. Geopolitical" not in out and "5-1." not in out
    assert "3-3." not in out


@pytest.mark.parametrize("ref", ["4-2", "4.2", "4 - 2", "section 4.2"])
def test_show_subsection(brief: Runner, ref: str) -> None:
    result = brief("show", *ref.split())
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("4-2. Timeline of troop movements and military engagements\n")
    assert "Vladivostok" in result.stdout
    assert "4-1." not in result.stdout and "4-3." not in result.stdout


def test_show_summary_and_conclusion_by_name(brief: Runner) -> None:
    summary = brief("show", "summary")
    assert summary.stdout.startswith("1. Summary\n")
    conclusion = brief("show", "conclusion")
    assert conclusion.stdout.startswith("7. Conclusion\n")
    assert "Going forward, the international community" in conclusion.stdout


def test_unknown_section_is_one_line_with_nearest_and_exit_1(brief: Runner) -> None:
    result = brief("show", "section", "9")
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("brief: error: no section '9'; nearest is '7'; valid: 1, 2, 2-1")


def test_show_without_a_section_is_a_usage_error(brief: Runner) -> None:
    result = brief("show")
    assert result.exit_code == 2
    assert "Missing argument" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("query", ["Storm Corps", "storm corps", "STORM CORPS", "  storm   corps "])
def test_glossary_term_any_case(brief: Runner, query: str) -> None:
    result = brief("glossary", query)
    assert result.exit_code == 0
    assert "Storm Corps [Concept]" in result.stdout
    assert "A specialized unit within the North Korean military" in result.stdout
    assert "Used in: 2-1, 4-1" in result.stdout
    assert "Showing" not in result.stdout


def test_glossary_typo_is_corrected_and_said(brief: Runner) -> None:
    result = brief("glossary", "Strom Corps")
    assert result.exit_code == 0
    # Said on stderr: a script's first line is the term whether or not it was corrected.
    assert result.stderr == "brief: showing 'Storm Corps' for 'Strom Corps'\n"
    assert result.stdout.startswith("Storm Corps [Concept]\n")
    assert result.stdout == brief("glossary", "Storm Corps").stdout


def test_glossary_unknown_term_lists_closest(brief: Runner) -> None:
    result = brief("glossary", "nonsense")
    assert result.exit_code == 1
    assert result.stdout == ""
    error, hint = result.stderr.splitlines()
    assert error.startswith("brief: error: no glossary term 'nonsense'")
    assert hint == "brief: hint: to find it in the text: brief search nonsense"
    near = brief("glossary", "Cold Wars II")
    assert near.exit_code in (0, 1)
    far = brief("glossary", "regional instability of everything")
    assert far.exit_code == 1
    assert "closest: Regional stability" in far.stderr


def test_glossary_lists_all_eight_terms_with_categories(brief: Runner) -> None:
    result = brief("glossary")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 8
    assert lines[0].split() == ["Storm", "Corps", "Concept"]
    assert any(line.startswith("Six-Party Talks") and line.endswith("Document") for line in lines)


def test_timeline_is_chronological(brief: Runner) -> None:
    out = brief("timeline").stdout
    korean_war = out.index("1950–1953")
    crimea = out.index("2014 ")
    october = out.index("Oct 2024")
    assert korean_war < crimea < october
    assert out.index("1991") < crimea
    assert out.index("2024 Q4") > october
    # The legend is for a person at a terminal: a pipe gets one line per event.
    assert "Entries marked [editor]" not in out
    assert len(out.splitlines()) == 11
    typeset = brief("timeline", "--color", "always").stdout
    assert "Entries marked [editor]" in typeset


def test_timeline_since_until(brief: Runner) -> None:
    out = brief("timeline", "--since", "2014", "--until", "2024-10").stdout
    assert "2014" in out and "Oct 2024" in out
    # Events overlapping the span count: the last quarter of 2024 begins in October.
    assert "2024 Q4" in out
    assert "1950–1953" not in out and "1991" not in out and "2025" not in out
    assert "2024 Q4" not in brief("timeline", "--until", "2024-09").stdout


def test_timeline_bad_date_is_usage_error(brief: Runner) -> None:
    result = brief("timeline", "--since", "last tuesday")
    assert result.exit_code == 2
    assert "--since 'last tuesday' is not a date" in result.stderr


def test_summary_pipes_plain_text(brief: Runner) -> None:
    result = brief("summary")
    assert result.exit_code == 0
    paragraphs = result.stdout.strip().split("\n\n")
    assert len(paragraphs) == 3
    assert "3,000 to 12,000" in result.stdout
    assert "\x1b" not in result.stdout


def test_summary_section_key_points_are_marked_as_editors(brief: Runner) -> None:
    result = brief("summary", "--section", "4")
    assert result.exit_code == 0
    assert "written by the brief's editor, not the report's words" in result.stdout
    assert result.stdout.count("\n- ") == 3


def test_export_holds_everything(brief: Runner) -> None:
    out = brief("export").stdout
    for needle in (
        "1. Summary",
        "6-3. Scenarios",
        "Conclusion",
        "Glossary",
        "Timeline",
        "Regional stability [Concept]",
        "Oct 2024",
        "Editor's notes",
    ):
        assert needle in out


def test_json_format_is_versioned(brief: Runner) -> None:
    data = json.loads(brief("show", "4-2", "--format", "json").stdout)
    assert data["schema_version"] == 2
    assert data["view"] == "section"
    assert data["section"]["id"] == "4-2"


def test_options_before_the_command_apply(brief: Runner, tmp_path: Path) -> None:
    result = brief("--format", "json", "glossary", "storm corps")
    assert json.loads(result.stdout)["term"]["term"] == "Storm Corps"


def test_width_wraps_when_asked(brief: Runner) -> None:
    out = brief("show", "4-2", "--width", "60").stdout
    assert max(len(line) for line in out.splitlines()) <= 60


def test_missing_brief_file_is_exit_2(brief: Runner, tmp_path: Path) -> None:
    result = brief("show", "4", "--brief", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert result.stderr == f"brief: error: {tmp_path / 'nope.yaml'}: no such file\n"


def test_invalid_brief_names_line_and_key_path(brief: Runner, tmp_path: Path) -> None:
    path = write(tmp_path, "bad.yaml", "id: x\ntitle: T\nsections:\n  - id: '1'\n    titel: A\n")
    result = brief("show", "1", "-b", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"brief: error: {path}:5:5: sections[0].titel: unknown key")
    assert "did you mean 'title'?" in result.stderr


def test_brief_from_environment(brief: Runner, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "mini.yaml",
        "id: mini\ntitle: Mini\nsections:\n  - id: '1'\n    title: One\n    paragraphs: [Hello.]\n",
    )
    result = brief("show", "1", env={"BRIEF": str(path)})
    assert result.stdout == "1. One\n\nHello.\n"


def test_bad_option_is_usage_error(brief: Runner) -> None:
    result = brief("show", "4", "--colour", "always")
    assert result.exit_code == 2
    assert result.stderr.startswith("brief: error: No such option: --colour")
    assert "Traceback" not in result.stderr


def test_every_command_has_help_with_an_example(brief: Runner) -> None:
    for command in ("show", "glossary", "timeline", "summary", "export"):
        result = brief(command, "--help")
        assert result.exit_code == 0
        assert "Examples:" in result.stdout and f"brief {command}" in result.stdout


@pytest.mark.parametrize(
    ("query", "term"),
    [
        ("six party", "Six-Party Talks"),
        ("us containment strategies", "U.S. containment strategies"),
        ("storm", "Storm Corps"),
        ("Asymetric warfare", "Asymmetric warfare"),
    ],
)
def test_glossary_forgives_punctuation_prefixes_and_typos(
    brief: Runner, query: str, term: str
) -> None:
    result = brief("glossary", query)
    assert result.exit_code == 0
    assert result.stderr == f"brief: showing {term!r} for {query!r}\n"
    assert result.stdout.startswith(f"{term} [")


def test_glossary_no_match_always_offers_three_terms(brief: Runner) -> None:
    result = brief("glossary", "nonsense")
    assert result.stderr.count(",") == 2 and "closest: " in result.stderr


def test_show_gives_the_editors_notes_that_name_the_section(brief: Runner) -> None:
    """The shipped brief's note on Jens Stoltenberg and Mark Rutte names sections 5-2 and
    4-2: it follows them (and sections 5 and 4), marked as the editor's; section 3 has none."""
    for ref in ("5-2", "5", "4-2", "4"):
        out = brief("show", ref).stdout
        assert "Editor's notes (written by the brief's editor, not the report's words):" in out
        assert "Mark Rutte held that post from 1 October 2024" in out
    assert "Editor's notes" not in brief("show", "3").stdout
    data = json.loads(brief("show", "5-2", "--format", "json").stdout)
    assert [n["origin"] for n in data["section"]["notes"]] == ["editor"]
    assert json.loads(brief("show", "3", "--format", "json").stdout)["section"]["notes"] == []
