"""pre-commit: the real `pre-commit try-repo` against this checkout, and this repository's
own configuration, each in a throw-away git repository."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from conftest import REPO, VALID
from desk import ROSTER, make_desk

PRE_COMMIT = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which(
    "pre-commit"
)
pytestmark = pytest.mark.skipif(
    PRE_COMMIT is None or shutil.which("git") is None, reason="pre-commit or git is missing"
)
BAD = VALID.replace("    sources: [dawn-2022-01-03]\n", "")


def git_env(home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update(
        HOME=str(home),
        PRE_COMMIT_HOME=str(home / "pre-commit-cache"),
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.invalid",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.invalid",
        GIT_CONFIG_NOSYSTEM="1",
    )
    return env


def run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A desk's repository with one good and one bad brief, staged."""
    root = tmp_path_factory.mktemp("desk")
    env = git_env(root / "home")
    repo = root / "repo"
    (repo / "briefs").mkdir(parents=True)
    (repo / "briefs" / "good.yaml").write_text(VALID)
    (repo / "briefs" / "bad.yaml").write_text(BAD.replace("id: pakistan-border-2022", "id: other"))
    (repo / "notes.yaml").write_text("not: a brief\n")
    run(["git", "init", "-q", "-b", "main"], repo, env)
    run(["git", "add", "."], repo, env)
    return repo, env


def source_checkout(tmp_path: Path, env: dict[str, str]) -> Path:
    """This checkout's files as a hook repository: a fresh git repository holding them as
    they are now, committed or not."""
    copy = tmp_path / "wwrlint"
    shutil.copytree(
        REPO,
        copy,
        ignore=shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.egg-info", ".*_cache"),
    )
    run(["git", "init", "-q"], copy, env)
    run(["git", "add", "."], copy, env)
    run(["git", "commit", "-q", "-m", "snapshot"], copy, env)
    return copy


def committed_northwind(tmp_path: Path, env: dict[str, str]) -> Path:
    """The Northwind desk's archive (tests/desk.py) in a repository, committed."""
    repo = tmp_path / "northwind"
    make_desk(repo, git=False)
    run(["git", "init", "-q", "-b", "main"], repo, env)
    run(["git", "add", "."], repo, env)
    run(["git", "commit", "-q", "-m", "the desk's archive"], repo, env)
    return repo


@pytest.fixture(scope="module")
def hooks(desk: tuple[Path, dict[str, str]], tmp_path_factory: pytest.TempPathFactory) -> str:
    """This checkout as a hook repository, installed once for the module's tests."""
    return str(source_checkout(tmp_path_factory.mktemp("hooks"), desk[1]))


def test_try_repo_fails_the_bad_brief_and_passes_the_good(
    desk: tuple[Path, dict[str, str]], hooks: str
) -> None:
    repo, env = desk
    assert PRE_COMMIT is not None
    bad = run([PRE_COMMIT, "try-repo", hooks, "wwrlint", "--files", "briefs/bad.yaml"], repo, env)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert (
        "wwrlint..................................................................Failed"
        in bad.stdout
    )
    assert (
        "briefs/bad.yaml:13:5: WWR101 [claim-missing-source] claim 'Border clashes broke out "
        "along the…' cites no source"
    ) in bad.stdout
    good = run([PRE_COMMIT, "try-repo", hooks, "wwrlint", "--files", "briefs/good.yaml"], repo, env)
    assert good.returncode == 0, good.stdout + good.stderr
    assert (
        "wwrlint..................................................................Passed"
        in good.stdout
    )
    # The hook's `files` pattern keeps YAML outside briefs/ out of it: it runs (for what
    # a deletion may break) and checks nothing.
    other = run([PRE_COMMIT, "try-repo", hooks, "wwrlint", "--files", "notes.yaml"], repo, env)
    assert other.returncode == 0, other.stdout + other.stderr
    assert (
        "wwrlint..................................................................Passed"
        in other.stdout
    )
    assert "notes.yaml" not in other.stdout


