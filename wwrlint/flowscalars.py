"""Where each character of a plain, single-quoted or double-quoted scalar is written:
lines folded into one, escapes and doubled quotes read, into a `ScalarMap`."""

from __future__ import annotations

import re

from wwrlint.scalarmap import WHITE, ScalarMap
from wwrlint.yamlio.spans import BREAKS

_ESCAPES = {
    "0": "\x00", "a": "\x07", "b": "\x08", "t": "\t", "\t": "\t", "n": "\n", "v": "\x0b",
    "f": "\x0c", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\",
    "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_HEX_LENGTH = {"x": 2, "u": 4, "U": 8}
# By style: the characters that do not write themselves.
_SPECIAL = {
    "": re.compile("[\r\n\x85\u2028\u2029]"),
    "'": re.compile("[\r\n\x85\u2028\u2029']"),
    '"': re.compile("[\r\n\x85\u2028\u2029\\\\]"),
}


def flow_map(text: str, start: int, end: int, style: str, value: str) -> ScalarMap | None:
    """Plain and quoted scalars: lines folded into one, escapes and doubled quotes read."""
    inner = (start, end)
    if style:
        if end - start < 2 or text[start] != style or text[end - 1] != style:
            return None
        inner = (start + 1, end - 1)
    found = ScalarMap(style, start, end, value)
    if not style:
        found.heads.add(start)
        found.tails.add(end)
    reader = _FlowReader(text, found)
    try:
        reader.read(*inner)
    except (IndexError, KeyError, ValueError):
        return None
    return found if "".join(reader.parts) == value else None


class _FlowReader:
    """Reads a plain or quoted scalar's source into its map's pieces."""

    def __init__(self, text: str, found: ScalarMap) -> None:
        self.text = text
        self.found = found
        self.parts: list[str] = []
        self.length = 0
        self.run = -1  # where the literal run being read started, or -1

    def emit(self, value: str, source: tuple[int, int], literal: bool) -> None:
        self.found.add(self.length, source, literal)
        self.parts.append(value)
        self.length += len(value)

    def flush(self, upto: int) -> None:
        if self.run >= 0 and upto > self.run:
            self.emit(self.text[self.run : upto], (self.run, upto), True)
        self.run = -1

    def read(self, begin: int, finish: int) -> None:
        text, style, index = self.text, self.found.style, begin
        special = _SPECIAL[style]
        while index < finish:
            # Characters that write themselves, up to the next that does not, in one step.
            found = special.search(text, index, finish)
            upto = found.start() if found is not None else finish
            if upto > index and self.run < 0:
                self.run = index
            index = upto
            if found is None:
                break
            if BREAKS.match(text, index):
                # White space before a line break is dropped, unless an escape wrote it.
                fold_start, lowest = index, self.run if self.run >= 0 else index
                while fold_start > lowest and text[fold_start - 1] in WHITE:
                    fold_start -= 1
                self.flush(fold_start)
                self.found.tails.add(fold_start)
                index = self.fold(fold_start, index, finish)
            elif style == '"':
                self.flush(index)
                index = self.escape(index, finish)
            else:  # a doubled quote in a single-quoted text
                self.flush(index)
                self.emit("'", (index, index + 2), False)
                index += 2
        self.flush(finish)

    def fold(self, fold_start: int, index: int, finish: int) -> int:
        """Read a line break (at `index`) and the empty lines after it: one space, or a
        line feed for each empty line."""
        brk = BREAKS.match(self.text, index)
        assert brk is not None
        empty, index = self.empty_lines(brk.end(), finish)
        self.emit("\n" * empty if empty else " ", (fold_start, index), False)
        return index

    def empty_lines(self, index: int, finish: int) -> tuple[int, int]:
        """How many empty lines follow a line break, and where the next line's text starts."""
        text, empty = self.text, 0
        while True:
            while index < finish and text[index] in WHITE:
                index += 1
            brk = BREAKS.match(text, index) if index < finish else None
            if brk is None:
                self.found.heads.add(index)
                return empty, index
            empty, index = empty + 1, brk.end()

    def escape(self, index: int, finish: int) -> int:
        text = self.text
        code = text[index + 1]
        brk = BREAKS.match(text, index + 1)
        if brk is not None:
            return self._escaped_break(index, brk.end(), finish)
        if code in _HEX_LENGTH:
            digits = text[index + 2 : index + 2 + _HEX_LENGTH[code]]
            if len(digits) != _HEX_LENGTH[code] or not re.fullmatch("[0-9a-fA-F]+", digits):
                raise ValueError(digits)
            self.emit(chr(int(digits, 16)), (index, index + 2 + len(digits)), False)
            return index + 2 + len(digits)
        self.emit(_ESCAPES[code], (index, index + 2), False)
        return index + 2

    def _escaped_break(self, index: int, after: int, finish: int) -> int:
        """A backslash at a line's end joins the lines with nothing between them, but an
        empty line after it still reads as a line feed."""
        empty, at = self.empty_lines(after, finish)
        self.emit("\n" * empty, (index, at), False)
        return at
