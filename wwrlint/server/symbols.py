"""The outline of a brief: its headings, each holding the paragraphs and quotes that follow
it, and the quotes inside paragraphs."""

from __future__ import annotations

from typing import Any

from lsprotocol import types

from wwrlint.brief import kind_of
from wwrlint.diagnostics import Pointer
from wwrlint.loading import Document
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
    if not isinstance(body, list) or document.kind_at(("body",)) != "sequence":
        return []
    found: list[types.DocumentSymbol] = []
    heading: types.DocumentSymbol | None = None
    for index, item in enumerate(body):
        symbol = _symbol(document, ("body", index), item, text)
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


def _symbol(
    document: Document, pointer: Pointer, item: Any, text: Text
) -> types.DocumentSymbol | None:
    kind = kind_of(item) if isinstance(item, dict) else None
    whole, keys = document.extent(pointer), document.key_spans(pointer)
    if kind not in _KINDS or whole is None or not keys:
        return None
    assert isinstance(item, dict)
    assert kind is not None
    children: list[types.DocumentSymbol] = []
    words = item[kind]
    if kind == "paragraph" and isinstance(words, list):
        inner = (*pointer, kind)
        if document.kind_at(inner) == "sequence":
            children = [
                symbol
                for index, sub in enumerate(words)
                if (symbol := _symbol(document, (*inner, index), sub, text)) is not None
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
    return types.DocumentSymbol(
        name=name,
        kind=_KINDS[kind],
        range=lsp_range(text, *text.span_offsets(whole)),
        selection_range=lsp_range(text, *text.span_offsets(keys[0])),
        detail=detail,
        children=children,
    )
