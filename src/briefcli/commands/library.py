"""The library commands: list, use, search."""

# No ``from __future__ import annotations``: Typer reads these signatures on every run, and
# string annotations would make it compile and evaluate each one again.

import sys
import time
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated

import typer

from briefcli import output
from briefcli.app import (
    BriefOption,
    ColorOption,
    Common,
    FormatOption,
    PagerOption,
    WidthOption,
    choose,
    present,
    registry,
)
from briefcli.completion import complete_brief_refs, complete_sections
from briefcli.errors import NotFoundError
from briefcli.views import LibraryView, SearchView

#: A refresh that takes longer than this shows its progress (on a terminal's stderr).
PROGRESS_AFTER = 1.0


class Sort(StrEnum):
    """Orders of `brief list`."""

    id = "id"
    date = "date"


class Progress:
    """Progress of a long index refresh: quiet for the first second, then 'indexing n/N'."""

    def __init__(
        self,
        enabled: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
        show: Callable[[str | None], None] = output.status,
    ) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.clock = clock
        self.show = show
        self.started = clock()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        """Called after each file the index re-reads."""
        if not self.enabled or self.clock() - self.started < PROGRESS_AFTER:
            return
        if done < total:
            self.show(f"brief: indexing briefs: {done:,}/{total:,}")
            self.shown = True
        else:
            self.finish()

    def finish(self) -> None:
        """Clear the progress line, if one is showing."""
        if self.shown:
            self.show(None)
            self.shown = False


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


@registry.command()
def use(
    ref: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]",
            help="Brief to make the default: id, unique prefix, title fragment or path.",
            autocompletion=complete_brief_refs,
            show_default=False,
        ),
    ] = None,
    clear: Annotated[
        bool, typer.Option("--clear", help="Forget the default: back to the shipped report.")
    ] = False,
) -> None:
    """Remember a default brief for every command; with no ID, say which brief is current.

    Which brief a command reads: -b/--brief, else the BRIEF environment variable, else the
    default set here, else the shipped report.

    \b
    Examples:
      brief use nk-russia        # a unique prefix of an id is enough
      brief use                  # which brief is current, and why
      brief use --clear
    """
    from briefcli.catalog import Choice, choose_brief_for_use, clear_default, write_default
    from briefcli.sanitize import sanitize_line

    if clear:
        had = clear_default()
        output.emit("Forgot the default brief.\n" if had else "No default brief was set.\n")
        return
    if ref is None:
        current: Choice = choose(Common())
        output.emit(f"{sanitize_line(current.path)}\n{current.chosen_by}\n")
        return
    brief_id, path = choose_brief_for_use(ref)
    write_default(brief_id, path)
    output.emit(f"Default brief: {sanitize_line(brief_id)} ({sanitize_line(path)})\n")


@registry.command()
def search(
    ctx: typer.Context,
    query: Annotated[
        list[str],
        typer.Argument(
            metavar="QUERY",
            help='Words to find (all of them); "double quotes" for a phrase.',
            show_default=False,
        ),
    ],
    all_briefs: Annotated[
        bool, typer.Option("--all", help="Search every brief in the library.")
    ] = False,
    section: Annotated[
        str | None,
        typer.Option(
            "--section",
            "-s",
            help="Only this section and its subsections (and events that cite them).",
            autocompletion=complete_sections,
        ),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="Show at most N hits, best first.")
    ] = 10,
    brief: BriefOption = None,
    color: ColorOption = None,
    format: FormatOption = None,
    width: WidthOption = None,
    no_pager: PagerOption = False,
) -> None:
    """Find words in the current brief (or all briefs): sections, glossary, timeline.

    Any case; 'deploy' also finds 'deployment'; "quoted words" must appear together;
    word* finds words that start so. Hits come best first, each with its brief, section and
    a snippet with the match marked «like this» (highlighted on a terminal). Exit code 1
    when nothing matches.

    \b
    Examples:
      brief search Vladivostok
      brief search '"special forces"' --section 4
      brief search deploy --all --limit 20
      brief search sanctions --all --format json | jq -r '.hits[].brief.id'
    """
    from briefcli.catalog import describe, scan
    from briefcli.query import normalise_section_ref
    from briefcli.sanitize import sanitize_line
    from briefcli.search import Index, fts_query, using_index

    common = Common(brief, color, format, width, no_pager).merged(ctx)
    text = " ".join(query)
    fts_query(text)  # a query with no words is a usage error before any work
    wanted = normalise_section_ref([section]) if section is not None else None
    choice = None if all_briefs else choose(common)
    progress = Progress()

    def run(index: Index) -> SearchView:
        if choice is None:
            library = scan(index, progress)
            entries = library.readable()
            scope = "all"
        else:
            entries = (describe(index, choice.path),)
            scope = entries[0].id
            sections = index.names(entries[0].file_id)[0]
            if wanted is not None and not _has_section(sections, wanted):
                raise NotFoundError(
                    f"no section {sanitize_line(wanted)!r} in {scope}; valid: {', '.join(sections)}"
                )
        results = index.search(text, [e.file_id for e in entries], section=wanted, limit=limit)
        return SearchView(text, scope, len(entries), results.hits, results.total, wanted)

    try:
        view = using_index(run)
    finally:
        progress.finish()
    if not view.hits:
        where = "the library" if view.scope == "all" else view.scope
        if view.section is not None:
            where += f", section {view.section}"
        raise NotFoundError(
            f"nothing matches {sanitize_line(text)!r} in {where}",
            None if all_briefs else "search every brief with --all",
        )
    present(view, common)


def _has_section(sections: tuple[str, ...], wanted: str) -> bool:
    return any(s.casefold() == wanted or s.casefold().startswith(wanted + "-") for s in sections)
