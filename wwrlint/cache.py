"""The result cache: a brief that has not changed since it was last checked, under the same
settings, schema and wwrlint version, is not checked again.

A file is known unchanged when its size, modification and change times and inode are as
recorded (the change time moves on every write, whatever the modification time is set to)
and it was last modified well before the record was made (so an edit in the same instant
cannot hide); otherwise its content hash decides. The cache is one file, replaced
atomically: a marshal payload behind its SHA-256, so that a file that does not match its
checksum is ignored and rebuilt, never trusted. Several processes may update it at once
(under a lock where the system has one).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict
from typing import Any

from wwrlint import __version__
from wwrlint.archive import BriefEntry
from wwrlint.atomic import write_atomically
from wwrlint.config import Settings
from wwrlint.diagnostics import Diagnostic, Fix, Span
from wwrlint.errors import ToolError

DEFAULT_FOLDER = ".wwrlint_cache"
_FILE = "results.bin"
_MAGIC = b"wwrlint cache\n"
_FORMAT = 4
# A file modified this close to the moment it was checked is hashed, not trusted by stat.
_RACY_SECONDS = 2.0


def content_hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def settings_key(settings: Settings, path: str) -> str:
    """What of the settings changes a file's diagnostics (not how they are reported)."""
    relevant = [
        sorted(settings.enabled_for(path)),
        sorted(settings.severity),
        settings.require_suppression_reason,
    ]
    return hashlib.sha256(json.dumps(relevant).encode()).hexdigest()[:16]


def _salt() -> str:
    from wwrlint.schema import schema_text

    schema = hashlib.sha256(schema_text().encode()).hexdigest()[:16]
    return f"{__version__}/{schema}"


def _entry(path: str, summary: list[Any] | None, digest: str) -> BriefEntry | None:
    """A brief's archive entry as the cache keeps it (with its digest, not recomputed)."""
    if summary is None:
        return None
    entry = BriefEntry(path, *summary)
    entry.__dict__["digest"] = digest  # a cached_property, filled in ahead
    return entry


def _stat_key(stat: os.stat_result) -> list[int]:
    return [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]


def _settled(stat: os.stat_result, checked_at: float) -> bool:
    """Whether the file was last changed well before it was looked at."""
    return max(stat.st_mtime_ns, stat.st_ctime_ns) / 1e9 < checked_at - _RACY_SECONDS


def _to_json(d: Diagnostic) -> list[Any]:
    fix = [d.fix.description, d.fix.value] if d.fix is not None else None
    pointer = list(d.pointer) if d.pointer is not None else None
    return [
        asdict(d.span),
        d.rule,
        d.code,
        d.severity,
        d.message,
        pointer,
        d.context,
        d.fingerprint,
        fix,
    ]


def _from_json(path: str, item: list[Any]) -> Diagnostic:
    span, rule, code, severity, message, pointer, context, fingerprint, fix = item
    return Diagnostic(
        path,
        Span(**span),
        rule,
        code,
        severity,
        message,
        tuple(pointer) if pointer is not None else None,
        context,
        fingerprint,
        Fix(*fix) if fix is not None else None,
    )


