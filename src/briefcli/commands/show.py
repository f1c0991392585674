"""`brief show`: one section with its subsections, or one subsection."""


# No ``from __future__ import annotations``: Typer reads these signatures on every run, and
# string annotations would make it compile and evaluate each one again.

from typing import Annotated

from briefcli.app import (
    Common,
    load,
    present,
    registry,
    section_argument,
    shared_options,
)

# Selection and views are imported inside each command: shell completion and --help build
# every command but run none, and should not pay for them.


@registry.command()
@shared_options("show")
def show(
    common: Common,
    section: Annotated[
        list[str],
        section_argument("Section id: 4, 4-2, 4.2, 'section 4', summary or conclusion."),
    ],
) -> None:
    """Show one section with its subsections, or one subsection.

    'summary' is the report's Summary section; in a report without one, sentences brief
    chooses from it, labelled as such (as 'brief summary' prints them).

    \b
    Examples:
      brief show section 4
      brief show 4-2
      brief show conclusion --width 72
    """
    from briefcli import query
    from briefcli.errors import NotFoundError
    from briefcli.views import SectionView

    loaded = load(common)
    try:
        match = query.find_section(loaded, section)
    except NotFoundError:
        if query.normalise_section_ref(section) != "summary":
            raise
        from briefcli.commands.summary import whole_summary

        present(whole_summary(loaded, None, None), common)
        return
    present(SectionView(loaded, match, query.notes_on(loaded, match)), common)
