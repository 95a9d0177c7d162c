"""Apply fixes as edits to a brief's text, so every byte a fix does not touch stays as it was.

A fix says what value should stand at a place in the brief. The engine turns it into the
smallest edit of the scalar's source text that the scalar's style allows (plain, quoted or
block), applies the edits that do not overlap, and reads the result back: an edit is kept
only when the new text loads as the same brief with exactly the fixed values changed.
"""

from __future__ import annotations

import copy
import difflib
import json
import re
from dataclasses import dataclass
from typing import Any

from yaml.nodes import ScalarNode

from wwrlint.diagnostics import Diagnostic, Pointer
from wwrlint.loading import Document, load, reads_as_text

_PLAIN_SAFE = re.compile(r"[\w][\w .,'’()/&+%-]*")


@dataclass(frozen=True)
class Edit:
    start: int  # character offsets into the text
    end: int
    replacement: str


def _offsets(text: str) -> list[int]:
    """Where each line starts, counting line breaks as YAML does."""
    starts = [0]
    for match in re.finditer("\r\n|[\r\n\x85\u2028\u2029]", text):
        starts.append(match.end())
    return starts


def _source_form(fragment: str, style: str | None) -> str:
    """How a piece of a value is written inside a scalar of this style."""
    if style == '"':
        return json.dumps(fragment, ensure_ascii=False)[1:-1]
    if style == "'":
        return fragment.replace("'", "''")
    return fragment


def _edits(document: Document, starts: list[int], pointer: Pointer, value: Any) -> list[Edit]:
    """Source edits that make the scalar at `pointer` read `value`, or none if unsure."""
    node = document.node_at(pointer)
    if not isinstance(node, ScalarNode) or not isinstance(value, str):
        return []
    start = starts[node.start_mark.line] + node.start_mark.column
    end = starts[node.end_mark.line] + node.end_mark.column
    source = document.text[start:end]
    old = node.value
    style = node.style or None
    if style in ("|", ">") and "\n" in old and " ".join(old.split("\n")) == value:
        return [Edit(start, start + 1, ">")]  # a literal block read as a folded one
    matcher = difflib.SequenceMatcher(None, old, value, autojunk=False)
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    if not changes:
        return []
    if len(changes) == 1 and changes[0][1:3] == (0, len(old)):
        return [Edit(start, end, _whole(value, style))]
    edits: list[Edit] = []
    for _, i1, i2, j1, j2 in changes:
        # Widen each change to whole words, so it can be found in the source.
        while i1 > 0 and not old[i1 - 1].isspace():
            i1, j1 = i1 - 1, j1 - 1
        while i2 < len(old) and not old[i2].isspace():
            i2, j2 = i2 + 1, j2 + 1
        before = _source_form(old[i1:i2], style)
        occurrence = old[:i1].count(old[i1:i2]) if old[i1:i2] else 0
        found = [m.start() for m in re.finditer(re.escape(before), source)] if before else []
        if occurrence >= len(found):
            return []
        at = start + found[occurrence]
        edits.append(Edit(at, at + len(before), _source_form(value[j1:j2], style)))
    return edits


def _whole(value: str, style: str | None) -> str:
    """A whole new scalar in the old one's style, where that style can hold it."""
    if style == "'" and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    if style is None and _PLAIN_SAFE.fullmatch(value) and reads_as_text(value):
        return value
    return json.dumps(value, ensure_ascii=False)


def _set(data: Any, pointer: Pointer, value: Any) -> None:
    for step in pointer[:-1]:
        data = data[step]
    data[pointer[-1]] = value


def apply_fixes(document: Document, diagnostics: list[Diagnostic]) -> tuple[str, int]:
    """The text with the fixes that can be applied safely together, and how many.

    Each fix is tried alone first; the ones that read back right are applied together
    (the first of overlapping ones wins). Fixes left over are found again on the next pass.
    """
    starts = _offsets(document.text)
    verified: list[tuple[Pointer, Any, list[Edit]]] = []
    taken: list[tuple[int, int]] = []
    for diagnostic in diagnostics:
        if diagnostic.fix is None or diagnostic.pointer is None:
            continue
        if any(pointer == diagnostic.pointer for pointer, *_ in verified):
            continue  # one fix per value and pass; the next pass finds the others
        edits = _edits(document, starts, diagnostic.pointer, diagnostic.fix.value)
        spans = [(e.start, e.end) for e in edits]
        if not edits or any(a < d and c < b for a, b in spans for c, d in taken):
            continue
        change = [(diagnostic.pointer, diagnostic.fix.value, edits)]
        if _applied(document, change) is not None:
            taken += spans
            verified += change
    if not verified:
        return document.text, 0
    together = _applied(document, verified)
    if together is not None:
        return together, len(verified)
    first = _applied(document, verified[:1])
    assert first is not None
    return first, 1


def _applied(document: Document, changes: list[tuple[Pointer, Any, list[Edit]]]) -> str | None:
    """The text with these edits, if it reads back as the brief with just these values
    changed; else None."""
    text = document.text
    for edit in sorted((e for *_, edits in changes for e in edits), key=lambda e: -e.start):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    expected = copy.deepcopy(document.data)
    for pointer, value, _ in changes:
        _set(expected, pointer, value)
    reread = load(document.path, text.encode("utf-8"))
    fine = reread.readable and len(reread.problems) == len(document.problems)
    return text if fine and reread.data == expected else None


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"a/{path}",
            tofile=f"b/{path}",
        )
    )
