"""The archive's index: a row per brief (id, date, digest) and per source, in an SQLite
database (the cache's, or one made for the run), looked up by id, date, url or publisher,
date and title. Every row carries a checksum; a row that does not match it is not used."""

from __future__ import annotations

import hashlib
import os
import zlib
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from wwrlint import store
from wwrlint.archive.model import SOURCE_KEYS, BriefEntry, Citation
from wwrlint.discovery import display

if TYPE_CHECKING:
    import sqlite3
    import tempfile

_COLUMNS = ", ".join(SOURCE_KEYS)
_BRIEF = "path, id, date, digest, content, crc"


class Damaged(Exception):
    """A row of the index does not match its checksum."""


class Index:
    """The rows of one archive (`number`) in a database, opened once in each process (a
    connection must not cross a fork)."""

    def __init__(self, folder: str, database: str, number: int = 1) -> None:
        self.folder = folder
        self.database = database
        self.number = number
        self.stored_fingerprint: str | None = None
        self._connection: tuple[int, sqlite3.Connection] | None = None
        self.temporary: tempfile.TemporaryDirectory[str] | None = None
        self._unstored: list[BriefEntry] = []
        self._reopen = False  # set in a process that received the index from another
        self._names: dict[str, bytes] = {}

    @classmethod
    def private(cls, folder: str, entries: list[BriefEntry]) -> Index:
        """An index of these entries alone, in memory."""
        index = cls(folder, ":memory:")
        index._unstored = entries
        return index

    @classmethod
    def temporary_one(cls, folder: str) -> Index:
        """An index in a database made for this run, deleted by `close` (or, when the
        run was killed, by the next run that makes one: see `sweep_temporary`)."""
        import tempfile

        sweep_temporary()
        temporary = tempfile.TemporaryDirectory(prefix=f"{_TEMPORARY_PREFIX}{os.getpid()}-")
        index = cls(folder, os.path.join(temporary.name, _TEMPORARY_NAME))
        index.temporary = temporary
        return index

    def __getstate__(self) -> dict[str, Any]:
        # A worker started without fork opens the database again, as a forked one does.
        return {**self.__dict__, "_connection": None, "_reopen": True, "temporary": None}

    def db(self) -> sqlite3.Connection:
        if self._connection is None or self._connection[0] != os.getpid():
            reopened = self._connection is not None or self._reopen
            database = store.connect(self.database)
            if self.database == ":memory:":
                with store.transaction(database):
                    self.number = add_archive(database, "")
                    made = [rows_of(self.inside(e.path), e, None) for e in self._unstored]
                    store_rows(database, self.number, made, replacing=False)
                    self.stored_fingerprint = fingerprint(database, self.number)
            elif reopened:  # in a worker: the database must still be the one indexed
                self._connection = (os.getpid(), database)
                query = "SELECT fingerprint FROM archives WHERE id = ?"
                row = database.execute(query, (self.number,)).fetchone()
                if row is None or row[0] != self.stored_fingerprint:
                    raise Damaged(self.database)  # removed or rebuilt since
            self._connection = (os.getpid(), database)
        return self._connection[1]

    def close(self) -> None:
        """Let go of the database (and delete it, when it was made for this run alone)."""
        if self._connection is not None and self._connection[0] == os.getpid():
            self._connection[1].close()
        self._connection = None
        if self.temporary is not None:
            self.temporary.cleanup()
            self.temporary = None

    def fingerprint(self) -> str:
        if self.stored_fingerprint is None:
            self.stored_fingerprint = fingerprint(self.db(), self.number)
        return self.stored_fingerprint

    def full(self, path: bytes) -> str:
        """A path as the index keeps it (below the folder), made whole."""
        return os.path.join(self.folder, os.fsdecode(path))

    def inside(self, path: str) -> bytes:
        """A path as the index keeps it: below the folder where it is."""
        prefix = self.folder.rstrip(os.sep) + os.sep
        return os.fsencode(path[len(prefix) :] if path.startswith(prefix) else path)

    def entries(self, column: str, value: str, besides: str) -> list[BriefEntry]:
        """The briefs whose `column` (id or date) is `value`, but the one at `besides`."""
        query = f"SELECT {_BRIEF} FROM briefs WHERE archive = ? AND {column} = ?"
        rows = self.db().execute(query, (self.number, value)).fetchall()
        own = self._own(besides)
        found = []
        for row in rows:
            if row[0] == own:  # the brief itself, by the name the index has: not built
                continue
            entry = self._entry(row)
            if not besides or _real(entry.path) != _real(besides):  # nor by another name
                found.append(entry)
        return found

    def _own(self, besides: str) -> bytes | None:
        """The name the index has for the brief at `besides`, when it has one (worked out
        once per brief: the rules ask for it several times)."""
        if not besides:
            return None
        if besides not in self._names:
            self._names = {besides: self.inside(os.path.abspath(besides))}
        return self._names[besides]

    def ids(self) -> list[str]:
        query = f"SELECT {_BRIEF} FROM briefs WHERE archive = ? AND id IS NOT NULL ORDER BY path"
        rows = self.db().execute(query, (self.number,)).fetchall()
        return [_checked_brief(row)[1] for row in rows]

    def all_entries(self) -> list[BriefEntry]:
        query = f"SELECT {_BRIEF} FROM briefs WHERE archive = ? AND id IS NOT NULL ORDER BY path"
        rows = self.db().execute(query, (self.number,)).fetchall()
        return [self._entry(row) for row in rows]

    def citing(self, source: dict[str, Any], besides: str) -> list[Citation]:
        """The other briefs' sources with the same url, or the same publisher, date and
        title."""
        url = source.get("url")
        text = (source.get("publisher"), source.get("date"), source.get("title"))
        whole = all(isinstance(v, str) for v in text)
        if not whole and not isinstance(url, str):
            return []  # nothing to know it by (the sources of many briefs have no url)
        found: dict[tuple[str, str], dict[str, str]] = {}
        columns = f"path, source, {_COLUMNS}, crc"
        database = self.db()
        own = self._own(besides)
        if isinstance(url, str):
            query = f"SELECT {columns} FROM sources WHERE archive = ? AND url = ?"
            _collect(found, database.execute(query, (self.number, url)), self.full, own)
        if whole:
            query = (
                f"SELECT {columns} FROM sources "
                "WHERE archive = ? AND publisher = ? AND date = ? AND title = ?"
            )
            _collect(found, database.execute(query, (self.number, *text)), self.full, own)
        if not found:
            return []
        here = _real(besides)
        return [
            (path, source_id, fields)
            for (path, source_id), fields in found.items()
            if _real(path) != here
        ]

    def verify(self) -> None:
        """Check every row of the archive against its checksum (and every brief's sources
        against its digest): what a lookup that found nothing must rest on."""
        query = f"SELECT {_BRIEF} FROM briefs WHERE archive = ?"
        digests = {
            row[0]: row[3] for row in map(_checked_brief, self.db().execute(query, (self.number,)))
        }
        found: dict[tuple[str, str], dict[str, str]] = {}
        query = f"SELECT path, source, {_COLUMNS}, crc FROM sources WHERE archive = ?"
        _collect(found, self.db().execute(query, (self.number,)), os.fsdecode)
        grouped: dict[str, dict[str, dict[str, str]]] = {}
        for (path, source_id), fields in found.items():
            grouped.setdefault(path, {})[source_id] = fields
        query = f"SELECT {_BRIEF} FROM briefs WHERE archive = ? AND id IS NOT NULL"
        for path, brief_id, date, digest, *_ in self.db().execute(query, (self.number,)):
            entry = BriefEntry("", brief_id, date, grouped.pop(os.fsdecode(path), {}))
            if entry.digest != digest:
                raise Damaged(os.fsdecode(path))
        if any(os.fsencode(path) not in digests for path in grouped):
            raise Damaged("sources of no brief")

    def entry_at(self, path: str) -> BriefEntry | None:
        """The entry of the brief at `path`, when the index has one."""
        query = f"SELECT {_BRIEF} FROM briefs WHERE archive = ? AND path = ?"
        name = self.inside(os.path.abspath(path))
        row = self.db().execute(query, (self.number, name)).fetchone()
        return self._entry(row) if row is not None and row[1] is not None else None

    def paths(self) -> list[str]:
        """Every file of the archive the index lists, briefs or not, in path order."""
        query = "SELECT path FROM briefs WHERE archive = ? ORDER BY path"
        return [self.full(row[0]) for row in self.db().execute(query, (self.number,))]

    def citing_briefs(
        self, ids: set[str], dates: set[str], known_ids: set[str], known_dates: set[str]
    ) -> list[str]:
        """The briefs with a source of type brief that names one of `ids` (or, with no
        id, one of `dates`), or that names a brief neither the archive nor `known_ids` /
        `known_dates` has."""
        database = self.db()
        query = "SELECT DISTINCT brief, date FROM sources WHERE archive = ? AND type = 'brief'"
        named = database.execute(query, (self.number,)).fetchall()

        def held(column: str, value: str, known: set[str]) -> bool:
            query = f"SELECT 1 FROM briefs WHERE archive = ? AND {column} = ? LIMIT 1"
            found = database.execute(query, (self.number, value)).fetchone()
            return value in known or found is not None

        wanted = [
            (brief, date)
            for brief, date in named
            if brief is not None and (brief in ids or not held("id", brief, known_ids))
        ] + [
            (None, date)
            for brief, date in named
            if brief is None
            and date is not None
            and (date in dates or not held("date", date, known_dates))
        ]
        found: set[bytes] = set()
        for brief, date in wanted:
            if brief is not None:
                query = (
                    "SELECT path FROM sources WHERE archive = ? AND type = 'brief' AND brief = ?"
                )
                rows = database.execute(query, (self.number, brief))
            else:
                query = (
                    "SELECT path FROM sources WHERE archive = ? AND type = 'brief' "
                    "AND brief IS NULL AND date = ?"
                )
                rows = database.execute(query, (self.number, date))
            found.update(row[0] for row in rows)
        return [self.full(path) for path in sorted(found)]

    def _entry(self, row: tuple[Any, ...]) -> BriefEntry:
        """A brief's entry from its row and its sources' rows, each checked."""
        path, brief_id, date, digest = _checked_brief(row)[:4]
        found: dict[tuple[str, str], dict[str, str]] = {}
        query = f"SELECT path, source, {_COLUMNS}, crc FROM sources WHERE archive = ? AND path = ?"
        _collect(found, self.db().execute(query, (self.number, path)), os.fsdecode)
        entry = BriefEntry(
            self.full(path), brief_id, date, {sid: fields for (_, sid), fields in found.items()}
        )
        if entry.digest != digest:  # a source row was lost or added
            raise Damaged(os.fsdecode(path))
        return entry


