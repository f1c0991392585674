"""The import corpus (tests/data/corpus): real documents keep every heading, in order, and
their words, and give a timeline without garbage, with their dated headings as events."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from briefcli.importers import brief_yaml, import_report

CORPUS = Path(__file__).parent / "data" / "corpus"
EXPECTED: dict[str, Any] = tomllib.loads((CORPUS / "expected.toml").read_text(encoding="utf-8"))
sys.path.insert(0, str(CORPUS))
import measure  # noqa: E402  (the corpus's own measuring script)


@pytest.fixture(scope="module", params=sorted(EXPECTED), ids=str)
def document(request: pytest.FixtureRequest) -> tuple[Path, dict[str, Any], Any]:
    path = CORPUS / request.param
    brief = import_report(path.read_bytes(), path.name)
    brief_yaml(brief, path.name)  # a brief that loads
    return path, EXPECTED[request.param], brief


def test_every_heading_in_order(document: tuple[Path, dict[str, Any], Any]) -> None:
    _, expected, brief = document
    want = [("  " if h.startswith("  ") else "") + measure.norm(h) for h in expected["headings"]]
    have = [
        ("  " if t.startswith("  ") else "") + measure.norm(t) for _, t in measure.outline(brief)
    ]
    assert measure.lcs(want, have) == len(want)
    if "ids" in expected:
        assert measure.lcs(expected["ids"], [i for i, _ in measure.outline(brief)]) == len(
            expected["ids"]
        )
    if "title" in expected:
        assert measure.norm(brief.meta.title) == measure.norm(expected["title"])


def test_the_words_a_reader_sees_are_kept(document: tuple[Path, dict[str, Any], Any]) -> None:
    path, _, brief = document
    source = measure.words(measure.visible_text(path, path.read_text(encoding="utf-8-sig")))
    assert measure.kept(source, measure.words(measure.brief_text(brief))) >= 0.995


def test_no_section_loses_its_body(document: tuple[Path, dict[str, Any], Any]) -> None:
    _, _, brief = document
    assert measure.empty(brief) <= 1  # the xz spec's 'Version History' is a table only


def test_a_timeline_without_garbage(document: tuple[Path, dict[str, Any], Any]) -> None:
    _, expected, brief = document
    assert measure.garbage(brief) == []
    assert measure.dated_heading_events(brief) == expected.get("dated", 0)
    assert all(len(event.event) <= 300 for event in brief.timeline)


def test_every_part_with_text_gets_key_points_quoted_from_it(
    document: tuple[Path, dict[str, Any], Any],
) -> None:
    """Issue 14: every section and subsection with words gets extracted key points, each a
    sentence found word for word in that part; and the brief gets a summary."""
    from briefcli import extracts

    _, _, brief = document
    for section in brief.sections:
        for part, paragraphs in [(section, section.all_paragraphs())] + [
            (sub, sub.paragraphs) for sub in section.subsections
        ]:
            if not any(paragraph.strip() for paragraph in paragraphs):
                continue  # a heading with nothing under it has nothing to quote
            points = extracts.key_points(brief, part.id)
            assert points, part.id
            for point in points:
                assert any(point in paragraph for paragraph in paragraphs), (part.id, point)
    assert extracts.summary(brief)
