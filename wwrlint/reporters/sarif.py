"""SARIF 2.1.0 for code scanning: rule metadata from the registry, exact regions, files
relative to the repository's root (`%SRCROOT%`, an absolute `file:` URI, see
`reporters.paths`), and partial fingerprints unique per finding that stay the same when
unrelated lines move."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from typing import Any, TextIO

from wwrlint import __version__
from wwrlint.diagnostics import Diagnostic
from wwrlint.excerpt import excerpt
from wwrlint.reporters.base import Summary
from wwrlint.reporters.paths import (
    Fingerprints,
    MachinePaths,
    MachineReporter,
    as_json,
    folder_uri,
    reason,
)
from wwrlint.rules import RULES, Rule
from wwrlint.rules.docs import rule_text

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
_LEVEL = {"error": "error", "warning": "warning"}
_INDEX = {rule.name: index for index, rule in enumerate(RULES)}
SOURCE_ROOT = "%SRCROOT%"
# The key of wwrlint's partial fingerprint; v2 names the file as well as the finding.
FINGERPRINT_KEY = "wwrlint/v2"


@cache
def home_page() -> str | None:
    """Where wwrlint's documentation is: the `Homepage` of the installed package's
    `[project.urls]`; None when wwrlint runs from a source tree that is not installed."""
    from importlib import metadata

    try:
        urls = metadata.metadata("wwrlint").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    found = dict(url.split(", ", 1) for url in urls if ", " in url)
    return found.get("Homepage")


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.rationale},
        "help": {
            "text": rule_text(rule),
            "markdown": (
                f"**{rule.name}** ({rule.code}): {rule.summary}\n\n{rule.rationale}\n\n"
                f"Bad:\n\n```yaml\n{rule.bad}```\n\nGood:\n\n```yaml\n{rule.good}```\n"
            ),
        },
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"tags": ["briefs", "editorial"]},
    }
    if (home := home_page()) is not None:
        # The README's rule table documents every rule, as `wwrlint rule` does.
        descriptor["helpUri"] = f"{home}#rules"
    return descriptor


Artifact = Callable[[str], dict[str, Any]]


def result(d: Diagnostic, artifact: Artifact, fingerprint: str) -> dict[str, Any]:
    """One finding; `artifact` names files, `fingerprint` is unique to this finding."""
    location = artifact(d.path)
    region: dict[str, Any] = {
        "startLine": d.span.line,
        "startColumn": d.span.column,
        "endLine": d.span.end_line,
        "endColumn": max(d.span.end_column, 1),
    }
    if d.context:  # of a long line, the window around the column that `full` shows
        region["snippet"] = {"text": excerpt(d.context, d.context_column, d.span.column).text}
    found: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": _INDEX[d.rule],
        "level": _LEVEL[d.severity],
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": region}}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": {"rule": d.rule},
    }
    if d.related:
        found["relatedLocations"] = [
            {
                "physicalLocation": {"artifactLocation": artifact(r.path)},
                "message": {"text": r.message},
            }
            for r in d.related
        ]
    return found


class SarifReporter(MachineReporter):
    """Streams the results array, then writes the tool description after it. The root of
    the first file is the run's `%SRCROOT%`; a file with another root (of another
    repository) is named by its absolute URI."""

    _written = 0

    def __init__(
        self, stream: TextIO, color: bool = False, paths: MachinePaths | None = None
    ) -> None:
        super().__init__(stream, color, paths)
        self.fingerprints = Fingerprints()
        self.base: str | None = None
        self._started = False
        # Files that could not be checked, as SARIF's tool execution notifications.
        self.notifications: list[dict[str, Any]] = []

    def artifact(self, path: str) -> dict[str, Any]:
        """Where a file is: relative to `%SRCROOT%` when it has the run's root."""
        uri, relative = self.paths.uri(path, self.base)
        return {"uri": uri, "uriBaseId": SOURCE_ROOT} if relative else {"uri": uri}

    def start(self, path: str) -> None:
        """The run's `%SRCROOT%` is the root of the first file it names."""
        if not self._started and path:
            self._started = True
            self.base = self.paths.root(path)

    def problem(self, path: str, message: str) -> None:
        self.start(path)
        notification: dict[str, Any] = {
            "level": "error",
            "message": {"text": reason(path, message)},
            "descriptor": {"id": "wwrlint/could-not-check"},
        }
        if path:
            artifact = self.artifact(path)
            notification["locations"] = [{"physicalLocation": {"artifactLocation": artifact}}]
        self.notifications.append(notification)

    def file(self, path: str, diagnostics: list[Diagnostic]) -> None:
        self.start(path)
        for diagnostic in diagnostics:
            if not self._written:
                self.stream.write(
                    f'{{\n  "$schema": "{SARIF_SCHEMA}",\n  "version": "2.1.0",\n'
                    '  "runs": [\n    {\n      "results": [\n        '
                )
            else:
                self.stream.write(",\n        ")
            fingerprint = self.fingerprints(self.paths(diagnostic.path), diagnostic.fingerprint)
            found = result(diagnostic, self.artifact, fingerprint)
            self.stream.write(as_json(found))
            self._written += 1

    def finish(self, summary: Summary) -> None:
        if not self._written:
            self.stream.write(
                f'{{\n  "$schema": "{SARIF_SCHEMA}",\n  "version": "2.1.0",\n'
                '  "runs": [\n    {\n      "results": ['
            )
        driver: dict[str, Any] = {"name": "wwrlint", "version": __version__}
        if (home := home_page()) is not None:
            driver["informationUri"] = home
        driver["semanticVersion"] = __version__
        driver["rules"] = [rule_descriptor(rule) for rule in RULES]
        base = self.base if self._started else self.paths.folder_root(".")
        roots = {SOURCE_ROOT: {"uri": folder_uri(base)}} if base is not None else {}
        invocation = {
            "executionSuccessful": not self.notifications,
            "toolExecutionNotifications": self.notifications,
        }
        self.stream.write(
            "\n      ],\n"
            f'      "tool": {json.dumps({"driver": driver}, ensure_ascii=False)},\n'
            f'      "invocations": [{json.dumps(invocation, ensure_ascii=False)}],\n'
            '      "columnKind": "unicodeCodePoints",\n'
            f'      "originalUriBaseIds": {json.dumps(roots, ensure_ascii=False)}\n'
            "    }\n  ]\n}\n"
        )
