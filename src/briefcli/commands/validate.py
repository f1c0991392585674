"""`brief validate`: check brief files like a compiler."""


# No ``from __future__ import annotations``: Typer reads these signatures on every run, and
# string annotations would make it compile and evaluate each one again.

from typing import Annotated

import typer

from briefcli import output
from briefcli.app import Common, registry, shared_options
from briefcli.errors import EXIT_NOT_FOUND, EXIT_OK, UsageError


@registry.command()
@shared_options("validate")
def validate(
    common: Common,
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE...",
            help="Brief files to check; '-' reads one from stdin.",
            show_default=False,
        ),
    ],
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail (exit 1) on warnings too, not only errors.")
    ] = False,
) -> int:
    """Check brief files like a compiler: one 'file:line:col: error: message' per problem.

    Exit 0 when every file is valid (warnings allowed unless --strict), 1 otherwise.

    \b
    Examples:
      brief validate my-brief.yaml
      brief validate briefs/*.yaml --strict
      brief validate my-brief.yaml --format json | jq '.files[].problems'
      brief export -b mine --format yaml | brief validate -
    """
    import sys

    from briefcli import checks

    if files.count("-") > 1:
        raise UsageError("stdin ('-') can be read only once")
    if "-" in files and sys.stdin is not None and sys.stdin.isatty():
        output.note("reading the brief from stdin; end it with Ctrl-D")  # else it waits, silent
    library = checks.read_library()
    reports = [checks.check_file(path, library) for path in files]
    if common.format == "json":
        output.emit(checks.to_json(reports), json=True)
    else:
        output.emit(checks.to_text(reports))
    ok = all(report.passes(strict=strict) for report in reports)
    return EXIT_OK if ok else EXIT_NOT_FOUND
