"""Read what the archive keeps of a file: a brief's id, date and sources, the roster's
analysts, the catalogue's briefs published elsewhere."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from wwrlint.archive.index import Rows, rows_of
from wwrlint.archive.model import BriefEntry, Published, entry_fields
from wwrlint.discovery import read_brief

# A line after the body that does not continue it: a top-level key, or a document marker.
# Anything of the body itself starts with a space, a tab, `-` (an item) or `#` (a comment).
_AFTER_BODY = re.compile(rb"\n(?:---|\.\.\.|[^ \t\r\n#-])")


def summarize(path: str, data: Any) -> BriefEntry | None:
    """The archive's view of a brief's data, or None when it is not a brief at all."""
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        return None
    sources: dict[str, dict[str, str]] = {}
    raw = data.get("sources")
    for source_id, source in raw.items() if isinstance(raw, dict) else ():
        if isinstance(source, dict):
            sources[str(source_id)] = entry_fields(source)
    date = data.get("date")
    return BriefEntry(path, data["id"], date if isinstance(date, str) else None, sources)


def read_summary(path: str) -> tuple[BriefEntry | None, str | None]:
    """A brief's entry, read from the file itself, and the hash of the content it was read
    from (None when the file cannot be read)."""
    try:
        content = read_brief(path)
    except OSError:
        return None, None
    return summary_of(path, content), hashlib.sha256(content).hexdigest()


def read_rows(file: tuple[str, str]) -> Rows:
    """A file's rows of the archive's index, made where it was read (in a worker process,
    when there are many); `file` is its path and its name below the archive's folder."""
    path, name = file
    entry, content = read_summary(path)
    return rows_of(name, entry, content)


def summary_of(path: str, content: bytes) -> BriefEntry | None:
    """A brief's entry, from its content.

    The entry needs the id, date and sources, which briefs write before their body. When
    nothing but the body follows a top-level `body:` line, the text before it is read alone
    (which spares parsing the body); a brief that writes any other key after its body is
    read whole."""
    from wwrlint.loading import load

    cut = content.find(b"\nbody:")
    if cut > 0 and _AFTER_BODY.search(content, cut + 1) is None:
        head = load(path, content[: cut + 1])
        data = head.data
        if head.readable and not head.problems and isinstance(data, dict) and "id" in data:
            return summarize(path, data)
    document = load(path, content)
    return summarize(path, document.data) if document.readable else None


def _mapping_of(path: str, key: str) -> Any:
    """`key` of the mapping a file holds; None when the file cannot be read or has none
    (checking the file reports why)."""
    from wwrlint.loading import load

    try:
        data = load(path, read_brief(path)).data
    except OSError:
        return None
    return data.get(key) if isinstance(data, dict) else None


def read_roster(path: str) -> dict[str, dict[str, Any]]:
    """The roster's analysts; an unreadable roster counts as empty."""
    analysts = _mapping_of(path, "analysts")
    if not isinstance(analysts, dict):
        return {}
    return {str(k): v for k, v in analysts.items() if isinstance(v, dict)}


def read_catalogue(path: str) -> tuple[Published, ...]:
    """The catalogue's briefs published elsewhere; an unreadable catalogue counts as
    empty."""
    listed = _mapping_of(path, "briefs")
    if not isinstance(listed, list):
        return ()
    found = []
    for item in listed:
        if isinstance(item, dict):
            fields = {k: str(v) for k, v in item.items() if isinstance(v, str)}
            found.append(Published(fields.get("id"), fields.get("date"), fields.get("title")))
    return tuple(found)
