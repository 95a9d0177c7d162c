"""What a rule is: its identity, its documentation and its check, declared once."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from wwrlint.archive import Archive
from wwrlint.brief import Brief
from wwrlint.diagnostics import Finding, Severity

Check = Callable[[Brief], Iterable[Finding]]


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
