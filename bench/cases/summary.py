"""`brief summary --section N` on an imported brief: key points brief extracts (issue 14).

The brief is `brief import` of a specification from the import corpus (tests/data/corpus), made
under ``ctx.work`` when the cases are collected. It has no key points of the editor's, so
every run shows points extracted from the section's sentences: from the extracts cache once
the warm-up round has filled it (the budget), or computed on every run when there is no cache
(the row beside it, for the cost of computing them).
"""

from __future__ import annotations

import subprocess

from harness import REPO, Budget, Case, Context

from cases.core import SHOW

CORPUS_DOCUMENT = REPO / "tests" / "data" / "corpus" / "xz-file-format.txt"
SUMMARY = "brief summary --section 2 (imported .xz spec) | cat"

BUDGETS = [Budget(SUMMARY, SHOW, 1.25)]


def imported_brief(ctx: Context) -> tuple[str | None, str]:
    """The imported brief's path, or None and why it could not be made."""
    path = ctx.work / "xz-file-format.yaml"
    made = subprocess.run(
        ctx.brief("import", str(CORPUS_DOCUMENT), "-o", str(path), "--force"),
        capture_output=True,
        text=True,
        env={**ctx.brief_env(), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    if made.returncode != 0:
        return None, f"brief import failed: {made.stderr.strip()[:200]}"
    return str(path), ""


def cases(ctx: Context) -> list[Case]:
    """Key points of section 2 of the imported brief, with a warm extracts cache and none."""
    path, why = imported_brief(ctx)
    argv = ctx.brief("summary", "--section", "2", "--brief", path or "-")
    if path is None:
        return [Case(SUMMARY, argv, skip=why)]
    return [
        Case(SUMMARY, argv, env=ctx.brief_env(), expect="Key points: 2.", view=True),
        Case(
            "brief summary --section 2 (imported .xz spec), no cache",
            argv,
            # A cache folder that cannot exist: every run parses the YAML and extracts the points.
            env=ctx.brief_env(XDG_CACHE_HOME="/dev/null/briefcli-bench"),
            expect="Key points: 2.",
            view=True,
        ),
    ]
