"""Safe writes: atomic replace, no clobber without force, no following symlinks out of place."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from briefcli.errors import WriteError
from briefcli.sanitize import sanitize_line


def atomic_write(path: Path, data: bytes, *, force: bool = False, private: bool = False) -> None:
    """Write ``data`` to ``path`` atomically: temp file in the same folder, fsync, rename.

    Without ``force`` an existing file is never replaced. A symlink at ``path`` is never
    followed: with ``force`` the link itself is replaced by a regular file. On any failure the
    old file is intact and no temporary file is left behind.
    """
    shown = sanitize_line(str(path))
    folder = path.parent
    if path.is_symlink() and not force:
        raise WriteError(f"{shown} exists (a symbolic link); use --force to replace it")
    if path.exists() and not force:
        raise WriteError(f"{shown} exists; use --force to overwrite it")
    if path.exists() and path.is_dir():
        raise WriteError(f"{shown} is a directory")
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
        if not private:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)
        if not force and path.exists():
            raise WriteError(f"{shown} exists; use --force to overwrite it")
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise WriteError(f"cannot write {shown}: {exc.strerror or exc}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    with contextlib.suppress(OSError):
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
