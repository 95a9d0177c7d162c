"""The cache folder as wwrlint's own: made and marked by wwrlint, recognised by that mark,
and cleaned of exactly the files wwrlint makes there, never of anything else.

The mark is a `CACHEDIR.TAG` (the Cache Directory Tagging convention, which backup tools
honour) that names wwrlint; a `.gitignore` with the text wwrlint writes marks the folders of
releases that came before the tag. A folder that holds nothing but files of wwrlint's names
and contents (as a cache does in the instant between being made and being marked, or while
`clean` runs beside a check) is wwrlint's too. Anything else is not a cache: a check goes on
without one, and `clean` refuses it.
"""

from __future__ import annotations

import contextlib
import os
import stat
from dataclasses import dataclass, field

from wwrlint import store
from wwrlint.errors import ToolError

DATABASE = "cache.sqlite"
TAG = "CACHEDIR.TAG"
TAG_TEXT = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by wwrlint.\n"
    "# For information about cache directory tags, see https://bford.info/cachedir/\n"
)
IGNORE = ".gitignore"
IGNORE_TEXT = "# Created by wwrlint: the cache is not for version control.\n*\n"
_JOURNALS = tuple(DATABASE + suffix for suffix in ("-wal", "-shm", "-journal"))
# Files of the caches of earlier releases, wwrlint's only in a marked folder.
_EARLIER = ("results.json", "results.bin", "lock")


@dataclass(eq=False, repr=False)
class Contents:
    """What a folder holds, as wwrlint sees it: its own files, and the others."""

    marked: bool = False
    own: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)

    @property
    def is_cache(self) -> bool:
        return self.marked or not self.others


def claim(folder: str) -> str | None:
    """Make `folder` a marked cache folder if it is none yet and may be one; None when it is
    wwrlint's cache, else why not (the run then goes on without a cache).

    Raises OSError when the folder cannot be made or marked."""
    try:
        os.makedirs(folder)
    except FileExistsError:
        try:
            contents = survey(folder)
        except NotADirectoryError:
            return f"{folder}: not a folder; checking without the cache"
        if not contents.is_cache:
            return f"{folder}: {_not_a_cache(contents)}; checking without the cache"
        if contents.marked:
            return None
    _write_new(os.path.join(folder, TAG), TAG_TEXT)
    _write_new(os.path.join(folder, IGNORE), IGNORE_TEXT)
    return None


def _write_new(path: str, text: str) -> None:
    with contextlib.suppress(FileExistsError), open(path, "x", encoding="utf-8") as handle:
        handle.write(text)


def survey(folder: str) -> Contents:
    """Sort a folder's entries into wwrlint's and the others.

    Raises OSError (NotADirectoryError among them) when it cannot be listed."""
    contents = Contents()
    contents.marked = _holds(folder, TAG, TAG_TEXT) or _holds(folder, IGNORE, IGNORE_TEXT)
    # Looked into before listing: opening the database may add its journal files.
    database_is_ours = contents.marked or _database_is_ours(os.path.join(folder, DATABASE))
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if name == TAG:
            ours = _holds(folder, name, TAG_TEXT, prefix=True)
        elif name == IGNORE:
            ours = _holds(folder, name, IGNORE_TEXT, prefix=True)
        elif name == DATABASE or name in _JOURNALS:
            ours = _is_file(path) and database_is_ours
        else:
            ours = contents.marked and name in _EARLIER and _is_file(path)
        (contents.own if ours else contents.others).append(name)
    return contents


def _holds(folder: str, name: str, text: str, prefix: bool = False) -> bool:
    """Whether the file `name` holds `text` (or, as one being written, the start of it)."""
    path = os.path.join(folder, name)
    if not _is_file(path):
        return False
    try:
        with open(path, "rb") as handle:
            found = handle.read(len(text) + 1)
    except OSError:
        return False
    expected = text.encode()
    return expected.startswith(found) if prefix else found == expected


def _is_file(path: str) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _database_is_ours(path: str) -> bool:
    """Whether the database file is one wwrlint made: missing, empty (just made), or a
    database with wwrlint's tables or none yet."""
    try:
        size = os.lstat(path).st_size
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return size == 0 or store.is_wwrlint_database(path)


def _not_a_cache(contents: Contents) -> str:
    first, more = contents.others[0], len(contents.others) - 1
    also = f" and {more} other {'entry' if more == 1 else 'entries'}" if more else ""
    return f"not a wwrlint cache folder (it holds {first}{also} that wwrlint did not make)"


@dataclass(eq=False, repr=False)
class Cleaned:
    """What `clean` did: the files it removed, the others it kept, whether the folder went."""

    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    folder_removed: bool = False
    existed: bool = True


def clean(folder: str) -> Cleaned:
    """Remove wwrlint's files from its cache folder, and the folder when nothing else is in
    it. Runs may be using the cache meanwhile: a file that goes (SQLite removes its journals
    when a run closes the database) or comes while this runs is no error.

    Raises ToolError, removing nothing, for a folder that is not a wwrlint cache."""
    try:
        contents = survey(folder)
    except FileNotFoundError:
        return Cleaned(existed=False)
    except NotADirectoryError:
        raise ToolError(f"{folder}: not a folder, so no wwrlint cache; nothing removed") from None
    except OSError as error:
        raise ToolError(f"{folder}: cannot read: {error.strerror or error}") from None
    if not contents.is_cache:
        raise ToolError(f"{folder}: {_not_a_cache(contents)}; nothing removed")
    if not contents.own:
        return Cleaned()  # an empty folder: nothing shows that wwrlint made it
    cleaned = Cleaned(kept=contents.others)
    # The marks go last, so that a folder is never left holding the database unmarked.
    order = {name: rank for rank, name in enumerate((*_JOURNALS, DATABASE, IGNORE, TAG))}
    for name in sorted(contents.own, key=lambda name: order.get(name, -1)):
        try:
            os.remove(os.path.join(folder, name))
        except FileNotFoundError:
            continue
        except OSError:
            cleaned.kept.append(name)
            continue
        cleaned.removed.append(name)
    if not contents.others:
        with contextlib.suppress(OSError):
            os.rmdir(folder)
            cleaned.folder_removed = True
    return cleaned
