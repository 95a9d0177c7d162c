"""The README's editor set-ups start `wwrlint server` and are valid in their own formats."""

from __future__ import annotations

import json
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text(encoding="utf-8")


def example(name: str) -> str:
    after = README.split(f"<!-- example: {name} -->\n", 1)[1]
    return after.split("\n", 1)[1].split("```", 1)[0]


def test_vs_code_helix_and_zed_start_the_server() -> None:
    vscode = json.loads(example("vscode"))
    assert (vscode["glspc.server.command"], vscode["glspc.server.commandArguments"]) == (
        "wwrlint",
        ["server"],
    )
    helix = tomllib.loads(example("helix"))
    assert helix["language-server"]["wwrlint"] == {"command": "wwrlint", "args": ["server"]}
    assert "wwrlint" in helix["language"][0]["language-servers"]
    zed = json.loads(example("zed"))
    assert zed["lsp"]["wwrlint"]["binary"] == {"path": "wwrlint", "arguments": ["server"]}


@pytest.mark.skipif(shutil.which("nvim") is None, reason="Neovim (nvim) is not installed")
def test_the_neovim_set_up_is_lua(tmp_path: Path) -> None:
    script = tmp_path / "init.lua"
    script.write_text(example("neovim"))
    assert '{ "wwrlint", "server" }' in script.read_text()
    check = f"lua assert(loadfile('{script}'))"
    result = subprocess.run(
        ["nvim", "--headless", "-u", "NONE", "-i", "NONE", "-c", check, "-c", "qa!"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Error" not in result.stdout + result.stderr
