"""Plain data from a composed node tree by the YAML 1.2 core schema, with what a brief may
not contain (duplicate keys, merge keys, tags, keys that are not text, too many values)
reported as problems."""

from __future__ import annotations

from typing import Any

from wwrlint.wording import quoted
from wwrlint.yamlio.compose import (
    MAP_TAG,
    PLAIN_TAG,
    SEQ_TAG,
    STR_TAG,
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
)
from wwrlint.yamlio.core import (
    CORE,
    MAP,
    MAX_DEPTH,
    MAX_VALUES,
    PLAIN,
    SEQ,
    STR,
    TAG,
    construct,
    reads_as_text,
    resolve_plain,
)
from wwrlint.yamlio.problems import YamlProblem
from wwrlint.yamlio.spans import span

# The tags a key may carry.
_KEY_TAGS = frozenset((PLAIN, STR, "!", *CORE))


class TooLarge(Exception):
    """The file holds more, or deeper, than a brief can: it is not checked further."""

    def __init__(self, message: str, where: Node) -> None:
        super().__init__(message)
        self.span = span(where)


class Builder:
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
            raise TooLarge(
                f"the file holds more than {MAX_VALUES:,} values (aliases included); "
                "it is not a brief",
                node,
            )
        if depth > MAX_DEPTH:
            raise TooLarge(
                f"values are nested more than {MAX_DEPTH} levels deep; it is not a brief", node
            )
        kind = type(node)
        if kind is ScalarNode:
            tag = node.ctag
            if tag is PLAIN_TAG:
                try:
                    return resolve_plain(node.value)
                except ValueError:
                    self._report(
                        "yaml-unsupported", f"{quoted(node.value)} is too long a number", node
                    )
                    return node.value
            return node.value if tag is STR_TAG else self._scalar(node)
        if not self.aliases:
            return self._collection(node, depth)
        if id(node) in self.in_progress:
            raise TooLarge("an alias refers to a value that contains it", node)
        self.in_progress.add(id(node))
        try:
            return self._collection(node, depth)
        finally:
            self.in_progress.discard(id(node))

    def _collection(self, node: Node, depth: int) -> Any:
        if type(node) is SequenceNode:
            if node.ctag is not SEQ_TAG:
                self._check_tag(node, SEQ)
            return [self.build(item, depth + 1) for item in node.value]
        assert isinstance(node, MappingNode)
        return self._mapping(node, depth)

    def _mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        if node.ctag is not MAP_TAG:
            self._check_tag(node, MAP)
        data: dict[str, Any] = {}
        first_seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                kind = "list" if isinstance(key_node, SequenceNode) else "mapping"
                self._report(
                    "yaml-unsupported", f"a key must be plain text, not a {kind}", key_node
                )
                continue
            tag = key_node.ctag
            if tag is not PLAIN_TAG and tag is not STR_TAG and key_node.tag not in _KEY_TAGS:
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
        if tag in ("!", STR):
            return value
        if tag in CORE:
            if CORE[tag].fullmatch(value):
                try:
                    return construct(tag, value)
                except ValueError:  # an integer too long for Python to read
                    pass
            self._report(
                "yaml-unsupported", f"{quoted(value)} cannot be read as {_short(tag)}", node
            )
            return value
        if tag != TAG + "timestamp":
            self._report_tag(node)
        return value

    def _check_tag(self, node: Node, expected: str) -> None:
        if node.tag not in (expected, "!"):
            self._report_tag(node)

    def _report_tag(self, node: Node) -> None:
        self._report(
            "yaml-unsupported",
            f"the tag {quoted(_short(node.tag or ''))} is not allowed in a brief; it was "
            "ignored, never run",
            node,
        )

    def _report(self, rule: str, message: str, node: Node) -> None:
        self.problems.append(YamlProblem(rule, message, span(node)))


def _short(tag: str) -> str:
    return "!!" + tag[len(TAG) :] if tag.startswith(TAG) else tag


__all__ = [
    "CORE",
    "MAX_DEPTH",
    "MAX_VALUES",
    "Builder",
    "TooLarge",
    "construct",
    "reads_as_text",
    "resolve_plain",
]
