"""Faults: no data lost when --fix is killed, nothing written outside the named paths, no
network, no configuration reached outside the repository by a symbolic link."""

from __future__ import annotations

import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import VALID
from robustness.places import PLACES, invoke, make_place
from wwrlint.cli import cli

MESSY = VALID.replace("date: 2022-01-03", "date: 3 January 2022").replace(
    "Durand line.", 'neighbor"s  Durand line.'
)


def fixed_text(tmp_path: Path) -> str:
    probe = tmp_path / "probe" / "brief.yaml"
    probe.parent.mkdir()
    probe.write_text(MESSY)
    CliRunner().invoke(cli, ["check", "--fix", "--no-cache", str(probe)])
    return probe.read_text()


def test_a_killed_fix_leaves_each_file_wholly_old_or_wholly_new(tmp_path: Path) -> None:
    after = fixed_text(tmp_path)
    assert after != MESSY
    folder = tmp_path / "briefs"
    folder.mkdir()
    rng = random.Random(7)
    interrupted = 0
    for trial in range(8):
        for number in range(150):
            (folder / f"b{number:03d}.yaml").write_text(MESSY)
        process = subprocess.Popen(
            [sys.executable, "-m", "wwrlint", "check", "--fix", "--no-cache", "-q", str(folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # Kill once the first file is fixed (and a random moment later): on a loaded machine
        # a fixed delay lands before the run starts or after it ends.
        deadline = time.monotonic() + 120
        while process.poll() is None and time.monotonic() < deadline:
            if any(p.read_text() == after for p in folder.glob("*.yaml")):
                break
            time.sleep(0.005)
        time.sleep(rng.random() * 0.02 * (trial + 1))
        process.send_signal(signal.SIGKILL)
        process.wait()
        contents = [p.read_text() for p in folder.glob("*.yaml")]
        assert set(contents) <= {MESSY, after}
        interrupted += set(contents) == {MESSY, after}
        assert len(list(folder.glob("*.yaml"))) == 150
        leftovers = [p.name for p in folder.iterdir() if not p.name.endswith(".yaml")]
        assert all(name.startswith(".b") and name.endswith(".tmp") for name in leftovers)
        for leftover in leftovers:
            (folder / leftover).unlink()
    assert interrupted, "no kill landed while files were being fixed"


@pytest.mark.parametrize("place", PLACES)
def test_nothing_is_written_outside_the_named_paths_and_the_cache(
    place: str, tmp_path: Path
) -> None:
    tree = tmp_path / "tree"
    folder = make_place(tree, place)
    (folder / "a.yaml").write_text(MESSY)
    (folder / "b.yaml").write_text(MESSY.replace("id: pakistan-border-2022", "id: b"))
    (folder.parent / "notes.yaml").write_text(MESSY)
    before = {p: p.read_bytes() for p in tree.rglob("*") if p.is_file()}
    cache = tmp_path / "cache"
    result = invoke(["check", "--fix", "--cache-dir", str(cache), str(folder / "a.yaml")])
    assert result.exit_code == 0
    after = {p: p.read_bytes() for p in tree.rglob("*") if p.is_file()}
    changed = {p for p in after if before.get(p) != after[p]}
    assert changed == {folder / "a.yaml"}
    assert set(after) == set(before)


@pytest.mark.parametrize("place", PLACES)
def test_no_socket_is_opened_during_a_whole_run(
    place: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_place(tmp_path, place)  # git runs before sockets are refused

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("wwrlint tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    (folder / "good.yaml").write_text(VALID)
    bad = VALID.replace("publisher: Dawn", "pubisher: Dawn").replace(
        "id: pakistan-border-2022", "id: bad"
    )
    (folder / "bad.yaml").write_text(bad)
    for output_format in ("text", "json", "sarif", "github", "gitlab"):
        result = invoke(["check", "--no-cache", "--output-format", output_format, str(folder)])
        assert result.exit_code == 1, result.output


def test_the_schema_refers_to_nothing_remote() -> None:
    from wwrlint.schema import schema_text

    refs = [line for line in schema_text().splitlines() if '"$ref"' in line]
    assert refs
    assert all('"#/$defs/' in line for line in refs)


def test_a_config_linked_from_outside_the_repository_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("ignore: [ALL]\n")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "brief.yaml").write_text(VALID.replace("2022-01-03", "2022-13-03"))
    (repo / ".wwrlint.yaml").symlink_to(outside)
    result = CliRunner().invoke(cli, ["check", "--no-cache", str(repo / "brief.yaml")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"wwrlint: error: {repo / '.wwrlint.yaml'}: links to ")
    assert "outside the repository" in result.stderr
    named = CliRunner().invoke(cli, ["check", "--no-cache", "--config", str(outside), str(repo)])
    assert named.exit_code == 0


@pytest.mark.skipif(shutil.which("git") is None, reason="git is missing")
def test_a_config_above_the_repository_is_not_read(tmp_path: Path) -> None:
    (tmp_path / ".wwrlint.yaml").write_text("ignore: [ALL]\n")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "brief.yaml").write_text(VALID.replace("2022-01-03", "2022-13-03"))
    assert CliRunner().invoke(cli, ["check", "--no-cache", str(repo)]).exit_code == 1
    os.rename(repo / ".git", repo / "not-git")
    assert CliRunner().invoke(cli, ["check", "--no-cache", str(repo)]).exit_code == 0
