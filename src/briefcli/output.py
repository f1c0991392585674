"""The only writer: terminal and colour decisions, width, pager, encoding and broken pipes."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from briefcli.errors import EXIT_BROKEN_PIPE
from briefcli.sanitize import sanitize_line

if TYPE_CHECKING:
    from rich.console import RenderableType

#: Widest measure used on a terminal: long lines are hard to read on very wide screens.
READABLE_WIDTH = 100
#: Width assumed when a terminal does not say.
FALLBACK_WIDTH = 80
COLOR_CHOICES = ("auto", "always", "never")

# Stand-ins for common typographic characters when stdout cannot encode them.
_ASCII_FALLBACK = str.maketrans(
    {
        "‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "--", "•": "*",
        "·": "*", "…": "...", "\u00a0": " ", "§": "S.", "→": "->", "«": "<<", "»": ">>",
    }
)  # fmt: skip


@dataclass(frozen=True)
class OutputSettings:
    """How to write: decided once per command from the options and the environment."""

    styled: bool  # Rich layout (a terminal, or --color always)
    color: bool  # escape codes for colour and emphasis
    width: int | None  # wrap width; None means no hard wraps (plain text)
    pager: bool  # send long output through a pager
    height: int = 24


def _is_tty(stream: TextIO) -> bool:
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
    env_columns, env_lines = os.environ.get("COLUMNS", ""), os.environ.get("LINES", "")
    if env_columns.isdigit() and int(env_columns) > 0:
        columns = int(env_columns)
    if env_lines.isdigit() and int(env_lines) > 0:
        lines = int(env_lines)
    return (columns or FALLBACK_WIDTH, lines or 24)


def decide(
    color: str = "auto", width: int | None = None, pager: bool = True, stream: TextIO | None = None
) -> OutputSettings:
    """Settings from --color, --width and --no-pager, the environment and the stream."""
    stream = stream or sys.stdout
    tty = _is_tty(stream)
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
    if width is not None and width > 0:
        wrap: int | None = width
    elif styled:
        wrap = min(columns, READABLE_WIDTH)
    else:
        wrap = None
    return OutputSettings(styled, colored, wrap, pager and tty and styled, lines)


def to_ansi(renderable: RenderableType, settings: OutputSettings) -> str:
    """Typeset a Rich renderable into a string, with escape codes only when colour is on."""
    import io

    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=max(settings.width or FALLBACK_WIDTH, 1),
        force_terminal=settings.color,
        color_system="auto" if settings.color else None,
        no_color=not settings.color,
        highlight=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
        soft_wrap=False,
    )
    console.print(renderable)
    return buffer.getvalue()


def emit(text: str, settings: OutputSettings | None = None, stream: TextIO | None = None) -> None:
    """Write finished output to stdout (through the pager when it is long on a terminal)."""
    stream = stream or sys.stdout
    long_on_terminal = (
        settings is not None and settings.pager and text.count("\n") >= settings.height
    )
    if not (long_on_terminal and _page(text)):
        _write(stream, text)


def error(message: str, hint: str | None = None) -> None:
    """One line on stderr: ``brief: error: message`` (and a hint line when there is one)."""
    line = f"brief: error: {sanitize_line(message)}\n"
    if hint:
        line += f"brief: hint: {sanitize_line(hint)}\n"
    _write(sys.stderr, line)


def warning(message: str) -> None:
    """One line on stderr: ``brief: warning: message``; the command goes on."""
    _write(sys.stderr, f"brief: warning: {sanitize_line(message)}\n")


def status(text: str | None) -> None:
    """A transient status line on a terminal's stderr (progress); None clears it."""
    if not _is_tty(sys.stderr):
        return
    line = "\r\x1b[K" + (sanitize_line(text) if text else "")
    _write(sys.stderr, line)


def _write(stream: TextIO, text: str) -> None:
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        text = text.translate(_ASCII_FALLBACK).encode(encoding, "replace").decode(encoding)
    except LookupError:
        pass
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        broken_pipe()


def broken_pipe() -> None:
    """The reader went away (``| head``): end quietly, as ``cat`` does."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    raise SystemExit(EXIT_BROKEN_PIPE)


def _pager_command() -> list[str] | None:
    import shlex
    import shutil

    for name in ("BRIEF_PAGER", "MANPAGER", "PAGER"):
        value = os.environ.get(name)
        if value is not None:
            value = value.strip()
            if not value or value == "cat":
                return None
            try:
                return shlex.split(value)
            except ValueError:
                return None
    less = shutil.which("less")
    return [less, "-FRX"] if less else None


def _page(text: str) -> bool:
    """Send ``text`` through the pager; False when there is no usable pager."""
    import subprocess

    command = _pager_command()
    if command is None:
        return False
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    try:
        assert process.stdin is not None
        process.stdin.write(text.encode(encoding, "replace"))
        process.stdin.close()
    except BrokenPipeError:
        pass  # the reader quit the pager early
    while True:
        try:
            process.wait()
            break
        except KeyboardInterrupt:
            continue  # Ctrl-C belongs to the pager, as in git
    return True