def _crc(values: Iterable[Any]) -> int:
    return zlib.crc32(repr(tuple(values)).encode("utf-8", "surrogateescape"))


def _checked_brief(row: tuple[Any, ...]) -> tuple[Any, ...]:
    if _crc(row[:-1]) != row[-1]:
        raise Damaged(os.fsdecode(row[0]))
    return row


def _collect(
    found: dict[tuple[str, str], dict[str, str]],
    rows: Iterable[tuple[Any, ...]],
    full: Callable[[bytes], str],
    skip: bytes | None = None,
) -> None:
    """Source rows by (full path, source id), each checked; the rows of `skip` left out."""
    for row in rows:
        if row[0] == skip:
            continue
        if _crc(row[:-1]) != row[-1]:
            raise Damaged(os.fsdecode(row[0]))
        path, source_id, *values = row[:-1]
        fields = {k: v for k, v in zip(SOURCE_KEYS, values, strict=True) if v is not None}
        found.setdefault((full(path), source_id), fields)


def _real(path: str) -> str | None:
    """Where a path leads, as it is displayed: a brief being checked is known by its
    displayed path, in which bytes that are not UTF-8 are already replaced."""
    return _real_absolute(os.path.abspath(path)) if path else None


@lru_cache(maxsize=1024)
def _real_absolute(path: str) -> str:
    # keyed by the absolute path: a relative one leads elsewhere from another folder
    return display(os.path.realpath(path))


