"""How a scalar's text is written in the file: a map from each character of the value to
the source characters that write it, and what new text the scalar's style can hold where.
The readers of `flowscalars` and `blockscalars` make the maps; `scalars` hands them out."""

from __future__ import annotations

import bisect
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache

from wwrlint.yamlio.spans import BREAKS

WHITE = " \t"
# What a plain scalar may not start with, and what it may not hold where the scalar may
# stand in a flow collection, or where a `:` would start a mapping value.
_PLAIN_FIRST = set("-?:,[]{}#&*!|>'\"%@`")
_PLAIN_NEVER = set(":#,[]{}")
# Characters a YAML file may hold as they are (besides tab and the line breaks).
_NOT_PRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"
)


@lru_cache(maxsize=8)
def line_starts(text: str) -> list[int]:
    """The offset where each line of the text starts."""
    return [0, *(match.end() for match in BREAKS.finditer(text))]


def offset_of(text: str, line: int, column: int) -> int:
    """The offset of a 0-based line and column (columns count characters)."""
    return line_starts(text)[line] + column


def position_of(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of an offset."""
    starts = line_starts(text)
    line = bisect.bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1


@dataclass
class ScalarMap:
    """How one scalar's value is written: pieces in value order, each covering the value
    characters from its start to the next piece's start and the source characters
    `sources[i]`. A literal piece writes each character as itself; any other piece (an
    escape, a folded line break, a doubled quote) only maps as a whole."""

    style: str  # "" for plain, or the quote or block indicator
    start: int  # the scalar's source, as offsets into the file's text
    end: int
    value: str
    value_starts: list[int] = field(default_factory=list)
    sources: list[tuple[int, int]] = field(default_factory=list)
    literal: list[bool] = field(default_factory=list)
    # Source offsets where a line's text starts or ends, where white space would be read
    # as indentation or dropped rather than kept as written.
    heads: set[int] = field(default_factory=set)
    tails: set[int] = field(default_factory=set)
    indent: int = 0  # for block scalars: the content's indentation
    # For block scalars: where each line's text starts and ends, in order.
    lines: list[tuple[int, int]] = field(default_factory=list)

    def add(self, value_start: int, source: tuple[int, int], literal: bool) -> None:
        self.value_starts.append(value_start)
        self.sources.append(source)
        self.literal.append(literal)

    def _in_a_line(self, offset: int) -> bool:
        line = bisect.bisect_right(self.lines, (offset, sys.maxsize)) - 1
        return line >= 0 and self.lines[line][0] <= offset <= self.lines[line][1]

    def _piece(self, index: int) -> int:
        """The piece that writes value character `index` (a piece of one or more)."""
        piece = bisect.bisect_right(self.value_starts, index) - 1
        while piece + 1 < len(self.value_starts) and self.value_starts[piece + 1] <= index:
            piece += 1  # past pieces that write nothing
        return piece

    def _piece_end(self, piece: int) -> int:
        starts = self.value_starts
        return starts[piece + 1] if piece + 1 < len(starts) else len(self.value)

    def start_of(self, index: int) -> int | None:
        """The source offset where value character `index` starts, or None when it is
        written inside an escape or a fold together with others."""
        if index >= len(self.value):
            return self.end_of(index)
        piece = self._piece(index)
        begin = self.value_starts[piece]
        if index == begin:
            return self.sources[piece][0]
        return self.sources[piece][0] + index - begin if self.literal[piece] else None

    def end_of(self, index: int) -> int | None:
        """The source offset right after the characters before value character `index`."""
        if index == 0:
            return self.start_of(0) if self.value else None
        piece = self._piece(index - 1)
        begin, finish = self.value_starts[piece], self._piece_end(piece)
        if index == finish:
            return self.sources[piece][1]
        return self.sources[piece][0] + index - begin if self.literal[piece] else None

    def source_range(self, start: int, end: int) -> tuple[int, int] | None:
        """The source that writes value characters `start` to `end`; for an empty range,
        the place where characters inserted there go. None where the range cuts an escape
        or a fold."""
        if not self.sources:
            return None
        if start == end:  # next to the character after, unless it is the end
            at = self.start_of(start) if start < len(self.value) else self.end_of(start)
            return (at, at) if at is not None else None
        piece = self._piece(start)
        begin = self.value_starts[piece]
        if self.literal[piece] and end <= self._piece_end(piece):  # the usual case, at once
            source = self.sources[piece][0]
            return source + start - begin, source + end - begin
        first, last = self.start_of(start), self.end_of(end)
        return (first, last) if first is not None and last is not None else None

    def write(self, text: str, content: str, start: int, end: int) -> str | None:
        """`content` as this scalar's style writes it in place of the source `start` to
        `end` of `text`, or None when the style cannot hold it there as it is."""
        if not _on_one_line(content):
            return None
        if self.style in ("|", ">") and not (self._in_a_line(start) and self._in_a_line(end)):
            return None  # an empty line's indentation is no place for text
        if not self._edges_kept(text, content, start, end):
            return None
        if self.style == "'":
            return content.replace("'", "''")
        if self.style == '"':
            return content.replace("\\", "\\\\").replace('"', '\\"')
        if self.style or self._plain_holds(text, content, start, end):
            return content
        return None

    def _edges_kept(self, text: str, content: str, start: int, end: int) -> bool:
        """Whether the lines the edit touches keep their edges: white space where a line's
        text starts would be read as indentation (or, in a folded block, keep the line
        from folding), at its end it is dropped (but in a block), and a line left empty
        joins differently."""
        heads = self.heads
        head, tail = start in heads, end in self.tails
        near = head or tail or start - 1 in heads or start - 2 in heads or start - 3 in heads
        if not near and self.style != ">":
            return True  # inside a line's text, off its edges: the usual case, at once
        if head and tail and not content:
            return False
        if self.style == ">" and self._touches_spaced(text, start, end):
            return False
        first = (content or text[end : end + 1])[:1] if head else ""
        last = (content or text[start - 1 : start])[-1:] if tail else ""
        if first in (" ", "\t") or (last in (" ", "\t") and self.style not in ("|", ">")):
            return False
        # A line that starts the document's markers at the left margin ends the document.
        for at in range(max(start - 3, 0), start + 1):
            if at in self.heads and (at == 0 or BREAKS.match(text, at - 1) is not None):
                begins = text[at:start] + content + text[end : end + 4 - (start - at)]
                if begins[:3] in ("---", "...") and begins[3:4] in ("", " ", "\t", "\r", "\n"):
                    return False
        return True

    def _touches_spaced(self, text: str, start: int, end: int) -> bool:
        """Whether an edit of a folded block starts a line's text that starts with white
        space (such a line is not folded), or joins such a line with another."""
        if start in self.heads and text[start : start + 1] in (" ", "\t"):
            return True
        if end in self.heads and text[end : end + 1] in (" ", "\t"):
            return True
        if not BREAKS.search(text, start, end):
            return False
        for offset in (start, end):
            line = bisect.bisect_right(self.lines, (offset, sys.maxsize)) - 1
            if line >= 0 and text[self.lines[line][0] : self.lines[line][0] + 1] in (" ", "\t"):
                return True
        return False

    def _plain_holds(self, text: str, content: str, start: int, end: int) -> bool:
        """Whether a plain scalar can hold `content` there: no flow indicator, no `: ` or
        ` #` with the characters around it, no indicator where a line's text starts."""
        if not _plain_content(content):
            return False
        left = text[start - 1] if start > self.start and start not in self.heads else " "
        right = text[end] if end < self.end and end not in self.tails else " "
        joined = left + content + right
        if ": " in joined or " #" in joined or ":\t" in joined:
            return False
        for at in (start - 1, start):
            if at not in self.heads or at < self.start:
                continue
            begins = (text[at:start] + content + text[end : end + 2])[:2]
            if at == self.start and begins[:1] in _PLAIN_FIRST:
                return False  # an indicator, where the text starts
            if begins[:1] in "-?:" and begins[1:2] in ("", " ", "\t"):
                return False  # a new entry, key or value, where a line's text starts
        return True


@lru_cache(maxsize=64)
def _on_one_line(content: str) -> bool:
    """Whether new text can go into a line as it is: printable, no line break."""
    return not (_NOT_PRINTABLE.search(content) or BREAKS.search(content))


@lru_cache(maxsize=64)
def _plain_content(content: str) -> bool:
    """Whether a plain scalar may hold these characters anywhere (see _PLAIN_NEVER)."""
    return "\t" not in content and not _PLAIN_NEVER & set(content.replace("#", ""))
