"""`brief list`: every brief in the library."""


# No ``from __future__ import annotations``: Typer reads these signatures on every run, and
# string annotations would make it compile and evaluate each one again.

from enum import StrEnum
from typing import Annotated

import typer

from briefcli.app import (
    ColorOption,
    Common,
    FormatOption,
    PagerOption,
    WidthOption,
    present,
    registry,
)
from briefcli.commands.progress import Progress
from briefcli.views import LibraryView


class Sort(StrEnum):
    """Orders of `brief list`."""

    id = "id"
    date = "date"


@registry.command("list")
def list_briefs(
    ctx: typer.Context,
    sort: Annotated[
        Sort, typer.Option("--sort", help="Order: id (A to Z) or date (newest first).")
    ] = Sort.id,
    color: ColorOption = None,
    format: FormatOption = None,
    width: WidthOption = None,
    no_pager: PagerOption = False,
) -> None:
    """Every brief in the library: id, date, where it lives, title; broken files and duplicate
    ids are listed too.

    The library is the shipped briefs, your library folder (where 'brief import' writes) and
    the folders in BRIEF_PATH (colon-separated), in that order.

    \b
    Examples:
      brief list
      brief list --sort date
      BRIEF_PATH=~/reports brief list --format json | jq -r '.briefs[].id'
    """
    from briefcli.catalog import load_library
    from briefcli.model import parse_date_point

    common = Common(None, color, format, width, no_pager).merged(ctx)
    progress = Progress()
    try:
        library = load_library(progress)
    finally:
        progress.finish()
    entries = list(library.entries)
    if sort is Sort.date:

        def newest(entry_date: str) -> tuple[int, int, int]:
            try:
                return parse_date_point(entry_date).first if entry_date else (0, 0, 0)
            except ValueError:
                return (0, 0, 0)

        entries.sort(key=lambda e: e.name)
        entries.sort(key=lambda e: newest(e.date), reverse=True)
    else:
        entries.sort(key=lambda e: e.name.casefold())
    present(LibraryView(library, tuple(entries), sort.value), common)
