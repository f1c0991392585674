"""The only writer: terminal and colour decisions, width, pager, encoding and broken pipes."""

from __future__ import annotations

import io
import os
import re
import signal
import sys
from typing import TYPE_CHECKING, NamedTuple, TextIO

from briefcli.errors import EXIT_BROKEN_PIPE, WriteError, quoted
from briefcli.sanitize import sanitize_line

if TYPE_CHECKING:
    from rich.console import RenderableType

#: Narrowest measure typeset with Rich; narrower terminals get plain text wrapped to fit.
MIN_TYPESET_WIDTH = 20
#: Width assumed when a terminal does not say.
FALLBACK_WIDTH = 80

# Stand-ins for common typographic characters when stdout cannot encode them.
_ASCII_FALLBACK = str.maketrans(
    {
        "‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "--", "•": "*",
        "·": "*", "…": "...", "\u00a0": " ", "§": "S.", "→": "->", "↪": ">", "«": "<<", "»": ">>",
    }
)  # fmt: skip


_TRAILING_BLANKS = r"(?m) +((?:\x1b\[[0-9;]*m)*)$"
# An OSC 8 hyperlink's opening or closing sequence, as Rich writes them.
_HYPERLINK = r"\x1b\]8;[^\x1b]*\x1b\\"


class OutputSettings(NamedTuple):
    """How to write: decided once per command from the options and the environment."""

    styled: bool  # Rich layout (a terminal, or --color always)
    color: bool  # escape codes for colour and emphasis
    width: int | None  # wrap width; None means no hard wraps (plain text)
    pager: bool  # send long output through a pager
    height: int = 24
    columns: int = FALLBACK_WIDTH  # terminal columns, to count the lines long text takes


def is_terminal(stream: TextIO | None) -> bool:
    """True when ``stream`` is a terminal; False for a file, a pipe, or a stream that is closed
    (None: the shell closed it, as ``2>&-`` does)."""
    if stream is None:
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def terminal_size(stream: TextIO | None = None) -> tuple[int, int]:
    """Columns and lines of the terminal; COLUMNS/LINES win when they are positive numbers."""
    stream = stream or sys.stdout
    columns = lines = 0
    try:
        size = os.get_terminal_size(stream.fileno())
        columns, lines = size.columns, size.lines
    except (AttributeError, ValueError, OSError):
        pass
    return (_env_size("COLUMNS") or columns or FALLBACK_WIDTH, _env_size("LINES") or lines or 24)


def _env_size(name: str) -> int:
    """A positive size from the environment, else 0 (what no terminal has is ignored)."""
    value = os.environ.get(name, "").strip()
    # Bounded before converting: a 5,000-digit COLUMNS is a mistake, not a terminal.
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 5 else 0


def decide(
    color: str | None = None,
    width: int | None = None,
    pager: bool = True,
    stream: TextIO | None = None,
    wide: bool = False,
) -> OutputSettings:
    """Settings from --color, --width and --no-pager, else the environment and the config file
    (:mod:`briefcli.config`), and the stream.

    ``width`` (the flag) wraps any stream at that many columns, 0 at none. Without it a pipe
    is not wrapped, and a terminal gets the measure ($BRIEF_WIDTH, the config file's width,
    else 80; 0: the terminal's width), never wider than the terminal. A ``wide`` view (a table
    such as ``brief list``) takes the terminal's whole width: the measure is for prose.
    """
    from briefcli import config

    color = str(config.color(color).value)
    stream = stream or sys.stdout
    tty = is_terminal(stream)
    env = os.environ
    no_color = bool(env.get("NO_COLOR")) or env.get("TERM") == "dumb"
    forced = bool(env.get("FORCE_COLOR")) and not no_color
    if color == "always":
        styled = colored = True
    elif color == "never":
        styled, colored = tty, False
    else:
        styled = tty or forced
        colored = styled and not no_color
    columns, lines = terminal_size(stream)
    # Asked for even when a pipe does not use it: a bad $BRIEF_WIDTH is an error everywhere.
    measure = int(config.width(width).value or 0)
    wrap: int | None = None
    if width is not None:
        wrap = width or (columns if styled else None)
    elif styled:
        wrap = min(columns, measure) if measure and not wide else columns
    # As git does: page only on a terminal, and not on one that cannot run a pager.
    paged = pager and tty and styled and env.get("TERM") != "dumb"
    return OutputSettings(styled, colored, wrap, paged, lines, columns)


