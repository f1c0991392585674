"""Entry point: run the Typer app and map every error to one stderr line and an exit code."""

from __future__ import annotations

import gc
import os
import sys

from briefcli.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_USAGE, BriefError

TYPE_CHECKING = False  # not typing's: completion answers before anything imports typing
if TYPE_CHECKING:
    from collections.abc import Callable

#: The global flag that shows tracebacks; accepted anywhere before ``--``.
DEBUG_FLAG = "--debug"


def main(argv: list[str] | None = None) -> int:
    """Run ``brief`` (the console script); exits with a documented exit code.

    A run is one short burst in which nearly every object lives until the process ends, so the
    cyclic garbage collector's passes are wasted work: over the tens of thousands of objects
    that loading Typer makes, and over everything again at shutdown; about a sixth of a lookup
    (docs/performance.md). So collection is off while the modules load; what they made is then
    frozen (never scanned again) and the collector runs as usual for the command itself; at the
    end everything is frozen, so shutdown skips the passes. Reference counting still frees all
    that is freed, and finalizers run. Tests call :func:`run`, which leaves the collector alone.
    """
    _hold_standard_streams()
    args = sys.argv[1:] if argv is None else argv
    if "list" in args or ("search" in args and "--all" in args):
        # Library-wide: stat every library file in another process while Typer loads.
        from briefcli.statkeys import prefetch

        prefetch()
    gc.disable()
    try:
        code = run(argv, on_loaded=_collect_from_here)
    finally:
        gc.freeze()
    raise SystemExit(code)


def _hold_standard_streams() -> None:
    """Keep fds 0-2 taken when the shell closed them (``>&-``), by /dev/null.

    Python then has no sys.stdout (so output says that stdout is closed, exit 2), and no file
    brief opens can become fd 1 and receive what was meant for stdout.
    """
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            try:
                os.open(os.devnull, os.O_RDWR)  # the lowest free descriptor: this one
            except OSError:
                return


def _collect_from_here() -> None:
    """Keep what loading made out of every later collection, and collect as usual from now on."""
    gc.freeze()
    gc.enable()


def run(argv: list[str] | None = None, on_loaded: Callable[[], None] | None = None) -> int:
    """Run the command line and return the exit code instead of exiting.

    ``on_loaded`` is called once Typer and the command group are imported, before parsing.
    """
    if os.environ.get("_BRIEF_COMPLETE"):
        # Shell completion runs on every Tab: answer values before importing Typer.
        from briefcli.completion import fast_complete

        answered = fast_complete()
        if answered is not None:
            return answered
    try:
        return _dispatch(argv, on_loaded)
    except KeyboardInterrupt:
        # Ctrl-C at any point, even while Python is still importing: no traceback.
        from briefcli import output

        output.interrupted()
        return EXIT_INTERRUPTED
    except (MemoryError, OSError, ImportError) as exc:
        # Out of memory or file descriptors while brief's own modules load, before _dispatch
        # can say so: the same line as later.
        limit = _limit_reached(exc)
        if limit is None or DEBUG_FLAG in (sys.argv if argv is None else argv):
            raise
        _say_limit(*limit)
        return EXIT_USAGE


def _dispatch(argv: list[str] | None, on_loaded: Callable[[], None] | None) -> int:
    from typer import Abort, Exit
    from typer.exceptions import TyperException

    import briefcli.commands.overview  # noqa: F401  (the group's callback; the rest load when used)
    from briefcli import output
    from briefcli.app import app

    if on_loaded is not None:
        on_loaded()

    args, debug = _take_debug_flag(sys.argv[1:] if argv is None else argv)
    debug = debug or os.environ.get("BRIEF_DEBUG", "") not in ("", "0")
    installing = _INSTALL_FLAG in args[: args.index("--") if "--" in args else len(args)]
    try:
        if installing:
            _check_home_for_install()
        result = app(args=args, prog_name="brief", standalone_mode=False)
        return result if isinstance(result, int) else 0
    except BriefError as exc:
        if debug:
            raise
        from briefcli import output

        output.error(exc.message, exc.hint)
        return exc.exit_code
    except Exit as exc:
        return exc.exit_code
    except TyperException as exc:
        if debug:
            raise
        ctx = getattr(exc, "ctx", None)
        command = ctx.command_path if ctx is not None else _command_path(args)
        from briefcli import output

        output.error(exc.format_message(), f"run '{command} --help' for usage")
        return EXIT_USAGE
    except Abort:
        output.interrupted()
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        from briefcli import output

        output.broken_pipe()
        return 141  # pragma: no cover - broken_pipe() exits
    except Exception as exc:
        # A bug: one line, not a traceback; --debug shows the traceback for the report.
        if debug:
            raise
        limit = _limit_reached(exc)
        if limit is not None:  # not a bug: the machine's limits, which the user can raise
            _say_limit(*limit)
            return EXIT_USAGE
        if installing and isinstance(exc, OSError):  # Typer writes the shell's files
            from briefcli.sanitize import sanitize_line

            reason = exc.strerror or type(exc).__name__
            where = f" {sanitize_line(str(exc.filename))}" if exc.filename else ""
            output.error(f"cannot install completion:{where}: {reason}")
            return EXIT_USAGE
        output.error(
            f"internal error: {type(exc).__name__}: {exc}",
            "this is a bug in brief: run the command again with --debug and report the traceback",
        )
        return EXIT_INTERNAL


