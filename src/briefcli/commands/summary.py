"""`brief summary`: the executive summary, or one section's key points."""


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
from briefcli.completion import complete_sections

# Selection and views are imported inside each command: shell completion and --help build
# every command but run none, and should not pay for them.


@registry.command()
def summary(
    ctx: typer.Context,
    section: Annotated[
        str | None,
        typer.Option(
            "--section",
            "-s",
            help="Instead: that section's key points (written by the editor).",
            autocompletion=complete_sections,
        ),
    ] = None,
    brief: BriefOption = None,
    color: ColorOption = None,
    format: FormatOption = None,
    width: WidthOption = None,
    no_pager: PagerOption = False,
) -> None:
    """The executive summary, made for piping; or one section's key points.

    \b
    Examples:
      brief summary | mail -s "NK/RU brief" team@example.org
      brief summary --section 4
    """
    from briefcli import query
    from briefcli.views import SummaryView

    common = Common(brief, color, format, width, no_pager).merged(ctx)
    loaded = load(common)
    match = query.find_section(loaded, [section]) if section is not None else None
    present(SummaryView(loaded, match), common)
