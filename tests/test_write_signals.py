"""A signal during a write leaves no temp file (defect 9), in a real process of brief."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SOURCE

#: Runs brief's console entry point with os.fsync slowed to a stop: once the data is written
#: to the temp file, it says so on stderr and waits for a signal. No sleeps, no timing.
PROBE = """
import os, signal, sys
from briefcli.cli import main

real_fsync = os.fsync

def waiting_fsync(fd):
    real_fsync(fd)
    os.write(2, b"WRITING\\n")
    while True:
        signal.pause()

os.fsync = waiting_fsync
sys.argv = ["brief", *sys.argv[1:]]
main()
"""

SIGNALS = [
    pytest.param(signal.SIGTERM, -signal.SIGTERM, id="SIGTERM"),
    pytest.param(signal.SIGHUP, -signal.SIGHUP, id="SIGHUP"),
    pytest.param(signal.SIGINT, 130, id="SIGINT"),
]


def _interrupted_import(tmp_path: Path, number: int, *args: str) -> tuple[int, str]:
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    process = subprocess.Popen(
        [sys.executable, "-c", PROBE, "import", str(SOURCE), *args],
        env=env,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert process.stderr is not None
        ready = process.stderr.readline()
        assert ready == b"WRITING\n", ready + process.stderr.read()
        process.send_signal(number)
        _, rest = process.communicate(timeout=120)  # a safety net only: the process ends now
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return process.returncode, rest.decode()


@pytest.mark.parametrize(("number", "code"), SIGNALS)
def test_a_signal_while_importing_into_the_library_leaves_no_temp_file(
    tmp_path: Path, number: int, code: int
) -> None:
    returncode, stderr = _interrupted_import(tmp_path, number)
    assert returncode == code, stderr
    assert "Traceback" not in stderr
    library = tmp_path / "data" / "briefcli" / "briefs"
    assert sorted(p.name for p in library.iterdir()) == []  # no .NAME.*.tmp, no half file


@pytest.mark.parametrize(("number", "code"), SIGNALS)
def test_a_signal_while_writing_an_output_file_keeps_the_old_one(
    tmp_path: Path, number: int, code: int
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "brief.yaml").write_text("the old file\n")
    returncode, stderr = _interrupted_import(
        tmp_path, number, "-o", str(out / "brief.yaml"), "--force"
    )
    assert returncode == code, stderr
    assert sorted(p.name for p in out.iterdir()) == ["brief.yaml"]
    assert (out / "brief.yaml").read_text() == "the old file\n"
