"""A few real runs of the installed console script: pipes, exit codes, another folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def _command() -> list[str]:
    script = Path(sys.executable).with_name("brief")
    if script.exists():
        return [str(script)]
    found = shutil.which("brief")
    return [found] if found else [sys.executable, "-m", "briefcli"]


def _run(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "BRIEF")
    }
    environment.update(env)
    return subprocess.run(
        [*_command(), *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )


def test_show_section_four_from_another_folder(tmp_path: Path) -> None:
    result = _run("show", "section", "4", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("4. Current Developments in the Ukraine Conflict\n")
    assert result.stdout.count("\n4-") == 3
    assert "5-1." not in result.stdout
    assert "\x1b" not in result.stdout and result.stderr == ""


def test_summary_piped_is_plain(tmp_path: Path) -> None:
    result = _run("summary", cwd=tmp_path, TERM="xterm-256color")
    assert result.returncode == 0
    assert "3,000" in result.stdout and "\x1b" not in result.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("show", "section", "9"), 1, "brief: error: no section '9'"),
        (("glossary", "nonsense"), 1, "brief: error: no glossary term 'nonsense'"),
        (("show", "4", "--brief", "missing.yaml"), 2, "brief: error: missing.yaml: no such file"),
        (("frobnicate",), 2, "brief: error: No such command 'frobnicate'"),
    ],
)
def test_errors_are_one_line_with_documented_codes(
    tmp_path: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    result = _run(*args, cwd=tmp_path)
    assert result.returncode == code
    assert result.stdout == ""
    assert result.stderr.startswith(message)
    assert "Traceback" not in result.stderr
    assert len([ln for ln in result.stderr.splitlines() if ln.startswith("brief: error")]) == 1


def test_python_dash_m_works(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "briefcli", "glossary", "Storm Corps"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0
    assert "Storm Corps [Concept]" in result.stdout


def test_color_always_forces_styling_into_a_pipe(tmp_path: Path) -> None:
    result = _run("show", "4-2", "--color", "always", cwd=tmp_path)
    assert "\x1b[" in result.stdout


def test_environment_colour_switches(tmp_path: Path) -> None:
    assert "\x1b[" in _run("show", "4-2", cwd=tmp_path, FORCE_COLOR="1").stdout
    # NO_COLOR and TERM=dumb beat FORCE_COLOR; an explicit --color always beats them all.
    assert "\x1b[" not in _run("show", "4-2", cwd=tmp_path, FORCE_COLOR="1", NO_COLOR="1").stdout
    assert "\x1b[" not in _run("show", "4-2", cwd=tmp_path, FORCE_COLOR="1", TERM="dumb").stdout
    assert "\x1b[" in _run("show", "4-2", "--color", "always", cwd=tmp_path, NO_COLOR="1").stdout
