"""The search index: per-file metadata and full text of briefs in SQLite FTS5, kept fresh.

One SQLite file in the user cache folder holds, for every brief file brief has seen, the
file's identity (size, mtime, ctime, inode, content digest), its metadata (id, title, date,
or the error that makes it broken), the names ``show`` and ``glossary`` accept (for shell
completion), and its text cut into chunks (sections, subsections, key points, glossary
entries, timeline events) in an FTS5 table with the porter stemmer.

Everything in it can be rebuilt from the brief files: a missing or read-only cache folder
gives an in-memory index with the same answers, a corrupt file is deleted and rebuilt.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, TypeAlias, TypeVar

from briefcli.record import Record

if TYPE_CHECKING:
    import sqlite3

    from briefcli.model import Brief

#: Bumped whenever the tables change: an index of another version is thrown away.
SCHEMA = 1
#: File name of the index inside the cache folder.
INDEX_NAME = "index.sqlite3"
#: A file whose status changed this close to the last check is re-read (timestamps are coarse).
RACY_NS = 2_000_000_000
#: Chunks of one file live at rowids ``file_id << CHUNK_BITS | n``: deleting a file is a range.
CHUNK_BITS = 32
#: Parsed files per transaction during a (cold) refresh: an interrupted build keeps its work.
BATCH = 100

#: Chunks of one kind sit in one band of a file's rowids, so ranking can weigh them by
#: rowid alone (reading a column of 30,000 matching rows costs more than the search).
_BANDS = {"section": 0, "glossary": 1, "key_points": 2, "timeline": 3}
_BAND_BITS = 28
#: Ranking: bm25 (titles count four times), scaled by kind (the rowid's band, see _BANDS):
#: sections, then glossary entries, then key points and timeline entries, whose short texts
#: bm25 would otherwise put first.
_KIND_WEIGHT = (
    f"(CASE (chunks.rowid >> {_BAND_BITS}) & 3 WHEN 0 THEN 1.0 WHEN 1 THEN 0.9 ELSE 0.4 END)"
)
#: Private markers around matches in snippets; sanitised text can never contain them.
_OPEN, _CLOSE = "\x02", "\x03"

Progress = Callable[[int, int], None]
T = TypeVar("T")


class FileRecord(Record):
    """What the index knows about one brief file; ``error`` is set when the file is broken."""

    file_id: int
    path: str
    brief_id: str
    title: str
    date: str
    kind: str
    error: str | None


class Hit(Record):
    """One search hit: where it is and a snippet with the matched words' spans."""

    brief_id: str
    brief_title: str
    path: str
    kind: str  # section, key_points, glossary, timeline
    ref: str  # section id, glossary term, or event date as written
    title: str  # section title, term, or event date as a reader writes it
    sections: tuple[str, ...]
    snippet: str
    marks: tuple[tuple[int, int], ...]
    score: float


class Results(Record):
    """The best hits, in rank order, and how many there are in all."""

    hits: tuple[Hit, ...]
    total: int


#: How the index cuts text into terms (also used to find which forms of a word stem alike).
_TOKENIZE = "porter unicode61 remove_diacritics 2"

_TABLES = f"""
CREATE TABLE IF NOT EXISTS files (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    ctime_ns INTEGER NOT NULL,
    inode INTEGER NOT NULL,
    digest TEXT,
    checked_ns INTEGER NOT NULL,
    brief_id TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT '',
    error TEXT,
    sections TEXT NOT NULL DEFAULT '',
    terms TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS about (version TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS chunks USING fts5(
    title, body, kind UNINDEXED, ref UNINDEXED, scope UNINDEXED, label UNINDEXED,
    tokenize = '{_TOKENIZE}'
);
"""

#: A row of the files table as SQLite returns it, the columns of _FILE_COLUMNS in order.
FileRow: TypeAlias = tuple[
    int, str, int, int, int, int, "str | None", int, str, str, str, str, "str | None"
]
#: The columns of ``files`` read on every run (a row is a tuple in this order).
_FILE_COLUMNS = (
    "id, path, size, mtime_ns, ctime_ns, inode, digest, checked_ns, "
    "brief_id, title, date, kind, error"
)


