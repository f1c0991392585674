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


# -- issue 15: the rough edges a new user hits -------------------------------------------------

THREE = "id: three\ntitle: Three parts\nsections:\n" + "".join(
    f"  - id: '{n}'\n    title: Part {n}\n    paragraphs: [Text {n}.]\n" for n in (1, 2, 3)
)


@pytest.mark.parametrize(
    "args",
    [("show", "4", "--brief", ""), ("-b", "", "show", "4"), ("show", "4", "-b", " ")],
    ids=["after", "before", "blank"],
)
def test_an_empty_brief_option_fails_wherever_it_stands(
    brief: Runner, args: tuple[str, ...]
) -> None:
    """`brief show 4 --brief "$(brief import x)"` must not show another brief when the import
    printed nothing."""
    result = brief(*args, env={"BRIEF": SHIPPED})
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "brief: error: --brief needs a brief id or a file path\n"


def test_a_brief_after_the_command_still_beats_one_before_it(brief: Runner, tmp_path: Path) -> None:
    three = write(tmp_path, "three.yaml", THREE)
    result = brief("-b", SHIPPED, "show", "2", "-b", str(three))
    assert result.stdout.startswith("2. Part 2")


def test_export_suffix_chooses_the_format_and_an_unknown_one_is_refused(
    brief: Runner, tmp_path: Path
) -> None:
    pdf = tmp_path / "r.pdf"
    result = brief("export", "-o", str(pdf))
    assert result.exit_code == 2 and not pdf.exists()
    error, hint = result.stderr.splitlines()
    assert error.startswith("brief: error: cannot tell the format from the name 'r.pdf': ")
    assert hint.endswith("--format text|markdown|json|yaml|html")
    for name in ("r", "r.docx", "r.md.bak"):
        assert brief("export", "-o", str(tmp_path / name)).exit_code == 2
    # Said explicitly, the format is the user's choice, whatever the name.
    assert brief("export", "-f", "text", "-o", str(pdf)).exit_code == 0
    assert pdf.read_text(encoding="utf-8").startswith("North Korea's Troop Deployment")
    assert brief("export", "-o", str(tmp_path / "R.MD")).exit_code == 0  # any case


def test_export_force_without_output_is_refused(brief: Runner) -> None:
    result = brief("export", "--force")
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        result.stderr == "brief: error: --force is for --output: 'brief export -o FILE --force'\n"
    )


def test_a_glossary_correction_is_said_on_stderr(brief: Runner) -> None:
    corrected = brief("glossary", "Strom Corps")
    exact = brief("glossary", "Storm Corps")
    assert corrected.stdout == exact.stdout  # a script's first line does not move
    assert corrected.stderr == "brief: showing 'Storm Corps' for 'Strom Corps'\n"
    assert exact.stderr == ""
    as_json = json.loads(brief("glossary", "Strom Corps", "-f", "json").stdout)
    assert as_json["query"] == "Strom Corps" and as_json["corrected"] is True


@pytest.mark.parametrize(
    ("query", "term"),
    [("corps", "Storm Corps"), ("CORPS", "Storm Corps"), ("treaty", "Defense treaty"),
     ("party talks", "Six-Party Talks"), ("talks", "Six-Party Talks"), ("storm", "Storm Corps")],
)  # fmt: skip
def test_glossary_finds_a_term_by_any_of_its_words(brief: Runner, query: str, term: str) -> None:
    result = brief("glossary", query)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"{term} [")


def test_a_word_in_several_terms_lists_them(brief: Runner, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "wars.yaml",
        THREE + "glossary:\n"
        "  - {term: Cold War, category: Event, definition: A long standoff.}\n"
        "  - {term: Korean War, category: Event, definition: A war in Korea.}\n"
        "  - {term: Armistice, category: Event, definition: An end to fighting.}\n",
    )
    result = brief("-b", str(path), "glossary", "war")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "brief: error: 'war' is in 2 glossary terms: Cold War, Korean War\n"
        "brief: hint: say which, in full\n"
    )
    assert brief("-b", str(path), "glossary", "korean").stdout.startswith("Korean War [")


def test_no_glossary_match_suggests_a_search_with_the_same_brief(
    brief: Runner, tmp_path: Path
) -> None:
    result = brief("glossary", "Vladivostok")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1] == (
        "brief: hint: to find it in the text: brief search Vladivostok"
    )
    folder = tmp_path / "my briefs"
    folder.mkdir()
    shutil_copy = (REPO / "briefs" / "nk-russia-troops-2025.yaml").read_text(encoding="utf-8")
    path = write(folder, "nk.yaml", shutil_copy)
    hinted = brief("glossary", "port city", "-b", str(path)).stderr.splitlines()[1]
    assert hinted == f"brief: hint: to find it in the text: brief search 'port city' -b '{path}'"


