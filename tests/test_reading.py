"""Reading a whole report: the contents tree, `brief read`, the footer, links and `brief cite`."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import HERE, Runner

SAMPLE = HERE / "data" / "formats-sample.yaml"
SGR = re.compile(r"\x1b\[[0-9;]*m")
OSC8 = re.compile(r"\x1b\]8;[^\x1b]*\x1b\\")


@pytest.fixture(autouse=True)
def state_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Every test keeps its reading positions in its own state folder."""
    folder = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(folder))
    return folder


def headings(text: str) -> list[str]:
    """The section headings `brief read` marked, by id."""
    return re.findall(r"^§ (\S+?)\.? ", text, re.MULTILINE)


def on_screen(brief: Runner, *args: str) -> str:
    """What a terminal shows (hints and footers too), without colour and unwrapped."""
    return SGR.sub("", brief(*args, "--color", "always", "--width", "500").stdout)


# -- the contents ------------------------------------------------------------------------------


def test_contents_show_subsections_words_and_reading_time(brief: Runner) -> None:
    out = brief().stdout
    assert "2-3  245 words  1 min    Analysis of the operational capabilities" in out
    assert "3,889 words in all: about 17 min at 230 words a minute." in out
    shallow = brief("--depth", "1").stdout
    assert "2-3" not in shallow and "2  734 words  3 min  The Strategic" in shallow


def test_narrow_contents_stack_the_title_under_its_counts(brief: Runner) -> None:
    lines = brief("-w", "40").stdout.splitlines()
    assert max(len(line) for line in lines) <= 40
    at = lines.index("2-1  255 words  1 min")
    assert lines[at + 1] == "    Understanding the military"


def test_contents_depth_is_one_or_two(brief: Runner) -> None:
    result = brief("--depth", "3")
    assert result.exit_code == 2
    assert "'3' is not one of '1', '2'" in result.stderr


def test_contents_json_carries_the_same_tree(brief: Runner) -> None:
    data = json.loads(brief("--format", "json").stdout)
    assert data["reading"] == {"words": 3889, "minutes": 17, "words_per_minute": 230}
    four = data["contents"][3]
    assert (four["id"], four["words"], four["minutes"]) == ("4", 709, 3)
    assert [s["id"] for s in four["subsections"]] == ["4-1", "4-2", "4-3"]
    assert sum(s["words"] for s in four["subsections"]) == four["words"]
    shallow = json.loads(brief("--depth", "1", "--format", "json").stdout)
    assert shallow["depth"] == 1 and all(s["subsections"] == [] for s in shallow["contents"])


def test_hints_fit_the_brief_being_read(brief: Runner) -> None:
    # The sample has sections 1 to 3: no suggestion of a section it lacks.
    out = on_screen(brief, "-b", str(SAMPLE))
    # The brief was chosen with -b: every suggestion carries it, or it would read another.
    sample = str(SAMPLE)
    assert f"Try: brief show 2 -b {sample} · brief read -b {sample}" in " ".join(out.split())


# -- brief read --------------------------------------------------------------------------------


def test_read_runs_from_the_section_to_the_end(brief: Runner) -> None:
    result = brief("read", "5")
    assert result.exit_code == 0, result.stderr
    assert headings(result.stdout) == ["5", "5-1", "5-2", "5-3", "6", "6-1", "6-2", "6-3", "7"]
    assert result.stdout.startswith("§ 5. Geopolitical Ramifications")


def test_read_from_a_subsection_starts_mid_section(brief: Runner) -> None:
    out = brief("read", "4-2").stdout
    assert headings(out)[:3] == ["4-2", "4-3", "5"]


def test_read_keeps_the_reports_words(brief: Runner) -> None:
    read = brief("read", "7").stdout
    shown = brief("show", "7").stdout
    assert read == "§ " + shown


def test_read_resumes_where_reading_last_started(brief: Runner, state_home: Path) -> None:
    assert headings(brief("read").stdout)[0] == "1"  # nothing read yet: the beginning
    brief("read", "6")
    resumed = brief("read")
    assert headings(resumed.stdout)[0] == "6"
    assert "Resumed" not in resumed.stdout  # the note is for a terminal
    assert "Resumed at section 6, where you last started reading" in on_screen(brief, "read")
    saved = json.loads((state_home / "briefcli" / "positions.json").read_text(encoding="utf-8"))
    assert [(p["brief"], p["section"]) for p in saved["positions"]] == [
        ("nk-russia-troops-2025", "6")
    ]


