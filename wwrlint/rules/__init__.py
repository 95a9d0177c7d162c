"""The rule registry: every rule wwrlint knows, in one table, looked up by name or code,
with the options the rules declare."""

from __future__ import annotations

from collections.abc import Iterable

from wwrlint.rules import archive, claims, dates, quotes, structure, typography
from wwrlint.rules.base import Option, Rule

RULES: tuple[Rule, ...] = (
    structure.YAML_SYNTAX,
    structure.YAML_UNSUPPORTED,
    structure.SCHEMA,
    claims.CLAIM_MISSING_SOURCE,
    claims.UNKNOWN_SOURCE,
    claims.UNUSED_SOURCE,
    dates.SOURCE_MISSING_DATE,
    dates.INVALID_DATE,
    dates.SOURCE_AFTER_BRIEF,
    dates.SOURCE_TOO_OLD,
    quotes.QUOTE_MISSING_ANALYST,
    quotes.UNKNOWN_ANALYST,
    quotes.UNUSED_ANALYST,
    typography.APOSTROPHE_QUOTE,
    typography.UNBALANCED_QUOTES,
    typography.LINE_BREAK_IN_TEXT,
    typography.DOUBLE_SPACE,
    archive.ANALYST_CONFLICT,
    archive.ANALYST_INACTIVE,
    archive.UNKNOWN_BRIEF,
    archive.BRIEF_DATE_MISMATCH,
    archive.DUPLICATE_BRIEF_ID,
    archive.SOURCE_CONFLICT,
    structure.UNUSED_SUPPRESSION,
    structure.INVALID_SUPPRESSION,
)

BY_NAME: dict[str, Rule] = {rule.name: rule for rule in RULES}
_BY_KEY: dict[str, Rule] = {**BY_NAME, **{rule.code.lower(): rule for rule in RULES}}
# Every rule option by its configuration key, in registry order.
OPTIONS: dict[str, Option] = {option.name: option for rule in RULES for option in rule.options}
# The rules no selection, ignore, severity, suppression or baseline can switch off.
ALWAYS_ON: frozenset[str] = frozenset(rule.name for rule in RULES if rule.always_on)


def find(name_or_code: str) -> Rule | None:
    """The rule with this name (e.g. `unknown-source`) or code (e.g. `WWR102`, any case)."""
    return _BY_KEY.get(name_or_code.strip().lower())


def expand(selectors: Iterable[str]) -> set[str]:
    """Rule names for selectors: a name, a code, a code prefix such as `WWR2`, or `ALL`."""
    chosen: set[str] = set()
    for selector in selectors:
        if selector.upper() == "ALL":
            chosen |= set(BY_NAME)
        elif (rule := find(selector)) is not None:
            chosen.add(rule.name)
        elif (prefix := selector.strip().upper()).startswith("WWR"):
            chosen |= {rule.name for rule in RULES if rule.code.startswith(prefix)}
    return chosen


__all__ = ["ALWAYS_ON", "BY_NAME", "OPTIONS", "RULES", "Option", "Rule", "expand", "find"]
