"""Where each character of a scalar's text is written in the file, and how new text is
written in a scalar's style: what findings inside a text (a straight quote, a doubled
space) and fixes of a text need from loading.

A scalar's source is read again, style by style (plain and quoted in `flowscalars`,
literal and folded blocks in `blockscalars`), into pieces that each map some characters
of the value to the source characters that wrote them (`scalarmap`). The reading is
checked against the parser's value: where the two differ (a tag, an anchor, a form these
readers do not know), the scalar has no map, and what is found in it is placed on the
whole scalar, without a fix.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from wwrlint.blockscalars import block_map
from wwrlint.flowscalars import flow_map
from wwrlint.loading import Written
from wwrlint.scalarmap import ScalarMap, offset_of

# What is worked out once per document, by its text (held, so that its id stays its own).
_TEXTS: OrderedDict[int, tuple[str, dict[Any, Any]]] = OrderedDict()


def per_text(text: str) -> dict[Any, Any]:
    """A cache for one document's text, kept while it is among the last few in use."""
    entry = _TEXTS.get(id(text))
    if entry is None or entry[0] is not text:
        entry = (text, {})
        _TEXTS[id(text)] = entry
        while len(_TEXTS) > 8:
            _TEXTS.popitem(last=False)
    _TEXTS.move_to_end(id(text))
    return entry[1]


def scalar_map(text: str, scalar: Written) -> ScalarMap | None:
    """The map of a scalar of this text, as the loaded document gives it (`scalar_at`,
    `key_at`), read once per scalar; None where the reading differs from the value."""
    where = scalar.span
    start = offset_of(text, where.line - 1, where.column - 1)
    end = offset_of(text, where.end_line - 1, where.end_column - 1)
    # The last few maps are kept: several findings on one text (rules of typography) use
    # one, while keeping every map of a brief with thousands of findings, each on its own
    # scalar, cost 3 KB a finding.
    kept = per_text(text)
    maps: OrderedDict[tuple[int, int], ScalarMap | None] | None = kept.get("scalars")
    if maps is None:
        maps = kept["scalars"] = OrderedDict()
    key = (start, end)
    if key not in maps:
        if scalar.style in ("|", ">"):
            maps[key] = block_map(text, start, end, scalar.value)
        else:
            maps[key] = flow_map(text, start, end, scalar.style, scalar.value)
        while len(maps) > _KEPT_MAPS:
            maps.popitem(last=False)
    maps.move_to_end(key)
    return maps[key]


_KEPT_MAPS = 64
