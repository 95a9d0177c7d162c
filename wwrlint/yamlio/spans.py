"""Where a node is written: the one conversion of parser marks to 1-based spans, lines
counted as YAML counts them (the line splitter is `core.split_lines`)."""

from __future__ import annotations

from wwrlint.diagnostics import Span
from wwrlint.yamlio.compose import MappingNode, Node, ScalarNode, SequenceNode
from wwrlint.yamlio.core import BREAKS, split_lines

__all__ = ["BREAKS", "head_span", "span", "split_lines"]


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
