"""The archive around a brief: the analyst roster and what every other brief is (its id,
date and sources), so rules can check what no single file shows.

The index lives in an SQLite database, the cache's or a temporary one. A run looks at every
file of the archive once (a stat) to know whether the stored index still holds, re-reads
only the briefs that changed, and looks up only the rows its rules ask for: memory does not
grow with the archive, and checking one brief does not load the others. The archive's
fingerprint is part of every cached result's key, so a change anywhere in it is seen
everywhere.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from wwrlint import store
from wwrlint.discovery import read_brief, walk

if TYPE_CHECKING:
    import sqlite3
    import tempfile

ROSTER_NAME = "analysts.yaml"
_SOURCE_KEYS = ("publisher", "date", "title", "url", "type", "brief")
# Briefs whose index rows are written in one statement.
_BATCH = 256

# A source of another brief: (that brief's path, the source's id there, its fields).
Citation = tuple[str, str, dict[str, str]]
StatKey = tuple[int, int, int, int]


@dataclass(frozen=True, eq=False)
class BriefEntry:
    """What the archive knows of one brief."""

    path: str
    id: str | None
    date: str | None
    sources: dict[str, dict[str, str]]

    @cached_property
    def digest(self) -> str:
        """Changes when anything the archive rules read of this brief changes."""
        content = json.dumps([self.id, self.date, self.sources], sort_keys=True)
        return hashlib.sha256(content.encode()).hexdigest()[:16]


class Archive:
    """An archive's roster and index. `index` makes one for a folder; given `briefs`, it
    indexes those alone, in a database private to the process (for examples and tests)."""

    def __init__(
        self,
        folder: str,
        roster_path: str | None = None,
        roster: dict[str, dict[str, Any]] | None = None,
        briefs: Iterable[BriefEntry] = (),
    ) -> None:
        self.folder = folder
        self.roster_path = roster_path
        self.roster = roster or {}
        self._unstored = list(briefs)  # written to a private database on first use
        self._database = ":memory:"
        self._number = 1
        self._fingerprint: str | None = None
        self._connection: tuple[int, sqlite3.Connection] | None = None
        self._temporary: tempfile.TemporaryDirectory[str] | None = None

    def __getstate__(self) -> dict[str, Any]:
        """What a worker process started without fork receives: no open database."""
        return {**self.__dict__, "_connection": None, "_temporary": None}

    @property
    def fingerprint(self) -> str:
        """Changes whenever anything that archive rules read changes."""
        if self._fingerprint is None:
            self._fingerprint = _fingerprint(self._db(), self._number, self.roster)
        return self._fingerprint

    def by_id(self, brief_id: str, besides: str = "") -> list[BriefEntry]:
        """The briefs with this id, other than the one at `besides`."""
        return self._entries("id", brief_id, besides)

    def by_date(self, date: str, besides: str = "") -> list[BriefEntry]:
        return self._entries("date", date, besides)

    def ids(self) -> list[str]:
        query = "SELECT id FROM briefs WHERE archive = ? AND id IS NOT NULL ORDER BY path"
        return [row[0] for row in self._db().execute(query, (self._number,))]

    def citing(self, source: dict[str, Any], besides: str = "") -> list[Citation]:
        """The other briefs' sources that are the same source: the same url, or the same
        publisher, date and title."""
        found: dict[tuple[str, str], dict[str, str]] = {}
        columns = "path, source, " + ", ".join(_SOURCE_KEYS)
        database = self._db()
        if isinstance(source.get("url"), str):
            query = f"SELECT {columns} FROM sources WHERE archive = ? AND url = ?"
            _collect(found, database.execute(query, (self._number, source["url"])), self._full)
        text = tuple(source.get(k) for k in ("publisher", "date", "title"))
        if all(isinstance(v, str) for v in text):
            query = (
                f"SELECT {columns} FROM sources "
                "WHERE archive = ? AND publisher = ? AND date = ? AND title = ?"
            )
            _collect(found, database.execute(query, (self._number, *text)), self._full)
        here = _real(besides)
        return [
            (path, source_id, fields)
            for (path, source_id), fields in found.items()
            if _real(path) != here
        ]

    @property
    def briefs(self) -> list[BriefEntry]:
        """Every brief of the archive, in path order."""
        database = self._db()
        query = "SELECT path, id, date FROM briefs WHERE archive = ? AND id IS NOT NULL"
        rows = database.execute(query, (self._number,))
        entries = {self._full(path): (brief_id, date) for path, brief_id, date in rows}
        sources: dict[tuple[str, str], dict[str, str]] = {}
        query = f"SELECT path, source, {', '.join(_SOURCE_KEYS)} FROM sources WHERE archive = ?"
        _collect(sources, database.execute(query, (self._number,)), self._full)
        grouped: dict[str, dict[str, dict[str, str]]] = {path: {} for path in entries}
        for (path, source_id), fields in sources.items():
            if path in grouped:
                grouped[path][source_id] = fields
        return [BriefEntry(path, *entries[path], grouped[path]) for path in sorted(entries)]

    def close(self) -> None:
        """Let go of the database (and delete it, when it was made for this run alone)."""
        if self._connection is not None and self._connection[0] == os.getpid():
            self._connection[1].close()
        self._connection = None
        if self._temporary is not None:
            self._temporary.cleanup()
            self._temporary = None

    def _entries(self, column: str, value: str, besides: str) -> list[BriefEntry]:
        query = f"SELECT path, id, date FROM briefs WHERE archive = ? AND {column} = ?"
        here = _real(besides)
        database = self._db()
        rows = database.execute(query, (self._number, value)).fetchall()
        return [
            BriefEntry(self._full(path), brief_id, date, self._sources_of(path))
            for path, brief_id, date in rows
            if _real(self._full(path)) != here
        ]

    def _sources_of(self, path: bytes) -> dict[str, dict[str, str]]:
        found: dict[tuple[str, str], dict[str, str]] = {}
        query = (
            f"SELECT path, source, {', '.join(_SOURCE_KEYS)} FROM sources "
            "WHERE archive = ? AND path = ?"
        )
        _collect(found, self._db().execute(query, (self._number, path)), os.fsdecode)
        return {source_id: fields for (_, source_id), fields in found.items()}

    def _full(self, path: bytes) -> str:
        """A path of the archive as the index keeps it (below the folder), made whole."""
        return os.path.join(self.folder, os.fsdecode(path))

    def _inside(self, path: str) -> bytes:
        """A path as the index keeps it: below the folder where it is."""
        prefix = self.folder.rstrip(os.sep) + os.sep
        return os.fsencode(path[len(prefix) :] if path.startswith(prefix) else path)

    def _db(self) -> sqlite3.Connection:
        """The index's database, opened once in each process (a connection must not cross
        a fork)."""
        if self._connection is None or self._connection[0] != os.getpid():
            database = store.connect(self._database)
            if self._database == ":memory:":
                with store.transaction(database):
                    _add_archive(database, "")
                    unstored = [(e, self._inside(e.path), (0, 0, 0, 0)) for e in self._unstored]
                    _store_entries(database, 1, unstored, 0.0)
            self._connection = (os.getpid(), database)
        return self._connection[1]


def _collect(
    found: dict[tuple[str, str], dict[str, str]],
    rows: Iterable[tuple[Any, ...]],
    full: Callable[[bytes], str],
) -> None:
    for path, source_id, *values in rows:
        fields = {k: v for k, v in zip(_SOURCE_KEYS, values, strict=True) if v is not None}
        found.setdefault((full(path), source_id), fields)


@lru_cache(maxsize=1024)
def _real(path: str) -> str | None:
    return os.path.realpath(path) if path else None


def shown(path: str) -> str:
    """A path of the archive as messages show it: relative to the current folder when it
    lies below it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def summarize(path: str, data: Any) -> BriefEntry | None:
    """The archive's view of a brief's data, or None when it is not a brief at all."""
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        return None
    sources: dict[str, dict[str, str]] = {}
    raw = data.get("sources")
    for source_id, source in raw.items() if isinstance(raw, dict) else ():
        if isinstance(source, dict):
            sources[str(source_id)] = {
                key: str(source[key]) for key in _SOURCE_KEYS if isinstance(source.get(key), str)
            }
    date = data.get("date")
    return BriefEntry(path, data["id"], date if isinstance(date, str) else None, sources)