def test_each_brief_has_its_own_position(brief: Runner) -> None:
    brief("read", "6")
    brief("read", "2-1", "-b", str(SAMPLE))
    assert headings(brief("read").stdout)[0] == "6"
    assert headings(brief("read", "-b", str(SAMPLE)).stdout)[0] == "2-1"


@pytest.mark.parametrize(
    "damage",
    [b"{not json", b"\xff\xfe", b"[1, 2]",
     b'{"version": 1, "positions": [{"brief": "nk-russia-troops-2025", "section": 6}]}',
     b'{"version": 1, "positions": [{"brief": "nk-russia-troops-2025", "section": "99"}]}',
     b" " * 70_000],
    ids=["syntax", "not-utf8", "a-list", "a-number", "a-gone-section", "huge"],
)  # fmt: skip
def test_a_damaged_state_file_means_the_beginning(
    brief: Runner, state_home: Path, damage: bytes
) -> None:
    (state_home / "briefcli").mkdir(parents=True)
    (state_home / "briefcli" / "positions.json").write_bytes(damage)
    result = brief("read")
    assert result.exit_code == 0 and result.stderr == ""
    assert headings(result.stdout)[0] == "1"
    # The next position replaces the damaged file.
    brief("read", "3")
    assert headings(brief("read").stdout)[0] == "3"


def test_an_unwritable_state_folder_only_warns(brief: Runner, state_home: Path) -> None:
    state_home.parent.mkdir(parents=True, exist_ok=True)
    state_home.write_text("a file where the folder should be", encoding="utf-8")
    result = brief("read", "7")
    assert result.exit_code == 0
    assert result.stdout.startswith("§ 7. Conclusion")
    assert result.stderr.startswith("brief: warning: cannot remember where you are reading:")
    assert len(result.stderr.splitlines()) == 1


def test_read_of_a_missing_section_fails_cleanly(brief: Runner) -> None:
    result = brief("read", "9")
    assert result.exit_code == 1
    assert result.stderr.startswith("brief: error: no section '9'")
    assert result.stdout == ""


def test_state_file_is_written_atomically_and_is_not_private_data(
    brief: Runner, state_home: Path
) -> None:
    brief("read", "3")
    folder = state_home / "briefcli"
    assert sorted(p.name for p in folder.iterdir()) == ["positions.json"]  # no temporary files
    assert stat.S_ISREG((folder / "positions.json").stat().st_mode)


# -- the footer and the pipe -------------------------------------------------------------------


def test_show_has_the_neighbours_footer_on_a_terminal_only(brief: Runner) -> None:
    footer = "← 3 Historical Context of North Korea-Russia Relations · 5 Geopolitical"
    assert footer in on_screen(brief, "show", "4")
    piped = brief("show", "4").stdout
    assert "←" not in piped and "→" not in piped


def test_timeline_in_a_pipe_is_one_line_per_event(brief: Runner) -> None:
    assert len(brief("timeline").stdout.splitlines()) == 11
    assert "Entries marked [editor]" in on_screen(brief, "timeline")


# -- brief cite --------------------------------------------------------------------------------


def test_cite_names_publisher_kind_date_section_and_source(brief: Runner) -> None:
    result = brief("cite", "4-2")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "goover. North Korea's Troop Deployment to Russia: A New Geopolitical Catalyst in the "
        "Ukraine Conflict. General Report, 28 February 2025. Section 4-2, “Timeline of troop "
        "movements and military engagements”. Source: goover General Report, 28 February 2025 "
        "(nk-russia-troops-2025.txt).\n"
    )


def test_cite_quote_adds_the_passage_word_for_word(brief: Runner) -> None:
    out = brief("cite", "4-2", "--quote").stdout
    shown = brief("show", "4-2").stdout
    # The report's words, without the editor's note that `show` adds under them: a quotation
    # of the report quotes the report.
    passage = shown.split("\n\n", 1)[1].split("\n\nEditor's notes (", 1)[0].rstrip("\n")
    assert "Editor's notes (" in shown and "Rutte" not in out
    assert out.split("\n\n", 1)[1] == "> " + passage + "\n"


def test_cite_bibtex_is_one_entry_with_special_characters_escaped(brief: Runner) -> None:
    out = brief("cite", "2-2", "-b", str(SAMPLE), "--format", "bibtex").stdout
    assert out.startswith("@misc{sample-escapes:2-2,\n") and out.endswith("}\n")
    assert (
        r"title        = {{Sample \textless{}script\textgreater{}alert('x')"
        r"\textless{}/script\textgreater{} \& *Report* \textbar{}" in out
    )
    assert r"back\textbackslash{}slashes" in out
    # BibTeX counts every brace, a backslash before it or not.
    assert out.count("{") == out.count("}")


