"""The search index: per-file metadata and full text of briefs in SQLite FTS5, kept fresh.

One SQLite file in the user cache folder holds, for every brief file brief has seen, the
file's stat key and when it was read (:mod:`briefcli.freshness`, the one freshness rule), a
digest of its content, its metadata (id, title, date, or the error that makes it broken), the
names ``show`` and ``glossary`` accept (for shell completion), and its text cut into chunks
(:mod:`briefcli.chunking`). The index is compact: the chunks of a brief are kept once,
zlib-compressed, in ``texts``; a contentless FTS5 table (porter stemmer) holds one row per
brief, which ranks briefs. A search ranks the briefs first, then loads the chunks of the best
briefs only into a temporary FTS5 table and ranks those pieces (see :meth:`Index.search`).
Queries are written by :mod:`briefcli.searchquery`.

Everything in it can be rebuilt from the brief files: a missing or read-only cache folder
gives an in-memory index with the same answers, a corrupt file is deleted and rebuilt. The
index file is never opened through a symbolic link, nor when it is not a regular file: that
is refused (:class:`UnsafeIndexError`), since SQLite would write to whatever it points to.
Brief files are read only through the safe reader (:func:`briefcli.files.read_file`).
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple, TypeAlias, TypeVar

from briefcli.chunking import Chunk, chunks
from briefcli.errors import BriefError
from briefcli.freshness import RACY_NS, is_fresh, stat_key
from briefcli.searchquery import TOKENIZE, fts_query
from briefcli.snippets import find_matches, snippet
from briefcli.statkeys import storable

if TYPE_CHECKING:
    import concurrent.futures
    import sqlite3

    from briefcli.model import Brief

#: Bumped whenever the tables change: an index of another version is thrown away.
SCHEMA = 7
#: Chunks of one file get rowids ``file_id << CHUNK_BITS | n`` in the search's temporary table.
CHUNK_BITS = 32
#: Parsed files per transaction during a (cold) refresh: an interrupted build keeps its work.
BATCH = 100
#: A refresh of this many files or more parses them in a pool of WORKERS processes.
POOL_FROM = 200
WORKERS = 2
#: Files a pool's process is given at a time (16: a few percent less work than 4 for a build).
_CHUNKSIZE = 16

#: Chunks of one kind sit in one band of a file's rowids, so ranking can weigh them by
#: rowid alone (reading a column of 30,000 matching rows costs more than the search).
_BANDS = {"section": 0, "glossary": 1, "key_points": 2, "note": 2, "timeline": 3}
_BAND_BITS = 28
#: Ranking: bm25 (titles count four times), scaled by kind (the rowid's band, see _BANDS):
#: sections, then glossary entries, then key points, the editor's notes and timeline entries,
#: whose short texts bm25 would otherwise put first.
_KIND_WEIGHT = (
    f"(CASE (pieces.rowid >> {_BAND_BITS}) & 3 WHEN 0 THEN 1.0 WHEN 1 THEN 0.9 ELSE 0.4 END)"
)
#: ``search --all`` puts the pieces of this many briefs (or a third of the hits asked for, if
#: more) in its table at a time, the best-ranked briefs first, until it has the hits asked for.
_BRIEFS_AT_A_TIME = 3
#: Paths per ``IN (...)`` query (SQLite allows 32,766 variables; fewer keep each query quick).
_IN_CHUNK = 500
#: Private markers around matches in snippets; sanitised text can never contain them.
_OPEN, _CLOSE = "\x02", "\x03"

Progress = Callable[[int, int], None]
T = TypeVar("T")


class FileRecord(NamedTuple):
    """What the index knows about one brief file; ``error`` is set when the file is broken."""

    file_id: int
    path: str
    brief_id: str
    title: str
    date: str
    kind: str
    error: str | None


class Hit(NamedTuple):
    """One search hit: where it is and a snippet with the matched words' spans."""

    brief_id: str
    brief_title: str
    path: str
    kind: str  # section, key_points, glossary, timeline, note
    ref: str  # section id, glossary term, event date as written, or note number
    title: str  # section title, term, or event date as a reader writes it
    sections: tuple[str, ...]
    snippet: str
    marks: tuple[tuple[int, int], ...]
    score: float
    origin: str  # report, editor or extracted: who wrote the text


class Results(NamedTuple):
    """The best hits, in rank order, how many there are in all, and in how many briefs."""

    hits: tuple[Hit, ...]
    #: The hits in the briefs searched piece by piece (all of them for one brief).
    total: int
    #: How many briefs were searched piece by piece: the best-ranked of those that match.
    briefs: int = 1
    #: Whether every brief that matches was searched piece by piece (then ``total`` is every
    #: hit in the files asked for: a piece can match only where its brief's row matches).
    complete: bool = True


#: How the index cuts text into terms (also used to find which forms of a word stem alike).
_TOKENIZE = TOKENIZE

#: A row the freshness rule can trust on its stat key alone: read well after its last change
#: (a row read within RACY_NS of it is "racy": :meth:`Index.listing` leaves it to be checked).
_SETTLED = f"{{row}}.ctime_ns + {RACY_NS} < {{row}}.checked_ns"