def is_roster(path: str, roster_path: str | None) -> bool:
    if roster_path is not None:
        return os.path.realpath(path) == os.path.realpath(roster_path)
    return os.path.basename(path) == ROSTER_NAME


Reader = Callable[[list[str]], Iterator["BriefEntry | None"]]


def index(
    folder: str, roster_path: str | None, database: str | None, read: Reader | None = None
) -> Archive:
    """The archive in `folder`, its index brought up to date in `database` (a temporary
    one when None). `read` gives the entries of the briefs that changed, in order (by
    default by reading each here)."""
    archive = Archive(folder)
    roster = roster_path or os.path.join(folder, ROSTER_NAME)
    archive.roster_path = roster if os.path.isfile(roster) else None
    if database is None:
        import tempfile

        archive._temporary = tempfile.TemporaryDirectory(prefix="wwrlint-archive-")
        database = os.path.join(archive._temporary.name, "archive.sqlite")
    archive._database = database
    try:
        _bring_up_to_date(archive, read or _read_each)
    except BaseException:
        archive.close()
        raise
    return archive


def _bring_up_to_date(archive: Archive, read: Reader) -> None:
    looked_at = time.time()
    real_roster = os.path.realpath(archive.roster_path) if archive.roster_path else ""
    key = f"{os.path.realpath(archive.folder)}\n{real_roster}"
    database = archive._db()
    query = "SELECT id, stamp, fingerprint, roster, listing FROM archives WHERE key = ?"
    row = database.execute(query, (key,)).fetchone()
    listing = _Listing.load(row[4]) if row is not None else None
    files = listing.files(archive.folder, looked_at) if listing is not None else None
    walked = listing is None or files is None
    if walked:
        listing = _Listing.walk(archive.folder, archive.roster_path)
        files = listing.files(archive.folder, looked_at, just_walked=True)
    assert listing is not None
    assert files is not None
    roster_key = _stat_key(archive.roster_path) if archive.roster_path else None
    stamp = hashlib.sha256(marshal.dumps([roster_key, files])).hexdigest()
    newest = max((max(k[1], k[2]) for _, k in files), default=0)
    trusted = store.settled((0, newest, newest), looked_at) and (
        roster_key is None or store.settled(roster_key, looked_at)
    )
    if row is not None and row[1] == stamp:
        archive._number, archive._fingerprint = row[0], row[2]
        archive.roster = marshal.loads(row[3])
        if walked:  # a folder changed, its briefs did not: keep the new listing
            query = "UPDATE archives SET listing = ? WHERE id = ?"
            database.execute(query, (listing.dump(looked_at), row[0]))
        return
    with store.transaction(database):
        number = row[0] if row is not None else _add_archive(database, key)
        query = "SELECT path, size, mtime, ctime, inode, checked FROM briefs WHERE archive = ?"
        known = {os.fsdecode(path): rest for path, *rest in database.execute(query, (number,))}
        stale: list[tuple[str, StatKey]] = []
        for path, stat_key in files:
            old = known.pop(path, None)
            if old is None or tuple(old[:4]) != stat_key or not store.settled(stat_key, old[4]):
                stale.append((path, stat_key))
        gone = [(number, os.fsencode(path)) for path in known]
        database.executemany("DELETE FROM briefs WHERE archive = ? AND path = ?", gone)
        database.executemany("DELETE FROM sources WHERE archive = ? AND path = ?", gone)
        paths = [os.path.join(archive.folder, path) for path, _ in stale]
        batch: list[tuple[BriefEntry | None, str, StatKey]] = []
        for (path, stat_key), entry in zip(stale, read(paths), strict=True):
            batch.append((entry, path, stat_key))
            if len(batch) == _BATCH:
                _store_entries(database, number, batch, looked_at)
                batch = []
        _store_entries(database, number, batch, looked_at)
        archive.roster = read_roster(archive.roster_path) if archive.roster_path else {}
        archive._number = number
        archive._fingerprint = _fingerprint(database, number, archive.roster)
        database.execute(
            "UPDATE archives SET stamp = ?, fingerprint = ?, roster = ?, listing = ? WHERE id = ?",
            (
                stamp if trusted else None,
                archive._fingerprint,
                marshal.dumps(archive.roster),
                listing.dump(looked_at),
                number,
            ),
        )


