"""Where each character of a literal (`|`) or folded (`>`) block scalar is written, into a
`ScalarMap`, and what a literal block would read as folded."""

from __future__ import annotations

import re
from dataclasses import dataclass

from wwrlint.scalarmap import ScalarMap
from wwrlint.yamlio.spans import BREAKS

# The indicator, then an indentation digit and a chomping sign in either order.
_HEADER = re.compile(r"([|>])([1-9][+-]?|[+-][1-9]?)?")


@dataclass(frozen=True)
class _Line:
    start: int
    end: int  # before its line break
    has_break: bool


def block_map(text: str, start: int, end: int, value: str) -> ScalarMap | None:
    """The map of the block scalar written from `start` to `end`, if it reads as `value`."""
    header = _HEADER.match(text, start, end)
    if header is None:
        return None
    style, flags = header.group(1), header.group(2) or ""
    lines = _lines(text, header.end(), end)
    if not lines:
        return ScalarMap(style, start, end, value) if value == "" else None
    for indent in _indents(text, lines, flags):
        found = _read(text, lines, style, flags, indent, ScalarMap(style, start, end, value))
        if found is not None and found[1] == value:
            return found[0]
    return None


def folded_reading(text: str, found: ScalarMap) -> str | None:
    """What a literal block scalar would read as with `>` for its `|`."""
    header = _HEADER.match(text, found.start, found.end)
    lines = _lines(text, header.end(), found.end) if header is not None else None
    if header is None or not lines:
        return None
    read = _read(text, lines, ">", header.group(2) or "", found.indent, None)
    return read[1] if read is not None else None


def _lines(text: str, header_end: int, end: int) -> list[_Line] | None:
    """The lines after the header line (none: None); a last line of spaces without a
    break is where the next line's indentation begins, not the scalar's."""
    brk = BREAKS.search(text, header_end, end)
    if brk is None:
        return None
    lines, index = [], brk.end()
    while index < end:
        following = BREAKS.search(text, index, end)
        if following is None:
            if text[index:end].strip(" "):
                lines.append(_Line(index, end, False))
            break
        lines.append(_Line(index, following.start(), True))
        index = following.end()
    return lines


def _spaces(text: str, line: _Line) -> int:
    index = line.start
    while index < line.end and text[index] == " ":
        index += 1
    return index - line.start


def _indents(text: str, lines: list[_Line], flags: str) -> list[int]:
    """The indentations the content may have: detected from the first line with text, or
    the indicator's digit plus any indentation of the parent (which a node does not tell)."""
    lead = next(
        (_spaces(text, line) for line in lines if text[line.start : line.end].strip(" ")),
        max((line.end - line.start for line in lines), default=0),
    )
    digit = next((int(flag) for flag in flags if flag.isdigit()), 0)
    return list(range(digit, lead + 1)) if digit else [lead]


def _read(
    text: str, lines: list[_Line], style: str, flags: str, indent: int, found: ScalarMap | None
) -> tuple[ScalarMap | None, str] | None:
    """The value the lines read as with this indentation, and their map when one is given;
    None when a line with text is indented less."""
    content: list[_Line] = []
    gaps: list[int] = []  # empty lines before each content line
    empty = 0
    for line in lines:
        if line.end - line.start <= indent and not text[line.start : line.end].strip(" "):
            empty += 1
        elif _spaces(text, line) < indent:
            return None
        else:
            content.append(line)
            gaps.append(empty)
            empty = 0
    parts: list[str] = []
    length = 0

    def emit(piece: str, source: tuple[int, int], literal: bool) -> None:
        nonlocal length
        if found is not None:
            found.add(length, source, literal)
        parts.append(piece)
        length += len(piece)

    if found is not None:
        found.indent = indent
    first = lines[0].start
    for number, line in enumerate(content):
        head = line.start + indent
        if number == 0:
            emit("\n" * gaps[0], (first, head), False)
        else:
            before = content[number - 1]
            emit(_joint(text, before, line, gaps[number], style, indent), (before.end, head), False)
        emit(text[head : line.end], (head, line.end), True)
        if found is not None:
            found.heads.add(head)
            found.tails.add(line.end)
            found.lines.append((head, line.end))
    chomp = "-" if "-" in flags else "+" if "+" in flags else ""
    breaks = (int(content[-1].has_break) if content else 0) + empty
    tail = "" if chomp == "-" else "\n" * breaks if chomp == "+" else "\n"[: min(breaks, 1)]
    if not content and chomp != "+":
        tail = ""
    last = content[-1].end if content else first
    emit(tail, (last, found.end if found is not None else last), False)
    return found, "".join(parts)


def _joint(text: str, before: _Line, after: _Line, empty: int, style: str, indent: int) -> str:
    """What the line break between two content lines (and the empty lines between them)
    reads as: line feeds, or in a folded block between two lines of text, a space."""
    spaced = any(
        text[line.start + indent : line.end][:1] in (" ", "\t") for line in (before, after)
    )
    if style == ">" and not spaced:
        return "\n" * empty if empty else " "
    return "\n" * (empty + 1)
