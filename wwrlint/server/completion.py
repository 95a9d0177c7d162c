"""Completion of the ids a brief uses: source ids in a claim's `sources`, analyst ids after
`analyst:` (the brief's and the roster's), brief ids after `brief:`, each with its details.

The text being typed is rarely valid YAML, so where the cursor stands is read from the
line and the lines above it; the ids come from the brief as last read whole."""

from __future__ import annotations

import re
from typing import Any

from lsprotocol import types

from wwrlint.archive.model import Archive
from wwrlint.brief import entries
from wwrlint.server.ids import Kind
from wwrlint.server.positions import Text
from wwrlint.server.publish import lsp_range

TRIGGERS = ["[", ",", " ", "-", ":"]

_ID_SO_FAR = r"(?P<typed>[A-Za-z0-9._-]*)$"
# `sources: [a, b, |` in a claim: an open flow list.
_FLOW_SOURCES = re.compile(r"(?:^|[\s{,])sources\s*:\s*\[(?:[^\]]*,)?\s*['\"]?" + _ID_SO_FAR)
# `  - |` under a `sources:` key: a block list.
_ITEM = re.compile(r"^(?P<indent>\s*)-\s+['\"]?" + _ID_SO_FAR)
_SOURCES_KEY = re.compile(r"^(?P<indent>\s*)(?:-\s+)?sources\s*:\s*(?:#.*)?$")
_AFTER_KEY = {
    "analyst": re.compile(r"^\s*(?:-\s+)?analyst\s*:\s+['\"]?" + _ID_SO_FAR),
    "brief": re.compile(r"^\s*brief\s*:\s+['\"]?" + _ID_SO_FAR),
}


def context(text: Text, offset: int) -> tuple[Kind, int] | None:
    """What kind of id the cursor at `offset` is typing, and where the typed part starts."""
    start, line = text.line_at(offset)
    before = line[: offset - start]
    flow = _FLOW_SOURCES.search(before)
    if flow is not None:
        return "source", offset - len(flow["typed"])
    for kind, pattern in _AFTER_KEY.items():
        found = pattern.match(before)
        if found is not None:
            return kind, offset - len(found["typed"])  # type: ignore[return-value]
    item = _ITEM.match(before)
    if item is not None and _under_sources(text, start, len(item["indent"])):
        return "source", offset - len(item["typed"])
    return None


def _under_sources(text: Text, line_start: int, indent: int) -> bool:
    """Whether a list item at this indentation belongs to a claim's `sources:` key: the
    nearest line above that is not an item of the same list nor blank names it."""
    offset = line_start
    while offset > 0:
        offset, line = text.line_at(offset - 1)
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        depth = len(line) - len(line.lstrip())
        if depth == indent and stripped.startswith("-") and not _SOURCES_KEY.match(line):
            continue  # another item of the same list
        found = _SOURCES_KEY.match(line)
        # the brief's own `sources:` (a mapping at the top) takes no list items
        return found is not None and (depth > 0 or stripped.startswith("-"))
    return False


def items(
    kind: Kind, data: Any, archive: Archive | None, text: Text, start: int, offset: int
) -> list[types.CompletionItem]:
    """The completions of one kind of id, each replacing what was typed of it."""
    where = lsp_range(text, start, offset)
    found: list[tuple[str, str, str]] = []  # (id, detail, documentation)
    if kind == "source":
        for source_id, source in entries(data, "sources"):
            detail = ", ".join(str(source[k]) for k in ("publisher", "date") if source.get(k))
            found.append((source_id, detail, str(source.get("title") or "")))
    elif kind == "analyst":
        own = dict(entries(data, "analysts"))
        roster = archive.roster if archive is not None else {}
        for analyst_id, analyst in {**roster, **own}.items():
            detail = ", ".join(str(analyst[k]) for k in ("name", "role") if analyst.get(k))
            origin = "defined in this brief" if analyst_id in own else "from the roster"
            found.append((analyst_id, detail, origin))
    elif archive is not None:
        own_id = data.get("id") if isinstance(data, dict) else None
        for entry in archive.briefs:
            if entry.id is not None and entry.id != own_id:
                found.append((entry.id, f"brief of {entry.date or 'no date'}", entry.path))
        for published in archive.catalogue:
            if published.id is not None:
                detail = f"brief of {published.date or 'no date'}, published elsewhere"
                found.append((published.id, detail, published.title or ""))
    return [
        types.CompletionItem(
            label=item_id,
            kind=types.CompletionItemKind.Reference,
            detail=detail or None,
            documentation=documentation or None,
            sort_text=f"{index:05d}",
            filter_text=item_id,
            text_edit=types.TextEdit(where, item_id),
        )
        for index, (item_id, detail, documentation) in enumerate(found)
    ]
