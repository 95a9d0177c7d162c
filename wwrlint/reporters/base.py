"""What every reporter offers, and the run summary they are given at the end."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from wwrlint.diagnostics import Diagnostic
from wwrlint.wording import count


@dataclass(eq=False, repr=False)
class Summary:
    """Counts for one run of `wwrlint check`."""

    files: int = 0
    files_with_problems: int = 0
    # Files checked that are not briefs (an archive's roster or catalogue) with problems.
    others_with_problems: int = 0
    errors: int = 0
    warnings: int = 0
    # Findings with a fix the run applies (`--fix`, and unsafe ones with `unsafe_fixes`),
    # and those whose fix only `--unsafe-fixes` would apply.
    fixable: int = 0
    unsafe_fixable: int = 0
    unsafe_fixes: bool = False
    by_rule: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, diagnostics: list[Diagnostic], brief: bool = True) -> None:
        """Count a file's diagnostics; the file counts as a brief unless it is an
        archive's roster or catalogue."""
        self.files += brief
        self.files_with_problems += bool(diagnostics) and brief
        self.others_with_problems += bool(diagnostics) and not brief
        for diagnostic in diagnostics:
            if diagnostic.severity == "error":
                self.errors += 1
            else:
                self.warnings += 1
            self.by_rule[diagnostic.code, diagnostic.rule] += 1
            fix = diagnostic.fix
            if fix is not None and fix.applies(self.unsafe_fixes):
                self.fixable += 1
            elif fix is not None and fix.applies(unsafe_fixes=True):
                self.unsafe_fixable += 1

    def sentence(self, unchecked: int = 0) -> str:
        """One line for people: what was found, in how many briefs (counts of none left
        out: "Found 1 error in 1 of 2 briefs.")."""
        briefs = count(self.files, "brief")
        found = " and ".join(
            count(number, noun)
            for number, noun in ((self.errors, "error"), (self.warnings, "warning"))
            if number
        )
        if unchecked:
            missed = f"{count(unchecked, 'problem')} kept wwrlint from checking everything"
            if not found:
                return f"Found no errors or warnings in {briefs}; {missed}."
            return f"Found {found} in {briefs}; {missed}."
        if not found:
            return f"All checks passed ({briefs})."
        places = [f"{self.files_with_problems} of {briefs}"] if self.files_with_problems else []
        if self.others_with_problems:
            others = count(
                self.others_with_problems, "file that is not a brief", "files that are not briefs"
            )
            places.append(others if places or not self.files else f"{others} ({briefs} passed)")
        return f"Found {found} in {' and '.join(places)}."

    def statistics(self) -> str:
        """One line per rule that fired: count, code, name; most frequent first."""
        rows = sorted(self.by_rule.items(), key=lambda item: (-item[1], item[0]))
        width = max((len(str(count)) for _, count in rows), default=1)
        return "".join(f"{count:>{width}}  {code}  {name}\n" for (code, name), count in rows)


def shown_path(path: str) -> str:
    """A related place's path as output shows it: relative to the current folder when it
    lies below it, else absolute; bytes that are not UTF-8 shown as U+FFFD."""
    relative = os.path.relpath(path)
    outside = relative == os.pardir or relative.startswith(os.pardir + os.sep)
    shown = path if outside else relative
    return os.fsencode(shown).decode("utf-8", "replace")


def with_related(d: Diagnostic, show: Callable[[str], str] = shown_path) -> str:
    """The message, followed by the other places it names, for formats that have only a
    message for them: `... (see briefs/other.yaml)`; `show` names each place's file."""
    if not d.related:
        return d.message
    return f"{d.message} (see {', '.join(show(r.path) for r in d.related)})"


class Reporter:
    """Base reporter: write each file's diagnostics as they come, then finish."""

    # Whether the run applies unsafe fixes too: a finding is fixable when its fix applies.
    unsafe_fixes = False

    def __init__(self, stream: TextIO, color: bool = False) -> None:
        self.stream = stream
        self.color = color

    def file(self, path: str, diagnostics: list[Diagnostic]) -> None:
        raise NotImplementedError

    def problem(self, path: str, message: str) -> None:
        """A file wwrlint could not check (`path` empty when it is not known), with the
        one-line error that stderr shows; text formats leave it to stderr."""

    def finish(self, summary: Summary) -> None:
        """Close the output; formats that need a whole document write its end here."""


class Tee(Reporter):
    """Several reporters on one stream, e.g. text lines plus GitHub annotations."""

    def __init__(self, reporters: list[Reporter]) -> None:
        super().__init__(reporters[0].stream)
        self.reporters = reporters

    def file(self, path: str, diagnostics: list[Diagnostic]) -> None:
        for reporter in self.reporters:
            reporter.file(path, diagnostics)

    def problem(self, path: str, message: str) -> None:
        for reporter in self.reporters:
            reporter.problem(path, message)

    def finish(self, summary: Summary) -> None:
        for reporter in self.reporters:
            reporter.finish(summary)
