"""Write a file so that it appears whole or not at all, and only where a write keeps the
file system as the user made it.

A write goes to a temporary file beside the target, which is renamed over it at the end.
Right before that rename the target is examined again: it must be a regular file (a
symbolic link is written through, to its target, and stays a link), one this user may
write, with no second hard link that the rename would split; its owner, group, mode and
extended attributes go to the new file, or the write is refused. A caller that read the
file gives the bytes it read, and a file that changed since is not overwritten.

Temporary files are named `.NAME.wwrlint-PID-XXXXXXXX.tmp`. SIGINT, SIGTERM and SIGHUP are
held while one is made, renamed or removed, so that a run stopped by them (see
`wwrlint.cli`) removes its own; a run killed outright may leave one, and the next write
into that folder removes those whose process is gone, and nothing else.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import stat
from collections.abc import Iterator
from typing import BinaryIO, TextIO

from wwrlint.errors import ToolError
from wwrlint.stopping import holding_signals

_MARK = "wwrlint"
_TEMPORARY = re.compile(r"\..+\." + _MARK + r"-([0-9]+)-[a-z0-9_]{8}\.tmp", re.DOTALL)
# The temporary files this process has made and not yet renamed or removed.
_LIVE: set[str] = set()
# Folders this process has already cleared of stale temporary files.
_SWEPT: set[str] = set()


def write_atomically(
    path: str, data: bytes, expected: bytes | None = None, *, replace: bool = True
) -> None:
    """Write `data` to `path` (through a symbolic link, to its target), whole or not at all.

    `expected` is what the caller read from `path`: a file that no longer holds it is left
    alone. With `replace=False` an existing file is refused. Raises ToolError, leaving the
    file as it was, whenever the write would not be safe (see the module)."""
    with _atomic(path, replace, expected) as handle:
        handle.write(data)


@contextlib.contextmanager
def atomic_text(path: str, *, replace: bool = True) -> Iterator[TextIO]:
    """A text handle (UTF-8, line ends as written) for a file that appears whole; the
    target is examined before anything is written (see `check_target`) and again at the end."""
    with _atomic(path, replace, None) as handle:
        text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
        yield text
        text.flush()
        text.detach()  # the binary handle stays open for _atomic to sync and close


def check_target(path: str, replace: bool) -> None:
    """Raise ToolError now if writing `path` would be refused, before any work is done."""
    _examine(path, replace)


def may_write(path: str) -> bool:
    """Whether this user may change the file at `path`: the system says so (`os.access`,
    which knows groups, ACLs and read-only mounts) and the file has a write bit at all (root
    may write anything, but a file without one was made read-only on purpose)."""
    try:
        return _may_write(path, os.stat(path))
    except OSError:
        return False


def _may_write(path: str, status: os.stat_result) -> bool:
    effective = os.access in os.supports_effective_ids
    return bool(status.st_mode & 0o222) and os.access(path, os.W_OK, effective_ids=effective)


def _examine(path: str, replace: bool) -> tuple[str, os.stat_result | None]:
    """The file a write to `path` lands in, and its status (None when there is none yet)."""
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return os.path.abspath(path), None
    except OSError as error:
        raise _cannot(path, error) from None
    target = os.path.abspath(path)
    if stat.S_ISLNK(status.st_mode):
        target = os.path.realpath(path)
        try:
            status = os.stat(target)
        except FileNotFoundError:
            raise ToolError(f"{path}: links to {target}, which does not exist") from None
        except OSError as error:
            raise _cannot(path, error) from None
    if not stat.S_ISREG(status.st_mode):
        kind = _kind(status.st_mode)
        raise ToolError(f"{path}: {kind}, not a regular file; wwrlint writes only regular files")
    if not replace:
        raise ToolError(f"{path}: already exists; add --force to replace it")
    if not _may_write(target, status):
        raise ToolError(f"{path}: read-only for this user; left as it is")
    if status.st_nlink > 1:
        raise ToolError(
            f"{path}: has {status.st_nlink} hard links; replacing it would split them, "
            "so it is left as it is"
        )
    return target, status


def _kind(mode: int) -> str:
    kinds = [
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
    ]
    return next((name for test, name in kinds if test(mode)), "a special file")


def _cannot(path: str, error: OSError) -> ToolError:
    return ToolError(f"{path}: cannot write: {error.strerror or error}")


@contextlib.contextmanager
def _atomic(path: str, replace: bool, expected: bytes | None) -> Iterator[BinaryIO]:
    """A handle to write `path` through: the content lands by one rename at the end, or,
    if anything fails or is refused, the old file (if any) stays as it was."""
    target, _ = _examine(path, replace)
    folder = os.path.dirname(target)
    sweep(folder)
    name = os.path.basename(target)[:100]  # room for the suffix within a name's 255 bytes
    with holding_signals():
        try:
            import tempfile  # only when writing: it imports shutil and random

            descriptor, temporary = tempfile.mkstemp(
                dir=folder, prefix=f".{name}.{_MARK}-{os.getpid()}-", suffix=".tmp"
            )
        except OSError as error:
            raise _cannot(path, error) from None
        _LIVE.add(temporary)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        with holding_signals():
            _land(path, temporary, replace, expected)
    except OSError as error:
        raise _cannot(path, error) from None
    finally:
        with holding_signals():
            if temporary in _LIVE:
                _LIVE.discard(temporary)
                with contextlib.suppress(FileNotFoundError):
                    os.remove(temporary)


def _land(path: str, temporary: str, replace: bool, expected: bytes | None) -> None:
    """Rename the written temporary file over `path`'s target, if that is still safe."""
    target, status = _examine(path, replace)
    if expected is not None:
        if status is None:
            raise ToolError(f"{path}: removed since wwrlint read it; not written again")
        with open(target, "rb") as handle:
            if handle.read(len(expected) + 1) != expected:
                raise ToolError(f"{path}: changed on disk since wwrlint read it; left as it is")
    if status is None:
        _give_default_mode(temporary)
        _create(path, temporary, target, replace)
    else:
        _dress(path, temporary, target, status)
        os.replace(temporary, target)
    _LIVE.discard(temporary)


