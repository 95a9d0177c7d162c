"""Turn the paths given on the command line into the brief files to check."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

BRIEF_SUFFIXES = (".yaml", ".yml")


@dataclass
class Discovery:
    """The files found, in a stable order, and the paths that could not be used."""

    files: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    excluded: int = 0


def is_brief_name(name: str) -> bool:
    return name.endswith(BRIEF_SUFFIXES) and not name.startswith(".")


def discover(paths: Sequence[str], excluded: Callable[[str], bool] = lambda _: False) -> Discovery:
    """Files named directly are taken as they are; folders give every *.yaml and *.yml
    below them, skipping hidden files and folders. Paths the configuration excludes are
    left out, named or found. Each file is listed once."""
    found = Discovery()
    seen: set[str] = set()

    def add(path: str) -> None:
        if excluded(path):
            found.excluded += 1
            return
        key = os.path.normcase(os.path.realpath(path))
        if key not in seen:
            seen.add(key)
            found.files.append(path)

    for path in paths:
        if os.path.isdir(path):
            for file_path in _walk(path, found, excluded):
                add(file_path)
        elif os.path.isfile(path):
            add(path)
        elif os.path.islink(path):
            found.errors.append(f"{display(path)}: a symbolic link to nothing that exists")
        elif os.path.lexists(path):
            found.errors.append(f"{display(path)}: not a regular file or folder")
        else:
            found.missing.append(path)
    return found


def _walk(top: str, found: Discovery, excluded: Callable[[str], bool]) -> list[str]:
    def on_error(error: OSError) -> None:
        found.errors.append(f"{display(error.filename)}: cannot read folder: {error.strerror}")

    files: list[str] = []
    for folder, subfolders, names in os.walk(top, onerror=on_error):
        kept = []
        for name in sorted(subfolders):
            if name.startswith("."):
                continue
            if excluded(os.path.join(folder, name)):
                found.excluded += 1
            else:
                kept.append(name)
        subfolders[:] = kept
        files.extend(os.path.join(folder, name) for name in sorted(names) if is_brief_name(name))
    return files


def display(path: str) -> str:
    """A path as it can be printed: bytes that are not UTF-8 shown as U+FFFD."""
    return os.fsencode(path).decode("utf-8", "replace")


# No brief comes near this; a larger file is refused before it is read or parsed.
MAX_BRIEF_BYTES = 4 * 1024 * 1024


def read_brief(path: str, limit: int = MAX_BRIEF_BYTES) -> bytes:
    """A file's bytes; never blocks on a FIFO or a device, never reads past `limit`.

    Raises OSError with a plain reason."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    descriptor = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        chunks, size = [], 0
        while size <= limit and (chunk := os.read(descriptor, 1 << 20)):
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise OSError(
                errno.EFBIG, f"larger than {limit // (1024 * 1024)} MB, too large for a brief"
            )
        return b"".join(chunks)
    finally:
        os.close(descriptor)
