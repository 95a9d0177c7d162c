"""What a run checks: the files named or found below the paths given (the archive, with
none), less what the configuration excludes and git ignores, each with its own archive,
and the briefs of those archives that depend on what is checked."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wwrlint.archive.locate import ARCHIVE_FOLDER_NAME, Place, archive_folder, place, repository
from wwrlint.archive.update import Archives
from wwrlint.config import ConfigFinder
from wwrlint.discovery import Discovery, discover, display, is_brief_name
from wwrlint.errors import ToolError
from wwrlint.ignore import GitIgnored

if TYPE_CHECKING:
    from wwrlint.archive.index import Rows


@dataclass(eq=False, repr=False)
class Scope:
    """The files of a run, in order (those named or found, then their dependents), and
    what could not be used."""

    files: list[str]
    dependents: int
    found: Discovery


class _GitIgnore:
    """What git ignores, for paths of any repository (one reading of each)."""

    def __init__(self, finder: ConfigFinder) -> None:
        self._finder = finder
        self._by_folder: dict[str, GitIgnored | None] = {}
        self._by_root: dict[str, GitIgnored] = {}

    def __call__(self, path: str, is_folder: bool) -> bool:
        ignored = self._in(self._finder.folder_of(path))
        return ignored is not None and ignored.ignores(self._finder.absolute(path), is_folder)

    def keeps_all(self, folder: str) -> bool:
        """Whether git ignores nothing directly in a folder."""
        absolute = self._finder.absolute(folder)
        ignored = self._in(absolute)
        return ignored is None or ignored.keeps_all(absolute)

    def _in(self, folder: str) -> GitIgnored | None:
        """What git ignores in the repository of an absolute folder; None outside one."""
        if folder not in self._by_folder:
            root = repository(folder)
            ignored = None
            if root is not None:
                ignored = self._by_root.get(root)
                if ignored is None:  # read once a repository (its info/exclude, say)
                    ignored = self._by_root[root] = GitIgnored(root)
            self._by_folder[folder] = ignored
        return self._by_folder[folder]


class Finder:
    """Finds the files and archives of a run with one configuration finder."""

    def __init__(self, finder: ConfigFinder) -> None:
        self.config = finder
        self.git = _GitIgnore(finder)

    def excluded(self, path: str, is_folder: bool | None = None) -> bool:
        return self.config.for_path(path, is_folder).is_excluded(path)

    def skip(self, path: str, is_folder: bool) -> bool:
        """Whether the walk of a folder leaves a path out."""
        return self.excluded(path, is_folder) or self.git(path, is_folder)

    def keeps_all(self, folder: str) -> bool:
        """Whether no file directly in a folder is left out: none is excluded there (no
        `exclude` in its settings, which are its files'), and git ignores none."""
        return not self.config.for_path(folder, is_folder=True).exclude and self.git.keeps_all(
            folder
        )

    def locate(self, path: str) -> Place | None:
        """Where the archive of a path is, or None when it belongs to none."""
        settings = self.config.for_path(path)
        folder = archive_folder(path, settings.archive)
        if folder is None:
            return None
        exclude = self.config.for_path(folder).exclude
        return place(folder, settings.roster, exclude, self.skip)

    def archives(
        self,
        database: str | None,
        jobs: int,
        meanwhile: Callable[[str], object] | None = None,
    ) -> Archives:
        """The run's archives, indexed in `database`; `meanwhile` is called with the
        first one's folder while its files are looked at."""
        from wwrlint.checking import index_rows

        def read(files: list[tuple[str, str]]) -> Iterator[Rows]:
            return index_rows(files, jobs)

        return Archives(self.locate, database, read, meanwhile, self.config.folder_of)

    def default_paths(self) -> tuple[str, ...]:
        """With no path, the archive: the configured one, the one the current folder is
        in, or the briefs/ folder of the current folder or of its repository's root."""
        folder = archive_folder(".", self.config.for_path(".").archive)
        top = repository(".")
        for candidate in (".", *([top] if top is not None else [])):
            below = os.path.join(candidate, ARCHIVE_FOLDER_NAME)
            if folder is None and os.path.isdir(below):
                folder = archive_folder(os.path.join(below, ""), None)
        if folder is None:
            raise ToolError(
                "no archive here (no briefs/ folder, no analysts.yaml, no 'archive' in the "
                "configuration): name the briefs or folders to check"
            )
        relative = os.path.relpath(folder)
        return (folder if relative.startswith("..") else relative,)

    def scope(
        self,
        paths: tuple[str, ...],
        archives: Archives,
        dependents: bool,
        deleted: list[str] | None = None,
    ) -> Scope:
        """The files to check for `paths` (the archive when there are none). A file named
        in `paths` is checked even when excluded, unless its settings force exclusion.
        `deleted`: files just deleted (see `wwrlint.staged`), whose dependents are checked
        too; with it, no path means none, not the archive."""
        given = {
            p for p in paths if os.path.isfile(p) and not self.config.for_path(p).force_exclude
        }
        asked = paths or (self.default_paths() if deleted is None else ())
        if asked:
            found = discover(
                asked,
                lambda p, is_folder: p not in given and self.excluded(p, is_folder),
                self.git,
                self.config.absolute,
                self.keeps_all,
            )
        else:
            found = Discovery()
        if found.missing:
            raise ToolError(f"{', '.join(map(display, found.missing))}: no such file or folder")
        if (paths or deleted is None) and not (found.files or found.errors or found.excluded):
            named = ", ".join(f"'{path}'" for path in paths) or "the archive"
            raise ToolError(f"no briefs (*.yaml, *.yml) found in {named}")
        files = list(found.files)
        if not paths and asked and os.path.isabs(asked[0]):  # the archive holds this folder
            files = _below_here(files)
        gone = [
            path
            for path in deleted or ()
            if is_brief_name(os.path.basename(path)) and not self.excluded(path)
        ]
        extra = _dependents(files, archives, gone, self.config.absolute) if dependents else []
        return Scope(files + extra, len(extra), found)


def _dependents(
    files: list[str],
    archives: Archives,
    deleted: list[str],
    absolute: Callable[[str], str] = os.path.abspath,
) -> list[str]:
    """The briefs that depend on the files checked, or on the files deleted, and are not
    among the files checked: every brief of an archive whose roster or catalogue is
    checked or deleted; the briefs that cite a checked brief, or cite a brief the archive
    no longer has."""
    checked: dict[str, list[str]] = {}
    for path in [*files, *deleted]:
        archive = archives.of(path)
        if archive is not None:
            checked.setdefault(archive.folder, []).append(path)
    # The files checked, by name and (only for a dependent not found by name, since
    # resolving links costs a `stat` a folder of the path) resolved.
    named = set(map(absolute, files)) if checked else set()
    seen: set[str] | None = None
    extra: list[str] = []
    for archive in archives.opened:
        paths = checked.get(archive.folder, [])
        if not paths:
            continue
        listed = archive.listed_briefs
        if listed is not None and len(paths) >= listed and archive.listing is not None:
            top = os.path.join(absolute(archive.folder), "")  # maybe the whole archive
            if all(top + name in named for name in archive.listing.names):
                continue  # what depends on them is among them: the index's briefs are these
        for path in archive.dependents(paths):
            if absolute(path) in named:
                continue
            if seen is None:
                seen = {os.path.realpath(path) for path in files}
            real = os.path.realpath(path)
            if real not in seen:
                seen.add(real)
                extra.append(_as_given(path))
    return extra


def _below_here(paths: list[str]) -> list[str]:
    """Absolute paths as the user would give them: those below the current folder
    relative to it (what `_as_given` does, for a whole archive at the cost of a prefix)."""
    here = os.path.join(os.getcwd(), "")
    return [path[len(here) :] if path.startswith(here) else path for path in paths]


def _as_given(path: str) -> str:
    """A path found by the archive as the user would give it: relative to the current
    folder when it lies below it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative
