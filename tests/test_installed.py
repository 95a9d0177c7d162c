"""The installed command, as users and pre-commit run it: a real process, no source tree."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REPO, VALID

BIN = Path(sys.executable).parent


def test_console_script_checks_a_brief_outside_the_source_tree(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(VALID.replace("date: 2022-01-03", "date: 2022-02-30"))
    result = subprocess.run(
        [str(BIN / "wwrlint"), "check", "bad.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == (
        "bad.yaml:11:11: WWR202 [invalid-date] the date of source 'dawn-2022-01-03' "
        "is '2022-02-30', which is not a real calendar date\n"
    )
    assert result.stderr == "Found 1 error in 1 of 1 brief.\n"


def test_python_dash_m_works_like_the_script(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(VALID)
    result = subprocess.run(
        [sys.executable, "-m", "wwrlint", "check", "--output-format", "json", "good.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, json.loads(result.stdout)) == (0, [])


def test_schema_is_found_outside_the_source_tree(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(BIN / "wwrlint"), "schema"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout == (REPO / "schema" / "brief.schema.json").read_text(encoding="utf-8")


def test_a_crash_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text(VALID)
    code = (
        "import sys, wwrlint.linter, wwrlint.cli\n"
        "def boom(*a): raise RuntimeError('simulated bug')\n"
        "wwrlint.linter.lint = boom\n"
        "sys.argv = ['wwrlint', 'check', 'x.yaml']\n"
        "wwrlint.cli.main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(
        "wwrlint: error: x.yaml: internal error: RuntimeError: simulated bug\n"
    )


def test_wheel_carries_the_one_schema(tmp_path: Path) -> None:
    pytest.importorskip("hatchling")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    [wheel] = tmp_path.glob("wwrlint-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        for name in ("brief", "roster", "catalogue"):
            shipped = archive.read(f"wwrlint/schema/{name}.schema.json").decode("utf-8")
            expected = (REPO / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
            assert shipped == expected, name