class Index:
    """An open index: on disk in the cache folder, or in memory."""

    def __init__(self, connection: sqlite3.Connection, location: str) -> None:
        self.db = connection
        #: The index file, or ':memory:'.
        self.location = location

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, location: str) -> Index:
        """Open (creating if needed) the index at ``location`` (a file path or ':memory:')."""
        import sqlite3

        if location != ":memory:":
            os.makedirs(os.path.dirname(location), exist_ok=True)
        db = sqlite3.connect(location, timeout=5.0, isolation_level=None)
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
            db.execute("SELECT count(*) FROM files").fetchone()
            db.execute("SELECT rowid FROM chunks LIMIT 1").fetchall()
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

        A file is re-read when its size, mtime, ctime or inode changed, or when it changed
        so recently that a timestamp could hide a second change; it is re-parsed only when
        its content digest differs. Rows for files that are gone, and for files in the
        ``prune`` folders that are not in ``paths``, are deleted. Files that vanish while
        this runs are left out of the answer.
        """
        wanted = list(dict.fromkeys(paths))
        folders = set(prune)
        rows = self._rows(wanted, every=bool(folders))
        stats: dict[str, os.stat_result] = {}
        stale: list[str] = []
        for path in wanted:
            try:
                info = os.stat(path)
            except OSError:
                continue
            stats[path] = info
            row = rows.get(path)
            if row is None or not _fresh(row, info):
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
        if not every and len(paths) <= 8:
            found = (
                row
                for path in paths
                for row in self.db.execute(query + " WHERE path = ?", (path,)).fetchall()
            )
            return {row[1]: row for row in found}
        return {row[1]: row for row in self.db.execute(query)}

    def _prune(self, wanted: set[str], rows: dict[str, FileRow], folders: set[str]) -> None:
        """Forget files that left the prune folders, and files elsewhere that are gone."""
        gone = []
        for path in [p for p in rows if p not in wanted]:
            if os.path.dirname(path) in folders or not os.path.exists(path):
                gone.append(rows.pop(path)[0])
        if gone:
            with _transaction(self.db):
                for file_id in gone:
                    self._delete_chunks(file_id)
                    self.db.execute("DELETE FROM files WHERE id = ?", (file_id,))

    def _delete_chunks(self, file_id: int) -> None:
        first = file_id << CHUNK_BITS
        self.db.execute(
            "DELETE FROM chunks WHERE rowid BETWEEN ? AND ?",
            (first, first + (1 << CHUNK_BITS) - 1),
        )

    def _refresh(
        self,
        stale: list[str],
        stats: dict[str, os.stat_result],
        rows: dict[str, FileRow],
        progress: Progress | None,
    ) -> None:
        done = 0
        for start in range(0, len(stale), BATCH):
            with _transaction(self.db):
                for path in stale[start : start + BATCH]:
                    row = self._refresh_one(path, stats[path])
                    if row is None:
                        stats.pop(path, None)
                    else:
                        rows[path] = row
                    done += 1
                    if progress is not None:
                        progress(done, len(stale))

    def _refresh_one(self, path: str, info: os.stat_result) -> FileRow | None:
        """Re-read one file; returns its new row (None when it vanished).

        Runs inside a write transaction, and reads the file's row again there: another
        brief process may have indexed the same file since this one looked.
        """
        query = f"SELECT {_FILE_COLUMNS} FROM files WHERE path = ?"
        old = self.db.execute(query, (path,)).fetchone()
        checked = time.time_ns()
        try:
            data = _read(path, info)
        except FileNotFoundError:
            return None
        digest = _digest(data) if data is not None else None
        identity = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
        if old is not None and digest is not None and old[6] == digest:
            self.db.execute(
                "UPDATE files SET size = ?, mtime_ns = ?, ctime_ns = ?, inode = ?, "
                "checked_ns = ? WHERE id = ?",
                (*identity, checked, old[0]),
            )
            return (old[0], path, *identity, digest, checked, *old[8:])
        brief, error = _parse(path, data)
        meta, names = _metadata(brief, error)
        if old is not None:
            file_id = old[0]
            self._delete_chunks(file_id)
            self.db.execute(
                "UPDATE files SET size = ?, mtime_ns = ?, ctime_ns = ?, inode = ?, digest = ?, "
                "checked_ns = ?, brief_id = ?, title = ?, date = ?, kind = ?, error = ?, "
                "sections = ?, terms = ? WHERE id = ?",
                (*identity, digest, checked, *meta, *names, file_id),
            )
        else:
            cursor = self.db.execute(
                "INSERT INTO files (path, size, mtime_ns, ctime_ns, inode, digest, checked_ns, "
                "brief_id, title, date, kind, error, sections, terms) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (path, *identity, digest, checked, *meta, *names),
            )
            file_id = int(cursor.lastrowid or 0)
        if brief is not None:
            first = file_id << CHUNK_BITS
            counts = dict.fromkeys(_BANDS, 0)
            rows = []
            for chunk in chunks(brief):
                band = _BANDS[chunk[2]]
                rows.append((first + (band << _BAND_BITS) + counts[chunk[2]], *chunk))
                counts[chunk[2]] += 1
            self.db.executemany(
                "INSERT INTO chunks (rowid, title, body, kind, ref, scope, label) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        return (file_id, path, *identity, digest, checked, *meta)

    # -- searching -------------------------------------------------------------------------

    def search(
        self,
        query: str,
        file_ids: Sequence[int],
        *,
        section: str | None = None,
        limit: int = 10,
    ) -> Results:
        """The best ``limit`` hits for ``query`` in the given files, and the total count."""
        where = ["chunks MATCH ?"]
        params: list[object] = [fts_query(query, self._distinct_forms)]
        if len(file_ids) == 1:
            first = file_ids[0] << CHUNK_BITS
            where.append("chunks.rowid BETWEEN ? AND ?")
            params += [first, first + (1 << CHUNK_BITS) - 1]
        elif self._outside(file_ids):
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS scope (id INTEGER PRIMARY KEY)")
            self.db.execute("DELETE FROM temp.scope")
            self.db.executemany("INSERT INTO temp.scope VALUES (?)", ((i,) for i in file_ids))
            where.append(f"(chunks.rowid >> {CHUNK_BITS}) IN (SELECT id FROM temp.scope)")
        if section is not None:
            where.append("(instr(chunks.scope, ?) > 0 OR instr(chunks.scope, ?) > 0)")
            params += [f" {section} ", f" {section}-"]
        condition = " AND ".join(where)
        total = self.db.execute(f"SELECT count(*) FROM chunks WHERE {condition}", params)
        count = int(total.fetchone()[0])
        # Rank first, reading nothing but rowids and bm25; snippets only for the winners.
        best = self.db.execute(
            f"SELECT chunks.rowid, bm25(chunks, 4.0, 1.0) * {_KIND_WEIGHT} AS score "
            f"FROM chunks WHERE {condition} ORDER BY score, chunks.rowid LIMIT ?",
            [*params, limit],
        ).fetchall()
        if not best:
            return Results((), count)
        marks = ", ".join("?" for _ in best)
        details = {
            row[0]: row[1:]
            for row in self.db.execute(
                "SELECT chunks.rowid, f.brief_id, f.title, f.path, chunks.kind, chunks.ref, "
                f"chunks.label, chunks.scope, snippet(chunks, 1, '{_OPEN}', '{_CLOSE}', '…', 24) "
                f"FROM chunks JOIN files f ON f.id = (chunks.rowid >> {CHUNK_BITS}) "
                f"WHERE chunks MATCH ? AND chunks.rowid IN ({marks})",
                [params[0], *(rowid for rowid, _ in best)],
            )
        }
        hits = []
        for rowid, score in best:
            brief_id, title, path, kind, ref, label, scope, snippet = details[rowid]
            text, spans = _marks(str(snippet).replace("\n", " "))
            sections = tuple(scope.split())
            hits.append(Hit(brief_id, title, path, kind, ref, label, sections, text, spans, score))
        return Results(tuple(hits), count)

    def _distinct_forms(self, forms: list[str]) -> list[str]:
        """The first of ``forms`` for each distinct term the index's tokenizer makes of them.

        A word is searched in several forms ('deploy', 'deploys', 'deployment'…), and most
        stem to the same term ('deploy' and 'deploys' both to 'deploi'): searching a term once
        instead of four times ranks the same hits in the same order, in two thirds of the time.
        """
        self.db.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.forms "
            f"USING fts5(form, tokenize = '{_TOKENIZE}')"
        )
        self.db.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.form_terms "
            "USING fts5vocab(temp, forms, instance)"
        )
        self.db.execute("DELETE FROM temp.forms")
        self.db.executemany("INSERT INTO temp.forms (rowid, form) VALUES (?, ?)", enumerate(forms))
        first: dict[str, int] = {}
        for doc, term in self.db.execute("SELECT doc, term FROM temp.form_terms ORDER BY doc"):
            first.setdefault(term, doc)
        return [forms[doc] for doc in sorted(set(first.values()))] or forms

    def _outside(self, file_ids: Sequence[int]) -> bool:
        """True when some indexed file is not among ``file_ids``, ids of indexed files.

        ``brief search --all`` usually asks for every file; checking each match against a
        scope table of a thousand ids would then only cost time.
        """
        (indexed,) = self.db.execute("SELECT count(*) FROM files").fetchone()
        return len(set(file_ids)) < int(indexed)


class _Transaction:
    """``with _transaction(db):`` runs the block in one write transaction, rolled back on error."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")


