"""An index build killed part-way (Ctrl-C, SIGTERM, SIGKILL) loses nothing: the next command
goes on from where it stopped. Real processes, killed once the index holds a batch of files."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefcli.freshness import RACY_NS
from briefcli.index import BATCH
from conftest import REPO

sys.path.insert(0, str(REPO / "bench"))

from synthetic import generate  # a benchmark helper, reused for a library to index

COUNT = 4 * BATCH


def _indexed(index: Path) -> list[tuple[str, int]]:
    """(path, checked_ns) of every file the index holds ([] while it cannot be read)."""
    try:
        with sqlite3.connect(f"file:{index}?mode=ro", uri=True, timeout=0.1) as db:
            return db.execute("SELECT path, checked_ns FROM files").fetchall()
    except sqlite3.Error:
        return []


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library of synthetic briefs, older than the freshness rule's racy window."""
    folder = generate(tmp_path_factory.mktemp("library") / "briefs", COUNT).folder
    # A file changed within RACY_NS of being indexed is read again next time (freshness.py);
    # these must not be, so that a second read shows.
    time.sleep(RACY_NS / 1e9 + 0.1)
    return folder


@pytest.mark.parametrize("sent", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_a_killed_build_keeps_its_batches_and_the_next_run_finishes(
    tmp_path: Path, library: Path, sent: signal.Signals
) -> None:
    env = {
        **os.environ,
        "BRIEF_PATH": str(library),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    env.pop("BRIEF", None)
    index = tmp_path / "cache" / "briefcli" / "index.sqlite3"
    command = [sys.executable, "-m", "briefcli", "list"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # Wait (no time limit asserted) until a batch is committed, then kill the build.
    while len(_indexed(index)) < BATCH and process.poll() is None:
        time.sleep(0.02)
    process.send_signal(sent)
    process.communicate()
    assert process.returncode != 0, "the build finished before it could be interrupted"
    before = dict(_indexed(index))
    assert BATCH <= len(before) < COUNT + 1
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert f"{COUNT + 1 - 50:,} more: brief list --all" in done.stderr  # a page of 50 shown
    after = dict(_indexed(index))
    assert len(after) == COUNT + 1
    # The files indexed before the kill were not read again.
    assert all(after[path] == checked for path, checked in before.items())
