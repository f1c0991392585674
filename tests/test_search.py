"""brief search: ranking, snippets, stemming and phrases, --all, and an index that stays fresh."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefcli import paths
from briefcli.commands.progress import Progress
from briefcli.errors import UsageError
from briefcli.index import Index, _marks, using_index
from briefcli.searchquery import fts_query
from conftest import REPO, Runner, golden

sys.path.insert(0, str(REPO / "bench"))

from synthetic import NEEDLE, generate  # a benchmark helper, reused for a small library


@pytest.fixture(autouse=True)
def no_brief_path(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The developer's own BRIEF_PATH never leaks into a test."""
    monkeypatch.delenv("BRIEF_PATH", raising=False)
    yield


def report(folder: Path, brief_id: str, *paragraphs: str, title: str = "Report") -> Path:
    """A brief with one section per paragraph, a glossary entry and a timeline event."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [f"id: {brief_id}", f"title: {json.dumps(title)}", "sections:"]
    for number, text in enumerate(paragraphs, 1):
        lines += [
            f"  - id: '{number}'",
            f"    title: Part {number}",
            f"    paragraphs: [{json.dumps(text)}]",
        ]
    path = folder / f"{brief_id}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def index_file() -> Path:
    return paths.cache_dir() / paths.INDEX_NAME


# -- the shipped brief --------------------------------------------------------------------------


def test_vladivostok_is_found_in_section_4_2_first(brief: Runner) -> None:
    result = brief("search", "Vladivostok")
    assert result.exit_code == 0, result.stderr
    blocks = result.stdout.split("\n\n")
    assert blocks[0] == (
        "nk-russia-troops-2025 · 4-2 Timeline of troop movements and military engagements"
    )
    assert "soldiers via naval vessels to «Vladivostok»." in blocks[1]
    assert "nk-russia-troops-2025 · timeline · Oct 2024 (4-1, 4-2)" in result.stdout
    assert result.stdout.endswith("3 hits for 'Vladivostok' in nk-russia-troops-2025.\n")


def test_search_is_case_insensitive_and_stems(brief: Runner) -> None:
    upper = brief("search", "VLADIVOSTOK")
    assert upper.exit_code == 0 and "«Vladivostok»" in upper.stdout
    stemmed = brief("search", "deploy", "--limit", "50")
    assert "«deployment»" in stemmed.stdout.casefold()
    assert "«deployed»" in stemmed.stdout and "«deploys»" in stemmed.stdout


def test_glossary_entries_and_timeline_events_are_searched(brief: Runner) -> None:
    result = brief("search", "Storm Corps")
    first = result.stdout.split("\n\n")[0]
    assert first == "nk-russia-troops-2025 · glossary · Storm Corps"
    crimea = brief("search", "Crimea", "--format", "json")
    kinds = {hit["kind"] for hit in json.loads(crimea.stdout)["hits"]}
    assert "timeline" in kinds


def test_section_option_limits_the_hits(brief: Runner) -> None:
    data = json.loads(brief("search", "troops", "--section", "4", "-n", "50", "-f", "json").stdout)
    assert data["section"] == "4"
    assert data["hits"]
    for hit in data["hits"]:
        assert hit["ref"] == "4" or hit["ref"].startswith("4-") or "4" in str(hit["sections"])
    only = json.loads(brief("search", "troops", "--section", "4.2", "-f", "json").stdout)
    assert {hit["ref"] for hit in only["hits"] if hit["kind"] == "section"} == {"4-2"}
    assert brief("search", "troops", "--section", "summary").exit_code == 0
    missing = brief("search", "troops", "--section", "9")
    assert missing.exit_code == 1
    assert missing.stderr.startswith("brief: error: no section '9' in nk-russia-troops-2025")


def test_limit_says_how_many_more_there_are(brief: Runner) -> None:
    result = brief("search", "North Korea", "--limit", "2")
    assert result.stdout.count(" · ") == 2
    last = result.stdout.splitlines()[-1]
    assert last.startswith("The best 2 of ") and last.endswith("; --limit N shows more.")


def test_nothing_found_is_exit_1_with_a_hint(brief: Runner) -> None:
    result = brief("search", "zanzibar")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "brief: error: nothing matches 'zanzibar' in nk-russia-troops-2025\n"
        "brief: hint: search every brief with --all\n"
    )


@pytest.mark.parametrize("query", ["", "...", "«»", " - "])
def test_a_query_without_words_is_a_usage_error(brief: Runner, query: str) -> None:
    result = brief("search", "--", query)
    assert result.exit_code == 2
    assert "the query has no words to search for" in result.stderr


@pytest.mark.parametrize(
    "query", ["AND OR NOT", 'NEAR("x"', "col:umn", '"unclosed', "a*b* *", "^x"]
)
def test_query_syntax_is_taken_literally(brief: Runner, query: str) -> None:
    result = brief("search", "--", query)
    assert result.exit_code in (0, 1)
    assert "Traceback" not in result.stderr and "fts5" not in result.stderr


def test_search_json_keys_are_pinned(brief: Runner) -> None:
    data = json.loads(brief("search", "Vladivostok", "--format", "json").stdout)
    assert list(data) == [
        "schema_version", "view", "query", "scope", "section", "briefs_searched", "total", "hits",
    ]  # fmt: skip
    hit = data["hits"][0]
    assert list(hit) == [
        "brief", "kind", "ref", "title", "sections", "snippet", "highlights", "score", "origin",
    ]  # fmt: skip
    assert [h["origin"] for h in data["hits"]] == ["report", "editor", "editor"]
    start, end = hit["highlights"][0]
    assert hit["snippet"][start:end] == "Vladivostok"
    assert (data["view"], data["scope"], data["total"]) == ("search", "nk-russia-troops-2025", 3)


def test_match_is_highlighted_on_a_terminal(brief: Runner) -> None:
    out = brief("search", "Vladivostok", "--color", "always").stdout
    assert "\x1b[7mVladivostok\x1b[0m" in out  # theme role "match": reverse video
    assert "«" not in out


# -- ranking and phrases, on briefs made for the purpose ---------------------------------------


def test_phrases_keep_their_words_together(brief: Runner, tmp_path: Path) -> None:
    path = report(
        tmp_path, "phrases", "The special forces arrived.", "Forces were special that day."
    )
    phrase = json.loads(brief("search", '"special forces"', "-b", str(path), "-f", "json").stdout)
    assert [hit["ref"] for hit in phrase["hits"]] == ["1"]
    words = json.loads(brief("search", "special", "forces", "-b", str(path), "-f", "json").stdout)
    assert sorted(hit["ref"] for hit in words["hits"]) == ["1", "2"]


def test_prefix_search(brief: Runner, tmp_path: Path) -> None:
    path = report(tmp_path, "prefix", "Logistics matter.", "Nothing here.")
    assert brief("search", "logis*", "-b", str(path)).exit_code == 0


def test_better_matches_rank_first(brief: Runner, tmp_path: Path) -> None:
    path = report(
        tmp_path,
        "ranking",
        "Grain once, among many other words about harbours, roads, rail and weather.",
        "Grain, grain and grain: the grain trade.",
    )
    data = json.loads(brief("search", "grain", "-b", str(path), "-f", "json").stdout)
    assert [hit["ref"] for hit in data["hits"]] == ["2", "1"]
    assert data["hits"][0]["score"] < data["hits"][1]["score"]


# -- the whole library, and a fresh index --------------------------------------------------------


@pytest.fixture
def synthetic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A 40-brief synthetic library on BRIEF_PATH; the needle is in exactly one brief."""
    library = generate(tmp_path / "synthetic", count=40)
    monkeypatch.setenv("BRIEF_PATH", str(library.folder))
    return library.needle_path


