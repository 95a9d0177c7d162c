"""What the rules see of an archive: its roster, its catalogue of briefs published
elsewhere, and what every brief is (its id, date and sources), asked by id, date or source.

Only this module is for the rules; where the answers come from (an SQLite index kept up to
date with the files) is the index's business."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

if TYPE_CHECKING:
    from wwrlint.archive.index import Index
    from wwrlint.archive.listing import Listing

T = TypeVar("T")

ROSTER_NAME = "analysts.yaml"
CATALOGUE_NAME = "catalogue.yaml"
# The fields of a source that the archive keeps.
SOURCE_KEYS = ("publisher", "date", "title", "url", "type", "brief")

# A source of another brief: (that brief's path, the source's id there, its fields).
Citation = tuple[str, str, dict[str, str]]


def entry_fields(source: dict[Any, Any]) -> dict[str, str]:
    """What the archive keeps of a source's fields."""
    return {key: source[key] for key in SOURCE_KEYS if isinstance(source.get(key), str)}


@dataclass(eq=False, repr=False)
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


class Published(NamedTuple):
    """A brief of the desk's published elsewhere, named in the archive's catalogue: the
    archive does not hold its text."""

    id: str | None
    date: str | None
    title: str | None = None


def fingerprint_of(
    briefs: Iterable[str], roster: dict[str, Any], catalogue: Iterable[Published]
) -> str:
    """An archive's fingerprint: what its briefs are (`briefs`, as its index, or more,
    says), its roster and its catalogue."""
    digest = hashlib.sha256()
    for part in briefs:
        digest.update(part.encode())
    digest.update(json.dumps(roster, sort_keys=True, default=str).encode())
    digest.update(json.dumps([list(p) for p in catalogue]).encode())
    return digest.hexdigest()[:16]


