"""SARIF 2.1.0 for code scanning: rule metadata from the registry, exact regions, and
partial fingerprints that stay the same when unrelated lines move."""

from __future__ import annotations

import json
from typing import Any

from wwrlint import __version__
from wwrlint.diagnostics import Diagnostic
from wwrlint.reporters.base import Reporter, Summary, relative_uri
from wwrlint.rules import RULES, Rule
from wwrlint.rules.docs import rule_text

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
_LEVEL = {"error": "error", "warning": "warning"}
_INDEX = {rule.name: index for index, rule in enumerate(RULES)}


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    return {
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


def artifact(path: str) -> dict[str, Any]:
    """Where a file is, relative to the source root when it lies below the current folder."""
    uri = relative_uri(path)
    location: dict[str, Any] = {"uri": uri}
    if not uri.startswith("file:"):
        location["uriBaseId"] = "%SRCROOT%"
    return location


def result(d: Diagnostic) -> dict[str, Any]:
    location = artifact(d.path)
    region: dict[str, Any] = {
        "startLine": d.span.line,
        "startColumn": d.span.column,
        "endLine": d.span.end_line,
        "endColumn": max(d.span.end_column, 1),
    }
    if d.context:
        region["snippet"] = {"text": d.context}
    found: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": _INDEX[d.rule],
        "level": _LEVEL[d.severity],
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": region}}],
        "partialFingerprints": {"wwrlint/v1": d.fingerprint},
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


class SarifReporter(Reporter):
    """Streams the results array, then writes the tool description after it."""

    _written = 0

    def file(self, path: str, diagnostics: list[Diagnostic]) -> None:
        for diagnostic in diagnostics:
            if not self._written:
                self.stream.write(
                    f'{{\n  "$schema": "{SARIF_SCHEMA}",\n  "version": "2.1.0",\n'
                    '  "runs": [\n    {\n      "results": [\n        '
                )
            else:
                self.stream.write(",\n        ")
            self.stream.write(json.dumps(result(diagnostic), ensure_ascii=False))
            self._written += 1

    def finish(self, summary: Summary) -> None:
        if not self._written:
            self.stream.write(
                f'{{\n  "$schema": "{SARIF_SCHEMA}",\n  "version": "2.1.0",\n'
                '  "runs": [\n    {\n      "results": ['
            )
        tool = {
            "driver": {
                "name": "wwrlint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [rule_descriptor(rule) for rule in RULES],
            }
        }
        self.stream.write(
            "\n      ],\n"
            f'      "tool": {json.dumps(tool, ensure_ascii=False)},\n'
            '      "columnKind": "unicodeCodePoints",\n'
            '      "originalUriBaseIds": {"%SRCROOT%": {"uri": "./"}}\n'
            "    }\n  ]\n}\n"
        )
