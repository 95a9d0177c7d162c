"""Write a brief's data as readable YAML: block style, long texts folded at a fixed width,
guessed values marked with a comment.

This module lays out the mappings and lists; every text is written by the YAML layer's one
scalar writer (`yamlio.write`): plain only when it reads back as itself, folded only when
folding gives it back, double-quoted otherwise. So the draft reads back as the data
(tests/prose/test_prose_emit.py checks it over generated texts) without reading a large
draft twice."""

from __future__ import annotations

from typing import Any

from wwrlint.yamlio.write import double_quoted, folded, scalar

WIDTH = 92


def _text(text: str, indent: int, first: int) -> str:
    """A body text: on the key's line when it fits, else a folded block scalar (when folding
    keeps it exactly), else one quoted line."""
    one_line = scalar(text)
    if first + 1 + len(one_line) <= WIDTH:
        return " " + one_line
    block = folded(text, indent, WIDTH)
    return block if block is not None else " " + one_line


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(scalar(str(v), flow=True) for v in value) + "]"
    return scalar(str(value))


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
                out += [f"    {key}: {_value(value)}" for key, value in entry.items()]
    if data.get("notes"):
        out += ["", "notes:"]
        out += [
            f"  {double_quoted(str(number))}: {scalar(str(text))}"
            for number, text in data["notes"].items()
        ]
    out += ["", "body:"]
    out += _items(data["body"], indent=2)
    return "\n".join(out) + "\n"


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
            elif isinstance(value, dict) and not value:
                lines.append(f"{lead}{key}: {{}}")
            elif isinstance(value, dict):
                lines.append(f"{lead}{key}:")
                for inner, inner_value in value.items():
                    prefix = f"{pad}    {inner}:"
                    if isinstance(inner_value, str):
                        lines.append(prefix + _text(inner_value, indent + 6, len(prefix)))
                    else:
                        lines.append(f"{prefix} {_value(inner_value)}")
            elif isinstance(value, (list, bool)):
                lines.append(f"{lead}{key}: {_value(value)}")
            else:
                prefix = f"{lead}{key}:"
                lines.append(prefix + _text(str(value), indent + 4, len(prefix)))
    return lines
