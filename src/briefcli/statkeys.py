"""The stat key of every brief file in a library folder, as one text; taken early, in parallel.

``brief list`` and ``brief search --all`` check every file of the library by the freshness rule
(:mod:`briefcli.freshness`) before they answer: a file edited in place changes only its own
status, never its folder's, so nothing short of stat-ing each file sees it. For 10,000 files
that is about 20 ms of system calls. :func:`listing` makes them one byte string per folder
(:func:`records`: the sorted names, then their keys), whose digest the index compares with that
of the same string made from its rows (:meth:`briefcli.index.Index.listing`).

:func:`prefetch`, called by the console script before it imports Typer when the command line
looks like a library-wide command, forks a process that takes these listings while brief
starts up; :func:`take` hands them over. The stats then cost the command no time on a
machine with a second core. When a folder changed since the index was last written (a file added,
removed, or saved by renaming a new one over it), the same process then reads and parses the
files whose stat keys changed (:func:`briefcli.index.early_work`), which :func:`early` hands
over: the command no longer imports PyYAML and parses them on its own core. Without a
prefetch (tests, other entry points, no ``fork``) the command does all of it itself.

The console script imports this module before anything else: it imports only ``os`` at the top.
"""

from __future__ import annotations

import os

#: File endings of brief files in a library folder (catalog.SUFFIXES: this module loads first).
SUFFIXES = (".yaml", ".yml")
#: Between the names of :func:`records` (it cannot be in a file's name).
RECORD = "\0"


class Listing(tuple[bytes, bytes, tuple[str, ...]]):
    """A folder's brief files as :func:`listing` finds them: (records, digest, unnamed).

    A plain tuple, not a ``typing.NamedTuple``: this module is imported before ``typing``.
    """

    __slots__ = ()

    def __new__(cls, records: bytes, digest: bytes, unnamed: tuple[str, ...]) -> Listing:
        return super().__new__(cls, (records, digest, unnamed))

    @property
    def records(self) -> bytes:
        """:func:`records` of the files whose names the index can hold (valid UTF-8)."""
        return self[0]

    @property
    def digest(self) -> bytes:
        """The records' digest (:func:`digest`): what is compared on every run."""
        return self[1]

    @property
    def unnamed(self) -> tuple[str, ...]:
        """The paths of the brief files whose names are not valid UTF-8 (listed as broken)."""
        return self[2]


def brief_path_folders() -> list[str]:
    """The folders named in ``BRIEF_PATH`` (colon-separated, empty entries left out), as
    written but for a leading ``~``."""
    return [
        os.path.expanduser(part)
        for part in os.environ.get("BRIEF_PATH", "").split(os.pathsep)
        if part.strip()
    ]


def digest(data: bytes) -> bytes:
    """A digest of a folder's records, or of a file: equal digests, equal data (BLAKE2b,
    128 bits)."""
    try:  # what hashlib.blake2b is, without hashlib loading OpenSSL first (2.5 ms)
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - another Python
        from hashlib import blake2b
    return blake2b(data, digest_size=16).digest()


class UnreadableFolder(Exception):
    """The folder exists but cannot be listed (the caller says so in its own words)."""

    def __init__(self, folder: str, error: OSError) -> None:
        super().__init__(folder)
        self.folder, self.error = folder, error


