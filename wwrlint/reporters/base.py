"""What every reporter offers, and the run summary they are given at the end."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TextIO

from wwrlint.diagnostics import Diagnostic


@dataclass
class Summary:
    """Counts for one run of `wwrlint check`."""

    files: int = 0
    files_with_problems: int = 0
    errors: int = 0
    warnings: int = 0

    def add(self, diagnostics: list[Diagnostic]) -> None:
        self.files += 1
        self.files_with_problems += bool(diagnostics)
        for diagnostic in diagnostics:
            if diagnostic.severity == "error":
                self.errors += 1
            else:
                self.warnings += 1

    def sentence(self) -> str:
        briefs = f"{self.files} brief{'s' if self.files != 1 else ''}"
        if not self.errors and not self.warnings:
            return f"All checks passed ({briefs})."
        return (
            f"Found {_count(self.errors, 'error')} and {_count(self.warnings, 'warning')} "
            f"in {self.files_with_problems} of {briefs}."
        )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' if number != 1 else ''}"


class Reporter:
    """Base reporter: write each file's diagnostics as they come, then finish."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def file(self, path: str, diagnostics: list[Diagnostic]) -> None:
        raise NotImplementedError

    def finish(self, summary: Summary) -> None:
        """Close the output; formats that need a whole document write its end here."""
