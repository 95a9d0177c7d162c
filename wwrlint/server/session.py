"""What the server knows between requests: the open buffers, the settings and archives that
apply to them (found and opened as `wwrlint check` finds and opens them, with the same
cache), and the diagnostics of a buffer against the archive on disk plus the other buffers.

A session is used from one thread only: the archive index's database connections belong to
the thread that opened them."""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from typing import Any

from wwrlint import store
from wwrlint.archive.model import Archive, BriefEntry, Published
from wwrlint.archive.update import Archives
from wwrlint.config import ConfigFinder, Settings
from wwrlint.diagnostics import Diagnostic
from wwrlint.discovery import MAX_BRIEF_BYTES, read_brief
from wwrlint.errors import ToolError
from wwrlint.loading import Document, load
from wwrlint.scope import Finder
from wwrlint.server.overlay import Entries, Overlay, real


@dataclass
class Buffer:
    """An open document: its text as the editor has it, and the file it edits (None for a
    buffer that is no file, such as an untitled one)."""

    uri: str
    path: str | None
    text: str
    version: int | None = None
    # The archive's view of the text (brief entry, or roster or catalogue data), by digest.
    _known: tuple[str, Any] | None = field(default=None, repr=False)

    @property
    def content(self) -> bytes:
        return self.text.encode("utf-8", "surrogatepass")

    @property
    def name(self) -> str:
        """The path diagnostics are computed for, as `wwrlint check --stdin-filename` would
        be given it."""
        return self.path if self.path is not None else "-"


@dataclass(frozen=True)
class Checked:
    """A buffer's diagnostics, for the version of its text they were computed from; a
    problem that kept it from being checked (a configuration that cannot be used)."""

    version: int | None
    diagnostics: list[Diagnostic]
    problem: str | None = None


