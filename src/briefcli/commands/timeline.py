"""`brief timeline`: every dated event in order, with its section."""


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
@shared_options("timeline")
def timeline(
    common: Common,
    since: Annotated[str | None, option(options.SINCE)] = None,
    until: Annotated[str | None, option(options.UNTIL)] = None,
) -> None:
    """Every dated event in chronological order, with its section.

    \b
    Examples:
      brief timeline
      brief timeline --since 2014 --until 2024-10
    """
    from briefcli import query
    from briefcli.views import TimelineView

    loaded = load(common)
    events = tuple(query.events_between(loaded, since, until))
    present(TimelineView(loaded, events, since, until), common)
