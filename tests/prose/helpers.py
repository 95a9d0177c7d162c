"""What the prose tests ask of a draft: its sources, claims and quotes in a few words each,
and the round trip's word-sequence similarity."""

from __future__ import annotations

import difflib
from typing import Any

from wwrlint.brief import body_items
from wwrlint.prose.importer import import_prose
from wwrlint.prose.render import prose_text
from wwrlint.prose.text import read_prose


def imported(prose: str, name: str = "brief.txt", roster: dict[str, Any] | None = None) -> Any:
    return import_prose(prose, name, roster).data


def sources(data: Any) -> list[tuple[str, str | None]]:
    """(publisher, date) of every source, in the order the draft defines them."""
    return [(s["publisher"], s.get("date")) for s in data.get("sources", {}).values()]


def claims(data: Any) -> list[tuple[str, list[str]]]:
    """(text, publishers cited) of every claim, quoted ones included."""
    found = []
    for item in body_items(data):
        if item.kind == "claim":
            cited = [data["sources"][s]["publisher"] for s in item.data["sources"]]
            found.append((item.data["claim"], cited))
    return found


def quotes(data: Any) -> list[tuple[str | None, str]]:
    """(speaker's name or None, the quote's opening words) of every quote."""
    names = {k: v["name"] for k, v in data.get("analysts", {}).items()}
    found = []
    for item in body_items(data):
        if item.kind == "quote":
            words = item.data["quote"]
            if isinstance(words, list):
                words = " ".join(str(next(iter(i.values()))) for i in words)
            found.append((names.get(item.data.get("analyst"), item.data.get("analyst")), words))
    return found


def prose_words(raw: str, name: str) -> list[str]:
    """The words of a prose text after the importer's documented repairs (line wraps undone,
    runs of spaces made one, typed apostrophes, Markdown links and emphasis)."""
    prose = read_prose(raw, name.lower().endswith((".md", ".markdown")))
    parts = [prose.title or ""] + [block.text for block in prose.blocks]
    if prose.notes:
        parts += ["Notes"] + [f"[{number}] {text}" for number, text in prose.notes.items()]
    return " ".join(parts).split()


def similarity(raw: str, name: str) -> float:
    """Word-sequence similarity of render(import(text)) with the text (difflib's ratio: twice
    the words in matching runs over the words of both)."""
    data = import_prose(raw, name).data
    titled = read_prose(raw, name.lower().endswith((".md", ".markdown"))).title is not None
    rendered = prose_text(data, title=titled).split()
    matcher = difflib.SequenceMatcher(None, prose_words(raw, name), rendered, autojunk=False)
    return matcher.ratio()
