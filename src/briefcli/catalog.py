"""The library: every brief a user can name (shipped, imported, on BRIEF_PATH); which is current.

The library is a list of folders in a fixed order: the briefs shipped with brief, the user's
library folder (where ``brief import`` writes), then each folder in ``BRIEF_PATH``
(colon-separated). Each holds ``*.yaml`` / ``*.yml`` brief files (not its subfolders; not
hidden files, so never the ``.NAME.*.tmp`` files of an interrupted write; not FIFOs or devices,
which are never opened). When two files share an id the first in that order wins, and the
duplicate is reported, never silently shadowed. A file whose name is not valid UTF-8 is listed
as broken, its name escaped (the index cannot hold it); a folder that cannot be read is an
error (exit 2) rather than a silently shorter library. Metadata comes from the index
(:mod:`briefcli.index`), so listing a thousand briefs parses none of them unless they changed.

Which brief a command reads ("current"): ``-b/--brief REF``, else ``$BRIEF``, else the default
remembered by ``brief use``, else the shipped report. REF is a path, an id, a unique prefix of
an id, or a unique fragment of a title.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from briefcli.errors import BriefError, BriefFileError, UsageError, quoted
from briefcli.paths import DEFAULT_FILE as DEFAULT_FILE  # defined with the other places
from briefcli.sanitize import sanitize_line
from briefcli.statkeys import SUFFIXES as SUFFIXES  # defined where the stat keys are taken
from briefcli.statkeys import storable

if TYPE_CHECKING:
    from collections.abc import Callable

    from briefcli.index import FileRecord, Index, Progress
    from briefcli.statkeys import Listing

T = TypeVar("T")

SHIPPED = "shipped"
LIBRARY = "library"
BRIEF_PATH = "BRIEF_PATH"
#: How a brief was chosen, as the overview and ``brief use`` say it.
CHOSEN_BY = {
    "option": "chosen with --brief",
    "environment": "chosen by the BRIEF environment variable",
    "default": "the default set with 'brief use'",
    "shipped": "the shipped report (no --brief, no BRIEF, no 'brief use' default)",
}


class Folder(NamedTuple):
    """A folder of the library and where it comes from (shipped, library or BRIEF_PATH)."""

    path: str
    origin: str


class Entry(NamedTuple):
    """One brief file in the library; ``error`` says why it cannot be read when it is broken."""

    path: str
    origin: str
    id: str
    title: str
    date: str
    kind: str
    error: str | None = None
    #: Set on a later file whose id an earlier one already has: the path that wins.
    shadowed_by: str | None = None
    #: The file's key in the index.
    file_id: int = 0

    @property
    def broken(self) -> bool:
        """True when the file is not a valid brief."""
        return self.error is not None

    @property
    def name(self) -> str:
        """The id, or for a broken file its file name without the ending."""
        return self.id or Path(self.path).stem

    @property
    def status(self) -> str:
        """'ok', 'broken' or 'duplicate' (a later file with an id already taken)."""
        if self.error is not None:
            return "broken"
        return "duplicate" if self.shadowed_by else "ok"


class Library(NamedTuple):
    """Every brief file in the library folders, in search order."""

    folders: tuple[Folder, ...]
    entries: tuple[Entry, ...]

    def usable(self) -> tuple[Entry, ...]:
        """The valid briefs that an id reaches (no broken files, no shadowed duplicates)."""
        return tuple(e for e in self.entries if e.status == "ok")

    def readable(self) -> tuple[Entry, ...]:
        """Every valid brief file, duplicates included (``search --all`` reads them all)."""
        return tuple(e for e in self.entries if not e.broken)

    def broken(self) -> tuple[Entry, ...]:
        """Files that are not valid briefs."""
        return tuple(e for e in self.entries if e.broken)

    def duplicates(self) -> dict[str, tuple[Entry, ...]]:
        """Each id held by more than one file → those files, the one that wins first.

        Look-alike ids (the same TR39 skeleton: a Cyrillic 'ѕ' for an 's') are one id.
        """
        from briefcli.confusables import skeleton

        by_id: dict[str, list[Entry]] = {}
        for entry in self.entries:
            if not entry.broken:
                by_id.setdefault(skeleton(entry.id), []).append(entry)
        return {found[0].id: tuple(found) for found in by_id.values() if len(found) > 1}

    def find(self, ref: str) -> Entry:
        """The brief ``ref`` names: exact id (or any case, or a look-alike), then a broken file
        of that name, then a unique id prefix, then a unique title fragment (any case).
        UsageError when none or several."""
        from briefcli.confusables import skeleton

        usable = self.usable()
        exact = (
            [e for e in usable if e.id == ref]
            or [e for e in usable if e.id.casefold() == ref.casefold()]
            or [e for e in usable if skeleton(e.id) == skeleton(ref)]
        )
        if len(exact) == 1:
            return exact[0]
        wanted = ref.casefold()
        broken = [e for e in self.broken() if Path(e.path).stem.casefold() == wanted]
        if broken and not exact:
            return broken[0]  # reading it says what is wrong, in the loader's words
        for rule, found in (
            ("ids start with", [e for e in usable if e.id.casefold().startswith(wanted)]),
            ("titles contain", [e for e in usable if wanted in e.title.casefold()]),
        ):
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                names = ", ".join(sorted(e.id for e in found)[:5])
                more = f" and {len(found) - 5} more" if len(found) > 5 else ""
                raise UsageError(
                    f"{quoted(ref)} is ambiguous: {len(found)} briefs' {rule} it ({names}{more})",
                    "give more of the id, or see 'brief list'",
                )
        raise UsageError(
            f"no brief {quoted(ref)}: not a file, and no brief in the library has "
            "that id or a title containing it",
            "'brief list' shows the library; give a path to read a file elsewhere",
        )


def shipped_folder() -> str:
    """The folder of briefs shipped inside the package."""
    from briefcli.paths import default_brief_path

    return str(default_brief_path().parent)


def folders() -> tuple[Folder, ...]:
    """The library folders in search order; a folder named twice counts once (its first place).

    Folders that do not exist are left out; so are empty entries in BRIEF_PATH.
    """
    from briefcli import paths

    candidates = [(shipped_folder(), SHIPPED), (str(paths.library_dir()), LIBRARY)]
    from briefcli.statkeys import brief_path_folders

    candidates += [(folder, BRIEF_PATH) for folder in brief_path_folders()]
    out: list[Folder] = []
    seen: set[str] = set()
    for folder, origin in candidates:
        real = os.path.realpath(folder)
        if real in seen or not os.path.isdir(real):
            continue
        seen.add(real)
        out.append(Folder(real, origin))
    return tuple(out)


def brief_files(folder: str, origin: str = BRIEF_PATH) -> list[str]:
    """The brief files in ``folder``, by name: ``*.yaml`` and ``*.yml``, regular, not hidden.

    Hidden names include the temp files of a write that was killed (``.NAME.*.tmp``). A folder
    that is gone is empty; one that cannot be read is a :class:`UsageError`.
    """
    return [path for path, _ in _brief_entries(folder, origin)]


def _brief_entries(folder: str, origin: str) -> list[tuple[str, int]]:
    """:func:`brief_files` with each file's inode number (which listing a folder gives free)."""
    try:
        with os.scandir(folder) as found:
            named = [
                (entry.name, entry.path, entry.inode())
                for entry in found
                if entry.name.endswith(SUFFIXES)
                and not entry.name.startswith(".")
                and _is_regular(entry)
            ]
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as exc:
        raise UsageError(
            f"cannot read the library folder {sanitize_line(folder)}: {exc.strerror or exc}",
            "fix its permissions"
            + (", or take it out of BRIEF_PATH" if origin == BRIEF_PATH else ""),
        ) from None
    return [(path, inode) for _, path, inode in sorted(named)]


