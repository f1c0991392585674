"""What each kind of run imports: start-up time is mostly imports, so they are pinned here.

Each test runs ``briefcli.cli.run`` in a fresh interpreter (stdout on a pipe, as in a script)
and looks at ``sys.modules`` afterwards. These are behaviour tests, not timings: see
bench/run.py and docs/performance.md for the measured effect of each rule.
"""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

#: Runs brief with the arguments given, then prints the loaded modules to stderr.
PROBE = """
import sys
from briefcli.cli import run
try:
    code = run(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
sys.stdout.flush()
print("MODULES", code, *sorted(sys.modules), file=sys.stderr)
"""


def modules_after(args: list[str], cache: Path, **env: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``brief ARGS``."""
    environ = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("BRIEF", "_BRIEF", "COMP_")) and k not in ("NO_COLOR", "FORCE_COLOR")
    }
    environ.update(XDG_CACHE_HOME=str(cache), **env)
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env=environ,
        check=False,
    )
    line = next(ln for ln in result.stderr.splitlines() if ln.startswith("MODULES "))
    _, code, *names = line.split()
    assert code in ("0", "None"), result.stderr
    return set(names)


def top_level(modules: set[str]) -> set[str]:
    """Package names, without submodules."""
    return {name.split(".")[0] for name in modules}


PLAIN_COMMANDS = [
    ["glossary", "Storm Corps"],
    ["glossary"],
    ["show", "section", "4"],
    ["timeline", "--since", "2014"],
    ["summary"],
    [],
    ["export"],
    ["export", "--format", "json"],
    ["--color", "never", "show", "4-2"],
]


@pytest.mark.parametrize("args", PLAIN_COMMANDS, ids=" ".join)
def test_plain_output_never_imports_rich(args: list[str], tmp_path: Path) -> None:
    assert "rich" not in top_level(modules_after(args, tmp_path))


@pytest.mark.parametrize("args", PLAIN_COMMANDS[:3], ids=" ".join)
def test_a_cached_brief_is_read_without_yaml(args: list[str], tmp_path: Path) -> None:
    cold = modules_after(args, tmp_path)
    warm = modules_after(args, tmp_path)
    assert "yaml" in top_level(cold)
    assert "yaml" not in top_level(warm)
    assert "briefcli.loader" not in warm


def test_typeset_section_loads_only_the_rich_it_uses(tmp_path: Path) -> None:
    loaded = modules_after(["show", "section", "4", "--color", "always"], tmp_path)
    assert "rich.console" in loaded
    # A section has no table; nothing draws Markdown, code or tracebacks.
    for heavy in ("rich.table", "rich.markdown", "rich.syntax", "rich.traceback", "pygments"):
        assert heavy not in loaded, heavy


def test_typer_dispatch_does_not_import_pydantic(tmp_path: Path) -> None:
    # typer 0.29 imports pydantic on every dispatch, about half again the start-up time of a
    # bare app (measured: docs/performance.md); pyproject.toml pins typer below 0.29.
    loaded = modules_after(["glossary", "Storm Corps"], tmp_path)
    assert "pydantic" not in top_level(loaded)
    assert "typer._adapters" not in loaded


def test_the_installed_typer_is_the_pinned_release() -> None:
    major, minor = (int(part) for part in version("typer").split(".")[:2])
    assert (major, minor) == (0, 28), "re-measure (python bench/run.py) before moving the pin"


def test_a_command_loads_only_its_own_module(tmp_path: Path) -> None:
    # The group builds only the command invoked (app.LazyGroup): the library and importing
    # commands, and what they import, stay unloaded for a lookup.
    loaded = modules_after(["glossary", "Storm Corps"], tmp_path)
    assert "briefcli.commands.overview" in loaded
    for other in ("export", "importing", "library", "schema"):
        assert f"briefcli.commands.{other}" not in loaded, other


def test_every_command_is_registered_by_the_module_listed_for_it() -> None:
    import importlib

    import typer.main

    from briefcli.app import COMMAND_MODULES, registry

    for module in sorted(set(COMMAND_MODULES.values())):
        importlib.import_module(module)
    registered = {
        info.name or typer.main.get_command_name(info.callback.__name__): info.callback.__module__
        for info in registry.registered_commands
        if info.callback is not None
    }
    assert registered == COMMAND_MODULES


GC_PROBE = """
import gc, sys
from briefcli import cli, query
during = []
find_term = query.find_term
def spy(*args):
    during.append(gc.isenabled())
    return find_term(*args)
query.find_term = spy
try:
    cli.main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
sys.stdout.flush()
print("GC", code, during, gc.isenabled(), gc.get_freeze_count() > 0, file=sys.stderr)
"""


def test_the_console_script_collects_garbage_during_the_command_not_at_load_or_exit(
    tmp_path: Path,
) -> None:
    # main() keeps the cyclic collector off while modules load and freezes what exists at the
    # end (shutdown then skips its passes), but the command itself runs with it on.
    result = subprocess.run(
        [sys.executable, "-c", GC_PROBE, "glossary", "Storm Corps"],
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Storm Corps [Concept]" in result.stdout
    assert result.stderr.strip().splitlines()[-1] == "GC 0 [True] True True"


#: The modules that compute extracts (issue 14): a lookup the brief itself answers needs none.
EXTRACTING = {"briefcli.summarize", "briefcli.terms", "briefcli.sentences"}


@pytest.mark.parametrize(
    "args",
    [["glossary", "Storm Corps"], ["glossary"], ["glossary", "--origin", "report"]],
    ids=" ".join,
)
def test_a_term_in_the_reports_glossary_computes_no_extracts(
    args: list[str], tmp_path: Path
) -> None:
    loaded = modules_after(args, tmp_path)
    assert not loaded & (EXTRACTING | {"briefcli.extracts"})


@pytest.mark.parametrize(
    "args", [["summary"], ["summary", "--section", "4"], ["show", "summary"]], ids=" ".join
)
def test_the_reports_summary_and_the_editors_points_compute_no_extracts(
    args: list[str], tmp_path: Path
) -> None:
    assert not modules_after(args, tmp_path) & EXTRACTING


def test_extracted_key_points_come_from_the_cache_once_computed(tmp_path: Path) -> None:
    assert "briefcli.summarize" in modules_after(["summary", "--section", "7"], tmp_path)
    assert not modules_after(["summary", "--section", "7"], tmp_path) & EXTRACTING