def to_ansi(renderable: RenderableType, settings: OutputSettings) -> str:
    """Typeset a Rich renderable into a string, with escape codes only when colour is on."""
    import io

    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=max(settings.width or FALLBACK_WIDTH, 1),
        force_terminal=settings.color,
        # The theme uses the 16 standard colours only, so output is the same on every terminal.
        color_system="standard" if settings.color else None,
        no_color=not settings.color,
        highlight=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
        soft_wrap=False,
    )
    console.print(renderable)
    # Rich pads wrapped lines to the measure; trailing blanks only get in a reader's way.
    out = re.sub(_TRAILING_BLANKS, r"\1", buffer.getvalue())
    return out if hyperlinks() else re.sub(_HYPERLINK, "", out)


def hyperlinks(stream: TextIO | None = None) -> bool:
    """True when links may be OSC 8 hyperlinks: on a terminal only, never in a pipe.

    Terminals that do not know OSC 8 ignore it; the Linux console and ``TERM=dumb`` do not,
    so they get none. ``FORCE_HYPERLINK=0`` turns them off.
    """
    if os.environ.get("FORCE_HYPERLINK", "") == "0":
        return False
    if os.environ.get("TERM") in ("dumb", "linux"):
        return False
    return is_terminal(stream or sys.stdout)


#: The output formats that are JSON: :func:`emit` keeps their text exact on any stdout.
JSON_FORMATS = ("json", "csl-json")


def emit(
    text: str,
    settings: OutputSettings | None = None,
    stream: TextIO | None = None,
    *,
    json: bool = False,
) -> None:
    """Write finished output to stdout (through the pager when it is long on a terminal).

    ``json``: the text is JSON, so characters stdout cannot encode are written as JSON's
    ``\\uXXXX`` escapes, which a reader decodes to the very text, not as stand-ins.
    """
    stream = stream if stream is not None else sys.stdout
    if json:
        encoding = getattr(stream, "encoding", None) or "utf-8"
        text = json_encodable(text, encoding)
    long_on_terminal = settings is not None and settings.pager and _too_long(text, settings)
    if not (long_on_terminal and _page(text)):
        _write(stream, text)


def json_encodable(text: str, encoding: str) -> str:
    """JSON ``text`` as ``encoding`` can carry it: what it cannot, as ``\\uXXXX`` escapes.

    Exact because JSON has non-ASCII characters only inside strings, where an escape means the
    character itself (a character beyond U+FFFF is two escapes, a surrogate pair).
    """
    if _carries(text, encoding):
        return text
    import codecs

    codecs.register_error(_JSON_ESCAPES, _json_escapes)  # the same function: idempotent
    return text.encode(encoding, _JSON_ESCAPES).decode(encoding)


_JSON_ESCAPES = "briefcli-json-escapes"


def _json_escapes(error: UnicodeError) -> tuple[str, int]:
    """A codec error handler: the characters ``error`` could not encode, as JSON escapes."""
    assert isinstance(error, UnicodeEncodeError)
    escapes = []
    for char in error.object[error.start : error.end]:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            escapes.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            escapes.append(f"\\u{code:04x}")
    return "".join(escapes), error.end


def emit_searchable(text: str, settings: OutputSettings, pattern: str) -> None:
    """Like :func:`emit`; a ``less`` pager starts at the first match of ``pattern`` and keeps
    it as its search, so that ``n`` and ``N`` move from one match to the next."""
    if settings.pager and _too_long(text, settings) and (command := pager_command()):
        if os.path.basename(command[0]) == "less":
            encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
            command = [*command, f"-p{encodable(pattern, encoding)}"]
        if _page(text, command):
            return
    _write(sys.stdout, text)


