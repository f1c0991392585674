"""Cases, budgets and timing for bench/run.py: whole processes, interleaved, medians."""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent

#: Variables that change how fast Python starts; children never inherit them.
_PYTHON_KNOBS = (
    "PYTHONDONTWRITEBYTECODE", "PYTHONPROFILEIMPORTTIME", "PYTHONDEVMODE", "PYTHONMALLOC",
    "PYTHONTRACEMALLOC", "PYTHONASYNCIODEBUG", "PYTHONWARNINGS", "PYTHONSTARTUP", "PYTHONPATH",
    "PYTHONHOME", "PYTHONINSPECT", "PYTHONVERBOSE", "PYTHONNOUSERSITE",
)  # fmt: skip
#: Settings that change what brief (or a peer) prints.
_USER_SETTINGS = (
    "BRIEF", "BRIEF_PATH", "BRIEF_DEBUG", "BRIEF_PAGER", "NO_COLOR", "FORCE_COLOR", "COLUMNS",
    "LINES", "TLDR_COLOR_NAME", "TLDR_OPTIONS", "TLDR_LANGUAGE", "LANGUAGE",
)  # fmt: skip


@dataclass(frozen=True)
class Case:
    """One command line to time: a row of the table."""

    name: str
    argv: tuple[str, ...]
    group: str = "brief"  # floor, brief, peer, typer or compare: what kind of row it is
    env: Mapping[str, str] = field(default_factory=dict)
    stdin: bytes | None = None
    #: Text stdout must hold (checked on a first, untimed run) so that no error is timed.
    expect: str | None = None
    #: A view command: its peak memory counts against the memory budget.
    view: bool = False
    #: Why this case cannot run here; it is listed, not timed.
    skip: str | None = None
    #: Bytes of input each run reads (a :class:`ThroughputBudget` divides it by the time).
    input_bytes: int = 0


@dataclass(frozen=True)
class Budget:
    """``case`` must take at most ``ratio`` times as long as ``reference`` (medians)."""

    case: str
    reference: str
    ratio: float


@dataclass(frozen=True)
class MemoryBudget:
    """The peak memory ``case`` takes beyond ``reference`` (the same work on less input) is at
    most ``ratio`` times the input it reads beyond it, ``added_mib``: memory that grows with
    the input, start-up and imports left out."""

    case: str
    reference: str
    added_mib: float
    ratio: float


@dataclass(frozen=True)
class ThroughputBudget:
    """``case`` reads its ``input_bytes`` at ``mb_per_second`` MB (10**6 bytes) a second at
    least, by its median wall time."""

    case: str
    mb_per_second: float


@dataclass(frozen=True)
class SizeBudget:
    """The file ``path`` (with the ``-wal`` file beside it, if any) is at most ``ratio`` times
    the size of the brief files (``*.yaml``) in the folder ``reference``, measured when the
    run ends. Both paths
    are relative to the run's work folder (:attr:`Context.work`)."""

    name: str
    path: str
    reference: str
    ratio: float


#: Every kind of budget a case module's BUDGETS may hold.
AnyBudget = Budget | MemoryBudget | ThroughputBudget | SizeBudget


@dataclass
class Context:
    """What case modules need: the environments to run and a scratch folder for their data."""

    brief_bin: Path  # bin/ folder of the environment brief is installed in
    peers_bin: Path | None  # bin/ folder of the peers' environment (None: --no-peers)
    typer_bins: dict[str, Path]  # typer version → bin/ folder of an environment with it
    compare_bins: dict[str, Path]  # git revision → bin/ folder with brief as of then
    work: Path  # scratch folder, removed after the run
    cache: Path  # XDG_CACHE_HOME for brief's cases (warm after the warm-up round)

    @property
    def brief_python(self) -> str:
        """The interpreter brief runs on."""
        return str(self.brief_bin / "python")

    def brief(self, *args: str) -> tuple[str, ...]:
        """argv for the installed ``brief`` script."""
        return (str(self.brief_bin / "brief"), *args)

    def brief_env(self, **extra: str) -> dict[str, str]:
        """Environment for a brief case: a private, warm cache and no user settings."""
        return {"XDG_CACHE_HOME": str(self.cache), **extra}


