"""Machine formats name files relative to the repository's root whatever the folder of the
run and however the path was given (from the root, from a subfolder, from outside with an
absolute path; with the cache and without); text stays relative to the current folder.
Without git, the archive's folder is the root; outside an archive, the current folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import VALID
from wwrlint.cli import cli
from wwrlint.reporters.paths import folder_uri

BAD = VALID.replace("    sources: [dawn-2022-01-03]\n", "")
ODD = "with space é.yaml"


def run(folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(cli, ["check", *args], catch_exceptions=False)
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with a bad brief in briefs/ and one with an awkward name in a subfolder."""
    root = tmp_path / "desk"
    (root / ".git").mkdir(parents=True)
    (root / "briefs" / "2022").mkdir(parents=True)
    (root / "briefs" / "bad.yaml").write_text(BAD)
    (root / "briefs" / "2022" / ODD).write_text(BAD.replace("pakistan-border-2022", "odd"))
    (tmp_path / "elsewhere").mkdir()
    return root


def machine_paths(output_format: str, output: str) -> list[str]:
    """The file of every finding, as the format names it."""
    if output_format == "json":
        return [item["path"] for item in json.loads(output)]
    if output_format == "gitlab":
        return [item["location"]["path"] for item in json.loads(output)]
    if output_format == "github":
        return [line.split("file=", 1)[1].split(",line=", 1)[0] for line in output.splitlines()]
    [sarif_run] = json.loads(output)["runs"]
    locations = [
        r["locations"][0]["physicalLocation"]["artifactLocation"] for r in sarif_run["results"]
    ]
    assert {location["uriBaseId"] for location in locations} == {"%SRCROOT%"}
    return [location["uri"] for location in locations]


# How each way of naming the files reads from the folder it is run in.
WAYS = {
    "from the root": ("", ("briefs/bad.yaml", f"briefs/2022/{ODD}")),
    "from a subfolder": ("briefs", ("bad.yaml", f"2022/{ODD}")),
    "from outside, absolute": ("../elsewhere", ()),
}
EXPECTED = {
    "json": ["briefs/2022/with space é.yaml", "briefs/bad.yaml"],
    "gitlab": ["briefs/2022/with space é.yaml", "briefs/bad.yaml"],
    "github": ["briefs/2022/with space é.yaml", "briefs/bad.yaml"],
    "sarif": ["briefs/2022/with%20space%20%C3%A9.yaml", "briefs/bad.yaml"],
}


@pytest.mark.parametrize("cache", ["--no-cache", "--cache-dir=CACHE"])
@pytest.mark.parametrize("way", list(WAYS))
@pytest.mark.parametrize("output_format", list(EXPECTED))
def test_machine_formats_name_files_from_the_repository_root(
    repo: Path, monkeypatch: pytest.MonkeyPatch, output_format: str, way: str, cache: str
) -> None:
    folder, named = WAYS[way]
    paths = named or (str(repo / "briefs" / "2022" / ODD), str(repo / "briefs" / "bad.yaml"))
    cache = cache.replace("CACHE", str(repo.parent / "cache"))
    for _ in range(2):  # the second run with the cache gives the cached results
        code, out, _ = run(
            repo / folder, monkeypatch, cache, "--output-format", output_format, *paths
        )
        assert code == 1
        # Two findings in each file.
        assert sorted(machine_paths(output_format, out)) == sorted(EXPECTED[output_format] * 2)


def test_sarif_roots_the_paths_at_the_repository_as_an_absolute_uri(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, out, _ = run(repo.parent / "elsewhere", monkeypatch, "--output-format", "sarif", str(repo))
    [sarif_run] = json.loads(out)["runs"]
    assert sarif_run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": folder_uri(str(repo))}}
    assert sarif_run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == f"file://{repo}/"


def test_text_stays_relative_to_the_current_folder(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, out, _ = run(repo / "briefs", monkeypatch, "--output-format", "text", "bad.yaml")
    assert out.startswith("bad.yaml:9:3: WWR103 [unused-source]")
    absolute = str(repo / "briefs" / "bad.yaml")
    _, out, _ = run(repo.parent / "elsewhere", monkeypatch, "--output-format", "text", absolute)
    assert out.startswith(f"{absolute}:9:3: WWR103")


def json_paths(folder: Path, monkeypatch: pytest.MonkeyPatch, *paths: str) -> list[str]:
    _, out, _ = run(folder, monkeypatch, "--no-cache", "--output-format", "json", *paths)
    return [item["path"] for item in json.loads(out)]


def test_without_git_the_archive_folder_is_the_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A copy without .git (an unpacked sdist, a CI workspace): the same names from
    everywhere, relative to the archive's folder."""
    (tmp_path / "copy" / "briefs" / "2022").mkdir(parents=True)
    (tmp_path / "copy" / "briefs" / "2022" / "bad.yaml").write_text(BAD)
    copy = tmp_path / "copy"
    expected = ["2022/bad.yaml"] * 2
    assert json_paths(copy, monkeypatch, "briefs") == expected
    assert json_paths(copy / "briefs" / "2022", monkeypatch, "bad.yaml") == expected
    assert json_paths(tmp_path, monkeypatch, str(copy / "briefs")) == expected


def test_outside_a_repository_and_an_archive_the_current_folder_is_the_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "loose" / "drafts").mkdir(parents=True)
    draft = tmp_path / "loose" / "drafts" / "bad.yaml"
    draft.write_text(BAD)
    expected = ["drafts/bad.yaml"] * 2
    assert json_paths(tmp_path / "loose", monkeypatch, "drafts/bad.yaml") == expected
    # Below no root at all: the absolute path, never one that climbs out with `..`.
    (tmp_path / "other").mkdir()
    assert json_paths(tmp_path / "other", monkeypatch, str(draft)) == [str(draft)] * 2


def fingerprints(output_format: str, output: str) -> list[str]:
    if output_format == "gitlab":
        return [item["fingerprint"] for item in json.loads(output)]
    results: list[dict[str, Any]] = json.loads(output)["runs"][0]["results"]
    return [r["partialFingerprints"]["wwrlint/v2"] for r in results]


@pytest.mark.parametrize("output_format", ["sarif", "gitlab"])
def test_fingerprints_are_unique_per_finding_and_survive_edits_elsewhere(
    repo: Path, monkeypatch: pytest.MonkeyPatch, output_format: str
) -> None:
    twin = repo / "briefs" / "twin.yaml"
    twin_brief = BAD.replace("pakistan-border-2022", "twin")  # the same findings, another file
    twin.write_text(twin_brief)
    paths = ("briefs/bad.yaml", "briefs/twin.yaml")
    _, out, _ = run(repo, monkeypatch, "--no-cache", "--output-format", output_format, *paths)
    before = fingerprints(output_format, out)
    assert len(before) == 4
    assert len(set(before)) == 4
    twin.write_text("# a comment that moves every line\n\n" + twin_brief)
    _, out, _ = run(repo, monkeypatch, "--no-cache", "--output-format", output_format, *paths)
    assert fingerprints(output_format, out) == before
