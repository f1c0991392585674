"""The library: brief list, -b by id, prefix, title or path, BRIEF, brief use, broken files."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefcli import catalog, paths
from briefcli.paths import default_brief_path
from conftest import Runner

SHIPPED_ID = "nk-russia-troops-2025"


def on_screen(brief: Runner, *args: str, env: dict[str, str] | None = None) -> str:
    """What a terminal shows (hints and footers too; pipes get the data only), unwrapped."""
    out = brief("--color", "always", "--width", "500", *args, env=env).stdout
    return re.sub(r"\x1b\[[0-9;]*m", "", out)


def mini(
    folder: Path,
    brief_id: str,
    title: str = "A Mini Report",
    date: str | None = "2024-01-01",
    text: str = "Hello.",
    name: str | None = None,
) -> Path:
    """Write a small valid brief into ``folder`` and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [f"id: {brief_id}", f"title: {json.dumps(title)}"]
    if date:
        lines.append(f"date: {json.dumps(date)}")
    lines += [
        "sections:",
        "  - id: '1'",
        "    title: One",
        f"    paragraphs: [{json.dumps(text)}]",
    ]
    path = folder / (name or f"{brief_id}.yaml")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def no_brief_path(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The developer's own BRIEF_PATH never leaks into a test."""
    monkeypatch.delenv("BRIEF_PATH", raising=False)
    yield


@pytest.fixture
def shelf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A BRIEF_PATH folder with three briefs (the user folders are set by the brief fixture)."""
    folder = tmp_path / "shelf"
    mini(folder, "alpha-2023", "Alpha Report on Grain", "2023-05-01")
    mini(folder, "beta-2024", "Beta Report on Ports", "2024-11")
    mini(folder, "gamma", "Gamma Notes", None)
    monkeypatch.setenv("BRIEF_PATH", str(folder))
    return folder


# -- brief list ---------------------------------------------------------------------------------


def test_list_shows_id_date_where_and_title(brief: Runner, shelf: Path) -> None:
    result = brief("list")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "alpha-2023",
        "2023-05-01",
        str(shelf),
        *["Alpha", "Report", "on", "Grain"],
    ]
    assert any(line.startswith("gamma ") and " - " in line for line in lines)
    shipped = next(line for line in lines if line.startswith(SHIPPED_ID))
    assert "shipped" in shipped and "2025-02-28" in shipped
    assert "4 briefs in 2 folders." not in result.stdout  # a footer: not in a pipe
    assert "4 briefs in 2 folders." in on_screen(brief, "list")


def test_list_sorts_by_id_or_newest_date(brief: Runner, shelf: Path) -> None:
    by_id = [line.split()[0] for line in brief("list").stdout.splitlines()[:4]]
    assert by_id == ["alpha-2023", "beta-2024", "gamma", SHIPPED_ID]
    by_date = [line.split()[0] for line in brief("list", "--sort", "date").stdout.splitlines()[:4]]
    assert by_date == [SHIPPED_ID, "beta-2024", "alpha-2023", "gamma"]


def test_list_includes_the_library_folder_and_brief_path_in_order(
    brief: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mini(Path(tmp_path / "data" / "briefcli" / "briefs"), "imported")
    second = tmp_path / "second"
    mini(second, "later")
    monkeypatch.setenv("BRIEF_PATH", f"{tmp_path / 'missing'}::{second}")
    data = json.loads(brief("list", "--format", "json").stdout)
    assert [f["origin"] for f in data["folders"]] == ["shipped", "library", "BRIEF_PATH"]
    origins = {b["id"]: b["origin"] for b in data["briefs"]}
    assert origins == {SHIPPED_ID: "shipped", "imported": "library", "later": "BRIEF_PATH"}


def test_list_json_keys_are_pinned(brief: Runner, shelf: Path) -> None:
    data = json.loads(brief("list", "--format", "json").stdout)
    assert list(data) == ["schema_version", "view", "sort", "folders", "briefs", "duplicates"]
    assert data["schema_version"] == 2 and data["view"] == "library"
    assert list(data["briefs"][0]) == [
        "id", "title", "date", "kind", "path", "origin", "status", "shadowed_by", "error",
    ]  # fmt: skip
    gamma = next(b for b in data["briefs"] if b["id"] == "gamma")
    assert gamma["date"] is None and gamma["status"] == "ok"


def test_only_brief_files_directly_in_a_folder_count(
    brief: Runner, shelf: Path, tmp_path: Path
) -> None:
    mini(shelf / "sub", "nested")
    mini(shelf, "hidden", name=".hidden.yaml")
    mini(shelf, "short-ending", name="short-ending.yml")
    mini(shelf, "named-otherwise", name="other-name.yaml")
    (shelf / "notes.txt").write_text("not a brief\n", encoding="utf-8")
    ids = [b["id"] for b in json.loads(brief("list", "--format", "json").stdout)["briefs"]]
    assert "short-ending" in ids
    assert "nested" not in ids and "hidden" not in ids
    # The list names the folder, and the file too when its name is not the id's.
    assert f"{shelf / 'other-name.yaml'}  A Mini Report" in brief("list").stdout


def test_broken_files_are_listed_with_their_error_not_fatal(brief: Runner, shelf: Path) -> None:
    (shelf / "bad.yaml").write_text("id: bad\ntitle: T\nsections:\n  - id: '1'\n    titel: A\n")
    (shelf / "worse.yaml").write_bytes(b"id: x\ntitle: \xff\n")
    result = brief("list")
    assert result.exit_code == 0
    assert "Broken files (2)" in result.stdout
    assert "5:5: sections[0].titel: unknown key (did you mean 'title'?)" in result.stdout
    assert "not valid UTF-8" in result.stdout
    assert "alpha-2023" in result.stdout
    data = json.loads(brief("list", "--format", "json").stdout)
    bad = next(b for b in data["briefs"] if b["path"].endswith("bad.yaml"))
    assert bad["status"] == "broken" and bad["id"] is None
    assert bad["error"].startswith("5:5: sections[0].titel")


def test_duplicate_ids_are_reported_never_silently_shadowed(
    brief: Runner, shelf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "other"
    mini(other, "alpha-2023", "Another Alpha", "2020")
    monkeypatch.setenv("BRIEF_PATH", f"{shelf}:{other}")
    result = brief("list")
    assert "Duplicate ids" in result.stdout
    assert f"alpha-2023: --brief alpha-2023 reads {shelf / 'alpha-2023.yaml'}" in result.stdout
    assert f"{other} (duplicate)" in result.stdout
    data = json.loads(brief("list", "--format", "json").stdout)
    assert data["duplicates"] == [
        {
            "id": "alpha-2023",
            "paths": [str(shelf / "alpha-2023.yaml"), str(other / "alpha-2023.yaml")],
        }
    ]
    shown = brief("-b", "alpha-2023")
    assert shown.exit_code == 0
    assert shown.stdout.startswith("Alpha Report on Grain\n")
    assert shown.stderr.startswith("brief: warning: 2 briefs have the id 'alpha-2023'")


def test_same_folder_twice_is_not_a_duplicate(
    brief: Runner, shelf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEF_PATH", f"{shelf}:{shelf}/.:{shelf}")
    assert "Duplicate" not in brief("list").stdout


def test_list_reads_metadata_from_the_index_not_the_files(
    brief: Runner, shelf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefcli.loader

    parsed: list[str] = []
    real = briefcli.loader.parse_brief

    def counting(text: str, name: str = "<brief>") -> object:
        parsed.append(name)
        return real(text, name)

    monkeypatch.setattr(briefcli.loader, "parse_brief", counting)
    assert brief("list").exit_code == 0
    assert len(parsed) == 4  # three on the shelf and the shipped one
    parsed.clear()
    assert brief("list").exit_code == 0
    assert parsed == []
    mini(shelf, "gamma", "Gamma Notes, Revised", None)
    assert "Gamma Notes, Revised" in brief("list").stdout
    assert parsed == [str(shelf / "gamma.yaml")]


def test_removed_files_leave_the_list(brief: Runner, shelf: Path) -> None:
    assert "beta-2024" in brief("list").stdout
    (shelf / "beta-2024.yaml").unlink()
    assert "beta-2024" not in brief("list").stdout


@pytest.fixture
def long_shelf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A BRIEF_PATH folder of 120 briefs, one of them broken and one a duplicate id."""
    folder = tmp_path / "long"
    for number in range(118):
        mini(folder, f"r{number:03}", f"Report {number}", f"20{number % 25:02}-01-01")
    mini(folder, "r005", "A second r005", "1999-01-01", name="z-duplicate.yaml")
    (folder / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    monkeypatch.setenv("BRIEF_PATH", str(folder))
    return folder


def ids_listed(stdout: str) -> list[str]:
    """The ids in the table of briefs (which ends at the first blank line)."""
    return [line.split()[0] for line in stdout.split("\n\n")[0].splitlines()]


def test_list_shows_a_page_and_says_how_many_more(brief: Runner, long_shelf: Path) -> None:
    result = brief("list")
    shown = ids_listed(result.stdout)
    # The first 50 briefs by id (the shipped one among them); every broken file after them.
    assert len(shown) == 50
    assert shown[:3] == ["nk-russia-troops-2025", "r000", "r001"]
    assert "… 70 more: brief list --all" in result.stderr
    assert "broken.yaml" in result.stdout
    assert "(duplicate)  A second r005" in result.stdout  # sorted by id, beside its twin
    # The duplicate id is reported all the same, though its second file is not on the page.
    assert "r005: --brief r005 reads" in result.stdout
    everything = brief("list", "--all")
    assert len(ids_listed(everything.stdout)) == 120
    assert everything.stderr == ""


def test_list_by_date_pages_the_newest(brief: Runner, long_shelf: Path) -> None:
    shown = ids_listed(brief("list", "--sort", "date").stdout)
    assert shown[0] == "nk-russia-troops-2025"  # 2025-02-28, the newest
    assert set(shown[1:5]) == {"r024", "r049", "r074", "r099"}  # 2024-01-01


def test_list_json_lists_every_brief(brief: Runner, long_shelf: Path) -> None:
    data = json.loads(brief("list", "--format", "json").stdout)
    assert len(data["briefs"]) == 121 - 1 + 1  # every file, the broken one too


def test_a_changed_brief_on_the_page_is_shown_changed(
    brief: Runner, long_shelf: Path, settled: None
) -> None:
    assert "Report 3\n" in brief("list").stdout
    mini(long_shelf, "r003", "Report three, revised", "2001-01-01")
    assert "Report three, revised" in brief("list").stdout


def test_a_brief_edited_in_place_moves_into_the_page_at_once(
    brief: Runner, long_shelf: Path, settled: None
) -> None:
    assert "r117" not in ids_listed(brief("list").stdout)
    path = long_shelf / "r117.yaml"
    inode = path.stat().st_ino
    path.write_text(path.read_text(encoding="utf-8").replace("r117", "a-first"), "utf-8")
    assert path.stat().st_ino == inode  # edited in place: its folder did not change
    assert ids_listed(brief("list").stdout)[0] == "a-first"


def test_added_and_removed_files_show_at_once(brief: Runner, long_shelf: Path) -> None:
    assert "r000" in ids_listed(brief("list").stdout)
    (long_shelf / "r000.yaml").unlink()
    mini(long_shelf, "a-new-one", "New")
    shown = ids_listed(brief("list").stdout)
    assert "r000" not in shown
    assert shown[0] == "a-new-one"


# -- -b/--brief, BRIEF and the current brief ----------------------------------------------------


@pytest.mark.parametrize(
    ("ref", "title"),
    [
        ("beta-2024", "Beta Report on Ports"),  # an id
        ("BETA-2024", "Beta Report on Ports"),  # any case
        ("bet", "Beta Report on Ports"),  # a unique prefix
        ("ports", "Beta Report on Ports"),  # a title fragment
        ("gamma notes", "Gamma Notes"),
        ("nk-russia", "North Korea's Troop Deployment"),
    ],
)
def test_brief_option_takes_id_prefix_or_title(
    brief: Runner, shelf: Path, ref: str, title: str
) -> None:
    result = brief("-b", ref)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(title)
    assert brief("show", "1", "--brief", ref).exit_code == 0


def test_brief_option_takes_a_path(brief: Runner, shelf: Path, tmp_path: Path) -> None:
    elsewhere = mini(tmp_path / "elsewhere", "outside", "Outside Report")
    assert brief("-b", str(elsewhere)).stdout.startswith("Outside Report")


def test_ambiguous_and_unknown_refs_are_usage_errors(brief: Runner, shelf: Path) -> None:
    ambiguous = brief("-b", "report")  # two titles contain it
    assert ambiguous.exit_code == 2
    assert ambiguous.stderr.startswith(
        "brief: error: 'report' is ambiguous: 2 briefs' titles contain it (alpha-2023, beta-2024)"
    )
    unknown = brief("show", "1", "-b", "zeta")
    assert unknown.exit_code == 2
    assert unknown.stderr.startswith("brief: error: no brief 'zeta'")
    assert "brief list" in unknown.stderr
    empty = brief("-b", " ")
    assert empty.exit_code == 2
    assert "--brief needs a brief id or a file path" in empty.stderr


def test_broken_brief_by_name_says_what_is_wrong(brief: Runner, shelf: Path) -> None:
    (shelf / "bad.yaml").write_text("id: bad\ntitle: T\nsections: []\n")
    result = brief("-b", "bad")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"brief: error: {shelf / 'bad.yaml'}:3:11: sections:")


def test_brief_environment_variable_takes_an_id(brief: Runner, shelf: Path) -> None:
    result = brief("show", "1", env={"BRIEF": "alpha"})
    assert result.stdout == "1. One\n\nHello.\n"
    overview = on_screen(brief, env={"BRIEF": "alpha"})
    assert "Current brief: alpha-2023, chosen by the BRIEF environment variable." in overview
    # --brief wins over BRIEF.
    assert brief("-b", "gamma", env={"BRIEF": "alpha"}).stdout.startswith("Gamma Notes")


def test_overview_says_which_brief_is_current_and_why(brief: Runner) -> None:
    out = on_screen(brief)
    assert "Current brief" not in brief().stdout  # a footer: not in a pipe
    assert out.rstrip().endswith(
        "Current brief: nk-russia-troops-2025, the shipped report (no --brief, no BRIEF, "
        "no 'brief use' default). Others: brief list · another: brief -b ID, BRIEF=ID or "
        "brief use ID."
    )


def test_use_remembers_a_default(brief: Runner, shelf: Path) -> None:
    result = brief("use", "beta")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"Default brief: beta-2024 ({shelf / 'beta-2024.yaml'})\n"
    saved = (paths.config_dir() / "default-brief").read_text(encoding="utf-8")
    assert saved == f"beta-2024\n{shelf / 'beta-2024.yaml'}\n"
    assert brief().stdout.startswith("Beta Report on Ports")
    assert "the default set with 'brief use'" in on_screen(brief)
    assert brief("use").stdout == f"{shelf / 'beta-2024.yaml'}\nthe default set with 'brief use'\n"
    # BRIEF and --brief still win over the default.
    assert brief(env={"BRIEF": "gamma"}).stdout.startswith("Gamma Notes")
    assert brief("use", "--clear").stdout == "Forgot the default brief.\n"
    assert brief().stdout.startswith("North Korea's Troop Deployment")
    assert brief("use", "--clear").stdout == "No default brief was set.\n"


def test_use_follows_a_moved_brief_by_id(brief: Runner, shelf: Path) -> None:
    brief("use", "beta-2024")
    (shelf / "beta-2024.yaml").rename(shelf / "renamed.yaml")
    assert brief().stdout.startswith("Beta Report on Ports")
    (shelf / "renamed.yaml").unlink()
    gone = brief()
    assert gone.exit_code == 2
    assert "the default brief 'beta-2024' (set with 'brief use') is gone" in gone.stderr


def test_use_refuses_a_broken_or_unknown_brief(brief: Runner, shelf: Path) -> None:
    assert brief("use", "zeta").exit_code == 2
    (shelf / "bad.yaml").write_text("id: bad\n")
    assert brief("use", str(shelf / "bad.yaml")).exit_code == 2
    assert not (paths.config_dir() / "default-brief").exists()


# -- the library as a module --------------------------------------------------------------------


def test_folders_are_deduplicated_and_missing_ones_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    (tmp_path / "a").mkdir()
    monkeypatch.setenv("BRIEF_PATH", f"{tmp_path / 'a'}:{tmp_path / 'nope'}:{tmp_path / 'a'}:")
    found = catalog.folders()
    assert [f.origin for f in found] == ["shipped", "BRIEF_PATH"]
    assert found[0].path == str(default_brief_path().parent)


def test_find_prefers_exact_id_over_prefix(tmp_path: Path) -> None:
    entries = tuple(
        catalog.Entry(str(tmp_path / f"{i}.yaml"), "BRIEF_PATH", i, f"Title {i}", "", "")
        for i in ("ab", "abc", "abd")
    )
    shelf = catalog.Library((), entries)
    assert shelf.find("ab").id == "ab"
    assert shelf.find("abc").id == "abc"
    with pytest.raises(catalog.UsageError, match="ambiguous"):
        shelf.find("a")


# -- hostile library folders (defects 4, 5, 7 and 9) --------------------------------------------


def _brief_command() -> list[str]:
    script = Path(sys.executable).with_name("brief")
    return [str(script)] if script.exists() else [sys.executable, "-m", "briefcli"]


def run_brief(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The installed script in a clean environment (a hang would fail at the safety timeout)."""
    environment = {
        **{k: v for k, v in os.environ.items() if k not in ("BRIEF", "BRIEF_PATH")},
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        **env,
    }
    return subprocess.run(
        [*_brief_command(), *args],
        env=environment,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        errors="surrogateescape",
        timeout=120,
        check=False,
    )


#: Every command that reads the library, and the two completions that list it.
LIBRARY_COMMANDS = [
    ["list"],
    ["list", "--format", "json"],
    ["search", "Hello", "--all"],
    ["-b", "alpha-2023", "show", "1"],
    ["use", "alpha-2023"],
]
COMPLETIONS = [
    {"_BRIEF_COMPLETE": "complete_bash", "COMP_WORDS": "brief -b ", "COMP_CWORD": "2"},
    {"_BRIEF_COMPLETE": "complete_bash", "COMP_WORDS": "brief use ", "COMP_CWORD": "2"},
]


def test_a_file_name_that_is_not_utf8_is_listed_escaped(tmp_path: Path) -> None:
    # Defect 4: with x\xff.yaml in any library folder, every library command exited 70.
    shelf = tmp_path / "shelf"
    mini(shelf, "alpha-2023", text="Hello.")
    bad = os.path.join(os.fsencode(shelf), b"x\xff.yaml")
    with open(bad, "wb") as handle:
        handle.write(b"id: x\ntitle: X\n")
    for command in LIBRARY_COMMANDS:
        done = run_brief(tmp_path, *command, BRIEF_PATH=str(shelf))
        assert done.returncode == 0, (command, done.stderr)
        assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    listed = run_brief(tmp_path, "list", BRIEF_PATH=str(shelf)).stdout
    assert f"{shelf}/x\\xff.yaml  its file name is not valid UTF-8; rename the file" in listed
    data = json.loads(run_brief(tmp_path, "list", "-f", "json", BRIEF_PATH=str(shelf)).stdout)
    (broken,) = [b for b in data["briefs"] if b["status"] == "broken"]
    assert os.fsencode(broken["path"]) == bad
    for environ in COMPLETIONS:
        done = run_brief(tmp_path, BRIEF_PATH=str(shelf), **environ)
        assert (done.returncode, done.stderr) == (0, "")
        assert "alpha-2023" in done.stdout.split()


def test_fifos_in_a_library_folder_never_block(tmp_path: Path) -> None:
    shelf = tmp_path / "shelf"
    mini(shelf, "alpha-2023", text="Hello.")
    os.mkfifo(shelf / "pipe.yaml")
    (shelf / "link.yaml").symlink_to(shelf / "pipe.yaml")
    for command in LIBRARY_COMMANDS:
        done = run_brief(tmp_path, *command, BRIEF_PATH=str(shelf))
        assert done.returncode == 0, (command, done.stderr)
    for environ in COMPLETIONS:
        done = run_brief(tmp_path, BRIEF_PATH=str(shelf), **environ)
        assert done.stdout.split() == ["alpha-2023", SHIPPED_ID]
    listed = run_brief(tmp_path, "list", BRIEF_PATH=str(shelf)).stdout
    assert "pipe.yaml" not in listed and "link.yaml" not in listed


def test_stale_temp_files_of_a_killed_write_are_not_briefs(brief: Runner, shelf: Path) -> None:
    # Defect 9: a killed import left '.NAME.*.tmp' files (a whole brief) in the library.
    (shelf / ".alpha-2023.yaml.k2j4f0a1.tmp").write_text("id: ghost\ntitle: Ghost\n")
    (shelf / ".ghost.yaml").write_text("id: ghost\ntitle: Ghost\n")
    listed = json.loads(brief("list", "--format", "json").stdout)
    assert sorted(b["id"] for b in listed["briefs"]) == [
        "alpha-2023",
        "beta-2024",
        "gamma",
        SHIPPED_ID,
    ]
    assert all("ghost" not in b["path"] and ".tmp" not in b["path"] for b in listed["briefs"])


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_a_folder_that_cannot_be_read_is_one_line(tmp_path: Path) -> None:
    # Defect 7: a library folder with mode 000, for a user who is not root, gave exit 70.
    shelf = tmp_path / "shelf"
    mini(shelf, "alpha-2023")
    shelf.chmod(0)
    try:
        for command in LIBRARY_COMMANDS:
            done = run_brief(tmp_path, *command, BRIEF_PATH=str(shelf))
            assert (done.returncode, done.stdout) == (2, ""), command
            assert done.stderr == (
                f"brief: error: cannot read the library folder {shelf}: Permission denied\n"
                "brief: hint: fix its permissions, or take it out of BRIEF_PATH\n"
            )
        done = run_brief(tmp_path, BRIEF_PATH=str(shelf), **COMPLETIONS[0])
        assert (done.returncode, done.stderr) == (0, "")  # completion offers nothing, quietly
    finally:
        shelf.chmod(0o755)


def test_an_unreadable_folder_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same for root too: the scan itself refused (root would read a mode-000 folder).
    def denied(path: str) -> None:
        raise PermissionError(13, "Permission denied", path)

    assert catalog.brief_files(str(tmp_path / "missing")) == []  # gone is only empty
    monkeypatch.setattr(catalog.os, "scandir", denied)
    with pytest.raises(catalog.UsageError, match=r"cannot read the library folder .*shelf"):
        catalog.brief_files(str(tmp_path / "shelf"))


def test_the_remembered_default_is_never_read_through_a_link(
    brief: Runner, shelf: Path, tmp_path: Path
) -> None:
    assert brief("use", "beta").exit_code == 0
    remembered = catalog.default_path()
    elsewhere = tmp_path / "elsewhere"
    remembered.rename(elsewhere)
    remembered.symlink_to(elsewhere)
    assert catalog.read_default() is None
    remembered.unlink()
    os.mkfifo(remembered)
    assert catalog.read_default() is None  # a FIFO there never blocks
    assert brief("use").stdout.endswith(
        "the shipped report (no --brief, no BRIEF, no 'brief use' default)\n"
    )


def test_the_installed_script_sees_a_brief_edited_in_place(tmp_path: Path) -> None:
    # The real command: the stat keys are taken by the process forked at start-up.
    import time

    from briefcli.freshness import RACY_NS

    shelf = tmp_path / "shelf"
    for number in range(30):
        mini(shelf, f"r{number:02}", f"Report {number}", text="Plain words.")
    time.sleep(RACY_NS / 1e9 + 0.1)  # indexed after the racy window: the rows are settled
    assert run_brief(tmp_path, "list", BRIEF_PATH=str(shelf)).returncode == 0
    search = ("search", "zanzibarite", "--all", "--format", "json")
    assert run_brief(tmp_path, *search, BRIEF_PATH=str(shelf)).returncode == 1
    path = shelf / "r17.yaml"
    inode = path.stat().st_ino
    with path.open("r+", encoding="utf-8") as file:  # in place: its folder does not change
        text = file.read().replace("Plain words.", "Zanzibarite words.")
        file.seek(0)
        file.write(text)
        file.truncate()
    assert path.stat().st_ino == inode
    found = run_brief(tmp_path, *search, BRIEF_PATH=str(shelf))
    assert found.returncode == 0, found.stderr
    assert [hit["brief"]["id"] for hit in json.loads(found.stdout)["hits"]] == ["r17"]