_TABLES = f"""
CREATE TABLE IF NOT EXISTS files (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    ctime_ns INTEGER NOT NULL,
    inode INTEGER NOT NULL,
    device INTEGER NOT NULL,
    digest TEXT,
    checked_ns INTEGER NOT NULL,
    brief_id TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT '',
    error TEXT,
    sections TEXT NOT NULL DEFAULT '',
    terms TEXT NOT NULL DEFAULT '',
    folder TEXT NOT NULL DEFAULT '',
    skeleton TEXT NOT NULL DEFAULT '',
    sort_name TEXT NOT NULL DEFAULT '',
    date_key TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS files_by_folder ON files (folder, error, sort_name, path, inode);
CREATE INDEX IF NOT EXISTS files_by_date ON files (folder, error, date_key, brief_id, path);
CREATE INDEX IF NOT EXISTS files_by_skeleton ON files (skeleton, error, folder);
CREATE INDEX IF NOT EXISTS files_by_key ON files (
    folder, path, size, mtime_ns, ctime_ns, inode, device, checked_ns
);
CREATE TABLE IF NOT EXISTS listings (
    folder TEXT PRIMARY KEY, digest BLOB, racy TEXT, valid INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS listed (folder TEXT PRIMARY KEY, records BLOB NOT NULL);
CREATE TRIGGER IF NOT EXISTS files_removed AFTER DELETE ON files BEGIN
    UPDATE listings SET digest = NULL WHERE folder = OLD.folder AND digest IS NOT NULL;
END;
CREATE TRIGGER IF NOT EXISTS files_changed AFTER UPDATE ON files
WHEN OLD.path IS NOT NEW.path OR OLD.folder IS NOT NEW.folder OR OLD.size IS NOT NEW.size
    OR OLD.mtime_ns IS NOT NEW.mtime_ns OR OLD.ctime_ns IS NOT NEW.ctime_ns
    OR OLD.inode IS NOT NEW.inode OR OLD.device IS NOT NEW.device
    OR OLD.error IS NOT NEW.error
BEGIN
    UPDATE listings SET digest = NULL
    WHERE folder IN (OLD.folder, NEW.folder) AND digest IS NOT NULL;
END;
CREATE TRIGGER IF NOT EXISTS files_settled AFTER UPDATE OF checked_ns ON files
WHEN ({_SETTLED.format(row="OLD")}) IS NOT ({_SETTLED.format(row="NEW")})
BEGIN
    UPDATE listings SET racy = NULL WHERE folder = NEW.folder AND racy IS NOT NULL;
END;
CREATE TABLE IF NOT EXISTS about (version TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS texts (id INTEGER PRIMARY KEY, data BLOB NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS briefs USING fts5(
    title, body, content = '', tokenize = '{_TOKENIZE}'
);
"""
#: A file's name from its row (SQL): the path without the folder.
_NAME = "CASE WHEN folder = '/' THEN substr(path, 2) ELSE substr(path, length(folder) + 2) END"
#: What a change to a row of ``files`` does to its folder's listing (see Index.listing).
_DROP_LISTING = "UPDATE listings SET digest = NULL WHERE folder = ? AND digest IS NOT NULL"
#: The search's own table of the chunks of the briefs it ranks best (in memory: temp_store).
_PIECES = f"""
CREATE VIRTUAL TABLE IF NOT EXISTS temp.pieces USING fts5(
    title, body, kind UNINDEXED, ref UNINDEXED, scope UNINDEXED, label UNINDEXED,
    origin UNINDEXED, tokenize = '{_TOKENIZE}'
)
"""

#: A row of the files table as SQLite returns it, the columns of _FILE_COLUMNS in order.
#: ``row[2:7]`` is the stat key (freshness.KEY_FIELDS), ``row[7]`` the digest, ``row[8]`` when
#: it was read, ``row[9:]`` the record (literal indexes: mypy types each position).
FileRow: TypeAlias = tuple[
    int, str, int, int, int, int, int, "str | None", int, str, str, str, str, "str | None"
]
#: The columns of ``files`` read on every run (a row is a tuple in this order).
_FILE_COLUMNS = (
    "id, path, size, mtime_ns, ctime_ns, inode, device, digest, checked_ns, "
    "brief_id, title, date, kind, error"
)


class UnsafeIndexError(BriefError):
    """The index path (or a SQLite file beside it) is a link or not a regular file."""


