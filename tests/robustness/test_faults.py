"""Faults: nothing written outside the named paths, no network, no configuration reached
outside the repository by a symbolic link. (Runs killed mid-fix: test_kills.py.)"""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import VALID
from robustness.places import PLACES, invoke, make_place
from wwrlint.cli import cli

MESSY = VALID.replace("date: 2022-01-03", "date: 3 January 2022").replace(
    "Durand line.", 'neighbor"s  Durand line.'
)


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


def test_running_out_of_memory_is_said_as_such(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A brief too large for the memory there is is not a bug to report: the run says what
    happened, names the file and goes on with the others."""
    from wwrlint import linter

    (tmp_path / "big.yaml").write_text("id: big\n")
    (tmp_path / "small.yaml").write_text("id: small\n")
    real = linter.lint

    def lint(path: str, *args: object, **kwargs: object) -> object:
        if path.endswith("big.yaml"):
            raise MemoryError
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(linter, "lint", lint)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", "--no-cache", "-j", "1", "big.yaml", "small.yaml"])
    assert "internal error" not in result.output + result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert "wwrlint: error: big.yaml: too large to check in the memory available\n" in result.stderr
    assert "small.yaml:1:1:" in result.stdout  # checked: it is no brief (no title, no date)
    assert result.exit_code == 2
