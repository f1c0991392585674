"""`brief cite`: a reference to a passage (or the whole brief) to paste into a document."""


# No ``from __future__ import annotations``: Typer reads these signatures on every run, and
# string annotations would make it compile and evaluate each one again.

from typing import Annotated

from briefcli import options
from briefcli.app import Common, load, option, registry, section_argument, shared_options

# Selection and views are imported inside the command: shell completion and --help build
# every command but run none, and should not pay for them.


@registry.command()
@shared_options("cite")
def cite(
    common: Common,
    section: Annotated[
        list[str] | None,
        section_argument(
            "The passage: 4, 4-2, 'section 4', summary or conclusion (default: the brief).",
            optional=True,
        ),
    ] = None,
    quote: Annotated[bool, option(options.QUOTE)] = False,
) -> None:
    """Print a reference to a passage: publisher, kind, date, section and the brief's source.

    \b
    Examples:
      brief cite 4-2
      brief cite 4-2 --quote
      brief cite 3 --format bibtex >> refs.bib
      brief cite summary --format csl-json > summary.json
    """
    from briefcli import output, query
    from briefcli.render import citation
    from briefcli.views import CiteView

    chosen = common.format or "text"
    loaded = load(common)
    match = query.find_section(loaded, section) if section else None
    settings = output.decide("never", common.width, pager=not common.no_pager)
    # Only text is wrapped: BibTeX and CSL-JSON are data for other programs.
    wrap = settings.width if chosen == "text" else None
    text = citation.render(CiteView(loaded, match, quote), chosen, wrap)
    output.emit(text, settings, json=chosen in output.JSON_FORMATS)
