"""The facts of YAML that wwrlint reads by, free of any YAML library: the YAML 1.2 core
schema (how a plain scalar resolves), the limits of a brief, and where lines break."""

from __future__ import annotations

import math
import re
from typing import Any

TAG = "tag:yaml.org,2002:"
# The tag the composer gives plain scalars; the builder resolves them by the core schema.
PLAIN = "!wwrlint/plain"
STR, SEQ, MAP = TAG + "str", TAG + "seq", TAG + "map"

# Line breaks as YAML counts them (libyaml's marks count these too).
BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def split_lines(text: str) -> list[str]:
    """The lines of a text, split where YAML splits lines."""
    return BREAKS.split(text)


# Limits that keep hostile input cheap: briefs are shallow and small.
MAX_DEPTH = 64
MAX_VALUES = 200_000

INT, FLOAT, BOOL, NULL = (TAG + name for name in ("int", "float", "bool", "null"))

# The YAML 1.2 core schema: how plain scalars resolve, and what an explicit tag accepts.
CORE = {
    NULL: re.compile(r"(?:~|null|Null|NULL|)"),
    BOOL: re.compile(r"(?:true|True|TRUE|false|False|FALSE)"),
    INT: re.compile(r"(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)"),
    FLOAT: re.compile(
        r"(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))"
    ),
}
# Only a plain scalar starting with one of these can be anything but text.
_NOT_ALWAYS_TEXT = frozenset("~nNtTfF-+.0123456789")


def reads_as_text(plain: str) -> bool:
    """Whether a plain scalar reads back as this very text (not a number, bool or null)."""
    return not any(pattern.fullmatch(plain) for pattern in CORE.values())


def resolve_plain(value: str) -> Any:
    """The value of a plain scalar by the core schema; ValueError for an integer too long
    for Python to read."""
    if value and value[0] not in _NOT_ALWAYS_TEXT:
        return value
    for tag, pattern in CORE.items():
        if pattern.fullmatch(value):
            return construct(tag, value)
    return value


def construct(tag: str, text: str) -> Any:
    """The value of a scalar that matches its core schema pattern."""
    if tag == NULL:
        return None
    if tag == BOOL:
        return text.lower() == "true"
    if tag == INT:
        if text.startswith(("0o", "0x")):
            return int(text[2:], 8 if text[1] == "o" else 16)
        return int(text, 10)
    lowered = text.lower()
    if lowered.endswith(".inf"):
        return -math.inf if lowered.startswith("-") else math.inf
    if lowered == ".nan":
        return math.nan
    return float(text)
