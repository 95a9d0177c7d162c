"""Rule documentation, written from the registry: `wwrlint rules`, `wwrlint rule`, README."""

from __future__ import annotations

import json
import textwrap
from typing import Any

from wwrlint.rules import RULES, Option, Rule


def option_dict(option: Option) -> dict[str, Any]:
    return {
        "name": option.name,
        "type": option.type,
        "default": option.default,
        "description": option.description,
    }


def rule_dict(rule: Rule) -> dict[str, Any]:
    return {
        "name": rule.name,
        "code": rule.code,
        "severity": rule.severity,
        "summary": rule.summary,
        "rationale": rule.rationale,
        "bad": rule.bad,
        "good": rule.good,
        "options": [option_dict(option) for option in rule.options],
        "fix": (
            {
                "applicability": rule.fix.applicability,
                "availability": "always" if rule.fix.always else "sometimes",
                "description": rule.fix.does,
            }
            if rule.fix is not None
            else None
        ),
    }


def rules_table() -> str:
    width = max(len(rule.name) for rule in RULES)
    lines = [f"{'CODE':<7} {'NAME':<{width}} {'SEVERITY':<8} SUMMARY"]
    lines += [
        f"{rule.code:<7} {rule.name:<{width}} {rule.severity:<8} {rule.summary}" for rule in RULES
    ]
    return "\n".join(lines) + "\n"


def rules_markdown() -> str:
    lines = ["| code | rule | severity | fix | fires when |", "| --- | --- | --- | --- | --- |"]
    lines += [
        f"| {rule.code} | `{rule.name}` | {rule.severity} | {_fix_cell(rule)} | {rule.summary} |"
        for rule in RULES
    ]
    return "\n".join(lines) + "\n"


def _fix_cell(rule: Rule) -> str:
    if rule.fix is None:
        return ""
    return rule.fix.applicability + ("" if rule.fix.always else " (some)")


def rule_text(rule: Rule) -> str:
    def example(title: str, brief: str) -> str:
        return f"{title}:\n\n{textwrap.indent(brief, '    ')}"

    rationale = textwrap.fill(rule.rationale, width=88, break_on_hyphens=False)
    return (
        f"{rule.name} ({rule.code})\n\n"
        f"{rule.summary}\n\n"
        f"Default severity: {rule.severity}\n\n"
        f"{textwrap.fill(fix_text(rule), width=88, break_on_hyphens=False)}\n\n"
        f"{rationale}\n\n"
        f"{_options_text(rule.options)}"
        f"{example('Bad (this brief triggers the rule)', rule.bad)}\n"
        f"{example('Good', rule.good)}"
    )


def fix_text(rule: Rule) -> str:
    """Whether the rule can fix what it finds, how safely, and how."""
    fix = rule.fix
    if fix is None:
        return "Fix: none; what this rule finds needs an editor."
    which = "every finding" if fix.always else "some findings"
    how = "--fix" if fix.applicability == "safe" else "--fix --unsafe-fixes"
    return f"Fix: {fix.applicability}, for {which} (applied by {how}): {fix.does}."


def _options_text(options: tuple[Option, ...]) -> str:
    if not options:
        return ""
    lines = ["Options (keys of the configuration):", ""]
    for option in options:
        default = "not set" if option.default is None else json.dumps(option.default)
        lines.append(f"    {option.name} ({option.type}, default: {default})")
        lines += textwrap.wrap(
            option.description, width=88, initial_indent=" " * 8, subsequent_indent=" " * 8
        )
    return "\n".join(lines) + "\n\n"
