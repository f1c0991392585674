"""A synthetic library of 1,000 briefs on BRIEF_PATH: `brief list` and `brief search --all`."""

from __future__ import annotations

from harness import Budget, Case, Context
from synthetic import NEEDLE, generate

from cases.core import GLOSSARY

LIST = "brief list, 1,000 briefs"
SEARCH_NEEDLE = f"brief search {NEEDLE} --all, 1,000 briefs"
SEARCH_COMMON = "brief search deployment --all, 1,000 briefs"

#: Issue 5: with a warm index, each library command within 1.5× the glossary lookup.
BUDGETS = [
    Budget(LIST, GLOSSARY, 1.5),
    Budget(SEARCH_NEEDLE, GLOSSARY, 1.5),
    Budget(SEARCH_COMMON, GLOSSARY, 1.5),
]


def cases(ctx: Context) -> list[Case]:
    """The library commands over a generated library; the first (untimed) check run and the
    warm-up rounds build the index, so the timed runs use a warm one."""
    library = generate(ctx.work / "library", 1000)
    # A cache of its own: one index for two libraries would drop one to index the other.
    env = ctx.brief_env(
        BRIEF_PATH=str(library.folder),
        XDG_CACHE_HOME=str(ctx.work / "library-cache"),
        XDG_CONFIG_HOME=str(ctx.work / "library-config"),
        XDG_DATA_HOME=str(ctx.work / "library-data"),
    )
    return [
        # `brief list` shows a page of 50, by id: the first synthetic brief is on it.
        Case(LIST, ctx.brief("list"), env=env, expect="synthetic-0000"),
        Case(
            SEARCH_NEEDLE, ctx.brief("search", NEEDLE, "--all"), env=env, expect=library.needle_id
        ),
        Case(SEARCH_COMMON, ctx.brief("search", "deployment", "--all"), env=env, expect="«"),
    ]
