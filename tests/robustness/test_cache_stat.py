"""The cache stores a result against the stat of the file as it was read, never a later one:
a brief edited while a run is in progress (output piped to a slow reader, a large brief) is
checked again by the next run, whose answer is the `--no-cache` one."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import VALID
from robustness.places import invoke
from wwrlint import checking

# An edit that keeps the file's size and changes the answer: a source date that is no date.
EDITED = VALID.replace("    date: 2022-01-03", "    date: 2022-13-03")
assert len(EDITED) == len(VALID)


def edit_keeping_size_and_mtime(path: Path) -> None:
    """Rewrite the file as an editor would, but with its size and modification time as
    they were: only the change time (and the content) tell."""
    before = path.stat()
    path.write_text(EDITED)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def edit_after_reading(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the next run edit `path` after reading and linting it, before the result is
    stored, and then take long enough to store it that the edit looks settled."""
    read_and_lint = checking._check_one

    def then_edit(task: Any) -> Any:
        outcome = read_and_lint(task)
        edit_keeping_size_and_mtime(path)
        later = time.time() + 10  # a slow reader downstream holds the run this long
        monkeypatch.setattr(time, "time", lambda: later)
        monkeypatch.setattr(checking, "_check_one", read_and_lint)
        return outcome

    monkeypatch.setattr(checking, "_check_one", then_edit)


def check(path: Path, cache: Path, *options: str) -> tuple[int, str]:
    result = invoke(
        ["check", "--output-format", "json", "--cache-dir", str(cache), *options, str(path)]
    )
    return result.exit_code, result.stdout


def rules(output: str) -> list[str]:
    return [d["rule"] for d in json.loads(output)]


def test_a_result_is_stored_against_the_stat_that_was_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    brief, cache = tmp_path / "brief.yaml", tmp_path / "cache"
    brief.write_text(VALID)
    edit_after_reading(brief, monkeypatch)
    code, output = check(brief, cache)
    assert (code, rules(output)) == (0, [])  # the content this run read
    fresh = check(brief, cache, "--no-cache")
    assert (fresh[0], rules(fresh[1])) == (1, ["invalid-date"])
    assert check(brief, cache) == fresh


def test_a_result_found_by_content_is_stored_against_the_stat_that_was_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    brief, cache = tmp_path / "brief.yaml", tmp_path / "cache"
    brief.write_text(VALID)
    assert rules(check(brief, cache)[1]) == []
    touched = brief.stat().st_mtime_ns - 60 * 10**9
    os.utime(brief, ns=(touched, touched))  # a new stat, the same content: found by content
    edit_after_reading(brief, monkeypatch)
    assert rules(check(brief, cache)[1]) == []
    fresh = check(brief, cache, "--no-cache")
    assert rules(fresh[1]) == ["invalid-date"]
    assert check(brief, cache) == fresh


def test_an_unchanged_settled_brief_still_comes_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stat taken before reading is trusted once the file had settled: nothing is read
    again."""
    brief, cache = tmp_path / "brief.yaml", tmp_path / "cache"
    brief.write_text(EDITED)
    later = time.time() + 10
    monkeypatch.setattr(time, "time", lambda: later)  # the change time is well in the past
    first = check(brief, cache)
    reads: list[str] = []
    read_and_lint: Callable[[Any], Any] = checking._check_one

    def counted(task: Any) -> Any:
        reads.append(task.path)
        return read_and_lint(task)

    monkeypatch.setattr(checking, "_check_one", counted)
    assert check(brief, cache) == first
    assert check(brief, cache) == first
    assert reads == []
