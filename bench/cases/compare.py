"""brief as of other git revisions (``--compare REV``): the same commands, before and after."""

from __future__ import annotations

from harness import Case, Context


def cases(ctx: Context) -> list[Case]:
    """The budgeted commands and JSON export, once per revision compared."""
    rows = []
    for revision, bin_dir in ctx.compare_bins.items():
        brief = str(bin_dir / "brief")
        env = ctx.brief_env()
        rows += [
            Case(f'@{revision}: brief glossary "Storm Corps" | cat',
                 (brief, "glossary", "Storm Corps"), group="compare", env=env,
                 expect="Storm Corps [Concept]"),
            Case(f"@{revision}: brief show section 4 --color always",
                 (brief, "show", "section", "4", "--color", "always"), group="compare",
                 env=env, expect="Current Developments"),
            Case(f"@{revision}: brief export --format json",
                 (brief, "export", "--format", "json"), group="compare", env=env,
                 expect='"schema_version": 1'),
            Case(f"@{revision}: completion: brief glossary Sto<TAB>", (brief,), group="compare",
                 env=ctx.brief_env(_BRIEF_COMPLETE="complete_bash",
                                   COMP_WORDS="brief glossary Sto", COMP_CWORD="2")),
        ]  # fmt: skip
    return rows