def listing(folder: str) -> Listing:
    """The brief files of ``folder`` (``*.yaml``, ``*.yml``, not hidden, regular files or links
    to one) with their stat keys. A folder that is gone is empty; one that cannot be read raises
    :class:`UnreadableFolder`."""
    import stat

    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except (FileNotFoundError, NotADirectoryError):
        return Listing(records([], []), digest(records([], [])), ())
    except OSError as exc:
        raise UnreadableFolder(folder, exc) from None
    kept: list[str] = []
    keys: list[int] = []
    try:
        try:
            names = [n for n in os.listdir(descriptor) if n.endswith(SUFFIXES) and n[0] != "."]
        except OSError as exc:
            raise UnreadableFolder(folder, exc) from None
        names.sort()
        # The loop every library-wide command runs over every file: locals, one call a file.
        status, regular, keep, key = os.stat, stat.S_ISREG, kept.append, keys.extend
        for name in names:
            try:
                info = status(name, dir_fd=descriptor)  # follows a link, as reading does
            except OSError:
                continue  # gone since, or a dangling link: not a brief file
            if regular(info.st_mode):  # a FIFO or device is never read
                keep(name)
                key((info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev))
    finally:
        os.close(descriptor)
    unnamed: tuple[str, ...] = ()
    try:
        RECORD.join(kept).encode("utf-8")
    except UnicodeEncodeError:  # rare: take out the names the index cannot hold
        storable = [_storable(name) for name in kept]
        pairs = list(zip(kept, storable, strict=True))
        unnamed = tuple(os.path.join(folder, n) for n, ok in pairs if not ok)
        keys = [k for n, ok in enumerate(storable) if ok for k in keys[5 * n : 5 * n + 5]]
        kept = [n for n, ok in pairs if ok]
    data = records(kept, keys)
    return Listing(data, digest(data), unnamed)


def _storable(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def records(names: list[str], keys: list[int]) -> bytes:
    """Files ``names`` (sorted, valid UTF-8) with their stat keys (``keys``: five a file, in
    order, as :data:`briefcli.freshness.KEY_FIELDS`) as one byte string: the names, then the
    keys as 64-bit integers (as text if one does not fit). The one form both sides compare."""
    from array import array

    joined = RECORD.join(names).encode("utf-8")
    try:
        numbers = b"q" + array("q", keys).tobytes()
    except OverflowError:
        numbers = b"t" + " ".join(map(str, keys)).encode("ascii")
    return b"%d %d\n" % (len(names), len(joined)) + joined + numbers


def parse_records(data: bytes) -> dict[str, tuple[int, ...]]:
    """Each file's name → its stat key, from :func:`records`."""
    from array import array

    head, _, rest = data.partition(b"\n")
    count, size = (int(part) for part in head.split())
    names = rest[:size].decode("utf-8").split(RECORD) if count else []
    kind, numbers = rest[size : size + 1], rest[size + 1 :]
    keys: list[int] = (
        array("q", numbers).tolist() if kind == b"q" else [int(k) for k in numbers.split()]
    )
    return {name: tuple(keys[5 * n : 5 * n + 5]) for n, name in enumerate(names)}


def keys_of(data: bytes, names: list[str]) -> dict[str, tuple[int, ...] | None]:
    """The stat keys that :func:`records` ``data`` holds for ``names`` (None: not there)."""
    from array import array
    from bisect import bisect_left

    head, _, rest = data.partition(b"\n")
    count, size = (int(part) for part in head.split())
    listed = rest[:size].decode("utf-8").split(RECORD) if count else []
    kind, numbers = rest[size : size + 1], rest[size + 1 :]
    found: dict[str, tuple[int, ...] | None] = {}
    for name in names:
        at = bisect_left(listed, name)
        if at == len(listed) or listed[at] != name:
            found[name] = None
        elif kind == b"q":
            found[name] = tuple(array("q", numbers[40 * at : 40 * at + 40]))
        else:
            found[name] = tuple(int(k) for k in numbers.split()[5 * at : 5 * at + 5])
    return found


def differing(now: bytes, known: bytes) -> list[str] | None:
    """The names whose keys differ between two :func:`records` of the same names (files edited
    or replaced, none added or removed): found by halving the keys, each half compared in one
    piece, so a few changes among 10,000 files cost a few dozen comparisons. None when the
    names differ (or a key was kept as text): :func:`parse_records` then tells."""
    head, _, rest = now.partition(b"\n")
    size = int(head.split()[1])
    if (
        not known.startswith(head + b"\n")
        or known[: len(head) + 2 + size] != now[: len(head) + 2 + size]
    ):
        return None
    start = len(head) + 2 + size
    if now[start - 1 : start] != b"q" or known[start - 1 : start] != b"q":
        return None
    width = 5 * 8  # five 64-bit integers a file
    found: list[int] = []

    def halve(low: int, high: int) -> None:  # files low..high-1
        if (
            now[start + low * width : start + high * width]
            == known[start + low * width : start + high * width]
        ):
            return
        if high - low == 1:
            found.append(low)
            return
        middle = (low + high) // 2
        halve(low, middle)
        halve(middle, high)

    count = (len(now) - start) // width
    if count != (len(known) - start) // width:
        return None
    halve(0, count)
    if not found:
        return []
    names = rest[:size].decode("utf-8").split(RECORD)
    return [names[n] for n in found]


# -- taken in a forked process while brief starts ----------------------------------------------

#: The prefetching process and the read end of its pipe, until it is done (:func:`early`).
_child: tuple[int, int] | None = None
#: What the prefetching process found: folder → listing (or None: it could not list it).
_taken: dict[str, Listing | None] = {}
#: What the prefetching process sent, by kind: b"L" its listings, b"E" its early work.
_frames: dict[bytes, bytes] = {}


def prefetch() -> None:
    """Fork a process that takes the listing of every folder in BRIEF_PATH (see :func:`take`),
    then reads the files that changed (see :func:`early`)."""
    global _child
    if _child is not None or not hasattr(os, "fork"):
        return
    _frames.clear()  # what an earlier process sent is not this one's
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return
    try:  # room for 10,000 files' records (Linux): the process writes them and is done
        import fcntl

        if hasattr(fcntl, "F_SETPIPE_SZ"):
            fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 1 << 20)
    except (ImportError, OSError):
        pass
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return
    if pid == 0:  # pragma: no cover - the forked process (tests read what it writes)
        code = 0
        try:
            os.close(read_end)
            # Its standard streams on /dev/null: it never holds the command's terminal or
            # pipes open (a reader of the command's output waits for every writer), nor prints.
            null = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(null, fd)
            os.close(null)
            _send(write_end)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    _child = (pid, read_end)


