"""`brief summary`: the executive summary, or one section's key points."""


# No ``from __future__ import annotations``: Typer reads these signatures on every run, and
# string annotations would make it compile and evaluate each one again.

from typing import Annotated

from briefcli import options
from briefcli.app import (
    Common,
    load,
    option,
    present,
    registry,
    shared_options,
)

# Selection and views are imported inside each command: shell completion and --help build
# every command but run none, and should not pay for them.


@registry.command()
@shared_options("summary")
def summary(
    common: Common,
    section: Annotated[
        str | None,
        option(options.SECTION, "Instead: that section's key points (written by the editor)."),
    ] = None,
) -> None:
    """The executive summary, made for piping; or one section's key points.

    \b
    Examples:
      brief summary | mail -s "NK/RU brief" team@example.org
      brief summary --section 4
    """
    from briefcli import query
    from briefcli.views import SummaryView

    loaded = load(common)
    match = query.find_section(loaded, [section]) if section is not None else None
    present(SummaryView(loaded, match), common)
