"""The one safe reader and writer of files: regular files only, bounded, atomic, no clobbering."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import unicodedata
from pathlib import Path

from briefcli.errors import BriefFileError, WriteError
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


def safe_filename(text: str, suffix: str = "", fallback: str = "brief") -> str:
    """A file name made from data (an id, a title): one harmless path component.

    Letters (any script), digits, ``.``, ``-`` and ``_`` are kept; anything else, including
    slashes, controls, bidi and invisible characters, becomes ``-``. Never empty, never
    ``.``/``..``, never hidden or option-like (no leading ``.`` or ``-``), never a name
    Windows reserves, at most :data:`MAX_NAME_BYTES` bytes with ``suffix``.
    """
    name = _NOT_NAME.sub("-", unicodedata.normalize("NFKC", text)).strip(".-")
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
    if path.is_symlink():
        raise WriteError(f"{sanitize_line(str(path))} is a symbolic link; not writing through it")
    return path


def atomic_write(path: Path, data: bytes, *, force: bool = False, private: bool = False) -> None:
    """Write ``data`` to ``path`` atomically: temp file in the same folder, fsync, rename.

    Without ``force`` an existing file (or link, or anything else) is never replaced, even
    one created by another process while writing: the new file is linked into place, which
    fails rather than overwrites. A symlink at ``path`` is never followed: with ``force`` the
    link itself is replaced by a regular file. Replacing a file keeps its permissions;
    a new file gets the usual ones (``0666`` less the umask), or ``0600`` when ``private``.
    On any failure the old file is intact and no temporary file is left behind.
    """
    shown = sanitize_line(str(path))
    folder = path.parent
    try:
        old: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        old = None
    except OSError as exc:
        raise WriteError(f"cannot write {shown}: {exc.strerror or exc}") from None
    if old is not None and stat.S_ISDIR(old.st_mode):
        raise WriteError(f"{shown} is a directory")
    if old is not None and not force:
        kind = " (a symbolic link)" if stat.S_ISLNK(old.st_mode) else ""
        raise WriteError(f"{shown} exists{kind}; use --force to replace it")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise WriteError(f"cannot write {shown}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
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
        raise WriteError(f"cannot write {shown}: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
    with contextlib.suppress(OSError):
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


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


def read_brief_text(path: str | os.PathLike[str]) -> str:
    """Read a brief file as text: regular files only, size-bounded, strict UTF-8 with a line.

    The size and the kind of file are checked before a byte is read, and the file is opened
    non-blocking and checked again, so a FIFO or a device swapped in never blocks or is read.
    """
    name = sanitize_line(os.fspath(path))
    try:
        _check_regular(os.stat(path), name)
        descriptor = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise BriefFileError(name, "no such file") from None
    except IsADirectoryError:
        raise BriefFileError(name, "is a directory, not a brief file") from None
    except (OSError, ValueError, UnicodeError) as exc:
        raise BriefFileError(name, f"cannot read: {_os_reason(exc)}") from None
    try:
        with open(descriptor, "rb", closefd=True) as handle:
            _check_regular(os.fstat(handle.fileno()), name)
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise BriefFileError(name, f"cannot read: {_os_reason(exc)}") from None
    except MemoryError:
        raise BriefFileError(name, "too large to read into memory") from None
    if len(data) > MAX_FILE_BYTES:
        raise BriefFileError(name, f"grew past {MAX_FILE_BYTES:,} bytes while being read")
    return decode_text(data, name)


_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def _check_regular(info: os.stat_result, name: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise BriefFileError(name, "is a directory, not a brief file")
    if not stat.S_ISREG(info.st_mode):
        kind = (
            "a FIFO" if stat.S_ISFIFO(info.st_mode)
            else "a socket" if stat.S_ISSOCK(info.st_mode)
            else "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
            else "not a regular file"
        )  # fmt: skip
        raise BriefFileError(name, f"is {kind}, not a brief file (only regular files are read)")
    if info.st_size > MAX_FILE_BYTES:
        raise BriefFileError(
            name, f"is {info.st_size:,} bytes; a brief may be at most {MAX_FILE_BYTES:,} bytes"
        )


def _os_reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return sanitize_line(str(exc)) or type(exc).__name__


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