@dataclass
class _Listing:
    """Which briefs an archive holds, and the folders that hold them with their stat keys:
    while no folder has changed, no file was added, removed or renamed, so the list holds
    without reading the folders again."""

    folders: list[tuple[str, StatKey]]  # below the archive's folder ("" for itself)
    names: list[str]  # the briefs, below the archive's folder

    @classmethod
    def load(cls, blob: bytes | None) -> _Listing | None:
        if not blob:
            return None
        try:
            folders, names = marshal.loads(blob)
        except (ValueError, TypeError, EOFError):
            return None
        return cls(folders, names)

    def dump(self, looked_at: float) -> bytes | None:
        """The listing as stored; nothing when a folder changed too recently to trust."""
        if all(store.settled(stat_key, looked_at) for _, stat_key in self.folders):
            return marshal.dumps((self.folders, self.names))
        return None

    @classmethod
    def walk(cls, folder: str, roster_path: str | None) -> _Listing:
        """The archive's briefs, read from its folders. A folder's stat key is taken after
        it was read: a change during the walk then shows as too recent to trust. A link to
        a file of the archive is not a brief of its own."""
        top = os.path.realpath(folder) + os.sep
        roster = os.path.realpath(roster_path) if roster_path else None
        roster_name = os.sep + os.path.basename(roster) if roster else "\0"  # no path ends so
        start = len(folder.rstrip(os.sep)) + 1
        folders: list[str] = []
        names = []
        for path, link in walk(folder, folders):
            if link and os.path.realpath(path).startswith(top):
                continue
            if path.endswith(roster_name) and os.path.realpath(path) == roster:
                continue
            names.append(path[start:])
        keys = []
        for path in folders:
            with contextlib.suppress(OSError):
                keys.append((path[start:], _stat_key(path)))
        return cls(keys, names)

    def files(
        self, folder: str, looked_at: float, just_walked: bool = False
    ) -> list[tuple[str, StatKey]] | None:
        """(name, stat key) of every brief; None when a folder has changed since the
        listing was made, or a brief cannot be found."""
        stat = os.stat
        for name, stat_key in () if just_walked else self.folders:
            try:
                found = stat(os.path.join(folder, name) if name else folder)
            except OSError:
                return None
            seen = (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino)
            if seen != stat_key or not store.settled(seen, looked_at):
                return None
        files = []
        prefix = folder.rstrip(os.sep) + os.sep
        for name in self.names:
            try:
                found = stat(prefix + name)
            except OSError:
                if just_walked:
                    continue  # gone since, or a link to nothing: not a brief
                return None
            files.append(
                (name, (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino))
            )
        return files


