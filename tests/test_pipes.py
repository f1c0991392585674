"""Real processes: pipes, signals, encodings, and a pseudo-terminal for the terminal cases."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import HERE

SAMPLE = HERE / "data" / "formats-sample.yaml"
BRIEF = [sys.executable, "-m", "briefcli"]
TIMEOUT = 60  # seconds; only a guard against a hang, never asserted on

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes and terminals")


def clean_env(**extra: str) -> dict[str, str]:
    """The environment minus everything that changes brief's output, plus ``extra``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("NO_COLOR", "FORCE_COLOR", "BRIEF", "BRIEF_PAGER", "PAGER", "MANPAGER",
                       "COLUMNS", "LINES", "BRIEF_DEBUG", "PYTHONIOENCODING", "LESS", "TERM")
    }  # fmt: skip
    env["TERM"] = "xterm-256color"
    env.update(extra)
    return env


def run(*args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    """``brief ARGS`` with stdout and stderr to pipes."""
    return subprocess.run(
        [*BRIEF, *args], capture_output=True, env=clean_env(**env), timeout=TIMEOUT, check=False
    )


@dataclass
class Screen:
    """What a program wrote to a terminal (CRLF made LF) and its exit code."""

    output: str
    exit_code: int
    stderr: str


def on_terminal(
    *args: str, columns: int = 80, rows: int = 24, keys: bytes = b"", **env: str
) -> Screen:
    """Run ``brief ARGS`` with stdin and stdout on a new pseudo-terminal of the given size."""
    main_fd, side_fd = pty.openpty()
    fcntl.ioctl(side_fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    process = subprocess.Popen(
        [*BRIEF, *args],
        stdin=side_fd,
        stdout=side_fd,
        stderr=subprocess.PIPE,
        env=clean_env(**env),
        preexec_fn=_take_terminal,  # so that Ctrl-C typed on it reaches brief and its pager
    )
    os.close(side_fd)
    chunks: list[bytes] = []
    sent = not keys
    while True:
        ready, _, _ = select.select([main_fd], [], [], TIMEOUT)
        if not ready:
            process.kill()
            raise AssertionError("no output from brief on the terminal: hung?")
        try:
            chunk = os.read(main_fd, 65536)
        except OSError:  # EIO: every writer to the terminal has gone
            break
        if not chunk:
            break
        chunks.append(chunk)
        if not sent:
            os.write(main_fd, keys)
            sent = True
    os.close(main_fd)
    assert process.stderr is not None
    stderr = process.stderr.read().decode()
    code = process.wait(timeout=TIMEOUT)
    return Screen(b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n"), code, stderr)


def _take_terminal() -> None:
    """In the child: a new session whose controlling terminal is the pseudo-terminal."""
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def letters(text: str) -> Counter[str]:
    """The letters and digits of ``text``, counted: layout may differ, the words may not."""
    return Counter(ch for ch in text if ch.isalnum())


ESC = "\x1b["


# -- pipes ---------------------------------------------------------------------------------


def test_head_gets_one_line_and_stderr_stays_empty(tmp_path: Path) -> None:
    err = tmp_path / "err"
    line = subprocess.run(
        ["bash", "-c", f'"$0" -m briefcli export --format text 2>"{err}" | head -1',
         sys.executable],
        capture_output=True, env=clean_env(), timeout=TIMEOUT, check=False,
    )  # fmt: skip
    assert line.stdout.decode().splitlines() == [
        "North Korea's Troop Deployment to Russia: A New Geopolitical Catalyst in the Ukraine "
        "Conflict"
    ]
    assert err.read_text() == ""


def test_closed_pipe_ends_quietly_with_141() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before brief writes a byte
    process = subprocess.run(
        [*BRIEF, "export"], stdout=write_end, stderr=subprocess.PIPE, env=clean_env(),
        timeout=TIMEOUT, check=False,
    )  # fmt: skip
    os.close(write_end)
    assert process.stderr == b""
    assert process.returncode == 141


def test_ctrl_c_ends_quietly_with_130() -> None:
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)  # far less than the export
    process = subprocess.Popen(
        [*BRIEF, "export"], stdout=write_end, stderr=subprocess.PIPE, env=clean_env()
    )
    os.close(write_end)
    try:
        assert os.read(read_end, 1)  # brief is writing, and the full pipe holds it there
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=TIMEOUT)
    finally:
        os.close(read_end)
    assert process.stderr is not None
    assert process.stderr.read() == b""
    assert code == 130


def test_ascii_stdout_gets_all_the_text_with_stand_ins() -> None:
    result = run("show", "section", "3", PYTHONIOENCODING="ascii")
    assert result.returncode == 0 and result.stderr == b""
    out = result.stdout.decode("ascii")
    assert "North Korea's manpower" in out  # the report's ’ as '
    expected = run("show", "section", "3").stdout.decode()
    assert len(out.splitlines()) == len(expected.splitlines())


def test_text_no_encoding_can_carry_becomes_question_marks() -> None:
    result = run("summary", "--section", "2", "--brief", str(SAMPLE), PYTHONIOENCODING="latin-1")
    assert result.returncode == 0 and result.stderr == b""
    assert '"curly quotes" and ?? (Hangul)' in result.stdout.decode("latin-1")


def test_output_to_a_file_is_plain(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    with target.open("wb") as handle:
        subprocess.run([*BRIEF, "show", "4"], stdout=handle, env=clean_env(), check=True)
    text = target.read_text(encoding="utf-8")
    assert ESC not in text and text.startswith("4. Current Developments")


def test_color_always_forces_styling_into_a_pipe() -> None:
    styled = run("show", "4-2", "--color", "always").stdout.decode()
    assert ESC in styled
    assert ESC not in run("show", "4-2").stdout.decode()


def test_yaml_export_shows_exactly_as_the_original(tmp_path: Path) -> None:
    copy = tmp_path / "b.yaml"
    copy.write_bytes(run("export", "--format", "yaml").stdout)
    assert run("show", "section", "4", "--brief", str(copy)).stdout == (
        run("show", "section", "4").stdout
    )


@pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed")
@pytest.mark.parametrize(
    "args", [("show", "section", "4"), ("glossary",), ("timeline",), ("summary",), ("export",)]
)
def test_json_goes_through_jq(args: tuple[str, ...]) -> None:
    produced = run(*args, "--format", "json")
    # Views print output version 2; export prints the brief file format, version 1.
    version = 1 if args == ("export",) else 2
    checked = subprocess.run(
        ["jq", "-e", f".schema_version == {version}"], input=produced.stdout, capture_output=True,
        timeout=TIMEOUT, check=False,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout == b"true\n"


# -- a terminal ----------------------------------------------------------------------------


def test_terminal_gets_colour_and_a_readable_measure() -> None:
    screen = on_terminal("show", "4-2", "--no-pager", columns=200)
    assert screen.exit_code == 0 and screen.stderr == ""
    assert ESC in screen.output
    plain = screen.output
    for code in ("\x1b[0m", "\x1b[1m", "\x1b[36m", "\x1b[1;36m"):
        plain = plain.replace(code, "")
    assert max(len(line) for line in plain.splitlines()) <= 100


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "dumb"}], ids=["NO_COLOR", "dumb"])
def test_no_colour_on_request(env: dict[str, str]) -> None:
    screen = on_terminal("show", "4-2", "--no-pager", **env)
    assert screen.exit_code == 0
    assert ESC not in screen.output
    assert screen.output.startswith("4-2. Timeline of troop movements")


