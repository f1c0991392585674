"""The overview: `brief` with no command prints the title, kind, date and contents."""


# No ``from __future__ import annotations``: Typer reads these signatures on every run, and
# string annotations would make it compile and evaluate each one again.

from typing import Annotated

import typer

from briefcli import options
from briefcli.app import (
    Common,
    app,
    load_chosen,
    option,
    present,
    shared_options,
)

# Selection and views are imported inside each command: shell completion and --help build
# every command but run none, and should not pay for them.


def _version(wanted: bool) -> None:
    """--version: 'brief 0.1.0' on stdout, before anything else is parsed or loaded."""
    if wanted:
        from briefcli import __version__, output

        output.emit(f"brief {__version__}\n")
        raise typer.Exit()


@app.callback()
@shared_options("")
def overview(
    ctx: typer.Context,
    common: Common,
    depth: Annotated[str | None, option(options.DEPTH)] = None,
    # cli.run takes --debug out of the arguments before parsing (so it works anywhere on
    # the line, even when parsing fails); declared here so --help lists it.
    debug: Annotated[bool, option(options.DEBUG)] = False,
    version: Annotated[
        bool, option(options.VERSION, is_eager=True, expose_value=False, callback=_version)
    ] = False,
) -> None:
    """Read, query and pipe long structured reports.

    With no command: the report's title, kind, date and publisher, and its contents with
    each part's word count and reading time (at 230 words a minute).

    \b
    Examples:
      brief                          # title and contents
      brief --depth 1                # sections only, without subsections
      brief show section 4           # one section, typeset
      brief glossary "Storm Corps"   # one term
      brief timeline --since 2014    # dated events in order
      brief summary | mail -s "NK/RU brief" team@example.org
    """
    if ctx.invoked_subcommand is not None and depth is not None:
        from briefcli.errors import UsageError

        raise UsageError(
            f"--depth is for the contents ('brief --depth {depth}'), not for "
            f"'brief {ctx.invoked_subcommand}'"
        )
    if ctx.invoked_subcommand is None:
        from briefcli.views import OverviewView

        choice, loaded = load_chosen(common)
        sentence = choice.sentence(loaded.meta.id)
        view = OverviewView(loaded, choice.path, sentence, int(depth or 2), common.brief)
        present(view, common)
