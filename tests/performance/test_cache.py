"""The result cache speeds runs up and never hides a change."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import VALID
from desk import EARLIER, make_desk
from wwrlint import cache, checking, store
from wwrlint.cli import cli

BAD = VALID.replace("date: 2022-01-03", "date: 2022-13-03")


def check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", "--output-format", "json", *args])
    return result.exit_code, result.stdout


@pytest.fixture
def aged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Make files written now count as written long ago (outside the racy window)."""
    monkeypatch.setattr(store, "RACY_SECONDS", -3600.0)
    return tmp_path


def results(folder: Path) -> int:
    """How many results the cache in `folder` holds."""
    with contextlib.closing(sqlite3.connect(folder / "cache.sqlite")) as database:
        return int(database.execute("SELECT count(*) FROM results").fetchone()[0])


def test_warm_run_reports_what_the_cold_run_did(aged: Path) -> None:
    (aged / "a.yaml").write_text(BAD)
    (aged / "b.yaml").write_text(VALID)
    folder = str(aged / "cache")
    cold = check("--cache-dir", folder, str(aged))
    assert results(aged / "cache") == 2
    assert (aged / "cache" / ".gitignore").read_text().endswith("*\n")
    warm = check("--cache-dir", folder, str(aged))
    assert warm == cold
    assert cold[0] == 1
    assert json.loads(cold[1])[0]["rule"] == "invalid-date"


