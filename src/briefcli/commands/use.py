"""`brief use`: remember a default brief, or say which is current."""


# No ``from __future__ import annotations``: Typer reads these signatures on every run, and
# string annotations would make it compile and evaluate each one again.

from typing import Annotated

import typer

from briefcli import output
from briefcli.app import Common, choose, option, registry, shared_options
from briefcli.completion import complete_brief_refs
from briefcli.options import CLEAR


@registry.command()
@shared_options("use")
def use(
    common: Common,
    ref: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID|PATH]",
            help="Brief to make the default: id, unique prefix, title fragment or path.",
            autocompletion=complete_brief_refs,
            show_default=False,
        ),
    ] = None,
    clear: Annotated[bool, option(CLEAR)] = False,
) -> None:
    """Remember a default brief for every command; with none named, say which is current.

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

    if ref is not None and not ref.strip():
        from briefcli.errors import UsageError

        # `brief use "$(brief import x)"` after a failed import: an empty prefix fits every
        # brief, and with one brief in the library it would quietly become the default.
        raise UsageError("brief use needs a brief id or a file path (or --clear)")
    if clear and ref is not None:
        from briefcli.errors import UsageError

        # Which one was meant? Forgetting silently would drop the brief the user named.
        raise UsageError("give a brief to remember or --clear, not both")
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
