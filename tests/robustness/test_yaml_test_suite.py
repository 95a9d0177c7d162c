"""Every input of the official YAML test suite through `wwrlint check`, in a plain folder and
as briefs of an archive in a git repository: each gets at least one diagnostic (none is a
brief), none crashes, and where libyaml disagrees with the suite the cases are the ones
docs/robustness.md lists, in both places alike."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import REPO
from robustness.places import (
    ARCHIVE,
    BESIDE_NAME,
    PLACES,
    Batch,
    assert_no_crash,
    check_batch,
    make_place,
)

SUITE = Path(__file__).parent.parent / "data" / "yaml-test-suite"
INVALID = set((SUITE / "ERRORS.txt").read_text("utf-8").split())
CASES = sorted(path.stem for path in SUITE.glob("*.yaml"))
DOCS = (REPO / "docs" / "robustness.md").read_text("utf-8")


def listed(marker: str) -> set[str]:
    block = DOCS.split(f"<!-- {marker} -->", 1)[1].split("<!-- end -->", 1)[0]
    return set(re.findall(r"`([0-9A-Z]{4}(?:-\d+)?)`", block))


@pytest.fixture(scope="module", params=PLACES)
def suite_run(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Batch:
    """The whole suite checked in one run, in one of the places."""
    folder = make_place(tmp_path_factory.mktemp("suite"), request.param)
    for case in CASES:
        shutil.copyfile(SUITE / f"{case}.yaml", folder / f"{case}.yaml")
    beside = [BESIDE_NAME] if request.param == ARCHIVE else []
    return check_batch(folder, [f"{case}.yaml" for case in CASES] + beside)


def test_the_suite_is_complete() -> None:
    assert len(CASES) == 402
    assert len(INVALID) == 94
    assert set(CASES) >= INVALID


def test_the_run_ends_in_diagnostics_alone(suite_run: Batch) -> None:
    assert_no_crash(suite_run.stdout, suite_run.stderr)
    assert suite_run.errors == {}
    assert suite_run.returncode == 1
    assert BESIDE_NAME not in suite_run.diagnostics


@pytest.mark.parametrize("case", CASES)
def test_every_case_gets_a_diagnostic(case: str, suite_run: Batch) -> None:
    assert suite_run.errors.get(f"{case}.yaml") is None
    assert suite_run.rules(f"{case}.yaml")


def test_disagreements_with_the_suite_are_the_documented_ones(suite_run: Batch) -> None:
    def rejected(case: str) -> bool:
        return "yaml-syntax" in suite_run.rules(f"{case}.yaml")

    assert {c for c in CASES if c not in INVALID and rejected(c)} == listed("rejected-valid")
    assert {c for c in INVALID if not rejected(c)} == listed("accepted-invalid")