def add_archive(database: sqlite3.Connection, key: str) -> int:
    cursor = database.execute("INSERT INTO archives (key) VALUES (?)", (key,))
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def delete_paths(database: sqlite3.Connection, number: int, names: Iterable[str]) -> None:
    paths = [(number, os.fsencode(name)) for name in names]
    database.executemany("DELETE FROM briefs WHERE archive = ? AND path = ?", paths)
    database.executemany("DELETE FROM sources WHERE archive = ? AND path = ?", paths)


class Rows(NamedTuple):
    """A file's rows of the index, each with its checksum, made where the file was read
    (in a worker process, when there are many: the process that stores them has every
    file's to store)."""

    brief: tuple[Any, ...]  # path, id, date, digest, content, crc
    sources: list[tuple[Any, ...]]  # path, source, the source's fields, crc; one a source

    @property
    def digest(self) -> str:
        """The entry's digest ("" for a file that is not a brief)."""
        return str(self.brief[3])


def rows_of(name: str | bytes, entry: BriefEntry | None, content: str | None) -> Rows:
    """The rows of a file named `name` below the archive's folder: its entry's (a file that
    is not a brief is remembered too, so as not to be read again), with its content's
    hash when known."""
    path = os.fsencode(name)
    values: tuple[Any, ...] = (path, None, None, "", content)
    sources: list[tuple[Any, ...]] = []
    if entry is not None:
        values = (path, entry.id, entry.date, entry.digest, content)
        for source_id, fields in entry.sources.items():
            row = (path, source_id, *(fields.get(k) for k in SOURCE_KEYS))
            sources.append((*row, _crc(row)))
    return Rows((*values, _crc(values)), sources)


