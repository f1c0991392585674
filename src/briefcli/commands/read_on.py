"""`brief read`: the report from one section to the end, in the pager, resuming where you were."""


# No ``from __future__ import annotations``: Typer reads these signatures on every run, and
# string annotations would make it compile and evaluate each one again.

from typing import Annotated

from briefcli.app import Common, load_chosen, registry, section_argument, shared_options

# Selection and views are imported inside each command: shell completion and --help build
# every command but run none, and should not pay for them.


@registry.command("read")
@shared_options("read")
def read_on(
    common: Common,
    section: Annotated[
        list[str] | None,
        section_argument(
            "Where to start: 3, 4-2, 'section 4', summary or conclusion "
            "(default: where you last started reading, else the beginning).",
            optional=True,
        ),
    ] = None,
) -> None:
    """Read the report from a section to the end, in the pager.

    Every section heading starts with '§', and less is started searching for it: press n for
    the next section, N for the previous one. With no SECTION, reading resumes at the section
    where you last started, for each brief (kept in $XDG_STATE_HOME/briefcli).

    \b
    Examples:
      brief read 3
      brief read            # where you left off
      brief read 4-2 --no-pager | less -p '^§ '
    """
    from briefcli import output, query
    from briefcli.app import render
    from briefcli.errors import NotFoundError, UsageError
    from briefcli.position import Position, read_position, write_position
    from briefcli.render.document import SECTION_MARK
    from briefcli.views import ReadView

    choice, loaded = load_chosen(common)
    resumed = False
    if section:
        match = query.find_section(loaded, section)
    else:
        saved = read_position(loaded.meta.id, choice.path)
        match = query.find_section(loaded, [loaded.sections[0].id])
        if saved is not None:
            try:
                match = query.find_section(loaded, [saved.section])
                resumed = True
            except (NotFoundError, UsageError):
                pass  # the brief changed since: start from the beginning
    if not write_position(loaded.meta.id, choice.path, Position(match.id)):
        output.warning("cannot remember where you are reading: the state folder is not writable")
    settings = output.decide(common.color or "auto", common.width, pager=not common.no_pager)
    text = render(ReadView(loaded, match, resumed), None, settings)
    output.emit_searchable(text, settings, f"^{SECTION_MARK} ")