def _is_regular(entry: os.DirEntry[str]) -> bool:
    """A regular file, or a link to one (a FIFO or device is never read: it could block)."""
    try:
        return entry.is_file()
    except OSError:
        return False


def scan(index: Index, progress: Progress | None = None) -> Library:
    """The library as it is now: every folder listed, the index brought up to date."""
    found = folders()
    origin_of: dict[str, str] = {}
    files: list[str] = []
    for folder in found:
        for path in brief_files(folder.path, folder.origin):
            origin_of[path] = folder.origin
            files.append(path)
    records = index.sync(files, prune=[f.path for f in found], progress=progress)
    unnamed = [path for path in files if not storable(path)]
    if unnamed:  # rare: put them back in the library's order, after the index's records
        rank = {path: n for n, path in enumerate(files)}
        records = sorted([*records, *map(_unnamed_record, unnamed)], key=lambda r: rank[r.path])
    from briefcli.confusables import skeleton

    winners: dict[str, str] = {}  # by skeleton: a look-alike id is the same id
    entries = []
    for record in records:
        shadowed_by = None
        if record.error is None:
            shadowed_by = winners.setdefault(skeleton(record.brief_id), record.path)
            if shadowed_by == record.path:
                shadowed_by = None
        entries.append(_entry(record, origin_of[record.path], shadowed_by))
    return Library(found, tuple(entries))


