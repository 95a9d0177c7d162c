"""GitLab Code Quality report: a JSON array of issues, written as the files are checked,
each naming its file as a plain path relative to the repository's root (GitLab takes
`location.path` literally: no percent-encoding)."""

from __future__ import annotations

from typing import Any, TextIO

from wwrlint.diagnostics import Diagnostic
from wwrlint.reporters.json import JsonReporter
from wwrlint.reporters.paths import Fingerprints, MachinePaths, reason

_SEVERITY = {"error": "major", "warning": "minor"}


class GitlabReporter(JsonReporter):
    def __init__(
        self, stream: TextIO, color: bool = False, paths: MachinePaths | None = None
    ) -> None:
        super().__init__(stream, color, paths)
        self.fingerprints = Fingerprints()

    def item(self, d: Diagnostic) -> dict[str, Any]:
        path = self.paths(d.path)
        return {
            "type": "issue",
            "check_name": d.rule,
            "description": f"{d.code} [{d.rule}] {self.message(d)}",
            "categories": ["Style"],
            "severity": _SEVERITY[d.severity],
            "fingerprint": self.fingerprints(path, d.fingerprint),
            "location": {"path": path, "lines": {"begin": d.span.line, "end": d.span.end_line}},
        }

    def problem_item(self, path: str, message: str) -> dict[str, Any] | None:
        """A file wwrlint could not check, as an issue on its first line; a problem that
        names no file has no place in a Code Quality report (stderr tells it)."""
        if not path:
            return None
        where = self.paths(path)
        return {
            "type": "issue",
            "check_name": "wwrlint",
            "description": f"wwrlint could not check this file: {reason(path, message)}",
            "categories": ["Bug Risk"],
            "severity": "blocker",
            "fingerprint": self.fingerprints(where, "could not check"),
            "location": {"path": where, "lines": {"begin": 1, "end": 1}},
        }
