"""The SQLite database that keeps what a run learnt for the next one: checked briefs'
results (the cache) and the archive index (what every brief of an archive is). Paths are
kept as bytes, so that a name that is not UTF-8 is kept as it is.

SQLite does what a cache shared by parallel runs needs: lookups of one row without loading
the rest, writes that land whole or not at all, and locking between processes (pre-commit
runs hook batches at once). A database that is not one, is damaged, or was written by
another format or wwrlint version or for another schema is replaced, never trusted.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sqlite3
from collections.abc import Iterator

from wwrlint import __version__

FORMAT = 9
# How long a run waits for another run's write before it gives up on the cache.
BUSY_SECONDS = 60.0

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS results (
    path BLOB PRIMARY KEY, size INTEGER, mtime INTEGER, ctime INTEGER, inode INTEGER,
    checked REAL, digest TEXT, settings TEXT, diagnostics BLOB, crc INTEGER);
CREATE TABLE IF NOT EXISTS archives (
    id INTEGER PRIMARY KEY, key TEXT UNIQUE NOT NULL, fingerprint TEXT, roster BLOB,
    listing BLOB);
CREATE TABLE IF NOT EXISTS briefs (
    archive INTEGER NOT NULL, path BLOB NOT NULL, id TEXT, date TEXT, digest TEXT,
    content TEXT, crc INTEGER, PRIMARY KEY (archive, path));
CREATE INDEX IF NOT EXISTS briefs_by_id ON briefs (archive, id);
CREATE INDEX IF NOT EXISTS briefs_by_date ON briefs (archive, date);
CREATE TABLE IF NOT EXISTS sources (
    archive INTEGER NOT NULL, path BLOB NOT NULL, source TEXT NOT NULL, publisher TEXT,
    date TEXT, title TEXT, url TEXT, type TEXT, brief TEXT, crc INTEGER);
CREATE INDEX IF NOT EXISTS sources_by_path ON sources (archive, path);
CREATE INDEX IF NOT EXISTS sources_by_url ON sources (archive, url);
CREATE INDEX IF NOT EXISTS sources_by_text ON sources (archive, publisher, date, title);
CREATE INDEX IF NOT EXISTS sources_by_brief ON sources (archive, type, brief, date);
"""

Error = sqlite3.Error


@functools.cache
def salt() -> str:
    """What, besides the files, decides every stored row: wwrlint, its schemas and the
    database's layout."""
    from wwrlint.schema import SCHEMAS, schema_text

    digest = hashlib.sha256(_TABLES.encode())  # a database laid out otherwise is rebuilt
    for kind in SCHEMAS:
        digest.update(schema_text(kind).encode())
    digest.update(_code())  # other code, at the same version number, may find otherwise
    return f"{FORMAT}/{__version__}/{digest.hexdigest()[:16]}"


def _code(package: str = os.path.dirname(os.path.abspath(__file__))) -> bytes:
    """What tells this wwrlint's code from another's: the hashes the installer recorded
    for the package's files (a line each in the `RECORD` of its dist-info; those of the
    bytecode and of where it came from left out, so that two installs of the same code
    agree), or, where there is no such record (a source tree, an editable install), the
    size and modification time of each of the package's files."""
    record = os.path.join(os.path.dirname(package), f"wwrlint-{__version__}.dist-info", "RECORD")
    own = os.fsencode(os.path.basename(package) + "/")
    try:
        with open(record, "rb") as file:
            lines = [
                line
                for line in file.read().splitlines()
                if line.startswith(own) and b"__pycache__" not in line
            ]
        if lines:
            return b"\n".join(sorted(lines))
    except OSError:
        pass
    found = []
    for top, folders, names in os.walk(package):
        folders[:] = sorted(name for name in folders if name != "__pycache__")
        for name in sorted(names):
            if not name.endswith((".pyc", ".pyo")):
                path = os.path.join(top, name)
                with contextlib.suppress(OSError):
                    stat = os.stat(path)
                    found.append(f"{path}\t{stat.st_size}\t{stat.st_mtime_ns}")
    return "\n".join(found).encode()


def connect(path: str) -> sqlite3.Connection:
    """The database at `path` (":memory:" for one private to the process), made ready: a
    file that is damaged, not a database, or from another version is replaced.

    Raises sqlite3.Error or OSError when there is no usable database at `path`, among
    them when another run holds it locked: that one is busy, not damaged, and stays."""
    try:
        return _ready(path)
    except sqlite3.DatabaseError as error:
        if path == ":memory:" or _busy(error):
            raise
    remove(path)
    return _ready(path)


def _busy(error: sqlite3.Error) -> bool:
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF  # the primary code of an extended one
    return code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def _ready(path: str) -> sqlite3.Connection:
    database = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
    try:
        if path != ":memory:":
            database.execute("PRAGMA journal_mode=WAL")
            database.execute("PRAGMA synchronous=NORMAL")
        expected = salt()
        if _salt_of(database) != expected:
            with transaction(database):
                if _salt_of(database) != expected:  # not made meanwhile by another run
                    _rebuild(database, expected)
    except BaseException:
        database.close()
        raise
    return database


def _salt_of(database: sqlite3.Connection) -> str | None:
    query = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
    if database.execute(query).fetchone() is None:
        return None
    found = database.execute("SELECT value FROM meta WHERE key = 'salt'").fetchone()
    return str(found[0]) if found is not None else None


def _rebuild(database: sqlite3.Connection, expected: str) -> None:
    tables = database.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    for (table,) in tables:
        database.execute(f'DROP TABLE "{table}"')
    for statement in _TABLES.split(";"):
        if statement.strip():
            database.execute(statement)
    database.execute("INSERT INTO meta VALUES ('salt', ?)", (expected,))


@contextlib.contextmanager
def transaction(database: sqlite3.Connection) -> Iterator[None]:
    """A write transaction, taken at once so that two runs never both read and then
    write: whole or not at all."""
    database.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        database.execute("ROLLBACK")
        raise
    database.execute("COMMIT")


def is_wwrlint_database(path: str) -> bool:
    """Whether the file is a database wwrlint made (so that `clean` removes nothing else):
    an SQLite database with wwrlint's tables, or with no tables yet."""
    from urllib.parse import quote

    try:
        with open(path, "rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                return False
        uri = f"file:{quote(os.path.abspath(path))}?mode=ro&immutable=1"  # adds no journal
        database = sqlite3.connect(uri, uri=True, timeout=5.0)
        try:
            query = "SELECT name FROM sqlite_master WHERE type = 'table'"
            tables = {row[0] for row in database.execute(query)}
        finally:
            database.close()
    except (OSError, sqlite3.Error):
        return False
    return not tables or {"meta", "results"} <= tables


def remove(path: str) -> int:
    """Delete a database file and its journal files; return how many were removed."""
    removed = 0
    for name in (path, f"{path}-wal", f"{path}-shm", f"{path}-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(name)
            removed += 1
    return removed


# A file modified this close to the moment it was looked at is read again next time, not
# trusted by its stat: an edit in the same instant would not show in it.
RACY_SECONDS = 2.0


def stat_key(stat: os.stat_result) -> tuple[int, int, int, int]:
    """What changes when a file is written: size, modification and change times (the
    change time moves on every write, whatever the modification time is set to), inode."""
    return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino


def settled(key: tuple[int, ...], looked_at: float) -> bool:
    """Whether a file with this stat key was last changed well before it was looked at."""
    return max(key[1], key[2]) / 1e9 < looked_at - RACY_SECONDS
