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
from wwrlint.discovery import display, read_brief, walk

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
                    unstored = [(e, self._inside(e.path), None) for e in self._unstored]
                    _store_entries(database, 1, unstored)
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
    """Where a path leads, as it is displayed: a brief being checked is known by its
    displayed path, in which bytes that are not UTF-8 are already replaced."""
    return display(os.path.realpath(path)) if path else None


def shown(path: str) -> str:
    """A path of the archive as messages show it: relative to the current folder when it
    lies below it."""
    relative = os.path.relpath(path)
    return display(path if relative.startswith("..") else relative)


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


# Reads briefs' entries, each with the hash of its content, in order.
Reader = Callable[[list[str]], Iterator[tuple["BriefEntry | None", "str | None"]]]


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
    query = "SELECT id, fingerprint, roster, listing FROM archives WHERE key = ?"
    row = database.execute(query, (key,)).fetchone()
    previous = _Listing.load(row[3]) if row is not None else None
    roster = _roster_of(row[2]) if row is not None else None
    listing = _Listing.now(archive, previous, looked_at)
    if previous is not None and roster is not None and previous.holds(listing):
        archive._number, archive._fingerprint, archive.roster = row[0], row[1], roster
        if listing.folders != previous.folders:
            # a folder changed, its briefs did not: keep the listing that says so
            query = "UPDATE archives SET listing = ? WHERE id = ?"
            database.execute(query, (listing.dump(), row[0]))
        return
    with store.transaction(database):
        number = row[0] if row is not None else _add_archive(database, key)
        changed = _reindex(database, number, archive.folder, listing, previous, read)
        changed = changed or row is None or row[1] is None
        archive._number = number
        if previous is None or roster is None or not previous.same_roster(listing.roster):
            archive.roster = read_roster(archive.roster_path) if archive.roster_path else {}
            changed = changed or roster != archive.roster
        else:
            archive.roster = roster
        fingerprint = _fingerprint(database, number, archive.roster) if changed else row[1]
        archive._fingerprint = fingerprint
        database.execute(
            "UPDATE archives SET fingerprint = ?, roster = ?, listing = ? WHERE id = ?",
            (fingerprint, marshal.dumps(archive.roster), listing.dump(), number),
        )


def _roster_of(blob: bytes | None) -> dict[str, dict[str, Any]] | None:
    """The roster as stored; None when it is not there or not readable."""
    try:
        roster = marshal.loads(blob) if blob else None
    except (ValueError, TypeError, EOFError):
        return None
    return roster if isinstance(roster, dict) else None


def _reindex(
    database: sqlite3.Connection,
    number: int,
    folder: str,
    listing: _Listing,
    previous: _Listing | None,
    read: Reader,
) -> bool:
    """Bring the index's rows in line with the listing: read again the briefs whose stat
    changed (unless their content did not), drop those gone. Whether anything the archive
    rules read has changed."""
    stale, gone = listing.changes(previous)
    if previous is None:  # nothing says which rows are still true: start afresh
        database.execute("DELETE FROM briefs WHERE archive = ?", (number,))
        database.execute("DELETE FROM sources WHERE archive = ?", (number,))
    database.executemany(
        "DELETE FROM briefs WHERE archive = ? AND path = ?",
        [(number, os.fsencode(name)) for name in gone],
    )
    database.executemany(
        "DELETE FROM sources WHERE archive = ? AND path = ?",
        [(number, os.fsencode(name)) for name in gone],
    )
    changed = bool(gone) or previous is None
    to_read: list[str] = []
    digests: dict[str, str] = {}
    query = "SELECT content, digest FROM briefs WHERE archive = ? AND path = ?"
    for name in stale:
        old = None
        if previous is not None:  # else the rows were all deleted above
            old = database.execute(query, (number, os.fsencode(name))).fetchone()
        if old is None:
            to_read.append(name)
            changed = True
        elif _content_hash(os.path.join(folder, name)) != old[0]:
            to_read.append(name)
            digests[name] = old[1]
    paths = [os.path.join(folder, name) for name in to_read]
    batch: list[tuple[BriefEntry | None, str, str | None]] = []
    for name, (entry, content) in zip(to_read, read(paths), strict=True):
        changed = changed or (entry.digest if entry else "") != digests.get(name)
        batch.append((entry, name, content))
        if len(batch) == _BATCH:
            _store_entries(database, number, batch)
            batch = []
    _store_entries(database, number, batch)
    return changed


