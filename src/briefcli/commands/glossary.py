"""`brief glossary`: every term, or one term with its category, definition and uses."""


# No ``from __future__ import annotations``: Typer reads these signatures on every run, and
# string annotations would make it compile and evaluate each one again.

from typing import TYPE_CHECKING, Annotated

import typer

from briefcli import options
from briefcli.app import (
    Common,
    load,
    option,
    present,
    registry,
    shared_options,
)
from briefcli.completion import complete_terms

if TYPE_CHECKING:
    from briefcli.model import Brief, GlossaryEntry

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
    origin: Annotated[str | None, option(options.ORIGIN)] = None,
) -> None:
    """List every glossary term, or show one: category, definition, where it is used.

    A brief without a glossary lists the terms brief finds in its text (acronyms, quoted
    coinages, defined terms, names), marked [extracted]; a term is looked up among those too.

    \b
    Examples:
      brief glossary
      brief glossary "Storm Corps"
      brief glossary "strom corps"     # corrected, and says so
      brief glossary --origin extracted
    """
    from briefcli import query
    from briefcli.errors import NotFoundError
    from briefcli.views import GlossaryView, TermView

    loaded = load(common)
    own = tuple(e for e in loaded.glossary if origin is None or e.origin == origin)
    if term is None:
        if origin == "extracted" or (origin is None and not own):
            present(GlossaryView(loaded, own + _extracted(loaded), origin), common)
        else:
            present(GlossaryView(loaded, own, origin, more_extracted=origin is None), common)
        return
    if own:
        try:
            match = query.find_term(loaded._replace(glossary=own), term)
        except NotFoundError:
            match = None
        # A term of the brief's own glossary, exactly: no extracts are read or computed.
        if match is not None and (match.corrected_from is None or origin is not None):
            present(TermView(loaded, match), common)
            return
    if origin in (None, "extracted"):
        own += _extracted(loaded)
    present(TermView(loaded, query.find_term(loaded._replace(glossary=own), term)), common)


def _extracted(brief: "Brief") -> tuple["GlossaryEntry", ...]:
    """The glossary entries brief finds in the text (origin 'extracted'), cached."""
    from briefcli import extracts

    return tuple(found.entry for found in extracts.digest(brief).glossary())
