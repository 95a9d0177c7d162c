"""Places in a buffer three ways: wwrlint's (1-based lines as YAML breaks them, columns in
characters), character offsets, and the protocol's (0-based lines as LSP breaks them,
columns in the code units the client and server agreed on: UTF-16 unless told otherwise)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from wwrlint.diagnostics import Span

# YAML also breaks lines at NEL and the Unicode separators; LSP only at these.
_YAML_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_LSP_BREAKS = re.compile("\r\n|[\r\n]")

UTF16, UTF8, UTF32 = "utf-16", "utf-8", "utf-32"


def _starts(text: str, breaks: re.Pattern[str]) -> list[int]:
    return [0, *(match.end() for match in breaks.finditer(text))]


def units(text: str, encoding: str) -> int:
    """How many code units `text` takes in the encoding."""
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    if encoding == UTF32:
        return len(text)
    return len(text) + sum(1 for character in text if ord(character) > 0xFFFF)


def _characters(text: str, count: int, encoding: str) -> int:
    """How many characters of `text` the first `count` code units cover."""
    if encoding == UTF32:
        return min(count, len(text))
    taken = 0
    for index, character in enumerate(text):
        taken += units(character, encoding)
        if taken > count:
            return index
    return len(text)


@dataclass(frozen=True)
class Text:
    """A buffer's text, with its line starts both ways."""

    text: str
    encoding: str = UTF16

    @cached_property
    def _yaml_starts(self) -> list[int]:
        return _starts(self.text, _YAML_BREAKS)

    @cached_property
    def _lsp_starts(self) -> list[int]:
        return _starts(self.text, _LSP_BREAKS)

    def offset(self, line: int, column: int) -> int:
        """The offset of a 1-based YAML line and column, kept inside the text."""
        starts = self._yaml_starts
        if line > len(starts):
            return len(self.text)
        start = starts[max(line, 1) - 1]
        end = starts[line] if line < len(starts) else len(self.text)
        return min(start + max(column, 1) - 1, end)

    def yaml_place(self, offset: int) -> tuple[int, int]:
        """The 1-based YAML line and column of an offset."""
        starts = self._yaml_starts
        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    def yaml_line_end(self, line: int) -> int:
        """The offset where a 1-based YAML line's text ends, before its line break."""
        starts = self._yaml_starts
        if line >= len(starts):
            return len(self.text)
        end = starts[line]
        return end - 2 if self.text[end - 2 : end] == "\r\n" else end - 1

    def span_offsets(self, span: Span) -> tuple[int, int]:
        start = self.offset(span.line, span.column)
        return start, max(start, self.offset(span.end_line, span.end_column))

    def position(self, offset: int) -> tuple[int, int]:
        """The protocol's (line, character) of an offset."""
        starts = self._lsp_starts
        line = bisect.bisect_right(starts, offset) - 1
        return line, units(self.text[starts[line] : offset], self.encoding)

    def offset_at(self, line: int, character: int) -> int:
        """The offset of the protocol's (line, character); past the end, the end."""
        starts = self._lsp_starts
        if line >= len(starts):
            return len(self.text)
        start = starts[line]
        end = starts[line + 1] if line + 1 < len(starts) else len(self.text)
        content = self.text[start:end].rstrip("\r\n")
        return start + _characters(content, character, self.encoding)

    def line_at(self, offset: int) -> tuple[int, str]:
        """The start offset and text (without its break) of the protocol's line holding
        `offset`."""
        starts = self._lsp_starts
        line = bisect.bisect_right(starts, offset) - 1
        end = starts[line + 1] if line + 1 < len(starts) else len(self.text)
        return starts[line], self.text[starts[line] : end].rstrip("\r\n")
