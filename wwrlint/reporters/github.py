"""GitHub Actions workflow commands: one `::error` or `::warning` annotation per diagnostic."""

from __future__ import annotations

from wwrlint.diagnostics import Diagnostic
from wwrlint.reporters.paths import MachineReporter, reason
from wwrlint.wording import printable


def escape_data(text: str) -> str:
    """Text for a workflow command: what the log would act on (ANSI escapes, bidi
    controls) escaped visibly, then what the command syntax needs percent-encoded."""
    return printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(MachineReporter):
    """Annotations name files relative to the repository's root, as GitHub expects."""

    def file(self, path: str, diagnostics: list[Diagnostic]) -> None:
        for d in diagnostics:
            properties = ",".join(
                f"{key}={escape_property(str(value))}"
                for key, value in (
                    ("file", self.paths(d.path)),
                    ("line", d.span.line),
                    ("col", d.span.column),
                    ("endLine", d.span.end_line),
                    ("endColumn", d.span.end_column),
                    ("title", f"{d.code} [{d.rule}]"),
                )
            )
            self.stream.write(f"::{d.severity} {properties}::{escape_data(self.message(d))}\n")

    def problem(self, path: str, message: str) -> None:
        where = f"file={escape_property(self.paths(path))}," if path else ""
        text = escape_data(reason(path, message))
        self.stream.write(f"::error {where}title=wwrlint could not check a file::{text}\n")
