"""The conventions ruff and yamllint users reach for: --version, --show-files,
--force-exclude (and its config twin), --exit-non-zero-on-fix."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import REPO, VALID
from desk import make_desk
from wwrlint import __version__, linter
from wwrlint.cli import cli

BAD = VALID.replace("    sources: [dawn-2022-01-03]\n", "")


def check(folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(cli, ["check", *args])
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


def test_version_from_the_command_and_the_module() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"wwrlint, version {__version__}\n")
    module = subprocess.run(
        [sys.executable, "-m", "wwrlint", "--version"], capture_output=True, text=True, check=False
    )
    assert (module.returncode, module.stdout) == (0, f"wwrlint, version {__version__}\n")


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    """The Northwind Desk's repository, with drafts the configuration excludes and a file
    git ignores."""
    briefs = make_desk(tmp_path / "desk", git=True)
    (briefs / "drafts").mkdir()
    (briefs / "drafts" / "wip.yaml").write_text("not: [a brief\n")
    (briefs / "scratch.yaml").write_text("not: [a brief\n")
    (briefs.parent / ".gitignore").write_text("scratch.yaml\n")
    (briefs.parent / ".wwrlint.yaml").write_text("exclude: [drafts]\n")
    return briefs.parent


def refuse(*args: object, **kwargs: object) -> object:
    raise AssertionError("--show-files checked a file")


def test_show_files_lists_what_would_be_checked_and_checks_nothing(
    desk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(linter, "lint", refuse)
    code, out, err = check(desk, monkeypatch, "--show-files", "briefs")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "briefs/analysts.yaml",
        "briefs/citing.yaml",
        "briefs/2031/earlier.yaml",
    ]
    # One brief named: the briefs that cite it would be checked too.
    code, out, _ = check(desk, monkeypatch, "--show-files", "briefs/2031/earlier.yaml")
    assert (code, out) == (0, "briefs/2031/earlier.yaml\nbriefs/citing.yaml\n")
    # With no path, the archive; from a subfolder, paths as given there.
    code, out, _ = check(desk / "briefs", monkeypatch, "--show-files")
    assert out.splitlines() == ["analysts.yaml", "citing.yaml", "2031/earlier.yaml"]
    code, out, err = check(desk, monkeypatch, "--show-files", "briefs/nothing.yaml")
    assert (code, out) == (2, "")
    assert err == "wwrlint: error: briefs/nothing.yaml: no such file or folder\n"


def test_a_named_file_is_checked_even_when_excluded_unless_exclusion_is_forced(
    desk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wip = "briefs/drafts/wip.yaml"
    code, out, _ = check(desk, monkeypatch, "--no-cache", wip)
    assert code == 1
    assert out.startswith(f"{wip}:2:1: WWR001 [yaml-syntax]")
    code, out, err = check(desk, monkeypatch, "--no-cache", "--force-exclude", wip)
    assert (code, out, err) == (0, "", "All checks passed (0 briefs).\n")
    # Found below a folder, an excluded file stays out either way.
    assert check(desk, monkeypatch, "--no-cache", "--show-files", "briefs/drafts")[1] == ""
    (desk / ".wwrlint.yaml").write_text("exclude: [drafts]\nforce-exclude: true\n")
    assert check(desk, monkeypatch, "--no-cache", wip)[0] == 0
    code, out, _ = check(desk, monkeypatch, "--show-settings", wip)
    assert '"force-exclude": true' in out


def test_the_pre_commit_hook_forces_exclusion_and_runs_for_deletions() -> None:
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["entry"] == "wwrlint check --force-exclude --staged-deletions"
    assert hook["always_run"] is True


def test_exit_non_zero_on_fix_fails_a_run_that_fixed_something(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    brief = tmp_path / "brief.yaml"
    spaced = VALID.replace("Border clashes broke out", "Border clashes  broke out")
    brief.write_text(spaced)
    assert check(tmp_path, monkeypatch, "--no-cache", "--fix", "brief.yaml")[0] == 0
    assert brief.read_text() == VALID
    brief.write_text(spaced)
    code, _, _ = check(
        tmp_path, monkeypatch, "--no-cache", "--fix", "--exit-non-zero-on-fix", "brief.yaml"
    )
    assert code == 1
    assert brief.read_text() == VALID
    # Nothing left to fix: the run passes.
    code, _, _ = check(
        tmp_path, monkeypatch, "--no-cache", "--fix", "--exit-non-zero-on-fix", "brief.yaml"
    )
    assert code == 0
    # A problem that no fix mends still fails, as without the option.
    brief.write_text(BAD)
    assert (
        check(tmp_path, monkeypatch, "--no-cache", "--fix", "--exit-non-zero-on-fix", "brief.yaml")[
            0
        ]
        == 1
    )
