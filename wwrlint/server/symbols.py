"""The outline of a brief: its headings, each holding the paragraphs and quotes that follow
it, and the quotes inside paragraphs."""

from __future__ import annotations

from typing import Any

from lsprotocol import types
from yaml.nodes import MappingNode, Node, SequenceNode

from wwrlint.brief import kind_of
from wwrlint.loading import Document
from wwrlint.server.ids import span_of
from wwrlint.server.positions import Text
from wwrlint.server.publish import lsp_range
from wwrlint.wording import excerpt

_KINDS = {
    "heading": types.SymbolKind.Namespace,
    "paragraph": types.SymbolKind.String,
    "quote": types.SymbolKind.Event,
}


def outline(document: Document, text: Text) -> list[types.DocumentSymbol]:
    if not document.readable or not isinstance(document.data, dict):
        return []
    body = document.data.get("body")
    node = document.node_at(("body",))
    if not isinstance(body, list) or not isinstance(node, SequenceNode):
        return []
    found: list[types.DocumentSymbol] = []
    heading: types.DocumentSymbol | None = None
    for item, item_node in zip(body, node.value, strict=False):
        symbol = _symbol(item, item_node, text)
        if symbol is None:
            continue
        if symbol.kind == _KINDS["heading"]:
            heading = symbol
            found.append(symbol)
        elif heading is not None:
            heading.children = [*(heading.children or []), symbol]
            heading.range = types.Range(heading.range.start, symbol.range.end)
        else:
            found.append(symbol)
    return found


def _symbol(item: Any, node: Node, text: Text) -> types.DocumentSymbol | None:
    kind = kind_of(item) if isinstance(item, dict) else None
    if kind not in _KINDS or not isinstance(node, MappingNode):
        return None
    assert isinstance(item, dict)
    assert kind is not None
    children: list[types.DocumentSymbol] = []
    words = item[kind]
    if kind == "paragraph" and isinstance(words, list):
        inner = next((v for k, v in node.value if getattr(k, "value", None) == kind), None)
        if isinstance(inner, SequenceNode):
            children = [
                symbol
                for sub, sub_node in zip(words, inner.value, strict=False)
                if (symbol := _symbol(sub, sub_node, text)) is not None
            ]
        first = next((s for s in words if isinstance(s, dict) and kind_of(s)), {})
        words = first.get(kind_of(first) or "", "") if first else ""
    if isinstance(words, list):  # a quote of claims and assessments: its first words
        first = next((s for s in words if isinstance(s, dict) and kind_of(s)), {})
        words = first.get(kind_of(first) or "", "") if first else ""
    name = excerpt(words) or kind
    detail = kind
    if kind == "quote" and isinstance(item.get("analyst"), str):
        detail = f"quote by {item['analyst']}"
    key = node.value[0][0]
    whole = lsp_range(text, *text.span_offsets(span_of(node)))
    return types.DocumentSymbol(
        name=name,
        kind=_KINDS[kind],
        range=whole,
        selection_range=lsp_range(text, *text.span_offsets(span_of(key))),
        detail=detail,
        children=children,
    )