class Index:
    """An open index: on disk in the cache folder, or in memory."""

    def __init__(self, connection: sqlite3.Connection, location: str) -> None:
        self.db = connection
        #: The index file, or ':memory:'.
        self.location = location
        #: How many files this connection has read again.
        self.reads = 0
        #: How many rows this connection has written with new content, or deleted: an answer
        #: read from the index before is still right while this does not move.
        self.changes = 0

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, location: str) -> Index:
        """Open (creating if needed) the index at ``location`` (a file path or ':memory:')."""
        import sqlite3

        if location == ":memory:":
            db = sqlite3.connect(location, isolation_level=None)
        else:
            os.makedirs(os.path.dirname(location), exist_ok=True)
            db = _connect(location)
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, SCHEMA):
                raise sqlite3.DatabaseError(f"index schema {version}, expected {SCHEMA}")
            db.execute("PRAGMA temp_store = MEMORY")  # the --all scope table: no temp file
            if location != ":memory:":
                db.execute("PRAGMA journal_mode = WAL")
                db.execute("PRAGMA synchronous = NORMAL")
            if version == 0:
                db.executescript(_TABLES + f"PRAGMA user_version = {SCHEMA};")
            _check_parser_version(db)
            # A quick read of both tables: a damaged file fails here rather than mid-answer.
            db.execute("SELECT rowid FROM files LIMIT 1").fetchall()
            db.execute("SELECT rowid FROM briefs LIMIT 1").fetchall()
        except BaseException:
            db.close()
            raise
        return cls(db, location)

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    # -- keeping fresh ---------------------------------------------------------------------

    def sync(
        self,
        paths: Sequence[str],
        *,
        prune: Iterable[str] = (),
        progress: Progress | None = None,
    ) -> list[FileRecord]:
        """Bring the index up to date for ``paths`` and return their records, in order.

        A file is re-read unless :func:`briefcli.freshness.is_fresh` says the row still
        holds; it is re-parsed only when its content digest differs. Rows for files that are
        gone, and for files in the ``prune`` folders that are not in ``paths``, are deleted.
        Files that vanish while this runs, that are not regular files, or whose names SQLite
        cannot store (not valid UTF-8: see :func:`storable`) are left out of the answer.
        """
        wanted = [path for path in dict.fromkeys(paths) if storable(path)]
        folders = set(prune)
        rows = self._rows(wanted, every=bool(folders))
        stats: dict[str, os.stat_result] = {}
        stale: list[str] = []
        for path in wanted:
            try:
                info = os.stat(path)
            except OSError:
                continue
            if not stat.S_ISREG(info.st_mode):
                continue  # a FIFO or device is never read; the loader says what it is
            stats[path] = info
            row = rows.get(path)
            if row is None or not is_fresh(row[2:7], row[8], info):
                stale.append(path)
        if folders:
            self._prune(set(wanted), rows, folders)
        if stale:
            self._refresh(stale, stats, rows, progress)
        return [_record(rows[p]) for p in wanted if p in stats and p in rows]

    def names(self, file_id: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The section ids and glossary terms of one indexed file (for shell completion)."""
        row = self.db.execute("SELECT sections, terms FROM files WHERE id = ?", (file_id,))
        found = row.fetchone()
        if found is None:
            return (), ()
        sections, terms = str(found[0]), str(found[1])
        return (
            tuple(sections.split("\n")) if sections else (),
            tuple(terms.split("\n")) if terms else (),
        )

    def _rows(self, paths: list[str], every: bool) -> dict[str, FileRow]:
        query = f"SELECT {_FILE_COLUMNS} FROM files"
        if every:
            return {row[1]: row for row in self.db.execute(query)}
        found: dict[str, FileRow] = {}
        for start in range(0, len(paths), _IN_CHUNK):
            part = paths[start : start + _IN_CHUNK]
            marks = ", ".join("?" for _ in part)
            for row in self.db.execute(f"{query} WHERE path IN ({marks})", part):
                found[row[1]] = row
        return found

    # -- the library's folders: every file checked without reading every row ------------

    def listing(self, folder: str) -> tuple[bytes | None, list[str]]:
        """The digest of the stat keys the index holds for the files of ``folder``, in the form
        of :func:`briefcli.statkeys.listing` (None when a file changed since it was made: see
        :meth:`make_listing`), and the names of racy files (read too soon after their last
        change for their stat key alone to say that they did not change since)."""
        row = self.db.execute(
            "SELECT digest, racy FROM listings WHERE folder = ?", (folder,)
        ).fetchone()
        if row is None or row[0] is None:
            return None, []
        if row[1] is None:  # a file's row became settled (or racy) since: only the names
            with _transaction(self.db):
                racy = self._racy(folder)
                self.db.execute(
                    "UPDATE listings SET racy = ? WHERE folder = ?", ("\0".join(racy), folder)
                )
            return bytes(row[0]), racy
        return bytes(row[0]), str(row[1]).split("\0") if row[1] else []

    def _racy(self, folder: str) -> list[str]:
        """The names of the files of ``folder`` whose rows are racy."""
        return [
            str(found)
            for (found,) in self.db.execute(
                f"SELECT {_NAME} FROM files INDEXED BY files_by_key "
                f"WHERE folder = ? AND NOT ({_SETTLED.format(row='files')}) ORDER BY path",
                (folder,),
            )
        ]

    def listed(self, folder: str) -> bytes:
        """The records of :meth:`make_listing` (to find which files differ)."""
        row = self.db.execute("SELECT records FROM listed WHERE folder = ?", (folder,))
        found = row.fetchone()
        return b"" if found is None else bytes(found[0])

    def make_listing(self, folder: str) -> tuple[bytes, bytes, list[str]]:
        """Make ``folder``'s listing from its rows (in the order of ``path``: by name) and keep
        it with its digest; a trigger on ``files`` drops the digest when any of them changes.
        Returns the digest, the records and the racy files' names."""
        from briefcli import statkeys

        with _transaction(self.db):
            rows = self.db.execute(
                f"SELECT {_NAME}, size, mtime_ns, ctime_ns, inode, device "
                "FROM files INDEXED BY files_by_key WHERE folder = ? ORDER BY path",
                (folder,),
            ).fetchall()
            names = [row[0] for row in rows]
            keys = [key for row in rows for key in row[1:]]
            racy = self._racy(folder)
            records = statkeys.records(names, keys)
            hashed = statkeys.digest(records)
            self.db.execute(
                "INSERT OR REPLACE INTO listings VALUES (?, ?, ?, ?)",
                (folder, hashed, "\0".join(racy), self.count([folder], "error IS NULL")),
            )
            self.db.execute("INSERT OR REPLACE INTO listed VALUES (?, ?)", (folder, records))
        return hashed, records, racy

    def keep_listing(self, folder: str, records: bytes | None, hashed: bytes) -> None:
        """Keep the listing whose digest is ``hashed`` as ``folder``'s: the caller has checked,
        in the same write transaction (:meth:`writing`), that the rows hold it
        (:meth:`holds`). ``records``, its records, are kept to compare with next time; None
        keeps the records kept before (older: a comparison with them names every file that
        changed since, and the freshness rule skips those already read)."""
        with _transaction(self.db):
            racy = "\0".join(self._racy(folder))
            valid = self.count([folder], "error IS NULL")
            self.db.execute(
                "INSERT OR REPLACE INTO listings VALUES (?, ?, ?, ?)", (folder, hashed, racy, valid)
            )
            if records is not None:
                self.db.execute("INSERT OR REPLACE INTO listed VALUES (?, ?)", (folder, records))

    def holds(self, folder: str, keys: dict[str, tuple[int, ...] | None]) -> bool:
        """Whether the rows of ``folder``'s files ``keys`` names have those stat keys (None:
        no row)."""
        names = list(keys)
        found: dict[str, tuple[int, ...]] = {}
        for start in range(0, len(names), _IN_CHUNK):
            part = [os.path.join(folder, name) for name in names[start : start + _IN_CHUNK]]
            marks = ", ".join("?" for _ in part)
            for name, *key in self.db.execute(
                f"SELECT {_NAME}, size, mtime_ns, ctime_ns, inode, device FROM files "
                f"WHERE path IN ({marks})",
                part,
            ):
                found[str(name)] = tuple(int(k) for k in key)
        return all(found.get(name) == key for name, key in keys.items())

    def writing(self) -> contextlib.AbstractContextManager[None]:
        """``with index.writing():`` one write transaction (other brief processes wait) in
        which the index's own writes are parts, committed together."""
        return _transaction(self.db)

    def ids(self, paths: Sequence[str]) -> list[int]:
        """The ids of the indexed files among ``paths``."""
        found: list[int] = []
        for start in range(0, len(paths), _IN_CHUNK):
            part = list(paths[start : start + _IN_CHUNK])
            marks = ", ".join("?" for _ in part)
            query = f"SELECT id FROM files WHERE path IN ({marks})"
            found += [int(row[0]) for row in self.db.execute(query, part)]
        return found

    def forget(self, file_ids: Iterable[int]) -> None:
        """Delete the rows (and text) of files that are gone."""
        with _transaction(self.db):
            for file_id in file_ids:
                self._delete_text(file_id)
                self.db.execute("DELETE FROM files WHERE id = ?", (file_id,))
                self.changes += 1

    def records(
        self, folders: Sequence[str], condition: str, params: Sequence[object] = (), tail: str = ""
    ) -> list[FileRecord]:
        """Records of the files in ``folders`` that meet an SQL ``condition``, then ``tail``
        (ORDER BY, LIMIT). Folders are ranked in the order given (``rank``), as the library
        ranks them."""
        marks = ", ".join("?" for _ in folders)
        rank = " ".join(f"WHEN ? THEN {n}" for n in range(len(folders)))
        # Ids first, sorted from the indexes alone; whole rows only for those chosen (a sort
        # would otherwise copy every matching row).
        chosen = [
            int(row[0])
            for row in self.db.execute(
                f"SELECT id, CASE folder {rank} END AS rank FROM files "
                f"WHERE folder IN ({marks}) AND ({condition}) {tail}",
                [*folders, *folders, *params],
            )
        ]
        rows: dict[int, FileRow] = {}
        for start in range(0, len(chosen), _IN_CHUNK):
            part = chosen[start : start + _IN_CHUNK]
            query = (
                f"SELECT {_FILE_COLUMNS} FROM files WHERE id IN ({', '.join('?' for _ in part)})"
            )
            rows.update((row[0], row) for row in self.db.execute(query, part))
        return [_record(rows[file_id]) for file_id in chosen if file_id in rows]

    def first(self, folder: str, order: str, limit: int) -> list[int]:
        """The ids of the first ``limit`` valid briefs of ``folder`` in ``order`` (columns of
        one of the ``files_by_folder`` or ``files_by_date`` indexes: read in order, unsorted)."""
        rows = self.db.execute(
            f"SELECT id FROM files WHERE folder = ? AND error IS NULL ORDER BY {order} LIMIT ?",
            (folder, limit),
        )
        return [int(row[0]) for row in rows]

    def valid(self, folders: Sequence[str]) -> int:
        """How many valid briefs ``folders`` hold: kept with their listings (a trigger drops a
        listing when a row is added, removed, or becomes valid or broken), else counted."""
        marks = ", ".join("?" for _ in folders)
        kept = self.db.execute(
            f"SELECT count(*), sum(valid) FROM listings WHERE folder IN ({marks}) "
            "AND digest IS NOT NULL",
            list(folders),
        ).fetchone()
        if int(kept[0]) == len(set(folders)):
            return int(kept[1] or 0)
        return self.count(folders, "error IS NULL")

    def count(self, folders: Sequence[str], condition: str) -> int:
        """How many files in ``folders`` meet ``condition``."""
        marks = ", ".join("?" for _ in folders)
        query = f"SELECT count(*) FROM files WHERE folder IN ({marks}) AND ({condition})"
        return int(self.db.execute(query, list(folders)).fetchone()[0])

    def _prune(self, wanted: set[str], rows: dict[str, FileRow], folders: set[str]) -> None:
        """Forget files that left the prune folders, and files elsewhere that are gone."""
        gone = []
        for path in [p for p in rows if p not in wanted]:
            if os.path.dirname(path) in folders or not os.path.exists(path):
                gone.append(rows.pop(path)[0])
        if gone:
            with _transaction(self.db):
                for file_id in gone:
                    self._delete_text(file_id)
                    self.db.execute("DELETE FROM files WHERE id = ?", (file_id,))
                    self.changes += 1

    def _delete_text(self, file_id: int) -> None:
        """Take a file's text out of the index (a contentless table needs the old text)."""
        found = self._chunks(file_id)
        if found is None:
            return
        self.db.execute(
            "INSERT INTO briefs (briefs, rowid, title, body) VALUES ('delete', ?, ?, ?)",
            (file_id, *_whole(found)),
        )
        self.db.execute("DELETE FROM texts WHERE id = ?", (file_id,))

    def _chunks(self, file_id: int) -> list[Chunk] | None:
        """The chunks of one file as they were indexed (None when it has no text)."""
        row = self.db.execute("SELECT data FROM texts WHERE id = ?", (file_id,)).fetchone()
        return None if row is None else _unpack(row[0])

    def _refresh(
        self,
        stale: list[str],
        stats: dict[str, os.stat_result],
        rows: dict[str, FileRow],
        progress: Progress | None,
    ) -> None:
        """Read ``stale`` again, writing in transactions of :data:`BATCH` files.

        Many files (a first build) are read and parsed by a pool of :data:`WORKERS` processes
        while this one writes; an interrupted build keeps every batch it committed.
        """
        known = {path: rows[path][7] if path in rows else None for path in stale}
        jobs = [(path, known[path]) for path in stale]
        pool = _pool() if len(stale) >= POOL_FROM else None
        try:
            prepared: Iterable[_Prepared | None] = (
                pool.map(_prepare, jobs, chunksize=_CHUNKSIZE)
                if pool is not None
                else map(_prepare, jobs)
            )
            results = iter(prepared)
            done = 0
            for start in range(0, len(stale), BATCH):
                with _transaction(self.db):
                    for path in stale[start : start + BATCH]:
                        row = self._write(path, stats[path], next(results))
                        if row is None:
                            stats.pop(path, None)
                        else:
                            rows[path] = row
                        done += 1
                        if progress is not None:
                            progress(done, len(stale))
        except BaseException:
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)
            raise
        if pool is not None:
            pool.shutdown()

    def _write(self, path: str, info: os.stat_result, prepared: _Prepared | None) -> FileRow | None:
        """Write what :func:`_prepare` read of one file; returns its new row (None when it
        vanished).

        Runs inside a write transaction, and reads the file's row again there: another
        brief process may have indexed the same file since this one looked.
        """
        self.reads += 1
        query = f"SELECT {_FILE_COLUMNS} FROM files WHERE path = ?"
        old = self.db.execute(query, (path,)).fetchone()
        if prepared is None:
            return None  # it vanished
        digest, checked = prepared[0], prepared[1]
        identity = stat_key(info)
        if old is not None and digest is not None and old[7] == digest:
            self.db.execute(
                "UPDATE files SET size = ?, mtime_ns = ?, ctime_ns = ?, inode = ?, device = ?, "
                "checked_ns = ? WHERE id = ?",
                (*identity, checked, old[0]),
            )
            return (old[0], path, *identity, digest, checked, *old[9:])
        self.changes += 1
        if prepared[2] is None:  # not parsed (it matched a row that has changed since)
            prepared = _prepare((path, None))
            if prepared is None:
                return None
        _, _, meta, names, keys, packed, whole = prepared
        assert meta is not None and names is not None and keys is not None
        if old is not None:
            file_id = old[0]
            self._delete_text(file_id)
            self.db.execute(
                "UPDATE files SET size = ?, mtime_ns = ?, ctime_ns = ?, inode = ?, device = ?, "
                "digest = ?, checked_ns = ?, brief_id = ?, title = ?, date = ?, kind = ?, "
                "error = ?, sections = ?, terms = ?, folder = ?, skeleton = ?, sort_name = ?, "
                "date_key = ? WHERE id = ?",
                (*identity, digest, checked, *meta, *names, *keys, file_id),
            )
        else:
            cursor = self.db.execute(
                "INSERT INTO files (path, size, mtime_ns, ctime_ns, inode, device, digest, "
                "checked_ns, brief_id, title, date, kind, error, sections, terms, folder, "
                "skeleton, sort_name, date_key) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (path, *identity, digest, checked, *meta, *names, *keys),
            )
            file_id = int(cursor.lastrowid or 0)
            # A new file in its folder. Updates and deletes have triggers; a trigger on INSERT,
            # even an empty one, left about 7% of a first build's pages free here.
            self.db.execute(_DROP_LISTING, (keys[0],))
        if packed is not None and whole is not None:
            self.db.execute("INSERT INTO texts (id, data) VALUES (?, ?)", (file_id, packed))
            self.db.execute(
                "INSERT INTO briefs (rowid, title, body) VALUES (?, ?, ?)", (file_id, *whole)
            )
        return (file_id, path, *identity, digest, checked, *meta)

    # -- searching -------------------------------------------------------------------------

    def search(
        self,
        query: str,
        file_ids: Sequence[int] = (),
        *,
        folders: Sequence[str] = (),
        section: str | None = None,
        limit: int = 10,
    ) -> Results:
        """The best ``limit`` hits for ``query`` in the given files (or the valid briefs in
        ``folders``), and the total count.

        Briefs are ranked first (one row each, cheap however many pieces match); the chunks of
        the best briefs are then put in a temporary FTS5 table, ranked there with bm25 (titles
        four times, sections before glossary entries before key points and events), and
        snippets made for the winners only. When more briefs match than were needed for
        ``limit`` hits, ``total`` counts the hits in the briefs whose chunks were ranked
        (:attr:`Results.briefs` of them; :attr:`Results.complete` is False).
        """
        match = fts_query(query, self._distinct_forms, self._prefix_stems)
        ranked = self._ranked_briefs(match, file_ids, folders)
        self.db.execute(_PIECES)
        with _temp_writes(self.db):
            self.db.execute("DELETE FROM temp.pieces")
        where = ["pieces MATCH ?"]
        params: list[object] = [match]
        if section is not None:
            where.append("(instr(pieces.scope, ?) > 0 OR instr(pieces.scope, ?) > 0)")
            params += [f" {section} ", f" {section}-"]
        condition = " AND ".join(where)
        count = examined = 0
        complete = False
        # Briefs at a time, the best-ranked first, until there are enough hits: one brief has
        # many pieces, and putting a brief's pieces in the table (tokenizing them) is the cost.
        # One brief more than taken is asked for: whether it comes says if more match (no
        # count of the matching briefs, which costs a third of their ranking).
        step = max(_BRIEFS_AT_A_TIME, limit // 3)
        while not complete and count < limit:
            chosen = ranked.batch(examined, step + 1)
            complete = len(chosen) <= step
            self._load(chosen[:step])
            examined += len(chosen[:step])
            found = self.db.execute(f"SELECT count(*) FROM temp.pieces WHERE {condition}", params)
            count = int(found.fetchone()[0])
        if count == 0:
            return Results((), 0, examined, complete)
        best = self.db.execute(
            f"SELECT rowid, bm25(pieces, 4.0, 1.0) * {_KIND_WEIGHT} AS score, kind, ref, label, "
            f"scope, origin, body FROM temp.pieces WHERE {condition} ORDER BY score, rowid LIMIT ?",
            [*params, limit],
        ).fetchall()
        ids = sorted({rowid >> CHUNK_BITS for rowid, *_ in best})
        marks = ", ".join("?" for _ in ids)
        files = {
            row[0]: row[1:]
            for row in self.db.execute(
                f"SELECT id, brief_id, title, path FROM files WHERE id IN ({marks})", ids
            )
        }
        # The matches in each hit's text, found in one pass, and the window that shows them
        # best (snippets.py): FTS5's snippet() and highlight() both take time that grows with
        # the square of a long section's matches.
        bodies = [str(row[-1]) for row in best]
        found_spans = find_matches(self.db, query, bodies)
        hits = []
        for row, body, spans in zip(best, bodies, found_spans, strict=True):
            rowid, score, kind, ref, label, scope, origin, _ = row
            brief_id, title, path = files[rowid >> CHUNK_BITS]
            text, shown = snippet(body, spans)
            sections = tuple(scope.split())
            hits.append(
                Hit(brief_id, title, path, kind, ref, label, sections, text, shown, score, origin)
            )
        return Results(tuple(hits), count, examined, complete)

    def _ranked_briefs(
        self, match: str, file_ids: Sequence[int], folders: Sequence[str]
    ) -> _Ranking:
        """The files among ``file_ids`` (or in ``folders``) whose text matches, best first
        (by bm25 per brief)."""
        if len(file_ids) == 1 and not folders:
            return _Ranking(self.db, "", [], list(file_ids))  # its pieces say if it matches
        params: list[object] = [match]
        condition = "briefs MATCH ?"
        marks = ", ".join("?" for _ in folders)
        if folders and self._elsewhere(folders):
            # Files read from elsewhere (brief -b PATH) are indexed too: leave them out.
            # "+rowid": a filter on FTS5's matches, not a rowid lookup per listed file (each
            # would run the whole query again).
            condition += f" AND +briefs.rowid IN (SELECT id FROM files WHERE folder IN ({marks}))"
            params += folders
        elif not folders and self._outside(file_ids):
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS scope (id INTEGER PRIMARY KEY)")
            with _temp_writes(self.db):
                self.db.execute("DELETE FROM temp.scope")
                self.db.executemany("INSERT INTO temp.scope VALUES (?)", ((i,) for i in file_ids))
            condition += " AND briefs.rowid IN (SELECT id FROM temp.scope)"
        return _Ranking(self.db, condition, params, None)

    def _load(self, file_ids: Sequence[int]) -> None:
        """Put the chunks of ``file_ids`` in the search's temporary table."""
        rows = []
        for file_id in file_ids:
            first = file_id << CHUNK_BITS
            counts = dict.fromkeys(_BANDS.values(), 0)  # (two kinds may share a band)
            for chunk in self._chunks(file_id) or ():
                band = _BANDS[chunk[2]]
                rows.append((first + (band << _BAND_BITS) + counts[band], *chunk))
                counts[band] += 1
        with _temp_writes(self.db):
            self.db.executemany(
                "INSERT INTO temp.pieces (rowid, title, body, kind, ref, scope, label, origin) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )

    def _prefix_stems(self, word: str) -> list[str]:
        """Whole words starting with ``word`` whose stems are in the index, to search besides
        the prefix itself.

        The index keeps porter stems, and FTS5 stems a prefix too, so 'deployme*' finds nothing
        although 'deployment' is in the text: it was kept as 'deploy'. Completions of ``word``
        by common English endings ('deployme' + 'nt') are stemmed as the index stems them;
        those whose stem the index holds are searched as words.
        """
        folded = word.casefold()
        if not folded.isalpha() or len(folded) < 3:
            return []
        candidates = list(
            dict.fromkeys(
                folded + ending[cut:]
                for ending in _ENDINGS
                for cut in range(len(ending) + 1)
                if folded.endswith(ending[:cut]) and (cut or ending)
            )
        )
        stems = self._distinct_terms(candidates)
        self.db.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.brief_terms USING fts5vocab(main, briefs, row)"
        )
        found = []
        for candidate, stem in zip(candidates, stems, strict=False):
            known = self.db.execute("SELECT 1 FROM temp.brief_terms WHERE term = ?", (stem,))
            if known.fetchone() is not None:
                found.append(candidate)
        return found

    def _distinct_terms(self, forms: list[str]) -> list[str]:
        """The terms the index's tokenizer makes of ``forms``, in order."""
        self._load_forms(forms)
        query = f"SELECT {_TERM_TEXT} FROM temp.form_terms ORDER BY doc"
        return [_text(term) for (term,) in self.db.execute(query)]

    def _load_forms(self, forms: list[str]) -> None:
        self.db.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.forms "
            f"USING fts5(form, tokenize = '{_TOKENIZE}')"
        )
        self.db.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.form_terms "
            "USING fts5vocab(temp, forms, instance)"
        )
        with _temp_writes(self.db):
            self.db.execute("DELETE FROM temp.forms")
            self.db.executemany(
                "INSERT INTO temp.forms (rowid, form) VALUES (?, ?)", enumerate(forms)
            )

    def _distinct_forms(self, forms: list[str]) -> list[str]:
        """The first of ``forms`` for each distinct term the index's tokenizer makes of them.

        A word is searched in several forms ('deploy', 'deploys', 'deployment'…), and most
        stem to the same term ('deploy' and 'deploys' both to 'deploi'): searching a term once
        instead of four times ranks the same hits in the same order, in two thirds of the time.
        """
        self._load_forms(forms)
        first: dict[str, int] = {}
        query = f"SELECT doc, {_TERM_TEXT} FROM temp.form_terms ORDER BY doc"
        for doc, term in self.db.execute(query):
            first.setdefault(_text(term), doc)
        return [forms[doc] for doc in sorted(set(first.values()))] or forms

    def _elsewhere(self, folders: Sequence[str]) -> bool:
        """Whether a file outside ``folders`` is indexed (``brief -b PATH`` indexes any file):
        the folders of the index, one index seek each."""
        wanted = set(folders)
        row = self.db.execute("SELECT min(folder) FROM files").fetchone()
        while row is not None and row[0] is not None:
            if row[0] not in wanted:
                return True
            row = self.db.execute(
                "SELECT min(folder) FROM files WHERE folder > ?", (row[0],)
            ).fetchone()
        return False

    def _outside(self, file_ids: Sequence[int]) -> bool:
        """True when some indexed file is not among ``file_ids``, ids of indexed files.

        ``brief search --all`` usually asks for every file; checking each match against a
        scope table of a thousand ids would then only cost time.
        """
        (indexed,) = self.db.execute("SELECT count(*) FROM files").fetchone()
        return len(set(file_ids)) < int(indexed)


