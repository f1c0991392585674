"""`-o`/`--output` of export and import: regular files only, no new folders, stdout by name,
every printed path escaped (defects 3, 10 and 11)."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SOURCE, Runner, write

SMALL = "Small Report\n\n1. Summary\n\n• Some text.\n\n2. More\n\n• More text.\n"
ESC = "\x1b]0;owned\x07"


def _brief_command() -> list[str]:
    script = Path(sys.executable).with_name("brief")
    if script.exists():
        return [str(script)]
    found = shutil.which("brief")
    return [found] if found else [sys.executable, "-m", "briefcli"]


# -- special files ------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["export"], ["import", str(SOURCE)]])
def test_a_fifo_is_never_replaced_even_with_force(
    brief: Runner, tmp_path: Path, command: list[str]
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = brief(*command, "-o", str(fifo), "--force")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"brief: error: {fifo} is a FIFO; brief replaces only")
    assert fifo.is_fifo()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_is_never_replaced_even_as_root(tmp_path: Path) -> None:
    # Defect 3 as it happened: root ran 'brief export -o /dev/null --force'. A twin of
    # /dev/null in a temporary folder stands in for it, with the installed script.
    node = tmp_path / "null"
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    done = subprocess.run(
        [*_brief_command(), "export", "-o", str(node), "--force"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")},
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith(f"brief: error: {node} is a device; brief replaces only")
    assert stat.S_ISCHR(os.lstat(node).st_mode)


def test_a_link_given_to_output_is_refused(brief: Runner, tmp_path: Path) -> None:
    target = write(tmp_path, "target.txt", "keep\n")
    link = tmp_path / "stderr"  # /dev/stderr is such a link (to /proc/self/fd/2)
    link.symlink_to(target)
    result = brief("export", "-o", str(link), "--force")
    assert result.exit_code == 2
    assert "is a symbolic link; brief neither writes through a link nor replaces it" in (
        result.stderr
    )
    assert link.is_symlink() and target.read_text() == "keep\n"


@pytest.mark.parametrize("name", ["-", "/dev/stdout"])
def test_dash_and_dev_stdout_write_the_stream(brief: Runner, name: str) -> None:
    expected = brief("export", "--format", "yaml").stdout
    result = brief("export", "--format", "yaml", "-o", name)
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected, "")
    imported = brief("import", str(SOURCE), "-o", name)
    assert imported.exit_code == 0 and imported.stdout.startswith("schema_version: 1\n")


def test_dev_stdout_redirected_to_a_file_writes_into_it(tmp_path: Path) -> None:
    # /dev/stdout names the stream: the file it leads to gets the text, nothing is replaced.
    out = tmp_path / "out.txt"
    with open(out, "w", encoding="utf-8") as stream:
        done = subprocess.run(
            [*_brief_command(), "export", "-o", "/dev/stdout"],
            stdout=stream,
            stderr=subprocess.PIPE,
            text=True,
            cwd=tmp_path,
            env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")},
            timeout=120,
            check=False,
        )
    assert (done.returncode, done.stderr) == (0, "")
    assert out.read_text(encoding="utf-8").startswith("North Korea's Troop Deployment")
    assert os.path.islink("/dev/stdout") or not os.path.isfile("/dev/stdout")


# -- missing folders ------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["export"], ["import", str(SOURCE)]])
def test_a_missing_folder_is_refused_not_made(
    brief: Runner, tmp_path: Path, command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Defect 10: '-o outs/no/such/dir/x.txt' made three folders (and an ESC made one at /).
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    for target in ("outs/no/such/dir/x.txt", f"{ESC}/x.txt"):
        result = brief(*command, "-o", target)
        assert result.exit_code == 2
        assert "does not exist" in result.stderr and "\x1b" not in result.stderr
        assert "brief: hint: create the folder first" in result.stderr
    assert list(work.iterdir()) == []


def test_the_library_folder_is_still_made(brief: Runner, tmp_path: Path) -> None:
    result = brief("import", str(write(tmp_path, "small.txt", SMALL)))
    assert result.exit_code == 0
    assert (tmp_path / "data" / "briefcli" / "briefs" / "small-report.yaml").is_file()


# -- printed paths ------------------------------------------------------------------------------


def test_the_import_line_escapes_the_output_name(
    brief: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Defect 11: the success line printed the path raw, so an ESC reached the terminal.
    monkeypatch.chdir(tmp_path)
    source = write(tmp_path, "small.txt", SMALL)
    result = brief("import", str(source), "-o", f"{ESC}.yaml")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "\\x1b]0;owned\\x07.yaml\n"
    assert (tmp_path / f"{ESC}.yaml").is_file()  # the file has the name asked for


def test_the_import_line_escapes_the_data_folder(brief: Runner, tmp_path: Path) -> None:
    data = tmp_path / f"data{ESC}"
    source = write(tmp_path, "small.txt", SMALL)
    result = brief("import", str(source), env={"XDG_DATA_HOME": str(data)})
    assert (result.exit_code, result.stderr) == (0, "")
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert result.stdout.endswith("data\\x1b]0;owned\\x07/briefcli/briefs/small-report.yaml\n")


def test_import_from_a_closed_stdin_is_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [*_brief_command(), "import", "-", "-o", "-"],
        stdin=None,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")},
        timeout=120,
        check=False,
        preexec_fn=lambda: os.close(0),  # the child closes its stdin: <&-
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "brief: error: cannot read the report from stdin: stdin is closed\n"


@pytest.mark.parametrize("name", ["/dev/stdin", "/dev/fd/0"])
def test_import_of_dev_stdin_reads_the_pipe_as_dash_does(tmp_path: Path, name: str) -> None:
    # As '-o /dev/stdout' writes the stream, 'import /dev/stdin' reads it: a pipe there is
    # the point, not a FIFO to refuse.
    done = subprocess.run(
        [*_brief_command(), "import", name, "-o", "-"],
        input=SMALL,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")},
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert "title: Small Report" in done.stdout
