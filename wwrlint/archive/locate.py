"""Find the archive a path belongs to, the same way everywhere: the configuration's
`archive`, else the nearest folder at or above the path that holds the roster or is named
`briefs`, never above the repository root. Git is a boundary, never a requirement."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from functools import cached_property

from wwrlint.archive.model import CATALOGUE_NAME, ROSTER_NAME
from wwrlint.discovery import Skip
from wwrlint.ignore import IGNORE_FILE

ARCHIVE_FOLDER_NAME = "briefs"


@dataclass(eq=False, repr=False)
class Place:
    """Where an archive is: its folder, its roster and catalogue files (when there are),
    the folder no link may lead out of, and what of it is left out: what the user
    excluded and what git ignores (`skip`), and the files outside the folder that say so
    (`watched`)."""

    folder: str
    roster_path: str | None = None
    catalogue_path: str | None = None
    boundary: str = ""
    skip: Skip = field(default=lambda _path, _is_folder: False)
    watched: tuple[str, ...] = ()
    git: bool = False
    # What, besides the files, decides the archive's index (the exclusions in force).
    salt: str = ""

    @cached_property
    def key(self) -> str:
        """The archive's identity in the index database (worked out once: every file of a
        run asks for it)."""
        roster = os.path.realpath(self.roster_path) if self.roster_path else ""
        return f"{os.path.realpath(self.folder)}\n{roster}\n{self.salt}"

    def is_special(self, path: str) -> bool:
        """Whether a path is the archive's roster or catalogue, not a brief."""
        special = [p for p in (self.roster_path, self.catalogue_path) if p is not None]
        names = {os.path.basename(p) for p in special}
        real = os.path.realpath(path) if os.path.basename(path) in names else None
        return real is not None and any(real == os.path.realpath(p) for p in special)


def repository(folder: str) -> str | None:
    """The nearest folder at or above `folder` that holds `.git`; None outside one."""
    current = os.path.abspath(folder)
    while True:
        if os.path.exists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def archive_folder(path: str, configured: str | None) -> str | None:
    """The folder of the archive `path` belongs to (see the module), or None when it
    belongs to none."""
    if configured is not None:
        return os.path.abspath(configured)
    absolute = os.path.abspath(path)
    start = absolute if os.path.isdir(absolute) else os.path.dirname(absolute)
    top = repository(start)
    current = start
    while True:
        if os.path.basename(current) == ARCHIVE_FOLDER_NAME or os.path.isfile(
            os.path.join(current, ROSTER_NAME)
        ):
            return current if _inside(current, top or current) else None
        parent = os.path.dirname(current)
        if current == top or parent == current:
            return None
        current = parent


def place(folder: str, roster: str | None, exclude: tuple[str, ...], skip: Skip) -> Place:
    """The archive in `folder`, with its roster (`roster` when configured) and catalogue;
    `exclude` are the exclusion patterns `skip` applies (beside what git ignores)."""
    roster = roster or os.path.join(folder, ROSTER_NAME)
    catalogue = os.path.join(folder, CATALOGUE_NAME)
    top = repository(folder)
    watched: list[str] = []
    if top is not None:  # the ignore files above the folder, up to the repository's root
        above = os.path.abspath(folder)
        while above != top and above != os.path.dirname(above):
            above = os.path.dirname(above)
            watched.append(os.path.join(above, IGNORE_FILE))
        watched.append(os.path.join(top, ".git", "info", "exclude"))
    salt = hashlib.sha256("\0".join(exclude).encode()).hexdigest()[:16] if exclude else ""
    return Place(
        folder,
        roster if os.path.isfile(roster) else None,
        catalogue if os.path.isfile(catalogue) else None,
        top or folder,
        skip,
        tuple(watched),
        top is not None,
        salt,
    )


def _inside(path: str, boundary: str) -> bool:
    """Whether `path` leads to a place at or below `boundary` (links followed)."""
    real, top = os.path.realpath(path), os.path.realpath(boundary)
    return os.path.commonpath([real, top]) == top
