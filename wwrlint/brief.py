"""Read brief data the way rules need it, whatever shape the file is in.

Rules run on briefs that may also break the schema, so every accessor here tolerates
wrong types and missing keys: it yields what is there and skips the rest.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from wwrlint.diagnostics import Pointer
from wwrlint.wording import excerpt

if TYPE_CHECKING:
    from wwrlint.archive.model import Archive

# What the typography rules look for: a quotation mark, a line break or a doubled space
# (told by `in`, which is ten times as quick as a pattern holding these characters).
_TYPOGRAPHY = ('"', "“", "”", "‘", "’", "\n", "  ")

# The keys that say what a body item is, in the order the schema lists them.
ITEM_KINDS = ("heading", "paragraph", "claim", "assessment", "quote")


@dataclass(slots=True, eq=False, repr=False)  # made for every body item: quicker than a tuple
class Item:
    """One body item: where it is, what kind it is, and its mapping."""

    pointer: Pointer
    kind: str
    data: dict[str, Any]
    in_quote: bool = False


def mapping(data: Any, key: str) -> dict[str, Any]:
    """`data[key]` when both are mappings, else an empty mapping."""
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, dict) else {}


def defines_mapping(data: Any, key: str) -> bool:
    """Whether `data[key]` is a mapping, or absent or empty (no entries, but not broken)."""
    value = data.get(key) if isinstance(data, dict) else None
    return value is None or isinstance(value, dict)


def entries(data: Any, key: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """The (id, mapping) entries of `sources` or `analysts`."""
    for entry_id, entry in mapping(data, key).items():
        if isinstance(entry, dict):
            yield entry_id, entry


def kind_of(item: dict[str, Any]) -> str | None:
    for kind in ITEM_KINDS:
        if kind in item:
            return kind
    return None


def body_items(data: Any) -> Iterator[Item]:
    """Every body item at any depth (paragraph and quote contents included), in order."""
    body = data.get("body") if isinstance(data, dict) else None
    yield from _items(body, ("body",), in_quote=False)


def _items(items: Any, pointer: Pointer, in_quote: bool) -> Iterator[Item]:
    if not isinstance(items, list):
        return
    for index, item in enumerate(items):
        if not isinstance(item, dict) or (kind := kind_of(item)) is None:
            continue
        here = (*pointer, index)
        yield Item(here, kind, item, in_quote)
        if kind == "paragraph":
            yield from _items(item["paragraph"], (*here, "paragraph"), in_quote)
        elif kind == "quote":
            yield from _items(item["quote"], (*here, "quote"), in_quote=True)


def items_of_kind(data: Any, kind: str) -> Iterator[Item]:
    return (item for item in body_items(data) if item.kind == kind)


def citations(claim: Item) -> Iterator[tuple[Pointer, str]]:
    """The source ids a claim cites, each with its pointer."""
    cited = claim.data.get("sources")
    if isinstance(cited, list):
        for index, source_id in enumerate(cited):
            if isinstance(source_id, str):
                yield (*claim.pointer, "sources", index), source_id


def is_blank(value: Any) -> bool:
    """No value at all: absent, null, empty or whitespace text, or an empty list."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, list) and not value


def describe(item: Item) -> str:
    """Name an item in a message: its kind and opening words."""
    words = item.data.get(item.kind)
    if isinstance(words, list):  # a quote whose words are claims and assessments
        words = next((i.get(kind_of(i) or "") for i in words if isinstance(i, dict)), "")
    opening = excerpt(words)
    return f"{item.kind} '{opening}'" if opening else item.kind


def texts(data: Any) -> Iterator[tuple[Pointer, str]]:
    """Every text a reader sees: the title, analysts' names and roles, sources' publishers
    and titles, and the body's headings, claims, assessments and quoted words."""
    if isinstance(data, dict) and isinstance(data.get("title"), str):
        yield ("title",), data["title"]
    for section, keys in (("analysts", ("name", "role")), ("sources", ("publisher", "title"))):
        for entry_id, entry in entries(data, section):
            for key in keys:
                if isinstance(entry.get(key), str):
                    yield (section, entry_id, key), entry[key]
    for item in body_items(data):
        value = item.data.get(item.kind)
        if isinstance(value, str):
            yield (*item.pointer, item.kind), value


class Brief:
    """One brief's data as the rules see it; walks of the body are done once and shared.
    `archive` is what the rest of the archive holds (the roster, the other briefs);
    `options` the rule options the settings give, by configuration key."""

    def __init__(
        self,
        data: Any,
        path: str = "",
        archive: Archive | None = None,
        options: Mapping[str, Any] | None = None,
    ) -> None:
        self.data = data
        self.path = path
        self.archive = archive
        self.options: Mapping[str, Any] = options or {}

    def option(self, name: str) -> Any:
        """A rule option's value: as the settings give it, else its declared default."""
        if name in self.options:
            return self.options[name]
        from wwrlint.rules import OPTIONS  # the registry imports this module: load late

        return OPTIONS[name].default

    @cached_property
    def items(self) -> list[Item]:
        return list(body_items(self.data))

    @cached_property
    def _by_kind(self) -> dict[str, list[Item]]:
        grouped: dict[str, list[Item]] = {kind: [] for kind in ITEM_KINDS}
        for item in self.items:
            grouped[item.kind].append(item)
        return grouped

    def of_kind(self, kind: str) -> list[Item]:
        return self._by_kind[kind]

    @cached_property
    def citations(self) -> list[tuple[Item, Pointer, str]]:
        """(claim, pointer, source id) for every id a claim cites."""
        return [
            (claim, pointer, source_id)
            for claim in self.of_kind("claim")
            for pointer, source_id in citations(claim)
        ]

    @cached_property
    def texts(self) -> list[tuple[Pointer, str]]:
        return list(texts(self.data))

    @cached_property
    def texts_to_proofread(self) -> list[tuple[Pointer, str]]:
        """The texts with a quotation mark, a line break or a doubled space: the only ones
        the typography rules need to look at."""
        return [(p, t) for p, t in self.texts if any(mark in t for mark in _TYPOGRAPHY)]

    def mapping(self, key: str) -> dict[str, Any]:
        return mapping(self.data, key)

    def entries(self, key: str) -> Iterator[tuple[str, dict[str, Any]]]:
        return entries(self.data, key)
