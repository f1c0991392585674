"""Where one brief run spends its time, measured inside the process (no profiler overhead).

    bench/.venv-brief/bin/python bench/explain.py glossary "Storm Corps"

Runs ``brief ARGS`` a number of times, each in a fresh interpreter with a warm brief cache, and
prints the median of: importing typer (and rich.console for ``--color always``: the floors the
budgets compare with), creating brief's record classes (named tuples) while its modules load,
typer building the command tree, and everything else in the run (other imports, loading,
rendering, writing).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile

PROBE = r"""
import io, json, sys, time
start = time.perf_counter()
import typer
import typer.main
typer_done = time.perf_counter()
if "always" in sys.argv:  # typeset output: the floor is import typer, rich.console
    import rich.console
rich_done = time.perf_counter()
spent = {"record class creation": 0.0, "typer command tree": 0.0}
running = set()
def timed(name, function):
    def wrapper(*args, **kwargs):
        if name in running:  # a call inside another of the same part: counted once
            return function(*args, **kwargs)
        running.add(name)
        began = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - began
            running.discard(name)
    return wrapper
import typing
typing.NamedTupleMeta.__new__ = timed("record class creation", typing.NamedTupleMeta.__new__)
# The group, and each command, which brief's group builds only when it is used.
typer.main.get_command = timed("typer command tree", typer.main.get_command)
typer.main.get_command_from_info = timed("typer command tree", typer.main.get_command_from_info)
from briefcli.cli import run
stdout, sys.stdout = sys.stdout, io.StringIO()
began = time.perf_counter()
try:
    run(sys.argv[1:])
except SystemExit:  # shell completion exits
    pass
ran = time.perf_counter() - began
sys.stdout = stdout
rest = ran - sum(spent.values())
print(json.dumps({
    "import typer": typer_done - start,
    "import rich.console": rich_done - typer_done,
    **spent,
    "the rest of the run": rest,
}))
"""


def main() -> int:
    """Print the median milliseconds of each part over ``--runs`` fresh interpreters."""
    args = sys.argv[1:]
    runs = 15
    if args[:1] == ["--runs"]:
        runs, args = int(args[1]), args[2:]
    samples: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "XDG_CACHE_HOME": cache}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for index in range(runs + 1):  # the first run fills the brief cache
            out = subprocess.run(
                [sys.executable, "-c", PROBE, *args],
                capture_output=True,
                text=True,
                check=True,
                env=env,
            ).stdout
            for part, seconds in json.loads(out).items():
                if index:
                    samples.setdefault(part, []).append(seconds * 1000)
    print(f"brief {' '.join(args)}: median of {runs} runs, ms")
    for part, values in samples.items():
        print(f"  {part:22} {statistics.median(values):6.1f}")
    print("modules loaded beyond the floor, by -X importtime self time (inflated by the tracing):")
    for name, micros in _importtime(args, cache_runs=2)[:15]:
        print(f"  {name:40} {micros / 1000:6.1f}")
    return 0


def _self_times(code: str, args: list[str], env: dict[str, str]) -> dict[str, int]:
    """Module → import self time in microseconds, from ``python -X importtime -c CODE``."""
    err = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code, *args],
        capture_output=True, text=True, check=True, env=env,
    ).stderr  # fmt: skip
    times = {}
    for line in err.splitlines():
        if line.startswith("import time:") and "|" in line and "self [us]" not in line:
            own, _, name = line[len("import time:") :].split("|")
            times[name.strip()] = int(own)
    return times


def _importtime(args: list[str], cache_runs: int) -> list[tuple[str, int]]:
    """Modules brief's run imports that the floor does not, slowest first (last of a few runs)."""
    floor = "import typer, rich.console" if "always" in args else "import typer"
    run = "import sys; from briefcli.cli import run; run(sys.argv[1:])"  # completion exits
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "XDG_CACHE_HOME": cache}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for _ in range(cache_runs):
            base, ours = _self_times(floor, [], env), _self_times(run, args, env)
    extra = {name: micros for name, micros in ours.items() if name not in base}
    return sorted(extra.items(), key=lambda item: -item[1])


if __name__ == "__main__":
    sys.exit(main())
