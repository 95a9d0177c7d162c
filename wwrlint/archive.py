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
from typing import Any

from wwrlint.discovery import discover, read_brief

ROSTER_NAME = "analysts.yaml"
_SOURCE_KEYS = ("publisher", "date", "title", "url", "type", "brief")


@dataclass(frozen=True)
class BriefEntry:
    """What the archive knows of one brief."""

    path: str
    id: str | None
    date: str | None
    sources: dict[str, dict[str, str]]


@dataclass
class Archive:
    folder: str
    roster_path: str | None = None
    roster: dict[str, dict[str, Any]] = field(default_factory=dict)
    briefs: list[BriefEntry] = field(default_factory=list)

    def by_id(self, brief_id: str) -> list[BriefEntry]:
        return [entry for entry in self.briefs if entry.id == brief_id]

    def by_date(self, date: str) -> list[BriefEntry]:
        return [entry for entry in self.briefs if entry.date == date]

    def others(self, path: str) -> list[BriefEntry]:
        here = os.path.realpath(path)
        return [entry for entry in self.briefs if os.path.realpath(entry.path) != here]

    @property
    def fingerprint(self) -> str:
        """Changes whenever anything that archive rules read changes."""
        content = [self.roster, [(e.path, e.id, e.date, e.sources) for e in self.briefs]]
        return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()[:16]


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
    summary_of: Callable[[str], BriefEntry | None],
) -> Archive:
    """The archive in `folder`; `summary_of` gives a brief's entry (from the cache, or by
    reading it)."""
    archive = Archive(folder, roster_path)
    roster = roster_path or os.path.join(folder, ROSTER_NAME)
    if os.path.isfile(roster):
        archive.roster_path = roster
        archive.roster = read_roster(roster)
    for path in discover([folder]).files:
        if not is_roster(path, archive.roster_path):
            entry = summary_of(path)
            if entry is not None:
                archive.briefs.append(entry)
    return archive


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
    """A brief's entry, read from the file itself."""
    from wwrlint.loading import load

    try:
        document = load(path, read_brief(path))
    except OSError:
        return None
    return summarize(path, document.data) if document.readable else None
