"""Extracts of a brief: quoted word for word, marked by origin, covering every part, cached."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefcli import extracts
from briefcli.importers import import_report
from briefcli.loader import load_brief
from briefcli.model import Brief, Section, Subsection
from conftest import REPO

SHIPPED = REPO / "briefs" / "nk-russia-troops-2025.yaml"
DATA = REPO / "tests" / "data"

#: A report in Markdown that defines its acronyms and coins a name, and has awkward sections.
DEFINING = """\
# Alliances after 2024

## Background

The North Atlantic Treaty Organization (NATO) was founded in 1949 by twelve states. Since
then NATO's membership has grown to thirty-two states across Europe and North America. The
alliance meets every year at a summit of heads of government.

## The new corps

Analysts describe a unit known as the 'Iron Wall' that trains near the border every winter.
Its soldiers are drawn from three older brigades with long records of service. The 'Iron
Wall' answers to the general staff rather than to any regional command in the north.

## NATOs and others

Several regional alliances modelled themselves on NATO during the Cold War decades.

## Code only

```
make all
```

## Short

Too few words.
"""


@pytest.fixture(scope="module")
def shipped() -> Brief:
    return load_brief(SHIPPED)


def _defining() -> Brief:
    return import_report(DEFINING.encode(), "alliances.md", "markdown")


def _documents() -> list[Brief]:
    found = [import_report(DEFINING.encode(), "alliances.md", "markdown")]
    for name in ("rich-README.md", "typer-README.md"):
        path = DATA / name
        found.append(import_report(path.read_bytes(), name, "markdown"))
    source = REPO / "briefs" / "sources" / "nk-russia-troops-2025.txt"
    found.append(import_report(source.read_bytes(), source.name, "auto"))
    return found


def _parts(brief: Brief) -> list[Section | Subsection]:
    out: list[Section | Subsection] = []
    for section in brief.sections:
        out.append(section)
        out.extend(section.subsections)
    return out


def _text(part: Section | Subsection) -> tuple[str, ...]:
    return part.all_paragraphs() if isinstance(part, Section) else part.paragraphs


# -- key points -----------------------------------------------------------------------------


def test_every_part_of_the_shipped_brief_gets_points_quoted_from_it(shipped: Brief) -> None:
    points = extracts.points(shipped)
    assert list(points) == [part.id for part in _parts(shipped)]
    for part in _parts(shipped):
        assert points[part.id], part.id
        for point in points[part.id]:
            assert any(point in paragraph for paragraph in _text(part)), (part.id, point)


@pytest.mark.parametrize("index", range(4))
def test_every_part_with_text_of_other_documents_gets_points_quoted_from_it(index: int) -> None:
    brief = _documents()[index]
    for part in _parts(brief):
        if not any(p.strip() for p in _text(part)):
            continue  # a heading with nothing under it has nothing to quote
        found = extracts.key_points(brief, part.id)
        assert found, (brief.meta.id, part.id)
        for point in found:
            assert any(point in paragraph for paragraph in _text(part)), (part.id, point)


def test_a_section_of_code_or_a_few_words_still_gets_a_point() -> None:
    brief = _defining()
    by_title = {s.title: s.id for s in brief.sections}
    assert extracts.key_points(brief, by_title["Code only"]) == ("make all",)
    assert extracts.key_points(brief, by_title["Short"]) == ("Too few words.",)


def test_a_list_with_no_prose_gives_its_items_without_their_markers() -> None:
    """A contents list: its items are the points, each shown once as a bullet, not '- - …'."""
    text = "# Report\n\n## Contents\n\n- Introduction\n- When does it occur?\n\n1. Who presides?\n"
    brief = import_report(text.encode(), "contents.md", "markdown")
    part = next(s.id for s in brief.sections if s.title == "Contents")
    found = extracts.key_points(brief, part)
    assert found == ("Introduction", "When does it occur?", "Who presides?")


def test_a_plain_text_table_section_says_its_words_before_its_rows() -> None:
    text = (
        "Format\n======\n\n1. Flags\n\nBit(s) Mask Description 0-1 0x03 Number of filters "
        "2-5 0x3C Reserved for future use.\n\nSee the filter list.\n"
    )
    brief = import_report(text.encode(), "flags.txt", "text")
    part = next(s.id for s in brief.sections if s.title.endswith("Flags"))
    assert extracts.key_points(brief, part, sentences=1) == ("See the filter list.",)


def test_lengths_are_honoured(shipped: Brief) -> None:
    assert len(extracts.key_points(shipped, "4", sentences=1)) == 1
    assert len(extracts.key_points(shipped, "4", sentences=5)) == 5
    for words in (15, 40, 80):
        found = extracts.key_points(shipped, "4-2", words=words)
        assert sum(len(p.split()) for p in found) <= words
    assert sum(len(s.split()) for s in extracts.summary(shipped, words=120)) <= 120


def test_an_unknown_part_is_a_key_error(shipped: Brief) -> None:
    with pytest.raises(KeyError):
        extracts.key_points(shipped, "9")
    with pytest.raises(KeyError):
        extracts.key_points_for(shipped, "4-9")


# -- which points and which summary ---------------------------------------------------------


def test_editors_points_come_first_then_extracted_ones(shipped: Brief) -> None:
    points, origin = extracts.key_points_for(shipped, "4")
    assert origin == "editor" and points == shipped.sections[3].key_points
    points, origin = extracts.key_points_for(shipped, "4", sentences=2)
    assert origin == "editor" and points == shipped.sections[3].key_points[:2]
    # Subsection 4-2 is not section 4: its own text, extracted.
    points, origin = extracts.key_points_for(shipped, "4-2")
    assert origin == "extracted"
    assert all(any(p in q for q in shipped.sections[3].subsections[1].paragraphs) for p in points)
    points, origin = extracts.key_points_for(shipped, "7")
    assert origin == "extracted" and points


def test_points_stored_in_the_brief_are_used_before_computing(shipped: Brief) -> None:
    sub = shipped.sections[3].subsections[1]
    stored = (sub.paragraphs[0][:40],)
    section = shipped.sections[3]._replace(
        subsections=(section_sub := sub._replace(extracted_points=stored),)
    )
    brief = shipped._replace(sections=(*shipped.sections[:3], section, *shipped.sections[4:]))
    assert extracts.key_points_for(brief, section_sub.id) == (stored, "extracted")


def test_summary_is_the_reports_own_where_it_has_one(shipped: Brief) -> None:
    own = shipped.section_by_role("summary")
    assert own is not None
    assert extracts.summary_for(shipped) == (own.all_paragraphs(), "report")
    first_two, origin = extracts.summary_for(shipped, sentences=2)
    assert origin == "report" and len(first_two) == 2
    assert own.paragraphs[0].startswith(first_two[0])


def test_summary_is_extracted_where_the_report_has_none(shipped: Brief) -> None:
    sections = tuple(s._replace(role=None) if s.role == "summary" else s for s in shipped.sections)
    brief = shipped._replace(sections=sections)
    sentences, origin = extracts.summary_for(brief)
    assert origin == "extracted" and 1 < len(sentences) <= 10
    body = [p for s in brief.sections for p in s.all_paragraphs()]
    assert all(any(sentence in p for p in body) for sentence in sentences)
    # The extracted summary never quotes the report's Summary section back.
    summary_text = " ".join(shipped.sections[0].all_paragraphs())
    assert not any(sentence in summary_text for sentence in extracts.summary(shipped))


BACK_MATTER_REPORT = """\
# Grain exports through the Strait

