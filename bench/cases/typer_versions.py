"""Typer releases side by side (``--typer``): import alone, a bare two-command app, and brief.

brief is installed over each release without its dependency check, so that a release brief
does not support shows up as a skipped row with the error it gives.
"""

from __future__ import annotations

from harness import BENCH, Case, Context


def cases(ctx: Context) -> list[Case]:
    """Three rows per extra Typer version; the pinned one is measured by cases.core."""
    rows = []
    for version, bin_dir in sorted(ctx.typer_bins.items()):
        python = str(bin_dir / "python")
        rows.append(Case(f'typer {version}: python -c "import typer"',
                         (python, "-c", "import typer"), group="typer"))  # fmt: skip
        rows.append(
            Case(
                f"typer {version}: bare Typer app, 2 commands",
                (python, str(BENCH / "bare_app.py"), "hello", "--name", "x"),
                group="typer",
                expect="hello x",
            )
        )
        rows.append(
            Case(
                f'typer {version}: brief glossary "Storm Corps" | cat',
                (str(bin_dir / "brief"), "glossary", "Storm Corps"),
                group="typer",
                env=ctx.brief_env(),
                expect="Storm Corps [Concept]",
            )
        )
    return rows
