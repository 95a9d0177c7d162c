"""Baselines: record today's findings so that only new ones are reported.

An entry is keyed on the file, the rule and the finding's fingerprint (its place in the
brief and a hash of the content there), never on line numbers, so editing elsewhere in a
file does not bring old findings back.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from wwrlint import __version__
from wwrlint.atomic import atomic_text
from wwrlint.diagnostics import Diagnostic
from wwrlint.errors import ToolError
from wwrlint.rules import ALWAYS_ON

FORMAT = "wwrlint-baseline/1"


def _key_path(path: str, folder: str) -> str:
    return os.path.relpath(os.path.abspath(path), folder).replace(os.sep, "/")


@dataclass
class Baseline:
    folder: str
    entries: Counter[tuple[str, str, str]]

    def filter(self, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """The diagnostics the baseline does not know; each entry excuses one finding."""
        remaining = self.entries
        kept = []
        for diagnostic in diagnostics:
            key = (_key_path(diagnostic.path, self.folder), diagnostic.rule, diagnostic.fingerprint)
            if remaining[key] > 0 and diagnostic.rule not in ALWAYS_ON:
                remaining[key] -= 1
            else:
                kept.append(diagnostic)
        return kept


def read(path: str) -> Baseline:
    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
        if document.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} file")
        entries = Counter(
            (str(entry["path"]), str(entry["rule"]), str(entry["fingerprint"]))
            for entry in document["findings"]
        )
    except OSError as error:
        raise ToolError(f"{path}: cannot read the baseline: {error.strerror or error}") from None
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise ToolError(f"{path}: not a wwrlint baseline: {error}") from None
    return Baseline(os.path.dirname(os.path.abspath(path)), entries)


def write(path: str, diagnostics: Iterable[Diagnostic]) -> int:
    """Write a baseline of these findings, whole or not at all; return how many."""
    folder = os.path.dirname(os.path.abspath(path))
    findings = sorted(
        (
            {
                "path": _key_path(d.path, folder),
                "rule": d.rule,
                "fingerprint": d.fingerprint,
                "message": d.message,
            }
            for d in diagnostics
        ),
        key=lambda entry: (entry["path"], entry["rule"], entry["fingerprint"]),
    )
    document = {"format": FORMAT, "generator": f"wwrlint {__version__}", "findings": findings}
    with atomic_text(path) as handle:
        json.dump(document, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    return len(findings)
