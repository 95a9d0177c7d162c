"""One line per diagnostic: `path:line:col: CODE [rule-name] message`."""

from __future__ import annotations

from wwrlint.diagnostics import Diagnostic
from wwrlint.reporters.base import Reporter


class TextReporter(Reporter):
    def file(self, path: str, diagnostics: list[Diagnostic]) -> None:
        for d in diagnostics:
            self.stream.write(
                f"{d.path}:{d.span.line}:{d.span.column}: {d.code} [{d.rule}] {d.message}\n"
            )
