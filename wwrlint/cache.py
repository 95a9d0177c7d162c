"""The result cache: a brief that has not changed since it was last checked, under the same
settings, schema and wwrlint version, is not checked again.

A file is known unchanged when its size, modification and change times and inode are as
recorded and it was last modified well before the record was made (so an edit in the same
instant cannot hide); otherwise its content hash decides. Results live in the cache
folder's SQLite database (see `store`), next to the archive index; a row whose checksum does
not match is ignored, a damaged database is replaced. The folder is used only when it is
wwrlint's own (see `cachedir`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
import os
import zlib
from dataclasses import fields
from typing import TYPE_CHECKING, Any, NamedTuple

from wwrlint import cachedir, store
from wwrlint.config import REPORTING_ONLY, Settings
from wwrlint.diagnostics import Change, Diagnostic, Edit, Fix, Related, Span

if TYPE_CHECKING:
    import sqlite3

DEFAULT_FOLDER = ".wwrlint_cache"
DATABASE = cachedir.DATABASE
# Results written in one transaction.
_BATCH = 256


def content_hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


class Seen(NamedTuple):
    """A file as a run read it: the hash of the content, and the stat and the time taken
    before it was read. A result is stored against these, never against a later stat,
    which could describe an edit the run never read."""

    digest: str
    stat: tuple[int, int, int, int]
    looked_at: float


def settings_key(settings: Settings, path: str) -> str:
    """What of the settings can change a file's diagnostics: every field but those marked
    as only deciding discovery or reporting, so that no new setting or rule option can be
    left out, and the rules enabled for this path (per-file-ignores depend on where it is)."""
    known = _KEYS.get(id(settings))
    if known is None or known[0] is not settings:
        if len(_KEYS) >= 64:  # a long-lived server meets new settings as configs change
            _KEYS.clear()
        known = _KEYS[id(settings)] = (settings, {})
    enabled = settings.enabled_for(path)
    key = known[1].get(enabled)
    if key is None:
        relevant = {
            field.name: getattr(settings, field.name)
            for field in fields(settings)
            if not field.metadata.get(REPORTING_ONLY)
        }
        relevant["enabled-for-path"] = sorted(enabled)
        text = json.dumps(relevant, sort_keys=True, default=repr)
        key = known[1][enabled] = hashlib.sha256(text.encode()).hexdigest()[:16]
    return key


# Keys already worked out, by the settings (kept, so that their id stays theirs) and the
# rules enabled for a path: the files of a folder share one settings object.
_KEYS: dict[int, tuple[Settings, dict[frozenset[str], str]]] = {}


def _fix_to_json(fix: Fix) -> list[Any]:
    changes = [[c.start, c.end, c.content] for c in fix.changes]
    edits = [[e.span._asdict(), e.content] for e in fix.edits]
    return [fix.description, fix.applicability, changes, edits, fix.on_key]


def _fix_from_json(item: list[Any]) -> Fix:
    description, applicability, changes, edits, on_key = item
    return Fix(
        description,
        applicability,
        tuple(Change(*change) for change in changes),
        tuple(Edit(Span(**span), content) for span, content in edits),
        on_key,
    )


def _to_json(d: Diagnostic) -> list[Any]:
    fix = _fix_to_json(d.fix) if d.fix is not None else None
    pointer = list(d.pointer) if d.pointer is not None else None
    related = [
        [r.path, list(r.pointer) if r.pointer is not None else None, r.message] for r in d.related
    ]
    return [
        d.span._asdict(),
        d.rule,
        d.code,
        d.severity,
        d.message,
        pointer,
        d.context,
        d.fingerprint,
        fix,
        related,
        d.context_column,
    ]


def _from_json(path: str, item: list[Any]) -> Diagnostic:
    span, rule, code, severity, message, pointer, context, fingerprint, fix = item[:9]
    # A row stored before findings kept related places has none.
    related = item[9] if len(item) > 9 else []
    return Diagnostic(
        path,
        Span(**span),
        rule,
        code,
        severity,
        message,
        tuple(pointer) if pointer is not None else None,
        context,
        fingerprint,
        _fix_from_json(fix) if fix is not None else None,
        tuple(
            Related(at, tuple(steps) if steps is not None else None, what)
            for at, steps, what in related
        ),
        # A row stored before long lines were cut holds the whole line.
        context_column=item[10] if len(item) > 10 else 1,
    )


class Cache:
    """Cached diagnostics by absolute path. A cache that cannot be opened, read or written
    (missing, locked, damaged, removed by `wwrlint clean` during the run) only costs time:
    the run goes on without it, checking every file itself."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.path = os.path.join(folder, DATABASE)
        self._pending: list[tuple[Any, ...]] = []
        # The rows read at once for a run of many files (see `read_ahead`), by path, and
        # what the paths of the folder they were read for start with.
        self._read: dict[str, tuple[Any, ...]] = {}
        self._read_inside: str | None = None
        # Why the folder is not used (it holds files that are not wwrlint's), or None.
        self.refused: str | None = None
        self.database: sqlite3.Connection | None = None
        try:
            self.refused = cachedir.claim(folder)
            if self.refused is None:
                self.database = store.connect(self.path)
        except (OSError, store.Error):
            self.database = None

    def _give_up(self) -> None:
        """Go on without the database: one failure is enough to stop waiting on it."""
        database, self.database, self._pending = self.database, None, []
        self._read, self._read_inside = {}, None
        if database is not None:
            with contextlib.suppress(store.Error):
                database.close()

    def read_ahead(self, paths: list[str]) -> None:
        """Read the rows of every file below the folder these (absolute) paths share in
        one query, rather than one query a file: most of a warm run of a whole archive.
        The rows are as they were then; each is still checked against the file."""
        if paths:
            # The folder the first and last paths share is the one they all share.
            first, last = os.path.dirname(min(paths)), os.path.dirname(max(paths))
            self.read_ahead_below(os.path.commonpath([first, last]))

    def read_ahead_below(self, folder: str) -> None:
        """`read_ahead` for every file below an absolute folder (nothing, when the rows
        read already hold them)."""
        inside = os.path.join(folder, "")
        if self.database is None:
            return
        if self._read_inside is not None and inside.startswith(self._read_inside):
            return  # read already
        below = os.fsencode(inside)
        after = below[:-1] + bytes([below[-1] + 1])  # the first path not below it
        try:
            found = self.database.execute(
                "SELECT * FROM results WHERE path >= ? AND path < ?", (below, after)
            ).fetchall()
        except store.Error:
            self._give_up()
            return
        # By the path as the run has it (decoding them now, beside the listing, spares
        # the lookup of each file an encoding).
        self._read = {os.fsdecode(row[0]): row for row in found}
        self._read_inside = inside

    def _row(self, path: str) -> tuple[Any, ...] | None:
        """The row of a file, by its absolute path."""
        if self.database is None:
            return None
        row: tuple[Any, ...] | None
        if self._read_inside is not None and path.startswith(self._read_inside):
            row = self._read.get(path)
        else:
            try:
                row = self.database.execute(
                    "SELECT * FROM results WHERE path = ?", (os.fsencode(path),)
                ).fetchone()
            except store.Error:
                self._give_up()
                return None
        if row is None or not isinstance(row[8], bytes) or zlib.crc32(row[8]) != row[9]:
            return None  # a row that does not match its checksum is not to be trusted
        return row  # path, size, mtime, ctime, inode, checked, digest, settings, blob, crc

    def look_up(
        self, path: str, shown: str, key: str, stat_key: tuple[int, ...] | None = None
    ) -> tuple[list[Diagnostic] | None, str | None]:
        """The cached diagnostics of a file (by its absolute path) if it is unchanged by
        its stat (`stat_key`, when the run took it already); else none, and the content
        hash recorded for it under these settings."""
        row = self._row(path)
        if row is None or row[7] != key:
            return None, None
        same = _same_stat(row, path) if stat_key is None else _stored_against(row, stat_key)
        if same and (found := _diagnostics(shown, row[8])) is not None:
            return found, None
        return None, str(row[6])

    def changed(self, path: str) -> bool:
        """Whether the file is not as it was when a result was last stored for it (by its
        stat: a file cached under other settings is taken as it is)."""
        row = self._row(path)
        return row is None or not _same_stat(row, path)

    def by_content(self, path: str, shown: str, key: str, seen: Seen) -> list[Diagnostic] | None:
        """The cached diagnostics if the content the run read is as recorded, else None
        (the file by its absolute path, as for every method here)."""
        row = self._row(path)
        if row is None or row[6] != seen.digest or row[7] != key:
            return None
        found = _diagnostics(shown, row[8])
        if found is not None:
            self.record(path, seen, key, found)  # the stat changed, not the content
        return found

    def record(self, path: str, seen: Seen, key: str, diagnostics: list[Diagnostic]) -> None:
        """Store a file's diagnostics against what was read of it (see `Seen`)."""
        if self.database is None:
            return
        blob = marshal.dumps([_to_json(d) for d in diagnostics])
        row = (
            os.fsencode(path),
            *seen.stat,
            seen.looked_at,
            seen.digest,
            key,
            blob,
            zlib.crc32(blob),
        )
        self._pending.append(row)
        if len(self._pending) >= _BATCH:
            self._write()

    def _write(self) -> None:
        rows, self._pending = self._pending, []
        if self.database is None or not rows:
            return
        try:
            with store.transaction(self.database):
                query = "INSERT OR REPLACE INTO results VALUES (?,?,?,?,?,?,?,?,?,?)"
                self.database.executemany(query, rows)
        except store.Error:
            self._give_up()  # a cache that cannot be written only costs time next run

    def save(self) -> None:
        """Write what is left of this run's results, and close the database."""
        self._write()
        self._give_up()


def _same_stat(row: tuple[Any, ...], path: str) -> bool:
    """Whether a file's stat is the one its row was stored against, and was settled then."""
    try:
        stat_key = store.stat_key(os.stat(path))
    except OSError:
        return False
    return _stored_against(row, stat_key)


def _stored_against(row: tuple[Any, ...], stat_key: tuple[int, ...]) -> bool:
    return tuple(row[1:5]) == stat_key and store.settled(stat_key, row[5])


def _diagnostics(shown: str, blob: bytes) -> list[Diagnostic] | None:
    try:
        return [_from_json(shown, item) for item in marshal.loads(blob)]
    except (ValueError, TypeError, EOFError):
        return None
