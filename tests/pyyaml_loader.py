"""The loader wwrlint had on PyYAML's libyaml, kept as the reference the YAML layer on
ruamel.yaml (wwrlint/yamlio/) is compared with: the same data, problems and positions over
the YAML test suite and generated briefs (tests/test_yamlio.py), but for the parsers' known
disagreements (docs/robustness.md). PyYAML is a test dependency only."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from wwrlint.diagnostics import Anchor, Pointer, Span
from wwrlint.wording import quoted
from wwrlint.yamlio.core import CORE as _CORE
from wwrlint.yamlio.core import MAX_DEPTH, MAX_VALUES, split_lines
from wwrlint.yamlio.core import construct as _construct
from wwrlint.yamlio.core import resolve_plain as _resolve_plain
from wwrlint.yamlio.problems import YamlProblem, decode, reader_problem, syntax_problem

try:
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]

    _OFFSETS_IN_BYTES = True
except ImportError:  # PyYAML built without libyaml: same API, pure Python
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    _OFFSETS_IN_BYTES = False

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


_TAG = "tag:yaml.org,2002:"
STR = _TAG + "str"
_SEQ, _MAP = _TAG + "seq", _TAG + "map"
# The tag the composer gives plain scalars; the builder resolves them by the core schema.
_PLAIN = "!wwrlint/plain"


class _Composer(_Parser, BaseResolver):
    """libyaml's composer; tags are settled while building, not here (PyYAML would resolve
    plain scalars by YAML 1.1, and in Python, once per scalar)."""

    def __init__(self, text: str) -> None:
        _Parser.__init__(self, text)
        BaseResolver.__init__(self)

    def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            return _PLAIN if implicit[0] else STR
        return _SEQ if kind is SequenceNode else _MAP


@dataclass
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

    def line(self, number: int) -> str:
        """The text of line `number` (1-based), or "" past the end."""
        lines = self._lines
        return lines[number - 1] if 0 < number <= len(lines) else ""

    @cached_property
    def _lines(self) -> list[str]:
        return split_lines(self.text)

    def node_at(self, pointer: Pointer) -> Node | None:
        """The node written for the value at `pointer`, if the file has one."""
        node = self.root
        for step in pointer:
            child = self._child(node, step) if node is not None else None
            if child is None:
                return None
            node = child[1]
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
                return _span(key) if key is not None else _head_span(node)
            key, node = child
            if node.start_mark.index < place.start_mark.index:  # an alias to an earlier anchor
                return _span(key) if key is not None else _head_span(place)
            place = node
        if anchor == "key" and key is not None:
            return _span(key)
        return _span(node) if isinstance(node, ScalarNode) else _head_span(node)

    def _child(self, node: Node, step: str | int) -> tuple[Node | None, Node] | None:
        """The (key node, value node) of one step down, or None where the data has no such
        entry."""
        if isinstance(node, MappingNode) and isinstance(step, str):
            return self._entries(node).get(step)
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


def _span(node: Node) -> Span:
    start, end = node.start_mark, node.end_mark
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def _head_span(node: Node) -> Span:
    """A collection's first line, from its start to the end of its first key or item."""
    if isinstance(node, MappingNode | SequenceNode) and node.value:
        first = node.value[0][0] if isinstance(node, MappingNode) else node.value[0]
        head = _span(first) if isinstance(first, ScalarNode) else _head_span(first)
        start = node.start_mark
        return Span(start.line + 1, start.column + 1, head.end_line, head.end_column)
    return _span(node)


def load(path: str, content: bytes) -> Document:
    """Read one file's bytes. Problems are recorded on the document, never raised."""
    text, problem = decode(content)
    if problem is not None:
        return Document(path, text, None, None, [problem], readable=False)
    try:
        composer = _Composer(text)
        root = composer.get_node() if composer.check_node() else None
        extra = composer.get_node() if composer.check_node() else None
    except yaml.MarkedYAMLError as error:
        return Document(path, text, None, None, [syntax_problem(error, text)], readable=False)
    except yaml.YAMLError as error:  # a reader error: a character YAML forbids
        problem = reader_problem(error, text, _OFFSETS_IN_BYTES)
        return Document(path, text, None, None, [problem], readable=False)
    document = Document(path, text, None, root)
    if extra is not None:
        document.problems.append(
            YamlProblem(
                "yaml-unsupported",
                "a brief is one YAML document, but the file holds more than one "
                f"(the next starts on line {extra.start_mark.line + 1})",
                _span(extra),
            )
        )
    if root is not None:
        builder = _Builder(aliases="&" in text or "*" in text)
        try:
            document.data = builder.build(root, 0)
        except _TooLarge as error:
            document.problems.append(YamlProblem("yaml-unsupported", str(error), error.span))
            document.readable = False
        document.problems.extend(builder.problems)
    return document


