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

    --since and --until take YYYY, YYYY-MM, YYYY-Qn, YYYY-MM-DD or a decade (1950s). An event
    with a span (a month, a year, a decade, a range such as 1950/1953) is shown when any part
    of it falls in the range: --since 2024 shows an event dated 2020s. Exit code 1 when no
    event is in the range (said on stderr); 2 for a range that ends before it starts.

    \b
    Examples:
      brief timeline
      brief timeline --since 2014 --until 2024-10
      brief timeline --since 1950s --until 1960s
    """
    from briefcli import query
    from briefcli.errors import NotFoundError
    from briefcli.views import TimelineView

    for flag, value in (("--since", since), ("--until", until)):
        if value is not None and not value.strip():
            from briefcli.errors import UsageError

            # `--since "$START"` with START unset would show every event, as if no bound.
            raise UsageError(
                f"{flag} needs a date: YYYY, YYYY-MM, YYYY-Qn, YYYY-MM-DD or a decade YYY0s"
            )
    loaded = load(common)
    events = tuple(query.events_between(loaded, since, until))
    if not events:
        if not loaded.timeline:
            raise NotFoundError(f"{loaded.meta.id} has no timeline")
        raise NotFoundError(f"no events {_span(since, until)} in {loaded.meta.id}")
    present(TimelineView(loaded, events, since, until), common)


def _span(since: str | None, until: str | None) -> str:
    """'since 2030', 'until 1900', 'from 2030 to 2040', as the options were given."""
    from briefcli.errors import quoted

    if since and until:
        return f"from {quoted(since)} to {quoted(until)}"
    return f"since {quoted(since or '')}" if since else f"until {quoted(until or '')}"