def _send(out: int) -> None:
    """In the forked process: list the folders in BRIEF_PATH and write the listings to ``out``;
    then, when a folder changed since the index was written, what
    :func:`briefcli.index.early_work` reads of the files that changed."""
    # Ctrl-C raises KeyboardInterrupt here as anywhere, which prefetch() turns into a quiet
    # exit (importing signal to change that would cost this process 5 ms: it loads enum).
    moved = folders_changed()
    parts: list[bytes] = []
    done: set[str] = set()

    def add(folder: str) -> None:
        if folder in done or not os.path.isdir(folder):
            return
        done.add(folder)
        try:
            found: Listing | None = listing(folder)
        except UnreadableFolder:
            found = None  # the command lists it again and says what is wrong
        fields = [os.fsencode(folder)]
        if found is None:
            fields += [b"", b"", b""]
        else:
            unnamed = RECORD.join(found.unnamed).encode("utf-8", "surrogateescape")
            fields += [found.digest, found.records, unnamed]
        parts.append((" ".join(str(len(field)) for field in fields) + "\n").encode("ascii"))
        parts.extend(fields)

    # Only BRIEF_PATH's folders, where large libraries live: finding the shipped folder and the
    # user's library folder would cost this process more imports than listing them costs the
    # command (they hold few files: the command lists them itself).
    for named in brief_path_folders():
        add(os.path.realpath(named))
    data = b"".join(parts)
    _frame(out, b"L", data)
    if moved:
        from briefcli.index import early_work

        _frame(out, b"E", early_work(_parse(data)))
    os.close(out)


def folders_changed() -> bool:
    """Whether a folder of BRIEF_PATH changed (its status: a file added, removed, or saved by
    renaming a new one over it) since the index was last written, or there is no index: a
    guess at what is worth doing early, never at what is fresh."""
    from briefcli.paths import index_file

    location = index_file()
    written = 0
    for suffix in ("", "-wal"):
        try:
            written = max(written, os.stat(location + suffix).st_mtime_ns)
        except OSError:
            if not suffix:
                return True
    for folder in brief_path_folders():
        try:
            if os.stat(folder).st_ctime_ns >= written:
                return True
        except OSError:
            continue
    return False


