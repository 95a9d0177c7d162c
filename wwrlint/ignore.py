"""What git leaves out of a repository: the patterns of its `.gitignore` files and of
`.git/info/exclude`, so that folders git ignores are neither checked nor indexed.

pathspec implements git's pattern language (negation, anchoring, `**`, folders only);
this module applies it as git does: a deeper `.gitignore` overrides a higher one, and
nothing inside an ignored folder comes back.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

IGNORE_FILE = ".gitignore"


class GitIgnored:
    """Whether a path below a repository's root is ignored by git. The ignore files read
    are remembered (`consulted`), so that a change to one of them can be noticed."""

    def __init__(self, root: str) -> None:
        self.root = os.path.abspath(root)
        self.consulted: list[str] = []
        self._specs: dict[tuple[str, ...], GitIgnoreSpec | None] = {}
        self._folders: dict[tuple[str, ...], bool] = {}
        self._exclude = self._read(os.path.join(self.root, ".git", "info", "exclude"))

    def __call__(self, path: str, is_folder: bool = False) -> bool:
        relative = os.path.relpath(os.path.abspath(path), self.root)
        if relative == "." or relative.startswith(".." + os.sep) or relative == "..":
            return False
        parts = tuple(relative.split(os.sep))
        for depth in range(1, len(parts)):
            if self._folder_ignored(parts[:depth]):
                return True
        return self._decide(parts, is_folder)

    def _folder_ignored(self, parts: tuple[str, ...]) -> bool:
        if parts not in self._folders:
            self._folders[parts] = self._decide(parts, True)
        return self._folders[parts]

    def _decide(self, parts: tuple[str, ...], is_folder: bool) -> bool:
        """The deepest ignore file with a pattern for the path decides; then info/exclude."""
        suffix = "/" if is_folder else ""
        for depth in range(len(parts) - 1, -1, -1):
            spec = self._spec(parts[:depth])
            if spec is not None:
                verdict = spec.check_file("/".join(parts[depth:]) + suffix).include
                if verdict is not None:
                    return verdict
        if self._exclude is not None:
            return bool(self._exclude.check_file("/".join(parts) + suffix).include)
        return False

    def _spec(self, folder: tuple[str, ...]) -> GitIgnoreSpec | None:
        if folder not in self._specs:
            self._specs[folder] = self._read(os.path.join(self.root, *folder, IGNORE_FILE))
        return self._specs[folder]

    def _read(self, path: str) -> GitIgnoreSpec | None:
        try:
            with open(path, encoding="utf-8", errors="surrogateescape") as handle:
                lines = handle.read().splitlines()
        except OSError:
            return None
        from pathspec import GitIgnoreSpec

        self.consulted.append(path)
        return GitIgnoreSpec.from_lines(lines)
