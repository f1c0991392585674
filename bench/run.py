"""Benchmark brief's start-up and memory against Python, Typer and Rich floors and peers.

    python3 bench/run.py            # builds bench/.venv-brief and bench/.venv-peers on first use

Every case is a whole process with stdout on a pipe; rounds are interleaved (a shuffled order
each round) so that a busy machine slows every case alike, and ratios compare medians of the
same run. Prints a table and writes it, with the machine, into docs/performance.md.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cases as case_modules
from harness import (
    BENCH,
    REPO,
    AnyBudget,
    Case,
    Context,
    MemoryBudget,
    Result,
    SizeBudget,
    ThroughputBudget,
    child_env,
    measure,
)

PEERS = ("tldr", "rich-cli")
DEFAULT_TYPERS = "0.24.2,0.27.3,0.29.2"
MEMORY_BUDGET_MIB = 40
DOC = REPO / "docs" / "performance.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def main() -> int:
    """Build the environments, run every case module, print and record the table."""
    args = _parser().parse_args()
    brief_bin = Path(args.brief_bin) if args.brief_bin else _brief_env()
    peers_bin = None if args.no_peers else _env(BENCH / ".venv-peers", PEERS)
    typers = [v for v in args.typer.split(",") if v.strip()]
    typer_bins = {v: _typer_env(v) for v in typers}
    compare_bins = {rev: _revision_env(rev) for rev in args.compare}
    with tempfile.TemporaryDirectory(prefix="brief-bench-") as work:
        ctx = Context(
            brief_bin, peers_bin, typer_bins, compare_bins, Path(work), Path(work) / "cache"
        )
        all_cases, budgets = _collect(ctx, [m for m in args.only.split(",") if m.strip()])
        print(f"{len(all_cases)} cases, {args.rounds} rounds", file=sys.stderr)
        results = measure(all_cases, rounds=args.rounds, warmup=args.warmup)
        table = _report(results, budgets, ctx, args.rounds)  # size budgets read the work folder
    print(table)
    if not args.no_write:
        _write_doc(table, args.only)
        print(f"wrote {DOC.relative_to(REPO)}", file=sys.stderr)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=40, help="timed runs of each case")
    parser.add_argument("--warmup", type=int, default=2, help="untimed rounds first")
    parser.add_argument("--no-peers", action="store_true", help="skip tldr and rich-cli")
    parser.add_argument(
        "--typer",
        default=DEFAULT_TYPERS,
        help=f"other Typer versions to compare, comma-separated ('' for none; {DEFAULT_TYPERS})",
    )
    parser.add_argument(
        "--compare",
        metavar="REV",
        action="append",
        default=[],
        help="also time brief as of this git revision (repeatable), e.g. before a change",
    )
    parser.add_argument(
        "--brief-bin",
        metavar="DIR",
        help="bin/ folder of an environment where brief is installed (default: build "
        "bench/.venv-brief from this checkout)",
    )
    parser.add_argument("--no-write", action="store_true", help="do not rewrite the docs page")
    parser.add_argument(
        "--only",
        metavar="MODULES",
        default="",
        help="only these modules of bench/cases/, comma-separated (core, the floors every "
        "budget is measured against, always runs), e.g. --only scaling,import_scaling",
    )
    return parser


# -- environments ----------------------------------------------------------------------------


def _pip(folder: Path, *args: str) -> None:
    env = child_env({"PIP_DISABLE_PIP_VERSION_CHECK": "1"})
    command = [str(folder / "bin" / "python"), "-m", "pip", "install", "--quiet", *args]
    subprocess.run(command, check=True, env=env)


def _env(folder: Path, packages: tuple[str, ...], label: str | None = None) -> Path:
    """A virtual environment with ``packages``, made again when ``label`` (or they) change."""
    marker = folder / ".bench-packages"
    wanted = label or "\n".join(packages)
    if not (marker.is_file() and marker.read_text() == wanted):
        shown = label or ", ".join(packages)
        print(f"installing {shown} into {folder.relative_to(REPO)}", file=sys.stderr)
        shutil.rmtree(folder, ignore_errors=True)
        venv.EnvBuilder(with_pip=True).create(folder)
        _pip(folder, *packages)
        marker.write_text(wanted)
    return folder / "bin"


def _brief_env() -> Path:
    """bench/.venv-brief with this checkout installed as a user would (a wheel, byte-compiled)."""
    folder = BENCH / ".venv-brief"
    bin_dir = _env(folder, ("pip",))
    print("installing this checkout into bench/.venv-brief", file=sys.stderr)
    _pip(folder, "--force-reinstall", "--no-deps", str(REPO))
    _pip(folder, str(REPO) + "[bench]")  # dependencies (the bench extra: browse, web, pdf and more)
    return bin_dir


def _typer_env(version: str) -> Path:
    """An environment with another Typer release, and this checkout installed over it."""
    folder = BENCH / f".venv-typer-{version}"
    bin_dir = _env(folder, (f"typer=={version}", "rich", "pyyaml"))
    _pip(folder, "--force-reinstall", "--no-deps", str(REPO))
    return bin_dir


def _revision_env(revision: str) -> Path:
    """An environment with brief as of ``revision`` of this repository."""
    commit = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", revision],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    folder = BENCH / f".venv-rev-{commit}"
    with tempfile.TemporaryDirectory() as tree:
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", commit], capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", tree], input=archive, check=True)
        return _env(folder, (tree,), label=f"brief at {commit}")


def _collect(ctx: Context, only: list[str]) -> tuple[list[Case], list[AnyBudget]]:
    """Every case and budget from the modules in bench/cases/ (all, or core and ``only``),
    in name order (core first)."""
    names = sorted(m.name for m in pkgutil.iter_modules(case_modules.__path__))
    if only:
        unknown = set(only) - set(names)
        if unknown:
            raise SystemExit(f"bench: no module {', '.join(sorted(unknown))} in bench/cases/")
        names = [name for name in names if name == "core" or name in only]
    names.sort(key=lambda name: name != "core")
    all_cases: list[Case] = []
    budgets: list[AnyBudget] = []
    for name in names:
        module = importlib.import_module(f"cases.{name}")
        all_cases.extend(module.cases(ctx))
        budgets.extend(getattr(module, "BUDGETS", []))
    return all_cases, budgets


# -- the report ------------------------------------------------------------------------------


def _versions(bin_dir: Path, names: tuple[str, ...]) -> str:
    code = (
        "import importlib.metadata as m\n"
        "for n in __import__('sys').argv[1:]:\n"
        "    try: print(n, m.version(n))\n"
        "    except m.PackageNotFoundError: pass"
    )
    out = subprocess.run(
        [str(bin_dir / "python"), "-c", code, *names], capture_output=True, text=True, check=True
    ).stdout
    return ", ".join(line.replace(" ", " ") for line in out.splitlines())


def _machine(ctx: Context) -> list[str]:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    python = subprocess.run(
        [ctx.brief_python, "-c", "import sys; print(sys.version.split()[0])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    libyaml = subprocess.run(
        [ctx.brief_python, "-c", "import yaml; print(yaml.__with_libyaml__)"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    lines = [
        f"- Machine: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        f"- Python {python}; brief's environment: "
        + _versions(ctx.brief_bin, ("briefcli", "typer", "rich", "PyYAML"))
        + f" (libyaml: {'yes' if libyaml == 'True' else 'no'})",
    ]
    if ctx.peers_bin is not None:
        peers = _versions(ctx.peers_bin, ("tldr", "rich-cli", "rich", "click"))
        lines.append(f"- Peers' environment: {peers}")
    return lines


def _report(results: list[Result], budgets: list[AnyBudget], ctx: Context, rounds: int) -> str:
    by_name = {r.case.name: r for r in results}
    timed = [r for r in results if r.seconds]
    floor = by_name.get("python -c pass")
    floor_ms = floor.median_ms if floor and floor.seconds else None
    lines = [
        f"Run on {time.strftime('%Y-%m-%d %H:%M %Z')}: {rounds} interleaved rounds per case, "
        "whole processes, stdout on a pipe; median wall time, its interquartile range, median CPU "
        "time (user + system: less sensitive to a busy machine), and peak resident memory "
        "(ru_maxrss of the child, forked from a small launcher so that the benchmark's own "
        "size does not count).",
        "",
        *_machine(ctx),
        "",
        "| case | median ms | IQR ms | × floor | CPU ms | peak MiB |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        name = result.case.name.replace("|", "\\|")
        if not result.seconds:
            why = result.case.skip or result.error or "not run"
            lines.append(f"| {name} | — | — | — | — | skipped: {why} |")
            continue
        q1, q3 = result.spread_ms
        ratio = f"{result.median_ms / floor_ms:.2f}" if floor_ms else "—"
        lines.append(
            f"| {name} | {result.median_ms:.1f} | {q1:.1f}–{q3:.1f} | {ratio} "
            f"| {result.cpu_median_ms:.1f} | {result.max_rss_kib / 1024:.1f} |"
        )
    lines += ["", "Budgets (ratios of medians from this run):", ""]
    for budget in budgets:
        if isinstance(budget, ThroughputBudget):
            lines.append(_throughput_verdict(budget, by_name.get(budget.case)))
            continue
        if isinstance(budget, SizeBudget):
            lines.append(_size_verdict(budget, ctx.work))
            continue
        case, ref = by_name.get(budget.case), by_name.get(budget.reference)
        if isinstance(budget, MemoryBudget):
            lines.append(_memory_verdict(budget, case, ref))
            continue
        if not (case and ref and case.seconds and ref.seconds):
            lines.append(f"- {budget.case} ≤ {budget.ratio:g}× {budget.reference}: not measured")
            continue
        ratio = case.median_ms / ref.median_ms
        paired = statistics.median(a / b for a, b in zip(case.seconds, ref.seconds, strict=True))
        cpu = case.cpu_median_ms / ref.cpu_median_ms
        verdict = "holds" if ratio <= budget.ratio else f"MISSED by {ratio / budget.ratio - 1:.0%}"
        lines.append(
            f"- {budget.case} ≤ {budget.ratio:g}× {budget.reference}: "
            f"**{ratio:.2f}×** ({case.median_ms:.1f} / {ref.median_ms:.1f} ms) — {verdict}. "
            f"Median of per-round ratios {paired:.2f}×; CPU time {cpu:.2f}×."
        )
    views = [r for r in timed if r.case.view]
    if views:
        worst = max(views, key=lambda r: r.max_rss_kib)
        mib = worst.max_rss_kib / 1024
        verdict = "holds" if mib < MEMORY_BUDGET_MIB else "MISSED"
        lines.append(
            f"- peak memory of every view command < {MEMORY_BUDGET_MIB} MiB: "
            f"**{mib:.1f} MiB** at most ({worst.case.name}) — {verdict}"
        )
    return "\n".join(lines) + "\n"


def _memory_verdict(budget: MemoryBudget, case: Result | None, ref: Result | None) -> str:
    """One budget line: the peak memory that grows with the input, per MiB of input."""
    head = (
        f"- peak memory of {budget.case} beyond {budget.reference} ≤ {budget.ratio:g}× "
        f"the {budget.added_mib:.1f} MiB more input"
    )
    if not (case and ref and case.max_rss_kib and ref.max_rss_kib):
        return f"{head}: not measured"
    grown = (case.max_rss_kib - ref.max_rss_kib) / 1024
    ratio = grown / budget.added_mib
    verdict = "holds" if ratio <= budget.ratio else f"MISSED by {ratio / budget.ratio - 1:.0%}"
    return (
        f"{head}: **{ratio:.2f}×** ({case.max_rss_kib / 1024:.1f} − "
        f"{ref.max_rss_kib / 1024:.1f} MiB) — {verdict}."
    )


def _throughput_verdict(budget: ThroughputBudget, case: Result | None) -> str:
    """One budget line: MB of input read a second, by the median wall time."""
    head = f"- {budget.case} ≥ {budget.mb_per_second:g} MB/s"
    if not (case and case.seconds and case.case.input_bytes):
        return f"{head}: not measured"
    megabytes = case.case.input_bytes / 1e6
    rate = megabytes / (case.median_ms / 1000)
    cpu_rate = megabytes / (case.cpu_median_ms / 1000)
    short = budget.mb_per_second / rate - 1
    verdict = "holds" if rate >= budget.mb_per_second else f"MISSED by {short:.0%}"
    return (
        f"{head}: **{rate:.1f} MB/s** ({megabytes:.1f} MB in {case.median_ms / 1000:.2f} s) — "
        f"{verdict}. By CPU time (every process of the command): {cpu_rate:.1f} MB/s."
    )


def _size_verdict(budget: SizeBudget, work: Path) -> str:
    """One budget line: a file's size against the files of a folder, as the run left them."""
    head = f"- {budget.name} ≤ {budget.ratio:g}×"
    path, folder = work / budget.path, work / budget.reference
    if not (path.is_file() and folder.is_dir()):
        return f"{head}: not measured"
    wal = path.with_name(path.name + "-wal")
    size = path.stat().st_size + (wal.stat().st_size if wal.is_file() else 0)
    text = sum(p.stat().st_size for p in folder.glob("*.yaml"))
    ratio = size / text
    verdict = "holds" if ratio <= budget.ratio else f"MISSED by {ratio / budget.ratio - 1:.0%}"
    return f"{head}: **{ratio:.2f}×** ({size / 1e6:.1f} / {text / 1e6:.1f} MB) — {verdict}."


def _write_doc(table: str, only: str = "") -> None:
    """Replace the text between the bench markers in docs/performance.md (or start the page).

    A run of some modules (``--only``) has markers of its own, added at the end of the page
    the first time: the full table stays as the last full run left it.
    """
    start, end = (
        (START, END) if not only else (f"<!-- bench:{only}:start -->", f"<!-- bench:{only}:end -->")
    )
    block = f"{start}\n{table}{end}"
    if DOC.is_file() and only and start not in DOC.read_text(encoding="utf-8"):
        text = DOC.read_text(encoding="utf-8").rstrip("\n")
        DOC.write_text(f"{text}\n\n### Run of {only}\n\n{block}\n", encoding="utf-8")
        return
    if DOC.is_file():
        text = DOC.read_text(encoding="utf-8")
        if start in text and end in text:
            head, rest = text.split(start, 1)
            tail = rest.split(end, 1)[1]
            DOC.write_text(head + block + tail, encoding="utf-8")
            return
    DOC.write_text(f"# Performance\n\n{block}\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
