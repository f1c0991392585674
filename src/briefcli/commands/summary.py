"""`brief summary`: the executive summary, or one part's key points, each with its origin."""


# No ``from __future__ import annotations``: Typer reads these signatures on every run, and
# string annotations would make it compile and evaluate each one again.

from typing import TYPE_CHECKING, Annotated

from briefcli import options
from briefcli.app import (
    Common,
    load,
    option,
    present,
    registry,
    shared_options,
)

if TYPE_CHECKING:
    from briefcli.model import Brief
    from briefcli.query import SectionMatch
    from briefcli.views import SummaryView

# Selection and views are imported inside each command: shell completion and --help build
# every command but run none, and should not pay for them.


@registry.command()
@shared_options("summary")
def summary(
    common: Common,
    section: Annotated[
        str | None,
        option(
            options.SECTION,
            "Instead: that section's (4) or subsection's (4-2) key points: the editor's, "
            "else sentences brief chooses from it.",
        ),
    ] = None,
    sentences: Annotated[int | None, option(options.SENTENCES)] = None,
    words: Annotated[int | None, option(options.WORDS)] = None,
) -> None:
    """The executive summary, made for piping; or one section's key points.

    The report's own Summary section where it has one, else sentences brief chooses from the
    report (and says so).

    \b
    Examples:
      brief summary | mail -s "NK/RU brief" team@example.org
      brief summary --section 4
      brief summary --section 4-2 --sentences 2
      brief summary --words 120 --format json
    """
    from briefcli import query

    if sentences is not None and words is not None:
        from briefcli.errors import UsageError

        raise UsageError("give --sentences or --words, not both")
    loaded = load(common)
    match = None if section is None else query.find_section(loaded, [section])

    def chosen(sentences: int | None, words: int | None) -> "SummaryView":
        if match is None:
            return whole_summary(loaded, sentences, words)
        return key_points(loaded, match, sentences, words)

    view = chosen(sentences, words)
    if words is not None and not view.texts and (first := chosen(1, None).texts):
        # Whole sentences only: printing none (exit 0) looked like a summary of nothing.
        from briefcli.errors import NotFoundError

        size = len(first[0].split())
        raise NotFoundError(
            f"no whole sentence fits in {words:,} word{'s' if words != 1 else ''}: "
            f"the first has {size:,}",
            f"ask for --words {size} or more, or --sentences 1",
        )
    present(view, common)


def whole_summary(brief: "Brief", sentences: int | None, words: int | None) -> "SummaryView":
    """The report's Summary section, else the extracted summary (origin 'extracted')."""
    from briefcli import extracts
    from briefcli.model import REPORT
    from briefcli.views import SummaryView

    own = brief.section_by_role("summary")
    # The report's own Summary needs no extracts, so the cache is read only when it may help.
    cached = None
    if (own is None or not own.all_paragraphs()) and sentences is None and words is None:
        cached = extracts.digest(brief)
    texts, origin = extracts.summary_for(brief, sentences=sentences, words=words, cached=cached)
    source = own.id if origin == REPORT and own is not None else None
    return SummaryView(brief, texts, origin, source=source)


def key_points(
    brief: "Brief", match: "SectionMatch", sentences: int | None, words: int | None
) -> "SummaryView":
    """The key points of the part ``match`` names (4-2 is the subsection, never section 4)."""
    from briefcli import extracts
    from briefcli.model import Section
    from briefcli.views import SummaryView

    part = match.subsection or match.section
    editor = isinstance(part, Section) and bool(part.key_points)
    cached = None
    if not editor and not part.extracted_points and sentences is None and words is None:
        cached = extracts.digest(brief)
    texts, origin = extracts.key_points_for(
        brief, match.id, sentences=sentences, words=words, cached=cached
    )
    return SummaryView(brief, texts, origin, match)
