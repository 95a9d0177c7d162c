"""Write a brief's data as readable YAML: block style, long texts folded at a fixed width,
guessed values marked with a comment.

Every text is written by one of three writers that give it back exactly, whatever it holds:
plain only when it matches a short list of safe characters and reads as a string, folded
only when it is printable with single spaces, double-quoted (JSON's escapes, which YAML
shares) otherwise. So the draft reads back as the data (tests/prose/test_prose_emit.py
checks it over generated texts) without reading a large draft twice."""

from __future__ import annotations

import json
import re
from typing import Any

from wwrlint.loading import reads_as_text

WIDTH = 92
# What JSON leaves unescaped but a YAML scalar may not hold as it is.
_UNPRINTABLE = re.compile(
    r"[^\x20-\x7e\u00a1-\u00ac\u00ae-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
# Characters that are safe in a plain scalar written on one line.
_PLAIN = re.compile(r"[A-Za-z0-9][\w .,'’()/&+%-]*(?<! )")


def scalar(text: str) -> str:
    """One text as a one-line YAML scalar: plain when it reads back as itself, else quoted."""
    if _PLAIN.fullmatch(text) and reads_as_text(text) and ": " not in text:
        return text
    return _quoted(text)


def _quoted(text: str) -> str:
    """A double-quoted YAML scalar: JSON's form for printable text; every other character
    escaped as YAML reads it (\\t, \\xA0, \\u2028, \\U0001F600; never a surrogate pair)."""
    quoted = json.dumps(text, ensure_ascii=False)
    if text.isprintable():
        return quoted
    return _UNPRINTABLE.sub(_escape, quoted)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if code < 0x100:
        return f"\\x{code:02X}"
    return f"\\u{code:04X}" if code < 0x10000 else f"\\U{code:08X}"


def _text(text: str, indent: int, first: int) -> str:
    """A body text: on the key's line when it fits, else a folded block scalar (when folding
    keeps it exactly), else one quoted line."""
    one_line = scalar(text)
    if first + 1 + len(one_line) <= WIDTH or not _foldable(text):
        return " " + one_line
    lines = _wrap(text, WIDTH - indent)
    if lines[0].startswith("#"):
        return " " + one_line
    return " >-\n" + "\n".join(" " * indent + line for line in lines)


def _wrap(text: str, width: int) -> list[str]:
    """Words filled into lines of at most `width` characters (a longer word on its own)."""
    lines = [line.rstrip(" ") for line in _FILL[width].findall(text)]
    return lines if " ".join(lines) == text else [text]


class _Fills(dict[int, "re.Pattern[str]"]):
    """The pattern that fills lines of a width, made once for each width."""

    def __missing__(self, width: int) -> re.Pattern[str]:
        # A line is up to `width` characters ending at a space or the end, or one long word.
        pattern = re.compile(rf"[^ ].{{0,{width - 1}}}(?= |$) ?|[^ ]+ ?")
        self[width] = pattern
        return pattern


_FILL = _Fills()


def _foldable(text: str) -> bool:
    """Whether a folded block scalar gives `text` back exactly: printable, single spaces."""
    return text.isprintable() and "  " not in text and text == text.strip()


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(scalar(str(v)) for v in value) + "]"
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
            f"  {json.dumps(str(number))}: {scalar(str(text))}"
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
