"""The ids a brief defines and uses: which one is at a place in the text, where it is
defined, and every place the brief uses it. Read from the loaded brief's nodes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from wwrlint.brief import Brief
from wwrlint.diagnostics import Pointer, Span
from wwrlint.loading import Document

# What an id names: one of the brief's sources, an analyst, or an earlier brief.
Kind = Literal["source", "analyst", "brief"]


@dataclass(frozen=True)
class Ref:
    """An id written in the brief: what it names, and whether this is where the brief
    defines it (the key of its entry) or a use."""

    kind: Kind
    id: str
    span: Span
    pointer: Pointer
    definition: bool


def _inside(where: Span, line: int, column: int) -> bool:
    """Whether the 1-based place is on the span, its end included (where a cursor that
    has just typed it stands)."""
    return (where.line, where.column) <= (line, column) <= (where.end_line, where.end_column)


def _classify(pointer: Pointer, is_key: bool) -> Kind | None:
    if is_key:
        if len(pointer) == 2 and pointer[0] in ("sources", "analysts"):
            return "source" if pointer[0] == "sources" else "analyst"
        return None
    if pointer[:1] == ("body",) and len(pointer) >= 2:
        if pointer[-2] == "sources" and isinstance(pointer[-1], int):
            return "source"
        if pointer[-1] == "analyst":
            return "analyst"
    if len(pointer) == 3 and pointer[0] == "sources" and pointer[2] == "brief":
        return "brief"
    return None


def ref_at(document: Document, line: int, column: int) -> Ref | None:
    """The id at a 1-based line and column, if one is there."""
    if not document.readable:
        return None
    for scalar, pointer, is_key in document.scalars():
        if not _inside(scalar.span, line, column):
            continue
        kind = _classify(pointer, is_key)
        if kind is not None:
            return Ref(kind, scalar.value, scalar.span, pointer, is_key)
    return None


def refs(document: Document, kind: Kind, wanted: str) -> list[Ref]:
    """Every place the brief writes this id: its definition first, then its uses in order."""
    if not document.readable:
        return []
    found = [
        Ref(kind, scalar.value, scalar.span, pointer, is_key)
        for scalar, pointer, is_key in document.scalars()
        if scalar.value == wanted and _classify(pointer, is_key) == kind
    ]
    return sorted(found, key=lambda ref: (not ref.definition, ref.span.line, ref.span.column))


def defined(document: Document, kind: Kind) -> dict[str, dict[str, object]]:
    """The brief's own sources or analysts, by id."""
    section = "sources" if kind == "source" else "analysts"
    return dict(Brief(document.data).entries(section)) if document.readable else {}
