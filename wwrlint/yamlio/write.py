"""YAML written by ruamel.yaml's emitter: the one scalar writer of wwrlint, and whole
documents in block style with long texts folded and comments where a value was guessed.

The emitter decides plain or quoted by a resolver of the YAML 1.2 core schema, the one
the loader reads with (`build.CORE`), so what is written plain reads back as the same
text: `no` and `2022-01-03` stay plain, `true` and `1e3` are quoted.
"""

from __future__ import annotations

import io
import re
from functools import cache
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.resolver import BaseResolver
from ruamel.yaml.scalarstring import FoldedScalarString

from wwrlint.yamlio.core import CORE

__all__ = ["CommentedMap", "CommentedSeq", "double_quoted", "dump", "folded", "scalar"]


class _CoreResolver(BaseResolver):
    """Plain scalars resolved as the loader resolves them (no timestamps, no YAML 1.1)."""

    def __init__(self, version: Any = None, loader: Any = None) -> None:
        super().__init__(loadumper=loader)


for _tag, _pattern in CORE.items():
    _CoreResolver.add_implicit_resolver(
        _tag, re.compile(f"^{_pattern.pattern}$"), [*"~nNtTfF-+.0123456789", None]
    )


@cache
def _writer(width: int) -> YAML:
    writer = YAML(typ="rt", pure=True)
    writer.Resolver = _CoreResolver
    writer.width = width
    writer.indent(mapping=2, sequence=4, offset=2)
    writer.allow_unicode = True
    writer.preserve_quotes = False
    return writer


def dump(data: Any, width: int = 92) -> str:
    """`data` (plain or ruamel's commented containers) as a YAML document in block style."""
    out = io.StringIO()
    _writer(width).dump(data, out)
    return out.getvalue()


def scalar(text: str) -> str:
    """One text as a one-line YAML scalar: plain when it reads back as itself, else quoted
    (double-quoted with escapes where the emitter would write a character that the parser
    reads as a line break or refuses)."""
    written = dump({"k": text}, width=1_000_000_000)[len("k: ") :].rstrip("\n")
    if "\n" in written or not _reads_back(written, text):
        return double_quoted(text)
    return written


def _reads_back(written: str, text: str) -> bool:
    from wwrlint.yamlio.document import load  # the loader needs nothing of the writer

    document = load("scalar.yaml", f"k: {written}\n".encode())
    return not document.problems and document.data == {"k": text}


# Characters a double-quoted scalar writes as an escape: not printable in YAML, or line
# breaks that would fold.
_ESCAPED = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def double_quoted(text: str) -> str:
    """A double-quoted scalar that reads as `text`, whatever it holds."""

    def escape(match: re.Match[str]) -> str:
        character = match.group()
        named = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0"}.get(character)
        if named is not None:
            return named
        code = ord(character)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _ESCAPED.sub(escape, quoted) + '"'


def folded(text: str) -> FoldedScalarString:
    """A text to be written as a folded block scalar (`>-`), lines cut at the width."""
    folded_text: FoldedScalarString = FoldedScalarString(text)
    return folded_text