def test_the_glossary_list_says_where_each_term_is_used(brief: Runner) -> None:
    listed = json.loads(brief("glossary", "-f", "json").stdout)["terms"]
    for item in listed:
        single = json.loads(brief("glossary", item["term"], "-f", "json").stdout)["term"]
        assert item == single
    assert listed[0]["used_in"] == ["2-1", "4-1"]


def test_no_events_in_a_range_is_said_with_exit_1(brief: Runner) -> None:
    result = brief("timeline", "--since", "2030")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "brief: error: no events since '2030' in nk-russia-troops-2025\n"
    both = brief("timeline", "--since", "2030", "--until", "2040", "-f", "json")
    assert both.exit_code == 1 and "from '2030' to '2040'" in both.stderr
    assert "until '1900'" in brief("timeline", "--until", "1900").stderr


def test_a_range_that_ends_before_it_starts_is_a_usage_error(brief: Runner) -> None:
    result = brief("timeline", "--since", "2024", "--until", "2014")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(
        "brief: error: --since '2024' is after --until '2014': nothing can be in that range\n"
    )
    assert brief("timeline", "--since", "2024-06", "--until", "2024").exit_code == 0


def test_decades_are_dates_and_spans_count_when_they_overlap(brief: Runner) -> None:
    fifties = brief("timeline", "--since", "1950s", "--until", "1950s").stdout
    assert "1950–1953" in fifties
    # The Cold War (1940s–1990s) reaches into 1990: in range, though it starts long before.
    in_1990 = brief("timeline", "--since", "1990", "--until", "1990").stdout
    assert "1940s–1990s" in in_1990
    assert "YYY0s" in brief("timeline", "--help").stdout
    bad = brief("timeline", "--since", "1950x")
    assert (
        bad.exit_code == 2 and "YYYY, YYYY-MM, YYYY-Qn, YYYY-MM-DD or a decade YYY0s" in bad.stderr
    )


def test_a_brief_without_glossary_or_timeline_says_so(brief: Runner, tmp_path: Path) -> None:
    path = str(write(tmp_path, "three.yaml", THREE))
    for command, said in (
        ("glossary", "three has no glossary"),
        ("timeline", "three has no timeline"),
    ):
        result = brief("-b", path, command)
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr == f"brief: error: {said}\n"


def test_overview_hints_fit_the_brief_and_keep_its_brief_option(
    brief: Runner, tmp_path: Path
) -> None:
    folder = tmp_path / "odd name"
    folder.mkdir()
    path = write(folder, "three.yaml", THREE)
    screen = brief("-b", str(path), "--color", "always", "--width", "500").stdout
    hint = next(line for line in screen.splitlines() if "Try:" in line)
    ref = f"'{path}'"  # quoted: pasted into a shell it names the same file
    assert f"brief show 2 -b {ref} · brief read -b {ref} · brief summary -b {ref}" in hint
    assert "glossary" not in hint and "timeline" not in hint  # it has neither
    shipped = brief("--color", "always", "--width", "500").stdout
    assert "Try: brief show 2 · brief read · brief glossary · brief timeline · brief summary" in (
        shipped
    )
    one = write(tmp_path, "one.yaml", "id: one\ntitle: One\nsections:\n  - id: '1'\n    title: A\n"
                "    paragraphs: [B.]\n")  # fmt: skip
    assert "brief show 1 -b" in brief("-b", str(one), "--color", "always", "-w", "500").stdout


@pytest.mark.parametrize(
    ("args", "command"),
    [
        (["timeline", "--since"], "brief timeline"),
        (["-b", "show", "timeline", "--until"], "brief timeline"),  # 'show' is -b's value
        (["show", "4", "--width"], "brief show"),
        (["--width"], "brief"),
        (["-f", "json", "search", "x", "--limit"], "brief search"),
    ],
)
def test_a_missing_option_value_hints_at_the_commands_own_help(
    brief: Runner, args: list[str], command: str
) -> None:
    result = brief(*args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"brief: hint: run '{command} --help' for usage"


@needs_script
@posix
def test_import_from_a_terminal_says_it_is_reading_stdin(tmp_path: Path) -> None:
    import pty

    main_fd, side_fd = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("BRIEF", "BRIEF_DEBUG")}
    env.update(XDG_DATA_HOME=str(tmp_path / "data"), XDG_CACHE_HOME=str(tmp_path / "cache"))
    process = subprocess.Popen(
        [str(BRIEF_SCRIPT), "import", "-", "-o", "-"],
        stdin=side_fd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )  # fmt: skip
    os.close(side_fd)
    os.write(main_fd, b"# A report\n\nSome text.\n\x04")  # Ctrl-D at a line's start: the end
    out, err = process.communicate(timeout=TIMEOUT)
    os.close(main_fd)
    assert process.returncode == 0, err
    assert err.decode() == "brief: reading the report from stdin; end it with Ctrl-D\n"
    assert b"title: A report" in out
    piped = run_script("echo '# A report' | brief import - -o -", tmp_path)
    assert piped.returncode == 0 and piped.stderr == ""  # not a terminal: nothing to say


