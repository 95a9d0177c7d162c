"""Reporters: each output format is a small class that writes diagnostics as they come.

Reporters never decide anything: they are handed every checked file's diagnostics in
order, then the run's summary, and write them to their stream.
"""

from __future__ import annotations

from typing import TextIO

from wwrlint.reporters.base import Reporter, Summary, Tee
from wwrlint.reporters.github import GithubReporter
from wwrlint.reporters.gitlab import GitlabReporter
from wwrlint.reporters.json import JsonReporter
from wwrlint.reporters.sarif import SarifReporter
from wwrlint.reporters.text import FullReporter, TextReporter

REPORTERS: dict[str, type[Reporter]] = {
    "full": FullReporter,
    "text": TextReporter,
    "concise": TextReporter,
    "json": JsonReporter,
    "sarif": SarifReporter,
    "github": GithubReporter,
    "gitlab": GitlabReporter,
}


def make_reporter(
    output_format: str, stream: TextIO, color: bool = False, annotate: bool = False
) -> Reporter:
    """The reporter for a format; `annotate` adds GitHub annotations to a text format."""
    reporter = REPORTERS[output_format](stream, color)
    if annotate and output_format in ("full", "text", "concise"):
        return Tee([reporter, GithubReporter(stream)])
    return reporter


__all__ = ["REPORTERS", "Reporter", "Summary", "make_reporter"]
