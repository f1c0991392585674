"""The overview: `brief` with no command prints the title, kind, date and contents."""


# No ``from __future__ import annotations``: Typer reads these signatures on every run, and
# string annotations would make it compile and evaluate each one again.

from enum import StrEnum
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
    load_chosen,
    present,
)


class Depth(StrEnum):
    """How deep the contents go."""

    sections = "1"
    subsections = "2"


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
    depth: Annotated[
        Depth,
        typer.Option(
            "--depth",
            help="Contents: 1 lists the sections, 2 their subsections too.",
        ),
    ] = Depth.subsections,
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

    With no command: the report's title, kind, date and publisher, and its contents with
    each part's word count and reading time (at 230 words a minute).

    \b
    Examples:
      brief                          # title and contents
      brief --depth 1                # sections only, without subsections
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
        sentence = choice.sentence(loaded.meta.id)
        present(OverviewView(loaded, choice.path, sentence, int(depth.value)), common)
