"""The brief cache: repeat runs skip YAML; stale, corrupt or unwritable caches change nothing."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefcli import cache, loader
from briefcli.codec import brief_to_data
from briefcli.loader import load_brief
from briefcli.model import (
    Brief,
    GlossaryEntry,
    Metadata,
    Section,
    Source,
    Subsection,
    TimelineEvent,
    parse_event_date,
)
from briefcli.paths import default_brief_path
from conftest import Runner, write

MINI = "id: mini\ntitle: Mini\nsections:\n  - id: '1'\n    title: One\n    paragraphs: [{text}]\n"


def entries(tmp_path: Path) -> list[Path]:
    """The cache files the ``brief`` fixture's runs have written."""
    return sorted((tmp_path / "cache" / "briefcli" / "briefs").glob("*.json"))


def no_yaml(*_: object) -> Brief:
    raise AssertionError("the brief was parsed again instead of read from the cache")


def test_a_second_run_reads_the_cache_not_the_yaml(
    brief: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = brief("glossary", "Storm Corps")
    assert first.exit_code == 0
    assert len(entries(tmp_path)) == 1
    monkeypatch.setattr(loader, "load_brief", no_yaml)
    second = brief("glossary", "Storm Corps")
    assert (second.exit_code, second.stdout, second.stderr) == (0, first.stdout, "")


def test_an_edited_brief_is_read_again(brief: Runner, tmp_path: Path) -> None:
    path = write(tmp_path, "mini.yaml", MINI.format(text="Hello."))
    assert brief("show", "1", "-b", str(path)).stdout == "1. One\n\nHello.\n"
    # Same size; only the modification time tells the cache the file changed.
    info = path.stat()
    path.write_text(MINI.format(text="Howdy."), encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    assert brief("show", "1", "-b", str(path)).stdout == "1. One\n\nHowdy.\n"
    path.write_text(MINI.format(text="Hello again."), encoding="utf-8")
    assert brief("show", "1", "-b", str(path)).stdout == "1. One\n\nHello again.\n"
    assert len(entries(tmp_path)) == 1  # one entry per brief path, replaced when stale


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{not json",
        b"\xff\xfe garbage",
        b"[]",
        b'{"format": 1}',
        b"null",
        b"[" * 100_000,
    ],
    ids=["empty", "truncated", "not UTF-8", "a list", "no key", "null", "deep"],
)
def test_a_corrupt_entry_is_ignored_and_rewritten(
    brief: Runner, tmp_path: Path, damage: bytes
) -> None:
    expected = brief("show", "4-2").stdout
    (entry,) = entries(tmp_path)
    entry.write_bytes(damage)
    result = brief("show", "4-2")
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected, "")
    assert json.loads(entry.read_bytes())["brief"]["id"] == "nk-russia-troops-2025"


def test_an_entry_with_a_broken_brief_inside_is_ignored(brief: Runner, tmp_path: Path) -> None:
    expected = brief("timeline").stdout
    (entry,) = entries(tmp_path)
    stored = json.loads(entry.read_bytes())
    stored["brief"]["timeline"][0]["date"] = "not a date"
    entry.write_text(json.dumps(stored), encoding="utf-8")
    assert brief("timeline").stdout == expected


@pytest.mark.parametrize(
    "field, value",
    [("format", 0), ("version", "0.0.0"), ("code", [0, 0]), ("path", "/elsewhere.yaml")],
)
def test_an_entry_from_another_format_version_or_path_is_a_miss(
    brief: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, field: str, value: object
) -> None:
    brief("glossary")
    (entry,) = entries(tmp_path)
    stored = json.loads(entry.read_bytes())
    stored[field] = value
    stored["brief"]["title"] = "Stale title"
    entry.write_text(json.dumps(stored), encoding="utf-8")
    result = brief()
    assert result.exit_code == 0
    assert "Stale title" not in result.stdout
    assert result.stdout.startswith("North Korea's Troop Deployment")


