"""`brief glossary`: every term, or one term with its category, definition and uses."""


# No ``from __future__ import annotations``: Typer reads these signatures on every run, and
# string annotations would make it compile and evaluate each one again.

from typing import Annotated

import typer

from briefcli.app import (
    Common,
    load,
    present,
    registry,
    shared_options,
)
from briefcli.completion import complete_terms

# Selection and views are imported inside each command: shell completion and --help build
# every command but run none, and should not pay for them.


@registry.command()
@shared_options("glossary")
def glossary(
    common: Common,
    term: Annotated[
        str | None,
        typer.Argument(
            help="Term to look up; any case, small typos are corrected.",
            show_default=False,
            autocompletion=complete_terms,
        ),
    ] = None,
) -> None:
    """List every glossary term, or show one: category, definition, where it is used.

    \b
    Examples:
      brief glossary
      brief glossary "Storm Corps"
      brief glossary "strom corps"     # corrected, and says so
    """
    from briefcli import query
    from briefcli.views import GlossaryView, TermView

    loaded = load(common)
    if term is None:
        present(GlossaryView(loaded, loaded.glossary), common)
    else:
        present(TermView(loaded, query.find_term(loaded, term)), common)
