"""The archive around a brief: the analyst roster and what every other brief is (its id,
date and sources), so rules can check what no single file shows.

The index is built once per run, from the cache where a brief has not changed, and costs
one parse per changed brief otherwise. Its fingerprint is part of every cached result's
key, so a change anywhere in the archive is seen everywhere.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from wwrlint.discovery import discover, read_brief

ROSTER_NAME = "analysts.yaml"
_SOURCE_KEYS = ("publisher", "date", "title", "url", "type", "brief")


@dataclass(frozen=True, eq=False)
class BriefEntry:
    """What the archive knows of one brief."""

    path: str
    id: str | None
    date: str | None
    sources: dict[str, dict[str, str]]

    @cached_property
    def real_path(self) -> str:
        return os.path.realpath(self.path)

    @cached_property
    def digest(self) -> str:
        """Changes when anything the archive rules read of this brief changes."""
        content = json.dumps([self.id, self.date, self.sources], sort_keys=True)
        return hashlib.sha256(content.encode()).hexdigest()[:16]


@dataclass
class Archive:
    folder: str
    roster_path: str | None = None
    roster: dict[str, dict[str, Any]] = field(default_factory=dict)
    briefs: list[BriefEntry] = field(default_factory=list)
    _indexes: dict[str, dict[str, list[BriefEntry]]] = field(default_factory=dict, repr=False)

    def by_id(self, brief_id: str, besides: str = "") -> list[BriefEntry]:
        """The briefs with this id, other than the one at `besides`."""
        return self._other(self._index("id").get(brief_id, []), besides)

    def by_date(self, date: str, besides: str = "") -> list[BriefEntry]:
        return self._other(self._index("date").get(date, []), besides)

    def citing(self, source: dict[str, Any], besides: str = "") -> list[tuple[BriefEntry, str]]:
        """(brief, source id) of the other briefs' sources that are the same source: the
        same url, or the same publisher, date and title."""
        found = []
        if isinstance(source.get("url"), str):
            found += self._sources.get(("url", source["url"]), [])
        text = tuple(source.get(k) for k in ("publisher", "date", "title"))
        if all(isinstance(v, str) for v in text):
            found += self._sources.get(("text", *text), [])  # type: ignore[arg-type]
        if not found:
            return []
        here = _real(besides)
        return [(e, s) for e, s in dict.fromkeys(found) if e.real_path != here]

    def _other(self, entries: list[BriefEntry], besides: str) -> list[BriefEntry]:
        if not entries:
            return []
        here = _real(besides)
        return [entry for entry in entries if entry.real_path != here]

    def _index(self, key: str) -> dict[str, list[BriefEntry]]:
        if key not in self._indexes:
            index: dict[str, list[BriefEntry]] = {}
            for entry in self.briefs:
                value = getattr(entry, key)
                if value is not None:
                    index.setdefault(value, []).append(entry)
            self._indexes[key] = index
        return self._indexes[key]

    @cached_property
    def _sources(self) -> dict[tuple[str, ...], list[tuple[BriefEntry, str]]]:
        index: dict[tuple[str, ...], list[tuple[BriefEntry, str]]] = {}
        for entry in self.briefs:
            for source_id, source in entry.sources.items():
                if source.get("url"):
                    index.setdefault(("url", source["url"]), []).append((entry, source_id))
                text = tuple(source.get(k) for k in ("publisher", "date", "title"))
                if all(text):
                    index.setdefault(("text", *text), []).append((entry, source_id))  # type: ignore[arg-type]
        return index

    @cached_property
    def fingerprint(self) -> str:
        """Changes whenever anything that archive rules read changes."""
        digest = hashlib.sha256(json.dumps(self.roster, sort_keys=True, default=str).encode())
        for entry in self.briefs:
            digest.update(f"\n{entry.path}\t{entry.digest}".encode("utf-8", "surrogateescape"))
        return digest.hexdigest()[:16]


@lru_cache(maxsize=256)
def _real(path: str) -> str | None:
    return os.path.realpath(path) if path else None


def shown(path: str) -> str:
    """A path of the archive as messages show it: relative to the current folder when it
    lies below it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def summarize(path: str, data: Any) -> BriefEntry | None:
    """The archive's view of a brief's data, or None when it is not a brief at all."""
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        return None
    sources: dict[str, dict[str, str]] = {}
    raw = data.get("sources")
    for source_id, source in raw.items() if isinstance(raw, dict) else ():
        if isinstance(source, dict):
            sources[str(source_id)] = {
                key: str(source[key]) for key in _SOURCE_KEYS if isinstance(source.get(key), str)
            }
    date = data.get("date")
    return BriefEntry(path, data["id"], date if isinstance(date, str) else None, sources)


def is_roster(path: str, roster_path: str | None) -> bool:
    if roster_path is not None:
        return os.path.realpath(path) == os.path.realpath(roster_path)
    return os.path.basename(path) == ROSTER_NAME


def build(
    folder: str,
    roster_path: str | None,
    summaries: Callable[[list[str]], list[BriefEntry | None]] | None = None,
) -> Archive:
    """The archive in `folder`; `summaries` gives the entries of a list of briefs (from
    the cache, or by reading them), by default by reading each."""
    archive = Archive(folder, roster_path)
    roster = roster_path or os.path.join(folder, ROSTER_NAME)
    if os.path.isfile(roster):
        archive.roster_path = roster
        archive.roster = read_roster(roster)
    paths = [p for p in discover([folder]).files if not is_roster(p, archive.roster_path)]
    found = (summaries or _read_all)(paths)
    archive.briefs = [entry for entry in found if entry is not None]
    return archive


def _read_all(paths: list[str]) -> list[BriefEntry | None]:
    return [read_summary(path) for path in paths]


def read_roster(path: str) -> dict[str, dict[str, Any]]:
    """The roster's analysts; an unreadable roster counts as empty (checking it reports
    why)."""
    from wwrlint.loading import load

    try:
        data = load(path, read_brief(path)).data
    except OSError:
        return {}
    analysts = data.get("analysts") if isinstance(data, dict) else None
    if not isinstance(analysts, dict):
        return {}
    return {str(k): v for k, v in analysts.items() if isinstance(v, dict)}


def read_summary(path: str) -> BriefEntry | None:
    """A brief's entry, read from the file itself.

    The entry needs the id, date and sources, which briefs write before their body: the
    text before a top-level `body:` line is read alone when it holds them (a line that
    starts a top-level key cannot continue anything above it), which spares parsing the
    body; anything else is read whole."""
    from wwrlint.loading import load

    try:
        content = read_brief(path)
    except OSError:
        return None
    cut = content.find(b"\nbody:")
    if cut > 0:
        head = load(path, content[: cut + 1])
        data = head.data
        if head.readable and not head.problems and isinstance(data, dict) and "id" in data:
            return summarize(path, data)
    document = load(path, content)
    return summarize(path, document.data) if document.readable else None