class Session:
    """The buffers and archives of one server. `cache_dir` is the cache folder of
    `wwrlint check` (None: no cache, as `--no-cache`)."""

    def __init__(self, cache_dir: str | None) -> None:
        self.cache_dir = cache_dir
        self.buffers: dict[str, Buffer] = {}
        self._finder: Finder | None = None
        self._archives: Archives | None = None
        self._disk: dict[str, tuple[tuple[int, ...], str, BriefEntry | None]] = {}
        self.refreshed = 0.0
        self._last_data: dict[str, Any] = {}
        # Why the cache folder is not used (it is not wwrlint's), as `check` warns.
        self.warning: str | None = None

    # The files on disk ------------------------------------------------------------------

    @property
    def finder(self) -> Finder:
        if self._finder is None:
            self._finder = Finder(ConfigFinder())
        return self._finder

    @property
    def archives(self) -> Archives:
        if self._archives is None:
            database = None
            if self.cache_dir is not None:
                from wwrlint.cache import Cache

                cache = Cache(self.cache_dir)  # makes the folder, as `wwrlint check` does
                if cache.database is not None:
                    database = cache.path
                self.warning = getattr(cache, "refused", None)  # (a newer Cache says why)
                cache.save()
            self._archives = self.finder.archives(database, 1)
            self.refreshed = time.monotonic()
        return self._archives

    def refresh(self) -> list[str]:
        """Read the configuration and the archives' files again (something changed on
        disk); the buffers whose findings may have changed with them."""
        before = self._fingerprints()
        self.close()
        after = self._fingerprints()
        return [uri for uri, mark in after.items() if before.get(uri) != mark]

    def _fingerprints(self) -> dict[str, str]:
        """What each open buffer's findings rest on besides its text: its settings and
        its archive on disk."""
        found: dict[str, str] = {}
        for uri, buffer in list(self.buffers.items()):
            try:
                archive = self.base_archive(buffer)
                settings = self.settings(buffer)
            except (ToolError, store.Error) as error:
                found[uri] = str(error)
                continue
            mark = f"{settings!r}\n{archive.folder}\n{archive.fingerprint}" if archive else ""
            found[uri] = mark or repr(settings)
        return found

    def close(self) -> None:
        if self._archives is not None:
            self._archives.close()
        self._archives = None
        self._finder = None
        self._disk.clear()

    def settings(self, buffer: Buffer) -> Settings:
        return self.finder.config.for_path(buffer.path or ".")

    def base_archive(self, buffer: Buffer) -> Archive | None:
        """The archive of a buffer's file as the index has it."""
        return self.archives.of(buffer.path) if buffer.path is not None else None

    def _on_disk(self, path: str) -> tuple[str, BriefEntry | None] | None:
        """A file's content hash and brief entry on disk (None when it cannot be read)."""
        from wwrlint.archive.summary import summary_of

        try:
            key = store.stat_key(os.stat(path))
            known = self._disk.get(path)
            if known is not None and known[0] == key:
                return known[1], known[2]
            content = read_brief(path)
        except OSError:
            return None
        digest = hashlib.sha256(content).hexdigest()
        self._disk[path] = (key, digest, summary_of(path, content))
        return digest, self._disk[path][2]

    # The buffers --------------------------------------------------------------------------

    def put(self, uri: str, path: str | None, text: str, version: int | None) -> list[str]:
        """Open or change a buffer; the buffers to check again: it, and the open briefs
        whose findings depend on what it changed."""
        old = self.buffers.get(uri)
        buffer = Buffer(uri, path, text, version)
        before = self._view(old) if old is not None else None
        self.buffers[uri] = buffer
        return [uri, *self._dependents(buffer, before, self._view(buffer))]

    def drop(self, uri: str) -> list[str]:
        """Close a buffer; the open briefs to check again now that its file on disk stands
        for it."""
        buffer = self.buffers.pop(uri, None)
        self._last_data.pop(uri, None)
        if buffer is None or buffer.path is None:
            return []
        self.buffers[uri] = buffer  # to learn what depends on it
        try:
            disk = self._on_disk(buffer.path)
            on_disk = (disk[0], disk[1]) if disk is not None else None
            kept = self._dependents(buffer, self._view(buffer), on_disk)
        finally:
            del self.buffers[uri]
        return kept

    def _role(self, buffer: Buffer) -> str:
        try:
            archive = self.base_archive(buffer)
        except (ToolError, store.Error):
            return "brief"
        return archive.role_of(buffer.path) if archive and buffer.path else "brief"

    def _view(self, buffer: Buffer) -> tuple[str, Any]:
        """What the archive sees of a buffer (its brief entry, its roster or catalogue),
        with a digest that changes when that does."""
        digest = hashlib.sha256(buffer.content).hexdigest()
        if buffer._known is not None and buffer._known[0] == digest:
            return buffer._known[1]  # type: ignore[no-any-return]
        role = self._role(buffer)
        view: tuple[str, Any]
        if role == "brief":
            from wwrlint.archive.summary import summary_of

            entry = summary_of(buffer.name, buffer.content) if buffer.path else None
            if entry is not None:
                entry = BriefEntry(real(buffer.name), entry.id, entry.date, entry.sources)
            view = (entry.digest if entry is not None else "", entry)
        else:
            listed = _listed(buffer, role)
            shown = json.dumps(listed, sort_keys=True, default=repr)
            view = (hashlib.sha256(shown.encode()).hexdigest(), listed)
        buffer._known = (digest, view)
        return view

    def _dependents(
        self, buffer: Buffer, before: tuple[str, Any] | None, after: tuple[str, Any] | None
    ) -> list[str]:
        if before is not None and after is not None and before[0] == after[0]:
            return []
        if buffer.path is None:
            return []
        role = self._role(buffer)
        changed = [v[1] for v in (before, after) if v is not None and isinstance(v[1], BriefEntry)]
        try:
            archive = self.base_archive(buffer)
        except (ToolError, store.Error):
            return []
        if archive is None:
            return []
        found = []
        for uri, other in list(self.buffers.items()):
            if uri == buffer.uri or other.path is None:
                continue
            try:
                if self.base_archive(other) is not archive or self._role(other) != "brief":
                    continue
            except (ToolError, store.Error):
                continue
            entry = self._view(other)[1]
            if role != "brief" or (entry is not None and any(depends(entry, c) for c in changed)):
                found.append(uri)
        return found

    # Checking ------------------------------------------------------------------------------

    def archive_for(self, buffer: Buffer) -> Archive | None:
        """The archive a buffer is checked against: its archive on disk, with the open
        buffers of that archive in place of their files."""
        base = self.base_archive(buffer)
        if base is None:
            return None
        buffers: Entries = {}
        roster, catalogue = base.roster, base.catalogue
        for other in list(self.buffers.values()):
            if other.path is None or self.base_archive(other) is not base:
                continue
            role = base.role_of(other.path)
            view = self._view(other)[1]
            if role == "roster":
                roster = view
            elif role == "catalogue":
                catalogue = view
            buffers[real(other.path)] = view if role == "brief" else None
        return Overlay(
            base.folder,
            base.roster_path,
            roster,
            catalogue=catalogue,
            catalogue_path=base.catalogue_path,
            base=base,
            buffers=buffers,
            on_disk=self._entry_on_disk,
        )

    def _entry_on_disk(self, path: str) -> BriefEntry | None:
        found = self._on_disk(path)
        return found[1] if found is not None else None

    def _clean(self, buffer: Buffer) -> bool:
        """Whether the buffer and every other open buffer of its archive hold what their
        files hold: then `wwrlint check` of the file on disk gives the buffer's answer."""
        base = self.base_archive(buffer)
        for other in list(self.buffers.values()):
            if other is not buffer and (other.path is None or self.base_archive(other) is not base):
                continue
            disk = self._on_disk(other.path) if other.path is not None else None
            if disk is None or disk[0] != hashlib.sha256(other.content).hexdigest():
                return False
        return True

    def check(self, uri: str) -> Checked | None:
        """The diagnostics of a buffer now; None when it is no longer open."""
        buffer = self.buffers.get(uri)
        if buffer is None:
            return None
        try:
            return Checked(buffer.version, self._diagnostics(buffer))
        except ToolError as error:
            return Checked(buffer.version, [], str(error))

    def _diagnostics(self, buffer: Buffer) -> list[Diagnostic]:
        from wwrlint.linter import lint_document

        settings = self.settings(buffer)
        if buffer.path is not None and settings.force_exclude and self.finder.excluded(buffer.path):
            return []  # as `wwrlint check` does with a file it is given
        if len(buffer.content) > MAX_BRIEF_BYTES:
            limit = MAX_BRIEF_BYTES // (1024 * 1024)
            raise ToolError(f"{buffer.name}: larger than {limit} MB, too large for a brief")
        document = load(buffer.name, buffer.content)
        if document.readable and document.data is not None:
            self._last_data[buffer.uri] = document.data  # for completion while it is not
        if buffer.path is not None and self.cache_dir is not None and self._clean(buffer):
            checked = self._from_check(buffer.path)
            if checked is not None:
                return checked
        return lint_document(document, settings, self.archive_for(buffer))

    def _from_check(self, path: str) -> list[Diagnostic] | None:
        """What `wwrlint check PATH` finds in the file, through the cache."""
        from wwrlint.cache import Cache
        from wwrlint.checking import check_files

        assert self.cache_dir is not None
        cache = Cache(self.cache_dir)
        try:
            outcome = next(check_files([path], self.finder.config, cache, 1, self.archives))
        finally:
            cache.save()
        return outcome.diagnostics if outcome.problem is None else None

    def lint_document(self, buffer: Buffer, document: Document) -> list[Diagnostic]:
        """The diagnostics of a loaded text of a buffer (a fix tried on it, say)."""
        from wwrlint.linter import lint_document

        return lint_document(document, self.settings(buffer), self.archive_for(buffer))

    # What features read ---------------------------------------------------------------------

    def data_of(self, buffer: Buffer) -> Any:
        """The buffer's data, or, while it does not read as YAML (as it is being typed),
        the data it last had."""
        document = load(buffer.name, buffer.content)
        if document.readable and document.data is not None:
            self._last_data[buffer.uri] = document.data
            return document.data
        return self._last_data.get(buffer.uri)

    def document(self, uri: str) -> tuple[Buffer, Document] | None:
        buffer = self.buffers.get(uri)
        if buffer is None:
            return None
        return buffer, load(buffer.name, buffer.content)

    def text_of(self, path: str) -> str | None:
        """A file's text: the open buffer's when there is one, else what is on disk."""
        wanted = real(path)
        for buffer in list(self.buffers.values()):
            if buffer.path is not None and real(buffer.path) == wanted:
                return buffer.text
        try:
            return read_brief(path).decode("utf-8", "replace")
        except OSError:
            return None