def _content_hash(path: str) -> str | None:
    try:
        return hashlib.sha256(read_brief(path)).hexdigest()
    except OSError:
        return None


@dataclass
class _Listing:
    """What the archive's files were when its index was last brought up to date: every
    brief with its stat key, the roster's, and the folders' (while no folder has changed,
    no brief was added, removed or renamed, so the list holds without reading the folders
    again), all looked at the same moment. While every brief and the roster are as listed
    and were already settled then, the index holds as it is."""

    folders: list[tuple[str, StatKey]] | None  # below the archive's folder ("" for itself)
    names: list[str]  # the briefs, below the archive's folder
    keys: list[int]  # their stat keys, one after the other (four numbers each)
    roster: StatKey | None
    looked_at: float

    @classmethod
    def load(cls, blob: bytes | None) -> _Listing | None:
        if not blob:
            return None
        try:
            folders, names, keys, roster, looked_at = marshal.loads(blob)
            return cls(folders, names.split("\0") if names else [], keys, roster, looked_at)
        except (ValueError, TypeError, EOFError, AttributeError):
            return None

    def dump(self) -> bytes:
        # Folders changed too recently to trust are not kept: the next run reads them.
        settled = self.folders is not None and all(
            store.settled(stat_key, self.looked_at) for _, stat_key in self.folders
        )
        folders = self.folders if settled else None
        names = "\0".join(self.names)  # no file name holds a NUL
        return marshal.dumps((folders, names, self.keys, self.roster, self.looked_at))

    def holds(self, now: _Listing) -> bool:
        """Whether the index made with this listing holds for the archive as it is now."""
        return (
            self.keys == now.keys
            and self.names == now.names
            and self.roster == now.roster
            and self._settled()
        )

    def _settled(self) -> bool:
        """Whether every file was last written well before it was looked at."""
        newest = max(self.keys[1::4] + self.keys[2::4], default=0)
        return store.settled((0, newest, newest), self.looked_at) and (
            self.roster is None or store.settled(self.roster, self.looked_at)
        )

    def same_roster(self, roster: StatKey | None) -> bool:
        """Whether the roster is as it was (and was already settled then)."""
        if roster is None or self.roster is None:
            return roster == self.roster
        return roster == tuple(self.roster) and store.settled(self.roster, self.looked_at)

    def changes(self, previous: _Listing | None) -> tuple[list[str], list[str]]:
        """The briefs whose stat changed (or was too recent to trust), and those gone."""
        if previous is None:
            return list(self.names), []
        if previous.names == self.names:  # the usual case, made quick: no brief came or went
            new, old = self.keys, previous.keys
            limit = (previous.looked_at - store.RACY_SECONDS) * 1e9
            places = set()
            if new != old:
                places = {i for i in range(0, len(new), 4) if new[i : i + 4] != old[i : i + 4]}
            places.update(4 * i for i, m in enumerate(old[1::4]) if m >= limit)
            places.update(4 * i for i, c in enumerate(old[2::4]) if c >= limit)
            return [self.names[i // 4] for i in sorted(places)], []
        known = dict(zip(previous.names, _quads(previous.keys), strict=True))
        stale = []
        for name, stat_key in zip(self.names, _quads(self.keys), strict=True):
            old_key = known.pop(name, None)
            if old_key != stat_key or not store.settled(old_key, previous.looked_at):
                stale.append(name)
        return stale, list(known)

    @classmethod
    def now(cls, archive: Archive, previous: _Listing | None, looked_at: float) -> _Listing:
        """The archive's briefs as they are: the previous listing's, while no folder has
        changed, else read from the folders."""
        folder = archive.folder
        roster = _stat_key(archive.roster_path) if archive.roster_path else None
        if previous is not None and previous.folders is not None:
            listing = cls(previous.folders, previous.names, [], roster, looked_at)
            if listing._unchanged_folders(folder) and listing._stat_briefs(folder, strict=True):
                return listing
        names, folders = _walk_archive(folder, archive.roster_path)
        listing = cls(folders, names, [], roster, looked_at)
        listing._stat_briefs(folder, strict=False)
        return listing

    def _unchanged_folders(self, folder: str) -> bool:
        for name, stat_key in self.folders or ():
            try:
                found = os.stat(os.path.join(folder, name) if name else folder)
            except OSError:
                return False
            if store.stat_key(found) != tuple(stat_key):
                return False
        return True

    def _stat_briefs(self, folder: str, strict: bool) -> bool:
        """Fill in the briefs' stat keys; a brief that cannot be found fails a strict
        listing, and is left out of a fresh one (gone since, or a link to nothing)."""
        stat = os.stat
        names: list[str] = []
        keys: list[int] = []
        prefix = folder.rstrip(os.sep) + os.sep
        for name in self.names:
            try:
                found = stat(prefix + name)
            except OSError:
                if strict:
                    return False
                continue
            names.append(name)
            keys += (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino)
        self.names, self.keys = names, keys
        return True


def _quads(keys: list[int]) -> Iterator[StatKey]:
    """Stat keys from the numbers they are listed as."""
    return zip(keys[0::4], keys[1::4], keys[2::4], keys[3::4], strict=True)


def _walk_archive(
    folder: str, roster_path: str | None
) -> tuple[list[str], list[tuple[str, StatKey]]]:
    """The archive's briefs and folders, below its folder. A folder's stat key is taken
    after it was read, so that a change during the walk shows as too recent to trust. A
    link to a file of the archive is not a brief of its own."""
    top = os.path.realpath(folder) + os.sep
    roster = os.path.realpath(roster_path) if roster_path else None
    roster_name = os.sep + os.path.basename(roster) if roster else "\0"  # no path ends so
    start = len(folder.rstrip(os.sep)) + 1
    read: list[str] = []
    names = []
    for path, link in walk(folder, read):
        if link and os.path.realpath(path).startswith(top):
            continue
        if path.endswith(roster_name) and os.path.realpath(path) == roster:
            continue
        names.append(path[start:])
    folders = []
    for path in read:
        with contextlib.suppress(OSError):
            folders.append((path[start:], _stat_key(path)))
    return names, folders


def _stat_key(path: str) -> StatKey:
    return store.stat_key(os.stat(path))


def _add_archive(database: sqlite3.Connection, key: str) -> int:
    cursor = database.execute("INSERT INTO archives (key) VALUES (?)", (key,))
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _store_entries(
    database: sqlite3.Connection,
    number: int,
    batch: Sequence[tuple[BriefEntry | None, str | bytes, str | None]],
) -> None:
    """Write the entries of a batch of briefs (each with its content's hash, when known)."""
    briefs: list[tuple[Any, ...]] = []
    sources: list[tuple[Any, ...]] = []
    for entry, name, content in batch:
        path = os.fsencode(name)
        if entry is None:  # not a brief (or not readable): remembered, so as not to read again
            briefs.append((number, path, None, None, "", content))
            continue
        briefs.append((number, path, entry.id, entry.date, entry.digest, content))
        for source_id, fields in entry.sources.items():
            sources.append((number, path, source_id, *(fields.get(k) for k in _SOURCE_KEYS)))
    database.executemany("INSERT OR REPLACE INTO briefs VALUES (?, ?, ?, ?, ?, ?)", briefs)
    database.executemany(
        "DELETE FROM sources WHERE archive = ? AND path = ?", [(number, b[1]) for b in briefs]
    )
    database.executemany("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", sources)


def _fingerprint(database: sqlite3.Connection, number: int, roster: dict[str, Any]) -> str:
    digest = hashlib.sha256(json.dumps(roster, sort_keys=True, default=str).encode())
    query = "SELECT path, digest FROM briefs WHERE archive = ? ORDER BY path"
    for path, brief_digest in database.execute(query, (number,)):
        digest.update(b"\n%s\t%s" % (path, brief_digest.encode()))
    return digest.hexdigest()[:16]


def _read_each(paths: list[str]) -> Iterator[tuple[BriefEntry | None, str | None]]:
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


def read_summary(path: str) -> tuple[BriefEntry | None, str | None]:
    """A brief's entry, read from the file itself, and the hash of the content it was read
    from (None when the file cannot be read)."""
    try:
        content = read_brief(path)
    except OSError:
        return None, None
    return summary_of(path, content), hashlib.sha256(content).hexdigest()


def summary_of(path: str, content: bytes) -> BriefEntry | None:
    """A brief's entry, from its content.

    The entry needs the id, date and sources, which briefs write before their body: the
    text before a top-level `body:` line is read alone when it holds them (a line that
    starts a top-level key cannot continue anything above it), which spares parsing the
    body; anything else is read whole."""
    from wwrlint.loading import load

    cut = content.find(b"\nbody:")
    if cut > 0:
        head = load(path, content[: cut + 1])
        data = head.data
        if head.readable and not head.problems and isinstance(data, dict) and "id" in data:
            return summarize(path, data)
    document = load(path, content)
    return summarize(path, document.data) if document.readable else None
