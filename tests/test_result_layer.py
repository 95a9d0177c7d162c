"""A failing run says why, and what could not be checked reaches every reporter: the
summary line goes to stderr for every format and with -o (only -q drops it), a file that
cannot be read is in the JSON, SARIF, GitLab and GitHub reports as well as on stderr,
and the exit code comes from the run's result alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import VALID
from wwrlint.cli import cli
from wwrlint.cli.check import exit_code
from wwrlint.reporters import FORMATS, Summary
from wwrlint.result import RunResult
from wwrlint.runner import CheckOptions

BAD = VALID.replace("    sources: [dawn-2022-01-03]\n", "")
SUMMARY = "Found 1 error and 1 warning in 1 of 1 brief.\n"
UNCHECKED = "1 problem kept wwrlint from checking everything"
HUGE = "wwrlint: error: briefs/huge.yaml: cannot read: larger than 4 MB, too large for a brief\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "briefs").mkdir()
    (tmp_path / "briefs" / "bad.yaml").write_text(BAD)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", "--no-cache", *args])
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("output_format", [f.name for f in FORMATS])
def test_the_summary_line_goes_to_stderr_for_every_format(repo: Path, output_format: str) -> None:
    code, out, err = check("--output-format", output_format, "briefs")
    assert (code, err) == (1, SUMMARY)
    assert out
    code, out, err = check("--output-format", output_format, "-o", "report", "briefs")
    assert (code, out, err) == (1, "", SUMMARY)
    assert (repo / "report").read_text()
    code, out, err = check("--output-format", output_format, "-q", "-o", "again", "briefs")
    assert (code, out, err) == (1, "", "")


@pytest.fixture
def huge(repo: Path) -> Path:
    """A file wwrlint refuses to read, as root can read every file: larger than 4 MiB."""
    path = repo / "briefs" / "huge.yaml"
    path.write_bytes(b"# " + b"x" * (5 * 1024 * 1024) + b"\n")
    return path


def test_a_file_that_cannot_be_read_is_in_the_json_report(huge: Path) -> None:
    code, out, err = check("--output-format", "json", "briefs")
    assert code == 2
    assert err == HUGE + f"Found 1 error and 1 warning in 1 brief; {UNCHECKED}.\n"
    items = json.loads(out)
    assert {
        "path": "briefs/huge.yaml",
        "line": None,
        "column": None,
        "end_line": None,
        "end_column": None,
        "code": None,
        "rule": None,
        "severity": "error",
        "message": "cannot read: larger than 4 MB, too large for a brief",
        "pointer": None,
        "fingerprint": None,
        "fix": None,
    } in items
    assert len(items) == 3


def test_a_file_that_cannot_be_read_is_a_sarif_tool_notification(huge: Path) -> None:
    code, out, _ = check("--output-format", "sarif", "briefs")
    assert code == 2
    [run] = json.loads(out)["runs"]
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"] is False
    [notification] = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert notification["message"]["text"] == "cannot read: larger than 4 MB, too large for a brief"
    location = notification["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "briefs/huge.yaml", "uriBaseId": "%SRCROOT%"}
    assert len(run["results"]) == 2


def test_a_file_that_cannot_be_read_is_a_gitlab_issue_and_a_github_annotation(
    huge: Path,
) -> None:
    code, out, _ = check("--output-format", "gitlab", "briefs")
    assert code == 2
    [issue] = [i for i in json.loads(out) if i["check_name"] == "wwrlint"]
    assert issue["severity"] == "blocker"
    assert issue["location"] == {"path": "briefs/huge.yaml", "lines": {"begin": 1, "end": 1}}
    assert issue["description"].startswith("wwrlint could not check this file: cannot read")
    code, out, _ = check("--output-format", "github", "briefs")
    assert code == 2
    assert (
        "::error file=briefs/huge.yaml,title=wwrlint could not check a file::"
        "cannot read: larger than 4 MB, too large for a brief"
    ) in out.splitlines()


def test_text_formats_leave_the_unreadable_file_to_stderr(huge: Path) -> None:
    code, out, err = check("--output-format", "text", "briefs")
    assert code == 2
    assert "huge.yaml" not in out
    assert err.startswith(HUGE)


def result(errors: int = 0, warnings: int = 0, **fields: object) -> RunResult:
    found = RunResult(Summary(errors=errors, warnings=warnings))
    for name, value in fields.items():
        setattr(found, name, value)
    return found


@pytest.mark.parametrize(
    ("found", "options", "code"),
    [
        (result(), CheckOptions(), 0),
        (result(warnings=2), CheckOptions(), 0),
        (result(warnings=2, fail_level="warning"), CheckOptions(), 1),
        (result(errors=1), CheckOptions(), 1),
        (result(errors=1), CheckOptions(exit_zero=True), 0),
        (result(errors=1), CheckOptions(generate_baseline="b.json"), 0),
        (result(errors=1, problems=["x: cannot read"]), CheckOptions(exit_zero=True), 2),
        (result(fixed_files=1, fixes=2), CheckOptions(diff=True), 1),
        (result(errors=1), CheckOptions(diff=True), 0),
        (result(fixed_files=1, fixes=1), CheckOptions(fix=True), 0),
        (result(fixed_files=1, fixes=1), CheckOptions(fix=True, exit_non_zero_on_fix=True), 1),
        (result(), CheckOptions(fix=True, exit_non_zero_on_fix=True), 0),
    ],
)
def test_the_command_line_alone_turns_a_result_into_an_exit_code(
    found: RunResult, options: CheckOptions, code: int
) -> None:
    assert exit_code(found, options) == code
