"""Where the robustness suite checks its inputs: a plain folder (not named briefs, no roster,
no git), and the briefs/ folder of an archive in a git repository, beside a roster and a
valid brief, where the archive rules run too. Every input must fare well in both.

Inputs are checked many to one `wwrlint check` run, read back file by file, so that a
suite of hundreds of inputs costs a few processes rather than hundreds."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from conftest import VALID
from wwrlint.cli import cli

PLAIN, ARCHIVE = "plain", "archive"
PLACES = (PLAIN, ARCHIVE)

# The test desk's roster: invented people only.
ROSTER = """\
analysts:
  ana-ferreira:
    name: Ana Ferreira
    role: Test desk analyst
"""
BESIDE_NAME = "test-desk-beside.yaml"
# A valid brief of the test desk that quotes the roster's analyst: whatever else the
# archive holds, it must stay free of diagnostics.
BESIDE = (
    VALID.replace("id: pakistan-border-2022", "id: test-desk-beside-2022")
    .replace(
        "analysts:\n  thomas-muller:\n    name: Thomas Muller\n"
        "    role: World Watch Research analyst\n",
        "",
    )
    .replace("analyst: thomas-muller", "analyst: ana-ferreira")
)


def make_place(root: Path, place: str) -> Path:
    """A folder for inputs under `root`: plain, or the briefs/ folder of an archive in a
    fresh git repository (holding the roster and BESIDE). Made once: a test that runs many
    examples (hypothesis) gets the same folder each time."""
    folder = root / "inputs" if place == PLAIN else root / "repo" / "briefs"
    if folder.is_dir():
        return folder
    if place == PLAIN:
        folder.mkdir(parents=True)
        return folder
    if shutil.which("git") is None:
        pytest.skip("git is missing")
    repo = folder.parent
    folder.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (folder / "analysts.yaml").write_text(ROSTER, encoding="utf-8")
    (folder / BESIDE_NAME).write_text(BESIDE, encoding="utf-8")
    return folder


def assert_no_crash(*outputs: str) -> None:
    """No output of wwrlint shows a bug: no internal error, no traceback."""
    for output in outputs:
        assert "internal error" not in output, output[-2000:]
        assert "Traceback" not in output, output[-2000:]


def invoke(args: list[str]) -> Result:
    """Run the command line in this process, as the click runner does; a run that raised
    (which the console entry point would show as an internal error) fails the test."""
    result = CliRunner().invoke(cli, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert_no_crash(result.stdout, result.stderr)
    return result


@dataclass
class Batch:
    """One `wwrlint check --output-format json` run over many inputs, read back by file
    name, so that each input is asserted on by itself."""

    returncode: int
    stdout: str
    stderr: str
    diagnostics: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # Error lines ("wwrlint: error: NAME: why") by the file they name; other lines under "".
    errors: dict[str, list[str]] = field(default_factory=dict)
    # The files the JSON report names as not checked (no rule), and the summary line.
    unchecked: set[str] = field(default_factory=set)
    summary: str = ""

    def rules(self, name: str) -> list[str]:
        return [d["rule"] for d in self.diagnostics.get(name, [])]

    def severities(self, name: str) -> set[str]:
        return {d["severity"] for d in self.diagnostics.get(name, [])}


def check_batch(
    folder: Path,
    names: list[str],
    *options: str,
    timeout: float = 120,
    preexec_fn: Callable[[], None] | None = None,
) -> Batch:
    """Check the named files of `folder` (the current folder of the run) in one process.
    Nothing is asserted here: the tests assert on each input, and on the whole output
    with `assert_no_crash`."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "wwrlint",
            "check",
            "--no-cache",
            "--output-format",
            "json",
            *options,
            *names,
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=preexec_fn,
        check=False,
    )
    batch = Batch(result.returncode, result.stdout, result.stderr)
    try:
        found = json.loads(result.stdout)
    except ValueError:
        found = []  # a run that broke down: the test of the whole output says so
    for diagnostic in found:
        if diagnostic["rule"] is None:  # a file that could not be checked
            batch.unchecked.add(Path(diagnostic["path"] or "").name)
            continue
        batch.diagnostics.setdefault(Path(diagnostic["path"]).name, []).append(diagnostic)
    for line in result.stderr.splitlines():
        prefix = "wwrlint: error: "
        if line.startswith(("Found ", "All checks passed")):
            batch.summary = line
            continue
        if " fixable with --" in line:  # what --fix (or --unsafe-fixes) would fix: no error
            continue
        named = line.removeprefix(prefix).split(": ", 1)[0] if line.startswith(prefix) else ""
        batch.errors.setdefault(Path(named).name, []).append(line)
    return batch
