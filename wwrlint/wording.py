"""How messages show what a brief says: values quoted safely, texts shortened, typos hinted."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def quoted(value: Any, limit: int = 60) -> str:
    """A value from the brief in single quotes, on one line, free of control characters and
    no longer than `limit` characters, so that a message stays one safe line."""
    text = "".join(
        _ESCAPES.get(c, f"\\x{ord(c):02x}" if c < " " or "\x7f" <= c < "\xa0" else c)
        for c in str(value)
    )
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{text}'"


def excerpt(text: Any, words: int = 6) -> str:
    """The first few words of a text, to name a claim or quote in a message."""
    if not isinstance(text, str):
        return ""
    parts = text.split()
    opening = " ".join(parts[:words])
    return quoted(opening + ("…" if len(parts) > words else ""), limit=60)[1:-1]


def closest(word: Any, choices: Iterable[Any]) -> str | None:
    """The one of `choices` close enough to `word` to be what was meant, if any."""
    import difflib  # only when there is something to hint at

    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: Any, choices: Iterable[Any]) -> str:
    """A "; did you mean 'x'?" hint when one of `choices` is close to `word`."""
    close = closest(word, choices)
    return f"; did you mean {quoted(close)}?" if close is not None else ""


def count(number: int, noun: str) -> str:
    """'1 claim', '2 claims'."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def what_is(value: Any) -> str:
    """What kind of value a brief holds, for "must be text, not a list"."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return f"the number {quoted(value)[1:-1]}"
    if isinstance(value, str):
        return "text"
    return "a list" if isinstance(value, list) else "a mapping"
