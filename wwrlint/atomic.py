"""Write a file so that it appears whole or not at all, keeping the old file's mode."""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO, TextIO

from wwrlint.errors import ToolError


def write_atomically(path: str, data: bytes) -> None:
    """Replace `path` with `data`, whole or not at all, keeping the file's mode."""
    with _atomic(path) as handle:
        handle.write(data)


@contextmanager
def atomic_text(path: str) -> Iterator[TextIO]:
    """A text handle (UTF-8, line ends as written) for a file that appears whole."""
    with _atomic(path) as handle:
        text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
        yield text
        text.flush()
        text.detach()  # the binary handle stays open for _atomic to sync and close


@contextmanager
def _atomic(path: str) -> Iterator[BinaryIO]:
    """A handle to write `path` through: the content lands by one rename at the end, or,
    if anything fails, the old file (if any) stays as it was."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise ToolError(f"{path}: cannot write: {error.strerror or error}") from None
    import tempfile

    try:
        descriptor, temporary = tempfile.mkstemp(
            dir=folder, prefix=f".{os.path.basename(path)}.", suffix=".tmp"
        )
    except OSError as error:
        raise ToolError(f"{path}: cannot write: {error.strerror or error}") from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except OSError as error:
        raise ToolError(f"{path}: cannot write: {error.strerror or error}") from None
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)
