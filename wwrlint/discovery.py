"""Turn the paths given on the command line into the brief files to check."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

BRIEF_SUFFIXES = (".yaml", ".yml")


@dataclass(eq=False, repr=False)
class Discovery:
    """The files found, in a stable order, and the paths that could not be used."""

    files: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    excluded: int = 0


def is_brief_name(name: str) -> bool:
    return name.endswith(BRIEF_SUFFIXES) and not name.startswith(".")


# Whether a path (a file, or a folder when the flag says so) is left out.
Skip = Callable[[str, bool], bool]
# Whether no file directly in a folder can be left out, so that a walk need not ask of each.
KeepsAll = Callable[[str], bool]


def _keep(path: str, is_folder: bool) -> bool:
    return False


def _ask(folder: str) -> bool:
    return False


def discover(
    paths: Sequence[str],
    excluded: Skip = _keep,
    ignored: Skip = _keep,
    absolute: Callable[[str], str] = os.path.abspath,
    keeps_all: KeepsAll = _ask,
) -> Discovery:
    """Files named directly are taken as they are; folders give every *.yaml and *.yml
    below them, skipping hidden files and folders and what git ignores (`ignored`).
    Paths the configuration excludes are left out, named or found. Each file is listed
    once (`absolute` is `os.path.abspath`, or a quicker equal). Of a folder `keeps_all`
    vouches for, no file is asked about."""
    found = Discovery()
    seen: set[str] = set()

    def add(path: str, link: bool) -> None:
        # Only a link can be a second name for a file already found: resolve those alone.
        key = os.path.normcase(os.path.realpath(path) if link else absolute(path))
        if key not in seen:
            seen.add(key)
            found.files.append(path)

    def skip(path: str, is_folder: bool) -> bool:
        if excluded(path, is_folder):
            found.excluded += 1
            return True
        return ignored(path, is_folder)

    for path in paths:
        if os.path.isdir(path):
            for file_path, link in _walk(path, found, skip, keeps_all=keeps_all):
                add(file_path, link)
        elif os.path.isfile(path):
            if excluded(path, False):
                found.excluded += 1
            else:
                add(path, True)
        elif os.path.islink(path):
            found.errors.append(f"{display(path)}: a symbolic link to nothing that exists")
        elif os.path.lexists(path):
            found.errors.append(f"{display(path)}: not a regular file or folder")
        else:
            found.missing.append(path)
    return found


def walk(top: str, folders: list[str] | None = None, skip: Skip = _keep) -> list[tuple[str, bool]]:
    """(path, is a symbolic link) of every brief below `top`, as `discover` finds them,
    but those `skip` leaves out; folders that cannot be read are passed over. The folders
    read are added to `folders`."""
    return _walk(top, Discovery(), skip, folders)


def _walk(
    top: str,
    found: Discovery,
    skip: Skip,
    folders: list[str] | None = None,
    keeps_all: KeepsAll = _ask,
) -> list[tuple[str, bool]]:
    """(path, is a symbolic link) of every brief below `top`, folder by folder in name
    order; links to folders are not followed."""
    files: list[tuple[str, bool]] = []
    pending = [top]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as error:
            found.errors.append(f"{display(folder)}: cannot read folder: {error.strerror}")
            continue
        if folders is not None:
            folders.append(folder)
        subfolders = []
        ask = not keeps_all(folder)  # of each file here (a folder is always asked about)
        for entry in entries:
            if entry.name.startswith("."):
                continue
            # Below the current folder, paths read as people write them: no leading "./".
            path = entry.name if folder == os.curdir else entry.path
            if entry.is_dir(follow_symlinks=False):
                if not skip(path, True):
                    subfolders.append(path)
            elif is_brief_name(entry.name) and not (ask and skip(path, False)):
                files.append((path, entry.is_symlink()))
        pending.extend(reversed(subfolders))
    return files


def display(path: str) -> str:
    """A path as it can be printed: bytes that are not UTF-8 shown as U+FFFD."""
    if path.isascii():  # the usual path, as it is (asked of every file of a run)
        return path
    return os.fsencode(path).decode("utf-8", "replace")


# No brief comes near this; a larger file is refused before it is read or parsed.
MAX_BRIEF_BYTES = 4 * 1024 * 1024


def read_brief(path: str, limit: int = MAX_BRIEF_BYTES) -> bytes:
    """A file's bytes; never blocks on a FIFO or a device, never reads past `limit`.

    Raises OSError with a plain reason."""
    return read_with_stat(path, limit)[0]


def read_with_stat(path: str, limit: int = MAX_BRIEF_BYTES) -> tuple[bytes, os.stat_result]:
    """A file's bytes, as `read_brief`, and the stat of the open file taken before reading
    it: any write after that stat changes it, so it never stands for newer content than
    was read."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    descriptor = os.open(path, flags)
    try:
        before = os.fstat(descriptor)
        if not stat.S_ISREG(before.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        chunks, size = [], 0
        while size <= limit and (chunk := os.read(descriptor, 1 << 20)):
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise OSError(
                errno.EFBIG, f"larger than {limit // (1024 * 1024)} MB, too large for a brief"
            )
        return b"".join(chunks), before
    finally:
        os.close(descriptor)
