"""Issue 17: a library of 10,000 synthetic briefs (about 35 KB each, 356 MB) on BRIEF_PATH.

The first (untimed) check run builds the index, which takes a minute or more: this module
makes a full run several minutes longer. The budgets are the issue's goals; see
docs/performance.md ("A library of 10,000 briefs") for where they stand.
"""

from __future__ import annotations

from harness import AnyBudget, Budget, Case, Context, SizeBudget
from synthetic import COMMON, NEEDLE, brief_text, generate

from cases.core import GLOSSARY

COUNT = 10_000
LIST = "brief list, 10,000 briefs"
SEARCH_NEEDLE = f"brief search {NEEDLE} --all, 10,000 briefs"
SEARCH_COMMON = f"brief search {COMMON} --all, 10,000 briefs"
CHANGED = f"brief search {COMMON} --all, 10,000 briefs, one just replaced"

#: Under the work folder: the library and the index the runs keep warm.
LIBRARY, CACHE = "library-10k", "library-10k-cache"

BUDGETS: list[AnyBudget] = [
    Budget(LIST, GLOSSARY, 1.5),
    Budget(SEARCH_NEEDLE, GLOSSARY, 1.5),
    Budget(SEARCH_COMMON, GLOSSARY, 1.5),
    Budget(CHANGED, GLOSSARY, 2.0),
    # As the runs left it: built, then one brief replaced again and again.
    SizeBudget(
        "the index of 10,000 briefs, × the briefs it indexes",
        f"{CACHE}/briefcli/index.sqlite3",
        LIBRARY,
        0.6,
    ),
]

#: Replaces brief $3 by version $1 or $2 (whichever it is not: every run is a change), the way
#: an editor or 'brief import' saves (a new file renamed over the old), then runs $4.
_REPLACE_THEN = (
    'if cmp -s "$1" "$3"; then new="$2"; else new="$1"; fi; '
    'cp "$new" "$3.tmp" && mv "$3.tmp" "$3" && shift 3 && exec "$@"'
)


def cases(ctx: Context) -> list[Case]:
    """list and search --all over 10,000 briefs, and a search right after one brief changed."""
    library = generate(ctx.work / LIBRARY, COUNT)
    # A cache of its own: one index for two libraries would drop one to index the other.
    env = ctx.brief_env(
        BRIEF_PATH=str(library.folder),
        XDG_CACHE_HOME=str(ctx.work / CACHE),
        XDG_CONFIG_HOME=str(ctx.work / "library-10k-config"),
        XDG_DATA_HOME=str(ctx.work / "library-10k-data"),
    )
    changing = library.files[1]
    versions = []
    for number in (1, 2):
        version = ctx.work / f"changing-{number}.yaml"
        text = brief_text(1, seed=number)
        version.write_text(text, encoding="utf-8")
        versions.append(str(version))
    replace_then_search = (
        "sh", "-c", _REPLACE_THEN, "sh", *versions, str(changing),
        *ctx.brief("search", COMMON, "--all"),
    )  # fmt: skip
    return [
        # A page of 50 by id (the rest is counted on stderr): the first synthetic brief shows.
        Case(LIST, ctx.brief("list"), env=env, expect="synthetic-0000"),
        Case(
            SEARCH_NEEDLE, ctx.brief("search", NEEDLE, "--all"), env=env, expect=library.needle_id
        ),
        Case(SEARCH_COMMON, ctx.brief("search", COMMON, "--all"), env=env, expect="«"),
        Case(CHANGED, replace_then_search, env=env, expect="«"),
    ]
