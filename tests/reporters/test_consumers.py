"""Real consumers accept what wwrlint writes: Microsoft's SARIF multitool with the SARIF
and GitHub (Ghas) rules finds no error or warning, GitLab's Code Quality schema and the
rules of its documentation hold for every issue, and every file a report names exists
where the report says, from whatever folder wwrlint ran."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlparse

import pytest
from click.testing import CliRunner
from jsonschema import Draft7Validator

from conftest import REPO, VALID
from desk import EARLIER, make_desk
from tools import tool
from wwrlint.cli import cli

GITLAB_SCHEMA = json.loads(
    (REPO / "tests" / "data" / "gitlab-code-quality.schema.json").read_text()
)
GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    """An invented desk's repository with findings of every kind: a claim without a source,
    a date that does not exist, two briefs with one id (related locations), a file name
    with a space and an accent."""
    briefs = make_desk(tmp_path / "desk", git=True)
    (briefs / "copy.yaml").write_text(EARLIER)
    bad = VALID.replace("    sources: [dawn-2022-01-03]\n", "").replace("2022-01-03", "2022-02-30")
    (briefs / "2031" / "a brief é.yaml").write_text(bad.replace("pakistan-border-2022", "odd"))
    (tmp_path / "elsewhere").mkdir()
    return briefs.parent


def report(folder: Path, output_format: str, *paths: str) -> str:
    """The report of a run in `folder`, written with -o as CI jobs do."""
    target = folder.parent / f"report.{output_format}"
    old = os.getcwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(
            cli,
            ["check", "--no-cache", "--output-format", output_format, "-o", str(target), *paths],
        )
    finally:
        os.chdir(old)
    assert result.exit_code == 1, result.stderr
    assert "Traceback" not in result.stderr
    return target.read_text("utf-8")


# Where the runs start, and how they name the desk's briefs.
RUNS = {"root": ("", "briefs"), "subfolder": ("briefs/2031", "."), "outside": ("../elsewhere", "")}


def run_in(desk: Path, where: str, output_format: str) -> str:
    folder, named = RUNS[where]
    return report(desk / folder, output_format, named or str(desk / "briefs"))


def multitool_findings(sarif_path: Path) -> list[tuple[str, str, str]]:
    """(rule, level, message) of what the multitool's SARIF and GitHub rules report."""
    multitool = tool("sarif-multitool", "npm install @microsoft/sarif-multitool")
    log = sarif_path.with_suffix(".validation.sarif")
    env = {**os.environ, "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1", "DOTNET_NOLOGO": "1"}
    done = subprocess.run(
        [multitool, "validate", "--rule-kind", "Sarif;Ghas", "-o", str(log), str(sarif_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert log.is_file(), done.stdout + done.stderr
    results = json.loads(log.read_text("utf-8-sig"))["runs"][0]["results"]
    return [
        # A result without a level is a warning (SARIF 3.27.10).
        (r["ruleId"], r.get("level", "warning"), r["message"].get("arguments", [""])[0])
        for r in results
    ]


@pytest.mark.parametrize("where", list(RUNS))
def test_the_sarif_multitool_finds_no_error_or_warning(desk: Path, where: str) -> None:
    sarif = desk.parent / "report.sarif"
    sarif.write_text(run_in(desk, where, "sarif"))
    serious = [found for found in multitool_findings(sarif) if found[1] in ("error", "warning")]
    assert serious == []


def test_the_sarif_multitool_accepts_a_report_without_findings(tmp_path: Path) -> None:
    (tmp_path / "briefs").mkdir()
    (tmp_path / "briefs" / "good.yaml").write_text(VALID)
    sarif = tmp_path / "empty.sarif"
    result = CliRunner().invoke(
        cli, ["check", "--output-format", "sarif", "-o", str(sarif), str(tmp_path / "briefs")]
    )
    assert result.exit_code == 0, result.stderr
    assert [f for f in multitool_findings(sarif) if f[1] in ("error", "warning")] == []


def sarif_files(sarif: dict[str, Any]) -> set[str]:
    """The local paths of every file a SARIF log names, its base URIs resolved."""
    [run] = sarif["runs"]
    bases = {name: entry["uri"] for name, entry in run.get("originalUriBaseIds", {}).items()}
    found = set()
    for result in run["results"]:
        for location in result["locations"] + result.get("relatedLocations", []):
            artifact = location["physicalLocation"]["artifactLocation"]
            uri = artifact["uri"]
            if "uriBaseId" in artifact:
                uri = urljoin(bases[artifact["uriBaseId"]], uri)
            assert urlparse(uri).scheme == "file"
            found.add(unquote(urlparse(uri).path))
    return found


@pytest.mark.parametrize("where", list(RUNS))
def test_every_file_a_sarif_report_names_exists(desk: Path, where: str) -> None:
    files = sarif_files(json.loads(run_in(desk, where, "sarif")))
    assert {Path(path).relative_to(desk).as_posix() for path in files} == {
        "briefs/copy.yaml",
        "briefs/2031/earlier.yaml",
        "briefs/2031/a brief é.yaml",
    }


@pytest.mark.parametrize("where", list(RUNS))
def test_gitlab_code_quality_issues_pass_gitlab_schema_and_name_files_that_exist(
    desk: Path, where: str
) -> None:
    issues = json.loads(run_in(desk, where, "gitlab"))
    assert isinstance(issues, list)
    assert len(issues) >= 4
    validator = Draft7Validator(GITLAB_SCHEMA)
    for issue in issues:
        validator.validate(issue)
        # What GitLab's documentation of the format asks beyond its schema.
        assert isinstance(issue["check_name"], str)
        assert issue["severity"] in GITLAB_SEVERITIES
        assert isinstance(issue["location"]["lines"]["begin"], int)
        path = issue["location"]["path"]
        assert not path.startswith(("/", "./", "../"))
        assert (desk / path).is_file(), path
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)
    assert "briefs/2031/a brief é.yaml" in {issue["location"]["path"] for issue in issues}


def test_the_sarif_multitool_accepts_a_file_that_could_not_be_read(desk: Path) -> None:
    (desk / "briefs" / "huge.yaml").write_bytes(b"# " + b"x" * (5 * 1024 * 1024) + b"\n")
    sarif = desk.parent / "unread.sarif"
    result = CliRunner().invoke(
        cli, ["check", "--no-cache", "--output-format", "sarif", "-o", str(sarif), str(desk)]
    )
    assert result.exit_code == 2
    [run] = json.loads(sarif.read_text("utf-8"))["runs"]
    assert run["invocations"][0]["executionSuccessful"] is False
    assert [f for f in multitool_findings(sarif) if f[1] in ("error", "warning")] == []
