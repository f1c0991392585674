"""The shipped brief holds the whole report word for word, and ships inside the package."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefcli.loader import load_brief
from briefcli.model import Brief
from briefcli.paths import default_brief_path
from conftest import SOURCE

BRIEF = load_brief(default_brief_path())
# Lines of the raw text that are page furniture, not the report's words.
FURNITURE = {"Your browser does not support JavaScript!", "TABLE OF CONTENTS", "Source Documents"}


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _report_words(brief: Brief) -> list[str]:
    meta = brief.meta
    words = [meta.title, meta.publisher, meta.kind]
    for section in brief.sections:
        words.append(f"{section.id}. {section.title}")
        words.extend(section.paragraphs)
        for sub in section.subsections:
            words.append(f"{sub.id}. {sub.title}")
            words.extend(sub.paragraphs)
    for entry in brief.glossary:
        words.append(f"{entry.term} [{entry.category}]: {entry.definition}")
    return words


def test_every_paragraph_of_the_source_is_in_the_brief(source_text: str) -> None:
    # White space is ignored, which also forgives the fixed artifacts ("3, 000" → "3,000").
    haystack = _squeeze("\n".join(_report_words(BRIEF))) + "Glossary" + "Conclusion"
    missing = []
    for line in source_text.splitlines():
        line = re.sub(r"^\s*•\s*", "", line).strip()
        if not line or line in FURNITURE:
            continue
        if line.startswith("General Report "):
            line = "General Report"  # the date is kept as 2025-02-28 in the metadata
        if _squeeze(line) not in haystack:
            missing.append(line[:80])
    assert missing == []


def test_paragraph_counts_match_the_source(source_text: str) -> None:
    bullets = [ln for ln in source_text.splitlines() if ln.strip().startswith("•")]
    subsection_titles = [b for b in bullets if re.match(r"\s*•\s*\d+-\d+\.", b)]
    glossary = [b for b in bullets if re.search(r"\[\w+\]:", b)]
    paragraphs = sum(len(s.all_paragraphs()) for s in BRIEF.sections)
    subsections = sum(len(s.subsections) for s in BRIEF.sections)
    assert subsections == len(subsection_titles) == 15
    assert len(BRIEF.glossary) == len(glossary) == 8
    assert paragraphs == len(bullets) - len(subsection_titles) - len(glossary)


def test_artifacts_are_fixed_and_nothing_else() -> None:
    everything = "\n".join(_report_words(BRIEF))
    assert re.search(r"\d, \d{3}\b", everything) is None
    assert "'Storm Corps,'" in everything and "'Storm Corps, '" not in everything
    assert "JavaScript" not in everything
    assert "3,000 to 12,000" in everything and "approximately 10,000" in everything


def test_metadata_and_structure() -> None:
    assert BRIEF.meta.id == "nk-russia-troops-2025"
    assert BRIEF.meta.date == "2025-02-28"
    assert BRIEF.meta.publisher == "goover"
    assert [s.id for s in BRIEF.sections] == ["1", "2", "3", "4", "5", "6", "7"]
    assert BRIEF.sections[0].role == "summary" and BRIEF.sections[-1].role == "conclusion"
    assert [sub.id for sub in BRIEF.sections[3].subsections] == ["4-1", "4-2", "4-3"]
    categories = {e.term: e.category for e in BRIEF.glossary}
    assert categories["Six-Party Talks"] == "Document" and categories["Cold War"] == "Event"


def test_editor_text_is_marked_and_covers_sections_2_to_6() -> None:
    with_points = [s.id for s in BRIEF.sections if s.key_points]
    assert with_points == ["2", "3", "4", "5", "6"]
    by_date = {e.date.text: e for e in BRIEF.timeline}
    for date in (
        "1950/1953",
        "1991",
        "2014",
        "2019",
        "2023-06",
        "2024-10",
        "2024-Q4",
        "2025-02-28",
    ):
        assert date in by_date, date
    assert by_date["2024-10"].sections == ("4-1", "4-2")
    assert all(e.origin in ("editor", "report") for e in BRIEF.timeline)


def test_the_brief_ships_inside_the_installed_package() -> None:
    import briefcli

    path = default_brief_path()
    assert path.is_file()
    # Installed (not editable): the brief sits in the package folder, not in a checkout.
    if "site-packages" in briefcli.__file__:
        assert path.parent.parent == Path(briefcli.__file__).parent


def test_the_repository_copy_of_the_source_is_the_shared_one() -> None:
    shared = SOURCE.parents[3] / "shared" / "sources" / SOURCE.name
    if not shared.is_file():
        pytest.skip("no shared/ folder beside this checkout")
    assert SOURCE.read_bytes() == shared.read_bytes()


def test_editor_notes_flag_the_reports_dates_and_the_secretary_general() -> None:
    notes = BRIEF.notes
    assert len(notes) == 2
    assert "Putin visit" in notes[0] and "June 2024" in notes[0]
    # The note on NATO's Secretary General points at words the report really has, where it says.
    assert "Jens Stoltenberg" in notes[1] and "Mark Rutte" in notes[1]
    assert "1 October 2024" in notes[1]
    where = {sub.id: " ".join(sub.paragraphs) for s in BRIEF.sections for sub in s.subsections}
    assert "NATO Secretary General, Jens Stoltenberg" in where["5-2"]
    assert "Reports from October 2024" in where["4-2"]
