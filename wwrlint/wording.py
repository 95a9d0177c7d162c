"""How messages show what a brief says: values quoted safely, texts shortened, typos hinted."""

from __future__ import annotations

import functools
import re
from collections.abc import Container, Iterable
from typing import Any

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# What a terminal would act on rather than show: C0 and C1 controls (ANSI escapes start
# with one), the line and paragraph separators, and the bidirectional controls that can
# make a line read otherwise than it is (CVE-2021-42574, "Trojan Source").
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def _escape(found: re.Match[str]) -> str:
    character = found.group()
    if character in _ESCAPES:
        return _ESCAPES[character]
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """Text safe to print on a terminal: what it would act on (see _UNSAFE) written as
    escapes such as `\\x1b` and `\\u202e`; everything else as it is."""
    if text.isprintable():  # nothing to escape: every character of _UNSAFE is unprintable
        return text
    return _UNSAFE.sub(_escape, text)


def quoted(value: Any, limit: int = 60) -> str:
    """A value from the brief in single quotes, on one line, free of control characters and
    no longer than `limit` characters, so that a message stays one safe line."""
    text = printable(str(value))
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
    ranked = _ranked(str(word), tuple(str(c) for c in choices))
    return ranked[0][1] if ranked else None


def closest_free(
    word: Any, choices: Iterable[Any], taken: Container[str]
) -> tuple[str | None, str | None]:
    """What `word` was meant to be among `choices`, when it is one not `taken`: (the choice
    meant, or None; the closest choice, taken or not). Of choices as close as the closest,
    one not taken is meant: 'dote' beside 'note' is a misspelt 'date'; 'dates' beside
    'date' is no misspelt 'notes', which is less like it."""
    ranked = _ranked(str(word), tuple(str(c) for c in choices))
    best = [choice for score, choice in ranked if score == ranked[0][0]] if ranked else []
    return next((c for c in best if c not in taken), None), best[0] if best else None


@functools.lru_cache(maxsize=4096)
def _ranked(word: str, choices: tuple[str, ...]) -> tuple[tuple[float, str], ...]:
    """The choices close enough to `word` to be what was meant, the closest first, each
    with its likeness. Remembered: a brief with the same slip thousands of times (a
    misspelt key in every source) asks the same question each time, and difflib's answer
    costs 0.1 ms."""
    import difflib  # only when there is something to hint at

    if not choices:
        return ()
    close = difflib.get_close_matches(word, choices, n=len(choices), cutoff=0.6)
    matcher = difflib.SequenceMatcher(b=word)
    scored = []
    for choice in close:
        matcher.set_seq1(choice)
        scored.append((matcher.ratio(), choice))
    return tuple(scored)


def did_you_mean(word: Any, choices: Iterable[Any]) -> str:
    """A "; did you mean 'x'?" hint when one of `choices` is close to `word`."""
    close = closest(word, choices)
    return f"; did you mean {quoted(close)}?" if close is not None else ""


def count(number: int, noun: str, plural: str | None = None) -> str:
    """'0 claims', '1 claim', '2 claims'; '1 fix', '2 fixes'."""
    if number == 1:
        return f"{number} {noun}"
    if plural is None:
        plural = noun + ("es" if noun.endswith(("s", "x", "z", "ch", "sh")) else "s")
    return f"{number} {plural}"


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