def test_an_unusable_cache_folder_is_no_error(brief: Runner, tmp_path: Path) -> None:
    blocker = write(tmp_path, "not-a-folder", "")
    env = {"XDG_CACHE_HOME": str(blocker / "cache")}
    for _ in range(2):
        result = brief("glossary", "Storm Corps", env=env)
        assert (result.exit_code, result.stderr) == (0, "")
        assert "Storm Corps [Concept]" in result.stdout


def test_an_invalid_brief_is_never_cached(brief: Runner, tmp_path: Path) -> None:
    path = write(tmp_path, "bad.yaml", "id: bad\ntitle: Bad\n")
    first = brief("-b", str(path))
    second = brief("-b", str(path))
    assert first.exit_code == second.exit_code == 2
    assert first.stderr == second.stderr
    assert "sections: missing (required)" in first.stderr
    assert entries(tmp_path) == []


def test_a_missing_brief_is_the_loaders_error(brief: Runner, tmp_path: Path) -> None:
    result = brief("-b", str(tmp_path / "absent.yaml"))
    assert result.exit_code == 2
    assert result.stderr.endswith("absent.yaml: no such file\n")


def test_entries_are_private(brief: Runner, tmp_path: Path) -> None:
    brief()
    (entry,) = entries(tmp_path)
    assert entry.stat().st_mode & 0o077 == 0


def test_load_brief_without_cache_folder_calls_the_parser_each_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file" / "x"))
    write(tmp_path, "file", "")
    calls: list[str] = []

    def parse(path: str) -> Brief:
        calls.append(path)
        return load_brief(path)

    path = str(default_brief_path())
    assert cache.load_brief(path, parse) == cache.load_brief(path, parse)
    assert calls == [path, path]


def test_no_home_folder_means_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    path = str(default_brief_path())
    assert cache.load_brief(path, load_brief) == load_brief(path)


# -- rebuilding the model from cached data ----------------------------------------------------


def test_the_shipped_brief_round_trips_exactly() -> None:
    shipped = load_brief(default_brief_path())
    rebuilt = cache.brief_from_data(json.loads(json.dumps(brief_to_data(shipped))))
    assert rebuilt == shipped


WORDS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12)
IDS = st.from_regex(r"[0-9a-z][0-9a-z-]{0,5}", fullmatch=True)
TEXTS = st.lists(WORDS, max_size=3).map(tuple)
DATES = st.sampled_from(["2025-02-28", "2024-10", "2024-Q4", "2014", "1950s", "1950/1953"])

SUBSECTIONS = st.builds(Subsection, id=IDS, title=WORDS, paragraphs=TEXTS)
SECTIONS = st.builds(
    Section,
    id=IDS,
    title=WORDS,
    paragraphs=TEXTS,
    subsections=st.lists(SUBSECTIONS, max_size=2).map(tuple),
    role=st.sampled_from([None, "summary", "conclusion"]),
    key_points=TEXTS,
)
BRIEFS = st.builds(
    Brief,
    meta=st.builds(
        Metadata,
        id=IDS,
        title=WORDS,
        kind=st.just("") | WORDS,
        date=st.just("") | st.just("2025-02-28"),
        publisher=st.just("") | WORDS,
        source=st.just("") | WORDS,
    ),
    sections=st.lists(SECTIONS, min_size=1, max_size=3).map(tuple),
    glossary=st.lists(st.builds(GlossaryEntry, WORDS, WORDS, WORDS, TEXTS), max_size=3).map(tuple),
    timeline=st.lists(
        st.builds(
            TimelineEvent,
            date=DATES.map(parse_event_date),
            event=WORDS,
            sections=TEXTS,
            origin=st.sampled_from(["report", "editor"]),
        ),
        max_size=3,
    ).map(tuple),
    sources=st.lists(st.builds(Source, WORDS, st.none() | WORDS), max_size=2).map(tuple),
    notes=TEXTS,
)


@settings(max_examples=150, deadline=None)
@given(BRIEFS)
def test_any_brief_round_trips_through_json(original: Brief) -> None:
    data = json.loads(json.dumps(brief_to_data(original), ensure_ascii=False))
    assert cache.brief_from_data(data) == original
