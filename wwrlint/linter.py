"""Lint one brief: load, validate against the schema, run the rules, place the findings,
then apply the settings and the file's inline suppressions."""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any

from wwrlint.archive.model import Archive
from wwrlint.brief import Brief
from wwrlint.config import Settings
from wwrlint.diagnostics import Diagnostic, Finding, Fix, Pointer, Related, Span
from wwrlint.loading import Document, load
from wwrlint.rules import BY_NAME, RULES, Rule
from wwrlint.validation import fast_validator, validate

DEFAULT_SETTINGS = Settings()


def get_ready() -> None:
    """Build the schema's validator now, ahead of the first brief (see
    `checking.get_ready`)."""
    fast_validator()


def lint(
    path: str,
    content: bytes,
    settings: Settings = DEFAULT_SETTINGS,
    archive: Archive | None = None,
) -> list[Diagnostic]:
    """Every diagnostic for one file's content that the settings let through, by position.
    With an archive, the rules across briefs run too, and its roster and catalogue are
    checked against their own schemas."""
    return lint_document(load(path, content), settings, archive)


def lint_document(
    document: Document, settings: Settings = DEFAULT_SETTINGS, archive: Archive | None = None
) -> list[Diagnostic]:
    """The diagnostics for a loaded brief (see `lint`)."""
    path = document.path
    found = [
        _diagnostic(document, BY_NAME[problem.rule], problem.message, problem.span)
        for problem in document.problems
    ]
    enabled = settings.enabled_for(path)
    role = archive.role_of(document.path) if archive is not None else "brief"
    if document.readable and role != "brief":  # the archive's roster or catalogue
        schema = BY_NAME["schema"]
        found += [_place(document, schema, f) for f in validate(document.data, role)]
    elif document.readable:
        found += _check(document, Brief(document.data, document.path, archive, settings.options))
    if document.readable and "wwrlint" in document.text:  # suppression comments, maybe
        from wwrlint import suppressions

        parsed = suppressions.parse(
            document.text, document.literal_spans(), settings.require_suppression_reason
        )
        found, own = suppressions.apply([d for d in found if d.rule in enabled], parsed, enabled)
        found += [
            _diagnostic(document, BY_NAME[name], message, span) for name, span, message in own
        ]
    diagnostics = [_with_severity(d, settings) for d in found if d.rule in enabled]
    diagnostics.sort(key=lambda d: d.sort_key)
    return diagnostics


def _with_severity(diagnostic: Diagnostic, settings: Settings) -> Diagnostic:
    """The diagnostic with the severity the settings give its rule (itself, when that is
    the rule's own: a copy of each of thousands of findings doubled their memory)."""
    severity = settings.severity_of(diagnostic.rule, diagnostic.severity)
    return diagnostic if severity == diagnostic.severity else diagnostic._replace(severity=severity)


def _check(document: Document, brief: Brief) -> list[Diagnostic]:
    placed: list[Diagnostic] = []
    refining: list[tuple[Rule, Finding]] = []
    for rule in RULES:
        if rule.check is None:
            continue
        for finding in rule.check(brief):
            if rule.refines_schema:
                refining.append((rule, finding))
            else:
                placed.append(_place(document, rule, finding))
    # A more specific rule reports these places: the schema stays quiet there (and does
    # not word what it would say: thousands of dates in words are thousands of errors).
    claimed = {finding.pointer for _, finding in refining}
    schema_findings = validate(document.data, quiet=claimed)
    typos = {f.stands_for for f in schema_findings if f.stands_for is not None}
    if typos & claimed:  # rare: a rule's finding gives way to a misspelt key's, below
        claimed -= typos
        schema_findings = validate(document.data, quiet=claimed)
    for rule, finding in refining:
        if finding.pointer not in typos:  # the misspelt key is reported instead
            placed.append(_place(document, rule, finding))
    schema = BY_NAME["schema"]
    placed += [
        _place(document, schema, finding)
        for finding in schema_findings
        if finding.pointer not in claimed
    ]
    return placed


def _place(document: Document, rule: Rule, finding: Finding) -> Diagnostic:
    span = document.locate(finding.pointer, finding.anchor)
    fix = None
    if finding.at is not None or finding.fix is not None or finding.stands_for is not None:
        # Only findings that name characters or come with a fix need the fix engine (and
        # the scalar maps and writers it loads): a clean brief's check never imports it.
        import wwrlint.fixing as fixing

        span, fix = fixing.place(document, finding, span)  # the characters meant, the edits
    value = _value_at(document.data, finding.pointer)
    related = finding.related
    if related:  # absolute, so that a cached result names the same file from any folder
        related = tuple(r._replace(path=os.path.abspath(r.path)) for r in related)
    return _diagnostic(document, rule, finding.message, span, finding.pointer, value, fix, related)


def _diagnostic(
    document: Document,
    rule: Rule,
    message: str,
    span: Span,
    pointer: Pointer | None = None,
    value: Any = None,
    fix: Fix | None = None,
    related: tuple[Related, ...] = (),
) -> Diagnostic:
    import wwrlint.excerpt as excerpt  # a clean brief, the usual one, never loads it

    line = document.line(span.line)
    context, context_column = excerpt.context(line, span.column)
    # Without a pointer (YAML problems), the offending line's text stands for the content.
    # What is hashed follows from the key, so each long text or line is hashed once.
    key = (rule.name, pointer) if pointer is not None else (rule.name, span.line)
    digest = document.fingerprints.get(key)
    if digest is None:
        identity = [rule.name, list(pointer), value] if pointer is not None else [rule.name, line]
        digest = hashlib.sha256(_FINGERPRINT_JSON(identity).encode()).hexdigest()[:20]
        document.fingerprints[key] = digest
    return Diagnostic(
        document.path,
        span,
        rule.name,
        rule.code,
        rule.severity,
        message,
        pointer,
        context,
        digest,
        fix=fix,
        related=related,
        context_column=context_column,
    )


# How a finding's identity is written to be hashed (one encoder: `json.dumps` with these
# options makes a new one for every call).
_FINGERPRINT_JSON = json.JSONEncoder(sort_keys=True, default=str, ensure_ascii=False).encode


def _value_at(data: Any, pointer: Pointer) -> Any:
    """The value a finding is about, or the nearest enclosing one that exists."""
    for step in pointer:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            break
    return data
