"""What output shows of a finding's line: all of it, or a window around the finding's column
when the line is long.

A brief can be one line of megabytes with thousands of findings on it; showing or keeping
that line with each of them made output grow with findings × line length (7.6 GB of
`full` output for a 689 KB brief). A window keeps it to findings × SHOWN.
"""

from __future__ import annotations

from dataclasses import dataclass

# The most characters of a line shown with a finding, and how many of them come before the
# finding's column when the line has to be cut.
SHOWN = 160
BEFORE = 40


@dataclass(frozen=True, slots=True)
class Excerpt:
    """Part of a line: its text, the column of its first character, and whether the line
    goes on before or after it."""

    text: str
    column: int
    cut_before: bool
    cut_after: bool


def _start(length: int, at: int) -> int:
    """Where a window of SHOWN characters of a text of `length` starts, for a finding at
    offset `at`: BEFORE characters ahead of it, but within the text."""
    return max(0, min(at - BEFORE, length - SHOWN))


def excerpt(text: str, first: int, column: int) -> Excerpt:
    """What to show of `text`, part of a line that starts at column `first` of it, for a
    finding at `column`: all of it when it is short, else a window around the column."""
    if len(text) <= SHOWN:
        return Excerpt(text, first, first > 1, False)
    start = _start(len(text), column - first)
    shown = text[start : start + SHOWN]
    return Excerpt(shown, first + start, first + start > 1, start + SHOWN < len(text))


def context(line: str, column: int) -> tuple[str, int]:
    """What a diagnostic keeps of its line, and the column where that starts: the window
    `excerpt` would show, plus the line's next character when it goes on, so that an
    excerpt of what is kept is the same window, cut where the line was cut."""
    if len(line) <= SHOWN:
        return line, 1
    start = _start(len(line), column - 1)
    return line[start : start + SHOWN + 1], start + 1
