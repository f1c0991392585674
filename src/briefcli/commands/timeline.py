"""`brief timeline`: every dated event in order, with its section."""


# No ``from __future__ import annotations``: Typer reads these signatures on every run, and
# string annotations would make it compile and evaluate each one again.

from typing import Annotated

import typer

from briefcli.app import (
    BriefOption,
    ColorOption,
    Common,
    FormatOption,
    PagerOption,
    WidthOption,
    load,
    present,
    registry,
)

# Selection and views are imported inside each command: shell completion and --help build
# every command but run none, and should not pay for them.


@registry.command()
def timeline(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option(help="Only events on or after this date: YYYY, YYYY-MM, YYYY-Qn, YYYY-MM-DD."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(help="Only events on or before this date (same forms as --since)."),
    ] = None,
    brief: BriefOption = None,
    color: ColorOption = None,
    format: FormatOption = None,
    width: WidthOption = None,
    no_pager: PagerOption = False,
) -> None:
    """Every dated event in chronological order, with its section.

    \b
    Examples:
      brief timeline
      brief timeline --since 2014 --until 2024-10
    """
    from briefcli import query
    from briefcli.views import TimelineView

    common = Common(brief, color, format, width, no_pager).merged(ctx)
    loaded = load(common)
    events = tuple(query.events_between(loaded, since, until))
    present(TimelineView(loaded, events, since, until), common)
