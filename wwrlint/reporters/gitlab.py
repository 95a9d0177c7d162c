"""GitLab Code Quality report: a JSON array of issues, written as the files are checked."""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any, TextIO

from wwrlint.diagnostics import Diagnostic
from wwrlint.reporters.base import relative_uri, with_related
from wwrlint.reporters.json import JsonReporter

_SEVERITY = {"error": "major", "warning": "minor"}


class GitlabReporter(JsonReporter):
    def __init__(self, stream: TextIO, color: bool = False) -> None:
        super().__init__(stream, color)
        self._seen: Counter[str] = Counter()

    def item(self, d: Diagnostic) -> dict[str, Any]:
        path = relative_uri(d.path)
        # Unique per finding and stable while lines move: path, rule, content, occurrence.
        key = f"{path}\n{d.fingerprint}"
        self._seen[key] += 1
        fingerprint = hashlib.sha256(f"{key}\n{self._seen[key]}".encode()).hexdigest()[:32]
        return {
            "type": "issue",
            "check_name": d.rule,
            "description": f"{d.code} [{d.rule}] {with_related(d)}",
            "categories": ["Style"],
            "severity": _SEVERITY[d.severity],
            "fingerprint": fingerprint,
            "location": {"path": path, "lines": {"begin": d.span.line, "end": d.span.end_line}},
        }
