"""A loaded brief: its data, the nodes behind it, and the answers the rest of wwrlint asks
of them (where a value is written, which regions of the text hold literal text).

Positions stay lazy: the composed node tree is kept, and a node's line and column are
looked up only when a diagnostic needs them, through an index of each mapping's keys made
the first time a lookup passes through it (so placing n findings costs n lookups, not n
scans).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from wwrlint.diagnostics import Anchor, Pointer, Span
from wwrlint.yamlio.build import Builder, TooLarge
from wwrlint.yamlio.compose import (
    OFFSETS_IN_BYTES,
    MappingNode,
    MarkedYAMLError,
    Node,
    ScalarNode,
    SequenceNode,
    YAMLError,
    compose,
)
from wwrlint.yamlio.problems import YamlProblem, decode, reader_problem, syntax_problem
from wwrlint.yamlio.spans import head_span, span, split_lines

Kind = Literal["scalar", "sequence", "mapping"]
_KINDS: dict[type[Node], Kind] = {
    ScalarNode: "scalar",
    SequenceNode: "sequence",
    MappingNode: "mapping",
}


@dataclass(slots=True, eq=False, repr=False)  # made for every scalar: quicker than a tuple
class Written:
    """A scalar as the file writes it: its value, its style ("" plain, a quote, `|` or
    `>`) and where it is, from its first character to the one after its last."""

    value: str
    style: str
    span: Span


def _written(node: Node | None) -> Written | None:
    if not isinstance(node, ScalarNode):
        return None
    return Written(node.value, node.style or "", span(node))


def _scalars(node: Node, pointer: Pointer) -> Iterator[tuple[Written, Pointer, bool]]:
    if isinstance(node, ScalarNode):
        yield Written(node.value, node.style or "", span(node)), pointer, False
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            yield from _scalars(item, (*pointer, index))
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode):
                yield Written(key.value, key.style or "", span(key)), (*pointer, key.value), True
                yield from _scalars(value, (*pointer, key.value))


@dataclass(eq=False, repr=False)
class Document:
    """A loaded brief: its data (plain dicts, lists and scalars) and the nodes behind it."""

    path: str
    text: str
    data: Any
    root: Node | None
    problems: list[YamlProblem] = field(default_factory=list)
    # False when the file could not be read as YAML at all: there is no data to check.
    readable: bool = True
    # The entries of each mapping a pointer went through, by the mapping node's identity.
    _index: dict[int, dict[str, tuple[Node, Node]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    # Fingerprints already worked out, by what they hash (see `linter`): many findings on
    # one long text or line hash it once.
    fingerprints: dict[tuple[Any, ...], str] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    # The last pointer `node_at` followed, and the node it found.
    _last: tuple[Pointer | None, Node | None] = field(
        default=(None, None), init=False, repr=False, compare=False
    )

    def forget_nodes(self) -> None:
        """Let the node tree go, once only the text, the data and the problems are still
        asked for (`--fix` between its passes: of a brief of 4 MB, the tree is 150 MB)."""
        self.root = None
        self._last = (None, None)
        self._index.clear()
        self.fingerprints.clear()

    def line(self, number: int) -> str:
        """The text of line `number` (1-based), or "" past the end."""
        lines = self._lines
        return lines[number - 1] if 0 < number <= len(lines) else ""

    @cached_property
    def _lines(self) -> list[str]:
        return split_lines(self.text)

    def node_at(self, pointer: Pointer) -> Node | None:
        """The node written for the value at `pointer`, if the file has one."""
        if pointer == self._last[0]:  # placing a finding asks for one parent several times
            return self._last[1]
        node = self.root
        for step in pointer:
            child = self._child(node, step) if node is not None else None
            if child is None:
                node = None
                break
            node = child[1]
        self._last = (pointer, node)
        return node

    def locate(self, pointer: Pointer, anchor: Anchor = "value") -> Span:
        """Where the value at `pointer` is written (or its key, for anchor="key").

        A pointer to a missing value lands on the nearest enclosing entry that exists,
        so "source 'x' has no date" points at the line naming source 'x'. A value reached
        through an alias lands on the alias, where the brief uses it.
        """
        if self.root is None:
            return Span(1, 1, 1, 1)
        node, key, place = self.root, None, self.root
        for step in pointer:
            child = self._child(node, step)
            if child is None:
                return span(key) if key is not None else head_span(node)
            key, node = child
            if node.start_mark.index < place.start_mark.index:  # an alias to an earlier anchor
                return span(key) if key is not None else head_span(place)
            place = node
        if anchor == "key" and key is not None:
            return span(key)
        return span(node) if isinstance(node, ScalarNode) else head_span(node)

    def scalar_at(self, pointer: Pointer) -> Written | None:
        """The scalar written for the value at `pointer`; None where it is not a scalar."""
        return _written(self.node_at(pointer))

    def key_at(self, pointer: Pointer) -> Written | None:
        """The key written for the entry at `pointer` (the first of duplicates); None where
        the value above it is not a mapping or has no such key."""
        parent = self.node_at(pointer[:-1]) if pointer else None
        if not isinstance(parent, MappingNode) or not isinstance(pointer[-1], str):
            return None
        entry = self._entries(parent).get(pointer[-1])
        return _written(entry[0]) if entry is not None else None

    def kind_at(self, pointer: Pointer) -> Kind | None:
        """What is written for the value at `pointer`, if the file has it."""
        node = self.node_at(pointer)
        return None if node is None else _KINDS.get(type(node))

    def extent(self, pointer: Pointer) -> Span | None:
        """From the first character of the value at `pointer` to the one after its last."""
        node = self.node_at(pointer)
        return span(node) if node is not None else None

    def key_spans(self, pointer: Pointer) -> list[Span]:
        """Where each key of the mapping at `pointer` is written, in the file's order."""
        node = self.node_at(pointer)
        return [span(key) for key, _ in node.value] if isinstance(node, MappingNode) else []

    def scalars(self) -> Iterator[tuple[Written, Pointer, bool]]:
        """Every scalar of the file with its pointer, and whether it is a mapping's key (a
        value reached through an alias is met again there, with the anchor's span)."""
        return _scalars(self.root, ()) if self.root is not None else iter(())

    def literal_spans(self) -> list[Span]:
        """Quoted and block scalars: the regions of text where a `#` starts no comment."""
        return literal_spans(self.root)

    def _child(self, node: Node, step: str | int) -> tuple[Node | None, Node] | None:
        """The (key node, value node) of one step down, or None where the data has no such
        entry."""
        if isinstance(node, MappingNode):
            return self._entries(node).get(step) if isinstance(step, str) else None
        if isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            return None, node.value[step]
        return None

    def _entries(self, node: MappingNode) -> dict[str, tuple[Node, Node]]:
        """A mapping's entries by key, indexed the first time a pointer goes through it, so
        that placing each of 60,000 findings does not scan 60,000 keys. The first of
        duplicate keys wins, as in the data."""
        entries = self._index.get(id(node))
        if entries is None:
            entries = {}
            for key, value in node.value:
                if isinstance(key, ScalarNode):
                    entries.setdefault(key.value, (key, value))
            self._index[id(node)] = entries
        return entries