def test_a_staged_roster_rename_fails_the_briefs_that_quote_the_analyst(
    desk: tuple[Path, dict[str, str]], hooks: str, tmp_path: Path
) -> None:
    _, env = desk
    repo = committed_northwind(tmp_path, env)
    briefs = repo / "briefs"
    assert PRE_COMMIT is not None
    clean = run([PRE_COMMIT, "try-repo", hooks, "wwrlint", "--all-files"], repo, env)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    (briefs / "analysts.yaml").write_text(ROSTER.replace("ana-ferreira", "ana-lopes"))
    run(["git", "add", "briefs/analysts.yaml"], repo, env)
    staged = run([PRE_COMMIT, "try-repo", hooks, "wwrlint"], repo, env)  # the staged files
    assert staged.returncode == 1, staged.stdout + staged.stderr
    found = sorted(re.findall(r"^(briefs/\S+): (WWR\d+) \[([a-z-]+)\]", staged.stdout, re.M))
    assert found == [
        ("briefs/2031/earlier.yaml:12:14", "WWR302", "unknown-analyst"),
        ("briefs/citing.yaml:17:14", "WWR302", "unknown-analyst"),
    ]


def test_a_staged_deletion_fails_the_briefs_that_cite_the_deleted_brief(
    desk: tuple[Path, dict[str, str]], hooks: str, tmp_path: Path
) -> None:
    _, env = desk
    repo = committed_northwind(tmp_path, env)
    run(["git", "rm", "-q", "briefs/2031/earlier.yaml"], repo, env)
    assert PRE_COMMIT is not None
    staged = run([PRE_COMMIT, "try-repo", hooks, "wwrlint"], repo, env)  # only a deletion
    assert staged.returncode == 1, staged.stdout + staged.stderr
    found = re.findall(r"^(briefs/\S+): (WWR\d+) \[([a-z-]+)\]", staged.stdout, re.M)
    assert found == [("briefs/citing.yaml:12:12", "WWR503", "unknown-brief")]


def test_a_push_that_deletes_a_cited_brief_fails_the_briefs_that_cite_it(
    desk: tuple[Path, dict[str, str]], hooks: str, tmp_path: Path
) -> None:
    """`pre-commit run --from-ref A --to-ref B`, as a pre-push hook or a CI job runs it:
    the commits between delete the brief, and nothing is staged."""
    _, env = desk
    repo = committed_northwind(tmp_path, env)
    start = run(["git", "rev-parse", "HEAD"], repo, env).stdout.strip()
    run(["git", "rm", "-q", "briefs/2031/earlier.yaml"], repo, env)
    run(["git", "commit", "-q", "-m", "drop the earlier brief"], repo, env)
    assert PRE_COMMIT is not None
    refs = ["--from-ref", start, "--to-ref", "HEAD"]
    pushed = run([PRE_COMMIT, "try-repo", hooks, "wwrlint", *refs], repo, env)
    assert pushed.returncode == 1, pushed.stdout + pushed.stderr
    found = re.findall(r"^(briefs/\S+): (WWR\d+) \[([a-z-]+)\]", pushed.stdout, re.M)
    assert found == [("briefs/citing.yaml:12:12", "WWR503", "unknown-brief")]


def test_the_project_config_runs_its_hooks(tmp_path: Path) -> None:
    env = git_env(tmp_path / "home")
    project = tmp_path / "project"
    shutil.copytree(
        REPO,
        project,
        ignore=shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.egg-info", ".*_cache"),
    )
    run(["git", "init", "-q", "-b", "main"], project, env)
    run(["git", "add", "."], project, env)
    assert PRE_COMMIT is not None
    result = run([PRE_COMMIT, "run", "--all-files"], project, env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"wwrlint \(this checkout\)\.+Passed", result.stdout)
    assert re.search(r"ruff\.+Passed", result.stdout)


def test_the_project_hook_installs_the_runtime_dependencies() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text("utf-8"))
    [hook] = [h for r in config["repos"] for h in r["hooks"] if h["id"] == "wwrlint"]
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    assert hook["additional_dependencies"] == project["dependencies"]


def test_the_hook_manifest_is_valid() -> None:
    assert PRE_COMMIT is not None
    result = subprocess.run(
        [PRE_COMMIT, "validate-manifest", str(REPO / ".pre-commit-hooks.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
