"""Reporters: each output format is a small class that writes diagnostics as they come.

Reporters never decide anything: they are handed every checked file's diagnostics in
order, then the run's summary, and write them to their stream. A format's module is
imported only when it is used.

`FORMATS` is the one table of output formats: the command line's choices and help, the
configuration's `output-format` and the reporters all read it.
"""

from __future__ import annotations

import importlib
from typing import NamedTuple, TextIO

from wwrlint.reporters.base import Reporter, Summary, Tee
from wwrlint.reporters.paths import MachinePaths, MachineReporter


class OutputFormat(NamedTuple):
    """One output format: its name, the reporter class (`module:Class` in this package),
    whether it is for machines (paths relative to the repository's root, see
    `reporters.paths`) or for people (paths relative to the current folder), and a few
    words for `--help`."""

    name: str
    reporter: str
    machine: bool
    summary: str


FORMATS: tuple[OutputFormat, ...] = (
    OutputFormat(
        "full",
        "text:FullReporter",
        False,
        "each problem with its line and a caret (default on a terminal)",
    ),
    OutputFormat("text", "text:TextReporter", False, "one line per problem (default otherwise)"),
    OutputFormat("concise", "text:TextReporter", False, "the same as text"),
    OutputFormat("json", "json:JsonReporter", True, "an array of problem objects"),
    OutputFormat("sarif", "sarif:SarifReporter", True, "SARIF 2.1.0, for code scanning"),
    OutputFormat("github", "github:GithubReporter", True, "GitHub Actions annotations"),
    OutputFormat("gitlab", "gitlab:GitlabReporter", True, "GitLab Code Quality report"),
)
BY_NAME = {output_format.name: output_format for output_format in FORMATS}
FORMAT_NAMES = tuple(BY_NAME)


def reporter_class(output_format: str) -> type[Reporter]:
    module, name = BY_NAME[output_format].reporter.split(":")
    found: type[Reporter] = getattr(importlib.import_module(f"wwrlint.reporters.{module}"), name)
    return found


def make_reporter(
    output_format: str,
    stream: TextIO,
    color: bool = False,
    annotate: bool = False,
    paths: MachinePaths | None = None,
    unsafe_fixes: bool = False,
) -> Reporter:
    """The reporter for a format; `annotate` adds GitHub annotations to a text format;
    `paths` names files for the machine formats (by default, as `MachinePaths` does
    without a configured archive)."""
    paths = paths or MachinePaths()
    if BY_NAME[output_format].machine:
        return _machine_reporter(output_format, stream, paths)
    reporter = reporter_class(output_format)(stream, color)
    reporter.unsafe_fixes = unsafe_fixes
    if annotate:
        return Tee([reporter, _machine_reporter("github", stream, paths)])
    return reporter


def _machine_reporter(output_format: str, stream: TextIO, paths: MachinePaths) -> Reporter:
    found = reporter_class(output_format)
    assert issubclass(found, MachineReporter), output_format
    return found(stream, paths=paths)


__all__ = ["BY_NAME", "FORMATS", "FORMAT_NAMES", "OutputFormat", "Reporter", "Summary"]