@dataclass(eq=False, repr=False)
class Archive:
    """An archive: its folder, roster and catalogue, and the index of its briefs. Given
    `entries`, it indexes those alone, in a database private to the process (for rule
    examples and tests)."""

    folder: str
    roster_path: str | None = None
    roster: dict[str, dict[str, Any]] = field(default_factory=dict)
    entries: Iterable[BriefEntry] = ()
    catalogue: tuple[Published, ...] = ()
    catalogue_path: str | None = None
    # The archive's briefs as they were when it was opened (its index's), when it was, as
    # stored (see `listing`).
    listed: bytes | None = field(default=None, repr=False)
    index: Index | None = field(default=None, repr=False)
    # Makes a fresh index when the stored one proves damaged.
    rebuild: Callable[[], Index] | None = field(default=None, repr=False)
    _fingerprint: str | None = field(default=None, init=False, repr=False)
    _verified: bool = field(default=False, init=False, repr=False)
    _listing: Listing | None = field(default=None, init=False, repr=False)

    @property
    def listing(self) -> Listing | None:
        """The archive's briefs as they were when it was opened, read from what was stored
        the first time they are asked (a run of a few files never asks)."""
        if self._listing is None and self.listed is not None:
            from wwrlint.archive.listing import Listing

            self._listing = Listing.load(self.listed)
            if self._listing is None:
                self.listed = None  # not readable: not tried again
        return self._listing

    @property
    def listed_briefs(self) -> int | None:
        """How many briefs the listing lists, read without decoding it; None without one."""
        if self.listed is None:
            return None
        from wwrlint.archive.listing import size_of

        return size_of(self.listed)

    def _index(self) -> Index:
        if self.index is None:
            from wwrlint.archive.index import Index

            self.index = Index.private(self.folder, list(self.entries))
        return self.index

    def _ask(self, question: Callable[[Index], T]) -> T:
        """The index's answer; when a row proves damaged, or the database fails (removed
        by `wwrlint clean` meanwhile, say), a fresh index's."""
        try:
            return question(self._index())
        except Exception as error:
            # Imported here, on the rare way out: the rules ask thousands of times a run.
            from wwrlint import store
            from wwrlint.archive.index import Damaged

            if not isinstance(error, (Damaged, store.Error)) or self.rebuild is None:
                raise
            self.close()
            self.index, self.rebuild = self.rebuild(), None
            return question(self.index)

    @property
    def fingerprint(self) -> str:
        """Changes whenever anything that archive rules read changes (computed once: the
        archive does not change during a run)."""
        if self._fingerprint is None:
            rows = self._ask(lambda index: index.fingerprint())
            self._fingerprint = fingerprint_of([rows], self.roster, self.catalogue)
        return self._fingerprint

    def by_id(self, brief_id: str, besides: str = "", sure: bool = False) -> list[BriefEntry]:
        """The briefs with this id, other than the one at `besides`. `sure`: a finding
        rests on there being none, so the whole index is verified before saying so."""
        return self._ask(
            lambda index: self._sure(index, index.entries("id", brief_id, besides), sure)
        )

    def by_date(self, date: str, besides: str = "", sure: bool = False) -> list[BriefEntry]:
        return self._ask(
            lambda index: self._sure(index, index.entries("date", date, besides), sure)
        )

    def _sure(self, index: Index, found: list[BriefEntry], sure: bool) -> list[BriefEntry]:
        if sure and not found and not self._verified:
            index.verify()
            self._verified = True
        return found

    def ids(self) -> list[str]:
        return self._ask(lambda index: index.ids())

    def published(self, brief_id: str | None, date: str | None) -> list[Published]:
        """The catalogue's briefs with this id (or, with no id, this date)."""
        if brief_id is not None:
            return [p for p in self.catalogue if p.id == brief_id]
        return [p for p in self.catalogue if p.date == date]

    def citing(self, source: dict[str, Any], besides: str = "") -> list[Citation]:
        """The other briefs' sources that are the same source: the same url, or the same
        publisher, date and title."""
        return self._ask(lambda index: index.citing(source, besides))

    @property
    def briefs(self) -> list[BriefEntry]:
        """Every brief of the archive, in path order."""
        return self._ask(lambda index: index.all_entries())

    def role_of(self, path: str) -> str:
        """What a file of the archive is: "roster", "catalogue" or "brief"."""
        if not path.endswith(self._special_names):  # quick to tell, for every brief
            return "brief"
        name = os.path.basename(path)
        for role, special in (("roster", self.roster_path), ("catalogue", self.catalogue_path)):
            if (
                special is not None
                and name == os.path.basename(special)
                and os.path.realpath(path) == os.path.realpath(special)
            ):
                return role
        return "brief"

    @cached_property
    def _special_names(self) -> tuple[str, ...]:
        """The file names of the roster and catalogue (a path of either ends in one; the
        two are given as the archive is made, and stay)."""
        specials = (self.roster_path, self.catalogue_path)
        return tuple(os.path.basename(p) for p in specials if p is not None)

    def dependents(self, paths: list[str]) -> list[str]:
        """The files whose findings may change with those at `paths`: every brief, when
        the roster or the catalogue is among them; else the briefs that cite one of them,
        or cite a brief that is nowhere (one just removed or renamed, maybe). A roster or
        catalogue just deleted counts as the roster or catalogue."""

        def special(path: str) -> bool:
            name = os.path.basename(path)
            gone = name in (ROSTER_NAME, CATALOGUE_NAME) and not os.path.lexists(path)
            return gone or self.role_of(path) != "brief"

        if any(special(path) for path in paths):
            return [p for p in self._ask(lambda index: index.paths()) if self.role_of(p) == "brief"]

        def ask(index: Index) -> list[str]:
            entries = [index.entry_at(path) for path in paths]
            ids = {e.id for e in entries if e is not None and e.id is not None}
            dates = {e.date for e in entries if e is not None and e.date is not None}
            known_ids = {p.id for p in self.catalogue if p.id is not None}
            known_dates = {p.date for p in self.catalogue if p.date is not None}
            return index.citing_briefs(ids, dates, known_ids, known_dates)

        return self._ask(ask)

    def close(self) -> None:
        """Let go of the index's database."""
        if self.index is not None:
            self.index.close()

    def __getstate__(self) -> dict[str, Any]:
        """What a worker process started without fork receives: the index without its
        open database (and no way to rebuild it, which holds what only this process may
        use), and not the listing, which only this process asks."""
        return {**self.__dict__, "rebuild": None, "listed": None, "_listing": None}
