"""Typer releases side by side (``--typer``): import alone, and a bare two-command app."""

from __future__ import annotations

from harness import BENCH, Case, Context


def cases(ctx: Context) -> list[Case]:
    """Two rows per extra Typer version; the installed one is measured by cases.core."""
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
    return rows
