"""One way to find the archive, in and out of git, from any folder, with and without the
cache: what is checked, what the archive holds, and which briefs depend on a change.

The desk, its analysts and its briefs are invented for these tests."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import REPO
from desk import CITING, EARLIER, ROSTER, brief, make_desk
from wwrlint.cli import cli


def invoke(cwd: Path, *args: str) -> Result:
    """Run the command line in `cwd`."""
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(cli, list(args))
    finally:
        os.chdir(old)


def check(cwd: Path, *args: str, cache: bool = True) -> tuple[int, list[dict[str, object]], str]:
    """Run `wwrlint check --output-format json` in `cwd`: exit code, findings, stderr."""
    options = ["check", "--output-format", "json", *([] if cache else ["--no-cache"])]
    result = invoke(cwd, *options, *args)
    assert "Traceback" not in result.output + result.stderr
    assert "internal error" not in result.stderr
    findings = json.loads(result.stdout) if result.exit_code in (0, 1) else []
    return result.exit_code, findings, result.stderr


def triples(findings: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return [(Path(str(f["path"])).name, f["rule"], f["line"], f["column"]) for f in findings]


WAYS = [
    pytest.param(git, cache, id=f"{'git' if git else 'plain'}-{'cache' if cache else 'no-cache'}")
    for git in (True, False)
    for cache in (True, False)
]


@pytest.mark.parametrize(("git", "cache"), WAYS)
def test_the_projects_own_archive_passes_in_and_out_of_git(
    tmp_path: Path, git: bool, cache: bool
) -> None:
    shutil.copytree(REPO / "briefs", tmp_path / "briefs")
    if git:
        subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    for cwd, args in ((tmp_path, ["briefs/"]), (tmp_path / "briefs", []), (tmp_path, [])):
        code, findings, _ = check(cwd, *args, cache=cache)
        assert (code, [f["message"] for f in findings]) == (0, [])
    result = CliRunner().invoke(cli, ["check", "--no-cache", str(tmp_path / "briefs")])
    assert result.stderr.splitlines()[-1] == "All checks passed (1 brief)."


@pytest.mark.parametrize(("git", "cache"), WAYS)
def test_a_roster_rename_breaks_the_briefs_that_quote_it(
    tmp_path: Path, git: bool, cache: bool
) -> None:
    briefs = make_desk(tmp_path, git)
    assert check(tmp_path, "briefs/", cache=cache)[:2] == (0, [])
    (briefs / "analysts.yaml").write_text(ROSTER.replace("ana-ferreira", "ana-ferreira-lopes"))
    expected = [
        ("earlier.yaml", "unknown-analyst", 12, 14),
        ("citing.yaml", "unknown-analyst", 17, 14),
    ]
    for cwd, path in ((tmp_path, "briefs/analysts.yaml"), (briefs, "analysts.yaml")):
        code, findings, _ = check(cwd, path, cache=cache)
        assert (code, sorted(triples(findings))) == (1, sorted(expected))


@pytest.mark.parametrize(("git", "cache"), WAYS)
def test_a_changed_or_removed_brief_breaks_the_briefs_that_cite_it(
    tmp_path: Path, git: bool, cache: bool
) -> None:
    briefs = make_desk(tmp_path, git)
    earlier = briefs / "2031" / "earlier.yaml"
    assert check(tmp_path, "briefs/", cache=cache)[:2] == (0, [])
    earlier.write_text(EARLIER.replace("harbour-2031-02", "harbour-2031-02-update"))
    code, findings, _ = check(tmp_path, "briefs/2031/earlier.yaml", cache=cache)
    assert (code, triples(findings)) == (1, [("citing.yaml", "unknown-brief", 12, 12)])
    earlier.write_text(EARLIER.replace("date: 2031-02-01", "date: 2031-02-02", 1))
    code, findings, _ = check(briefs / "2031", "earlier.yaml", cache=cache)
    assert (code, triples(findings)) == (1, [("citing.yaml", "brief-date-mismatch", 10, 11)])
    earlier.unlink()
    (briefs / "other.yaml").write_text(brief("harbour-2031-04"))
    code, findings, _ = check(tmp_path, "briefs/other.yaml", cache=cache)
    assert (code, triples(findings)) == (1, [("citing.yaml", "unknown-brief", 12, 12)])


@pytest.mark.parametrize("cache", [True, False])
def test_a_bare_check_at_the_repository_root_checks_the_archive(
    tmp_path: Path, cache: bool
) -> None:
    make_desk(tmp_path, git=True)
    (tmp_path / "docker-compose.yml").write_text("services:\n  web:\n    image: nginx\n")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "todo.yaml").write_text("- write more briefs\n")
    assert check(tmp_path, cache=cache)[:2] == (0, [])
    assert check(tmp_path / "notes", cache=cache)[:2] == (0, [])  # its repository's briefs/


def test_with_no_archive_a_bare_check_says_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text(EARLIER)
    code, _, stderr = check(tmp_path)
    assert code == 2
    assert stderr.startswith("wwrlint: error: no archive here")
    assert len(stderr.splitlines()) == 1


@pytest.mark.parametrize("cache", [True, False])
def test_the_roster_is_neither_a_brief_nor_counted(tmp_path: Path, cache: bool) -> None:
    briefs = make_desk(tmp_path, git=False)
    options = ["check", "--output-format", "text", *([] if cache else ["--no-cache"])]
    result = CliRunner().invoke(cli, [*options, str(briefs)])
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "All checks passed (2 briefs).\n"


@pytest.mark.parametrize("order", [("a", "b"), ("b", "a")])
def test_files_of_two_archives_are_each_checked_against_their_own(
    tmp_path: Path, order: tuple[str, str]
) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    for desk in ("a", "b"):
        briefs = tmp_path / f"desk-{desk}" / "briefs"
        briefs.mkdir(parents=True)
        (briefs / "analysts.yaml").write_text(ROSTER)
        (briefs / "earlier.yaml").write_text(EARLIER)  # the same id in both desks
    (tmp_path / "desk-b" / "briefs" / "citing.yaml").write_text(CITING)
    paths = {
        "a": "desk-a/briefs/earlier.yaml",
        "b": "desk-b/briefs/citing.yaml",
    }
    code, findings, _ = check(tmp_path, *(paths[desk] for desk in order))
    assert (code, findings) == (0, [])


@pytest.mark.parametrize(("git", "cache"), WAYS)
def test_excluded_and_git_ignored_briefs_are_not_in_the_archive(
    tmp_path: Path, git: bool, cache: bool
) -> None:
    briefs = make_desk(tmp_path, git)
    (briefs / "drafts").mkdir()
    (briefs / "drafts" / "copy.yaml").write_text(CITING)  # the same id as citing.yaml
    (tmp_path / ".wwrlint.yaml").write_text("exclude: [briefs/drafts]\n")
    assert check(tmp_path, "briefs/", cache=cache)[:2] == (0, [])
    assert check(tmp_path, "briefs/citing.yaml", cache=cache)[:2] == (0, [])
    (tmp_path / ".wwrlint.yaml").unlink()
    code, findings, _ = check(tmp_path, "briefs/citing.yaml", cache=cache)
    assert (code, triples(findings)) == (1, [("citing.yaml", "duplicate-brief-id", 1, 5)])
    if git:
        (tmp_path / ".gitignore").write_text("drafts/\n")
        assert check(tmp_path, "briefs/", cache=cache)[:2] == (0, [])
        assert check(tmp_path, "briefs/citing.yaml", cache=cache)[:2] == (0, [])


@pytest.mark.parametrize("cache", [True, False])
def test_links_out_of_the_repository_are_not_followed(tmp_path: Path, cache: bool) -> None:
    repo = tmp_path / "repo"
    briefs = make_desk(repo, git=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "copy.yaml").write_text(CITING)  # the same id as citing.yaml
    (briefs / "copy.yaml").symlink_to(outside / "copy.yaml")
    assert check(repo, "briefs/citing.yaml", cache=cache)[:2] == (0, [])
    (outside / "analysts.yaml").write_text(ROSTER)
    (repo / "mirror").mkdir()
    (repo / "mirror" / "briefs").symlink_to(outside, target_is_directory=True)
    code, findings, _ = check(repo, "mirror/briefs/copy.yaml", cache=cache)
    # Checked alone, without the roster and the earlier brief out there: its archive's
    # folder leads out of the repository.
    assert (code, triples(findings)) == (1, [("copy.yaml", "unknown-analyst", 17, 14)])


@pytest.mark.parametrize("cache", [True, False])
def test_a_date_written_after_the_body_is_indexed(tmp_path: Path, cache: bool) -> None:
    briefs = make_desk(tmp_path, git=True)
    date_last = EARLIER.replace("date: 2031-02-01\n", "", 1) + "date: 2031-02-01\n"
    (briefs / "2031" / "earlier.yaml").write_text(date_last)
    by_date = CITING.replace("    brief: harbour-2031-02\n", "")
    (briefs / "citing.yaml").write_text(by_date)
    assert check(tmp_path, "briefs/citing.yaml", cache=cache)[:2] == (0, [])


def test_show_settings_names_the_archive_in_use(tmp_path: Path) -> None:
    briefs = make_desk(tmp_path, git=True)
    result = CliRunner().invoke(cli, ["check", "--show-settings", str(briefs / "citing.yaml")])
    shown = json.loads(result.stdout)["archive-in-use"]
    assert shown == {
        "folder": str(briefs),
        "roster": str(briefs / "analysts.yaml"),
        "catalogue": None,
        "boundary": str(tmp_path),
    }


@pytest.mark.parametrize(("git", "cache"), WAYS)
def test_a_run_of_every_brief_adds_no_dependent_and_one_of_all_but_one_adds_it(
    tmp_path: Path, git: bool, cache: bool
) -> None:
    """A run that names every brief of the archive has no dependent left to add (the
    scope skips asking the index); one brief short, the brief left out that cites a
    checked one is added, from any folder and however the paths are spelt."""
    briefs = make_desk(tmp_path, git)
    (briefs / "more.yaml").write_text(brief("harbour-2031-05"))

    def shown(cwd: Path, *paths: str) -> list[str]:
        options = ["check", "--show-files", *([] if cache else ["--no-cache"])]
        result = invoke(cwd, *options, *paths)
        assert (result.exit_code, result.stderr) == (0, "")
        return result.stdout.splitlines()

    every = ["briefs/citing.yaml", "briefs/more.yaml", "briefs/2031/earlier.yaml"]
    assert shown(tmp_path, "briefs/") == ["briefs/analysts.yaml", *every]
    assert shown(tmp_path, *every) == every
    assert shown(tmp_path, *(f"./{p}" for p in reversed(every))) == [
        f"./{p}" for p in reversed(every)
    ]
    assert shown(briefs, "more.yaml", "2031/earlier.yaml") == [
        "more.yaml",
        "2031/earlier.yaml",
        "citing.yaml",
    ]
    assert shown(tmp_path, "briefs/more.yaml", "briefs/2031/earlier.yaml") == [
        "briefs/more.yaml",
        "briefs/2031/earlier.yaml",
        "briefs/citing.yaml",
    ]