@pytest.mark.parametrize(
    ("name", "text", "kind"),
    [
        ("notes.md", "# Notes\n\n*Some* notes, with **bold**.\n\n- an item\n", "Markdown"),
        ("notes.txt", "Some notes.\nA line: with a colon\n", "plain text"),
        ("notes", "## Heading\n\nWords.\n", "Markdown"),
        ("report.txt", "Just words on\ntwo lines\n", "plain text"),
    ],
)
def test_validating_a_report_says_to_import_it(
    brief: Runner, tmp_path: Path, name: str, text: str, kind: str
) -> None:
    path = write(tmp_path, name, text)
    result = brief("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{path}:1:1: error: this looks like {kind}, not a brief: "
        f"make a brief of it with 'brief import {path}'"
    )
    shown = brief("-b", str(path), "show", "1")
    assert shown.exit_code == 2
    assert shown.stderr.splitlines()[1] == (
        f"brief: hint: this looks like {kind}, not a brief: "
        f"make a brief of it with 'brief import {path}'"
    )


@pytest.mark.parametrize(
    ("name", "text", "said"),
    [
        ("typo.txt", "id: x\ntitle: y\nsections:\n  - id: 1\n    title: [\n", "not valid YAML"),
        ("list.yaml", "- a\n- b\n", "expected a mapping of keys, found a list"),
        ("nosections.yaml", "id: x\ntitle: y\n", "sections: missing (required)"),
    ],
)
def test_a_broken_brief_keeps_its_own_error(
    brief: Runner, tmp_path: Path, name: str, text: str, said: str
) -> None:
    result = brief("validate", str(write(tmp_path, name, text)))
    assert said in result.stdout and "brief import" not in result.stdout


@needs_script
@posix
@pytest.mark.parametrize("unbuffered", ["", "1"], ids=["buffered", "PYTHONUNBUFFERED"])
def test_a_reader_that_leaves_early_ends_brief_with_141(tmp_path: Path, unbuffered: str) -> None:
    """The README's promise: brief still writing when the reader goes → 141, quietly.

    With an unbuffered stdout (PYTHONUNBUFFERED=1, python -u) Python's text layer used to drop
    the rest of a short write and exit 0: the rest is now written, or the pipe found closed.
    """
    import fcntl

    env = {k: v for k, v in os.environ.items() if k not in ("BRIEF", "PYTHONUNBUFFERED")}
    env.update(XDG_CACHE_HOME=str(tmp_path / "cache"), PYTHONUNBUFFERED=unbuffered)
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)  # far less than the export
    process = subprocess.Popen(
        [str(BRIEF_SCRIPT), "export"], stdout=write_end, stderr=subprocess.PIPE, env=env
    )
    os.close(write_end)
    assert os.read(read_end, 100).startswith(b"North Korea")  # head -c 100, then gone
    os.close(read_end)
    _, err = process.communicate(timeout=TIMEOUT)
    assert (process.returncode, err) == (141, b"")


@needs_script
@posix
def test_output_written_before_the_reader_leaves_is_success(tmp_path: Path) -> None:
    """All of it in the pipe before `head` went: nothing was lost, so exit 0, as `cat` does."""
    done = subprocess.run(
        ["bash", "-c", f"'{BRIEF_SCRIPT}' show 1 | head -c 1 >/dev/null; exit ${{PIPESTATUS[0]}}"],
        capture_output=True, text=True, timeout=TIMEOUT, check=False,
    )  # fmt: skip
    assert (done.returncode, done.stderr) == (0, "")


def test_the_readme_says_what_the_code_does_at_a_closed_pipe() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| 141 |"))
    assert "still writing" in row


def readme_examples() -> dict[str, str]:
    """Each `$ command` in the README's console blocks, and what the README says it prints."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    examples: dict[str, str] = {}
    for block in re.findall(r"```console\n(.*?)```", readme, re.DOTALL):
        command = None
        for line in block.splitlines():
            if line.startswith("$ "):
                command = line[2:]
                examples[command] = ""
            elif command is not None:
                examples[command] += line + "\n"
    return examples


@needs_script
@pytest.mark.parametrize(
    "command",
    [
        'brief glossary "Strom Corps"',
        "brief glossary corps | head -1",
        "brief glossary Vladivostok",
        "brief timeline --since 2030",
        "brief timeline --since 2024 --until 2014",
        "brief export -o report.pdf",
        "brief --depth 1",
    ],
)
def test_the_readme_shows_these_commands_as_they_print(tmp_path: Path, command: str) -> None:
    said = readme_examples()[command]
    done = run_script(f"({command}) 2>&1", tmp_path)
    assert done.stdout == said
