"""The reading commands: overview, show, glossary, timeline, summary."""

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
    app,
    load,
    load_chosen,
    present,
    registry,
)
from briefcli.completion import complete_sections, complete_terms

# Selection and views are imported inside each command: shell completion and --help build
# every command but run none, and should not pay for them.


@app.callback()
def overview(
    ctx: typer.Context,
    brief: BriefOption = None,
    color: ColorOption = None,
    format: FormatOption = None,
    width: WidthOption = None,
    no_pager: PagerOption = False,
    # cli.run takes --debug out of the arguments before parsing (so it works anywhere on
    # the line, even when parsing fails); declared here so --help lists it.
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            help="On an error, show the full traceback (for bug reports); same as BRIEF_DEBUG=1.",
        ),
    ] = False,
) -> None:
    """Read, query and pipe long structured reports.

    With no command: the report's title, kind, date, publisher and table of contents.

    \b
    Examples:
      brief                          # title and contents
      brief show section 4           # one section, typeset
      brief glossary "Storm Corps"   # one term
      brief timeline --since 2014    # dated events in order
      brief summary | mail -s "NK/RU brief" team@example.org
    """
    common = Common(brief, color, format, width, no_pager)
    ctx.obj = common
    if ctx.invoked_subcommand is None:
        from briefcli.views import OverviewView

        choice, loaded = load_chosen(common)
        present(OverviewView(loaded, choice.path, choice.sentence(loaded.meta.id)), common)


@registry.command()
def show(
    ctx: typer.Context,
    section: Annotated[
        list[str],
        typer.Argument(
            metavar="SECTION",
            help="Section id: 4, 4-2, 4.2, 'section 4', summary or conclusion.",
            show_default=False,
            autocompletion=complete_sections,
        ),
    ],
    brief: BriefOption = None,
    color: ColorOption = None,
    format: FormatOption = None,
    width: WidthOption = None,
    no_pager: PagerOption = False,
) -> None:
    """Show one section with its subsections, or one subsection.

    \b
    Examples:
      brief show section 4
      brief show 4-2
      brief show conclusion --width 72
    """
    from briefcli import query
    from briefcli.views import SectionView

    common = Common(brief, color, format, width, no_pager).merged(ctx)
    loaded = load(common)
    present(SectionView(loaded, query.find_section(loaded, section)), common)


@registry.command()
def glossary(
    ctx: typer.Context,
    term: Annotated[
        str | None,
        typer.Argument(
            help="Term to look up; any case, small typos are corrected.",
            show_default=False,
            autocompletion=complete_terms,
        ),
    ] = None,
    brief: BriefOption = None,
    color: ColorOption = None,
    format: FormatOption = None,
    width: WidthOption = None,
    no_pager: PagerOption = False,
) -> None:
    """List every glossary term, or show one: category, definition, where it is used.

    \b
    Examples:
      brief glossary
      brief glossary "Storm Corps"
      brief glossary "strom corps"     # corrected, and says so
    """
    from briefcli import query
    from briefcli.views import GlossaryView, TermView

    common = Common(brief, color, format, width, no_pager).merged(ctx)
    loaded = load(common)
    if term is None:
        present(GlossaryView(loaded, loaded.glossary), common)
    else:
        present(TermView(loaded, query.find_term(loaded, term)), common)


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