def _too_long(text: str, settings: OutputSettings) -> bool:
    """True when ``text`` takes more lines than the screen has, counting wrapped lines."""
    columns = max(settings.columns, 1)
    rows = 0
    for line in text.splitlines():
        rows += 1 + (len(line) - 1) // columns if line else 1
        if rows >= settings.height:
            return True
    return False


def error(message: str, hint: str | None = None) -> None:
    """One line on stderr: ``brief: error: message`` (and a hint line when there is one)."""
    line = f"brief: error: {_message_line(message)}\n"
    if hint:
        line += f"brief: hint: {_message_line(hint)}\n"
    _write_stderr(line)


def warning(message: str) -> None:
    """One line on stderr: ``brief: warning: message``; the command goes on."""
    _write_stderr(f"brief: warning: {_message_line(message)}\n")


def note(message: str) -> None:
    """One line on stderr: ``brief: message`` (what brief did for you, such as a correction,
    or what a long task is doing), kept off stdout so that a script's output does not depend
    on it."""
    _write_stderr(f"brief: {_message_line(message)}\n")


#: The longest message line written: messages quote and list with limits of their own
#: (errors.quoted, errors.listing); this catches whatever else would echo a whole argument.
MAX_MESSAGE_CHARS = 1_000


def _message_line(message: str) -> str:
    """``message`` sanitised (the one place messages are), on one line of bounded length."""
    line = sanitize_line(message)
    if len(line) <= MAX_MESSAGE_CHARS:
        return line
    head, tail = MAX_MESSAGE_CHARS * 3 // 4, MAX_MESSAGE_CHARS // 5
    left_out = len(line) - head - tail
    return f"{line[:head]}…[{left_out:,} characters left out]…{line[-tail:]}"


def status(text: str | None) -> None:
    """A transient status line on a terminal's stderr (progress); None clears it."""
    if not is_terminal(sys.stderr):
        return
    line = "\r\x1b[K" + (sanitize_line(text) if text else "")
    _write_stderr(line)


def stdout_carries(text: str) -> bool:
    """Whether stdout's encoding can carry every character of ``text`` (a narrow locale or
    PYTHONIOENCODING=ascii cannot carry '—')."""
    return _carries(text, getattr(sys.stdout, "encoding", None) or "utf-8")


def _carries(text: str, encoding: str) -> bool:
    """Whether ``encoding`` can carry every character of ``text`` (an encoding Python does not
    know is taken to carry it: the write itself will say)."""
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    except LookupError:
        pass
    return True


def encodable(text: str, encoding: str) -> str:
    """``text`` as ``encoding`` can carry it: typographic stand-ins, then '?' for the rest."""
    if _carries(text, encoding):
        return text
    return text.translate(_ASCII_FALLBACK).encode(encoding, "replace").decode(encoding)


def _write(stream: TextIO | None, text: str) -> None:
    """Write and flush output; a stdout that cannot take it is one error (exit 2)."""
    if stream is None:  # Python found fd 1 closed when it started
        raise WriteError("cannot write the output: stdout is closed")
    encoding = getattr(stream, "encoding", None) or "utf-8"
    text = encodable(text, encoding)
    try:
        raw = getattr(stream, "buffer", None)
        if isinstance(raw, io.RawIOBase) and os.linesep == "\n":
            _write_all(stream, raw, text.encode(encoding, getattr(stream, "errors", "strict")))
        else:
            stream.write(text)
            stream.flush()
    except BrokenPipeError:
        broken_pipe()
    except (OSError, ValueError) as exc:  # ValueError: a closed file object
        _silence_stdout()
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise WriteError(f"cannot write the output: {reason}") from None


def _write_all(stream: TextIO, raw: io.RawIOBase, data: bytes) -> None:
    """Write every byte to an unbuffered stdout (``python -u``, ``PYTHONUNBUFFERED``).

    There the text layer writes once and drops what a short write left over: a reader that
    goes away mid-write would cost the rest silently, with exit 0, instead of exit 141.
    """
    stream.flush()
    view = memoryview(data)
    while view:
        written = raw.write(view)
        if written is None:  # a non-blocking stdout that is full: wait for it
            import select

            select.select([], [raw], [])
            continue
        view = view[written:]


