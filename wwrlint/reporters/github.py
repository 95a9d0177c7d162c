"""GitHub Actions workflow commands: one `::error` or `::warning` annotation per diagnostic."""

from __future__ import annotations

from wwrlint.diagnostics import Diagnostic
from wwrlint.reporters.base import Reporter, with_related


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    def file(self, path: str, diagnostics: list[Diagnostic]) -> None:
        for d in diagnostics:
            properties = ",".join(
                f"{key}={escape_property(str(value))}"
                for key, value in (
                    ("file", d.path),
                    ("line", d.span.line),
                    ("col", d.span.column),
                    ("endLine", d.span.end_line),
                    ("endColumn", d.span.end_column),
                    ("title", f"{d.code} [{d.rule}]"),
                )
            )
            self.stream.write(f"::{d.severity} {properties}::{escape_data(with_related(d))}\n")
