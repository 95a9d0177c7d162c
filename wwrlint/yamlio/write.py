"""The one scalar writer of wwrlint: a text as a YAML scalar that reads back as that very
text, on one line (plain or double-quoted) or folded at a width. `wwrlint new`, `import`
drafts (`prose/emit.py`, which lays out the mapping around the scalars) and fixes that
write a scalar anew (`fixing.py`) all write through it.

What is written plain is made only of characters a plain scalar holds as they are, and
reads back as text by the YAML 1.2 core schema the loader reads with (`core.CORE`): `no`
and `2022-01-03` stay plain, `true` and `1e3` are quoted. ruamel.yaml's emitter makes the
same choices, but writes a draft 36 times slower than this (docs/performance.md), which
puts a 4 MB import out of the time a run may take.
"""

from __future__ import annotations

import re

from wwrlint.yamlio.core import reads_as_text

__all__ = ["double_quoted", "folded", "scalar"]

# Characters that are safe in a plain scalar written on one line: no indicator first, no
# `: `, ` #` or bracket anywhere, no space last (and, in a flow collection, no comma).
_PLAIN = re.compile(r"[A-Za-z0-9][\w .,'’()/&+%-]*(?<! )")


def scalar(text: str, flow: bool = False) -> str:
    """One text as a one-line YAML scalar, in block style or inside a flow collection:
    plain when it reads back as itself, else double-quoted."""
    if _PLAIN.fullmatch(text) and not (flow and "," in text) and reads_as_text(text):
        return text
    return double_quoted(text)


# Characters a double-quoted scalar writes as an escape: not printable in YAML, tabs, line
# breaks that would fold, and spaces and hyphens a reader would not see.
_ESCAPED = re.compile("[\x00-\x1f\x7f-\x9f\xa0\xad\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0"}


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    named = _NAMED.get(character)
    if named is not None:
        return named
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def double_quoted(text: str) -> str:
    """A double-quoted scalar that reads as `text`, whatever it holds."""
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _ESCAPED.sub(_escape, quoted) + '"'


def folded(text: str, indent: int, width: int) -> str | None:
    """`text` as a folded block scalar (`>-`, then its lines at `indent` spaces, each at
    most `width` characters where its words allow), to follow a key; None where folding
    would not give the text back (not printable, doubled or edge spaces, a first line that
    would read as a comment)."""
    if not (text.isprintable() and "  " not in text and text == text.strip()):
        return None
    lines = [line.rstrip(" ") for line in _FILL[width - indent].findall(text)]
    if " ".join(lines) != text:  # a word longer than the width: one line
        lines = [text]
    if lines[0].startswith("#"):
        return None
    return " >-\n" + "\n".join(" " * indent + line for line in lines)


class _Fills(dict[int, "re.Pattern[str]"]):
    """The pattern that fills lines of a width, made once for each width."""

    def __missing__(self, width: int) -> re.Pattern[str]:
        # A line is up to `width` characters ending at a space or the end, or one long word.
        pattern = re.compile(rf"[^ ].{{0,{width - 1}}}(?= |$) ?|[^ ]+ ?")
        self[width] = pattern
        return pattern


_FILL = _Fills()
