"""What a rule is: its identity, its documentation, its options and its check, declared once."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from wwrlint.archive.model import Archive
from wwrlint.brief import Brief
from wwrlint.diagnostics import Applicability, Finding, Severity

Check = Callable[[Brief], Iterable[Finding]]


def _days(value: Any) -> bool:
    # YAML and TOML read `true` as a bool, which Python counts as the int 1.
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


# Each option type: what a valid value is, and how a message says what is expected.
OPTION_TYPES: dict[str, tuple[Callable[[Any], bool], str]] = {
    "days": (_days, "a number of days, 1 or more"),
}


@dataclass(frozen=True)
class Option:
    """A setting a rule reads, with its key in the configuration (kebab-case, at the top
    level of `[tool.wwrlint]` or `.wwrlint.yaml`). A default of None means "not set"."""

    name: str
    type: str  # a key of OPTION_TYPES
    default: Any
    description: str

    def problem(self, value: Any) -> str | None:
        """Why a configured value cannot be used, or None when it can."""
        valid, expected = OPTION_TYPES[self.type]
        return None if valid(value) else f"must be {expected}"


@dataclass(frozen=True)
class Fixable:
    """What a rule's fix does, as `wwrlint rule` tells it: whether it only mends the form
    ("safe", applied by `--fix`) or is a guess ("unsafe", applied by `--unsafe-fixes`),
    and whether every finding of the rule comes with one."""

    applicability: Applicability
    always: bool
    does: str  # what the fix does, as a phrase: "writes one space"


@dataclass(frozen=True)
class Rule:
    """One rule. `check` is None for rules that a pipeline stage reports itself
    (YAML problems while loading, schema violations while validating)."""

    name: str
    code: str
    severity: Severity
    summary: str
    rationale: str
    bad: str
    good: str
    check: Check | None = None
    # The schema catches the same problem in general words; where this rule fires, the
    # schema's finding at the same place is left out (the "more specific rule applies").
    refines_schema: bool = False
    # For rules across the archive: the archive the examples are checked in; for rules
    # that a setting turns on, the settings (as config keys) the examples are checked with.
    example_archive: Archive | None = None
    example_config: dict[str, Any] = field(default_factory=dict)
    options: tuple[Option, ...] = ()
    # Runs, and keeps its severity, whatever selection, ignores, severity overrides,
    # suppressions or baselines say: nothing else can be checked in a file it fires on.
    always_on: bool = False
    # The fix the rule's findings come with, if any.
    fix: Fixable | None = None