def literal_spans(root: Node | None) -> list[Span]:
    """The spans of the quoted and block scalars under `root` (plain scalars end before a
    comment, so only these hold a `#` that starts none)."""
    spans: list[Span] = []
    stack = [root] if root is not None else []
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            if node.style:
                spans.append(span(node))
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            stack.extend(item for pair in node.value for item in pair)
    return spans


def load(path: str, content: bytes) -> Document:
    """Read one file's bytes. Problems are recorded on the document, never raised."""
    text, problem = decode(content)
    if problem is not None:
        return Document(path, text, None, None, [problem], readable=False)
    try:
        root, extra = compose(text)
    except MarkedYAMLError as error:
        return Document(path, text, None, None, [syntax_problem(error, text)], readable=False)
    except YAMLError as error:  # a reader error: a character YAML forbids
        problem = reader_problem(error, text, OFFSETS_IN_BYTES)
        return Document(path, text, None, None, [problem], readable=False)
    document = Document(path, text, None, root)
    if extra is not None:
        document.problems.append(
            YamlProblem(
                "yaml-unsupported",
                "a brief is one YAML document, but the file holds more than one "
                f"(the next starts on line {extra.start_mark.line + 1})",
                span(extra),
            )
        )
    if root is not None:
        builder = Builder(aliases="&" in text or "*" in text)
        try:
            document.data = builder.build(root, 0)
        except TooLarge as error:
            document.problems.append(YamlProblem("yaml-unsupported", str(error), error.span))
            document.readable = False
        document.problems.extend(builder.problems)
    return document