## Contents

- [Ports and ships](https://example.org/report#ports)
- [Food and feed](https://example.org/report#food)

## Ports and ships

Jebel Ali is the leading container port of the region and handles most of its transshipment.
Feeder vessels carry about two thirds of its containers on to the smaller ports of the Gulf.

## Food and feed

The Gulf states depend on ships for most of their grain, rice and animal feed every year.
Storage at the ports holds several months of grain in case the Strait is closed to ships.

## Footnotes

1. United Nations Conference on Trade, "Strait disruptions and grain exports," March 2026.
"""


def test_an_extracted_summary_leaves_out_contents_and_footnotes() -> None:
    brief = import_report(BACK_MATTER_REPORT.encode(), "strait.md", "markdown")
    titles = [section.title for section in brief.sections]
    assert "Contents" in titles and "Footnotes" in titles
    sentences = extracts.summary(brief, sentences=6)
    assert sentences
    kept = [s for s in brief.sections if s.title in ("Ports and ships", "Food and feed")]
    body = [p for section in kept for p in section.all_paragraphs()]
    assert all(any(sentence in p for p in body) for sentence in sentences)
    # A section's own key points still come from it, back matter or not.
    footnotes = next(s for s in brief.sections if s.title == "Footnotes")
    assert extracts.key_points(brief, footnotes.id)


TITLED = """\
# Gulf shipping

## Grain storage

Ships arrive at the port every morning and leave again in the evening hours.
Crews change in the port every two weeks and the pilots board at the outer buoy.
Most grain is kept in storage silos at the port for several months of the year.
"""


def test_a_sections_key_point_is_the_sentence_on_its_own_subject() -> None:
    brief = import_report(TITLED.encode(), "gulf.md", "markdown")
    section = next(s for s in brief.sections if s.title == "Grain storage")
    assert extracts.key_points(brief, section.id, sentences=1) == (
        "Most grain is kept in storage silos at the port for several months of the year.",
    )


# -- glossary -------------------------------------------------------------------------------


def test_the_glossary_reads_no_footnotes() -> None:
    text = """\
# Gulf shipping

## Ports

Jebel Ali is the leading container port of the region for grain.

## Footnotes

1. Stimson Center, "Shipping in the Gulf," 2025. The Stimson Center wrote it.
2. Stimson Center, "Grain at sea," 2024. The Stimson Center wrote that too.
"""
    brief = import_report(text.encode(), "gulf.md", "markdown")
    terms = [found.entry.term for found in extracts.glossary(brief)]
    assert "Stimson Center" not in terms
    # The same names in a section that is not back matter are listed.
    kept = import_report(text.replace("## Footnotes", "## Notes").encode(), "g.md", "markdown")
    assert "Stimson Center" in [found.entry.term for found in extracts.glossary(kept)]


def test_glossary_finds_an_acronym_with_its_expansion_and_where_it_is_used() -> None:
    brief = _defining()
    terms = {e.entry.term: e for e in extracts.glossary(brief)}
    nato = terms["NATO"]
    assert nato.entry.aliases == ("North Atlantic Treaty Organization",)
    assert nato.entry.origin == "extracted" and nato.entry.category == "Acronym"
    assert nato.entry.definition == (
        "The North Atlantic Treaty Organization (NATO) was founded in 1949 by twelve states."
    )
    by_title = {s.title: s.id for s in brief.sections}
    # "NATO's" and "NATOs" are uses too.
    assert by_title["Background"] in nato.sections
    assert by_title["NATOs and others"] in nato.sections


def test_glossary_finds_quoted_coinages() -> None:
    terms = {e.entry.term: e for e in extracts.glossary(_defining())}
    assert terms["Iron Wall"].entry.category == "Term"
    assert terms["Iron Wall"].entry.definition.startswith("Analysts describe a unit known as")


def test_glossary_leaves_out_the_reports_own_terms(shipped: Brief) -> None:
    found = {e.entry.term for e in extracts.glossary(shipped)}
    assert "Storm Corps" not in found  # the report's glossary has it
    bare = extracts.glossary(shipped._replace(glossary=()))
    storm = next(e for e in bare if e.entry.term == "Storm Corps")
    assert "2-1" in storm.sections and "4-1" in storm.sections
    assert "known as the 'Storm Corps,'" in storm.entry.definition
    assert all(e.entry.origin == "extracted" for e in bare)


# -- determinism and the cache --------------------------------------------------------------

_DUMP = """
import json, sys
from briefcli import extracts
from briefcli.loader import load_brief
brief = load_brief(sys.argv[1])
brief = brief._replace(glossary=())
print(json.dumps([extracts.points(brief), extracts.summary(brief),
                  [list(e.entry) + [list(e.sections)] for e in extracts.glossary(brief)]]))
"""


def test_the_same_brief_gives_the_same_extracts_in_any_process(tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "XDG_CACHE_HOME": str(tmp_path)}
        run = subprocess.run(
            [sys.executable, "-c", _DUMP, str(SHIPPED)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.append(json.loads(run.stdout))
    assert outputs[0] == outputs[1]


@pytest.fixture
def cache_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path


def test_a_digest_computes_once_then_reads(
    shipped: Brief, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = extracts.digest(shipped)
    points, summary, terms = first.key_points("4-2"), first.summary(), first.glossary()
    assert points == extracts.key_points(shipped, "4-2")
    assert summary == extracts.summary(shipped) and terms == extracts.glossary(shipped)
    assert len(list((cache_home / "briefcli" / "extracts").iterdir())) == 1

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("computed again")

    monkeypatch.setattr(extracts, "key_points", fail)
    monkeypatch.setattr(extracts, "summary", fail)
    monkeypatch.setattr(extracts, "glossary", fail)
    again = extracts.digest(shipped)
    assert (again.key_points("4-2"), again.summary(), again.glossary()) == (points, summary, terms)
    assert extracts.key_points_for(shipped, "4-2", cached=again) == (points, "extracted")


def test_an_edited_brief_or_a_damaged_entry_is_computed_afresh(
    shipped: Brief, cache_home: Path
) -> None:
    extracts.digest(shipped).key_points("4-2")
    sub = shipped.sections[3].subsections[1]
    edited_sub = sub._replace(paragraphs=("A new paragraph replaces the old text entirely here.",))
    section = shipped.sections[3]._replace(
        subsections=(shipped.sections[3].subsections[0], edited_sub)
    )
    edited = shipped._replace(sections=(*shipped.sections[:3], section, *shipped.sections[4:]))
    assert extracts.digest(edited).key_points("4-2") == (
        "A new paragraph replaces the old text entirely here.",
    )
    (entry,) = (cache_home / "briefcli" / "extracts").iterdir()
    entry.write_bytes(entry.read_bytes()[:-5] + b"xxxxx")
    assert extracts.digest(edited).key_points("4-2") == extracts.key_points(edited, "4-2")


def test_an_unusable_cache_folder_is_no_error(
    shipped: Brief, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert extracts.digest(shipped).summary() == extracts.summary(shipped)
    assert extracts.digest(shipped, remember=False).key_points("3")
