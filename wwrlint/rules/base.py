"""What a rule is: its documentation, examples and check, declared once; its identity
(code, severity, options) is the catalogue's, in `wwrlint.rules`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from wwrlint.archive.model import Archive
from wwrlint.brief import Brief
from wwrlint.diagnostics import Applicability, Finding, Severity
from wwrlint.rules import IDENTITIES, OPTION_TYPES, Identity, Option

Check = Callable[[Brief], Iterable[Finding]]


class Fixable(NamedTuple):
    """What a rule's fix does, as `wwrlint rule` tells it: whether it only mends the form
    ("safe", applied by `--fix`) or is a guess ("unsafe", applied by `--unsafe-fixes`),
    and whether every finding of the rule comes with one."""

    applicability: Applicability
    always: bool
    does: str  # what the fix does, as a phrase: "writes one space"


@dataclass(eq=False, repr=False)
class Rule:
    """One rule. `check` is None for rules that a pipeline stage reports itself
    (YAML problems while loading, schema violations while validating)."""

    name: str  # its code, severity, options and whether it is always on: `identity`
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
    # The fix the rule's findings come with, if any.
    fix: Fixable | None = None

    def __post_init__(self) -> None:
        if self.name not in IDENTITIES:
            raise ValueError(f"rule {self.name!r} is not in the catalogue (wwrlint.rules)")

    @property
    def identity(self) -> Identity:
        """What the catalogue (`wwrlint.rules.CATALOGUE`) declares of this rule."""
        return IDENTITIES[self.name]

    @property
    def code(self) -> str:
        return self.identity.code

    @property
    def severity(self) -> Severity:
        return self.identity.severity

    @property
    def options(self) -> tuple[Option, ...]:
        return self.identity.options

    @property
    def always_on(self) -> bool:
        return self.identity.always_on


__all__ = ["OPTION_TYPES", "Check", "Fixable", "Option", "Rule"]
