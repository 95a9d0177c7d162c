"""Paths as the machine formats (json, sarif, gitlab, github) name files: relative to the
root of the file's repository, so that code scanning and Code Quality find the file
whatever folder wwrlint ran in and however the path was given.

The root of a file is, first that holds it:

1. its repository's root (the nearest folder at or above it that holds `.git`);
2. else its archive's folder (a copy without `.git`: an unpacked sdist, a CI workspace);
3. else the current folder.

A file outside all three is named by its absolute path. Text formats are for people and
keep paths relative to the current folder (`base.shown_path`).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable
from typing import TextIO

from wwrlint.diagnostics import Diagnostic
from wwrlint.discovery import display
from wwrlint.reporters.base import Reporter, with_related

# The folder of the archive a path belongs to, or None.
ArchiveOf = Callable[[str], str | None]


def _unconfigured_archive(path: str) -> str | None:
    from wwrlint.archive.locate import archive_folder

    return archive_folder(path, None)


class MachinePaths:
    """Names files relative to their root (see the module); one lookup per folder."""

    def __init__(self, archive_of: ArchiveOf | None = None) -> None:
        self.archive_of = archive_of or _unconfigured_archive
        self._roots: dict[str, str | None] = {}
        self._named: dict[str, str] = {}  # every finding of a file names it: once

    def root(self, path: str) -> str | None:
        """The absolute folder `path` is named relative to; None when it lies outside every
        candidate (then it is named absolute)."""
        from wwrlint.archive.locate import repository

        absolute = os.path.abspath(path)
        folder = os.path.dirname(absolute)
        if folder not in self._roots:
            candidates = (repository(folder), self.archive_of(absolute), os.getcwd())
            self._roots[folder] = next(
                (c for c in candidates if c is not None and _below(folder, c)), None
            )
        return self._roots[folder]

    def folder_root(self, folder: str) -> str | None:
        """The root of the files in `folder`."""
        return self.root(os.path.join(os.path.abspath(folder), "-"))

    def __call__(self, path: str) -> str:
        """The path as machine formats name it: forward slashes, no leading `./`, never
        percent-encoded, bytes that are not UTF-8 shown as U+FFFD."""
        named = self._named.get(path)
        if named is None:
            absolute = os.path.abspath(path)
            root = self.root(absolute)
            relative = absolute if root is None else os.path.relpath(absolute, root)
            named = self._named[path] = display(relative).replace(os.sep, "/")
        return named

    def uri(self, path: str, base: str | None) -> tuple[str, bool]:
        """A URI for the path, and whether it is relative to `base` (an absolute folder, a
        SARIF `uriBaseId`); else an absolute `file:` URI."""
        absolute = os.path.abspath(path)
        if base is not None and self.root(absolute) == base:
            from urllib.parse import quote  # only for SARIF and GitLab's URIs

            return quote(self(absolute)), True
        return file_uri(absolute), False


def reason(path: str, message: str) -> str:
    """A one-line error about a file without the file's name in front (formats that name
    the file in a field of its own)."""
    prefix = f"{display(path)}: "
    return message[len(prefix) :] if path and message.startswith(prefix) else message


def file_uri(path: str) -> str:
    """An absolute `file:` URI for a path."""
    shown = display(os.path.abspath(path)).replace(os.sep, "/")
    if not shown.startswith("/"):  # a drive letter on Windows
        shown = "/" + shown
    from urllib.parse import quote

    return "file://" + quote(shown)


def folder_uri(folder: str) -> str:
    """An absolute `file:` URI for a folder, ending in a slash (as SARIF's
    originalUriBaseIds require)."""
    return file_uri(folder).rstrip("/") + "/"


def _below(path: str, folder: str) -> bool:
    try:
        return os.path.commonpath([path, folder]) == folder
    except ValueError:  # another drive on Windows
        return False


class Fingerprints:
    """Fingerprints unique per finding in a run: the file as machine formats name it, the
    finding's own fingerprint (rule, place in the data, content there: no line numbers,
    so it survives edits elsewhere in the file), and which occurrence of those it is."""

    def __init__(self) -> None:
        self._seen: Counter[str] = Counter()

    def __call__(self, machine_path: str, fingerprint: str) -> str:
        key = f"{machine_path}\n{fingerprint}"
        self._seen[key] += 1
        return hashlib.sha256(f"{key}\n{self._seen[key]}".encode()).hexdigest()[:32]


# JSON as the machine formats write it, one item at a time: one encoder for them all
# (`json.dumps` with an option makes a new one for each call, thousands a large report).
as_json = json.JSONEncoder(ensure_ascii=False).encode


class MachineReporter(Reporter):
    """A reporter for machines: names files with `paths`, and never colours."""

    def __init__(self, stream: TextIO, color: bool = False, paths: MachinePaths | None = None):
        super().__init__(stream, False)
        self.paths = paths or MachinePaths()

    def message(self, d: Diagnostic) -> str:
        """The message, with the other places it names as machine paths, for formats that
        have no field of their own for them."""
        return with_related(d, self.paths)
