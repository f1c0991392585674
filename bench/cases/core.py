"""The floors and brief's own commands, with the start-up and memory budgets."""

from __future__ import annotations

import subprocess

from harness import BENCH, REPO, Budget, Case, Context

FLOOR = "python -c pass"
TYPER = 'python -c "import typer"'
TYPER_RICH = 'python -c "import typer, rich.console"'
GLOSSARY = 'brief glossary "Storm Corps" | cat'
SHOW = "brief show section 4 --color always"

BUDGETS = [
    Budget(GLOSSARY, TYPER, 1.15),
    Budget(SHOW, TYPER_RICH, 1.25),
]

#: brief without its console script's garbage-collector settings (cli.main).
_RUN_WITHOUT_MAIN = "import sys; from briefcli.cli import run; sys.exit(run(sys.argv[1:]))"

#: The raw report the shipped brief was made from (beside the repository, as the tests find it).
SOURCE = REPO.parent / "shared" / "sources" / "nk-russia-troops-2025.txt"


def cases(ctx: Context) -> list[Case]:
    """Floors, then every view command on the shipped brief, import and completion."""
    python = ctx.brief_python
    brief_env = ctx.brief_env()
    return [
        Case(FLOOR, (python, "-c", "pass"), group="floor"),
        Case(TYPER, (python, "-c", "import typer"), group="floor"),
        Case(TYPER_RICH, (python, "-c", "import typer, rich.console"), group="floor"),
        Case(
            "bare Typer app, 2 commands",
            (python, str(BENCH / "bare_app.py"), "hello", "--name", "x"),
            group="floor",
            expect="hello x",
        ),
        Case(
            GLOSSARY,
            ctx.brief("glossary", "Storm Corps"),
            env=brief_env,
            expect="Storm Corps [Concept]",
            view=True,
        ),
        Case(
            # What main()'s garbage-collector settings save: the same lookup through cli.run,
            # which leaves the collector as Python sets it (see cli.main).
            'brief glossary "Storm Corps", collector as usual',
            (python, "-c", _RUN_WITHOUT_MAIN, "glossary", "Storm Corps"),
            env=brief_env,
            expect="Storm Corps [Concept]",
        ),
        Case(
            'brief glossary "Storm Corps", no cache',
            ctx.brief("glossary", "Storm Corps"),
            # A cache folder that cannot exist: every run parses the YAML, and writing fails.
            env=ctx.brief_env(XDG_CACHE_HOME="/dev/null/briefcli-bench"),
            expect="Storm Corps [Concept]",
            view=True,
        ),
        Case(
            SHOW,
            ctx.brief("show", "section", "4", "--color", "always"),
            env=brief_env,
            expect="Current Developments",
            view=True,
        ),
        Case(
            "brief show section 4 | cat",
            ctx.brief("show", "section", "4"),
            env=brief_env,
            expect="4-3.",
            view=True,
        ),
        Case("brief | cat", ctx.brief(), env=brief_env, expect="Contents", view=True),
        Case(
            "brief timeline | cat", ctx.brief("timeline"), env=brief_env, expect="2024", view=True
        ),
        Case(
            "brief export --format json",
            ctx.brief("export", "--format", "json"),
            env=brief_env,
            expect='"schema_version": 1',
            view=True,
        ),
        _import_case(ctx),
        Case(
            "completion: brief glossary Sto<TAB>",
            ctx.brief(),
            env=ctx.brief_env(
                _BRIEF_COMPLETE="complete_bash", COMP_WORDS="brief glossary Sto", COMP_CWORD="2"
            ),
        ),
    ]


def _import_case(ctx: Context) -> Case:
    name = "brief import (the source report) -o -"
    argv = ctx.brief("import", str(SOURCE), "-o", "-")
    if not SOURCE.is_file():
        return Case(name, argv, skip=f"the source report is not at {SOURCE}")
    probe = subprocess.run(
        ctx.brief("import", "--help"), capture_output=True, env=None, check=False
    )
    if probe.returncode != 0:
        return Case(name, argv, skip="`brief import` does not exist in this build yet")
    return Case(name, argv, env=ctx.brief_env(), expect="sections:")
