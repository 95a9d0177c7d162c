"""Every input of the official YAML test suite through `wwrlint check`: each gets at least
one diagnostic (none is a brief), none crashes, and where libyaml disagrees with the suite
the cases are the ones docs/robustness.md lists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO
from wwrlint.linter import lint

SUITE = Path(__file__).parent.parent / "data" / "yaml-test-suite"
INVALID = set((SUITE / "ERRORS.txt").read_text("utf-8").split())
CASES = sorted(path.stem for path in SUITE.glob("*.yaml"))
DOCS = (REPO / "docs" / "robustness.md").read_text("utf-8")


def listed(marker: str) -> set[str]:
    block = DOCS.split(f"<!-- {marker} -->", 1)[1].split("<!-- end -->", 1)[0]
    return set(re.findall(r"`([0-9A-Z]{4}(?:-\d+)?)`", block))


def rules(case: str) -> list[str]:
    path = SUITE / f"{case}.yaml"
    return [d.rule for d in lint(str(path), path.read_bytes())]


def test_the_suite_is_complete() -> None:
    assert len(CASES) == 402
    assert len(INVALID) == 94
    assert set(CASES) >= INVALID


@pytest.mark.parametrize("case", CASES)
def test_every_case_gets_a_diagnostic(case: str) -> None:
    assert rules(case)


def test_disagreements_with_the_suite_are_the_documented_ones() -> None:
    rejected_valid = {c for c in CASES if c not in INVALID and "yaml-syntax" in rules(c)}
    accepted_invalid = {c for c in INVALID if "yaml-syntax" not in rules(c)}
    assert rejected_valid == listed("rejected-valid")
    assert accepted_invalid == listed("accepted-invalid")