#: Endings a prefix search completes a word with, to meet the stem the index keeps of it.
_ENDINGS = (
    "s", "es", "ed", "ing", "ings", "er", "ers", "ment", "ments", "ion", "ions", "ation",
    "ations", "al", "ally", "ly", "ness", "ful", "or", "ors", "ity", "ities", "ive", "ize",
    "izes", "ized", "izing", "ise", "ised", "able", "ible", "ance", "ence", "ent", "ant", "ism",
    "ist", "ists", "ous", "y", "ies", "ied", "ic", "ical",
)  # fmt: skip

Meta: TypeAlias = tuple[str, str, str, str, "str | None"]
#: What :func:`_prepare` reads of one file: digest (None: unreadable), when it was read, then
#: (None when the digest matched the index's and nothing was parsed) the metadata, the names,
#: the keys, the packed chunks and the brief's row of the ``briefs`` table (None: broken).
_Prepared: TypeAlias = tuple[
    "str | None",
    int,
    "Meta | None",
    "tuple[str, str] | None",
    "tuple[str, str, str, str] | None",
    "bytes | None",
    "tuple[str, str] | None",
]


def _prepare(job: tuple[str, str | None]) -> _Prepared | None:
    """Read and parse one file (in a pool's process, or this one): what the index writes.

    ``job`` is the path and the digest the index holds for it; a file with that digest is not
    parsed again. None when the file vanished.
    """
    from briefcli.errors import BriefFileError
    from briefcli.files import read_file

    path, known = job
    checked = time.time_ns()
    data: bytes | None = None
    try:
        data = read_file(path)
    except BriefFileError as exc:
        if not os.path.lexists(path):
            return None
        unreadable = exc.detail  # a FIFO swapped in, too large, no permission: broken
    digest = _digest(data) if data is not None else None
    if digest is not None and digest == known:
        return (digest, checked, None, None, None, None, None)
    brief, error = _parse(path, data) if data is not None else (None, unreadable)
    meta, names = _metadata(brief, error)
    keys = _keys(path, meta)
    if brief is None:
        return (digest, checked, meta, names, keys, None, None)
    pieces = chunks(brief)
    return (digest, checked, meta, names, keys, _pack(pieces), _whole(pieces))


