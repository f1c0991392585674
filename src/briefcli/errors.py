"""The error hierarchy and the documented exit codes: one error path for the whole tool."""

from __future__ import annotations

#: Success.
EXIT_OK = 0
#: Nothing found: an unknown section or term, a search without hits, an invalid brief in validate.
EXIT_NOT_FOUND = 1
#: Usage error or unusable input: a bad option, a missing, unreadable or invalid brief file.
EXIT_USAGE = 2
#: An internal error (a bug in brief; --debug shows the traceback), as sysexits' EX_SOFTWARE.
EXIT_INTERNAL = 70
#: Interrupted by Ctrl-C (128 + SIGINT).
EXIT_INTERRUPTED = 130
#: The reader of our output went away (128 + SIGPIPE), as `cat` ends in a closed pipe.
EXIT_BROKEN_PIPE = 141


class BriefError(Exception):
    """Base of every error the tool reports to the user as one line on stderr."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class NotFoundError(BriefError):
    """A section, term or search hit the user asked for does not exist."""

    exit_code = EXIT_NOT_FOUND


class UsageError(BriefError):
    """The command line is wrong in a way the option parser cannot see."""


class BriefFileError(BriefError):
    """A brief file cannot be used: missing, unreadable, not YAML, or not a valid brief."""

    def __init__(self, path: str, message: str, line: int | None = None, column: int | None = None):
        where = path if line is None else f"{path}:{line}:{column or 1}"
        super().__init__(f"{where}: {message}")
        self.path = path
        self.detail = message
        self.line = line
        self.column = column


class WriteError(BriefError):
    """A file could not be written, or would have been overwritten without --force."""


#: How much of a user's text an error message quotes back (the rest is cut, marked '…').
QUOTE_CHARS = 60
#: How many names an error message lists before it says how many more there are.
LIST_ITEMS = 30


def quoted(text: str, limit: int = QUOTE_CHARS) -> str:
    """``text`` for an error message: sanitised once, cut to ``limit`` characters, in quotes.

    Only the sanitiser escapes: no ``repr`` on top, which would double every backslash.
    """
    from briefcli.sanitize import shorten

    return f"'{shorten(text, limit)}'"


def text_argument(value: str, what: str) -> str:
    """``value`` from the command line, refused (UsageError) when it is not text.

    Python keeps bytes of an argument that the locale's encoding cannot decode as lone
    surrogates; such a value works as a file name, but cannot be searched for or written
    into a brief, which is UTF-8 text.
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError(
            f"{what} {quoted(value)} is not text: it holds bytes that are not UTF-8"
        ) from None
    return value


def listing(names: list[str] | tuple[str, ...], limit: int = LIST_ITEMS) -> str:
    """``a, b, c`` for an error message; past ``limit`` names, '… and 9,990 more'."""
    from briefcli.sanitize import shorten

    shown = ", ".join(shorten(name) for name in names[:limit])
    rest = len(names) - limit
    return f"{shown}, … and {rest:,} more" if rest > 0 else shown