#: Typer's option that writes completion into the shell's files under the home folder.
_INSTALL_FLAG = "--install-completion"


def _check_home_for_install() -> None:
    """Refuse --install-completion without a home folder to write in: Typer takes an empty
    $HOME as '/' and a relative one as the current folder, and makes a missing one (it wrote
    /.bashrc as root), where brief's own files refuse such a home (paths.home_folder)."""
    from briefcli.errors import UsageError
    from briefcli.paths import home_folder
    from briefcli.sanitize import sanitize_line

    hint = (
        "set HOME to your home folder, or add 'eval \"$(brief --show-completion)\"' to your "
        "shell's start-up file"
    )
    given = os.environ.get("HOME")
    if given is not None and not os.path.isabs(given):
        raise UsageError("cannot install completion: $HOME is not an absolute path", hint)
    home = given or home_folder()
    if not os.path.isdir(home):
        missing = "is not a folder" if os.path.lexists(home) else "does not exist"
        raise UsageError(
            f"cannot install completion: the home folder {sanitize_line(home)} {missing}", hint
        )


def _limit_reached(exc: BaseException) -> tuple[str, str] | None:
    """(message, hint) when ``exc`` is a limit of the machine reached (memory, open files,
    processes) rather than a bug; None otherwise."""
    import errno

    out_of_memory = "out of memory", "free some memory, or raise the limit (ulimit -v)"
    if isinstance(exc, MemoryError):
        return out_of_memory
    if isinstance(exc, ImportError) and "failed to map segment" in str(exc):
        return out_of_memory  # the loader could not map a compiled module into memory
    number = exc.errno if isinstance(exc, OSError) else None
    if number in (errno.EMFILE, errno.ENFILE):
        return "too many open files", "raise the limit on open files (ulimit -n)"
    if number in (errno.ENOMEM, errno.EAGAIN):
        # EAGAIN from fork or a thread start: no process or memory left for one. (Output's
        # own writes to a non-blocking stdout wait instead: they never come here.)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "out of memory"
        return (
            f"the system is out of resources: {reason}",
            "free some, or raise the limits (ulimit)",
        )
    return None


def _say_limit(message: str, hint: str) -> None:
    """:func:`briefcli.output.error`, or the bare line when even loading that fails."""
    try:
        from briefcli import output

        output.error(message, hint)
    except Exception:  # out of memory, Python's compiler may fail in any way
        import contextlib

        with contextlib.suppress(OSError):
            os.write(2, f"brief: error: {message}\n".encode())


def _command_path(args: list[str]) -> str:
    """``brief COMMAND`` for the command named in ``args``, else ``brief``.

    For the errors Click raises without a context (an option's value missing: ``brief
    timeline --since``), so the hint names the command's own --help.
    """
    from briefcli.app import COMMAND_MODULES
    from briefcli.options import BY_FLAG

    words = iter(args)
    for word in words:
        if word == "--":
            break
        if word.startswith("-"):
            spec = BY_FLAG.get(word)
            if spec is not None and spec.takes_value:
                next(words, None)  # its value, which may look like a command name
            continue
        return f"brief {word}" if word in COMMAND_MODULES else "brief"
    return "brief"


def _take_debug_flag(args: list[str]) -> tuple[list[str], bool]:
    """``args`` without ``--debug`` (anywhere before ``--``), and whether it was there."""
    end = args.index("--") if "--" in args else len(args)
    kept = [arg for arg in args[:end] if arg != DEBUG_FLAG] + args[end:]
    return kept, len(kept) != len(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
