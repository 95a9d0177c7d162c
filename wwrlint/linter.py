"""Lint one brief: load it, validate it against the schema, run the rules, place findings."""

from __future__ import annotations

from wwrlint.diagnostics import Diagnostic, Finding, Pointer, Span
from wwrlint.loading import Document, load
from wwrlint.rules import BY_NAME, RULES, Rule
from wwrlint.validation import validate


def lint(path: str, content: bytes) -> list[Diagnostic]:
    """Every diagnostic for one file's content, sorted by position."""
    document = load(path, content)
    diagnostics = [
        _diagnostic(document, BY_NAME[problem.rule], problem.message, problem.span)
        for problem in document.problems
    ]
    if document.readable:
        diagnostics += _check(document)
    return sorted(diagnostics, key=lambda d: d.sort_key)


def _check(document: Document) -> list[Diagnostic]:
    placed: list[Diagnostic] = []
    claimed: set[Pointer] = set()
    for rule in RULES:
        if rule.check is None:
            continue
        for finding in rule.check(document.data):
            if rule.refines_schema:
                claimed.add(finding.pointer)
            placed.append(_place(document, rule, finding))
    # A more specific rule already reported these places: the schema stays quiet there.
    schema = BY_NAME["schema"]
    placed += [
        _place(document, schema, finding)
        for finding in validate(document.data)
        if finding.pointer not in claimed
    ]
    return placed


def _place(document: Document, rule: Rule, finding: Finding) -> Diagnostic:
    span = document.locate(finding.pointer, finding.anchor)
    return _diagnostic(document, rule, finding.message, span, finding.pointer)


def _diagnostic(
    document: Document, rule: Rule, message: str, span: Span, pointer: Pointer | None = None
) -> Diagnostic:
    return Diagnostic(document.path, span, rule.name, rule.code, rule.severity, message, pointer)
