"""Text output: one line per diagnostic (`text`, alias `concise`), or that line followed by
the offending line of the brief with a caret under the column (`full`)."""

from __future__ import annotations

import unicodedata

from wwrlint.diagnostics import Diagnostic
from wwrlint.reporters.base import Reporter, with_related

_RESET = "\033[0m"
_STYLE = {"path": "\033[1m", "error": "\033[1;31m", "warning": "\033[1;33m", "dim": "\033[2m"}


class TextReporter(Reporter):
    def paint(self, text: str, style: str) -> str:
        return f"{_STYLE[style]}{text}{_RESET}" if self.color else text

    def headline(self, d: Diagnostic) -> str:
        where = self.paint(f"{d.path}:{d.span.line}:{d.span.column}:", "path")
        return f"{where} {self.paint(d.code, d.severity)} [{d.rule}] {with_related(d)}\n"

    def file(self, path: str, diagnostics: list[Diagnostic]) -> None:
        for diagnostic in diagnostics:
            self.stream.write(self.headline(diagnostic))


class FullReporter(TextReporter):
    def file(self, path: str, diagnostics: list[Diagnostic]) -> None:
        for d in diagnostics:
            self.stream.write(self.headline(d))
            if not d.context:
                self.stream.write("\n")
                continue
            number = str(d.span.line)
            gutter = self.paint(" " * len(number) + " |", "dim")
            line = d.context.expandtabs(1)
            start = d.span.column - 1
            end = d.span.end_column - 1 if d.span.end_line == d.span.line else len(line)
            marks = "^" * max(1, end - start)
            self.stream.write(
                f"{gutter}\n"
                f"{self.paint(number + ' |', 'dim')} {line}\n"
                f"{gutter} {_pad(line[:start])}{self.paint(marks, d.severity)}\n\n"
            )


def _pad(text: str) -> str:
    """Spaces as wide on screen as `text` (wide characters take two columns)."""
    return "".join("  " if unicodedata.east_asian_width(c) in "WF" else " " for c in text)