def _frame(out: int, kind: bytes, data: bytes) -> None:
    """Write ``data`` to ``out``: its kind (one byte), its length, then it."""
    view = memoryview(kind + b"%d\n" % len(data) + data)
    while view:
        view = view[os.write(out, view) :]


def _receive(kind: bytes, wait: float | None) -> bool:
    """Read what the prefetching process sends until a piece of ``kind`` has come (True), it
    ended without one, or ``wait`` seconds went by (None: no limit)."""
    global _child
    import time

    deadline = None if wait is None else time.monotonic() + wait
    while kind not in _frames and _child is not None:
        pid, read_end = _child
        if deadline is not None and not _readable(read_end, deadline - time.monotonic()):
            return False
        try:
            got = _read_frame(read_end)
        except (OSError, ValueError):
            got = None
        if got is None:  # it ended (or sent garbage): collect it
            _child = None
            os.close(read_end)
            os.waitpid(pid, 0)
        else:
            _frames[got[0]] = got[1]
            if got[0] == b"L":
                _taken.update(_parse(got[1]))
            if b"L" in _frames and b"E" in _frames:  # all it sends: it is ending
                _child = None
                os.close(read_end)
                os.waitpid(pid, 0)
    return kind in _frames


def _read_frame(fd: int) -> tuple[bytes, bytes] | None:
    """One piece :func:`_frame` wrote to ``fd`` (kind, data); None at the end."""
    head = b""
    while not head.endswith(b"\n"):
        byte = os.read(fd, 1)
        if not byte or len(head) > 20:
            return None
        head += byte
    size = int(head[1:])
    chunks: list[bytes] = []
    while size > 0:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return head[:1], b"".join(chunks)


def _readable(fd: int, wait: float) -> bool:
    import select

    readable, _, _ = select.select([fd], [], [], max(wait, 0))
    return bool(readable)


def ready() -> bool:
    """Whether :func:`take` would answer at once: no prefetching process, or one that has
    sent its listings (it sends them all at once)."""
    while _child is not None and b"L" not in _frames and _readable(_child[1], 0):
        _receive(b"L", 0)  # what has come (a piece is written at once)
    return _child is None or b"L" in _frames


def take(folder: str) -> Listing | None:
    """The listing of ``folder`` taken by the prefetching process (None when there was none,
    or it did not list that folder, or could not: the caller lists it itself)."""
    _receive(b"L", None)
    return _taken.get(folder)


def early(wait: float | None = None) -> bytes:
    """What :func:`briefcli.index.early_work` did in the prefetching process (b"" when there
    was no such process or it did nothing).

    Waits at most ``wait`` seconds (None: until it is done). A process not done by then,
    once its listings are taken, is stopped, and the command does the work itself (the
    process may have no core to run on: waiting longer would cost more than the work)."""
    global _child
    if not _receive(b"E", wait):
        if _child is not None and b"L" in _frames:
            pid, read_end = _child
            _child = None
            import signal

            os.kill(pid, signal.SIGKILL)  # it only reads: nothing to leave half done
            os.close(read_end)
            os.waitpid(pid, 0)
        _frames[b"E"] = b""
    return _frames[b"E"]


def _parse(data: bytes) -> dict[str, Listing | None]:
    """The listings :func:`_send` wrote."""
    found: dict[str, Listing | None] = {}
    at = 0
    while at < len(data):
        end = data.index(b"\n", at)
        sizes = [int(size) for size in data[at:end].split()]
        at = end + 1
        fields = []
        for size in sizes:
            fields.append(data[at : at + size])
            at += size
        folder, hashed, records, unnamed = fields
        found[os.fsdecode(folder)] = (
            None
            if not hashed
            else Listing(
                records,
                hashed,
                tuple(unnamed.decode("utf-8", "surrogateescape").split(RECORD)) if unnamed else (),
            )
        )
    return found
