"""Inline suppressions: `# wwrlint: disable=RULE[,RULE] [-- reason]` silences rules on its
line, `# wwrlint: disable-file=RULE[,RULE] [-- reason]` in the whole file.

A suppression that silences nothing is reported (`unused-suppression`), and one that names
no real rule, or gives no reason where the config requires one, is an error
(`invalid-suppression`), so suppressions never rot.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from wwrlint.diagnostics import Diagnostic, Span
from wwrlint.rules import ALWAYS_ON, BY_NAME, expand, find
from wwrlint.wording import did_you_mean, quoted
from wwrlint.yamlio.core import split_lines

_COMMENT = re.compile(r"(?:^|(?<=\s))#\s*wwrlint\s*:(?P<body>.*)$")
_DIRECTIVE = re.compile(r"\s*(?P<kind>[a-z-]+)\s*=\s*(?P<rules>[^\s,]+(?:\s*,\s*[^\s,]+)*)\s*$")
UNSUPPRESSIBLE = ("unused-suppression", "invalid-suppression")


@dataclass
class Suppression:
    """One suppression comment and the rules it names."""

    span: Span
    whole_file: bool
    rules: tuple[str, ...]  # rule names, as resolved
    reason: str | None
    used: set[str] = field(default_factory=set)

    def covers(self, diagnostic: Diagnostic) -> bool:
        return diagnostic.rule in self.rules and (
            self.whole_file or diagnostic.span.line == self.span.line
        )


@dataclass
class Parsed:
    suppressions: list[Suppression]
    problems: list[tuple[Span, str]]  # invalid suppressions: where, and why


def parse(text: str, literal: list[Span], require_reason: bool) -> Parsed:
    """Find the suppression comments of a file, never inside the regions of literal text
    (quoted and block scalars: `Document.literal_spans`)."""
    parsed = Parsed([], [])
    candidates = list(_candidates(text))
    if not candidates:
        return parsed
    # Scalars never overlap: the one that could hold a comment is the last that starts
    # before it (a search, not a scan of every scalar for every comment).
    inside = sorted(literal, key=lambda s: (s.line, s.column))
    starts = [(s.line, s.column) for s in inside]
    for line, column, body in candidates:
        before = bisect_right(starts, (line, column)) - 1
        if before >= 0 and (line, column) < (inside[before].end_line, inside[before].end_column):
            continue
        span = Span(line, column, line, column + len(body))
        _parse_one(body, span, require_reason, parsed)
    return parsed


def _candidates(text: str) -> Iterator[tuple[int, int, str]]:
    for number, line in enumerate(split_lines(text), start=1):
        if "wwrlint" in line and (match := _COMMENT.search(line)):
            yield number, match.start() + 1, match.group(0).rstrip()


def _parse_one(comment: str, span: Span, require_reason: bool, parsed: Parsed) -> None:
    body = comment.split(":", 1)[1]
    # Only from the start of a run of spaces: tried inside the run as well, the pattern
    # took time quadratic in the run's length.
    directive, *rest = re.split(r"(?<!\s)\s+--(?:\s+|$)", body, maxsplit=1)
    match = _DIRECTIVE.fullmatch(directive)
    if match is None or match["kind"] not in ("disable", "disable-file"):
        parsed.problems.append(
            (
                span,
                "a wwrlint comment must read '# wwrlint: disable=RULE[,RULE] [-- reason]' "
                "or '# wwrlint: disable-file=RULE[,RULE] [-- reason]'",
            )
        )
        return
    names: list[str] = []
    for selector in (part.strip() for part in match["rules"].split(",")):
        chosen = expand([selector])
        if not chosen:
            hint = did_you_mean(selector, BY_NAME)
            parsed.problems.append(
                (span, f"the suppression names no rule {quoted(selector)}{hint}")
            )
        elif (rule := find(selector)) is not None and rule.always_on:
            parsed.problems.append(
                (span, f"{quoted(rule.name)} cannot be suppressed; correct the file instead")
            )
        # `ALL` or a code prefix silences what it can; the always-on rules stay.
        names += sorted(chosen - ALWAYS_ON - set(names))
    reason_text = rest[0].strip() if rest and rest[0].strip() else None
    if require_reason and not reason_text:
        parsed.problems.append(
            (
                span,
                "the suppression gives no reason; add ' -- why' after the rules "
                "(the config sets require-suppression-reason)",
            )
        )
    if names:
        parsed.suppressions.append(
            Suppression(span, match["kind"] == "disable-file", tuple(names), reason_text)
        )


def apply(
    diagnostics: list[Diagnostic], parsed: Parsed, enabled: frozenset[str]
) -> tuple[list[Diagnostic], list[tuple[str, Span, str]]]:
    """The diagnostics no suppression silences, and the suppressions' own findings as
    (rule name, where, message)."""
    # Suppressions by line and, for the whole file, by rule: a diagnostic looks only at
    # those that can cover it, and a whole-file one is marked used once, not once per
    # diagnostic it silences.
    by_line: dict[int, list[Suppression]] = defaultdict(list)
    in_file: dict[str, list[Suppression]] = defaultdict(list)
    for suppression in parsed.suppressions:
        if suppression.whole_file:
            for name in suppression.rules:
                in_file[name].append(suppression)
        else:
            by_line[suppression.span.line].append(suppression)
    kept, marked = [], set()
    for diagnostic in diagnostics:
        rule = diagnostic.rule
        if rule in UNSUPPRESSIBLE:
            kept.append(diagnostic)
            continue
        on_line = [s for s in by_line.get(diagnostic.span.line, ()) if s.covers(diagnostic)]
        for suppression in on_line:
            suppression.used.add(rule)
        if rule in in_file and rule not in marked:
            for suppression in in_file[rule]:
                suppression.used.add(rule)
            marked.add(rule)
        if not on_line and rule not in in_file:
            kept.append(diagnostic)
    findings = [("invalid-suppression", span, message) for span, message in parsed.problems]
    for suppression in parsed.suppressions:
        for name in suppression.rules:
            if name in suppression.used:
                continue
            where = "in this file" if suppression.whole_file else "on this line"
            why = "" if name in enabled else " (the rule is not enabled)"
            message = f"the suppression of '{name}' silences nothing {where}{why}; remove it"
            findings.append(("unused-suppression", suppression.span, message))
    return kept, findings
