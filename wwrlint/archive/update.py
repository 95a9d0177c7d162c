"""Open an archive: bring its stored index up to date with the files, reading again only
the briefs that changed, and read its roster and catalogue."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import marshal
import os
import time
import zlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from wwrlint import store
from wwrlint.archive import index as rows
from wwrlint.archive.listing import Survey, survey
from wwrlint.archive.locate import Place
from wwrlint.archive.model import Archive, Published
from wwrlint.archive.summary import read_catalogue, read_roster, read_rows
from wwrlint.discovery import read_brief

if TYPE_CHECKING:
    import sqlite3

# Briefs whose index rows are written in one statement.
_BATCH = 256

# Reads files (each a path, and its name below the archive's folder) into their rows of
# the index, in order.
Reader = Callable[[list[tuple[str, str]]], Iterator[rows.Rows]]


def _read_each(files: list[tuple[str, str]]) -> Iterator[rows.Rows]:
    return map(read_rows, files)


def open_archive(
    place: Place,
    database: str | None,
    read: Reader | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> Archive:
    """The archive at `place`, its index brought up to date in `database` (a temporary one
    when None). `read` gives the rows of the briefs that changed, in order (by default
    by reading each here); `meanwhile`, if given, is called once while the files are looked
    at (see `listing.survey`). Close it when done."""
    reader = read or _read_each
    index = (
        rows.Index(place.folder, database)
        if database is not None
        else rows.Index.temporary_one(place.folder)
    )
    archive = Archive(
        place.folder, place.roster_path, catalogue_path=place.catalogue_path, index=index
    )
    try:
        if place.catalogue_path is not None:
            archive.catalogue = _catalogue(index, place.catalogue_path)
        archive.roster, archive.listed = _bring_up_to_date(index, place, reader, meanwhile)
    except BaseException:
        archive.close()
        raise
    archive.rebuild = functools.partial(_apart, place, reader, index)
    return archive


def _catalogue(index: rows.Index, path: str) -> tuple[Published, ...]:
    """The catalogue's entries: as stored beside the index while the file's stat key is
    the one they were read at (and was settled then), so that a run whose briefs are all
    cached parses no YAML at all; else read, and stored for the next run. A stored copy
    carries a checksum; one that does not match is read again."""
    looked_at = time.time()
    try:
        key = store.stat_key(os.stat(path))
    except OSError:
        return read_catalogue(path)  # gone since it was found: read as an absent one is
    head = f"catalogue\n{os.path.realpath(path)}\n"
    name = head + ",".join(map(str, key))
    trusted = store.settled(key, looked_at)
    try:
        database = index.db()
        if trusted:
            row = database.execute("SELECT value FROM meta WHERE key = ?", (name,)).fetchone()
            stored = _stored_catalogue(row[0]) if row is not None else None
            if stored is not None:
                return stored
        entries = read_catalogue(path)
        if trusted:
            payload = json.dumps([[p.id, p.date, p.title] for p in entries])
            with store.transaction(database):
                query = "DELETE FROM meta WHERE substr(key, 1, ?) = ?"
                database.execute(query, (len(head), head))
                database.execute(
                    "INSERT INTO meta (key, value) VALUES (?, ?)",
                    (name, f"{zlib.crc32(payload.encode())}:{payload}"),
                )
        return entries
    except store.Error:
        return read_catalogue(path)


def _stored_catalogue(value: str) -> tuple[Published, ...] | None:
    checksum, _, payload = value.partition(":")
    if checksum != str(zlib.crc32(payload.encode())):
        return None
    try:
        return tuple(Published(*item) for item in json.loads(payload))
    except (ValueError, TypeError):
        return None


def _apart(place: Place, read: Reader, stored: rows.Index) -> rows.Index:
    """A fresh index of the archive for this run alone, when the stored one proved
    damaged; the stored one is marked to be built again by the next run."""
    with contextlib.suppress(store.Error):
        query = "UPDATE archives SET listing = NULL WHERE key = ?"
        stored.db().execute(query, (place.key,))
    fresh = rows.Index.temporary_one(place.folder)
    _bring_up_to_date(fresh, place, read)
    return fresh


def _bring_up_to_date(
    index: rows.Index,
    place: Place,
    read: Reader,
    meanwhile: Callable[[], object] | None = None,
) -> tuple[dict[str, Any], bytes | None]:
    """Bring the stored index in line with the files; the roster's analysts, and the
    listing the index now holds for (as stored)."""
    looked_at = time.time()
    database = index.db()
    query = "SELECT id, fingerprint, roster, listing FROM archives WHERE key = ?"
    row = database.execute(query, (place.key,)).fetchone()
    stored = row[3] if row is not None and isinstance(row[3], bytes) else None  # else damaged
    roster = _roster_of(row[2]) if row is not None else None
    now = survey(place, stored, looked_at, meanwhile)
    listed = now.listed if now.listed is not None else stored
    if roster is not None and now.holds:
        index.number, index.stored_fingerprint = row[0], row[1]
        if now.listed is not None:
            # a folder changed, its briefs did not: keep the listing that says so
            query = "UPDATE archives SET listing = ? WHERE id = ?"
            database.execute(query, (listed, row[0]))
        return roster, listed
    with store.transaction(database):
        number = row[0] if row is not None else rows.add_archive(database, place.key)
        index.number = number
        changed = _reindex(database, number, place.folder, now, read)
        if now.fresh or roster is None or not now.same_roster:
            roster = read_roster(place.roster_path) if place.roster_path else {}
        fingerprint = row[1] if row is not None and not changed else None
        fingerprint = fingerprint or rows.fingerprint(database, number)
        index.stored_fingerprint = fingerprint
        database.execute(
            "UPDATE archives SET fingerprint = ?, roster = ?, listing = ? WHERE id = ?",
            (fingerprint, marshal.dumps(roster), listed, number),
        )
    return roster, listed


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
    now: Survey,
    read: Reader,
) -> bool:
    """Bring the index's rows in line with the files: read again the briefs whose stat
    changed (unless their content did not), drop those gone. Whether any brief's entry,
    or the set of briefs, changed."""
    if now.fresh:  # nothing says which rows are still true: start afresh
        database.execute("DELETE FROM briefs WHERE archive = ?", (number,))
        database.execute("DELETE FROM sources WHERE archive = ?", (number,))
    rows.delete_paths(database, number, now.gone)
    changed = bool(now.gone) or now.fresh
    to_read: list[str] = []
    digests: dict[str, str] = {}
    for name in now.stale:
        # without a previous listing, the rows were all deleted above
        old = rows.stored_content(database, number, name) if not now.fresh else None
        if old is None:
            to_read.append(name)
            changed = True
        elif _content_hash(os.path.join(folder, name)) != old[0]:
            to_read.append(name)
            digests[name] = old[1]
    files = [(os.path.join(folder, name), name) for name in to_read]
    batch: list[rows.Rows] = []
    for name, found in zip(to_read, read(files), strict=True):
        changed = changed or found.digest != digests.get(name)
        batch.append(found)
        if len(batch) == _BATCH:
            rows.store_rows(database, number, batch, replacing=not now.fresh)
            batch = []
    rows.store_rows(database, number, batch, replacing=not now.fresh)
    return changed


def _content_hash(path: str) -> str | None:
    try:
        return hashlib.sha256(read_brief(path)).hexdigest()
    except OSError:
        return None


class Archives:
    """The archives of one run, each found once per folder and opened once, so that every
    file is checked against its own archive whatever else the run checks."""

    def __init__(
        self,
        locate: Callable[[str], Place | None],
        database: str | None,
        read: Reader | None = None,
        meanwhile: Callable[[str], object] | None = None,
        folder_of: Callable[[str], str] = lambda path: os.path.dirname(os.path.abspath(path)),
    ) -> None:
        self._locate = locate
        self._folder_of = folder_of  # the absolute folder of a path
        self._database = database
        self._read = read
        # Called once, with its folder, while the first archive opened is looked at (see
        # `listing.survey`).
        self._meanwhile = meanwhile
        self._by_folder: dict[str, Place | None] = {}
        self._open: dict[str, Archive] = {}

    def place_of(self, path: str) -> Place | None:
        folder = self._folder_of(path)
        try:  # asked twice for every file of a run: known but the first time a folder
            return self._by_folder[folder]
        except KeyError:
            found = self._by_folder[folder] = self._locate(path)
            return found

    def of(self, path: str) -> Archive | None:
        """The archive a file belongs to, opened; None when it belongs to none."""
        found = self.place_of(path)
        if found is None:
            return None
        archive = self._open.get(found.key)
        if archive is None:
            archive = self._open[found.key] = self._opened(found)
        return archive

    def _opened(self, found: Place) -> Archive:
        step, self._meanwhile = self._meanwhile, None
        meanwhile = (lambda: step(found.folder)) if step is not None else None
        if self._database is not None:
            try:
                return open_archive(found, self._database, self._read, meanwhile)
            except store.Error:
                pass  # the cache's database is busy or broken: index this run apart
        return open_archive(found, None, self._read, meanwhile)

    @property
    def opened(self) -> list[Archive]:
        return list(self._open.values())

    def close(self) -> None:
        for archive in self._open.values():
            archive.close()
        self._open.clear()
