"""`brief export`: the whole brief as text, Markdown, JSON, YAML or one HTML page."""

# No ``from __future__ import annotations``: Typer reads these signatures on every run, and
# string annotations would make it compile and evaluate each one again.

from enum import StrEnum
from typing import Annotated

import typer

from briefcli import output
from briefcli.app import (
    BriefOption,
    Color,
    ColorOption,
    Common,
    PagerOption,
    WidthOption,
    load,
    registry,
    render,
)
from briefcli.views import ExportView


class ExportFormat(StrEnum):
    """What `brief export` can write."""

    text = "text"
    markdown = "markdown"
    json = "json"
    yaml = "yaml"
    html = "html"


#: Format chosen from the name given to --output when --format is not given.
SUFFIX_FORMATS = {
    ".txt": ExportFormat.text,
    ".md": ExportFormat.markdown,
    ".markdown": ExportFormat.markdown,
    ".json": ExportFormat.json,
    ".yaml": ExportFormat.yaml,
    ".yml": ExportFormat.yaml,
    ".html": ExportFormat.html,
    ".htm": ExportFormat.html,
}


@registry.command()
def export(
    ctx: typer.Context,
    format: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text, markdown, json, yaml (a brief file that loads back) or html (one "
            "self-contained page). Default: from the --output name, else typeset on a "
            "terminal and text when piped.",
            show_default=False,
        ),
    ] = None,
    output_path: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE (atomically, plain, UTF-8) instead of stdout; '-' or "
            "/dev/stdout is stdout. Its folder must exist; only a regular file is replaced.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Let --output replace an existing file.")
    ] = False,
    brief: BriefOption = None,
    color: ColorOption = None,
    width: WidthOption = None,
    no_pager: PagerOption = False,
) -> None:
    """The whole brief: metadata, every section, the glossary, the timeline and notes.

    \b
    Examples:
      brief export > report.txt
      brief export --format json | jq '.sections[].title'
      brief export --format yaml > copy.yaml     # a brief file: brief show 4 -b copy.yaml
      brief export -o report.html                # format from the name; --force to replace
      brief export --format markdown -o report.md
    """
    common = Common(brief, color, None, width, no_pager).merged(ctx)
    chosen = format.value if format else (common.format.value if common.format else None)
    path = None
    if output_path is not None:
        from briefcli.files import output_target

        path = output_target(output_path)
    view = ExportView(load(common))
    if path is None:  # no --output, '-' or /dev/stdout: the stream, never the node
        settings = output.decide(
            (common.color or Color.auto).value, common.width, pager=not common.no_pager
        )
        output.emit(render(view, chosen, settings), settings)
        return
    from briefcli.files import atomic_write

    if chosen is None:
        chosen = SUFFIX_FORMATS.get(path.suffix.lower(), ExportFormat.text).value
    plain = output.OutputSettings(
        styled=False, color=False, width=common.width or None, pager=False
    )
    atomic_write(path, render(view, chosen, plain).encode("utf-8"), force=force)
