"""`brief export`: the whole brief as text, Markdown, JSON, YAML or one HTML page."""

# No ``from __future__ import annotations``: Typer reads these signatures on every run, and
# string annotations would make it compile and evaluate each one again.

from typing import Annotated

import typer

from briefcli import output
from briefcli.app import (
    Common,
    load,
    registry,
    render,
    shared_options,
)
from briefcli.formats import EXPORT_FORMATS, SUFFIX_FORMATS
from briefcli.views import ExportView


@registry.command()
@shared_options("export")
def export(
    common: Common,
    output_path: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE (atomically, plain, UTF-8) instead of stdout; '-' or "
            "/dev/stdout is stdout. Its name chooses the format (.txt, .md, .json, .yaml, "
            ".html) unless --format says; its folder must exist; only a regular file is "
            "replaced.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Let --output replace an existing file.")
    ] = False,
) -> None:
    """The whole brief: metadata, every section, the glossary, the timeline and notes.

    \b
    Examples:
      brief export > report.txt
      brief export --format json | jq '.sections[].title'
      brief export --format yaml > copy.yaml     # a brief file: brief show 4 -b copy.yaml
      brief export -o report.html                # format from the name; --force to replace
      brief export --format markdown -o notes.txt  # --format wins over the name
    """
    from briefcli.errors import UsageError

    chosen = common.format
    path = None
    if output_path is None and force:
        raise UsageError("--force is for --output: 'brief export -o FILE --force'")
    if output_path is not None:
        from briefcli.files import output_target

        path = output_target(output_path)
    if path is not None and chosen is None:
        chosen = SUFFIX_FORMATS.get(path.suffix.lower())
        if chosen is None and _file_or_nothing(str(path)):
            from briefcli.errors import quoted

            raise UsageError(
                f"cannot tell the format from the name {quoted(path.name)}: "
                f"brief writes {', '.join(SUFFIX_FORMATS)} files",
                f"use one of those names, or say the format: --format {'|'.join(EXPORT_FORMATS)}",
            )
    view = ExportView(load(common))
    if path is None:  # no --output, '-' or /dev/stdout: the stream, never the node
        settings = output.decide(common.color or "auto", common.width, pager=not common.no_pager)
        output.emit(render(view, chosen, settings), settings, json=chosen in output.JSON_FORMATS)
        return
    from briefcli.files import atomic_write

    # A FIFO, device, folder or link named by -o is refused by atomic_write, by what it is.
    chosen = chosen or "text"
    plain = output.OutputSettings(
        styled=False, color=False, width=common.width or None, pager=False
    )
    atomic_write(path, render(view, chosen, plain).encode("utf-8"), force=force)


def _file_or_nothing(path: str) -> bool:
    """True when ``path`` is a regular file or nothing yet: what a name's suffix is about."""
    import os

    return not os.path.lexists(path) or (os.path.isfile(path) and not os.path.islink(path))
