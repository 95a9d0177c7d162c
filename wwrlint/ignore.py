"""What git leaves out of a repository: the patterns of its `.gitignore` files and of
`.git/info/exclude`, so that folders git ignores are neither checked nor indexed.

The patterns are read as git reads them (comments, `!` to re-include, a trailing `/` for
folders only, a slash at the start or inside to anchor, backslash escapes, trailing spaces
dropped) and matched by `wwrlint.globs`, which cannot backtrack; they are applied as git
applies them: within one file the last matching pattern decides, a deeper `.gitignore`
overrides a higher one, and nothing inside an ignored folder comes back.
"""

from __future__ import annotations

import os

IGNORE_FILE = ".gitignore"


class IgnoreFile:
    """The patterns of one ignore file."""

    def __init__(self, text: str) -> None:
        patterns: list[str] = []
        self._negated: list[bool] = []
        folders_only: list[bool] = []
        for line in text.removeprefix("\ufeff").split("\n"):
            pattern = _trim(line.removesuffix("\r"))
            if not pattern or pattern.startswith("#"):
                continue
            negated = pattern.startswith("!")
            pattern = pattern[negated:]
            folder_only = pattern.endswith("/")
            pattern = pattern.removesuffix("/")
            if not pattern:
                continue
            patterns.append(pattern)
            self._negated.append(negated)
            folders_only.append(folder_only)
        self.empty = not patterns  # comments only, as git's own info/exclude is at first
        from wwrlint.globs import Patterns  # a repository with no ignore file never loads it

        self._patterns = Patterns(patterns, folders_only)

    def verdict(self, relative_path: str, is_folder: bool) -> bool | None:
        """True: ignored; False: re-included by a `!` pattern; None: no pattern matches."""
        index = self._patterns.last_match(relative_path, is_folder)
        return None if index is None else not self._negated[index]


def _trim(line: str) -> str:
    """The line without its trailing spaces, but for one escaped by a backslash."""
    trimmed = line.rstrip(" ")
    if trimmed.endswith("\\") and len(trimmed) < len(line):
        backslashes = len(trimmed) - len(trimmed.rstrip("\\"))
        if backslashes % 2:
            return trimmed + " "
    return trimmed


class GitIgnored:
    """Whether a path below a repository's root is ignored by git. The ignore files read
    are remembered (`consulted`), so that a change to one of them can be noticed."""

    def __init__(self, root: str) -> None:
        self.root = os.path.abspath(root)
        self._inside = os.path.join(self.root, "")  # what every path below it starts with
        self.consulted: list[str] = []
        self._files: dict[tuple[str, ...], IgnoreFile | None] = {}
        # Of each folder: whether it, or one above it, is ignored; the ignore files that
        # apply to what is in it, deepest first (with the depth of the folder of each).
        self._within: dict[tuple[str, ...], bool] = {(): False}
        self._applying: dict[tuple[str, ...], list[tuple[int, IgnoreFile]]] = {}
        self._exclude = self._read(os.path.join(self.root, ".git", "info", "exclude"))

    def __call__(self, path: str, is_folder: bool = False) -> bool:
        return self.ignores(os.path.abspath(path), is_folder)

    def ignores(self, absolute: str, is_folder: bool = False) -> bool:
        """Whether git ignores a path given absolute and normalized (as `abspath` gives)."""
        parts = self._parts(absolute)
        if not parts:
            return False  # the root itself, or outside it
        return self._within_ignored(parts[:-1]) or self._decide(parts, is_folder)

    def keeps_all(self, folder: str) -> bool:
        """Whether nothing directly in a folder (given absolute and normalized) is
        ignored: it is not within an ignored folder, and no pattern applies there."""
        parts = self._parts(folder)
        if parts is None:
            return True  # outside the repository
        return not (self._within_ignored(parts) or self._applying_in(parts) or self._exclude)

    def _parts(self, absolute: str) -> tuple[str, ...] | None:
        """The names of an absolute path below the root: none for the root, None outside."""
        if absolute == self.root:
            return ()
        if not absolute.startswith(self._inside):
            return None
        return tuple(absolute[len(self._inside) :].split(os.sep))

    def _within_ignored(self, folder: tuple[str, ...]) -> bool:
        """Whether a folder below the root, or one above it, is ignored: nothing inside an
        ignored folder comes back."""
        known = self._within.get(folder)
        if known is None:
            known = self._within_ignored(folder[:-1]) or self._decide(folder, True)
            self._within[folder] = known
        return known

    def _decide(self, parts: tuple[str, ...], is_folder: bool) -> bool:
        """The deepest ignore file with a pattern for the path decides; then info/exclude."""
        for depth, patterns in self._applying_in(parts[:-1]):
            verdict = patterns.verdict("/".join(parts[depth:]), is_folder)
            if verdict is not None:
                return verdict
        if self._exclude is not None:
            return bool(self._exclude.verdict("/".join(parts), is_folder))
        return False

    def _applying_in(self, folder: tuple[str, ...]) -> list[tuple[int, IgnoreFile]]:
        """The ignore files of a folder and of those above it, deepest first."""
        known = self._applying.get(folder)
        if known is None:
            own = self._ignore_file(folder)
            above = self._applying_in(folder[:-1]) if folder else []
            known = self._applying[folder] = [(len(folder), own), *above] if own else above
        return known

    def _ignore_file(self, folder: tuple[str, ...]) -> IgnoreFile | None:
        if folder not in self._files:
            self._files[folder] = self._read(os.path.join(self.root, *folder, IGNORE_FILE))
        return self._files[folder]

    def _read(self, path: str) -> IgnoreFile | None:
        try:
            with open(path, encoding="utf-8", errors="surrogateescape") as handle:
                text = handle.read()
        except OSError:
            return None
        self.consulted.append(path)
        patterns = IgnoreFile(text)
        return None if patterns.empty else patterns
