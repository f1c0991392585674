"""`brief import`: a report (goover text, Markdown, a web page or a PDF) becomes a brief file."""


# No ``from __future__ import annotations``: Typer reads these signatures on every run, and
# string annotations would make it compile and evaluate each one again.

import sys
from enum import StrEnum
from typing import IO, TYPE_CHECKING, Annotated

import typer

from briefcli import output
from briefcli.app import Common, registry, shared_options
from briefcli.errors import UsageError, text_argument

if TYPE_CHECKING:
    from pathlib import Path

    from briefcli.importers import BriefToWrite


class Form(StrEnum):
    """What kind of text `brief import` reads."""

    auto = "auto"
    goover = "goover"
    markdown = "markdown"
    html = "html"
    pdf = "pdf"


@registry.command("import")
@shared_options("import")
def import_command(
    common: Common,
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            help="The report: goover-style text, Markdown, a web page or a PDF; an http(s) "
            "URL; '-' reads stdin.",
        ),
    ],
    output_path: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="Write here instead of the library: a folder, a file (its folder must "
            "exist), or '-' (also /dev/stdout) for stdout.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the destination file if it exists.")
    ] = False,
    form: Annotated[
        Form,
        typer.Option(
            "--from",
            metavar="auto|goover|markdown|html|pdf",
            help="The kind of report (auto: from the name, the server and the content).",
        ),
    ] = Form.auto,
    overlay: Annotated[
        str | None,
        typer.Option(
            metavar="FILE",
            help="Merge an editor's overlay (key points, curated timeline, notes) into the brief.",
        ),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option(metavar="TEXT", help="Use this title instead of the one in the report."),
    ] = None,
    brief_id: Annotated[
        str | None,
        typer.Option(
            "--id",
            metavar="ID",
            help="The brief's id, as you will type it (default: a few words of its title, or "
            "of the file's name for a README).",
        ),
    ] = None,
    outline: Annotated[
        bool,
        typer.Option(
            "--outline",
            help="Print the headings found (line, id, title) and write nothing.",
        ),
    ] = False,
    encoding: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="The text's encoding when it is not UTF-8, such as cp1252, latin-1 or "
            "shift_jis (a file or stdin; a web page's own charset is used without it).",
        ),
    ] = None,
) -> None:
    """Turn a report (goover text, Markdown, a web page or a PDF) into a brief.

    By default the brief goes into your library, named after its title; the path written is
    printed on stdout. An existing file is never replaced without --force.

    \b
    Examples:
      brief import report.txt                      # into the library; prints the path
      brief import README.md -o readme.yaml
      brief import report.pdf                      # needs: pip install 'briefcli[pdf]'
      brief import https://example.org/report.html # needs: pip install 'briefcli[web]'
      brief import report.txt -o - | less          # the brief itself on stdout
      brief show 4 --brief "$(brief import report.txt)"
      brief import spec.txt --outline              # check the structure first
      brief import README.md --id zstd             # the id to type: brief show 2 -b zstd
    """
    import os

    from briefcli import paths
    from briefcli.files import STDIN_NAMES, atomic_write_with, child_path, output_target
    from briefcli.importers import brief_to_write, import_report, outline_text, read_report
    from briefcli.importers.naming import slug
    from briefcli.sanitize import sanitize_line

    if not file.strip():  # `brief import "$REPORT"` with REPORT unset
        raise UsageError("brief import needs a file, a URL, or '-' for stdin")
    if overlay is not None and not overlay.strip():
        raise UsageError("--overlay needs a file")
    # What goes into the brief must be text; a file name need not be.
    title = text_argument(title, "--title") if title is not None else None
    brief_id = text_argument(brief_id, "--id") if brief_id is not None else None
    chosen = output_target(output_path) if output_path is not None else None
    file = "-" if file in STDIN_NAMES else file
    if encoding is not None and file[:8].casefold().startswith(("http://", "https://")):
        # The server's charset (or the page's own) decides, and fetching has applied it.
        raise UsageError("--encoding is for a file or stdin: a URL's server names its charset")
    if file == "-" and sys.stdin is None:
        raise UsageError("cannot read the report from stdin: stdin is closed")
    if file == "-" and sys.stdin.isatty():  # else it would wait, silent, for typing
        output.note("reading the report from stdin; end it with Ctrl-D")
    if outline:
        # --outline prints the headings and writes nothing: an option for the brief to write
        # would be ignored, and the user left believing a file was made.
        writing = {
            "--output": output_path is not None,
            "--force": force,
            "--overlay": overlay is not None,
            "--id": brief_id is not None,
            "--title": title is not None,
        }
        if given := [name for name, used in writing.items() if used]:
            raise UsageError(
                f"--outline prints the headings and writes no brief: leave out {given[0]}"
            )
    data, shown, found_form, source = read_report(file)
    kind = form.value if form != Form.auto else found_form
    if outline:
        output.emit(outline_text(data, shown, kind, encoding=encoding))
        return
    # Nothing here keeps the report's bytes or the brief: each goes once it is used up, so
    # that an import's peak memory is one stage's, not the sum of all (issue 12). The brief
    # file is written as it is made and checked from what was written: a brief that would
    # not load is never written (the temporary file goes).
    held = [data]
    del data
    brief = import_report(
        held.pop(), shown, kind, source=source, title=title, brief_id=brief_id, encoding=encoding
    )
    made = [brief]
    del brief
    pending = brief_to_write(made.pop(), shown, overlay=overlay)
    if output_path is not None and chosen is None:  # '-' or /dev/stdout: the stream
        _emit_brief(pending)
        return
    stem = slug(pending.id)  # child_path applies the same byte limit
    if chosen is None:
        # The library folder is brief's own: it is made when missing.
        target = child_path(paths.library_dir(), stem, ".yaml")
        if not force and os.path.lexists(target):
            _refuse_another_report(target, pending.name)
        atomic_write_with(target, pending.write, force=force, own=True)
    else:
        target = chosen.expanduser()
        # os.path.isdir, not Path.is_dir: that raises on a name too long or a folder it
        # may not search; atomic_write_with says why such a path cannot be written.
        if os.path.isdir(target):
            target = child_path(target, stem, ".yaml")
        atomic_write_with(target, pending.write, force=force)
    output.emit(f"{sanitize_line(str(target))}\n")
    from briefcli.checks import in_library, library_twins, read_library

    library = read_library() if in_library(str(target)) else None
    if library is not None and (twins := library_twins(pending.id, str(target), library)):
        output.warning(
            f"the library already has a brief with the id {pending.id!r}: {twins[0]}; "
            "'brief list' shows which one 'brief -b ID' reads"
        )


