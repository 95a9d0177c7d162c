"""Reporters: each output format is a small class that writes diagnostics as they come.

Reporters never decide anything: they are handed every checked file's diagnostics in
order, then the run's summary, and write them to their stream.
"""

from __future__ import annotations

from typing import TextIO

from wwrlint.reporters.base import Reporter, Summary
from wwrlint.reporters.json import JsonReporter
from wwrlint.reporters.text import TextReporter

REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
}


def make_reporter(output_format: str, stream: TextIO) -> Reporter:
    return REPORTERS[output_format](stream)


__all__ = ["REPORTERS", "Reporter", "Summary", "make_reporter"]
