"""The one safe reader and writer of files: regular files only, bounded, atomic, no clobbering.

Everything brief reads from disk (briefs, reports, overlays, the index's copies of briefs, cache
entries, the remembered default) goes through :func:`read_file`, and everything it writes
(exports, imports, cache entries, the default) through :func:`atomic_write` (or
:func:`atomic_write_with`, for a file written a piece at a time). In brief's own
folders (cache, data, config) neither follows a symbolic link nor touches anything but a
regular file: those are places other programs could point elsewhere.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, NamedTuple

from briefcli.errors import BriefFileError, UsageError, WriteError
from briefcli.sanitize import sanitize_line

#: Longest file name made from data, in UTF-8 bytes (most file systems allow 255).
MAX_NAME_BYTES = 120

#: Names Windows reserves for devices in every folder, whatever the extension (also refused
#: on a share); NFKC makes 'COM¹' 'com1'. The one table: brief ids avoid these names too.
RESERVED_NAMES = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(10)}
)
_NOT_NAME = re.compile(r"[^\w.\-]+")

#: Largest brief file read, checked before reading (8 MiB: the shipped brief is 36 KB).
MAX_FILE_BYTES = 8 * 1024 * 1024

#: What ``-o`` / ``--output`` takes as standard output: the stream is written, and the node
#: (``/dev/stdout`` is a link to the terminal, a pipe or a file) is never replaced.
STDOUT_NAMES = ("-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1")
#: What ``brief import`` takes as standard input, as ``-o`` takes :data:`STDOUT_NAMES`: the
#: stream is read (a pipe is the point), where the one safe reader would refuse a FIFO.
STDIN_NAMES = ("-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0")


class Kind(NamedTuple):
    """How messages name a kind of file: '… is a FIFO, not a brief file', 'a brief may be …'."""

    noun: str
    short: str


BRIEF = Kind("a brief file", "a brief")
REPORT = Kind("a report", "a report")
OVERLAY = Kind("an overlay file", "an overlay")
OWN = Kind("a file brief made", "a file brief made")


# -- names ------------------------------------------------------------------------------------


def safe_filename(text: str, suffix: str = "", fallback: str = "brief") -> str:
    """A file name made from data (an id, a title): one harmless path component.

    Letters (any script), digits, ``.``, ``-`` and ``_`` are kept; anything else, including
    slashes, controls, bidi and invisible characters, becomes ``-``. Never empty, never
    ``.``/``..``, never hidden or option-like (no leading ``.`` or ``-``), never a name
    Windows reserves, at most :data:`MAX_NAME_BYTES` bytes with ``suffix``.
    """
    import unicodedata

    from briefcli.sanitize import has_unsafe

    name = _NOT_NAME.sub("-", unicodedata.normalize("NFKC", text))
    if has_unsafe(name):  # invisible "letters" such as the Hangul fillers are not \w-safe
        name = "".join("-" if has_unsafe(ch) else ch for ch in name)
    name = name.strip(".-")
    budget = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
    while len(name.encode("utf-8")) > budget:
        name = name[:-1]
    name = name.rstrip(".-")
    if not name or name.split(".")[0].casefold() in RESERVED_NAMES:
        name = f"{fallback}-{name}" if name else fallback
    return name + suffix


def child_path(folder: Path, name: str, suffix: str = "") -> Path:
    """``folder / name`` for a name made from data, refusing anything that leaves ``folder``.

    The name goes through :func:`safe_filename` first; an existing symbolic link at the
    result is refused too, so nothing written there can land outside ``folder``.
    """
    path = folder / safe_filename(name, suffix)
    if path.parent != folder:  # pragma: no cover - safe_filename never yields a separator
        raise WriteError(f"{sanitize_line(name)} is not a plain file name")
    try:
        info = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return path
    except OSError as exc:
        raise WriteError(f"cannot write {sanitize_line(str(path))}: {_os_reason(exc)}") from None
    if stat.S_ISLNK(info.st_mode):
        raise WriteError(f"{sanitize_line(str(path))} is a symbolic link; not writing through it")
    return path


def output_target(option: str) -> Path | None:
    """Where ``-o OPTION`` writes: None for standard output (:data:`STDOUT_NAMES`), else a path.

    ``/dev/stdout`` means the stream, as ``-`` does: brief writes to it and never replaces the
    node, whatever stdout is (a terminal, a pipe, a file). Other special files are refused when
    written (see :func:`atomic_write`).
    """
    if not option.strip():
        raise UsageError("--output needs a path, or '-' for stdout")
    if option in STDOUT_NAMES:
        return None
    return Path(option)


# -- writing ----------------------------------------------------------------------------------


def atomic_write(
    path: Path,
    data: bytes,
    *,
    force: bool = False,
    private: bool = False,
    own: bool = False,
) -> None:
    """Write ``data`` to ``path`` atomically: temp file in the same folder, fsync, rename.

    Without ``force`` an existing file is never replaced, even one created by another process
    while writing: the new file is linked into place, which fails rather than overwrites.
    Only a regular file is ever replaced: a FIFO, device, socket or folder is refused even
    with ``force``. A symbolic link is never written through; a path the user gave that is a
    link is refused (``/dev/stderr`` is one), while in brief's own folders (``own``: cache,
    data, config) the link itself is replaced by a regular file with ``force``. A missing
    folder is refused, as ``cp`` does, unless ``own`` (brief makes its own folders).
    Replacing a file keeps its permissions; a new file gets the usual ones (``0666`` less the
    umask), or ``0600`` when ``private``. On any failure, Ctrl-C, SIGTERM or SIGHUP the old
    file is intact and no temporary file is left behind.
    """
    atomic_write_with(
        path, lambda stream: stream.write(data), force=force, private=private, own=own
    )


def atomic_write_with(
    path: Path,
    write: Callable[[IO[bytes]], object],
    *,
    force: bool = False,
    private: bool = False,
    own: bool = False,
) -> None:
    """:func:`atomic_write` of what ``write`` writes into the temporary file, a piece at a time.

    The file is open for reading too, so that ``write`` can check what it wrote; when it
    raises, nothing is written and the temporary file is removed (an ``OSError`` is a
    :class:`WriteError` naming ``path``, any other exception goes on as it is).
    """
    import tempfile

    shown = sanitize_line(str(path))
    folder = path.parent
    old = _target_status(path, shown, own)
    if old is not None and not force:
        kind = " (a symbolic link)" if stat.S_ISLNK(old.st_mode) else ""
        raise WriteError(f"{shown} exists{kind}; use --force to replace it")
    try:
        if own:
            folder.mkdir(parents=True, exist_ok=True)
        elif not folder.is_dir():
            missing = "is not a folder" if os.path.lexists(folder) else "does not exist"
            raise WriteError(
                f"cannot write {shown}: the folder {sanitize_line(str(folder))} {missing}",
                "create the folder first; brief does not create folders for --output",
            )
    except OSError as exc:
        raise WriteError(f"cannot write {shown}: {_os_reason(exc)}") from None
    with _Cleanup() as cleanup:
        try:
            handle, temp = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".tmp", dir=folder)
        except OSError as exc:
            raise WriteError(f"cannot write {shown}: {_os_reason(exc)}") from None
        try:
            with os.fdopen(handle, "w+b") as stream:
                cleanup.arm()  # from here a signal raises; the finally below removes the file
                write(stream)
                stream.flush()
                os.fsync(stream.fileno())
            if private:
                pass  # mkstemp made it 0600
            elif old is not None and stat.S_ISREG(old.st_mode):
                os.chmod(temp, stat.S_IMODE(old.st_mode))
            else:
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(temp, 0o666 & ~umask)
            if force:
                os.replace(temp, path)
            else:
                _link_no_clobber(temp, path, shown)
        except OSError as exc:
            raise WriteError(f"cannot write {shown}: {_os_reason(exc)}") from None
        finally:
            cleanup.defer()  # a signal now waits until the temp file is gone
            with contextlib.suppress(OSError):
                os.unlink(temp)
    with contextlib.suppress(OSError):
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def _target_status(path: Path, shown: str, own: bool) -> os.stat_result | None:
    """The status of what is at ``path`` now (None: nothing), refusing what is never replaced."""
    try:
        old = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise WriteError(f"cannot write {shown}: {_os_reason(exc)}") from None
    if stat.S_ISDIR(old.st_mode):
        raise WriteError(f"{shown} is a directory")
    if stat.S_ISLNK(old.st_mode) and not own:
        raise WriteError(
            f"{shown} is a symbolic link; brief neither writes through a link nor replaces it",
            "give the path of the file it points to, or '-o -' for stdout",
        )
    if not stat.S_ISREG(old.st_mode) and not stat.S_ISLNK(old.st_mode):
        raise WriteError(
            f"{shown} is {_kind(old)}; brief replaces only regular files",
            "use '-o -' to write to stdout",
        )
    return old


def _link_no_clobber(temp: str, path: Path, shown: str) -> None:
    """Put ``temp`` at ``path`` only if nothing is there: a hard link fails if it exists."""
    try:
        os.link(temp, path, follow_symlinks=False)
    except FileExistsError:
        raise WriteError(f"{shown} exists; use --force to replace it") from None
    except OSError:
        # No hard links on this file system (some FUSE or FAT mounts): check, then rename.
        if os.path.lexists(path):
            raise WriteError(f"{shown} exists; use --force to replace it") from None
        os.replace(temp, path)


class _Terminated(BaseException):
    """SIGTERM or SIGHUP arrived while a temp file existed (raised to run the clean-up)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class _Cleanup:
    """``with _Cleanup() as c:`` makes SIGINT, SIGTERM and SIGHUP clean up before they act.

    Between :meth:`arm` and :meth:`defer` such a signal raises (KeyboardInterrupt, or an
    internal exception for the others) so that ``finally`` clauses remove the temp file; at
    other times in the block it is only remembered. On leaving the block the old handlers come
    back and a remembered signal acts as it would have: Ctrl-C raises KeyboardInterrupt,
    SIGTERM and SIGHUP are sent again, so the process ends by that signal (exit 143, 129).
    Only signals left at their default action are taken over (``nohup`` keeps SIGHUP ignored).
    """

    _NAMES = ("SIGINT", "SIGTERM", "SIGHUP")

    def __init__(self) -> None:
        self.previous: dict[int, Any] = {}
        self.armed = False
        self.received: int | None = None

    def __enter__(self) -> _Cleanup:
        import signal
        import threading

        if threading.current_thread() is not threading.main_thread():
            return self  # signals reach only the main thread; nothing to take over
        for name in self._NAMES:
            number = getattr(signal, name, None)
            if number is None:
                continue
            current = signal.getsignal(number)
            default = signal.default_int_handler if name == "SIGINT" else signal.SIG_DFL
            if current is default:
                self.previous[number] = signal.signal(number, self._handle)
        return self

    def _handle(self, number: int, _frame: object) -> None:
        self.received = self.received or number
        if self.armed:
            self.armed = False
            raise _Terminated(number)

    def arm(self) -> None:
        """From now on a signal raises at once (and one that came already raises now)."""
        self.armed = True
        if self.received is not None:
            self.armed = False
            raise _Terminated(self.received)

    def defer(self) -> None:
        """From now on a signal is only remembered until the block ends."""
        self.armed = False

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        import signal

        self.armed = False
        for number, handler in self.previous.items():
            signal.signal(number, handler)
        received = value.signum if isinstance(value, _Terminated) else self.received
        if received is None or not self.previous:
            return
        if received == signal.SIGINT:
            raise KeyboardInterrupt
        signal.raise_signal(received)  # the default action: the process ends here


