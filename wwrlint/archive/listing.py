"""What an archive's files are at one moment (every brief with its stat key, the roster's,
and the folders'), to tell cheaply whether the stored index still holds and which briefs
changed."""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from wwrlint import store
from wwrlint.archive.locate import Place
from wwrlint.discovery import walk
from wwrlint.ignore import IGNORE_FILE

StatKey = tuple[int, int, int, int]


@dataclass(eq=False, repr=False)
class Listing:
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
    # The exclusions in force (see `Place.salt`): a listing made under others does not hold.
    salt: str = ""

    @classmethod
    def load(cls, blob: bytes | None) -> Listing | None:
        if not blob:
            return None
        try:
            folders, names, keys, roster, looked_at, salt = marshal.loads(blob[_COUNT:])
            names = names.split("\0") if names else []
            return cls(folders, names, keys, roster, looked_at, salt)
        except (ValueError, TypeError, EOFError, AttributeError):
            return None

    def dump(self) -> bytes:
        # Folders changed too recently to trust are not kept: the next run reads them.
        settled = self.folders is not None and all(
            store.settled(stat_key, self.looked_at) for _, stat_key in self.folders
        )
        folders = self.folders if settled else None
        names = "\0".join(self.names)  # no file name holds a NUL
        listed = (folders, names, self.keys, self.roster, self.looked_at, self.salt)
        return len(self.names).to_bytes(_COUNT, "little") + marshal.dumps(listed)

    def holds(self, now: Listing) -> bool:
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

    def stat_keys(self, folder: str) -> dict[str, StatKey]:
        """Each brief's stat key, by its path in `folder` (the archive's, made absolute)."""
        top = os.path.join(folder, "")
        return dict(zip([top + name for name in self.names], _quads(self.keys), strict=True))

    def changes(self, previous: Listing | None) -> tuple[list[str], list[str]]:
        """The briefs whose stat changed (or was too recent to trust), and those gone."""
        if previous is None:
            return list(self.names), []
        if previous.names == self.names:  # the usual case, made quick: no brief came or went
            new, old = self.keys, previous.keys
            limit = (previous.looked_at - store.RACY_SECONDS) * 1e9
            places = set(_differing(new, old)) if new != old else set()
            for times in (old[1::4], old[2::4]):  # modification, then change times
                places.update(4 * i for i in _recent(times, limit))
            return [self.names[i // 4] for i in sorted(places)], []
        known = dict(zip(previous.names, _quads(previous.keys), strict=True))
        stale = []
        for name, stat_key in zip(self.names, _quads(self.keys), strict=True):
            old_key = known.pop(name, None)
            if old_key != stat_key or not store.settled(old_key, previous.looked_at):
                stale.append(name)
        return stale, list(known)

    @classmethod
    def now(
        cls, place: Place, previous: Listing | None, looked_at: float, walk: bool = True
    ) -> Listing | None:
        """The archive's briefs as they are: the previous listing's, while no folder has
        changed, else read from the folders (None when that is needed and `walk` is
        not)."""
        folder = place.folder
        roster = _stat_key(place.roster_path) if place.roster_path else None
        if previous is not None and previous.folders is not None:
            folders, names = previous.folders, previous.names
            if _unchanged(folder, folders):
                found = _stat_briefs(folder, names, strict=True)
                if found is not None:
                    return cls(folders, names, found[1], roster, looked_at, place.salt)
        if not walk:
            return None
        names, folders = _walk_archive(place)
        names, keys = _stat_briefs(folder, names, strict=False) or ([], [])
        return cls(folders, names, keys, roster, looked_at, place.salt)


# A stored listing starts with the number of briefs it lists, read without decoding it.
_COUNT = 4


def size_of(stored: bytes | None) -> int:
    """How many briefs a stored listing lists (0 for none, or one too short to hold any)."""
    if not isinstance(stored, bytes) or len(stored) <= _COUNT:
        return 0
    return int.from_bytes(stored[:_COUNT], "little")


class Survey(NamedTuple):
    """The archive's files now, against the listing its stored index was made with."""

    # The listing now, as `Listing.dump` writes it; None when it is the one stored (the
    # index holds, and no folder changed).
    listed: bytes | None
    fresh: bool  # there was no listing to go by (or one made under other exclusions)
    holds: bool  # the stored index holds as it is
    same_roster: bool
    stale: list[str]  # the briefs to read again
    gone: list[str]  # the briefs no longer there


def survey(
    place: Place,
    stored: bytes | None,
    looked_at: float,
    meanwhile: Callable[[], object] | None = None,
) -> Survey:
    """The archive's files now, against the listing stored with its index. `meanwhile`, if
    given, is called once on the way: beside the `stat` of each brief (and the comparison
    with the stored listing) of a large archive, which then run in a process of their own
    (see `wwrlint.beside`). A walk of the folders, when one changed, is made here after,
    not there: the process beside holds back the signals that stop a run."""
    if meanwhile is not None and size_of(stored) >= BESIDE_FROM:
        from wwrlint.beside import beside

        carried = beside(lambda: _as_data(_survey(place, stored, looked_at, walk=False)), meanwhile)
        if carried is not None:
            return Survey(*carried)
    elif meanwhile is not None:
        meanwhile()
    found = _survey(place, stored, looked_at)
    assert found is not None  # it walks when it must
    return found


def _as_data(found: Survey | None) -> tuple[Any, ...] | None:
    return tuple(found) if found is not None else None  # what `marshal` carries


def _survey(
    place: Place, stored: bytes | None, looked_at: float, walk: bool = True
) -> Survey | None:
    """The survey; None when the folders must be walked and `walk` is not."""
    previous = Listing.load(stored)
    if previous is not None and previous.salt != place.salt:
        previous = None  # made under other exclusions
    listing = Listing.now(place, previous, looked_at, walk)
    if listing is None:
        return None
    if previous is None:
        return Survey(listing.dump(), True, False, False, list(listing.names), [])
    holds = previous.holds(listing)
    # Where the index holds, no brief changed or went: the comparison is spared.
    stale, gone = ([], []) if holds else listing.changes(previous)
    return Survey(
        None if holds and listing.folders == previous.folders else listing.dump(),
        False,
        holds,
        previous.same_roster(listing.roster),
        stale,
        gone,
    )


# From this many briefs on, their `stat`s are taken in a forked process while the caller
# does other work (two cores take a 10,000-brief listing in no time beside the check).
BESIDE_FROM = 1000


def _unchanged(folder: str, folders: list[tuple[str, StatKey]]) -> bool:
    for name, stat_key in folders:
        if _stat_key(os.path.join(folder, name) if name else folder) != tuple(stat_key):
            return False
    return True


def _stat_briefs(folder: str, found: list[str], strict: bool) -> tuple[list[str], list[int]] | None:
    """The briefs with their stat keys (four numbers each, one after the other). A brief
    that cannot be found fails a strict listing (None), and is left out of a fresh one
    (gone since, or a link to nothing)."""
    stat = os.stat
    names: list[str] = []
    keys: list[int] = []
    prefix = folder.rstrip(os.sep) + os.sep
    for name in found:
        try:
            seen = stat(prefix + name)
        except OSError:
            if strict:
                return None
            continue
        names.append(name)
        keys += (seen.st_size, seen.st_mtime_ns, seen.st_ctime_ns, seen.st_ino)
    return names, keys


def _differing(new: list[int], old: list[int]) -> Iterator[int]:
    """The places (multiples of four) of the stat keys that differ, of two lists as long:
    compared a block at a time (list comparisons run in C), and one key at a time only
    within a block that differs, so a few changed briefs among thousands cost a pass over
    the lists in C, not a loop over them all."""
    for start in range(0, len(new), _BLOCK):
        end = start + _BLOCK
        if new[start:end] != old[start:end]:
            for place in range(start, min(end, len(new)), 4):
                if new[place : place + 4] != old[place : place + 4]:
                    yield place


# Stat keys compared at once by `_differing` (256 briefs: a multiple of four).
_BLOCK = 1024


def _recent(times: list[int], limit: float) -> list[int]:
    """The places of the times at or after `limit`. There are few or none (the briefs
    written just before the last run), so each is found by `max` and `index`, which run in
    C, rather than by a loop over every time; past a handful, by that loop."""
    found: list[int] = []
    if not times or max(times) < limit:
        return found
    rest, older = list(times), int(limit) - 1
    while len(found) < _FEW_RECENT:
        newest = max(rest)
        if newest < limit:
            return found
        place = rest.index(newest)
        found.append(place)
        rest[place] = older  # looked at: out of the way of the next `max`
    return [i for i, t in enumerate(times) if t >= limit]


# How many recent times `_recent` finds one by one.
_FEW_RECENT = 8


def _quads(keys: list[int]) -> Iterator[StatKey]:
    """Stat keys from the numbers they are listed as."""
    return zip(keys[0::4], keys[1::4], keys[2::4], keys[3::4], strict=True)


def _walk_archive(place: Place) -> tuple[list[str], list[tuple[str, StatKey]]]:
    """The archive's briefs, below its folder, and the folders and ignore files to watch,
    but what the user excluded or git ignores and links that lead out of the repository.
    A folder's stat key is taken after it was read, so that a change during the walk shows
    as too recent to trust. A link to a file of the archive is not a brief of its own; the
    roster and the catalogue are not briefs."""
    folder = place.folder
    top = os.path.realpath(folder) + os.sep
    boundary = os.path.realpath(place.boundary).rstrip(os.sep) + os.sep
    start = len(folder.rstrip(os.sep)) + 1
    read: list[str] = []
    names = []
    for path, link in walk(folder, read, place.skip):
        real = os.path.realpath(path) if link else None
        if real is not None and (real.startswith(top) or not real.startswith(boundary)):
            continue
        if not place.is_special(path):
            names.append(path[start:])
    watched = list(read)
    if place.git:
        watched += [os.path.join(path, IGNORE_FILE) for path in read]
    watched += place.watched
    return names, [(_below(folder, path), _stat_key(path)) for path in watched]


def _below(folder: str, path: str) -> str:
    """A path as the listing keeps it: below the archive's folder ("" for the folder
    itself), or whole when it lies elsewhere."""
    inside = folder.rstrip(os.sep) + os.sep
    return "" if path == folder else path[len(inside) :] if path.startswith(inside) else path


# The stat key of a file that is not there.
MISSING: StatKey = (0, 0, 0, 0)


def _stat_key(path: str) -> StatKey:
    try:
        return store.stat_key(os.stat(path))
    except OSError:
        return MISSING