class _TooLarge(Exception):
    def __init__(self, message: str, span: Span) -> None:
        super().__init__(message)
        self.span = span


class _Builder:
    """Build plain data from composed nodes, reporting what a brief may not contain."""

    def __init__(self, aliases: bool) -> None:
        self.problems: list[YamlProblem] = []
        self.values = 0
        # Without an anchor in the text there is no alias to follow into a loop.
        self.aliases = aliases
        self.in_progress: set[int] = set()

    def build(self, node: Node, depth: int) -> Any:
        self.values += 1
        if self.values > MAX_VALUES:
            raise _TooLarge(
                f"the file holds more than {MAX_VALUES:,} values (aliases included); "
                "it is not a brief",
                _span(node),
            )
        if depth > MAX_DEPTH:
            raise _TooLarge(
                f"values are nested more than {MAX_DEPTH} levels deep; it is not a brief",
                _span(node),
            )
        kind = type(node)
        if kind is ScalarNode:
            tag = node.tag
            if tag == _PLAIN:
                try:
                    return _resolve_plain(node.value)
                except ValueError:
                    self._report(
                        "yaml-unsupported", f"{quoted(node.value)} is too long a number", node
                    )
                    return node.value
            return node.value if tag == STR else self._scalar(node)
        if not self.aliases:
            return self._collection(node, depth)
        if id(node) in self.in_progress:
            raise _TooLarge("an alias refers to a value that contains it", _span(node))
        self.in_progress.add(id(node))
        try:
            return self._collection(node, depth)
        finally:
            self.in_progress.discard(id(node))

    def _collection(self, node: Node, depth: int) -> Any:
        if type(node) is SequenceNode:
            if node.tag != _SEQ:
                self._check_tag(node, _SEQ)
            return [self.build(item, depth + 1) for item in node.value]
        assert isinstance(node, MappingNode)
        return self._mapping(node, depth)

    def _mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        if node.tag != _MAP:
            self._check_tag(node, _MAP)
        data: dict[str, Any] = {}
        first_seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                kind = "list" if isinstance(key_node, SequenceNode) else "mapping"
                self._report(
                    "yaml-unsupported", f"a key must be plain text, not a {kind}", key_node
                )
                continue
            if key_node.tag not in (_PLAIN, STR, "!", *_CORE):
                self._report_tag(key_node)
            key = key_node.value
            if key == "<<" and not key_node.style:  # plain, not quoted
                self._report(
                    "yaml-unsupported",
                    "merge keys ('<<') are not supported in briefs; write the keys out",
                    key_node,
                )
                continue
            if key in first_seen:
                line = first_seen[key].start_mark.line + 1
                self._report(
                    "yaml-syntax",
                    f"duplicate key {quoted(key)} (first given on line {line})",
                    key_node,
                )
                continue
            first_seen[key] = key_node
            data[key] = self.build(value_node, depth + 1)
        return data

    def _scalar(self, node: Node) -> Any:
        """A scalar with an explicit tag."""
        tag, value = node.tag, node.value
        if tag == "!":
            return value
        if tag in _CORE:
            if _CORE[tag].fullmatch(value):
                try:
                    return _construct(tag, value)
                except ValueError:  # an integer too long for Python to read
                    pass
            self._report(
                "yaml-unsupported", f"{quoted(value)} cannot be read as {_short(tag)}", node
            )
            return value
        if tag != _TAG + "timestamp":
            self._report_tag(node)
        return value

    def _check_tag(self, node: Node, expected: str) -> None:
        if node.tag not in (expected, "!"):
            self._report_tag(node)

    def _report_tag(self, node: Node) -> None:
        self._report(
            "yaml-unsupported",
            f"the tag {quoted(_short(node.tag))} is not allowed in a brief; it was ignored, "
            "never run",
            node,
        )

    def _report(self, rule: str, message: str, node: Node) -> None:
        self.problems.append(YamlProblem(rule, message, _span(node)))


def _short(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


def literal_spans(root: Node | None) -> list[Span]:
    """Quoted and block scalars, which span text where a `#` is not a comment (the walk
    suppressions made over PyYAML's nodes)."""
    spans: list[Span] = []
    stack = [root] if root is not None else []
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            if node.style:  # quoted or block; plain scalars end before a comment
                spans.append(_span(node))
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            stack.extend(item for pair in node.value for item in pair)
    return spans
