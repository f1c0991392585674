"""`brief summary`, `show summary` and `brief glossary` on briefs with and without their own texts.

The report's Summary section and the editor's key points come first; where a brief has none,
brief quotes sentences it chose (origin 'extracted') and says so in every format.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefcli import options
from briefcli.loader import load_brief
from briefcli.model import ORIGINS
from conftest import HERE, Runner, golden

SAMPLE = str(HERE / "data" / "extracts-sample.yaml")
SAID = "chosen by brief from the report's sentences"
EXTENSIONS = {"text": "txt", "markdown": "md", "json": "json", "yaml": "yaml"}

CASES = [
    (("summary",), "extracts-summary"),
    (("summary", "--section", "2"), "extracts-section-2"),
    (("summary", "--section", "2-2"), "extracts-section-2-2"),
    (("summary", "--section", "3", "--sentences", "2"), "extracts-section-3-two"),
    (("show", "summary"), "extracts-show-summary"),
    (("glossary",), "extracts-glossary"),
    (("glossary", "nato"), "extracts-glossary-nato"),
]


@pytest.mark.parametrize("fmt", list(EXTENSIONS))
@pytest.mark.parametrize(("args", "name"), CASES)
def test_extracted_outputs_match_golden(
    brief: Runner, args: tuple[str, ...], name: str, fmt: str
) -> None:
    result = brief(*args, "--brief", SAMPLE, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    golden(f"formats/{name}.{EXTENSIONS[fmt]}", result.stdout)


def test_extracted_key_points_typeset_match_golden(brief: Runner) -> None:
    result = brief("summary", "-s", "3", "-b", SAMPLE, "--color", "always", "--width", "60")
    assert result.exit_code == 0, result.stderr
    assert SAID.split()[0] in result.stdout
    golden("formats/extracts-section-3.ansi", result.stdout)


# -- which summary -----------------------------------------------------------------------------


def test_the_reports_own_summary_is_printed_unlabelled(brief: Runner) -> None:
    result = brief("summary")
    assert result.exit_code == 0
    assert SAID not in result.stdout
    data = json.loads(brief("summary", "-f", "json").stdout)
    assert (data["origin"], data["section"]) == ("report", "1")


def test_without_a_summary_section_the_extract_says_so(brief: Runner) -> None:
    text = brief("summary", "-b", SAMPLE).stdout
    assert text.startswith("No Summary section in this report: these sentences are " + SAID)
    data = json.loads(brief("summary", "-b", SAMPLE, "-f", "json").stdout)
    assert (data["origin"], data["section"]) == ("extracted", None)
    report = load_brief(SAMPLE)
    words = [p for section in report.sections for p in section.all_paragraphs()]
    # Word for word: each sentence stands in one paragraph of the report.
    assert data["paragraphs"]
    assert all(any(s in p for p in words) for s in data["paragraphs"])


def test_show_summary_is_the_summary_section_where_there_is_one(brief: Runner) -> None:
    assert brief("show", "summary").stdout == brief("show", "1").stdout


def test_show_summary_without_one_prints_the_labelled_extract(brief: Runner) -> None:
    shown = brief("show", "summary", "-b", SAMPLE)
    assert shown.exit_code == 0
    assert shown.stdout == brief("summary", "-b", SAMPLE).stdout
    assert SAID in shown.stdout


def test_other_unknown_sections_are_still_not_found(brief: Runner) -> None:
    result = brief("show", "conclusion", "-b", SAMPLE)
    assert result.exit_code == 1
    assert "no section 'conclusion'" in result.stderr


# -- key points --------------------------------------------------------------------------------


def test_section_key_points_are_the_editors_where_written(brief: Runner) -> None:
    data = json.loads(brief("summary", "--section", "2", "-b", SAMPLE, "-f", "json").stdout)
    assert data["origin"] == "editor"
    assert data["key_points"] == ["The alliance is adding forces on its eastern flank."]
    assert "written by the brief's editor" in brief("summary", "-s", "2", "-b", SAMPLE).stdout


def test_section_key_points_are_extracted_where_the_editor_wrote_none(brief: Runner) -> None:
    result = brief("summary", "--section", "3", "-b", SAMPLE)
    assert result.exit_code == 0
    assert "The editor wrote no key points here: these are " + SAID in result.stdout
    data = json.loads(brief("summary", "--section", "3", "-b", SAMPLE, "-f", "json").stdout)
    assert data["origin"] == "extracted" and data["key_points"]


def test_a_subsection_is_that_subsection_never_its_section(brief: Runner) -> None:
    data = json.loads(brief("summary", "--section", "2-1", "-b", SAMPLE, "-f", "json").stdout)
    assert data["section"] == "2-1"
    assert data["origin"] == "extracted"  # section 2's editor points are not 2-1's
    assert all("Storm Corps" in p or "soldiers" in p for p in data["key_points"])
    shipped = json.loads(brief("summary", "--section", "4-2", "-f", "json").stdout)
    assert shipped["section"] == "4-2" and shipped["origin"] == "extracted"
    missing = brief("summary", "--section", "2-9", "-b", SAMPLE)
    assert missing.exit_code == 1 and "no section '2-9'" in missing.stderr


@pytest.mark.parametrize("section", ["3", "1"])
def test_sentences_and_words_set_the_length(brief: Runner, section: str) -> None:
    def points(*args: str) -> list[str]:
        out = brief("summary", "-s", section, "-b", SAMPLE, "-f", "json", *args).stdout
        return list(json.loads(out)["key_points"])

    assert len(points("--sentences", "1")) == 1
    assert len(points("--sentences", "2")) == 2
    short = points("--words", "15")
    assert short and sum(len(p.split()) for p in short) <= 15
    summary = json.loads(brief("summary", "--words", "20", "-b", SAMPLE, "-f", "json").stdout)
    assert sum(len(p.split()) for p in summary["paragraphs"]) <= 20


def test_the_reports_summary_is_cut_to_its_first_sentences(brief: Runner) -> None:
    data = json.loads(brief("summary", "--sentences", "1", "-f", "json").stdout)
    assert data["origin"] == "report" and len(data["paragraphs"]) == 1
    whole = json.loads(brief("summary", "-f", "json").stdout)["paragraphs"][0]
    assert whole.startswith(data["paragraphs"][0])


def test_sentences_and_words_together_are_refused(brief: Runner) -> None:
    result = brief("summary", "--sentences", "2", "--words", "30")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[0] == (
        "brief: error: give --sentences or --words, not both"
    )
    assert result.stdout == ""


# -- glossary ------------------------------------------------------------------------------


def test_a_brief_without_a_glossary_lists_extracted_terms(brief: Runner) -> None:
    out = brief("glossary", "-b", SAMPLE).stdout
    assert "NATO [extracted]" in out and "Storm Corps [extracted]" in out
    assert "Terms marked [extracted] are found by brief in the text" in out
    data = json.loads(brief("glossary", "-b", SAMPLE, "-f", "json").stdout)
    assert {t["origin"] for t in data["terms"]} == {"extracted"}


def test_extracted_terms_are_found_under_acronym_expansion_and_possessive(brief: Runner) -> None:
    for query in ("NATO", "north atlantic treaty organization"):
        data = json.loads(brief("glossary", query, "-b", SAMPLE, "-f", "json").stdout)
        assert data["term"]["term"] == "NATO"
        assert data["term"]["origin"] == "extracted"
        # Section 3 names only the expansion.
        assert data["term"]["used_in"] == ["1", "3"]
    corps = json.loads(brief("glossary", "storm corps", "-b", SAMPLE, "-f", "json").stdout)
    # 2-2 has only the possessive "Storm Corps' budget".
    assert corps["term"]["used_in"] == ["2-1", "2-2", "3"]
    assert "'Storm Corps'" in corps["term"]["definition"]
    shown = brief("glossary", "nato", "-b", SAMPLE).stdout
    assert "Origin: extracted (found by brief in the text" in shown


def test_the_shipped_glossary_lists_the_reports_terms_only(brief: Runner) -> None:
    out = brief("glossary").stdout
    assert "[extracted]" not in out and "Storm Corps" in out


@pytest.mark.parametrize("origin", ORIGINS)
def test_origin_filters_the_list(brief: Runner, origin: str) -> None:
    result = brief("glossary", "--origin", origin, "-f", "json")
    if origin == "editor":  # the shipped brief has no editor's terms: said on stderr, exit 1
        assert (result.exit_code, result.stdout) == (1, "")
        return
    assert result.exit_code == 0, result.stderr
    terms = json.loads(result.stdout)["terms"]
    assert terms and all(t["origin"] == origin for t in terms)


def test_origin_filters_a_lookup(brief: Runner) -> None:
    assert brief("glossary", "Storm Corps", "--origin", "extracted").exit_code == 1
    report = brief("glossary", "Storm Corps", "--origin", "report", "-f", "json")
    assert json.loads(report.stdout)["term"]["origin"] == "report"
    none = brief("glossary", "NATO", "--origin", "report", "-b", SAMPLE)
    assert none.exit_code == 1 and none.stderr.startswith("brief: error:")
    bad = brief("glossary", "--origin", "invented")
    assert bad.exit_code == 2


def test_an_empty_filtered_list_says_so(brief: Runner) -> None:
    result = brief("glossary", "--origin", "editor")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "brief: error: nk-russia-troops-2025 has no glossary terms of origin editor\n"
    )


def test_the_origin_choices_are_the_models() -> None:
    assert options.ORIGIN.choices == ORIGINS


# -- a brief that stores extracted points and terms ------------------------------------------


STORED = """\
schema_version: 1
id: stored
title: Stored Extracts
kind: Test Brief
date: "2025"
publisher: brief tests
source: written for the tests
sections:
  - id: "1"
    title: Only
    paragraphs: ["The first sentence is here. The second one follows it."]
    extracted_points: ["The second one follows it."]
