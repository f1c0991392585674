"""`brief browse`: read a brief full-screen (contents, text, glossary, timeline, search)."""


# No ``from __future__ import annotations``: Typer reads these signatures on every run, and
# string annotations would make it compile and evaluate each one again.

from typing import Annotated

import typer

from briefcli.app import Common, load_chosen, registry, section_argument, shared_options


@registry.command()
@shared_options("browse")
def browse(
    common: Common,
    section: Annotated[
        list[str] | None,
        section_argument(
            "Open at this section (4, 4-2, summary); default: where you left off.", optional=True
        ),
    ] = None,
) -> None:
    """Read the brief full-screen: contents, text, glossary terms, timeline and search.

    Keys: j/k and arrows scroll, ]/[ next/previous section, / search (n/N next/previous
    hit), Tab and Enter a term's definition, g glossary, t timeline, p key points, ? help,
    q quit. It opens where you left off. Needs a terminal and the 'browse' extra:
    pip install 'briefcli[browse]'.

    \b
    Examples:
      brief browse
      brief browse 4-2
      brief browse --brief my-report
    """
    import sys

    from briefcli.errors import UsageError

    if not (_is_terminal(sys.stdin) and _is_terminal(sys.stdout)):
        raise UsageError(
            "brief browse needs a terminal: to print a section use 'brief show SECTION'"
            + (" or 'brief read'" if "read" in _commands() else "")
        )
    try:
        from briefcli.tui.reader import Reader
    except ModuleNotFoundError as exc:
        if (exc.name or "").partition(".")[0] != "textual":
            raise
        raise UsageError("brief browse needs Textual: pip install 'briefcli[browse]'") from None
    from briefcli.position import Position, read_position

    choice, loaded = load_chosen(common)
    start = None
    if section:
        from briefcli import query

        start = Position(query.find_section(loaded, section).id, 0)
    else:
        start = read_position(loaded.meta.id, choice.path)
    reader = Reader(loaded, choice.path, start)
    code = reader.run()
    if code is None:
        # Textual has shown the traceback of a failure inside the app: a bug in brief.
        from briefcli.errors import EXIT_INTERNAL

        code = EXIT_INTERNAL if reader.return_code else 0
    if code:
        raise typer.Exit(code)


def _is_terminal(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        return False


def _commands() -> tuple[str, ...]:
    from briefcli.app import COMMAND_MODULES

    return tuple(COMMAND_MODULES)
