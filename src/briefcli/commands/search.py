"""`brief search`: find words in the current brief or the whole library."""


# No ``from __future__ import annotations``: Typer reads these signatures on every run, and
# string annotations would make it compile and evaluate each one again.

from typing import Annotated

import typer

from briefcli import options
from briefcli.app import (
    Common,
    choose,
    option,
    present,
    registry,
    shared_options,
)
from briefcli.commands.progress import Progress
from briefcli.errors import NotFoundError, listing, quoted, text_argument
from briefcli.views import SearchView


@registry.command()
@shared_options("search")
def search(
    common: Common,
    query: Annotated[
        list[str],
        typer.Argument(
            metavar="QUERY",
            help='Words to find (all of them); "double quotes" for a phrase.',
            show_default=False,
        ),
    ],
    all_briefs: Annotated[bool, option(options.ALL_BRIEFS)] = False,
    section: Annotated[
        str | None,
        option(
            options.SECTION, "Only this section and its subsections (and events that cite them)."
        ),
    ] = None,
    limit: Annotated[int, option(options.LIMIT)] = 10,
) -> None:
    """Find words in the current brief (or all briefs): its text, glossary, timeline and notes.

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
    from briefcli.catalog import describe, surveyed
    from briefcli.index import Index, using_index
    from briefcli.query import section_ref
    from briefcli.searchquery import fts_query

    text = text_argument(" ".join(query), "the query")
    fts_query(text)  # a query with no words is a usage error before any work
    wanted = section_ref([section]) if section is not None else None
    choice = None if all_briefs else choose(common)
    progress = Progress()

    def run(index: Index) -> SearchView:
        where: list[str] = []
        ids: list[int] = []
        if choice is None:
            seen, results = surveyed(
                index,
                lambda folders: index.search(text, folders=folders, section=wanted, limit=limit),
                progress,
            )
            where = seen.paths
            scope = "all"
        else:
            entry = describe(index, choice.path)
            ids = [entry.file_id]
            scope = entry.id
            sections = index.names(entry.file_id)[0]
            if wanted is not None and not _has_section(sections, wanted):
                raise NotFoundError(
                    f"no section {quoted(wanted)} in {scope}; valid: {listing(sections)}"
                )
            results = index.search(text, ids, section=wanted, limit=limit)
        # When many briefs match, --all counts the hits in the best-matching briefs only, the
        # ones searched piece by piece (index.search): the summary names how many those are.
        if not results.complete:
            briefs = results.briefs
        elif where:
            briefs = index.valid(where)
        else:
            briefs = 1
        return SearchView(text, scope, briefs, results.hits, results.total, wanted)

    try:
        view = using_index(run)
    finally:
        progress.finish()
    if not view.hits:
        where = "the library" if view.scope == "all" else view.scope
        if view.section is not None:
            where += f", section {view.section}"
        raise NotFoundError(
            f"nothing matches {quoted(text)} in {where}",
            None if all_briefs else "search every brief with --all",
        )
    present(view, common)


def _has_section(sections: tuple[str, ...], wanted: str) -> bool:
    return any(s.casefold() == wanted or s.casefold().startswith(wanted + "-") for s in sections)
