"""A real editor: headless Neovim's built-in LSP client opens a broken brief with
`wwrlint server` and reads back the diagnostics `wwrlint check` gives."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desk import CITING, make_desk
from server.lsp import check_json

SCRIPT = Path(__file__).with_name("neovim.lua")
BROKEN = CITING.replace("    date: 2031-01-20\n", "").replace(
    "analyst: ana-ferreira", "analyst: ana"
)


@pytest.mark.skipif(shutil.which("nvim") is None, reason="Neovim (nvim) is not installed")
def test_neovim_shows_the_diagnostics_of_check(tmp_path: Path) -> None:
    briefs = make_desk(tmp_path, git=True)
    citing = briefs / "citing.yaml"
    citing.write_text(BROKEN)
    out = tmp_path / "diagnostics.json"
    environment = {
        **os.environ,
        "WWRLINT_BRIEF": str(citing),
        "WWRLINT_OUT": str(out),
        "WWRLINT_PYTHON": sys.executable,
        "WWRLINT_ROOT": str(tmp_path),
        "HOME": str(tmp_path),  # no user configuration, no shada
    }
    result = subprocess.run(
        ["nvim", "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", f"luafile {SCRIPT}"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.exists(), result.stdout + result.stderr
    shown = json.loads(out.read_text())
    expected = [
        d for d in check_json(tmp_path, "briefs/citing.yaml") if d["path"].endswith("citing.yaml")
    ]
    assert len(expected) == 2
    assert sorted(
        (d["line"] - 1, d["column"] - 1, d["code"], d["message"]) for d in expected
    ) == sorted((d["line"], d["column"], d["code"], d["message"]) for d in shown)
    assert {d["source"] for d in shown} == {"wwrlint"}
    assert citing.read_text() == BROKEN