def test_cite_csl_json_loads_as_one_item(brief: Runner) -> None:
    data = json.loads(brief("cite", "4-2", "--format", "csl-json", "--quote").stdout)
    assert len(data) == 1
    item = data[0]
    assert item["type"] == "report" and item["genre"] == "General Report"
    assert item["issued"] == {"date-parts": [[2025, 2, 28]]}
    assert item["section"] == "4-2 Timeline of troop movements and military engagements"
    assert item["author"] == [{"literal": "goover"}]
    assert item["annote"].startswith("The timeline of troop movements")


def test_cite_without_a_section_cites_the_brief(brief: Runner) -> None:
    out = brief("cite").stdout
    assert "Section" not in out and out.startswith("goover. North Korea's Troop Deployment")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [(("cite", "9"), 1, "no section '9'"),
     (("cite", "4", "--format", "ris"), 2, "'ris' is not one of 'text', 'bibtex', 'csl-json'")],
)  # fmt: skip
def test_cite_errors(brief: Runner, args: tuple[str, ...], code: int, message: str) -> None:
    result = brief(*args)
    assert result.exit_code == code
    assert message in result.stderr and result.stdout == ""


# -- on a real terminal ------------------------------------------------------------------------

posix = pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals")


@posix
def test_footer_and_links_on_a_terminal_never_in_a_pipe(tmp_path: Path) -> None:
    from test_pipes import on_terminal, run

    state = str(tmp_path / "state")
    screen = on_terminal("show", "2", "-b", str(SAMPLE), "--no-pager", XDG_STATE_HOME=state)
    assert screen.exit_code == 0, screen.stderr
    assert "← 1 Summary · 3 Conclusion →" in SGR.sub("", screen.output)
    exported = on_terminal("export", "-b", str(SAMPLE), "--no-pager", XDG_STATE_HOME=state)
    targets = re.findall(r"\x1b\]8;id=\d+;([^\x1b]*)\x1b\\", exported.output)
    assert "https://example.org/?a=1&b=" in targets
    off = on_terminal("export", "-b", str(SAMPLE), "--no-pager", FORCE_HYPERLINK="0")
    assert "\x1b]8;" not in off.output
    forced = run("export", "-b", str(SAMPLE), "--color", "always").stdout.decode()
    assert "\x1b[" in forced and "\x1b]8;" not in forced  # colour forced, links never piped
    piped = run("show", "2", "-b", str(SAMPLE)).stdout.decode()
    assert "←" not in piped


@posix
def test_read_starts_less_searching_for_the_headings(tmp_path: Path) -> None:
    from test_pipes import on_terminal

    log = tmp_path / "args"
    fake = tmp_path / "bin" / "less"
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {log}\ncat\n', encoding="utf-8")
    fake.chmod(0o755)
    screen = on_terminal(
        "read", "3", BRIEF_PAGER=str(fake), XDG_STATE_HOME=str(tmp_path / "state"), rows=24
    )
    assert screen.exit_code == 0, screen.stderr
    assert log.read_text(encoding="utf-8").splitlines() == ["-p^§ "]
    assert SGR.sub("", screen.output).startswith("§ 3. Historical Context")


@posix
@pytest.mark.skipif(not os.path.exists("/usr/bin/less"), reason="less is not installed")
def test_n_in_less_moves_to_the_next_section(tmp_path: Path) -> None:
    from test_pipes import on_terminal

    # From 4, four presses of n reach section 5, far below the first screen.
    screen = on_terminal(
        "read", "4", "--color", "never", keys=b"nnnnq", rows=20, columns=80,
        BRIEF_PAGER="/usr/bin/less", XDG_STATE_HOME=str(tmp_path / "state"),
    )  # fmt: skip
    assert screen.exit_code == 0, screen.stderr
    first_screen = "\n".join(
        subprocess.run(
            [sys.executable, "-m", "briefcli", "read", "4", "-w", "80"],
            capture_output=True, text=True, check=True,
            env={**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")},
        ).stdout.splitlines()[:19]
    )  # fmt: skip
    assert "§ 5." not in first_screen
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]", "", screen.output)
    assert "§ 5. Geopolitical Ramifications" in shown
