"""Safe writes: atomic replace, no clobber without force, no following symlinks out of place."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import unicodedata
from pathlib import Path

from briefcli.errors import WriteError
from briefcli.sanitize import sanitize_line

#: Longest file name made from data, in UTF-8 bytes (most file systems allow 255).
MAX_NAME_BYTES = 120

# Names Windows reserves in every folder, whatever the extension (also refused on a share).
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(10)}
_NOT_NAME = re.compile(r"[^\w.\-]+")


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
    if not name or name.split(".")[0].casefold() in _RESERVED:
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