def _stat_key(path: str) -> StatKey:
    return store.stat_key(os.stat(path))


def _add_archive(database: sqlite3.Connection, key: str) -> int:
    cursor = database.execute("INSERT INTO archives (key) VALUES (?)", (key,))
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _store_entries(
    database: sqlite3.Connection,
    number: int,
    batch: Sequence[tuple[BriefEntry | None, str | bytes, StatKey]],
    looked_at: float,
) -> None:
    briefs: list[tuple[Any, ...]] = []
    sources: list[tuple[Any, ...]] = []
    for entry, name, stat_key in batch:
        path = os.fsencode(name)
        if entry is None:  # not a brief (or not readable): remembered, so as not to read again
            briefs.append((number, path, *stat_key, looked_at, None, None, ""))
            continue
        briefs.append((number, path, *stat_key, looked_at, entry.id, entry.date, entry.digest))
        for source_id, fields in entry.sources.items():
            sources.append((number, path, source_id, *(fields.get(k) for k in _SOURCE_KEYS)))
    database.executemany("INSERT OR REPLACE INTO briefs VALUES (?,?,?,?,?,?,?,?,?,?)", briefs)
    database.executemany(
        "DELETE FROM sources WHERE archive = ? AND path = ?", [(number, b[1]) for b in briefs]
    )
    database.executemany("INSERT INTO sources VALUES (?,?,?,?,?,?,?,?,?)", sources)


def _fingerprint(database: sqlite3.Connection, number: int, roster: dict[str, Any]) -> str:
    digest = hashlib.sha256(json.dumps(roster, sort_keys=True, default=str).encode())
    query = "SELECT path, digest FROM briefs WHERE archive = ? ORDER BY path"
    for path, brief_digest in database.execute(query, (number,)):
        digest.update(b"\n%s\t%s" % (path, brief_digest.encode()))
    return digest.hexdigest()[:16]


def _read_each(paths: list[str]) -> Iterator[BriefEntry | None]:
    return map(read_summary, paths)


def read_roster(path: str) -> dict[str, dict[str, Any]]:
    """The roster's analysts; an unreadable roster counts as empty (checking it reports
    why)."""
    from wwrlint.loading import load

    try:
        data = load(path, read_brief(path)).data
    except OSError:
        return {}
    analysts = data.get("analysts") if isinstance(data, dict) else None
    if not isinstance(analysts, dict):
        return {}
    return {str(k): v for k, v in analysts.items() if isinstance(v, dict)}


def read_summary(path: str) -> BriefEntry | None:
    """A brief's entry, read from the file itself.

    The entry needs the id, date and sources, which briefs write before their body: the
    text before a top-level `body:` line is read alone when it holds them (a line that
    starts a top-level key cannot continue anything above it), which spares parsing the
    body; anything else is read whole."""
    from wwrlint.loading import load

    try:
        content = read_brief(path)
    except OSError:
        return None
    cut = content.find(b"\nbody:")
    if cut > 0:
        head = load(path, content[: cut + 1])
        data = head.data
        if head.readable and not head.problems and isinstance(data, dict) and "id" in data:
            return summarize(path, data)
    document = load(path, content)
    return summarize(path, document.data) if document.readable else None
