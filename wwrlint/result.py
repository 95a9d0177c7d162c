"""What a `wwrlint check` run found, as data: the counts of its findings, the fixes it
made, and the problems that kept it from checking everything. The runner fills it in as
the files' outcomes stream past the reporters (it keeps counts, not every diagnostic, so
a run's memory stays flat); the command line alone turns it into an exit code."""

from __future__ import annotations

from dataclasses import dataclass, field

from wwrlint.diagnostics import Severity
from wwrlint.reporters import Summary


@dataclass(eq=False, repr=False)
class RunResult:
    """One run: findings (`summary`), what wwrlint could not do (`problems`, one line each,
    such as a file that cannot be read), and fixes."""

    summary: Summary = field(default_factory=Summary)
    fail_level: Severity = "error"
    problems: list[str] = field(default_factory=list)
    # Fixes applied (or, with --diff, that would be), and in how many files.
    fixes: int = 0
    fixed_files: int = 0

    @property
    def failing(self) -> int:
        """The findings at or above the fail level."""
        warnings = self.summary.warnings if self.fail_level == "warning" else 0
        return self.summary.errors + warnings