@dataclass
class Result:
    """Every timed run of one case."""

    case: Case
    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)
    max_rss_kib: int = 0
    error: str | None = None

    @property
    def median_ms(self) -> float:
        """Median wall time in milliseconds."""
        return statistics.median(self.seconds) * 1000

    @property
    def cpu_median_ms(self) -> float:
        """Median CPU time (user + system) in milliseconds: less sensitive to a busy machine."""
        return statistics.median(self.cpu_seconds) * 1000

    @property
    def spread_ms(self) -> tuple[float, float]:
        """First and third quartile in milliseconds."""
        if len(self.seconds) < 4:
            return (min(self.seconds) * 1000, max(self.seconds) * 1000)
        q1, _, q3 = statistics.quantiles(self.seconds, n=4)
        return (q1 * 1000, q3 * 1000)


def child_env(extra: Mapping[str, str]) -> dict[str, str]:
    """The parent's environment less Python knobs and brief's settings, plus ``extra``.

    A value of "" in ``extra`` removes that variable.
    """
    env = {k: v for k, v in os.environ.items() if k not in _PYTHON_KNOBS + _USER_SETTINGS}
    env.setdefault("LANG", "C.UTF-8")
    for name, value in extra.items():
        if value:
            env[name] = value
        else:
            env.pop(name, None)
    return env


#: Runs argv[1:] and prints its peak RSS in KiB last. Linux keeps a process's peak RSS across
#: exec, so a child forked from this benchmark would report at least the benchmark's own size;
#: forked from this small launcher (python -S), it reports its own.
_LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss, file=sys.stderr)
"""


def peak_rss_kib(case: Case) -> int:
    """Peak resident memory of one run of the case, in KiB (through the small launcher)."""
    process = subprocess.run(
        [sys.executable, "-S", "-c", _LAUNCHER, *case.argv],
        input=case.stdin,
        stdin=None if case.stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        env=child_env(case.env),
        check=False,
    )
    code, rss = process.stderr.split()[-2:]
    return int(rss) if int(code) == 0 else 0


def run_once(case: Case) -> tuple[float, float, int, bytes, bytes]:
    """Run the case once with stdout on a pipe: wall and CPU seconds, exit code, out, err."""
    env = child_env(case.env)
    with tempfile.TemporaryFile() as err_file:
        start = time.perf_counter()
        process = subprocess.Popen(
            case.argv,
            stdin=subprocess.PIPE if case.stdin is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=err_file,
            env=env,
        )
        if case.stdin is not None:
            assert process.stdin is not None
            process.stdin.write(case.stdin)
            process.stdin.close()
        assert process.stdout is not None
        out = process.stdout.read()
        # wait4, not wait: the CPU time of exactly this child.
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        process.stdout.close()
        err_file.seek(0)
        err = err_file.read()
    return elapsed, usage.ru_utime + usage.ru_stime, process.returncode, out, err


def check(case: Case) -> str | None:
    """Run a case once; why it is broken, or None when it works."""
    try:
        _, _, code, out, err = run_once(case)
    except OSError as exc:
        return f"cannot run: {exc}"
    if code != 0:
        return f"exit {code}: {err.decode(errors='replace').strip().splitlines()[-1:]}"
    if case.expect is not None and case.expect.encode() not in out:
        return f"stdout lacks {case.expect!r}"
    return None


def measure(cases: Sequence[Case], rounds: int, warmup: int, seed: int = 6) -> list[Result]:
    """Time every case ``rounds`` times, interleaved (a shuffled order each round)."""
    results = {case.name: Result(case) for case in cases}
    runnable = [case for case in cases if case.skip is None]
    for case in runnable:
        results[case.name].error = check(case)
    runnable = [case for case in runnable if results[case.name].error is None]
    order = random.Random(seed)
    for index in range(warmup + rounds):
        this_round = list(runnable)
        order.shuffle(this_round)
        for case in this_round:
            elapsed, cpu, code, _, _ = run_once(case)
            result = results[case.name]
            if code != 0:
                result.error = f"exit {code} in round {index}"
            if index >= warmup:
                result.seconds.append(elapsed)
                result.cpu_seconds.append(cpu)
        print(f"\rround {index + 1}/{warmup + rounds}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    for case in runnable:
        result = results[case.name]
        result.max_rss_kib = max(peak_rss_kib(case) for _ in range(3))
    return [results[case.name] for case in cases]
