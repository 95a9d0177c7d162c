"""Where a node is written: the one conversion of parser marks to 1-based spans, and the
one line splitter, both as YAML counts lines."""

from __future__ import annotations

import re

from wwrlint.diagnostics import Span
from wwrlint.yamlio.compose import MappingNode, Node, ScalarNode, SequenceNode

# Line breaks as YAML counts them (libyaml's marks count these too).
BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def split_lines(text: str) -> list[str]:
    """The lines of a text, split where YAML splits lines."""
    return BREAKS.split(text)


def span(node: Node) -> Span:
    """From a node's first character to the one after its last, 1-based."""
    start, end = node.start_mark, node.end_mark
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def head_span(node: Node) -> Span:
    """A collection's first line, from its start to the end of its first key or item."""
    if isinstance(node, MappingNode | SequenceNode) and node.value:
        first = node.value[0][0] if isinstance(node, MappingNode) else node.value[0]
        head = span(first) if isinstance(first, ScalarNode) else head_span(first)
        start = node.start_mark
        return Span(start.line + 1, start.column + 1, head.end_line, head.end_column)
    return span(node)