def _transaction(db: sqlite3.Connection) -> _Transaction:
    return _Transaction(db)


def _check_parser_version(db: sqlite3.Connection) -> None:
    """Forget every file when another version of brief built the index: its parser decides
    what is valid, so its records may not hold for this one."""
    from briefcli import __version__

    row = db.execute("SELECT version FROM about").fetchone()
    if row is not None and row[0] == __version__:
        return
    with _transaction(db):
        db.execute("DELETE FROM chunks")
        db.execute("DELETE FROM files")
        db.execute("DELETE FROM about")
        db.execute("INSERT INTO about VALUES (?)", (__version__,))


def _fresh(row: FileRow, info: os.stat_result) -> bool:
    same = row[2:6] == (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
    # Like git's "racily clean" entries: a change within the timestamp granularity of the
    # last check could hide another one, so such a file is read again (and digested).
    return same and info.st_ctime_ns + RACY_NS < row[7]


def _read(path: str, info: os.stat_result) -> bytes | None:
    """The file's bytes, or None when it is too large to be a brief (the parser says why)."""
    from briefcli.files import MAX_FILE_BYTES

    if info.st_size > MAX_FILE_BYTES:
        return None
    try:
        with open(path, "rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise
    except OSError:
        return None


def _digest(data: bytes) -> str:
    import hashlib

    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _parse(path: str, data: bytes | None) -> tuple[Brief | None, str | None]:
    """The brief in ``data``, or the loader's message (without the file name) saying why not."""
    from briefcli.errors import BriefFileError
    from briefcli.files import decode_text, read_brief_text
    from briefcli.loader import parse_brief
    from briefcli.sanitize import sanitize_line

    name = sanitize_line(path)
    try:
        # Unreadable or too large: the loader reads it again to say why, in its own words.
        text = read_brief_text(path) if data is None else decode_text(data, name)
        return parse_brief(text, name), None
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


def _record(row: FileRow) -> FileRecord:
    return FileRecord(row[0], row[1], *row[8:])


def chunks(brief: Brief) -> list[tuple[str, str, str, str, str, str]]:
    """The brief cut into searchable pieces: (title, body, kind, ref, scope, label).

    ``scope`` is the space-padded list of section ids the piece belongs to (for --section);
    ``label`` is what a hit shows as its title. All text is sanitised before it is stored.
    """
    from briefcli.sanitize import sanitize, sanitize_line

    out: list[tuple[str, str, str, str, str, str]] = []

    def add(title: str, body: tuple[str, ...], kind: str, ref: str, scope: str) -> None:
        text = " ".join(sanitize(p).replace("\n", " ") for p in body)
        label = sanitize_line(title)
        padded = f" {sanitize_line(scope).casefold()} " if scope else ""
        out.append((label, text, kind, sanitize_line(ref), padded, label))

    for section in brief.sections:
        # A section's role ('summary', 'conclusion') is a name --section accepts too.
        own = f"{section.id} {section.role}" if section.role else section.id
        if section.paragraphs or not section.subsections:
            add(section.title, section.paragraphs, "section", section.id, own)
        for sub in section.subsections:
            add(sub.title, sub.paragraphs, "section", sub.id, sub.id)
        if section.key_points:
            add(section.title, section.key_points, "key_points", section.id, own)
    for entry in brief.glossary:
        title = "; ".join(entry.names())
        out.append(
            (
                sanitize_line(title),
                sanitize(entry.definition).replace("\n", " "),
                "glossary",
                sanitize_line(entry.term),
                "",
                sanitize_line(entry.term),
            )
        )
    for event in brief.timeline:
        add(
            event.date.display(),
            (event.event,),
            "timeline",
            event.date.text,
            " ".join(event.sections),
        )
    return out


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


# -- queries ---------------------------------------------------------------------------------

_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w", re.UNICODE)
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
#: Endings tried on a word so that porter's stems meet: 'deploy' → 'deploi', 'deployment' →
#: 'deploy'; searching for either finds both.
_ENDINGS = ("ments", "ment", "ings", "ing", "ed", "es", "s")
_EXPANSIONS = ("", "s", "ed", "ing", "ment", "ments")


def parse_query(query: str) -> list[tuple[str, bool]]:
    """The query's terms: (text, is_phrase); "double quotes" make a phrase."""
    terms: list[tuple[str, bool]] = []
    # Control characters never reach the index (it holds sanitised text); NUL ends SQL strings.
    query = _CONTROLS.sub(" ", query)
    for match in _TOKEN.finditer(query):
        phrase, word = match.group(1), match.group(2)
        text = phrase if phrase is not None else word
        if text and _WORD.search(text):
            terms.append((text, phrase is not None))
    return terms


def fts_query(query: str, distinct: Callable[[list[str]], list[str]] | None = None) -> str:
    """The FTS5 MATCH expression for a user's query: every term must match (any order).

    Terms are quoted so FTS5 syntax in the query is taken literally; a single word is
    widened to its common inflections ('deploy' also finds 'deployment'), which ``distinct``
    (when given) may thin to those the index tells apart; a quoted phrase matches those words
    in that order (each still stemmed). Raises UsageError when the query has no words.
    """
    from briefcli.errors import UsageError

    terms = parse_query(query)
    if not terms:
        raise UsageError("the query has no words to search for")
    parts = []
    for text, phrase in terms:
        if phrase or " " in text:
            parts.append(_quote(text))
            continue
        prefix = text.endswith("*") and len(text) > 1
        word = text.rstrip("*") if prefix else text
        if prefix:
            parts.append(_quote(word) + " *")
            continue
        forms = _forms(word)
        if distinct is not None and len(forms) > 1:
            forms = distinct(forms)
        parts.append(
            _quote(word) if len(forms) == 1 else "(" + " OR ".join(map(_quote, forms)) + ")"
        )
    return " AND ".join(parts)


def _forms(word: str) -> list[str]:
    if not word.isalpha() or len(word) < 4:
        return [word]
    lower = word.casefold()
    base = lower
    for ending in _ENDINGS:
        if lower.endswith(ending) and len(lower) - len(ending) >= 4:
            base = lower[: -len(ending)]
            break
    return list(dict.fromkeys([lower, *(base + e for e in _EXPANSIONS)]))


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


# -- the index in the cache folder, with its fallbacks ------------------------------------------


def index_path() -> str:
    """Where the index lives: ``<cache_dir>/index.sqlite3``."""
    from briefcli import paths

    return os.path.join(paths.cache_dir(), INDEX_NAME)


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
