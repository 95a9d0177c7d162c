"""Reporters: each output format is a small class that writes diagnostics as they come.

Reporters never decide anything: they are handed every checked file's diagnostics in
order, then the run's summary, and write them to their stream. A format's module is
imported only when it is used.
"""

from __future__ import annotations

import importlib
from typing import TextIO

from wwrlint.reporters.base import Reporter, Summary, Tee

REPORTERS: dict[str, str] = {
    "full": "text:FullReporter",
    "text": "text:TextReporter",
    "concise": "text:TextReporter",
    "json": "json:JsonReporter",
    "sarif": "sarif:SarifReporter",
    "github": "github:GithubReporter",
    "gitlab": "gitlab:GitlabReporter",
}


def reporter_class(output_format: str) -> type[Reporter]:
    module, name = REPORTERS[output_format].split(":")
    found: type[Reporter] = getattr(importlib.import_module(f"wwrlint.reporters.{module}"), name)
    return found


def make_reporter(
    output_format: str, stream: TextIO, color: bool = False, annotate: bool = False
) -> Reporter:
    """The reporter for a format; `annotate` adds GitHub annotations to a text format."""
    reporter = reporter_class(output_format)(stream, color)
    if annotate and output_format in ("full", "text", "concise"):
        return Tee([reporter, reporter_class("github")(stream)])
    return reporter


__all__ = ["REPORTERS", "Reporter", "Summary", "make_reporter"]
