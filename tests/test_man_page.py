"""Conventions: --version, a man page made from the commands' help and shipped where `man`
looks, help without parser internals, and the same argument names in every command."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest
import typer.main

import briefcli
from briefcli.app import COMMAND_MODULES
from conftest import REPO, Runner

PAGE = REPO / "src" / "briefcli" / "data" / "brief.1"
TIMEOUT = 120  # seconds; a guard against a hang, never asserted on


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("man_page", REPO / "tools" / "man_page.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- --version ---------------------------------------------------------------------------------


def test_version_prints_the_package_version(brief: Runner) -> None:
    result = brief("--version")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        f"brief {briefcli.__version__}\n",
        "",
    )
    assert re.fullmatch(r"\d+\.\d+\.\d+", briefcli.__version__)


def test_version_comes_before_anything_else(brief: Runner) -> None:
    # Eager: no brief is loaded, so a broken -b does not stop it.
    assert brief("-b", "/no/such.yaml", "--version").stdout == f"brief {briefcli.__version__}\n"
    assert "--version" in brief("--help").stdout


# -- the man page ------------------------------------------------------------------------------


def test_the_man_page_is_up_to_date() -> None:
    assert PAGE.read_text(encoding="utf-8") == _tool().render(), (
        "stale: run python tools/man_page.py"
    )


def test_the_man_page_has_every_command_and_option() -> None:
    page = PAGE.read_text(encoding="utf-8")
    plain = page.replace("\\-", "-")
    group = typer.main.get_command(briefcli.app.app)
    root = typer.Context(group, info_name="brief")
    for name in COMMAND_MODULES:
        assert f".SS brief {name} " in plain, name
        command = group.get_command(root, name)
        assert command is not None
        for param in command.params:
            for flag in getattr(param, "opts", []) if param.param_type_name == "option" else []:
                assert f"\\fB{flag}\\fR" in plain, (name, flag)
    for heading in ("NAME", "SYNOPSIS", "OPTIONS", "COMMANDS", "ENVIRONMENT", "FILES"):
        assert f".SH {heading}\n" in page
    assert ".SH EXIT STATUS" in page and "BRIEF_WIDTH" in page and "config.toml" in page


@pytest.mark.skipif(shutil.which("groff") is None, reason="no groff")
def test_groff_formats_the_man_page_without_a_warning() -> None:
    done = subprocess.run(
        ["groff", "-man", "-Tutf8", "-ww", "-z", str(PAGE)],
        capture_output=True, text=True, timeout=TIMEOUT, check=False,
    )  # fmt: skip
    assert done.returncode == 0 and done.stderr == "", done.stderr


def test_the_check_mode_says_when_the_page_is_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tool = _tool()
    stale = tmp_path / "brief.1"
    stale.write_text("old\n", encoding="utf-8")
    monkeypatch.setattr(tool, "PAGE", stale)
    assert tool.main(["--check"]) == 1
    assert "stale; run python tools/man_page.py" in capsys.readouterr().err
    assert tool.main([]) == 0 and tool.main(["--check"]) == 0
    assert stale.read_text(encoding="utf-8") == PAGE.read_text(encoding="utf-8")


def _wheel(folder: Path) -> Path:
    pytest.importorskip("hatchling")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(folder)],
        cwd=REPO, capture_output=True, timeout=TIMEOUT, check=True,
    )  # fmt: skip
    (wheel,) = folder.glob("briefcli-*.whl")
    return wheel


def test_the_wheel_installs_the_man_page_where_man_looks(tmp_path: Path) -> None:
    with zipfile.ZipFile(_wheel(tmp_path)) as wheel:
        names = wheel.namelist()
        shared = [n for n in names if n.endswith(".data/data/share/man/man1/brief.1")]
        assert len(shared) == 1, names
        assert wheel.read(shared[0]) == PAGE.read_bytes()
        # Also in the package, for man -l where no man path reaches the prefix.
        assert wheel.read("briefcli/data/brief.1") == PAGE.read_bytes()


@pytest.mark.skipif(shutil.which("man") is None, reason="no man")
def test_man_finds_the_page_next_to_a_bin_folder_on_path(tmp_path: Path) -> None:
    """man-db's rule the README relies on: PATH's .../bin gives .../share/man."""
    version = subprocess.run(
        ["man", "--version"], capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    if not version.stdout.startswith("man "):
        pytest.skip("not man-db")
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "brief").write_text("", encoding="utf-8")
    pages = tmp_path / "share" / "man" / "man1"
    pages.mkdir(parents=True)
    shutil.copy(PAGE, pages / "brief.1")
    env = {k: v for k, v in os.environ.items() if k not in ("MANPATH", "MANOPT")}
    env["PATH"] = f"{tmp_path / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    found = subprocess.run(
        ["man", "-w", "brief"], capture_output=True, text=True, env=env, timeout=TIMEOUT,
        check=False,
    )  # fmt: skip
    assert found.stdout.strip() == str(pages / "brief.1"), found.stderr


# -- help and argument names -------------------------------------------------------------------


@pytest.mark.parametrize("command", ["", *COMMAND_MODULES])
def test_usage_lines_name_arguments_plainly(brief: Runner, command: str) -> None:
    usage = brief(*([command] if command else []), "--help").stdout.splitlines()[0]
    assert usage.startswith("Usage: brief")
    assert "{" not in usage and "}" not in usage, usage  # Typer's braces around required ones


@pytest.mark.parametrize("command", ["", *COMMAND_MODULES])
def test_help_points_only_at_what_is_installed(brief: Runner, command: str) -> None:
    """A wheel has no docs/ folder: --help may not send the reader there."""
    text = brief(*([command] if command else []), "--help").stdout
    assert "docs/" not in text


#: What each kind of value is called, in every command.
ARGUMENT_NAMES = {
    "SECTION", "TERM", "ID|PATH", "ID", "FILE", "QUERY", "DATE", "N", "PATH", "TEXT", "NAME",
}  # fmt: skip


def test_every_argument_and_value_has_one_of_the_shared_names() -> None:
    group = typer.main.get_command(briefcli.app.app)
    root = typer.Context(group, info_name="brief")
    seen: dict[str, set[str]] = {}
    for name in ["", *COMMAND_MODULES]:
        command = group if not name else group.get_command(root, name)
        assert command is not None
        for param in command.params:
            metavar = param.metavar
            if metavar is None or getattr(param.type, "choices", None):
                continue  # a flag, or choices listed in full
            bare = metavar.strip("[]").removesuffix("...")
            assert bare in ARGUMENT_NAMES, (name, param.name, metavar)
            seen.setdefault(bare, set()).add(str(param.name))
    # One name for one thing: a section is SECTION as an argument and as --section's value.
    assert seen["SECTION"] == {"section"}
    assert seen["ID|PATH"] == {"brief", "ref"}
