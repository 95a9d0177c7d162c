"""Write a brief's data as readable YAML: block style, long texts folded at a fixed width,
guessed values marked with a comment. The result is checked by reading it back."""

from __future__ import annotations

import json
import re
import textwrap
from typing import Any

from wwrlint.loading import load, reads_as_text

WIDTH = 92
# Characters that are safe in a plain scalar written on one line.
_PLAIN = re.compile(r"[A-Za-z0-9][\w .,'’()/&+%-]*(?<! )")


def scalar(text: str) -> str:
    """One text as a one-line YAML scalar: plain when it reads back as itself, else quoted."""
    if _PLAIN.fullmatch(text) and reads_as_text(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _text(text: str, indent: int, first: int) -> str:
    """A body text: on the key's line when it fits, else a folded block scalar."""
    if first + len(scalar(text)) <= WIDTH:
        return " " + scalar(text)
    lines = textwrap.wrap(text, WIDTH - indent, break_long_words=False, break_on_hyphens=False)
    return " >-\n" + "\n".join(" " * indent + line for line in lines)


def dump(data: dict[str, Any], header: list[str], guessed: dict[str, str]) -> str:
    """The brief as YAML text; `header` lines become the leading comment."""
    out = [f"# {line}".rstrip() for line in header]
    for key in ("id", "title", "date"):
        comment = f"  # TODO: {guessed[key]}" if key in guessed else ""
        out.append(f"{key}: {scalar(str(data[key]))}{comment}")
    for section in ("analysts", "sources"):
        if section in data and not data[section]:
            out += ["", f"{section}: {{}}"]
        elif section in data:
            out += ["", f"{section}:"]
            for entry_id, entry in data[section].items():
                out.append(f"  {entry_id}:")
                out += [f"    {key}: {scalar(str(value))}" for key, value in entry.items()]
    out += ["", "body:"]
    out += _items(data["body"], indent=2)
    text = "\n".join(out) + "\n"
    if load("draft.yaml", text.encode()).data != data:
        raise AssertionError("the YAML written does not read back as the draft")
    return text


def _items(items: list[dict[str, Any]], indent: int) -> list[str]:
    lines: list[str] = []
    pad = " " * indent
    for item in items:
        first = True
        for key, value in item.items():
            lead = f"{pad}- " if first else f"{pad}  "
            first = False
            if isinstance(value, list) and key in ("paragraph", "quote"):
                lines.append(f"{lead}{key}:")
                lines += _items(value, indent + 4)
            elif isinstance(value, list):
                lines.append(f"{lead}{key}: [{', '.join(scalar(v) for v in value)}]")
            else:
                prefix = f"{lead}{key}:"
                lines.append(prefix + _text(str(value), indent + 4, len(prefix)))
    return lines