def store_rows(
    database: sqlite3.Connection, number: int, batch: Sequence[Rows], replacing: bool = True
) -> None:
    """Write the rows of a batch of files; `replacing`: rows of theirs may be there already
    (not so in an index being made afresh)."""
    briefs = [(number, *rows.brief) for rows in batch]
    database.executemany("INSERT OR REPLACE INTO briefs VALUES (?, ?, ?, ?, ?, ?, ?)", briefs)
    if replacing:
        database.executemany(
            "DELETE FROM sources WHERE archive = ? AND path = ?", [b[:2] for b in briefs]
        )
    sources = [(number, *row) for rows in batch for row in rows.sources]
    database.executemany("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", sources)


def stored_content(database: sqlite3.Connection, number: int, name: str) -> tuple[Any, ...] | None:
    """(content hash, digest) recorded for a file, when its row is sound."""
    query = f"SELECT {_BRIEF} FROM briefs WHERE archive = ? AND path = ?"
    row = database.execute(query, (number, os.fsencode(name))).fetchone()
    if row is None or _crc(row[:-1]) != row[-1]:
        return None
    return row[4], row[3]


def fingerprint(database: sqlite3.Connection, number: int) -> str:
    """Changes whenever any brief's entry, or the set of briefs, changes."""
    digest = hashlib.sha256()
    query = "SELECT path, digest FROM briefs WHERE archive = ? ORDER BY path"
    for path, brief_digest in database.execute(query, (number,)):
        digest.update(b"\n%s\t%s" % (path, brief_digest.encode()))
    return digest.hexdigest()[:16]


# A run's own index, when it keeps none (no cache): `wwrlint-archive-PID-XXXXXXXX/`.
_TEMPORARY_PREFIX = "wwrlint-archive-"
_TEMPORARY_NAME = "archive.sqlite"
_SWEPT: list[bool] = []


def sweep_temporary() -> int:
    """Remove the index folders that killed runs left in the temporary folder: only those
    named as `temporary_one` names them, by a process that is gone, holding nothing but
    the database and its journals; once per process. Returns how many were removed."""
    import re
    import tempfile

    from wwrlint.atomic import left_by_gone_runs

    if _SWEPT:
        return 0
    _SWEPT.append(True)
    pattern = re.compile(re.escape(_TEMPORARY_PREFIX) + r"([0-9]+)-[a-z0-9_]+")
    ours = {_TEMPORARY_NAME, *(_TEMPORARY_NAME + end for end in ("-journal", "-wal", "-shm"))}
    removed = 0
    for entry in left_by_gone_runs(tempfile.gettempdir(), pattern):
        try:
            if not entry.is_dir(follow_symlinks=False) or not set(os.listdir(entry.path)) <= ours:
                continue
            for name in os.listdir(entry.path):
                os.remove(os.path.join(entry.path, name))
            os.rmdir(entry.path)
            removed += 1
        except OSError:
            continue  # another run removing it too, or not ours to remove after all
    return removed