class Survey(NamedTuple):
    """The library's folders and files as a library-wide command sees them (see :func:`survey`)."""

    folders: tuple[Folder, ...]
    #: Every brief file in the folders whose name the index cannot hold (listed as broken).
    unnamed: tuple[str, ...]

    @property
    def paths(self) -> list[str]:
        """The folders' paths, in the library's order: those the index can name (a folder
        whose name is not UTF-8 has its files in :attr:`unnamed`)."""
        return [folder.path for folder in self.folders if storable(folder.path)]


def survey(index: Index, progress: Progress | None = None) -> Survey:
    """Bring the index up to date with every file of the library, for a library-wide command.

    Every brief file is checked by the freshness rule, without reading a row per file: the
    digest of the stat keys of a folder's files (:func:`briefcli.statkeys.listing`, usually
    taken by a process forked at start-up) is compared with the digest of the same text made
    from the index's rows (:meth:`briefcli.index.Index.listing`). When they differ, the files
    whose records differ are read again and those gone are forgotten; racy files (changed just
    before they were read) are checked one by one. See docs/library.md, "Freshness".
    """
    from briefcli import statkeys

    found = folders()
    unnamed: list[str] = []
    racy_paths: list[str] = []
    stale: dict[str, statkeys.Listing] = {}
    for folder in found:
        now = statkeys.take(folder.path)
        if now is None:
            try:
                now = statkeys.listing(folder.path)
            except statkeys.UnreadableFolder as exc:
                raise _unreadable(folder, exc.error) from None
        unnamed += now.unnamed
        if not storable(folder.path):
            continue  # the index cannot hold its name: every file of it is in ``unnamed``
        stored, racy = index.listing(folder.path)
        if stored == now.digest:  # the usual case
            racy_paths += [os.path.join(folder.path, name) for name in racy]
        else:
            stale[folder.path] = now
    if racy_paths:
        index.sync(racy_paths)  # read again, one by one, whatever their stat keys say
    if stale:
        _bring_up_to_date(index, stale, progress)
    return Survey(found, tuple(unnamed))


#: The records a folder's listing was last compared against are kept (not written again, with
#: the write-ahead log's checkpoint of them: 600 KB for 10,000 files) while the same files
#: differ from them in at most this many stat keys: each comparison then names those few
#: files again, and the freshness rule skips the ones already read since.
_REBASE = 32


def _bring_up_to_date(
    index: Index, stale: dict[str, Listing], progress: Progress | None = None
) -> None:
    """Read again the files of the ``stale`` folders (→ their listings now) whose stat keys
    differ from the index's, and forget those gone.

    A few files (at most a batch): in one write transaction, at the end of which the rows hold
    the listings taken now (checked for the files read), which the index then keeps as they
    are (their digest; the records compared only when they name other files or more than
    :data:`_REBASE` changed). Many (a first build): in batches, with progress, and the
    listings made from the rows.
    """
    from briefcli.index import BATCH
    from briefcli.statkeys import differing, keys_of

    plan: dict[str, tuple[list[str], list[str]]] = {}
    rebase: set[str] = set()
    with index.writing():
        for folder, now in stale.items():
            stored, racy = index.listing(folder)
            try:
                if stored is None:
                    raise ValueError("no listing")
                known = index.listed(folder)
                changed, left = compare(now.records, known, racy)
            except ValueError:  # none, or kept by another version of brief: from the rows
                _, known, racy = index.make_listing(folder)
                changed, left = compare(now.records, known, racy)
            plan[folder] = (changed, left)
            if len(changed) > _REBASE or differing(now.records, known) is None:
                rebase.add(folder)
        if sum(len(changed) + len(left) for changed, left in plan.values()) <= BATCH:
            _apply(index, plan)
            for folder, now in stale.items():
                changed, left = plan[folder]
                if index.holds(folder, keys_of(now.records, [*changed, *left])):
                    records = now.records if folder in rebase else None
                    index.keep_listing(folder, records, now.digest)
                else:  # a file changed again since it was listed: as the rows say
                    index.make_listing(folder)
            return
    _apply(index, plan, progress)
    for folder in stale:
        index.make_listing(folder)