def depends(other: BriefEntry, changed: BriefEntry) -> bool:
    """Whether the findings of brief `other` may change with brief `changed`'s entry: it
    has the same id, names it (or names a brief that is missing), or shares a source."""
    if other.id is not None and other.id == changed.id:
        return True
    for source in other.sources.values():
        if source.get("type") == "brief":
            return True  # `changed` may be what it names, or be suggested in its place
        for theirs in changed.sources.values():
            if source.get("url") is not None and source.get("url") == theirs.get("url"):
                return True
            text = [source.get(k) for k in ("publisher", "date", "title")]
            if None not in text and text == [theirs.get(k) for k in ("publisher", "date", "title")]:
                return True
    return False


def _listed(buffer: Buffer, role: str) -> Any:
    """A roster buffer's analysts, or a catalogue buffer's briefs, read as the archive
    reads the files (what cannot be read counts as none)."""
    document = load(buffer.name, buffer.content)
    data = document.data if document.readable and isinstance(document.data, dict) else {}
    if role == "roster":
        analysts = data.get("analysts")
        if not isinstance(analysts, dict):
            return {}
        return {str(k): v for k, v in analysts.items() if isinstance(v, dict)}
    listed = data.get("briefs")
    found = []
    for item in listed if isinstance(listed, list) else ():
        if isinstance(item, dict):
            fields = {k: str(v) for k, v in item.items() if isinstance(v, str)}
            found.append(Published(fields.get("id"), fields.get("date"), fields.get("title")))
    return tuple(found)
