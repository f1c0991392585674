"""`brief list`: every brief in the library."""


# No ``from __future__ import annotations``: Typer reads these signatures on every run, and
# string annotations would make it compile and evaluate each one again.

from typing import Annotated

from briefcli import options
from briefcli.app import (
    Common,
    option,
    present,
    registry,
    shared_options,
)
from briefcli.commands.progress import Progress
from briefcli.views import LibraryView

#: Briefs shown by ``brief list`` without --all.
PAGE = 50


@registry.command("list")
@shared_options("list")
def list_briefs(
    common: Common,
    sort: Annotated[str, option(options.SORT)] = "id",
    every: Annotated[
        bool,
        option(
            options.ALL_BRIEFS,
            help=f"Every brief, not only the first {PAGE} (JSON always lists every brief).",
        ),
    ] = False,
) -> None:
    """Every brief in the library: id, date, where it lives, title; broken files and duplicate
    ids are listed too.

    The library is the shipped briefs, your library folder (where 'brief import' writes) and
    the folders in BRIEF_PATH (colon-separated), in that order. The first 50 briefs are
    shown, and a line on stderr says how many more there are; --all shows every one.

    \b
    Examples:
      brief list
      brief list --sort date
      brief list --all
      BRIEF_PATH=~/reports brief list --format json | jq -r '.briefs[].id'
    """
    from briefcli.catalog import list_page, load_library
    from briefcli.index import using_index
    from briefcli.model import parse_date_point

    progress = Progress()
    if not every and common.format != "json":
        # A page, from the index's sorted columns: nothing is parsed or stat-ed for the rows
        # left out (catalog.survey says which files are checked).
        try:
            page = using_index(lambda index: list_page(index, sort, PAGE, progress))
        finally:
            progress.finish()
        present(LibraryView(page.library, page.entries, sort), common)
        shown = sum(1 for entry in page.entries if not entry.broken)
        if shown < page.briefs:
            from briefcli import output

            output.note(f"… {page.briefs - shown:,} more: brief list --all")
        return
    try:
        library = load_library(progress)
    finally:
        progress.finish()
    entries = list(library.entries)
    if sort == "date":

        def newest(entry_date: str) -> tuple[int, int, int]:
            try:
                return parse_date_point(entry_date).first if entry_date else (0, 0, 0)
            except ValueError:
                return (0, 0, 0)

        entries.sort(key=lambda e: e.name)
        entries.sort(key=lambda e: newest(e.date), reverse=True)
    else:
        entries.sort(key=lambda e: e.name.casefold())
    present(LibraryView(library, tuple(entries), sort), common)