def _create(path: str, temporary: str, target: str, replace: bool) -> None:
    """Give the temporary file the target's name, where no file was; without `replace`, by
    a hard link, which fails rather than replace a file that appeared meanwhile."""
    if replace:
        os.replace(temporary, target)
        return
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise ToolError(f"{path}: already exists; add --force to replace it") from None
    except OSError:  # a file system without hard links: look, then rename
        if os.path.lexists(target):
            raise ToolError(f"{path}: already exists; add --force to replace it") from None
        os.replace(temporary, target)
        return
    os.remove(temporary)


def _give_default_mode(temporary: str) -> None:
    """The mode a new file gets from the user's umask (mkstemp makes it private)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temporary, 0o666 & ~umask)


def _dress(path: str, temporary: str, target: str, status: os.stat_result) -> None:
    """Give the new file the old one's owner, group, mode and extended attributes."""
    mine = os.stat(temporary)
    if (mine.st_uid, mine.st_gid) != (status.st_uid, status.st_gid):
        try:
            os.chown(temporary, status.st_uid, status.st_gid)
        except PermissionError:
            raise ToolError(
                f"{path}: belongs to another user or group (uid {status.st_uid}, gid "
                f"{status.st_gid}); replacing it would change that, so it is left as it is"
            ) from None
    os.chmod(temporary, stat.S_IMODE(status.st_mode))  # after chown, which clears set-id bits
    _copy_attributes(path, target, temporary)


def _copy_attributes(path: str, target: str, temporary: str) -> None:
    """Extended attributes (ACLs among them) go to the new file; only security labels,
    which the system gives a new file itself and a user may not set, may be left out."""
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(target)
    except OSError:  # a file system without extended attributes
        return
    for attribute in names:
        try:
            os.setxattr(temporary, attribute, os.getxattr(target, attribute))
        except OSError:
            if not attribute.startswith("security."):
                raise ToolError(
                    f"{path}: cannot keep its extended attribute {attribute}; left as it is"
                ) from None


def sweep(folder: str) -> int:
    """Remove the temporary files that killed wwrlint runs left in `folder` (named as this
    module names them, by a process that is gone); once per folder and process. Returns
    how many were removed."""
    key = os.path.abspath(folder)
    if key in _SWEPT:
        return 0
    _SWEPT.add(key)
    removed = 0
    for entry in left_by_gone_runs(folder, _TEMPORARY):
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False):
                os.remove(entry.path)
                removed += 1
    return removed


def left_by_gone_runs(folder: str, named: re.Pattern[str]) -> list[os.DirEntry[str]]:
    """The entries of `folder` whose name `named` matches, its first group the process id
    of the run that made them, where that process is gone."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    return [
        entry
        for entry in entries
        if (found := named.fullmatch(entry.name)) is not None and not alive(int(found.group(1)))
    ]


def alive(pid: int) -> bool:
    """Whether process `pid` may still be running (when in doubt, it is)."""
    if pid <= 0 or pid == os.getpid():
        return pid > 0
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True  # another user's process, or a number no process can have
    return True


def remove_temporary_files() -> None:
    """Remove the temporary files this process is writing (when it is being stopped)."""
    with holding_signals():
        for temporary in list(_LIVE):
            _LIVE.discard(temporary)
            with contextlib.suppress(OSError):
                os.remove(temporary)
