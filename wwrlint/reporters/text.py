"""Text output: one line per diagnostic (`text`, alias `concise`), or that line followed by
the offending line of the brief (a window of it, when it is long) with a caret under the
column (`full`)."""

from __future__ import annotations

from wwrlint.diagnostics import Diagnostic
from wwrlint.reporters.base import Reporter, with_related
from wwrlint.wording import printable

_RESET = "\033[0m"
_STYLE = {"path": "\033[1m", "error": "\033[1;31m", "warning": "\033[1;33m", "dim": "\033[2m"}


class TextReporter(Reporter):
    def paint(self, text: str, style: str) -> str:
        return f"{_STYLE[style]}{text}{_RESET}" if self.color else text

    def headline(self, d: Diagnostic) -> str:
        # Names and texts come from the briefs: escaped, never acted on by the terminal.
        where = self.paint(f"{printable(d.path)}:{d.span.line}:{d.span.column}:", "path")
        message = printable(with_related(d))
        # As in ruff: [*] marks a finding that --fix fixes (with the fixes this run applies).
        fixable = "[*] " if d.fix is not None and d.fix.applies(self.unsafe_fixes) else ""
        return f"{where} {self.paint(d.code, d.severity)} [{d.rule}] {fixable}{message}\n"

    def file(self, path: str, diagnostics: list[Diagnostic]) -> None:
        for diagnostic in diagnostics:
            self.stream.write(self.headline(diagnostic))


class FullReporter(TextReporter):
    def file(self, path: str, diagnostics: list[Diagnostic]) -> None:
        for d in diagnostics:
            self.stream.write(self.headline(d))
            self.stream.write(self.excerpt(d) if d.context else "\n")

    def excerpt(self, d: Diagnostic) -> str:
        """The diagnostic's line with a caret under the column; of a long line, a window
        around the column with `…` where the line goes on."""
        # Only `full` shows lines: `text`, the default off a terminal, never loads these.
        from wwrlint.excerpt import excerpt

        number = str(d.span.line)
        gutter = self.paint(" " * len(number) + " |", "dim")
        shown = excerpt(d.context, d.context_column, d.span.column)
        line = shown.text.expandtabs(1)
        start = d.span.column - shown.column
        end = d.span.end_column - shown.column if d.span.end_line == d.span.line else len(line)
        marks = "^" * max(1, len(printable(line[start:end])))
        before = self.paint("…", "dim") if shown.cut_before else ""
        after = self.paint("…", "dim") if shown.cut_after else ""
        indent = " " if shown.cut_before else ""
        return (
            f"{gutter}\n"
            f"{self.paint(number + ' |', 'dim')} {before}{printable(line)}{after}\n"
            f"{gutter} {indent}{_pad(printable(line[:start]))}{self.paint(marks, d.severity)}\n\n"
        )


def _pad(text: str) -> str:
    """Spaces as wide on screen as `text` (wide characters take two columns)."""
    import unicodedata

    return "".join("  " if unicodedata.east_asian_width(c) in "WF" else " " for c in text)
