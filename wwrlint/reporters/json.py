"""A JSON array of diagnostic objects, written as the files are checked; files are named
relative to their repository's root (`reporters.paths`)."""

from __future__ import annotations

from typing import Any

from wwrlint.diagnostics import Diagnostic, Fix, Pointer
from wwrlint.reporters.base import Summary
from wwrlint.reporters.paths import MachineReporter, as_json, reason


def json_pointer(pointer: Pointer) -> str:
    """RFC 6901 form of a data pointer: `/sources/dawn-2022-01-03/date`."""
    return "".join("/" + str(step).replace("~", "~0").replace("/", "~1") for step in pointer)


def fix_item(fix: Fix) -> dict[str, Any]:
    """A fix as ruff's JSON gives one: what it does, how safe it is, and its edits of the
    file (1-based lines and columns, the end exclusive; an empty range inserts)."""
    return {
        "message": fix.description,
        "applicability": fix.applicability,
        "edits": [
            {
                "line": edit.span.line,
                "column": edit.span.column,
                "end_line": edit.span.end_line,
                "end_column": edit.span.end_column,
                "content": edit.content,
            }
            for edit in fix.edits
        ],
    }


class JsonReporter(MachineReporter):
    """Streams one JSON array; subclasses choose what each item looks like."""

    _written = 0

    def item(self, d: Diagnostic) -> dict[str, Any]:
        item: dict[str, Any] = {
            "path": self.paths(d.path),
            "line": d.span.line,
            "column": d.span.column,
            "end_line": d.span.end_line,
            "end_column": d.span.end_column,
            "code": d.code,
            "rule": d.rule,
            "severity": d.severity,
            "message": d.message,
            "pointer": json_pointer(d.pointer) if d.pointer is not None else None,
            "fingerprint": d.fingerprint,
            "fix": fix_item(d.fix) if d.fix is not None else None,
        }
        if d.related:  # only findings that name other places have the key
            item["related"] = [
                {
                    "path": self.paths(r.path),
                    "pointer": json_pointer(r.pointer) if r.pointer is not None else None,
                    "message": r.message,
                }
                for r in d.related
            ]
        return item

    def problem_item(self, path: str, message: str) -> dict[str, Any] | None:
        """A file that could not be checked: no rule, no place in it, the reason."""
        return {
            "path": self.paths(path) if path else None,
            "line": None,
            "column": None,
            "end_line": None,
            "end_column": None,
            "code": None,
            "rule": None,
            "severity": "error",
            "message": reason(path, message),
            "pointer": None,
            "fingerprint": None,
            "fix": None,
        }

    def file(self, path: str, diagnostics: list[Diagnostic]) -> None:
        for diagnostic in diagnostics:
            self._write(self.item(diagnostic))

    def problem(self, path: str, message: str) -> None:
        if (item := self.problem_item(path, message)) is not None:
            self._write(item)

    def _write(self, item: dict[str, Any]) -> None:
        self.stream.write("[\n  " if not self._written else ",\n  ")
        self.stream.write(as_json(item))
        self._written += 1

    def finish(self, summary: Summary) -> None:
        self.stream.write("\n]\n" if self._written else "[]\n")
