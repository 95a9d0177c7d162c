"""What git ignores, wwrlint ignores: `.gitignore` patterns (wwrlint/ignore.py, matched by
the automaton of wwrlint/globs.py) against git itself, on trees of files made for each
pattern set. (That `*a*a*...` patterns take linear time: robustness/test_linear.py.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wwrlint.ignore import GitIgnored

FILES = (
    "a.yaml",
    "b.txt",
    "drafts/wip.yaml",
    "drafts/old/x.yaml",
    "briefs/2015/a.yaml",
    "briefs/2015/b.txt",
    "briefs/drafts/c.yaml",
    "briefs/[x].yaml",
    "briefs/#notes.yaml",
    "briefs/!bang.yaml",
    "briefs/space .yaml",
    "briefs/star*.yaml",
    "deep/er/still/a.yaml",
    "deep/a/b/c.yaml",
    "x1/a.yaml",
    "xy/a.yaml",
)


def git_ignored(root: Path) -> set[str]:
    """The files of the tree (FILES) that git itself says it ignores."""
    listed = subprocess.run(
        ["git", "ls-files", "--others", "--ignored", "--exclude-standard", "-z"],
        cwd=root,
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    return {name for name in listed.split("\0") if name in FILES}


def ours(root: Path) -> set[str]:
    """The files of the tree wwrlint says git ignores; and no file is ignored in a folder
    that `keeps_all` vouches for (a walk asks nothing of the files of such a folder)."""
    ignored = GitIgnored(str(root))
    found = {name for name in FILES if ignored(str(root / name))}
    vouched = [name for name in found if ignored.keeps_all(str((root / name).parent))]
    assert vouched == [], f"ignored, in a folder said to keep all: {vouched}"
    return found


def make_tree(root: Path, ignores: dict[str, str]) -> None:
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    for name in FILES:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("id: x\n")
    for folder, text in ignores.items():
        (root / folder / ".gitignore").write_text(text)


CASES = {
    "a name at any depth": {".": "a.yaml\n"},
    "anchored": {".": "/a.yaml\n"},
    "an inner slash anchors": {".": "briefs/*.yaml\n"},
    "folders only": {".": "drafts/\n"},
    "folders only, anchored": {".": "/drafts/\n"},
    "re-included": {".": "*.yaml\n!a.yaml\n"},
    "re-included below an ignored folder stays ignored": {".": "drafts/\n!drafts/wip.yaml\n"},
    "the last match decides": {".": "!a.yaml\n*.yaml\n"},
    "a deeper file overrides": {".": "*.yaml\n", "briefs": "!*.yaml\n"},
    "a deeper file anchors at its own folder": {"briefs": "/drafts\n2015/*.txt\n"},
    "comments and blank lines": {".": "# a.yaml\n\n   \nb.txt\n"},
    "an escaped hash": {".": "\\#notes.yaml\n"},
    "an escaped bang": {".": "\\!bang.yaml\n"},
    "trailing spaces dropped": {".": "b.txt   \n"},
    "an escaped trailing space kept": {".": "space\\ \n"},
    "a set": {".": "x[0-9]/\n"},
    "a negated set": {".": "x[!0-9]/\n"},
    "a set with a posix class": {".": "x[[:digit:]]\n"},
    "a literal bracket": {".": "\\[x].yaml\n"},
    "an unclosed bracket": {".": "[x\n"},
    "an escaped star": {".": "star\\*.yaml\n"},
    "leading **/": {".": "**/2015\n"},
    "trailing /**": {".": "deep/**\n"},
    "inner /**/": {".": "deep/**/c.yaml\n"},
    "** elsewhere is a star": {".": "deep**\nbriefs/**.txt\n"},
    "a question mark": {".": "?.yaml\n"},
    "CRLF line ends": {".": "a.yaml\r\nb.txt\r\n"},
    "a byte order mark": {".": "\ufeffa.yaml\n"},
    "stars everywhere": {".": "*/*/*\n!*/*/a.*\n"},
}


@pytest.mark.parametrize("ignores", CASES.values(), ids=CASES.keys())
def test_what_git_ignores(tmp_path: Path, ignores: dict[str, str]) -> None:
    make_tree(tmp_path, ignores)
    assert ours(tmp_path) == git_ignored(tmp_path)


@pytest.mark.parametrize("ignores", CASES.values(), ids=CASES.keys())
def test_a_check_finds_the_briefs_git_keeps(tmp_path: Path, ignores: dict[str, str]) -> None:
    """Through the command, from the root and from a subfolder: the walk asks nothing of
    the files of folders where no pattern applies, and finds what git keeps."""
    make_tree(tmp_path, ignores)
    kept = sorted(
        name for name in FILES if name.endswith(".yaml") and name not in git_ignored(tmp_path)
    )
    for cwd, prefix in ((tmp_path, ""), (tmp_path / "briefs", "briefs/")):
        result = subprocess.run(
            [sys.executable, "-m", "wwrlint", "check", "--show-files", "--no-cache", "."],
            cwd=cwd,
            capture_output=True,
            text=True,
        )
        assert "Traceback" not in result.stderr
        shown = sorted(prefix + line for line in result.stdout.splitlines())
        assert shown == [name for name in kept if name.startswith(prefix)], result.stderr


def test_info_exclude_and_the_subfolder_a_run_starts_in(tmp_path: Path) -> None:
    make_tree(tmp_path, {"briefs": "!2015/b.txt\n"})
    (tmp_path / ".git" / "info" / "exclude").write_text("*.txt\n")
    expected = git_ignored(tmp_path)
    assert "b.txt" in expected
    assert "briefs/2015/b.txt" not in expected
    assert ours(tmp_path) == expected
    ignored = GitIgnored(str(tmp_path))
    assert ignored(str(tmp_path / "briefs" / "2015" / ".." / "2015" / "b.txt")) is False


LINES = st.lists(
    st.text(alphabet="ab*?/![]\\ -.#x12", min_size=1, max_size=8), min_size=1, max_size=4
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(LINES)
def test_generated_patterns_agree_with_git(
    tmp_path_factory: pytest.TempPathFactory, lines: list[str]
) -> None:
    root = tmp_path_factory.mktemp("tree")
    make_tree(root, {".": "\n".join(lines) + "\n"})
    assert ours(root) == git_ignored(root), lines
