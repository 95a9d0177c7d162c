"""An archive as the editor sees it: the index of the files on disk, with the open buffers
standing in for the files they edit (saved or not, and new files not yet written).

The rules ask it what they ask of any archive; only the answers about the buffers' paths
come from the buffers."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from wwrlint.archive.model import Archive, BriefEntry, Citation, fingerprint_of

# What a buffer is to the archive: a brief's entry, or None (not a brief, or unreadable).
Entries = dict[str, BriefEntry | None]


def real(path: str) -> str:
    return os.path.realpath(os.path.abspath(path)) if path else ""


@dataclass(eq=False)
class Overlay(Archive):
    """`base` with the `buffers` (entries by real path) in place of the files at their
    paths. `on_disk` gives the entry a buffer's file has on disk, for the answers the index
    gives without paths."""

    base: Archive | None = None
    buffers: Entries = field(default_factory=dict)
    on_disk: Callable[[str], BriefEntry | None] = field(default=lambda _path: None)

    def _base(self) -> Archive:
        assert self.base is not None
        return self.base

    def _shown(self, entries: list[BriefEntry]) -> list[BriefEntry]:
        return [entry for entry in entries if real(entry.path) not in self.buffers]

    def _buffered(self, keep: Callable[[BriefEntry], bool], besides: str) -> list[BriefEntry]:
        here = real(besides)
        return [
            entry
            for path, entry in list(self.buffers.items())
            if entry is not None and path != here and keep(entry)
        ]

    @property
    def fingerprint(self) -> str:
        buffers = [
            f"\n{path}\t{entry.digest if entry else ''}"
            for path, entry in sorted(self.buffers.items())
        ]
        return fingerprint_of([self._base().fingerprint, *buffers], self.roster, self.catalogue)

    def by_id(self, brief_id: str, besides: str = "", sure: bool = False) -> list[BriefEntry]:
        found = self._shown(self._base().by_id(brief_id, besides, sure))
        return found + self._buffered(lambda entry: entry.id == brief_id, besides)

    def by_date(self, date: str, besides: str = "", sure: bool = False) -> list[BriefEntry]:
        found = self._shown(self._base().by_date(date, besides, sure))
        return found + self._buffered(lambda entry: entry.date == date, besides)

    def ids(self) -> list[str]:
        ids = self._base().ids()
        for path in self.buffers:  # the ids the buffers' files have on disk are not theirs
            entry = self.on_disk(path)
            if entry is not None and entry.id in ids:
                ids.remove(entry.id)
        ids += [entry.id for entry in list(self.buffers.values()) if entry and entry.id is not None]
        return sorted(ids)

    def citing(self, source: dict[str, Any], besides: str = "") -> list[Citation]:
        found = [
            citation
            for citation in self._base().citing(source, besides)
            if real(citation[0]) not in self.buffers
        ]
        url = source.get("url")
        text = tuple(source.get(k) for k in ("publisher", "date", "title"))
        for entry in self._buffered(lambda _entry: True, besides):
            for source_id, fields in entry.sources.items():
                same_url = isinstance(url, str) and fields.get("url") == url
                same_text = all(isinstance(v, str) for v in text) and text == tuple(
                    fields.get(k) for k in ("publisher", "date", "title")
                )
                if same_url or same_text:
                    found.append((entry.path, source_id, fields))
        return found

    @property
    def briefs(self) -> list[BriefEntry]:
        found = self._shown(self._base().briefs) + self._buffered(lambda _entry: True, "")
        return sorted(found, key=lambda entry: entry.path)

    def dependents(self, paths: list[str]) -> list[str]:
        """As on disk: the session finds the open briefs that depend on a buffer itself."""
        return self._base().dependents(paths)

    def close(self) -> None:
        """The base archive is the session's to close."""