@pytest.mark.parametrize("columns", ["0", "12", "1"])
@pytest.mark.parametrize(
    "args", [("show", "4"), ("timeline",), ("glossary", "storm corps"), ("export",), ()]
)
def test_narrow_or_zero_columns_lose_no_text(columns: str, args: tuple[str, ...]) -> None:
    screen = on_terminal(*args, "--no-pager", "--color", "never", COLUMNS=columns)
    assert screen.exit_code == 0, screen.stderr
    # Every letter of the pipe's text is on the screen (which adds hints and legends).
    assert not letters(run(*args).stdout.decode()) - letters(screen.output)


def test_long_output_goes_through_the_pager() -> None:
    paged = on_terminal("show", "4", PAGER="sed s/^/PAGED:/", rows=24)
    lines = paged.output.splitlines()
    assert len(lines) > 24 and all(line.startswith("PAGED:") for line in lines)


@pytest.mark.parametrize("variable", ["BRIEF_PAGER", "PAGER", "MANPAGER"])
def test_each_pager_variable_is_honoured(variable: str) -> None:
    paged = on_terminal("show", "4", **{variable: "sed s/^/PAGED:/"})
    assert paged.output.startswith("PAGED:")


def test_pager_with_shell_syntax_runs_through_sh() -> None:
    pager = "sed 's/^/PAGED: /' | tr a-z A-Z"
    paged = on_terminal("show", "4", "--color", "never", PAGER=pager)
    assert paged.output.startswith("PAGED: 4. CURRENT DEVELOPMENTS")


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("show", "4", "--no-pager"), {"PAGER": "sed s/^/PAGED:/"}),
        (("glossary",), {"PAGER": "sed s/^/PAGED:/"}),  # fits on the screen
        (("show", "4"), {"PAGER": "cat"}),
        (("show", "4"), {"PAGER": ""}),
        (("show", "4"), {"PAGER": "sed s/^/PAGED:/", "TERM": "dumb"}),
    ],
    ids=["--no-pager", "short", "cat", "empty", "dumb"],
)
def test_no_pager(args: tuple[str, ...], env: dict[str, str]) -> None:
    screen = on_terminal(*args, **env)
    assert screen.exit_code == 0
    assert "PAGED:" not in screen.output and screen.output.strip()