glossary:
  - term: Second
    category: Term
    definition: The second one follows it.
    origin: extracted
"""


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_export_labels_stored_extracts_in_every_format(
    brief: Runner, tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / "stored.yaml"
    path.write_text(STORED, encoding="utf-8")
    out = brief("export", "-b", str(path), "-f", fmt).stdout
    assert "Key points (chosen by brief from the report" in out
    assert "found by brief in the text" in out


def test_stored_extracted_points_are_shown_as_extracted(brief: Runner, tmp_path: Path) -> None:
    path = tmp_path / "stored.yaml"
    path.write_text(STORED, encoding="utf-8")
    data = json.loads(brief("summary", "-s", "1", "-b", str(path), "-f", "json").stdout)
    assert (data["origin"], data["key_points"]) == ("extracted", ["The second one follows it."])
    listed = brief("glossary", "-b", str(path)).stdout
    assert "Second [extracted]" in listed


def test_a_sentence_the_report_repeats_is_one_key_point(brief: Runner, tmp_path: Path) -> None:
    """A subsection that opens with its section's sentence gave that sentence twice."""
    source = tmp_path / "r.md"
    sentence = "The harbour silted up between 2019 and 2023 according to the survey team."
    source.write_text(f"# Report\n\n## Findings\n\n{sentence}\n\n### Harbour\n\n{sentence}\n")
    assert brief("import", str(source), "-o", str(tmp_path / "r.yaml")).exit_code == 0
    out = brief("summary", "-s", "1", "-b", str(tmp_path / "r.yaml"), "-f", "json").stdout
    assert json.loads(out)["key_points"] == [sentence]