def test_all_finds_the_one_brief_with_the_needle(brief: Runner, synthetic: Path) -> None:
    data = json.loads(brief("search", NEEDLE, "--all", "--format", "json").stdout)
    assert data["briefs_searched"] == 41  # and the shipped one
    assert data["total"] == 1
    assert [hit["brief"]["path"] for hit in data["hits"]] == [str(synthetic)]
    text = brief("search", NEEDLE, "--all")
    assert text.stdout.endswith(f"1 hit for {NEEDLE!r} in 41 briefs.\n")
    assert f"«{NEEDLE}»" in text.stdout


def test_all_searches_the_files_in_the_library_and_no_others(
    brief: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = report(tmp_path / "shelf", "alpha", "The zanzibarite word.")
    duplicate = report(tmp_path / "second", "alpha", "A duplicate zanzibarite.")
    outside = report(tmp_path / "elsewhere", "gamma", "An outside zanzibarite.")
    # Reading a file outside the library puts it in the index too.
    assert brief("search", "zanzibarite", "-b", str(outside)).exit_code == 0
    monkeypatch.setenv("BRIEF_PATH", f"{tmp_path / 'shelf'}:{tmp_path / 'second'}")
    data = json.loads(brief("search", "zanzibarite", "--all", "--format", "json").stdout)
    assert sorted(hit["brief"]["path"] for hit in data["hits"]) == [str(duplicate), str(first)]
    # A folder taken off BRIEF_PATH is no longer searched, though its file is still indexed.
    monkeypatch.setenv("BRIEF_PATH", str(tmp_path / "shelf"))
    data = json.loads(brief("search", "zanzibarite", "--all", "--format", "json").stdout)
    assert [hit["brief"]["path"] for hit in data["hits"]] == [str(first)]
    assert data["briefs_searched"] == 2  # and the shipped one


def test_all_ranks_the_best_pieces_of_the_best_briefs_first(
    brief: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shelf = tmp_path / "shelf"
    report(shelf, "aone", "Walrus once, among many words about harbours, roads and rail.")
    report(shelf, "bmany", "Walrus, walrus and walrus: the walrus trade.", "No match here.")
    report(shelf, "cnone", "Nothing of the kind.")
    monkeypatch.setenv("BRIEF_PATH", str(shelf))
    data = json.loads(brief("search", "walrus", "--all", "--format", "json").stdout)
    assert [hit["brief"]["id"] for hit in data["hits"]] == ["bmany", "aone"]
    assert data["total"] == 2
    assert data["briefs_searched"] == 4  # every brief, and the shipped one


def test_a_common_word_counts_its_hits_in_the_best_briefs(
    brief: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shelf = tmp_path / "shelf"
    for number in range(30):
        report(shelf, f"b{number:02}", "A harbour " + "word " * number, "The harbour again.")
    monkeypatch.setenv("BRIEF_PATH", str(shelf))
    data = json.loads(brief("search", "harbour", "--all", "--limit", "3", "-f", "json").stdout)
    # Briefs are ranked first; the pieces of the best few are ranked and counted.
    assert len(data["hits"]) == 3
    assert data["briefs_searched"] < 30
    assert data["total"] == 2 * data["briefs_searched"]
    assert {hit["brief"]["id"] for hit in data["hits"]} <= {"b00", "b01", "b02", "b03"}
    everything = json.loads(
        brief("search", "harbour", "--all", "--limit", "100", "-f", "json").stdout
    )
    assert everything["total"] == 60
    assert everything["briefs_searched"] == 31


def test_a_brief_edited_in_place_is_searched_as_it_is_now(
    brief: Runner, synthetic: Path, settled: None
) -> None:
    assert brief("search", NEEDLE, "--all").exit_code == 0
    other = synthetic.with_name("synthetic-0003.yaml")
    for path, old, new in ((synthetic, NEEDLE, "plainword"), (other, '  - "', '  - "Plainword ')):
        with path.open("r+", encoding="utf-8") as file:  # the same inode: the folder unchanged
            text = file.read().replace(old, new, 1)
            file.seek(0)
            file.write(text)
            file.truncate()
    assert brief("search", NEEDLE, "--all").exit_code == 1
    hits = json.loads(brief("search", "plainword", "--all", "-f", "json").stdout)["hits"]
    assert {hit["brief"]["path"] for hit in hits} == {str(synthetic), str(other)}


def test_a_brief_saved_by_renaming_over_it_is_read_at_once(
    brief: Runner, synthetic: Path, settled: None
) -> None:
    assert brief("search", "plainword", "--all").exit_code == 1
    other = synthetic.with_name("synthetic-0003.yaml")
    text = other.read_text(encoding="utf-8")
    saved = other.with_name(".saving.tmp")
    saved.write_text(text.replace('  - "', '  - "Plainword ', 1), encoding="utf-8")
    os.replace(saved, other)  # as editors and 'brief import' save: the folder changes
    hits = json.loads(brief("search", "plainword", "--all", "-f", "json").stdout)["hits"]
    assert [hit["brief"]["path"] for hit in hits] == [str(other)]


def catalog_shipped_folder() -> str:
    from briefcli.catalog import shipped_folder

    return shipped_folder()


def test_the_index_is_smaller_than_the_text_it_holds(
    brief: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = generate(tmp_path / "library", count=150)
    monkeypatch.setenv("BRIEF_PATH", str(library.folder))
    assert brief("list").exit_code == 0
    shipped = Path(catalog_shipped_folder()).glob("*.yaml")
    files = [*library.files, *shipped]
    text = sum(path.stat().st_size for path in files)
    assert index_file().stat().st_size <= 0.6 * text


def test_editing_a_brief_changes_the_next_search(brief: Runner, synthetic: Path) -> None:
    assert brief("search", NEEDLE, "--all").exit_code == 0
    text = synthetic.read_text(encoding="utf-8")
    synthetic.write_text(text.replace(NEEDLE, "plainword"), encoding="utf-8")
    gone = brief("search", NEEDLE, "--all")
    assert gone.exit_code == 1
    assert gone.stderr.startswith(f"brief: error: nothing matches {NEEDLE!r} in the library")
    assert brief("search", "plainword", "--all").exit_code == 0
    # A brief added to the folder is found; one removed is not.
    moved = synthetic.with_name("synthetic-added.yaml")
    moved.write_text(text.replace("synthetic-", "added-"), encoding="utf-8")
    synthetic.unlink()
    hits = json.loads(brief("search", NEEDLE, "--all", "-f", "json").stdout)["hits"]
    assert [hit["brief"]["path"] for hit in hits] == [str(moved)]


def test_a_same_size_edit_with_the_old_mtime_is_still_seen(brief: Runner, tmp_path: Path) -> None:
    path = report(tmp_path, "racy", "The word is alpha.")
    assert brief("search", "alpha", "-b", str(path)).exit_code == 0
    before = path.stat()
    path.write_text(path.read_text().replace("alpha", "bravo"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert brief("search", "alpha", "-b", str(path)).exit_code == 1
    assert brief("search", "bravo", "-b", str(path)).exit_code == 0


def test_deleting_the_cache_folder_loses_nothing(brief: Runner, synthetic: Path) -> None:
    first = brief("search", NEEDLE, "--all").stdout
    listed = brief("list").stdout
    assert index_file().exists()
    shutil.rmtree(paths.cache_dir())
    assert brief("search", NEEDLE, "--all").stdout == first
    assert brief("list").stdout == listed
    assert index_file().exists()


def test_a_corrupt_index_is_rebuilt(brief: Runner) -> None:
    expected = brief("search", "Vladivostok").stdout
    index_file().write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        Path(str(index_file()) + suffix).unlink(missing_ok=True)
    result = brief("search", "Vladivostok")
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected, "")
    with sqlite3.connect(index_file()) as db:
        assert db.execute("SELECT count(*) FROM files").fetchone()[0] == 1


@pytest.mark.parametrize("data", [b"\x00\xff\x00\xff", b"", b"x" * 40, "text, not a blob"])
def test_a_damaged_text_row_is_a_damaged_index_rebuilt(brief: Runner, data: bytes | str) -> None:
    # A row of ``texts`` edited or cut short (SQLite itself may find the file sound).
    runs = (("search", "Vladivostok"), ("search", "Vladivostok", "--all"))
    expected = [brief(*args).stdout for args in runs]
    for args, output in zip(runs, expected, strict=True):
        with sqlite3.connect(index_file()) as db:
            db.execute("UPDATE texts SET data = ?", (data,))
        result = brief(*args)
        assert (result.exit_code, result.stderr) == (0, ""), result.stderr
        assert result.stdout == output


@pytest.mark.parametrize("change", ["size = 'x'", "checked_ns = 'x'", "mtime_ns = 1.5"])
def test_a_value_of_the_wrong_type_in_the_index_is_a_damaged_index(
    brief: Runner, change: str
) -> None:
    # SQLite keeps any value in any column: a hand-edited row reads as a sound file.
    runs = (("list",), ("search", "Vladivostok"))
    expected = [brief(*args).stdout for args in runs]
    for args, output in zip(runs, expected, strict=True):
        with sqlite3.connect(index_file()) as db:
            db.execute(f"UPDATE files SET {change}")
        result = brief(*args)
        assert (result.exit_code, result.stderr) == (0, ""), result.stderr
        assert result.stdout == output


def test_an_index_of_another_schema_is_replaced(brief: Runner) -> None:
    expected = brief("search", "Vladivostok").stdout
    with sqlite3.connect(index_file()) as db:
        db.execute("PRAGMA user_version = 99")
    assert brief("search", "Vladivostok").stdout == expected


def test_an_unusable_cache_folder_falls_back_to_memory(
    brief: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = brief("search", "Vladivostok").stdout
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go\n")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    result = brief("search", "Vladivostok")
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected, "")
    assert brief("list").exit_code == 0


def test_a_read_only_index_falls_back_to_memory(
    brief: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = brief("search", "Vladivostok").stdout
    real = Index.open

    def read_only(location: str) -> Index:
        if location != ":memory:":
            raise sqlite3.OperationalError("attempt to write a readonly database")
        return real(location)

    monkeypatch.setattr(Index, "open", read_only)
    assert brief("search", "Vladivostok").stdout == expected


# -- the index file is brief's own: never through a link, never a special file (defect 2) -----


def _other_apps_database(path: Path) -> bytes:
    """A database of another program with tables named like the index's; its bytes."""
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE files (id INTEGER PRIMARY KEY, path TEXT)")
        db.execute("CREATE TABLE chunks (id INTEGER PRIMARY KEY, body TEXT)")
        db.executemany("INSERT INTO files (path) VALUES (?)", [("a",), ("b",)])
        db.execute("INSERT INTO chunks (body) VALUES ('precious')")
    db.close()
    return path.read_bytes()


@pytest.mark.parametrize("command", [["list"], ["search", "Vladivostok"], ["use", "nk-russia"]])
def test_a_link_at_the_index_path_is_refused_and_its_target_untouched(
    brief: Runner, tmp_path: Path, command: list[str]
) -> None:
    # Defect 2: with index.sqlite3 linked to another app's database, 'brief list' emptied
    # that database's files and chunks tables and switched it to WAL.
    other = tmp_path / "other-app.db"
    before = _other_apps_database(other)
    index_file().parent.mkdir(parents=True)
    index_file().symlink_to(other)
    result = brief(*command)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(
        f"brief: error: {index_file()} is a symbolic link; brief keeps its search index only "
    )
    assert result.stderr.count("brief: error:") == 1
    assert other.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("other-app")) == [
        "other-app.db"
    ]  # no -wal or -shm beside it
    with sqlite3.connect(other) as db:
        assert db.execute("SELECT count(*) FROM files").fetchone()[0] == 2
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    db.close()


def test_a_link_to_an_empty_file_gets_nothing_written(brief: Runner, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    index_file().parent.mkdir(parents=True)
    index_file().symlink_to(empty)
    assert brief("list").exit_code == 2
    assert empty.read_bytes() == b""


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal"])
def test_a_link_beside_the_index_is_refused(brief: Runner, tmp_path: Path, suffix: str) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"keep")
    index_file().parent.mkdir(parents=True)
    Path(f"{index_file()}{suffix}").symlink_to(victim)
    result = brief("list")
    assert result.exit_code == 2
    assert f"{index_file()}{suffix} is a symbolic link" in result.stderr
    assert victim.read_bytes() == b"keep"


def test_a_fifo_at_the_index_path_never_blocks(brief: Runner) -> None:
    index_file().parent.mkdir(parents=True)
    os.mkfifo(index_file())
    result = brief("search", "Vladivostok")
    assert result.exit_code == 2
    assert "is not a regular file; brief keeps its search index only" in result.stderr
    assert index_file().is_fifo()


def test_a_new_index_file_is_private(brief: Runner) -> None:
    assert brief("list").exit_code == 0
    assert index_file().stat().st_mode & 0o077 == 0


def test_an_index_of_the_first_schema_is_rebuilt(brief: Runner) -> None:
    expected = brief("search", "Vladivostok").stdout
    with sqlite3.connect(index_file()) as db:
        db.execute("PRAGMA user_version = 1")  # before the device column
    db.close()
    assert brief("search", "Vladivostok").stdout == expected
    with sqlite3.connect(index_file()) as db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(files)")]
    db.close()
    assert "device" in columns


# -- brief files are read only through the safe reader (defect 5) ------------------------------


def _opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths os.open is asked to open from now on."""
    seen: list[str] = []
    real = os.open

    def recording(path: Any, *args: Any, **kwargs: Any) -> int:
        seen.append(os.fspath(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", recording)
    return seen


def test_a_fifo_brief_never_blocks_search_or_use(brief: Runner, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    for command in (["search", "troops", "-b", str(fifo)], ["use", str(fifo)]):
        result = brief(*command)
        assert result.exit_code == 2
        assert "is a FIFO, not a brief file (only regular files are read)" in result.stderr


def test_use_dev_zero_reads_nothing(brief: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    # 'brief use /dev/zero' read 8 MiB before it failed.
    opened = _opened(monkeypatch)
    result = brief("use", "/dev/zero")
    assert result.exit_code == 2
    assert result.stderr == (
        "brief: error: /dev/zero: is a device, not a brief file (only regular files are read)\n"
    )
    assert "/dev/zero" not in opened


def test_the_index_never_stores_special_files(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    index = Index.open(":memory:")
    try:
        assert index.sync([str(fifo), "/dev/zero", "/dev/null"]) == []
        assert index.db.execute("SELECT count(*) FROM files").fetchone()[0] == 0
    finally:
        index.close()


def test_a_file_swapped_for_a_fifo_is_broken_not_a_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    real_stat = os.stat

    def looks_regular(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        # As if a brief file were replaced by a FIFO between the index's check and its read.
        chosen = __file__ if os.fspath(path) == str(fifo) else path
        return real_stat(chosen, *args, **kwargs)

    monkeypatch.setattr(os, "stat", looks_regular)
    index = Index.open(":memory:")
    try:
        (record,) = index.sync([str(fifo)])
    finally:
        index.close()
    assert record.error == "is a FIFO, not a brief file (only regular files are read)"


# -- pieces --------------------------------------------------------------------------------------


def test_progress_shows_only_after_a_second_and_clears() -> None:
    now = [0.0]
    shown: list[str | None] = []
    progress = Progress(enabled=True, clock=lambda: now[0], show=shown.append)
    progress(1, 1000)
    assert shown == []
    now[0] = 1.5
    progress(600, 1000)
    assert shown == ["brief: indexing briefs: 600/1,000"]
    progress(1000, 1000)
    assert shown[-1] is None
    said: list[str] = []
    piped = Progress(enabled=False, clock=lambda: now[0], show=shown.append, say=said.append)
    piped(4, 10)
    assert said == []  # quiet for the first second
    now[0] = 3.0
    piped(5, 10)
    piped(6, 10)
    assert len(shown) == 2  # never the bar when stderr is not a terminal
    assert said == [
        "building the search index: 10 briefs to read, 5 read so far (an interrupted build "
        "goes on where it stopped)"
    ]


def test_fts_query_quotes_terms_and_widens_words() -> None:
    assert fts_query('"special forces" deploy') == (
        '"special forces" AND ("deploy" OR "deploys" OR "deployed" OR "deploying" OR '
        '"deployment" OR "deployments")'
    )
    assert fts_query("logis*") == '"logis" *'
    assert fts_query('say "hi') == '"say" AND "hi"'
    assert fts_query("4-2") == '"4-2"'
    with pytest.raises(UsageError):
        fts_query("... !")


def test_forms_that_stem_alike_are_searched_once() -> None:
    index = Index.open(":memory:")
    try:
        # Porter stems deploy/deploys/deployed/deploying to 'deploi', deployment(s) to 'deploy'.
        assert fts_query("deploy", index._distinct_forms) == '("deploy" OR "deployment")'
        assert index._distinct_forms(["sanctions", "sanction"]) == ["sanctions"]
    finally:
        index.close()


@pytest.mark.parametrize("word", ["deploy", "deployment", "troops", "sanctions", "Vladivostok"])
def test_searching_each_stem_once_finds_the_same_hits(
    word: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Order and snippets may differ a little: with every form, a term that four forms stem to
    # counted four times in the ranking and in choosing a snippet; now each term counts once.
    def hits(index: Index) -> tuple[int, set[tuple[str, str]]]:
        (record,) = index.sync([str(paths.default_brief_path())])
        found = index.search(word, [record.file_id], limit=50)
        return found.total, {(hit.kind, hit.ref) for hit in found.hits}

    thinned = using_index(hits, ":memory:")
    monkeypatch.setattr(Index, "_distinct_forms", lambda self, forms: forms)
    every_form = using_index(hits, ":memory:")
    assert thinned == every_form
    assert 0 < thinned[0] < 50


@given(st.text(max_size=40))
def test_any_query_is_valid_fts5_or_a_usage_error(query: str) -> None:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='porter unicode61')")
    db.execute("INSERT INTO t VALUES ('some text about deployment and forces')")
    try:
        expression = fts_query(query)
    except UsageError:
        return
    db.execute("SELECT * FROM t WHERE t MATCH ?", (expression,)).fetchall()


def test_snippet_markers_become_spans() -> None:
    text, marks = _marks("a \x02b\x03 c \x02dd\x03")
    assert text == "a b c dd"
    assert [text[s:e] for s, e in marks] == ["b", "dd"]


def test_search_output_is_pinned(brief: Runner) -> None:
    golden("search-vladivostok.txt", brief("search", "Vladivostok", "--width", "80").stdout)
    typeset = brief("search", "Vladivostok", "--color", "always", "--width", "80").stdout
    golden("search-vladivostok.ansi", typeset)


@pytest.mark.parametrize(
    ("query", "word"),
    [("deployme*", "deployment"), ("deploy*", "deployed"), ("geopolit*", "geopolitical")],
)
def test_a_prefix_finds_the_words_that_start_so(brief: Runner, query: str, word: str) -> None:
    """The index keeps stems ('deployment' as 'deploy'): a prefix still finds every word that
    starts so, as many pieces as the whole word does, and marks the word in the snippet."""
    found = brief("search", query, "--limit", "100", "-f", "json")
    assert found.exit_code == 0, found.stderr
    hits = json.loads(found.stdout)
    whole = json.loads(brief("search", word, "--limit", "100", "-f", "json").stdout)
    assert hits["total"] >= 1
    start = query.rstrip("*")
    shown = [h for h in hits["hits"] if re.search(rf"\b{start}", h["snippet"], re.IGNORECASE)]
    assert shown and all(h["highlights"] for h in shown)  # the word is marked where it shows
    assert {(h["ref"], h["kind"]) for h in hits["hits"]} >= {
        (h["ref"], h["kind"]) for h in whole["hits"] if word in h["snippet"].casefold()
    }


def test_the_editors_notes_are_found_and_marked_as_the_editors(brief: Runner) -> None:
    """The shipped brief's editor notes that Mark Rutte, not Jens Stoltenberg, held the post:
    a search finds the note, and says who wrote it, in text and in JSON."""
    result = brief("search", "Rutte")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "nk-russia-troops-2025 · note 2 [editor]"
    assert "«Rutte» held that post from 1 October 2024" in result.stdout
    data = json.loads(brief("search", "Stoltenberg", "--format", "json").stdout)
    assert [(h["kind"], h["ref"], h["origin"]) for h in data["hits"]] == [
        ("section", "5-2", "report"),
        ("note", "2", "editor"),
    ]
