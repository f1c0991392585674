"""The brief cache: repeat runs skip YAML; stale, corrupt or unwritable caches change nothing."""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefcli import cache, freshness, loader
from briefcli.codec import brief_from_data, brief_to_data
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


def read_entry(entry: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """An entry's header line and its payload ({"brief": …})."""
    head, _, payload = entry.read_bytes().partition(b"\n")
    return json.loads(head), json.loads(payload)


def write_entry(entry: Path, header: dict[str, Any], stored: dict[str, Any]) -> None:
    """Write an entry as brief would, with a digest that matches the payload."""
    payload = json.dumps(stored).encode("utf-8")
    header = {**header, "digest": [len(payload), zlib.crc32(payload)]}
    entry.write_bytes(json.dumps(header).encode("ascii") + b"\n" + payload)


@pytest.fixture
def no_racy_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files a test just wrote count as settled (else a cache hit needs a 2 s wait)."""
    monkeypatch.setattr(freshness, "RACY_NS", 0)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths the loader parsed (each a cache miss), in order."""
    seen: list[str] = []
    real = loader.load_brief

    def counting(path: str) -> Brief:
        seen.append(path)
        return real(path)

    monkeypatch.setattr(loader, "load_brief", counting)
    return seen


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
    assert read_entry(entry)[1]["brief"]["id"] == "nk-russia-troops-2025"


def test_an_entry_with_a_broken_brief_inside_is_ignored(brief: Runner, tmp_path: Path) -> None:
    expected = brief("timeline").stdout
    (entry,) = entries(tmp_path)
    header, stored = read_entry(entry)
    stored["brief"]["timeline"][0]["date"] = "not a date"
    write_entry(entry, header, stored)  # even with a digest that matches
    assert brief("timeline").stdout == expected


@pytest.mark.parametrize(
    ("where", "value"),
    [("sections", []), ("title", 12), ("id", None), ("glossary", "x"), ("notes", [1])],
)
def test_a_tampered_entry_is_a_miss_not_an_error(
    brief: Runner, tmp_path: Path, parses: list[str], where: str, value: object
) -> None:
    # Defect 7: an edited entry ('sections: []', 'title: 12') made 'show' exit 70.
    expected = brief("show", "4-2")
    (entry,) = entries(tmp_path)
    header, stored = read_entry(entry)
    stored["brief"][where] = value
    entry.write_bytes(json.dumps(header).encode() + b"\n" + json.dumps(stored).encode())
    parses.clear()
    result = brief("show", "4-2")
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected.stdout, "")
    assert len(parses) == 1  # a miss: the brief file was read again
    assert read_entry(entry)[1]["brief"]["sections"]  # and the entry rewritten whole


def test_an_entry_through_a_link_or_a_fifo_is_never_read(
    brief: Runner, tmp_path: Path, parses: list[str]
) -> None:
    expected = brief("glossary", "Storm Corps").stdout
    (entry,) = entries(tmp_path)
    elsewhere = tmp_path / "elsewhere.json"
    entry.rename(elsewhere)
    entry.symlink_to(elsewhere)
    parses.clear()
    result = brief("glossary", "Storm Corps")
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected, "")
    assert len(parses) == 1  # a link in the cache folder is a miss, never followed
    assert not entry.is_symlink() and elsewhere.read_bytes() != entry.read_bytes()
    entry.unlink()
    os.mkfifo(entry)
    result = brief("glossary", "Storm Corps")  # a FIFO: a miss that never blocks
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected, "")
    assert entry.is_fifo()  # and never replaced: brief replaces only regular files


def test_a_same_length_rewrite_with_the_old_mtime_is_seen(
    brief: Runner, tmp_path: Path, parses: list[str], no_racy_window: None
) -> None:
    # Defect 8: the cache keyed on size, mtime and inode only, so this printed the old text.
    path = write(tmp_path, "mini.yaml", MINI.format(text="Hello."))
    assert brief("show", "1", "-b", str(path)).stdout == "1. One\n\nHello.\n"
    assert brief("show", "1", "-b", str(path)).stdout == "1. One\n\nHello.\n"
    assert len(parses) == 1  # the second run was a cache hit
    info = path.stat()
    while path.stat().st_ctime_ns == info.st_ctime_ns:  # until the file system's clock ticks
        path.write_text(MINI.format(text="Howdy."), encoding="utf-8")
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (info.st_size, info.st_mtime_ns)
    assert brief("show", "1", "-b", str(path)).stdout == "1. One\n\nHowdy.\n"
    assert len(parses) == 2


def test_a_file_changed_within_the_racy_window_is_read_again(
    brief: Runner, tmp_path: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(freshness, "RACY_NS", 10**18)  # however slow the machine
    path = write(tmp_path, "mini.yaml", MINI.format(text="Hello."))
    for _ in range(2):
        assert brief("show", "1", "-b", str(path)).stdout == "1. One\n\nHello.\n"
    assert len(parses) == 2  # just written: its timestamps could hide a second change


@pytest.mark.parametrize(
    "field, value",
    [("format", 0), ("version", "0.0.0"), ("code", [0, 0]), ("path", "/elsewhere.yaml")],
)
def test_an_entry_from_another_format_version_or_path_is_a_miss(
    brief: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, field: str, value: object
) -> None:
    brief("glossary")
    (entry,) = entries(tmp_path)
    header, stored = read_entry(entry)
    header[field] = value
    stored["brief"]["title"] = "Stale title"
    write_entry(entry, header, stored)
    result = brief()
    assert result.exit_code == 0
    assert "Stale title" not in result.stdout
    assert result.stdout.startswith("North Korea's Troop Deployment")


def test_an_entry_rewritten_whole_is_trusted(brief: Runner, tmp_path: Path) -> None:
    # The control for the tests above: the same edit with the header intact is a hit.
    brief("glossary")
    (entry,) = entries(tmp_path)
    header, stored = read_entry(entry)
    stored["brief"]["title"] = "Edited title"
    write_entry(entry, header, stored)
    assert brief().stdout.startswith("Edited title")


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
    rebuilt = brief_from_data(json.loads(json.dumps(brief_to_data(shipped))))
    assert rebuilt == shipped


WORDS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12)
IDS = st.from_regex(r"[0-9a-z][0-9a-z-]{0,5}", fullmatch=True)
TEXTS = st.lists(WORDS, max_size=3).map(tuple)
DATES = st.sampled_from(["2025-02-28", "2024-10", "2024-Q4", "2014", "1950s", "1950/1953"])

SUBSECTIONS = st.builds(Subsection, id=IDS, title=WORDS, paragraphs=TEXTS, extracted_points=TEXTS)
SECTIONS = st.builds(
    Section,
    id=IDS,
    title=WORDS,
    paragraphs=TEXTS,
    subsections=st.lists(SUBSECTIONS, max_size=2).map(tuple),
    role=st.sampled_from([None, "summary", "conclusion"]),
    key_points=TEXTS,
    extracted_points=TEXTS,
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
    glossary=st.lists(
        st.builds(
            GlossaryEntry,
            WORDS,
            WORDS,
            WORDS,
            TEXTS,
            st.sampled_from(["report", "editor", "extracted"]),
        ),
        max_size=3,
    ).map(tuple),
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
    assert brief_from_data(data) == original