def test_never_a_pager_in_a_pipe() -> None:
    result = run("show", "4", PAGER="sed s/^/PAGED:/")
    assert b"PAGED:" not in result.stdout


@pytest.mark.parametrize(
    "pager",
    [
        "no-such-pager-anywhere --flag",
        "no-such-pager-anywhere 2>/dev/null",
        "less 'unclosed",  # the shell cannot read it: it would exit 2 without reading the text
    ],
)
def test_a_missing_pager_still_shows_the_text(pager: str) -> None:
    screen = on_terminal("show", "4", "--color", "never", PAGER=pager)
    assert "4. Current Developments in the Ukraine Conflict" in screen.output
    assert screen.exit_code == 0


@pytest.mark.skipif(shutil.which("less") is None, reason="less is not installed")
def test_default_pager_is_less_and_q_quits() -> None:
    screen = on_terminal("export", keys=b"q")
    assert screen.exit_code == 0
    assert "North Korea's Troop Deployment" in screen.output
    assert "Editor's notes" not in screen.output  # the end of the export is pages away


PATIENT_PAGER = """
import signal, sys, time
interrupted = []
signal.signal(signal.SIGINT, lambda *_: interrupted.append(True))
print("READY", flush=True)
deadline = time.monotonic() + 60
while not interrupted and time.monotonic() < deadline:
    time.sleep(0.02)
sys.stdout.write("".join("PAGED:" + line for line in sys.stdin.read().splitlines(True)))
"""


def test_ctrl_c_belongs_to_the_pager(tmp_path: Path) -> None:
    script = tmp_path / "pager.py"
    script.write_text(PATIENT_PAGER, encoding="utf-8")
    screen = on_terminal(
        "export", "--color", "never", keys=b"\x03", PAGER=f"{sys.executable} {script}"
    )
    assert screen.exit_code == 0 and screen.stderr == ""
    lines = screen.output.replace("^C", "").splitlines()  # the terminal echoes the key
    assert lines[0] == "READY" and lines[-1].startswith("PAGED:")
    assert any("Editor's notes" in line for line in lines)  # all of it reached the pager
