"""Issue 17: the first build of the index, from cold, over 2,000 synthetic briefs (70 MB).

Each run removes the index and runs ``brief list``, which builds it again (parsing in a pool of
processes, writing in batches; one line on stderr says so). The goal is a rate: at least 30 MB
of briefs a second on this 2-core machine. The index it leaves must be at most 0.6× the size of
the briefs it indexes. Each run takes a few seconds: a full run is a minute or two longer.
"""

from __future__ import annotations

from harness import Case, Context, SizeBudget, ThroughputBudget
from synthetic import generate

COUNT = 2_000
BUILD = "brief list, first build of the index, 2,000 briefs"
#: Where the runs keep their index, under the work folder.
CACHE = "library-build-cache"
LIBRARY = "library-build"

BUDGETS = [
    ThroughputBudget(BUILD, 30.0),
    SizeBudget(
        "the index a first build leaves, × the briefs it indexes (2,000 briefs)",
        f"{CACHE}/briefcli/index.sqlite3",
        LIBRARY,
        0.6,
    ),
]

#: Removes the cache folder $1, then runs the rest: every run builds the index from nothing.
_COLD_THEN = 'rm -rf "$1" && shift && exec "$@"'


def cases(ctx: Context) -> list[Case]:
    """``brief list`` over a library whose index was just removed."""
    library = generate(ctx.work / LIBRARY, COUNT)
    cache = ctx.work / CACHE
    env = ctx.brief_env(
        BRIEF_PATH=str(library.folder),
        XDG_CACHE_HOME=str(cache),
        XDG_CONFIG_HOME=str(ctx.work / "library-build-config"),
        XDG_DATA_HOME=str(ctx.work / "library-build-data"),
    )
    size = sum(path.stat().st_size for path in library.files)
    argv = ("sh", "-c", _COLD_THEN, "sh", str(cache), *ctx.brief("list"))
    return [Case(BUILD, argv, env=env, expect="synthetic-0000", input_bytes=size)]
