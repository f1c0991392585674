"""The stat keys of a library folder in one piece (statkeys), and how the index compares them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefcli import catalog, statkeys
from briefcli.index import Index
from briefcli.statkeys import listing, parse_records, records


def brief_file(folder: Path, name: str, brief_id: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    text = f"id: {brief_id}\ntitle: T {brief_id}\nsections:\n  - {{id: '1', title: One}}\n"
    path.write_text(text, encoding="utf-8")
    return path


def names(found: statkeys.Listing) -> list[str]:
    return list(parse_records(found.records))


def test_a_listing_holds_brief_files_only(tmp_path: Path) -> None:
    brief_file(tmp_path, "b.yaml", "b")
    brief_file(tmp_path, "a.yml", "a")
    brief_file(tmp_path, ".hidden.yaml", "h")
    brief_file(tmp_path, "notes.txt", "n")
    (tmp_path / "sub.yaml").mkdir()
    (tmp_path / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "b.yaml")
    os.mkfifo(tmp_path / "pipe.yaml")
    found = listing(str(tmp_path))
    assert names(found) == ["a.yml", "b.yaml", "link.yaml"]
    assert found.unnamed == ()
    assert found.digest == statkeys.digest(found.records)
    # A link's record is its target's status, as reading it sees it.
    keys = parse_records(found.records)
    assert keys["link.yaml"] == keys["b.yaml"]


def test_a_folder_that_is_gone_is_empty_and_one_that_cannot_be_read_says_so(
    tmp_path: Path,
) -> None:
    empty = records([], [])
    assert listing(str(tmp_path / "gone")) == (empty, statkeys.digest(empty), ())
    if os.geteuid() == 0:
        pytest.skip("root reads any folder")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0)
    try:
        with pytest.raises(statkeys.UnreadableFolder):
            listing(str(locked))
    finally:
        locked.chmod(0o755)


def test_a_name_that_is_not_utf8_is_unnamed(tmp_path: Path) -> None:
    raw = os.fsencode(str(tmp_path)) + b"/x\xff.yaml"
    with open(raw, "w", encoding="utf-8") as file:
        file.write("id: x\n")
    brief_file(tmp_path, "y.yaml", "y")
    found = listing(str(tmp_path))
    assert names(found) == ["y.yaml"]
    assert found.unnamed == (os.fsdecode(raw),)


def settled_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Index:
    import time

    from briefcli import index

    real = time.time_ns
    monkeypatch.setattr(index.time, "time_ns", lambda: real() + 60_000_000_000)
    return Index.open(":memory:")


def surveyed_shelf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Index]:
    """A library folder of four briefs on BRIEF_PATH, surveyed once into a settled index."""
    shelf = tmp_path / "shelf"
    for number in range(4):
        brief_file(shelf, f"r{number}.yaml", f"r{number}")
    monkeypatch.setenv("BRIEF_PATH", str(shelf))
    index = settled_index(tmp_path, monkeypatch)
    catalog.survey(index)
    return shelf, index


def test_the_index_makes_the_same_listing_from_its_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shelf = tmp_path / "shelf"
    for number in range(5):
        brief_file(shelf, f"r{number}.yaml", f"r{number}")
    (shelf / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    monkeypatch.setenv("BRIEF_PATH", str(shelf))
    index = settled_index(tmp_path, monkeypatch)
    catalog.survey(index)
    stored, racy = index.listing(str(shelf))
    assert racy == []
    assert stored == listing(str(shelf)).digest
    # Nothing changed: nothing is read again, and the stored digest stays.
    reads = index.reads
    catalog.survey(index)
    assert index.reads == reads
    assert index.listing(str(shelf))[0] == stored


def test_a_racy_file_is_checked_one_by_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shelf = tmp_path / "shelf"
    brief_file(shelf, "a.yaml", "a")
    brief_file(shelf, "b.yaml", "b")
    monkeypatch.setenv("BRIEF_PATH", str(shelf))
    index = Index.open(":memory:")  # read at once: both rows are racy
    catalog.survey(index)
    assert index.listing(str(shelf)) == (listing(str(shelf)).digest, ["a.yaml", "b.yaml"])
    reads = index.reads
    catalog.survey(index)
    assert index.reads == reads + 2  # read again (their digests match: not parsed)
    # Read again later, they are settled: the listing stays, without them in its racy list.
    import time

    from briefcli import index as index_module

    real = time.time_ns
    monkeypatch.setattr(index_module.time, "time_ns", lambda: real() + 60_000_000_000)
    made = []
    monkeypatch.setattr(index, "make_listing", lambda folder: made.append(folder))
    catalog.survey(index)
    assert index.reads == reads + 4
    assert index.listing(str(shelf)) == (listing(str(shelf)).digest, [])
    assert made == []


def test_edits_additions_and_removals_are_seen_without_the_folder_changing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shelf, index = surveyed_shelf(tmp_path, monkeypatch)
    path = shelf / "r1.yaml"
    with path.open("r+", encoding="utf-8") as file:  # in place: the same inode
        text = file.read().replace("T r1", "Revised")
        file.seek(0)
        file.write(text)
        file.truncate()
    (shelf / "r2.yaml").unlink()
    brief_file(shelf, "r9.yaml", "r9")
    reads = index.reads
    catalog.survey(index)
    assert index.reads == reads + 2  # r1 and r9, nothing else
    rows = {r.path: r for r in index.records([str(shelf)], "1")}
    assert sorted(rows) == [str(shelf / n) for n in ("r0.yaml", "r1.yaml", "r3.yaml", "r9.yaml")]
    assert rows[str(path)].title == "Revised"
    assert index.listing(str(shelf))[0] == listing(str(shelf)).digest


def test_the_prefetching_process_hands_over_the_same_listings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shelf = tmp_path / "shelf"
    for number in range(3):
        brief_file(shelf, f"r{number}.yaml", f"r{number}")
    raw = os.fsencode(str(shelf)) + b"/x\xff.yaml"
    with open(raw, "w", encoding="utf-8") as file:
        file.write("id: x\n")
    monkeypatch.setenv("BRIEF_PATH", str(shelf))
    monkeypatch.setattr(statkeys, "_taken", {})
    statkeys.prefetch()
    assert statkeys.take(str(shelf)) == listing(str(shelf))
    assert statkeys.take(str(tmp_path / "elsewhere")) is None
    assert statkeys._child is None  # collected once


records_strategy = st.dictionaries(
    st.sampled_from([f"f{n}.yaml" for n in range(8)]), st.integers(1, 3), max_size=8
)


@settings(derandomize=True, max_examples=200)
@given(
    now=records_strategy,
    known=records_strategy,
    racy=st.sets(st.sampled_from(["f0.yaml", "f1.yaml", "f9.yaml"])),
)
def test_compare_finds_exactly_the_files_that_differ(
    now: dict[str, int], known: dict[str, int], racy: set[str]
) -> None:
    def text(files: dict[str, int]) -> bytes:
        names = sorted(files)
        return records(names, [k for n in names for k in (files[n], 1, 1, 1, 1)])

    held = {n: k for n, k in known.items() if n not in racy} | {n: 0 for n in racy}
    changed, gone = catalog.compare(text(now), text(held), sorted(racy))
    expected = {n for n in now if held.get(n) != now[n] or n in racy}
    assert changed == sorted(expected)
    assert gone == sorted(set(held) - set(now))


@settings(derandomize=True, max_examples=100)
@given(
    st.dictionaries(
        st.text(st.characters(blacklist_characters="\0/", blacklist_categories=["Cs"]), min_size=1),
        st.tuples(*[st.integers(-(2**70), 2**70)] * 5),
    )
)
def test_records_read_back(files: dict[str, tuple[int, ...]]) -> None:
    names = sorted(files)
    data = records(names, [k for n in names for k in files[n]])
    assert parse_records(data) == files


def test_a_listing_kept_in_another_form_is_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shelf = tmp_path / "shelf"
    brief_file(shelf, "a.yaml", "a")
    monkeypatch.setenv("BRIEF_PATH", str(shelf))
    index = settled_index(tmp_path, monkeypatch)
    catalog.survey(index)
    index.db.execute("UPDATE listed SET records = x'00ff'")
    index.db.execute("UPDATE listings SET digest = x'00'")
    brief_file(shelf, "b.yaml", "b")
    catalog.survey(index)
    assert index.listing(str(shelf))[0] == listing(str(shelf)).digest
    assert len(index.records([str(shelf)], "1")) == 2


@settings(derandomize=True, max_examples=200)
@given(
    st.lists(st.integers(0, 3), min_size=0, max_size=40),
    st.lists(st.integers(0, 3), min_size=0, max_size=40),
)
def test_differing_names_the_files_whose_keys_differ(now: list[int], known: list[int]) -> None:
    names = [f"f{n:02}.yaml" for n in range(max(len(now), len(known)))]
    now += [0] * (len(names) - len(now))
    known += [0] * (len(names) - len(known))

    def text(marks: list[int]) -> bytes:
        return records(names, [k for m in marks for k in (1, m, 2, 3, 4)])

    found = statkeys.differing(text(now), text(known))
    assert found == [n for n, a, b in zip(names, now, known, strict=True) if a != b]
    if names:  # a file added or removed: the names differ, and compare() reads them all
        assert statkeys.differing(text(now), records(names[1:], [1] * 5 * len(names[1:]))) is None


def test_after_a_few_changes_the_listing_taken_is_kept_unless_a_file_changed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shelf, index = surveyed_shelf(tmp_path, monkeypatch)
    made: list[str] = []
    real_make = index.make_listing

    def make(folder: str) -> tuple[bytes, bytes, list[str]]:
        made.append(folder)
        return real_make(folder)

    monkeypatch.setattr(index, "make_listing", make)
    brief_file(shelf, "r1.yaml", "r1-revised")
    catalog.survey(index)
    assert made == []  # kept as listed: the rows hold it
    assert index.listing(str(shelf))[0] == listing(str(shelf)).digest
    # A file that changes again between the listing and its reading: made from the rows.
    brief_file(shelf, "r2.yaml", "r2-revised")
    taken = listing(str(shelf))
    brief_file(shelf, "r2.yaml", "r2-revised-again-and-longer")
    monkeypatch.setattr(statkeys, "take", lambda folder: taken if folder == str(shelf) else None)
    catalog.survey(index)
    assert made == [str(shelf)]
    assert index.listing(str(shelf))[0] == listing(str(shelf)).digest
    assert {r.brief_id for r in index.records([str(shelf)], "1")} == {
        "r0",
        "r1-revised",
        "r2-revised-again-and-longer",
        "r3",
    }


def test_the_records_compared_are_kept_while_a_few_of_the_same_files_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shelf = tmp_path / "shelf"
    for number in range(40):
        brief_file(shelf, f"r{number:02}.yaml", f"r{number:02}")
    monkeypatch.setenv("BRIEF_PATH", str(shelf))
    index = settled_index(tmp_path, monkeypatch)
    catalog.survey(index)
    base = index.listed(str(shelf))
    reads = index.reads

    def ids() -> set[str]:
        return {r.brief_id for r in index.records([str(shelf)], "1")}

    # Saved the way editors save (a new file renamed over the old), one after the other: each
    # is seen; the records compared stay, and name the files changed since.
    for round_number in range(3):
        new = shelf / "new.tmp"
        new.write_text(
            f"id: r05-v{round_number}\ntitle: T\nsections:\n  - {{id: '1', title: One}}\n",
            encoding="utf-8",
        )
        os.replace(new, shelf / "r05.yaml")
        catalog.survey(index)
        assert f"r05-v{round_number}" in ids()
        assert index.listing(str(shelf))[0] == listing(str(shelf)).digest
        assert index.listed(str(shelf)) == base
    assert index.reads == reads + 3  # r05 each time, nothing else
    # More than _REBASE files differ from them: the listing taken now is kept.
    for number in range(catalog._REBASE + 1):
        brief_file(shelf, f"r{number:02}.yaml", f"r{number:02}-x")
    catalog.survey(index)
    assert index.listed(str(shelf)) == listing(str(shelf)).records
    # A file added: other names, kept at once.
    brief_file(shelf, "s.yaml", "s")
    catalog.survey(index)
    assert index.listed(str(shelf)) == listing(str(shelf)).records
    assert "s" in ids()


def test_the_count_of_valid_briefs_kept_with_a_listing_follows_the_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shelf = tmp_path / "shelf"
    for number in range(3):
        brief_file(shelf, f"r{number}.yaml", f"r{number}")
    monkeypatch.setenv("BRIEF_PATH", str(shelf))
    index = settled_index(tmp_path, monkeypatch)
    catalog.survey(index)
    assert index.valid([str(shelf)]) == 3
    (shelf / "r0.yaml").write_text("id: [\n", encoding="utf-8")  # broken now
    catalog.survey(index)
    assert index.valid([str(shelf)]) == 2 == index.count([str(shelf)], "error IS NULL")
    # A row that becomes broken without its stat key changing (a racy re-read) drops the
    # listing, so the count is never one the rows no longer hold.
    index.db.execute("UPDATE files SET error = 'x' WHERE path LIKE '%r1.yaml'")
    assert index.listing(str(shelf))[0] is None
    assert index.valid([str(shelf)]) == 1
