"""The README's pre-commit example works as written: `rev: main` (wwrlint has no release
tags) runs the hook, and `pre-commit autoupdate --freeze` pins it to the commit of main,
against a hook repository made from this checkout (no network but the package index the
hook's environment installs from)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from test_precommit import PRE_COMMIT, git_env, run
from test_readme import example

from conftest import REPO, VALID

pytestmark = pytest.mark.skipif(
    PRE_COMMIT is None or shutil.which("git") is None, reason="pre-commit or git is missing"
)
BAD = VALID.replace("    sources: [dawn-2022-01-03]\n", "")


def hook_repository(folder: Path, env: dict[str, str]) -> tuple[Path, str]:
    """This checkout's files, committed on a branch named main; and that commit."""
    shutil.copytree(
        REPO,
        folder,
        ignore=shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.egg-info", ".*_cache"),
    )
    run(["git", "init", "-q", "-b", "main"], folder, env)
    run(["git", "add", "."], folder, env)
    run(["git", "commit", "-q", "-m", "snapshot"], folder, env)
    return folder, run(["git", "rev-parse", "HEAD"], folder, env).stdout.strip()


def test_the_readme_example_runs_as_written_and_autoupdate_freezes_it(tmp_path: Path) -> None:
    assert PRE_COMMIT is not None
    env = git_env(tmp_path / "home")
    hooks, commit = hook_repository(tmp_path / "wwrlint", env)
    snippet = example("pre-commit")
    [repo] = yaml.safe_load(snippet)["repos"]
    assert repo["rev"] == "main"
    desk = tmp_path / "desk"
    (desk / "briefs" / "drafts").mkdir(parents=True)
    (desk / "briefs" / "bad.yaml").write_text(BAD)
    (desk / "briefs" / "drafts" / "wip.yaml").write_text("not: [a brief\n")
    (desk / ".wwrlint.yaml").write_text("exclude: [drafts]\n")
    config = desk / ".pre-commit-config.yaml"
    config.write_text(snippet.replace(repo["repo"], str(hooks)))
    run(["git", "init", "-q", "-b", "main"], desk, env)
    run(["git", "add", "."], desk, env)

    done = run([PRE_COMMIT, "run", "--all-files"], desk, env)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "briefs/bad.yaml:13:5: WWR101 [claim-missing-source]" in done.stdout
    # pre-commit names the excluded draft too; the hook leaves it out.
    assert "wip.yaml" not in done.stdout

    frozen = run([PRE_COMMIT, "autoupdate", "--freeze"], desk, env)
    assert frozen.returncode == 0, frozen.stdout + frozen.stderr
    [pinned] = yaml.safe_load(config.read_text())["repos"]
    assert pinned["rev"] == commit
    assert re.search(rf"^    rev: {commit}\b", config.read_text(), re.M)
    again = run([PRE_COMMIT, "run", "--all-files"], desk, env)
    assert again.returncode == 1
    assert "briefs/bad.yaml:13:5: WWR101 [claim-missing-source]" in again.stdout