def _apply(
    index: Index, plan: dict[str, tuple[list[str], list[str]]], progress: Progress | None = None
) -> None:
    """Forget the files gone and read again those changed, of each folder of ``plan``."""
    gone = [os.path.join(folder, name) for folder, (_, left) in plan.items() for name in left]
    check = [os.path.join(folder, n) for folder, (changed, _) in plan.items() for n in changed]
    if gone:
        index.forget(index.ids(gone))
    if check:
        index.sync(check, progress=progress)


def compare(now: bytes, known: bytes, racy: list[str]) -> tuple[list[str], list[str]]:
    """The names of the files to read again and of those gone, from a folder's records ``now``
    (:func:`briefcli.statkeys.listing`) and those the index holds (``known``; its ``racy``
    files are read again whenever they are there)."""
    from briefcli.statkeys import differing, parse_records

    edited = differing(now, known)
    if edited is not None:  # the same files: only which were edited or replaced
        return sorted({*edited, *racy}), []
    found, held = parse_records(now), parse_records(known)
    changed = [name for name, key in found.items() if held.get(name) != key or name in racy]
    left = [name for name in held.keys() | set(racy) if name not in found]
    return sorted(set(changed)), sorted(left)


def _unreadable(folder: Folder, error: OSError) -> UsageError:
    return UsageError(
        f"cannot read the library folder {sanitize_line(folder.path)}: {error.strerror or error}",
        "fix its permissions"
        + (", or take it out of BRIEF_PATH" if folder.origin == BRIEF_PATH else ""),
    )


class Page(NamedTuple):
    """One page of ``brief list``: the library as the renderer needs it, and what is left out."""

    #: The folders; entries: the page's briefs, every broken file, every file of a duplicate id.
    library: Library
    #: What the table shows: the page's briefs in order, then every broken file.
    entries: tuple[Entry, ...]
    #: How many valid brief files the library has (the page shows at most ``limit`` of them).
    briefs: int


def surveyed(
    index: Index, answer: Callable[[list[str]], T], progress: Progress | None = None
) -> tuple[Survey, T]:
    """``answer(folder paths)`` from an index that :func:`survey` brought up to date.

    While the process forked at start-up is still taking the folders' listings, the answer is
    made first, from the index as it is, and made again only if the survey then changed it:
    the two processes work at the same time.
    """
    from briefcli.statkeys import ready

    if ready():
        seen = survey(index, progress)
        return seen, answer(seen.paths)
    where = [folder.path for folder in folders()]
    before = index.changes
    early = answer(where)
    seen = survey(index, progress)
    if index.changes != before or seen.paths != where:
        return seen, answer(seen.paths)
    return seen, early


