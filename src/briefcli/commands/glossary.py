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
            metavar="[TERM]",
            help="Term to look up: any case, any one of its words ('corps'), or with a small "
            "typo (corrected, and said on stderr).",
            show_default=False,
            autocompletion=complete_terms,
        ),
    ] = None,
) -> None:
    """List every glossary term, or show one: category, definition, where it is used.

    A term is found by its name in any case, by the start of its name, by any of its words,
    or despite a small typo; a correction is said on stderr, so the output stays the same.
    Exit code 1 when no term (or more than one) fits, or the brief has no glossary.

    \b
    Examples:
      brief glossary
      brief glossary "Storm Corps"
      brief glossary corps             # one of its words
      brief glossary "strom corps"     # corrected, and says so on stderr
    """
    from briefcli import output, query
    from briefcli.errors import QUOTE_CHARS, NotFoundError, quoted
    from briefcli.views import GlossaryView, TermView

    loaded = load(common)
    if not loaded.glossary:
        raise NotFoundError(f"{loaded.meta.id} has no glossary")
    if term is None:
        present(GlossaryView(loaded, loaded.glossary), common)
        return
    try:
        match = query.find_term(loaded, term)
    except NotFoundError as exc:
        if exc.hint is None and len(term) <= QUOTE_CHARS:  # a command to paste, not a quote
            from briefcli.render.document import command_line

            exc.hint = f"to find it in the text: {command_line('search', term, brief=common.brief)}"
        raise
    if match.corrected_from is not None:
        output.note(f"showing {quoted(match.entry.term)} for {quoted(match.corrected_from)}")
    present(TermView(loaded, match), common)
