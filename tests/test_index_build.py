"""Issue 17: the first build parses in a pool of processes; the index holds the same either way."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from briefcli import index as index_module
from briefcli.index import Index
from conftest import REPO

sys.path.insert(0, str(REPO / "bench"))

from synthetic import COMMON, generate  # a benchmark helper, reused for a small library


def build(files: list[str], pool_from: int, monkeypatch: pytest.MonkeyPatch) -> Index:
    monkeypatch.setattr(index_module, "POOL_FROM", pool_from)
    index = Index.open(":memory:")
    index.sync(files)
    return index


def test_a_pool_builds_the_same_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    library = generate(tmp_path / "library", count=60)
    files = [str(path) for path in library.files]
    (tmp_path / "library" / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    files.append(str(tmp_path / "library" / "broken.yaml"))
    alone = build(files, 10_000, monkeypatch)
    pooled = build(files, 2, monkeypatch)
    assert alone.sync(files) == pooled.sync(files)
    ids = [record.file_id for record in pooled.sync(files) if record.error is None]
    assert alone.search(COMMON, ids, limit=20) == pooled.search(COMMON, ids, limit=20)
    rows = "SELECT id, data FROM texts ORDER BY id"
    assert alone.db.execute(rows).fetchall() == pooled.db.execute(rows).fetchall()