def _pool() -> concurrent.futures.ProcessPoolExecutor | None:
    """Processes to parse in: forked, so they start at once with brief already imported."""
    import concurrent.futures
    import multiprocessing

    if (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return concurrent.futures.ProcessPoolExecutor(
        WORKERS,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_worker,
        initargs=(os.getpid(),),
    )


def _worker(parent: int) -> None:
    """Set up a pool's process: Ctrl-C is left to the process that writes (which stops the
    pool), and the process ends when that one does, however it ends (SIGTERM, SIGKILL: a
    pool's process would otherwise wait for work forever, holding the terminal's pipes)."""
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


class _Ranking:
    """The briefs that match a query, best first, read a batch at a time: bm25 of every
    matching brief is computed for each batch, but no more rows are read than are used."""

    def __init__(
        self, db: sqlite3.Connection, condition: str, params: list[object], fixed: list[int] | None
    ) -> None:
        self.db, self.condition, self.params, self.fixed = db, condition, params, fixed

    def batch(self, start: int, size: int) -> list[int]:
        """The ids of the matching briefs ranked ``start`` to ``start + size - 1``."""
        if self.fixed is not None:
            return self.fixed[start : start + size]
        rows = self.db.execute(
            f"SELECT rowid FROM briefs WHERE {self.condition} "
            "ORDER BY bm25(briefs, 4.0, 1.0), rowid LIMIT ? OFFSET ?",
            [*self.params, size, start],
        )
        return [int(row[0]) for row in rows]


class _Transaction:
    """``with _transaction(db):`` runs the block in one write transaction, rolled back on error."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.outer = False

    def __enter__(self) -> None:
        # Inside another one (Index.writing), a part of it: committed or rolled back with it.
        self.outer = not self.db.in_transaction
        if self.outer:
            self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        if self.outer:
            self.db.execute("COMMIT" if kind is None else "ROLLBACK")


def _transaction(db: sqlite3.Connection) -> _Transaction:
    return _Transaction(db)


class _TempWrites:
    """``with _temp_writes(db):`` writes to temporary tables in one transaction: FTS5 flushes
    its pending terms at each commit, and a row per transaction costs ten times as much."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.owner = False

    def __enter__(self) -> None:
        self.owner = not self.db.in_transaction
        if self.owner:
            self.db.execute("BEGIN")

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        if self.owner:
            self.db.execute("COMMIT" if kind is None else "ROLLBACK")


def _temp_writes(db: sqlite3.Connection) -> _TempWrites:
    return _TempWrites(db)


def _check_parser_version(db: sqlite3.Connection) -> None:
    """Forget every file when another version of brief built the index: its parser decides
    what is valid, so its records may not hold for this one."""
    from briefcli import __version__

    row = db.execute("SELECT version FROM about").fetchone()
    if row is not None and row[0] == __version__:
        return
    with _transaction(db):
        db.execute("INSERT INTO briefs (briefs) VALUES ('delete-all')")
        db.execute("DELETE FROM texts")
        db.execute("DELETE FROM files")
        db.execute("DELETE FROM listings")
        db.execute("DELETE FROM listed")
        db.execute("DELETE FROM about")
        db.execute("INSERT INTO about VALUES (?)", (__version__,))


#: A term of FTS5's vocabulary as bytes: FTS5 cuts a token at 32,768 bytes, in the middle of a
#: character if need be, and such a term is not UTF-8 (sqlite3 raised decoding it as text).
_TERM_TEXT = "CAST(term AS BLOB)"


def _text(term: bytes) -> str:
    """A term read as :data:`_TERM_TEXT`, as text (a character cut in two becomes U+FFFD)."""
    return term.decode("utf-8", "replace")


def _digest(data: bytes) -> str:
    from briefcli.statkeys import digest

    return digest(data).hex()


def _parse(path: str, data: bytes) -> tuple[Brief | None, str | None]:
    """The brief in ``data``, or the loader's message (without the file name) saying why not."""
    from briefcli.errors import BriefFileError
    from briefcli.files import decode_text
    from briefcli.loader import parse_brief
    from briefcli.sanitize import sanitize_line

    name = sanitize_line(path)
    try:
        return parse_brief(decode_text(data, name), name), None
    except BriefFileError as exc:
        where = f"{exc.line}:{exc.column or 1}: " if exc.line is not None else ""
        return None, where + exc.detail


def _metadata(
    brief: Brief | None, error: str | None
) -> tuple[tuple[str, str, str, str, str | None], tuple[str, str]]:
    """(id, title, date, kind, error) and the newline-joined section ids and glossary names."""
    from briefcli.query import section_ids
    from briefcli.sanitize import sanitize_line

    if brief is None:
        return ("", "", "", "", error), ("", "")
    meta = brief.meta
    names = "\n".join(sanitize_line(n) for e in brief.glossary for n in e.names())
    ids = "\n".join(sanitize_line(i) for i in section_ids(brief))
    return (meta.id, meta.title, meta.date, meta.kind, None), (ids, names)


def _whole(pieces: Sequence[Chunk]) -> tuple[str, str]:
    """A brief's row in the ``briefs`` table: its chunks' titles, and their bodies."""
    return "\n".join(p[0] for p in pieces), "\n".join(p[1] for p in pieces)


#: Between the fields of a chunk, and between chunks, in ``texts``: controls that sanitised
#: text never holds (and that :func:`_pack` would blank if it did).
_FIELD, _PIECE = "\x1f", "\x1e"
_SEPARATORS = str.maketrans({_FIELD: " ", _PIECE: " "})


def _pack(pieces: Sequence[Chunk]) -> bytes:
    """A brief's chunks as stored in ``texts``: separated by two controls, deflated
    (json would cost its import and a parse: this is read on every search)."""
    import zlib

    text = _PIECE.join(_FIELD.join(p) for p in pieces)
    if text.count(_FIELD) != 6 * len(pieces) or text.count(_PIECE) != max(len(pieces) - 1, 0):
        text = _PIECE.join(_FIELD.join(f.translate(_SEPARATORS) for f in p) for p in pieces)
    # Level 1 (level 6: 11% smaller, 4 times slower), raw deflate (no header or checksum: the
    # row is its own record) with the most memory for matches: a quarter faster than
    # zlib.compress(data, 1), as small.
    packer = zlib.compressobj(1, zlib.DEFLATED, -15, 9)
    return packer.compress(text.encode("utf-8")) + packer.flush()


def _unpack(data: bytes) -> list[Chunk]:
    """The chunks :func:`_pack` stored; a row that is not what it wrote (edited, truncated, bit
    rot) is a damaged index, which :func:`using_index` deletes and builds again."""
    import sqlite3
    import zlib

    try:
        text = zlib.decompress(data, -15).decode("utf-8")
        if not text:
            return []
        out: list[Chunk] = []
        for piece in text.split(_PIECE):
            title, body, kind, ref, scope, label, origin = piece.split(_FIELD)
            out.append((title, body, kind, ref, scope, label, origin))
    except (zlib.error, TypeError, ValueError) as exc:  # UnicodeError is a ValueError
        raise sqlite3.DatabaseError(f"malformed texts row: {type(exc).__name__}") from None
    return out


def _keys(path: str, meta: tuple[str, str, str, str, str | None]) -> tuple[str, str, str, str]:
    """The folder, the id's look-alike skeleton, and the keys ``brief list`` sorts by."""
    from briefcli.confusables import skeleton
    from briefcli.model import parse_date_point

    brief_id, _, date, _, error = meta
    folder = os.path.dirname(path)
    if error is not None:
        stem = os.path.splitext(os.path.basename(path))[0]
        return folder, "", stem.casefold(), ""
    try:
        year, month, day = parse_date_point(date).first if date else (0, 0, 0)
    except ValueError:
        year, month, day = 0, 0, 0
    return folder, skeleton(brief_id), brief_id.casefold(), f"{year:05}{month:02}{day:02}"


def _record(row: FileRow) -> FileRecord:
    return FileRecord(row[0], row[1], *row[9:])


def _marks(snippet: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Strip the private markers from a snippet; return the text and the marked spans."""
    text: list[str] = []
    marks: list[tuple[int, int]] = []
    length = 0
    start: int | None = None
    for piece in re.split(f"([{_OPEN}{_CLOSE}])", snippet):
        if piece == _OPEN:
            start = length
        elif piece == _CLOSE:
            if start is not None and start < length:
                marks.append((start, length))
            start = None
        else:
            text.append(piece)
            length += len(piece)
    return "".join(text), tuple(marks)


# -- the index in the cache folder, with its fallbacks ------------------------------------------


def index_path() -> str:
    """Where the index lives: ``<cache_dir>/index.sqlite3`` (:func:`briefcli.paths.index_path`)."""
    from briefcli import paths

    return os.fspath(paths.index_path())


#: The files SQLite keeps beside a database; each is opened (and written) as the database is.
_SIDE_FILES = ("", "-wal", "-shm", "-journal")


def _connect(location: str) -> sqlite3.Connection:
    """Connect to the index file at ``location`` without following a link or opening anything
    but a regular file (SQLite itself follows links, and would write through one).

    The file is created (or opened) here first with ``O_NOFOLLOW`` and non-blocking, so a link
    or FIFO put there is refused before SQLite sees it; after connecting, the path must still
    name the very file that was checked.
    """
    import sqlite3

    for suffix in _SIDE_FILES:
        _refuse_unless_regular(location + suffix)
    flags = (
        os.O_RDONLY
        | os.O_CREAT
        | getattr(os, "O_NOFOLLOW", 0)
        | getattr(os, "O_NONBLOCK", 0)
        | getattr(os, "O_CLOEXEC", 0)
    )
    try:
        descriptor = os.open(location, flags, 0o600)
    except OSError as exc:
        _refuse_unless_regular(location)  # ELOOP: a link swapped in since the check
        raise exc from None
    try:
        checked = os.fstat(descriptor)
        if not stat.S_ISREG(checked.st_mode):
            raise _unsafe(location, checked)
        db = sqlite3.connect(location, timeout=5.0, isolation_level=None)
        now = os.lstat(location)
        if (now.st_dev, now.st_ino) != (checked.st_dev, checked.st_ino):
            db.close()
            raise _unsafe(location, now)
    finally:
        # Closed before SQLite takes any lock: closing a file's descriptor drops the
        # process's POSIX locks on it.
        os.close(descriptor)
    return db


def _refuse_unless_regular(path: str) -> None:
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if not stat.S_ISREG(info.st_mode):
        raise _unsafe(path, info)


def _unsafe(path: str, info: os.stat_result) -> UnsafeIndexError:
    from briefcli.sanitize import sanitize_line

    what = (
        "a symbolic link" if stat.S_ISLNK(info.st_mode)
        else "a directory" if stat.S_ISDIR(info.st_mode)
        else "not a regular file"
    )  # fmt: skip
    return UnsafeIndexError(
        f"{sanitize_line(path)} is {what}; brief keeps its search index only in a regular "
        "file of its own, and does not open or write through anything else",
        "remove it (brief builds the index again), or point XDG_CACHE_HOME elsewhere",
    )


def using_index(operation: Callable[[Index], T], location: str | None = None) -> T:
    """Run ``operation`` on the index in the cache folder, falling back as needed.

    A corrupt index file is deleted and built again; when the cache folder cannot be used
    (read-only, missing and not creatable, locked) the operation runs on an in-memory index,
    which gives the same answers, only slower.
    """
    import sqlite3

    location = location or index_path()
    for attempt in ("disk", "rebuilt"):
        try:
            index = Index.open(location)
        except (sqlite3.DatabaseError, OSError) as exc:
            if attempt == "disk" and _damaged(exc):
                _remove(location)
                continue
            break
        try:
            return operation(index)
        except sqlite3.DatabaseError as exc:
            if attempt == "disk" and _damaged(exc):
                index.close()
                _remove(location)
                continue
            break
        except (TypeError, ValueError, AttributeError, KeyError, IndexError):
            # A value of the wrong type in a column (the file edited by hand, or by another
            # program) reads as a sound database and fails in brief's code: a fresh index
            # settles it. The same error on the fresh index is brief's own bug, and is raised.
            if attempt != "disk":
                raise
            index.close()
            _remove(location)
        finally:
            index.close()
    memory = Index.open(":memory:")
    try:
        return operation(memory)
    finally:
        memory.close()


def _damaged(exc: BaseException) -> bool:
    """True for errors that mean the file is not a usable index (not: read-only, locked)."""
    text = str(exc)
    return any(
        sign in text
        for sign in ("not a database", "malformed", "no such table", "no such column", "schema")
    )


def _remove(location: str) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            os.unlink(location + suffix)