def test_a_warm_run_does_not_lint_unchanged_files(
    aged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (aged / "a.yaml").write_text(BAD)
    folder = str(aged / "cache")
    check("--cache-dir", folder, str(aged))

    def refuse(*_: object) -> None:
        raise AssertionError("an unchanged brief was read again")

    monkeypatch.setattr(checking, "_check_one", refuse)
    assert check("--cache-dir", folder, str(aged))[0] == 1


def test_results_read_at_once_for_many_files_hold_what_one_by_one_do(
    aged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run of many files reads their results in one query, for the folder they share:
    a folder whose name starts the same (`a`, `ab`) is not in it, and every result is
    still checked against its file."""
    monkeypatch.setattr(checking, "READ_AHEAD_FROM", 1)
    for folder, name, text in (("a", "x", BAD), ("a", "y", VALID), ("ab", "x", VALID)):
        (aged / folder).mkdir(exist_ok=True)
        (aged / folder / f"{name}.yaml").write_text(text)
    cache = str(aged / "cache")
    assert check("--cache-dir", cache, str(aged / "ab")) == (0, "[]\n")
    cold = check("--cache-dir", cache, str(aged / "a"))
    assert [d["path"] for d in json.loads(cold[1])] == [str(aged / "a" / "x.yaml")]
    real = checking._check_one

    def refuse(task: checking._Task) -> object:
        assert task.path.endswith("y.yaml"), "an unchanged brief was read again"
        return real(task)

    monkeypatch.setattr(checking, "_check_one", refuse)
    assert check("--cache-dir", cache, str(aged / "a")) == cold
    (aged / "a" / "y.yaml").write_text(BAD.replace("\n", "\n\n", 1))
    warm = check("--cache-dir", cache, str(aged / "a"))
    monkeypatch.setattr(checking, "_check_one", real)
    assert warm == check("--no-cache", str(aged / "a"))
    assert len(json.loads(warm[1])) == 2


def test_an_edit_that_keeps_size_and_mtime_is_still_seen(aged: Path) -> None:
    path = aged / "a.yaml"
    path.write_text(BAD)
    folder = str(aged / "cache")
    check("--cache-dir", folder, str(aged))
    stat = path.stat()
    time.sleep(0.01)
    path.write_text(BAD.replace("2022-13-03", "2022-01-03"))  # same size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same mtime; ctime moves
    assert path.stat().st_size == stat.st_size
    assert check("--cache-dir", folder, str(aged)) == (0, "[]\n")


def test_a_brief_of_an_archive_is_judged_by_the_stat_its_listing_took(
    aged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The archive's listing takes the stat of every brief as the run starts: a run of
    many files (of any number here) judges a brief by that one and takes no second (the
    roster, not listed, by its own); an edit that keeps the size and modification time is
    seen all the same."""
    monkeypatch.setattr(checking, "READ_AHEAD_FROM", 1)
    briefs = make_desk(aged, git=False)
    folder = str(aged / "cache")
    old = os.getcwd()
    os.chdir(aged)
    try:
        assert check("--cache-dir", folder, "briefs/") == (0, "[]\n")
        real = cache._same_stat

        def only_unlisted(row: tuple[object, ...], path: str) -> bool:
            assert path.endswith("analysts.yaml"), f"{path} was given a second stat"
            return real(row, path)

        monkeypatch.setattr(cache, "_same_stat", only_unlisted)
        assert check("--cache-dir", folder, "briefs/") == (0, "[]\n")
        earlier = briefs / "2031" / "earlier.yaml"
        stat = earlier.stat()
        time.sleep(0.01)
        earlier.write_text(EARLIER.replace("date: 2031-02-01", "date: 2031-02-02", 1))
        os.utime(earlier, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # ctime moves
        assert earlier.stat().st_size == stat.st_size
        warm = check("--cache-dir", folder, "briefs/")
        assert warm == check("--no-cache", "briefs/")
        assert [d["rule"] for d in json.loads(warm[1])] == ["brief-date-mismatch"]
    finally:
        os.chdir(old)


def test_an_edit_within_the_same_instant_is_seen(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(BAD)
    folder = str(tmp_path / "cache")
    check("--cache-dir", folder, str(tmp_path))
    path.write_text(BAD.replace("2022-13-03", "2022-01-03"))
    assert check("--cache-dir", folder, str(tmp_path)) == (0, "[]\n")


def test_settings_changes_are_seen(aged: Path) -> None:
    (aged / "a.yaml").write_text(BAD)
    folder = str(aged / "cache")
    check("--cache-dir", folder, str(aged))
    assert check("--cache-dir", folder, "--ignore", "invalid-date", str(aged)) == (0, "[]\n")
    (aged / ".wwrlint.yaml").write_text("severity: {invalid-date: warning}\n")
    code, out = check("--cache-dir", folder, str(aged))
    assert (code, json.loads(out)[0]["severity"]) == (0, "warning")


def test_a_corrupt_cache_is_ignored_and_rebuilt(aged: Path) -> None:
    (aged / "a.yaml").write_text(BAD)
    folder = aged / "cache"
    check("--cache-dir", str(folder), str(aged))
    good = (folder / "cache.sqlite").read_bytes()
    junks = [
        b"{]",
        b"\x00\x01",
        b"SQLite format 3\x00" + b"\xff" * 200,  # a header and nothing sound behind it
        good[: len(good) // 2],  # torn
    ]
    for junk in junks:
        store.remove(str(folder / "cache.sqlite"))
        (folder / "cache.sqlite").write_bytes(junk)
        assert check("--cache-dir", str(folder), str(aged))[0] == 1
        assert results(folder) == 1


def test_a_result_that_does_not_match_its_checksum_is_not_trusted(aged: Path) -> None:
    (aged / "a.yaml").write_text(BAD)
    folder = aged / "cache"
    cold = check("--cache-dir", str(folder), str(aged))
    with contextlib.closing(sqlite3.connect(folder / "cache.sqlite")) as database:
        database.execute("UPDATE results SET diagnostics = X'5b00000000'")  # marshal of []
        database.commit()
    assert check("--cache-dir", str(folder), str(aged)) == cold


def test_a_cache_of_another_format_is_replaced(aged: Path) -> None:
    (aged / "a.yaml").write_text(BAD)
    folder = aged / "cache"
    folder.mkdir()
    with contextlib.closing(sqlite3.connect(folder / "cache.sqlite")) as database:
        database.execute("CREATE TABLE results (path TEXT)")
        database.execute("INSERT INTO results VALUES ('a.yaml')")
        database.commit()
    assert check("--cache-dir", str(folder), str(aged))[0] == 1
    assert results(folder) == 1


def test_another_wwrlint_version_does_not_trust_the_cache(
    aged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (aged / "a.yaml").write_text(BAD)
    folder = str(aged / "cache")
    check("--cache-dir", folder, str(aged))
    monkeypatch.setattr(store, "__version__", "99.0")
    store.salt.cache_clear()
    calls: list[str] = []
    real = checking._check_one
    monkeypatch.setattr(checking, "_check_one", lambda task: calls.append(task.path) or real(task))
    try:
        check("--cache-dir", folder, str(aged))
    finally:
        monkeypatch.undo()
        store.salt.cache_clear()
    assert calls == [str(aged / "a.yaml")]


def test_no_cache_neither_reads_nor_writes(aged: Path) -> None:
    (aged / "a.yaml").write_text(BAD)
    assert check("--no-cache", "--cache-dir", str(aged / "cache"), str(aged))[0] == 1
    assert not (aged / "cache").exists()


def test_clean_removes_the_cache(aged: Path) -> None:
    (aged / "a.yaml").write_text(BAD)
    folder = aged / "cache"
    check("--cache-dir", str(folder), str(aged))
    result = CliRunner().invoke(cli, ["clean", "--cache-dir", str(folder)])
    assert result.exit_code == 0
    assert not folder.exists()


def test_processes_writing_the_cache_at_once_leave_it_whole(tmp_path: Path) -> None:
    for number in range(40):
        (tmp_path / f"b{number:02d}.yaml").write_text(VALID if number % 2 else BAD)
    folder = tmp_path / "cache"
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "wwrlint",
                "check",
                "-q",
                "--cache-dir",
                str(folder),
                str(tmp_path / f"b{number:02d}.yaml"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for number in range(40)
    ]
    assert sorted(run.wait() for run in runs) == [0] * 20 + [1] * 20
    assert results(folder) == 40


def test_worker_processes_give_the_same_report_in_the_same_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(60):
        brief = BAD if number % 3 == 0 else VALID if number % 3 == 1 else "id: [broken\n"
        (tmp_path / f"b{number:02d}.yaml").write_text(brief)
    serial = check("--no-cache", "-j", "1", str(tmp_path))
    monkeypatch.setattr(checking, "PARALLEL_FROM", 10)
    parallel = check("--no-cache", "-j", "2", str(tmp_path))
    assert parallel == serial
    assert len(json.loads(serial[1])) == 40


class _Terminal:
    def __init__(self, tty: bool) -> None:
        self.tty = tty
        self.written = ""

    def isatty(self) -> bool:
        return self.tty

    def write(self, text: str) -> int:
        self.written += text
        return len(text)

    def flush(self) -> None:
        pass


def test_progress_shows_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from wwrlint.checking import Outcome
    from wwrlint.runner import _with_progress

    monkeypatch.delenv("CI", raising=False)
    outcomes = [Outcome(f"b{n}.yaml") for n in range(600)]
    terminal, pipe = _Terminal(True), _Terminal(False)
    assert list(_with_progress(iter(outcomes), 600, terminal)) == outcomes  # type: ignore[arg-type]
    assert "] 1/600 briefs" in terminal.written
    assert terminal.written.endswith("\r")
    list(_with_progress(iter(outcomes), 600, pipe))  # type: ignore[arg-type]
    assert pipe.written == ""
    monkeypatch.setenv("CI", "true")
    ci = _Terminal(True)
    list(_with_progress(iter(outcomes), 600, ci))  # type: ignore[arg-type]
    assert ci.written == ""