def _refuse_another_report(target: "Path", report: str) -> None:
    """When the library file this import would write holds a brief made from another report
    (two titles that make one id: 'Report: Q1', 'Report Q1'), say so: the usual '--force to
    replace it' would lose that report. The same report imported again goes on to that line."""
    import os

    from briefcli.errors import BriefError, WriteError
    from briefcli.loader import load_brief
    from briefcli.sanitize import sanitize_line

    try:
        source = load_brief(str(target)).meta.source
    except BriefError:
        return
    if not source or os.path.basename(source) == os.path.basename(report):
        return  # the same report, perhaps named from another folder: --force is what is meant
    raise WriteError(
        f"{sanitize_line(str(target))} exists: a brief made from another report "
        f"({sanitize_line(source)})",
        "give this one an id of its own with --id ID (--force would replace that brief)",
    )


def _emit_brief(pending: "BriefToWrite") -> None:
    """Write the brief to stdout once it is checked: made in a temporary file and copied out a
    piece at a time, so that the whole text is never held."""
    import io

    from briefcli.errors import WriteError

    with _spool() as stream:
        try:
            pending.write(stream)
        except OSError as exc:  # the temporary folder is full, say
            raise WriteError(
                f"cannot make the brief in a temporary file: {exc.strerror or exc}",
                "set TMPDIR to a folder with room, or use -o FILE",
            ) from None
        stream.seek(0)
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
        while piece := text.read(1 << 16):
            output.emit(piece)
        text.detach()


def _spool() -> IO[bytes]:
    """A temporary file that goes when closed (memory when no temporary folder can take one)."""
    import io
    import tempfile

    try:
        return tempfile.TemporaryFile(prefix="brief-import-")
    except OSError:
        return io.BytesIO()
