"""bench/floor.py, the least a check of every brief could cost, does each stage's work.

A stage that silently skipped its loading or its validation would make the floor it reports
meaningless (its figures are measured by hand, never asserted here)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

SEED = REPO / "briefs" / "wwr-pakistan-taliban-2022.yaml"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Three briefs below a folder: one sound, one YAML cannot read, one the schema
    rejects (no title); and files that are not briefs: a text file, the roster and the
    catalogue."""
    text = SEED.read_text(encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sound.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "sub" / "tab.yml").write_text(text + "\tbroken: [\n", encoding="utf-8")
    untitled = "".join(line for line in text.splitlines(True) if not line.startswith("title:"))
    assert untitled != text
    (tmp_path / "sub" / "untitled.yaml").write_text(untitled, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a brief\n", encoding="utf-8")
    for name in ("analysts.yaml", "catalogue.yaml"):
        shutil.copy(REPO / "briefs" / name, tmp_path / name)
    return tmp_path


@pytest.mark.parametrize(
    ("stage", "passed"),
    [("read", 3), ("libyaml", 2), ("libyaml+schema", 1), ("layer", 2), ("layer+schema", 1)],
)
def test_each_stage_reads_every_brief_and_fails_those_its_work_rejects(
    folder: Path, stage: str, passed: int
) -> None:
    run = subprocess.run(
        [sys.executable, str(REPO / "bench" / "floor.py"), stage, str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in run.stderr
    assert run.returncode == 0, run.stderr
    assert run.stdout == f"{stage}: {passed} of 3 briefs passed\n"


def test_an_unknown_stage_is_a_usage_error(folder: Path) -> None:
    run = subprocess.run(
        [sys.executable, str(REPO / "bench" / "floor.py"), "everything", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert run.stderr.startswith("usage: python bench/floor.py {read,libyaml,")
