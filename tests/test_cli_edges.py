"""The command line's edges: shared options everywhere, bad streams and numbers, long errors.

The stream and number cases run the installed script as a real process (closed and full
streams only exist there); the option cases run in-process.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from briefcli import options
from briefcli.app import COMMAND_MODULES
from conftest import REPO, Runner, write

BRIEF_SCRIPT = Path(sys.executable).with_name("brief")
TIMEOUT = 60  # seconds; only a guard against a hang, never asserted on
SHIPPED = str(REPO / "briefs" / "nk-russia-troops-2025.yaml")

needs_script = pytest.mark.skipif(
    not BRIEF_SCRIPT.exists(), reason="brief is not installed next to python"
)
posix = pytest.mark.skipif(sys.platform == "win32", reason="POSIX streams")


def run_script(
    shell_line: str, tmp_path: Path, stdin: int | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``shell_line`` (``brief`` is the installed script) under sh, with private folders."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("BRIEF", "BRIEF_PATH", "BRIEF_DEBUG", "COLUMNS", "LINES", "_BRIEF_COMPLETE")
    }
    env.update(
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        PATH=f"{BRIEF_SCRIPT.parent}{os.pathsep}{env.get('PATH', '')}",
    )
    return subprocess.run(
        ["/bin/sh", "-c", shell_line],
        env=env,
        cwd=tmp_path,
        stdin=stdin if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def one_error_line(done: subprocess.CompletedProcess[str], code: int = 2) -> str:
    """The one ``brief: error:`` line (a hint line may follow), after checking the exit code."""
    lines = done.stderr.splitlines()
    assert done.returncode == code, done.stderr
    assert lines and lines[0].startswith("brief: error: "), done.stderr
    assert all(line.startswith("brief: hint: ") for line in lines[1:]), done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    return lines[0]


# -- defect 7: exit 2 with one line, not 70 ------------------------------------------------------


@needs_script
@posix
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_a_full_stdout_is_one_error(tmp_path: Path) -> None:
    done = run_script("brief export > /dev/full", tmp_path)
    assert "No space left on device" in one_error_line(done)


@needs_script
@posix
def test_a_closed_stdout_is_one_error(tmp_path: Path) -> None:
    done = run_script("brief show 1 >&-", tmp_path)
    assert one_error_line(done) == "brief: error: cannot write the output: stdout is closed"


@needs_script
@posix
def test_a_closed_stdout_never_receives_a_file_brief_opens(tmp_path: Path) -> None:
    """fd 1 stays taken, so the index and the cache (opened during the command) are not it."""
    done = run_script("brief search korea >&-; brief search korea", tmp_path)
    assert done.stdout.startswith("Korea") or "korea" in done.stdout.casefold()
    assert done.stderr.count("stdout is closed") == 1


@needs_script
@posix
def test_a_closed_stdin_is_one_error(tmp_path: Path) -> None:
    done = run_script("brief import - -o - <&-", tmp_path)
    assert "stdin is closed" in one_error_line(done)


@needs_script
@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("brief search korea --limit 99999999999999999999", "at most 1,000,000"),
        ("brief search korea --limit 0", "at least 1"),
        ("brief search korea -n -3", "not a whole number"),
        ("brief show 4 --width 99999999999999999999", "at most 10,000"),
        (f"brief -w {'9' * 4301} show 4", "at most 10,000"),
        (f"brief search korea --limit {'1' * 4301}", "at most 1,000,000"),
    ],
)
def test_numbers_out_of_range_are_usage_errors(tmp_path: Path, line: str, said: str) -> None:
    error = one_error_line(run_script(line, tmp_path))
    assert said in error
    assert len(error) < 200  # the number is not echoed in full


@needs_script
def test_a_section_number_of_4301_digits_is_not_found(tmp_path: Path) -> None:
    error = one_error_line(run_script(f"brief show {'1' * 4301}", tmp_path), code=1)
    assert error.startswith("brief: error: no section '1111")
    assert len(error) < 400


@needs_script
def test_a_brief_with_a_4301_digit_section_id(tmp_path: Path) -> None:
    huge = "1" * 4301
    write(
        tmp_path,
        "big.yaml",
        f"id: big\ntitle: T\nsections:\n  - id: '{huge}'\n    title: One\n    paragraphs: [A.]\n"
        "  - id: '2'\n    title: Two\n    paragraphs: [B.]\n",
    )
    checked = run_script("brief validate big.yaml", tmp_path)
    assert "big.yaml:4:9: warning: sections[0].id: is 4,301 characters long" in checked.stdout
    assert run_script("brief validate --strict big.yaml", tmp_path).returncode == 1
    error = one_error_line(run_script("brief -b big.yaml show 3", tmp_path), code=1)
    assert "nearest is '2'" in error and len(error) < 400
    shown = run_script(f"brief -b big.yaml show {huge}", tmp_path)
    assert shown.returncode == 0 and shown.stdout.startswith(huge[:50])
    assert COLUMNS_ARE_BOUNDED(tmp_path)


def COLUMNS_ARE_BOUNDED(tmp_path: Path) -> bool:
    done = run_script(f"COLUMNS={'9' * 4301} brief show 1", tmp_path)
    return done.returncode == 0 and done.stdout.startswith("1. Summary")


# -- defect 13: bounded error lines, escaped once -------------------------------------------------


def test_a_missing_section_in_a_huge_brief_lists_a_few_ids(brief: Runner, tmp_path: Path) -> None:
    sections = "".join(
        f"  - id: '{n}'\n    title: S{n}\n    paragraphs: [P{n}.]\n" for n in range(1, 10_001)
    )
    path = write(tmp_path, "huge.yaml", f"id: huge\ntitle: T\nsections:\n{sections}")
    result = brief("-b", str(path), "show", "does-not-exist")
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.endswith(", … and 9,970 more")
    assert len(line) < 400
    searched = brief("-b", str(path), "search", "P1", "--section", "nope")
    assert searched.exit_code == 1 and searched.stderr.endswith(", … and 9,970 more\n")


@pytest.mark.parametrize(
    "args",
    [
        ("show", "x" * 100_000),
        ("glossary", "x" * 100_000),
        ("timeline", "--since", "x" * 100_000),
        ("search", "x" * 100_000),
        ("show", "--" + "x" * 100_000),
        ("show", "4", "--format", "x" * 100_000),
        ("-b", "/no/such/" + "x" * 100_000 + ".yaml", "show", "4"),
    ],
    ids=["section", "term", "date", "search", "option", "choice", "brief-path"],
)
def test_a_huge_argument_is_not_echoed_in_full(brief: Runner, args: tuple[str, ...]) -> None:
    result = brief(*args)
    assert result.exit_code in (1, 2)
    assert all(len(line) <= 1_100 for line in result.stderr.splitlines()), result.stderr[:300]
    assert "internal error" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("show", "\x1b]52;c;ahk=\x07"),
        ("glossary", "\x1b]52;c;ahk=\x07"),
        ("timeline", "--since", "\x1b]52;c;ahk=\x07"),
        ("search", "\x1b]52;c;ahk=\x07"),
    ],
    ids=["section", "term", "date", "search"],
)
def test_messages_escape_once(brief: Runner, args: tuple[str, ...]) -> None:
    stderr = brief(*args).stderr
    assert "'\\x1b]52;c;ahk=\\x07'" in stderr  # one backslash: escaped once, not twice
    assert "\\\\x1b" not in stderr and "\x1b" not in stderr


def test_the_no_brief_message_escapes_once(brief: Runner) -> None:
    stderr = brief("-b", "\x1b]x", "show", "4").stderr
    assert "no brief '\\x1b]x'" in stderr


# -- shared options: declared once, before or after every command that can use them -----------


def every_command() -> list[str]:
    return ["", *COMMAND_MODULES]


@pytest.mark.parametrize("command", every_command())
def test_help_lists_exactly_the_shared_options_the_command_takes(
    brief: Runner, command: str
) -> None:
    text = brief(*([command] if command else []), "--help").stdout.split("Options:")[1]
    for spec in options.SHARED:
        listed = re.search(rf"(^|\s){re.escape(spec.flags[0])}[\s,]", text) is not None
        assert listed == (spec.name in options.TAKES[command]), (command, spec.flags[0])


@pytest.mark.parametrize("command", every_command())
def test_help_is_complete_and_shows_no_parser_internals(brief: Runner, command: str) -> None:
    result = brief(*([command] if command else []), "--help")
    assert result.exit_code == 0
    assert not re.search(r"<\w+( range)?>|\[x[<>]=|\bINTEGER\b|\bTEXT RANGE\b", result.stdout)
    assert "Examples:" in result.stdout or not command
    if not command:
        listed = result.stdout.split("Commands:")[1]
        assert "..." not in listed  # every summary whole, none cut by Click
        for name in COMMAND_MODULES:
            assert re.search(rf"^  {name} ", listed, re.MULTILINE)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (["-f", "json", "show", "4-2"], ["show", "4-2", "-f", "json"]),
        (["--width", "40", "summary"], ["summary", "--width", "40"]),
        (["-b", SHIPPED, "glossary", "Storm Corps"], ["glossary", "Storm Corps", "-b", SHIPPED]),
        (["-f", "json", "validate", SHIPPED], ["validate", SHIPPED, "-f", "json"]),
        (["-f", "json", "list"], ["list", "-f", "json"]),
        (["-f", "json", "schema"], ["schema", "-f", "json"]),
        (["--no-pager", "use"], ["use", "--no-pager"]),
    ],
)
def test_shared_options_work_before_or_after_the_command(
    brief: Runner, before: list[str], after: list[str]
) -> None:
    first, second = brief(*before), brief(*after)
    assert first.exit_code == second.exit_code == 0, first.stderr + second.stderr
    assert first.stdout == second.stdout


def test_validate_honours_json_given_before_the_command(brief: Runner) -> None:
    result = brief("-f", "json", "validate", SHIPPED)
    assert json.loads(result.stdout)["view"] == "validation"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--color", "always", "validate", SHIPPED], "'brief validate' does not take --color"),
        (["-w", "40", "schema"], "'brief schema' does not take --width"),
        (["-b", SHIPPED, "list"], "'brief list' does not take --brief"),
        (["-b", SHIPPED, "use"], "'brief use' does not take --brief"),
        (["-f", "json", "import", "x.txt"], "'brief import' does not take --format"),
        (["-f", "markdown", "validate", SHIPPED], "'brief validate' cannot write markdown"),
        (["-f", "markdown", "schema"], "'brief schema' cannot write markdown"),
        (["-f", "html", "show", "4"], "'brief show' cannot write html"),
        (["-f", "html"], "'brief' with no command cannot write html"),
        (["schema", "-f", "yaml"], "'yaml' is not one of"),
        (["use", "-f", "json"], "No such option: -f"),
    ],
)
def test_a_shared_option_a_command_cannot_use_is_refused(
    brief: Runner, args: list[str], said: str
) -> None:
    result = brief(*args)
    assert result.exit_code == 2, result.stderr
    assert said in result.stderr
    assert result.stdout == ""


def test_the_readme_option_list_holds_for_every_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- shared-options: checked by tests/test_cli_edges.py -->")[1]
    rows = [line for line in table.split("\n\n")[0].splitlines() if line.startswith("| `")]
    found = {}
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        name = cells[0].strip("`").removeprefix("brief").strip()
        found[name] = tuple(
            spec.name for spec, cell in zip(options.SHARED, cells[1:], strict=True) if cell != "—"
        )
        if "format" in found[name]:
            assert cells[1 + options.SHARED.index(options.FORMAT)] == " ".join(
                f"`{f}`" for f in options.formats(name)
            ), name
    assert found == options.TAKES