class Cache:
    """Cached diagnostics by absolute path; `save` merges this run's records into the file."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.salt = _salt()
        self.entries, self.summaries = self._read()
        self.updated: dict[str, list[Any]] = {}
        self.updated_summaries: dict[str, list[Any]] = {}

    def _read(self) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
        try:
            with open(os.path.join(self.folder, _FILE), "rb") as handle:
                content = handle.read()
            if not content.startswith(_MAGIC):
                return {}, {}
            checksum, payload = content[len(_MAGIC) : len(_MAGIC) + 32], content[len(_MAGIC) + 32 :]
            if hashlib.sha256(payload).digest() != checksum:
                return {}, {}  # torn or tampered: not to be trusted
            document = marshal.loads(payload)
            if document["format"] != _FORMAT or document["salt"] != self.salt:
                return {}, {}
            entries, summaries = document["entries"], document["summaries"]
            if not isinstance(entries, dict) or not isinstance(summaries, dict):
                return {}, {}
            return entries, summaries
        except (OSError, ValueError, KeyError, TypeError, EOFError):
            return {}, {}  # missing, corrupt or from another version: start afresh

    def summaries_for(
        self, paths: list[str], read: Callable[[list[str]], list[BriefEntry | None]]
    ) -> list[BriefEntry | None]:
        """What the archive knows of each brief: from the cache while a file is unchanged,
        else by `read` (whose results are remembered)."""
        known: dict[str, BriefEntry | None] = {}
        for path in paths:
            entry = self.summaries.get(os.path.abspath(path))
            try:
                stat = os.stat(path)
                if entry is not None and entry[:4] == _stat_key(stat) and _settled(stat, entry[4]):
                    known[path] = _entry(path, entry[5], entry[6])
            except (OSError, ValueError, TypeError):
                continue
        missing = [path for path in paths if path not in known]
        for path, found in zip(missing, read(missing), strict=True):
            known[path] = found
            with contextlib.suppress(OSError):
                summary = [found.id, found.date, found.sources] if found is not None else None
                digest = found.digest if found is not None else ""
                stamp = [*_stat_key(os.stat(path)), time.time(), summary, digest]
                self.updated_summaries[os.path.abspath(path)] = stamp
        return [known[path] for path in paths]

    def by_stat(self, path: str, shown: str, key: str) -> list[Diagnostic] | None:
        """The cached diagnostics if the file is unchanged by its stat, else None."""
        entry = self.entries.get(os.path.abspath(path))
        if entry is None:
            return None
        try:
            stat = os.stat(path)
            size, mtime, ctime, inode, checked_at, _, settings, diagnostics = entry
            if (
                settings == key
                and stat.st_size == size
                and stat.st_mtime_ns == mtime
                and stat.st_ctime_ns == ctime
                and stat.st_ino == inode
                and max(mtime, ctime) / 1e9 < checked_at - _RACY_SECONDS
            ):
                return [_from_json(shown, item) for item in diagnostics]
        except (OSError, ValueError, TypeError):
            return None
        return None

    def digest_of(self, path: str, key: str) -> str | None:
        """The content hash recorded for a file checked under these settings."""
        entry = self.entries.get(os.path.abspath(path))
        if isinstance(entry, list) and len(entry) == 8 and entry[6] == key:
            return str(entry[5])
        return None

    def by_content(self, path: str, shown: str, key: str, digest: str) -> list[Diagnostic] | None:
        """The cached diagnostics if the file's content is as recorded, else None."""
        entry = self.entries.get(os.path.abspath(path))
        try:
            if entry is not None and entry[5] == digest and entry[6] == key:
                found = [_from_json(shown, item) for item in entry[7]]
                self.record(path, digest, key, found)  # the stat changed, not the content
                return found
        except (ValueError, TypeError, IndexError):
            return None
        return None

    def record(self, path: str, digest: str, key: str, diagnostics: list[Diagnostic]) -> None:
        try:
            stat = os.stat(path)
        except OSError:
            return
        self.updated[os.path.abspath(path)] = [
            stat.st_size,
            stat.st_mtime_ns,
            stat.st_ctime_ns,
            stat.st_ino,
            time.time(),
            digest,
            key,
            [_to_json(d) for d in diagnostics],
        ]

    def save(self) -> None:
        """Merge this run's records into the cache file, whole or not at all."""
        if not self.updated and not self.updated_summaries:
            return
        try:
            os.makedirs(self.folder, exist_ok=True)
            ignore = os.path.join(self.folder, ".gitignore")
            if not os.path.exists(ignore):
                with open(ignore, "w", encoding="utf-8") as handle:
                    handle.write("# Created by wwrlint: the cache is not for version control.\n*\n")
            with _locked(self.folder):
                entries, summaries = self._read()
                entries.update(self.updated)
                summaries.update(self.updated_summaries)
                document = {
                    "format": _FORMAT,
                    "salt": self.salt,
                    "entries": entries,
                    "summaries": summaries,
                }
                payload = marshal.dumps(document)
                content = _MAGIC + hashlib.sha256(payload).digest() + payload
                write_atomically(os.path.join(self.folder, _FILE), content)
        except (OSError, ToolError):
            pass  # a cache that cannot be written only costs time next run


@contextlib.contextmanager
def _locked(folder: str) -> Iterator[None]:
    """An exclusive lock on the cache folder where the system offers one."""
    try:
        import fcntl
    except ImportError:  # no flock: atomic replacement alone keeps the file whole
        yield
        return
    with open(os.path.join(folder, "lock"), "w", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def clean(folder: str) -> int:
    """Delete a cache folder's files; return how many were removed."""
    removed = 0
    if not os.path.isdir(folder):
        return 0
    for name in os.listdir(folder):
        target = os.path.join(folder, name)
        if os.path.isfile(target):
            os.remove(target)
            removed += 1
    with contextlib.suppress(OSError):
        os.rmdir(folder)
    return removed
