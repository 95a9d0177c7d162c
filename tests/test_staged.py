"""`wwrlint check --staged-deletions`: a commit that deletes a brief others cite, or the
roster, checks the briefs that depend on it (pre-commit names only files that still exist;
the real hook through `pre-commit try-repo`: test_precommit.py)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from rules.test_archive_scope import check, triples

from desk import make_desk

GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid"]


def committed_desk(root: Path) -> Path:
    briefs = make_desk(root, git=True)
    subprocess.run([*GIT, "add", "."], cwd=root, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "the desk"], cwd=root, check=True)
    return briefs


@pytest.mark.parametrize("cache", [True, False])
@pytest.mark.parametrize("where", [".", "briefs"])
def test_a_staged_deletion_checks_the_briefs_citing_it(
    tmp_path: Path, cache: bool, where: str
) -> None:
    committed_desk(tmp_path)
    cwd = tmp_path / where
    assert check(cwd, "--staged-deletions", cache=cache)[:2] == (0, [])
    subprocess.run(["git", "rm", "-q", "briefs/2031/earlier.yaml"], cwd=tmp_path, check=True)
    code, findings, _ = check(cwd, "--staged-deletions", cache=cache)
    assert (code, triples(findings)) == (1, [("citing.yaml", "unknown-brief", 12, 12)])
    # Named with other files, as pre-commit names the files a commit adds or changes.
    (tmp_path / "briefs" / "new.yaml").write_text(
        (tmp_path / "briefs" / "citing.yaml").read_text().replace("harbour-2031-03", "other")
    )
    subprocess.run(["git", "add", "briefs/new.yaml"], cwd=tmp_path, check=True)
    named = os.path.relpath(tmp_path / "briefs" / "new.yaml", cwd)
    code, findings, _ = check(cwd, "--staged-deletions", named, cache=cache)
    assert (code, sorted(triples(findings))) == (
        1,
        [("citing.yaml", "unknown-brief", 12, 12), ("new.yaml", "unknown-brief", 12, 12)],
    )


@pytest.mark.parametrize("cache", [True, False])
def test_a_staged_rename_counts_its_old_name_as_deleted(tmp_path: Path, cache: bool) -> None:
    committed_desk(tmp_path)
    subprocess.run(["git", "mv", "briefs/analysts.yaml", "roster.yaml"], cwd=tmp_path, check=True)
    code, findings, _ = check(tmp_path, "--staged-deletions", cache=cache)
    assert (code, sorted(triples(findings))) == (
        1,
        [("citing.yaml", "unknown-analyst", 17, 14), ("earlier.yaml", "unknown-analyst", 12, 14)],
    )


def test_without_deletions_or_outside_git_nothing_is_checked(tmp_path: Path) -> None:
    committed_desk(tmp_path / "repo")
    code, findings, err = check(tmp_path / "repo", "--staged-deletions")
    assert (code, findings) == (0, [])
    assert "All checks passed (0 briefs)." in err
    make_desk(tmp_path / "plain", git=False)
    code, findings, err = check(tmp_path / "plain", "--staged-deletions")
    assert (code, findings) == (0, [])
    assert "All checks passed (0 briefs)." in err


def test_a_deleted_file_that_is_not_a_brief_checks_nothing(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("notes\n")
    committed_desk(tmp_path)
    subprocess.run(["git", "rm", "-q", "README.md"], cwd=tmp_path, check=True)
    code, findings, err = check(tmp_path, "--staged-deletions")
    assert (code, findings) == (0, [])
    assert "All checks passed (0 briefs)." in err


def _head(root: Path) -> str:
    done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True)
    return done.stdout.strip()


@pytest.mark.parametrize("cache", [True, False])
@pytest.mark.parametrize("where", [".", "briefs"])
def test_between_two_refs_the_deletions_of_their_commits_count(
    tmp_path: Path, cache: bool, where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run between two refs (a pre-push hook, `pre-commit run --from-ref A --to-ref B`),
    pre-commit says which in PRE_COMMIT_FROM_REF and PRE_COMMIT_TO_REF, and the index
    deletes nothing by then: the commits between them do."""
    committed_desk(tmp_path)
    start = _head(tmp_path)
    subprocess.run(["git", "rm", "-q", "briefs/2031/earlier.yaml"], cwd=tmp_path, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "drop the earlier brief"], cwd=tmp_path, check=True)
    cwd = tmp_path / where
    assert check(cwd, "--staged-deletions", cache=cache)[:2] == (0, [])  # the index is clean
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", start)
    monkeypatch.setenv("PRE_COMMIT_TO_REF", _head(tmp_path))
    code, findings, _ = check(cwd, "--staged-deletions", cache=cache)
    assert (code, triples(findings)) == (1, [("citing.yaml", "unknown-brief", 12, 12)])
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", "no-such-ref")
    code, findings, err = check(cwd, "--staged-deletions", cache=cache)
    assert code == 2
    assert err.startswith("wwrlint: error: --staged-deletions: git could not list the deleted")