def list_page(index: Index, sort: str, limit: int, progress: Progress | None = None) -> Page:
    """The first ``limit`` briefs in ``sort`` order ('id' or 'date'), read from the index's
    sorted columns once :func:`survey` has brought it up to date."""
    seen, page = surveyed(index, lambda where: _first(index, where, sort, limit), progress)
    where = seen.paths
    broken = index.records(where, "error IS NOT NULL", (), "ORDER BY rank, path")
    twins = index.records(
        where,
        "error IS NULL AND skeleton IN (SELECT skeleton FROM files INDEXED BY files_by_skeleton "
        "WHERE error IS NULL "
        f"AND folder IN ({', '.join('?' for _ in where)}) "
        "GROUP BY skeleton HAVING count(*) > 1)",
        where,
        "ORDER BY rank, path",
    )
    origin = {folder.path: folder.origin for folder in seen.folders}
    from briefcli.confusables import skeleton

    winners: dict[str, str] = {}
    for record in twins:
        winners.setdefault(skeleton(record.brief_id), record.path)

    def entry(record: FileRecord) -> Entry:
        first = winners.get(skeleton(record.brief_id)) if record.error is None else None
        return _entry(
            record, origin[os.path.dirname(record.path)], None if first == record.path else first
        )

    shown = [entry(r) for r in page]
    failed = [entry(r) for r in broken] + [
        _entry(_unnamed_record(path), origin[os.path.dirname(path)]) for path in seen.unnamed
    ]
    kept = {e.path: e for e in [*shown, *failed, *map(entry, twins)]}
    total = index.valid(where)
    library = Library(seen.folders, tuple(kept.values()))
    return Page(library, (*shown, *failed), total)


def _first(index: Index, where: list[str], sort: str, limit: int) -> list[FileRecord]:
    """The first ``limit`` valid briefs in the folders ``where`` in ``sort`` order: the first
    ``limit`` of each folder read from its index in order (no sort of every row), then the
    first ``limit`` of those."""
    keys = "sort_name, {rank}path" if sort == "id" else "date_key DESC, brief_id, {rank}path"
    chosen = [i for folder in where for i in index.first(folder, keys.format(rank=""), limit)]
    marks = ", ".join("?" for _ in chosen)
    return index.records(
        where,
        f"error IS NULL AND id IN ({marks})",
        chosen,
        f"ORDER BY {keys.format(rank='rank, ')} LIMIT {int(limit)}",
    )


#: Why a file whose name is not valid UTF-8 is broken (the index keeps names as UTF-8 text).
UNNAMED = "its file name is not valid UTF-8; rename the file to read it from the library"


def _unnamed_record(path: str) -> FileRecord:
    from briefcli.index import FileRecord

    return FileRecord(0, path, "", "", "", "", UNNAMED)


def _entry(record: FileRecord, origin: str, shadowed_by: str | None = None) -> Entry:
    # In field order: a library holds thousands of entries, and by-name arguments cost more.
    return Entry(
        record.path,
        origin,
        record.brief_id,
        record.title,
        record.date,
        record.kind,
        record.error,
        shadowed_by,
        record.file_id,
    )


def load_library(progress: Progress | None = None) -> Library:
    """Scan the library through the index in the cache folder (or in memory)."""
    from briefcli.index import using_index

    return using_index(lambda index: scan(index, progress))


def describe(index: Index, path: str) -> Entry:
    """The index's record of one brief file anywhere (it need not be in the library).

    A missing file, a FIFO or device, or a broken brief raises the loader's error.
    """
    import stat

    real = os.path.realpath(path)
    try:
        regular = stat.S_ISREG(os.stat(real).st_mode)
    except OSError:
        regular = False
    if not regular:
        from briefcli.loader import load_brief

        load_brief(path)  # says what it is (missing, a FIFO, a device), never reading it
    if not storable(real):
        raise BriefFileError(sanitize_line(path), UNNAMED)
    records = index.sync([real])
    if not records:
        raise BriefFileError(sanitize_line(path), "no such file")
    record = records[0]
    if record.error is not None:
        from briefcli.loader import load_brief

        load_brief(path)  # raises the loader's own error, with file, line and column
        raise BriefFileError(sanitize_line(path), record.error)
    return _entry(record, "file")


# -- which brief is current ---------------------------------------------------------------------


class Choice(NamedTuple):
    """The brief a command reads, how it was chosen, and anything the user should be told."""

    path: str
    how: str  # a key of CHOSEN_BY
    ref: str | None = None
    warning: str | None = None

    @property
    def chosen_by(self) -> str:
        """How it was chosen, in words."""
        return CHOSEN_BY[self.how]

    def sentence(self, brief_id: str) -> str:
        """The overview's line: which brief is current, why, and how to change it."""
        return (
            f"Current brief: {brief_id}, {self.chosen_by}. "
            "Others: brief list · another: brief -b ID, BRIEF=ID or brief use ID."
        )


