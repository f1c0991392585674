"""Shared fixtures: run the CLI in-process (CliRunner isolation) and find test data."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from briefcli.cli import run
from briefcli.model import Brief

# Property tests: "ci" runs the same examples on every run (derandomized, no example
# database), so CI never fails at random; "dev" (the default) draws new examples each run,
# `--hypothesis-seed=N` replays one run and `--hypothesis-profile=ci` forces the CI profile.
# Every failing example found is kept as an @example on its test.
# Neither has a deadline: a time limit per example is a timed assert, and fails at random on a
# busy machine.
settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

HERE = Path(__file__).parent
#: The raw report, as kept in the repository (a byte-for-byte copy of shared/sources/).
SOURCE = HERE.parent / "briefs" / "sources" / "nk-russia-troops-2025.txt"
REPO = HERE.parent


@dataclass
class Result:
    """What one command printed and returned."""

    exit_code: int
    stdout: str
    stderr: str


Runner = Callable[..., Result]


@pytest.fixture
def brief(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Runner:
    """Run ``brief ARGS`` in-process with stdout and stderr captured, as a pipe would see it."""
    for name in ("NO_COLOR", "FORCE_COLOR", "BRIEF", "BRIEF_PAGER", "COLUMNS", "BRIEF_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
        runner = CliRunner()
        with runner.isolation(env=env) as (out, err, *_):
            code = run(list(args))
            stdout = out.getvalue().decode()
            stderr = err.getvalue().decode() if err is not None else ""
        return Result(code, stdout, stderr)

    return invoke


@pytest.fixture
def source_text() -> str:
    """The raw report the shipped brief was made from."""
    return SOURCE.read_text(encoding="utf-8")


def write(tmp_path: Path, name: str, text: str) -> Path:
    """Write a test file and return its path."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def golden(name: str, actual: str) -> None:
    """Compare with tests/golden/NAME; BRIEF_UPDATE_GOLDEN=1 rewrites it instead."""
    path = HERE / "golden" / name
    if os.environ.get("BRIEF_UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no golden/{name}: run with BRIEF_UPDATE_GOLDEN=1 and review it"
    assert actual == path.read_text(encoding="utf-8"), f"output differs from golden/{name}"


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Index files as if read a minute after their last change: their rows are not racy
    (freshness.RACY_NS), so only their stat keys say whether they changed, as for a library
    that was not edited in the last seconds."""
    import time

    from briefcli import index

    real = time.time_ns
    monkeypatch.setattr(index.time, "time_ns", lambda: real() + 60_000_000_000)


@pytest.fixture
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test server on loopback is reached directly, whatever proxy the environment names."""
    for name in (
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
    ):
        monkeypatch.delenv(name, raising=False)


def outline(brief: Brief) -> list[tuple[str, str]]:
    """Every section's and subsection's (id, title), in order: the structure an import found."""
    out = []
    for section in brief.sections:
        out.append((section.id, section.title))
        out += [(sub.id, sub.title) for sub in section.subsections]
    return out


def paragraphs(brief: Brief) -> list[str]:
    """Every paragraph of every section and its subsections, in reading order."""
    return [p for s in brief.sections for p in s.all_paragraphs()]


#: Prose for the lines of generated PDFs (tests/test_import_pdf_*.py).
_SENTENCE = (
    "officials told us that guidance on the rail franchise was issued late which left little "
    "time for preparation and stakeholders agreed that ridership cannot improve"
)
_WORDS = _SENTENCE.split(" ")


def body_lines(count: int, words: int = 9, start: int = 0) -> list[str]:
    """``count`` lines of plain prose, each a different run of ``words`` words."""
    return [
        " ".join(_WORDS[(start + k * 3 + i) % len(_WORDS)] for i in range(words))
        for k in range(count)
    ]


def draw(path: Path, pages: list[Callable[[Any], None]], **canvas: Any) -> bytes:
    """A PDF (made by reportlab) of ``pages``, each drawn by a function of the canvas."""
    from reportlab.pdfgen.canvas import Canvas

    canvas.setdefault("pagesize", (595, 842))
    c = Canvas(str(path), **canvas)
    for page in pages:
        page(c)
        c.showPage()
    c.save()
    return path.read_bytes()


def column(c: Any, x: float, top: float, lines: list[str], size: float = 10) -> float:
    """Lines of body text from ``top`` down on a reportlab canvas; the y under the last."""
    c.setFont("Times-Roman", size)
    y = top
    for line in lines:
        c.drawString(x, y, line)
        y -= size * 1.25
    return y
