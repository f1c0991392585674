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
machine with a second core. Without a prefetch (tests, other entry points, no ``fork``) the
command takes them itself.

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
    if not storable(folder):  # a folder named in bytes that are not UTF-8: none can be held
        unnamed = tuple(os.path.join(folder, n) for n in kept)
        kept, keys = [], []
    try:
        RECORD.join(kept).encode("utf-8")
    except UnicodeEncodeError:  # rare: take out the names the index cannot hold
        held = [storable(name) for name in kept]
        pairs = list(zip(kept, held, strict=True))
        unnamed = tuple(os.path.join(folder, n) for n, ok in pairs if not ok)
        keys = [k for n, ok in enumerate(held) if ok for k in keys[5 * n : 5 * n + 5]]
        kept = [n for n, ok in pairs if ok]
    data = records(kept, keys)
    return Listing(data, digest(data), unnamed)


def storable(path: str) -> bool:
    """Whether the index can hold ``path``: SQLite text is UTF-8, and a file name that is not
    valid UTF-8 (``x\\xff.yaml``) cannot be stored (the catalog lists such files apart)."""
    try:
        path.encode("utf-8")
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

#: The prefetching process and the read end of its pipe, until :func:`take` collects them.
_child: tuple[int, int] | None = None
#: What the prefetching process found: folder → listing (or None: it could not list it).
_taken: dict[str, Listing | None] = {}


def prefetch() -> None:
    """Fork a process that takes the listing of every folder in BRIEF_PATH (see :func:`take`)."""
    global _child
    if _child is not None or not hasattr(os, "fork"):
        return
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
            _send(write_end)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    _child = (pid, read_end)


def _send(out: int) -> None:
    """In the forked process: list the folders in BRIEF_PATH and write the listings to ``out``."""
    # Ctrl-C raises KeyboardInterrupt here as anywhere, which prefetch() turns into a quiet
    # exit (importing signal to change that would cost this process 5 ms: it loads enum).
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
    data = memoryview(b"".join(parts))
    while data:
        data = data[os.write(out, data) :]
    os.close(out)


def ready() -> bool:
    """Whether :func:`take` would answer at once: no prefetching process, or one that has
    written its listings (it writes them all at once, at the end)."""
    if _child is None:
        return True
    import select

    readable, _, _ = select.select([_child[1]], [], [], 0)
    return bool(readable)


def take(folder: str) -> Listing | None:
    """The listing of ``folder`` taken by the prefetching process (None when there was none,
    or it did not list that folder, or could not: the caller lists it itself)."""
    global _child
    if _child is not None:
        pid, read_end = _child
        _child = None
        chunks: list[bytes] = []
        try:
            while True:
                chunk = os.read(read_end, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
        finally:
            os.close(read_end)
        _, status = os.waitpid(pid, 0)
        if status == 0:
            _taken.update(_parse(b"".join(chunks)))
    return _taken.get(folder)


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
