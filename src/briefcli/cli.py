"""Entry point: run the Typer app and map every error to one stderr line and an exit code."""

from __future__ import annotations

import os
import sys

from briefcli import output
from briefcli.errors import EXIT_INTERRUPTED, EXIT_USAGE, BriefError


def main(argv: list[str] | None = None) -> int:
    """Run ``brief``; returns (and exits with) a documented exit code."""
    code = run(argv)
    raise SystemExit(code)


def run(argv: list[str] | None = None) -> int:
    """Run the command line and return the exit code instead of exiting."""
    from typer import Abort, Exit
    from typer.exceptions import TyperException

    import briefcli.commands.importing
    import briefcli.commands.read  # noqa: F401  (registers the commands)
    from briefcli.app import app

    debug = os.environ.get("BRIEF_DEBUG", "") not in ("", "0")
    try:
        result = app(args=argv, prog_name="brief", standalone_mode=False)
        return result if isinstance(result, int) else 0
    except BriefError as exc:
        if debug:
            raise
        output.error(exc.message, exc.hint)
        return exc.exit_code
    except Exit as exc:
        return exc.exit_code
    except TyperException as exc:
        if debug:
            raise
        ctx = getattr(exc, "ctx", None)
        command = ctx.command_path if ctx is not None else "brief"
        output.error(exc.format_message(), f"run '{command} --help' for usage")
        return EXIT_USAGE
    except (KeyboardInterrupt, Abort):
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        output.broken_pipe()
        return 141  # pragma: no cover - broken_pipe() exits


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
