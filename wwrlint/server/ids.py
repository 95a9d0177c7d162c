"""The ids a brief defines and uses: which one is at a place in the text, where it is
defined, and every place the brief uses it. Read from the loaded brief's nodes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

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


def span_of(node: Node) -> Span:
    start, end = node.start_mark, node.end_mark
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def _inside(node: Node, line: int, column: int) -> bool:
    """Whether the 1-based place is on the node, its end included (where a cursor that
    has just typed it stands)."""
    start, end = node.start_mark, node.end_mark
    return (start.line + 1, start.column + 1) <= (line, column) <= (end.line + 1, end.column + 1)


def _scalars(node: Node, pointer: Pointer) -> Iterator[tuple[ScalarNode, Pointer, bool]]:
    """Every scalar below a node with its pointer, and whether it is a mapping's key."""
    if isinstance(node, ScalarNode):
        yield node, pointer, False
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            yield from _scalars(item, (*pointer, index))
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode):
                yield key, (*pointer, key.value), True
                yield from _scalars(value, (*pointer, key.value))


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
    if document.root is None or not document.readable:
        return None
    for node, pointer, is_key in _scalars(document.root, ()):
        if not _inside(node, line, column):
            continue
        kind = _classify(pointer, is_key)
        if kind is not None and isinstance(node.value, str):
            return Ref(kind, node.value, span_of(node), pointer, is_key)
    return None


def refs(document: Document, kind: Kind, wanted: str) -> list[Ref]:
    """Every place the brief writes this id: its definition first, then its uses in order."""
    if document.root is None or not document.readable:
        return []
    found = [
        Ref(kind, node.value, span_of(node), pointer, is_key)
        for node, pointer, is_key in _scalars(document.root, ())
        if node.value == wanted and _classify(pointer, is_key) == kind
    ]
    return sorted(found, key=lambda ref: (not ref.definition, ref.span.line, ref.span.column))


def defined(document: Document, kind: Kind) -> dict[str, dict[str, object]]:
    """The brief's own sources or analysts, by id."""
    section = "sources" if kind == "source" else "analysts"
    return dict(Brief(document.data).entries(section)) if document.readable else {}
