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


@app.callback()
@shared_options("")
def overview(
    ctx: typer.Context,
    common: Common,
    # cli.run takes --debug out of the arguments before parsing (so it works anywhere on
    # the line, even when parsing fails); declared here so --help lists it.
    debug: Annotated[bool, option(options.DEBUG)] = False,
) -> None:
    """Read, query and pipe long structured reports.

    With no command: the report's title, kind, date, publisher and table of contents.

    \b
    Examples:
      brief                          # title and contents
      brief show section 4           # one section, typeset
      brief glossary "Storm Corps"   # one term
      brief timeline --since 2014    # dated events in order
      brief summary | mail -s "NK/RU brief" team@example.org
    """
    if ctx.invoked_subcommand is None:
        from briefcli.views import OverviewView

        choice, loaded = load_chosen(common)
        present(OverviewView(loaded, choice.path, choice.sentence(loaded.meta.id)), common)