def _write_stderr(text: str) -> None:
    """Write to stderr; when even that fails (closed, full) there is nowhere left to say so."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(encodable(text, getattr(stream, "encoding", None) or "utf-8"))
        stream.flush()
    except (OSError, ValueError):
        pass


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that flushing what is still buffered cannot fail or block."""
    if sys.stdout is None:
        return  # closed from the start: fd 1 may now be a file brief opened, leave it alone
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def broken_pipe() -> None:
    """The reader went away (``| head``): end quietly, as ``cat`` does."""
    _silence_stdout()
    raise SystemExit(EXIT_BROKEN_PIPE)


def interrupted() -> None:
    """Ctrl-C: drop output still buffered for stdout, so that exiting cannot block or fail."""
    _silence_stdout()


def pager_command() -> list[str] | None:
    """The pager to run (:func:`briefcli.config.pager`: $BRIEF_PAGER, the config file, $PAGER,
    $MANPAGER, else ``less -FRX``); None for none.

    An empty value or ``cat`` means no pager. $PAGER comes before $MANPAGER because
    MANPAGER is often set to a filter made for man pages only. A value with shell syntax
    in it (pipes, quotes, variables) runs through ``sh -c``, as git runs its pager.
    """
    import shlex
    import shutil

    from briefcli import config

    chosen = config.pager()
    value = str(chosen.value)
    if not value or value == "cat":
        return None
    if chosen.origin == config.DEFAULT:
        less = shutil.which("less")
        return [less, *shlex.split(value)[1:]] if less else None
    if any(ch in value for ch in "|&;<>()$`\\\"'*?[]#~=%"):
        return ["/bin/sh", "-c", value]
    return shlex.split(value)


def _runs(command: list[str]) -> bool:
    """False for a shell command the shell cannot read (``less '``): it would fail without
    reading the text, which would be lost. The shell says why on stderr."""
    import subprocess

    if command[:2] != ["/bin/sh", "-c"]:
        return True
    try:
        checked = subprocess.run(
            ["/bin/sh", "-n", "-c", command[2]], stdin=subprocess.DEVNULL, check=False
        )
    except OSError:
        return False
    return checked.returncode == 0


def _ignore_interrupts() -> signal.Handlers | None:
    try:
        return signal.signal(signal.SIGINT, signal.SIG_IGN)  # type: ignore[return-value]
    except ValueError:  # not the main thread
        return None


def _page(text: str, command: list[str] | None = None) -> bool:
    """Send ``text`` through the pager (or ``command``); False when there is no usable pager."""
    import subprocess

    command = command or pager_command()
    if command is None or not _runs(command):
        return False
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        sys.stdout.flush()
        process = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    # Ctrl-C belongs to the pager while it runs, as in git: brief waits for it to end.
    # (Ignored only now, after the start, so that the pager itself does not inherit it.)
    previous = _ignore_interrupts()
    try:
        assert process.stdin is not None
        try:
            process.stdin.write(encodable(text, encoding).encode(encoding, "replace"))
            process.stdin.close()
        except BrokenPipeError:
            pass  # the reader quit the pager early
        code = process.wait()
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    shell = command[:2] == ["/bin/sh", "-c"]
    if code < 0:  # killed by a signal (the shell too, for a $PAGER with shell syntax)
        _pager_killed(command[2] if shell else command[0], -code)
    if shell and 128 < code <= 128 + 64:
        _pager_killed(command[2], code - 128)  # as the shell reports its command killed
    # 127 and 126: the shell could not find or run the pager; show the text anyway.
    return code not in (126, 127)


def _pager_killed(program: str, number: int) -> None:
    """The pager died of signal ``number``: Ctrl-C and a closed reader end as they do without
    a pager (130, 141); any other signal is one error, as the text may not have been shown."""
    if number == signal.SIGINT:
        raise KeyboardInterrupt
    if number == signal.SIGPIPE:
        broken_pipe()
    try:
        name = signal.Signals(number).name
    except ValueError:
        name = f"signal {number}"
    raise WriteError(
        f"the pager {quoted(program)} was killed by {name}: the output may not have been "
        "shown whole",
        "run the command again, or with --no-pager",
    )
