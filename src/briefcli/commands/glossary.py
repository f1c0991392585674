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
            metavar="[TERM]",
            help="Term to look up: any case, any one of its words ('corps'), or with a small "
            "typo (corrected, and said on stderr).",
            show_default=False,
            autocompletion=complete_terms,
        ),
    ] = None,
    origin: Annotated[str | None, option(options.ORIGIN)] = None,
) -> None:
    """List every glossary term, or show one: category, definition, where it is used.

    A term is found by its name in any case, by the start of its name, by any of its words,
    or despite a small typo; a correction is said on stderr, so the output stays the same.
    A brief without a glossary lists the terms brief finds in its text (acronyms, quoted
    coinages, defined terms, names), marked [extracted]; a term is looked up among those too.
    Exit code 1 when no term (or more than one) fits, or the brief has no terms at all.

    \b
    Examples:
      brief glossary
      brief glossary "Storm Corps"
      brief glossary corps             # one of its words
      brief glossary "strom corps"     # corrected, and says so on stderr
      brief glossary --origin extracted
    """
    from briefcli import output, query
    from briefcli.errors import QUOTE_CHARS, NotFoundError, UsageError, quoted
    from briefcli.views import GlossaryView, TermView

    if term is not None and not term.strip():
        # `glossary "$TERM"` with TERM unset: no term to look up (the hint to search it failed).
        raise UsageError("say which term, or give none to list them all")
    loaded = load(common)
    own = tuple(e for e in loaded.glossary if origin is None or e.origin == origin)
    whose = "" if origin is None else f" of origin {origin}"
    if term is None:
        if origin == "extracted" or (origin is None and not own):
            entries = own + _extracted(loaded)
            if not entries:
                raise NotFoundError(f"{loaded.meta.id} has no glossary{whose and ' terms' + whose}")
            present(GlossaryView(loaded, entries, origin), common)
        elif not own:
            raise NotFoundError(f"{loaded.meta.id} has no glossary{whose and ' terms' + whose}")
        else:
            present(GlossaryView(loaded, own, origin, more_extracted=origin is None), common)
        return
    match = None
    if own:
        try:
            match = query.find_term(loaded._replace(glossary=own), term)
        except NotFoundError:
            match = None
    # A term of the brief's own glossary, exactly: no extracts are read or computed.
    if match is None or (match.corrected_from is not None and origin is None):
        candidates = own + (_extracted(loaded) if origin in (None, "extracted") else ())
        if not candidates:
            raise NotFoundError(f"{loaded.meta.id} has no glossary{whose and ' terms' + whose}")
        try:
            match = query.find_term(loaded._replace(glossary=candidates), term)
        except NotFoundError as exc:
            if exc.hint is None and len(term) <= QUOTE_CHARS:  # a command to paste, not a quote
                from briefcli.render.document import command_line

                search = command_line("search", term, brief=common.brief)
                exc.hint = f"to find it in the text: {search}"
            raise
    if match.corrected_from is not None:
        output.note(f"showing {quoted(match.entry.term)} for {quoted(match.corrected_from)}")
    present(TermView(loaded, match), common)


def _extracted(brief: "Brief") -> tuple["GlossaryEntry", ...]:
    """The glossary entries brief finds in the text (origin 'extracted'), cached."""
    from briefcli import extracts

    return tuple(found.entry for found in extracts.digest(brief).glossary())