# -- reading ----------------------------------------------------------------------------------


def read_file(
    path: str | os.PathLike[str],
    kind: Kind = BRIEF,
    *,
    limit: int = MAX_FILE_BYTES,
    own: bool = False,
) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; :class:`BriefFileError` if not.

    The kind of file and its size are checked before a byte is read, and the file is opened
    non-blocking and checked again, so a FIFO or a device swapped in never blocks or is read.
    ``own`` is for files in brief's own folders: a symbolic link there is refused, not followed.
    Messages name the file as ``kind`` says (a brief file, a report…).
    """
    name = sanitize_line(os.fspath(path))
    flags = _OPEN_FLAGS | (_NO_FOLLOW if own else 0)
    try:
        _check_regular(os.lstat(path) if own else os.stat(path), name, kind, limit)
        descriptor = os.open(path, flags)
    except (FileNotFoundError, NotADirectoryError):
        raise BriefFileError(name, "no such file") from None
    except IsADirectoryError:
        raise BriefFileError(name, f"is a directory, not {kind.noun}") from None
    except (OSError, ValueError, UnicodeError) as exc:
        raise BriefFileError(name, f"cannot read: {_os_reason(exc)}") from None
    try:
        with open(descriptor, "rb", closefd=True) as handle:
            size = os.fstat(handle.fileno())
            _check_regular(size, name, kind, limit)
            # Ask for the size it has (asking for ``limit`` allocates that much each time);
            # a file that grew since is read on, still within the bound.
            data = handle.read(size.st_size + 1)
            if len(data) > size.st_size:
                data += handle.read(limit + 1 - len(data))
    except OSError as exc:
        raise BriefFileError(name, f"cannot read: {_os_reason(exc)}") from None
    except MemoryError:
        raise BriefFileError(name, "too large to read into memory") from None
    if len(data) > limit:
        raise BriefFileError(name, f"grew past {limit:,} bytes while being read")
    return data


def read_stdin(limit: int) -> bytes:
    """Standard input, read to ``limit`` bytes and one more (more than ``limit``: the caller
    refuses it, reading no further, for how much more there is is unknown); stdin may be
    anything, a pipe being the point. OSError when there is no stdin to read."""
    import errno
    import sys

    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise OSError(errno.EBADF, "stdin is closed")
    try:
        data: bytes = stream.read(limit + 1)
    except ValueError:  # closed by the caller
        raise OSError(errno.EBADF, "stdin is closed") from None
    return data


def read_brief_text(path: str | os.PathLike[str], kind: Kind = BRIEF) -> str:
    """Read a brief (or overlay) file as text: :func:`read_file`, then strict UTF-8 with a line."""
    return decode_text(read_file(path, kind), sanitize_line(os.fspath(path)))


_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _kind(info: os.stat_result) -> str:
    mode = info.st_mode
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"


def _check_regular(info: os.stat_result, name: str, kind: Kind, limit: int) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise BriefFileError(name, f"is a directory, not {kind.noun}")
    if stat.S_ISLNK(info.st_mode):
        raise BriefFileError(
            name, "is a symbolic link; brief does not follow links in its own folders"
        )
    if not stat.S_ISREG(info.st_mode):
        error = BriefFileError(
            name, f"is {_kind(info)}, not {kind.noun} (only regular files are read)"
        )
        if kind is REPORT and stat.S_ISFIFO(info.st_mode):
            # `brief import <(command)` names a pipe: stdin is where a pipe is read.
            error.hint = "to import what a command prints, pipe it: COMMAND | brief import -"
        raise error
    if info.st_size > limit:
        raise BriefFileError(
            name, f"is {info.st_size:,} bytes; {kind.short} may be at most {limit:,} bytes"
        )


def _os_reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return sanitize_line(str(exc)) or type(exc).__name__


def text_codec(label: str | None) -> str | None:
    """The codec a charset label names (a server's ``charset=``, a page's ``<meta>``), when it
    decodes any bytes to text with ``errors="replace"``; None for an unknown label or one that
    names no text encoding (``rot13``, ``base64``, ``zlib``, ``idna``, ``punycode``)."""
    import codecs
    import warnings

    if not label:
        return None
    try:
        codec = codecs.lookup(label).name
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # unicode_escape warns of the escapes it meets
            bytes(range(256)).decode(codec, errors="replace")
    except (LookupError, UnicodeError, ValueError, TypeError, Warning):
        return None
    return codec


def decode_text(data: bytes, name: str) -> str:
    """Decode UTF-8 (a byte order mark is allowed); invalid bytes are an error with a line."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", "replace")) + 1
        hint = ""
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            hint = "; it looks like UTF-16: save it as UTF-8"
        elif b"\x00" in data[:1024]:
            hint = "; it looks like a binary file"
        raise BriefFileError(
            name, f"not valid UTF-8 (byte 0x{data[exc.start]:02x}){hint}", line, column
        ) from None