def looks_like_path(ref: str) -> bool:
    """True when ``ref`` is a file, or is written as a path (a folder part or a .yaml ending)."""
    return (
        os.sep in ref
        or (os.altsep is not None and os.altsep in ref)
        or ref.endswith(SUFFIXES)
        or ref.startswith("~")
        or os.path.isfile(ref)
    )


def choose(option: str | None, library: Library | None = None) -> Choice:
    """The current brief: ``--brief``, else ``$BRIEF``, else ``brief use``'s default, else the
    shipped report. ``library`` is scanned only when an id has to be looked up."""
    if option is not None:
        if not option.strip():
            raise UsageError("--brief needs a brief id or a file path")
        return resolve(option, "option", library)
    environment = os.environ.get("BRIEF", "")
    if environment.strip():
        return resolve(environment, "environment", library)
    remembered = read_default()
    if remembered is not None:
        brief_id, path = remembered
        if path and os.path.isfile(path):
            return Choice(path, "default", brief_id)
        try:
            return resolve(brief_id, "default", library)
        except BriefError:
            raise UsageError(
                f"the default brief {quoted(brief_id)} (set with 'brief use') is gone",
                "choose another with 'brief use ID', or forget it with 'brief use --clear'",
            ) from None
    from briefcli.paths import default_brief_path

    return Choice(str(default_brief_path()), "shipped")


def resolve(ref: str, how: str, library: Library | None = None) -> Choice:
    """Resolve a reference given on the command line, in BRIEF or remembered by ``brief use``."""
    if looks_like_path(ref):
        # Kept as written (relative paths stay relative) so messages name what the user typed.
        return Choice(os.path.expanduser(ref), how, ref)
    library = library or load_library()
    entry = library.find(ref)
    warning = None
    others = library.duplicates().get(entry.id, ())
    if len(others) > 1:
        warning = (
            f"{len(others)} briefs have the id {quoted(entry.id)}; using {entry.path} "
            f"(first in the library's order); 'brief list' shows the others"
        )
    return Choice(entry.path, how, ref, warning)


def choose_brief_for_use(ref: str) -> tuple[str, str]:
    """The (id, path) that ``brief use REF`` remembers; the brief must be valid."""
    from briefcli.index import using_index

    path = os.path.abspath(resolve(ref, "option").path)
    if path.startswith(("/dev/", "/proc/")):
        # /dev/stdin, /dev/fd/3, /proc/self/fd/0: a name for this process's file only; the
        # file itself is what later runs must find (a pipe has none: it is refused below).
        real = os.path.realpath(path)
        path = path if real.startswith("/proc/") else real
    if "\n" in path or "\r" in path or path != path.strip():
        # The default is remembered one line per value (see read_default).
        raise UsageError(
            f"cannot remember {quoted(path)}: its name has a line break or blanks at an end",
            "rename the file, or name it with -b or BRIEF each time",
        )
    entry = using_index(lambda index: describe(index, path))
    return entry.id, path


def default_path() -> Path:
    """The file that remembers ``brief use``'s default."""
    from briefcli import paths

    return paths.config_dir() / DEFAULT_FILE


def read_default() -> tuple[str, str] | None:
    """The remembered default (id, path), or None when none is set (or it is unreadable)."""
    from briefcli.files import OWN, read_file

    try:
        # brief's own file: never through a link, never a FIFO (which would block).
        text = read_file(default_path(), OWN, limit=64 * 1024, own=True).decode("utf-8")
    except (BriefError, UnicodeDecodeError):
        return None
    lines = [line.strip() for line in text.splitlines()]
    if not lines or not lines[0]:
        return None
    return lines[0], lines[1] if len(lines) > 1 else ""


def write_default(entry_id: str, path: str) -> None:
    """Remember ``entry_id`` (found at ``path``) as the default brief: an atomic write."""
    from briefcli.files import atomic_write

    data = f"{entry_id}\n{path}\n".encode("utf-8", "surrogateescape")
    atomic_write(default_path(), data, force=True, own=True)


def clear_default() -> bool:
    """Forget the default brief; True when there was one."""
    try:
        default_path().unlink()
    except FileNotFoundError:
        return False
    except OSError as exc:
        from briefcli.errors import WriteError

        shown = sanitize_line(str(default_path()))
        raise WriteError(f"cannot remove {shown}: {exc.strerror or exc}") from None
    return True
