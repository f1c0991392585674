"""Library benchmark: `brief list` and `brief search --all` over 1,000 briefs vs a term lookup.

Budget (issue 5): with 1,000 briefs on BRIEF_PATH and a warm index, `brief search WORD --all`
and `brief list` each take at most 1.5x the time of `brief glossary "Storm Corps"`, measured
in the same run. Whole processes are timed, interleaved round by round so that a busy machine
slows every case alike; the medians and their ratios are reported.

    python bench/library_bench.py                 # 1,000 briefs, 15 rounds
    python bench/library_bench.py --rounds 31 --count 1000 --dir /tmp/brief-bench

For the general benchmark: ``setup = prepare(work_folder)`` writes (or reuses) the library,
``cases(setup)`` returns the (name, argv, env) triples; run ``brief search WORD --all`` once
first so the index is warm.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import NEEDLE, generate  # a sibling file, not a package

#: Largest allowed ratio of a library command's median to the glossary lookup's median.
BUDGET = 1.5
#: A word that is in most synthetic briefs (and the shipped one): a search with many hits.
COMMON_WORD = "deployment"

Case = tuple[str, list[str], dict[str, str]]


@dataclass(frozen=True)
class Setup:
    """A synthetic library and the private folders (cache, config, data) the runs use."""

    folder: Path
    work: Path
    brief: list[str]
    needle_id: str
    count: int


def brief_command() -> list[str]:
    """The installed ``brief`` next to this Python, else ``python -m briefcli``."""
    script = Path(sys.executable).with_name("brief")
    if script.exists():
        return [str(script)]
    found = shutil.which("brief")
    return [found] if found else [sys.executable, "-m", "briefcli"]


def prepare(work: Path, count: int = 1000) -> Setup:
    """Generate (or reuse) the synthetic library under ``work``."""
    library = generate(work / "briefs", count)
    return Setup(library.folder, work, brief_command(), library.needle_id, count)


def environment(setup: Setup) -> dict[str, str]:
    """The environment of every run: the library on BRIEF_PATH, private user folders."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("BRIEF", "BRIEF_PATH", "BRIEF_DEBUG", "FORCE_COLOR")
    }
    env.update(
        BRIEF_PATH=str(setup.folder),
        XDG_CACHE_HOME=str(setup.work / "cache"),
        XDG_CONFIG_HOME=str(setup.work / "config"),
        XDG_DATA_HOME=str(setup.work / "data"),
        NO_COLOR="1",
    )
    return env


def cases(setup: Setup) -> list[Case]:
    """The measured commands as (name, argv, env); the first is the reference."""
    env = environment(setup)
    brief = setup.brief
    return [
        ("glossary", [*brief, "glossary", "Storm Corps"], env),
        ("list", [*brief, "list"], env),
        ("search-needle-all", [*brief, "search", NEEDLE, "--all"], env),
        ("search-common-all", [*brief, "search", COMMON_WORD, "--all"], env),
    ]


def run(
    argv: list[str], env: dict[str, str]
) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """Run one command to completion: wall time and CPU time (user + system) in seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, done


def check(setup: Setup) -> str:
    """The needle search must find exactly one hit, in the one brief that has it."""
    env = environment(setup)
    _, _, done = run([*setup.brief, "search", NEEDLE, "--all", "--format", "json"], env)
    if done.returncode != 0:
        raise SystemExit(f"needle search failed ({done.returncode}): {done.stderr.strip()}")
    found = json.loads(done.stdout)
    briefs = {hit["brief"]["id"] for hit in found["hits"]}
    if found["total"] != 1 or briefs != {setup.needle_id}:
        raise SystemExit(f"needle search found {found['total']} hits in {sorted(briefs)}")
    return f"{NEEDLE!r}: 1 hit, in {setup.needle_id} of {found['briefs_searched']:,} briefs"


def measure(setup: Setup, rounds: int) -> dict[str, tuple[list[float], list[float]]]:
    """Time every case ``rounds`` times, interleaved, after two warm-up runs each:
    name → (wall times, CPU times)."""
    all_cases = cases(setup)
    for _ in range(2):
        for name, argv, env in all_cases:
            _, _, done = run(argv, env)
            if done.returncode != 0:
                raise SystemExit(f"{name} failed ({done.returncode}): {done.stderr.strip()}")
    times: dict[str, tuple[list[float], list[float]]] = {n: ([], []) for n, _, _ in all_cases}
    for index in range(rounds):
        shift = index % len(all_cases)  # rotate the order: no case always runs first
        for name, argv, env in all_cases[shift:] + all_cases[:shift]:
            wall, cpu, _ = run(argv, env)
            times[name][0].append(wall)
            times[name][1].append(cpu)
    return times


def main() -> int:
    """Generate, index cold, check, measure warm, report; exit 1 when over budget."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="briefs in the library (1000)")
    parser.add_argument("--rounds", type=int, default=15, help="timed runs of each case (15)")
    parser.add_argument("--dir", type=Path, help="work folder (default: a new temporary one)")
    args = parser.parse_args()
    work = args.dir or Path(tempfile.mkdtemp(prefix="brief-library-bench-"))
    setup = prepare(work, args.count)
    shutil.rmtree(work / "cache", ignore_errors=True)
    cold, _, done = run([*setup.brief, "search", NEEDLE, "--all"], environment(setup))
    if done.returncode != 0:
        raise SystemExit(f"cold search failed: {done.stderr.strip()}")
    print(f"library: {setup.count:,} synthetic briefs in {setup.folder} (+ the shipped one)")
    print(f"cold index build + first search: {cold:.2f} s")
    print(f"check: {check(setup)}")
    times = measure(setup, args.rounds)
    reference = statistics.median(times["glossary"][0])
    reference_cpu = statistics.median(times["glossary"][1])
    print(f"\n{'case':<20} {'median':>9} {'min':>9} {'ratio':>7}  {'cpu':>8} {'ratio':>6}  budget")
    over = False
    for name, (walls, cpus) in times.items():
        median, cpu = statistics.median(walls), statistics.median(cpus)
        ratio = median / reference
        verdict = "reference" if name == "glossary" else ("ok" if ratio <= BUDGET else "OVER")
        over = over or verdict == "OVER"
        print(
            f"{name:<20} {median * 1000:>7.1f}ms {min(walls) * 1000:>7.1f}ms {ratio:>6.2f}x  "
            f"{cpu * 1000:>6.1f}ms {cpu / reference_cpu:>5.2f}x  {verdict}"
        )
    print(
        f"\n{args.rounds} interleaved rounds; medians of wall time (the budget: each library "
        f"case <= {BUDGET}x glossary) and of CPU time (user + system, steadier on a busy machine)"
    )
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
