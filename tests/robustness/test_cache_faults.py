"""A cache database that fails mid-run (removed by `wwrlint clean`, locked by another run,
damaged) is no cache: the run goes on, checks what it cannot look up, and gives exactly
the `--no-cache` answer, never an internal error.

The archive index lives in the same database and holds the same way: removed under a run
with worker processes (each opens it for itself), it is indexed afresh for the run, never
an internal error and never an empty index."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from conftest import VALID
from robustness.places import ARCHIVE, PLACES, PLAIN, assert_no_crash, invoke, make_place
from wwrlint import cache as caching
from wwrlint import cachedir, checking, store


def write_briefs(folder: Path, count: int) -> None:
    """`count` briefs, each with its own id; every seventh has an invalid date, and two
    share an id, so that both the brief and the archive rules have something to find."""
    for number in range(count):
        brief = VALID.replace("id: pakistan-border-2022", f"id: test-desk-{number:03d}")
        if number % 7 == 0:
            brief = brief.replace("    date: 2022-01-03", "    date: 2022-13-03")
        (folder / f"b{number:03d}.yaml").write_text(brief)
    (folder / "twin.yaml").write_text(VALID.replace("pakistan-border-2022", "test-desk-001"))


def check(folder: Path, cache: Path, *options: str) -> tuple[int, str]:
    result = invoke(
        ["check", "--output-format", "json", "--cache-dir", str(cache), *options, str(folder)]
    )
    return result.exit_code, result.stdout


class FailingDatabase:
    """A connection that works `working` times, then fails as a database does that was
    removed, damaged or locked by another process."""

    def __init__(self, real: sqlite3.Connection, working: int, error: sqlite3.Error) -> None:
        self.real, self.working, self.error = real, working, error

    def _use(self) -> None:
        if self.working <= 0:
            raise self.error
        self.working -= 1

    def execute(self, *args: Any) -> Any:
        self._use()
        return self.real.execute(*args)

    def executemany(self, *args: Any) -> Any:
        self._use()
        return self.real.executemany(*args)

    def close(self) -> None:
        self.real.close()


ERRORS = {
    "removed": sqlite3.OperationalError("unable to open database file"),
    "damaged": sqlite3.DatabaseError("database disk image is malformed"),
    "locked": sqlite3.OperationalError("database is locked"),
}


@pytest.mark.parametrize("working", [0, 1, 3, 40, 400])
@pytest.mark.parametrize("error", ERRORS)
def test_a_cache_that_fails_mid_run_is_no_cache(
    error: str, working: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_place(tmp_path, PLAIN)
    write_briefs(folder, 30)
    cache = tmp_path / "cache"
    fresh = check(folder, cache, "--no-cache")
    assert check(folder, cache) == fresh  # the cache now holds every result
    (folder / "b001.yaml").write_text(VALID.replace("pakistan-border-2022", "test-desk-new"))
    fresh = check(folder, cache, "--no-cache")
    connect = store.connect

    def failing(path: str) -> Any:
        return FailingDatabase(connect(path), working, ERRORS[error])

    monkeypatch.setattr(store, "connect", failing)
    assert check(folder, cache) == fresh
    assert check(folder, cache) == fresh


@pytest.mark.parametrize("fault", ["removed", "damaged", "locked"])
def test_a_cache_database_that_goes_wrong_during_the_checks_is_no_cache(
    fault: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real thing, between looking results up and checking the rest."""
    folder = make_place(tmp_path, PLAIN)
    write_briefs(folder, 30)
    cache = tmp_path / "cache"
    check(folder, cache)
    for number in range(0, 30, 2):  # half the briefs to check again
        path = folder / f"b{number:03d}.yaml"
        path.write_text(path.read_text().replace("Border clashes", "Border fights"))
    fresh = check(folder, cache, "--no-cache")
    database = cache / caching.DATABASE
    holder = sqlite3.connect(database, isolation_level=None)
    run_checks = checking._run

    def go_wrong(*args: Any) -> Any:
        if fault == "removed":
            cachedir.clean(str(cache))
        elif fault == "damaged":
            with open(database, "r+b") as handle:
                handle.write(b"not a database, not any more" * 200)
        else:  # another run is writing, and takes its time
            holder.execute("BEGIN IMMEDIATE")
        return run_checks(*args)

    monkeypatch.setattr(checking, "_run", go_wrong)
    monkeypatch.setattr(store, "BUSY_SECONDS", 0.2)
    try:
        assert check(folder, cache) == fresh
    finally:
        if holder.in_transaction:
            holder.execute("ROLLBACK")
        holder.close()
    monkeypatch.setattr(checking, "_run", run_checks)
    assert check(folder, cache) == fresh


def test_a_database_another_run_holds_locked_is_left_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Busy is not damaged: the run goes on without the database, and does not replace it
    under the run that holds it."""
    folder = make_place(tmp_path, PLAIN)
    write_briefs(folder, 30)
    cache = tmp_path / "cache"
    fresh = check(folder, cache, "--no-cache")
    check(folder, cache)
    database = cache / caching.DATABASE
    inode = database.stat().st_ino
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(store, "BUSY_SECONDS", 0.2)
    try:
        assert check(folder, cache) == fresh
        assert database.stat().st_ino == inode
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert check(folder, cache) == fresh


def test_clean_removes_what_it_finds_while_files_come_and_go(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "cache.sqlite").write_bytes(b"")
    (folder / "cache.sqlite-wal").write_bytes(b"")
    remove = cachedir.os.remove
    removed: list[str] = []

    def gone_meanwhile(path: str) -> None:
        removed.append(path)
        if path.endswith("-wal"):  # SQLite removed it as the last run closed the database
            remove(path)
        remove(path)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cachedir.os, "remove", gone_meanwhile)
        assert cachedir.clean(str(folder)).removed == ["cache.sqlite"]
    assert len(removed) == 2
    assert not folder.exists()
    assert not cachedir.clean(str(folder)).existed


def summary_ids(paths: list[str]) -> list[str | None]:
    files = [(path, os.path.basename(path)) for path in paths]
    return [rows.brief[1] for rows in checking.index_rows(files, 4)]


def test_a_worker_that_must_index_an_archive_afresh_reads_the_files_itself(
    tmp_path: Path,
) -> None:
    """A worker process (daemonic) cannot start workers: when the index fails under it
    and it indexes the archive again, it reads the briefs one by one."""
    import multiprocessing

    write_briefs(tmp_path, checking.PARALLEL_FROM + 20)
    paths = sorted(str(path) for path in tmp_path.glob("b*.yaml"))
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with context.Pool(1) as pool:
        ids = pool.apply(summary_ids, (paths,))
    assert ids == [f"test-desk-{number:03d}" for number in range(len(paths))]


@pytest.mark.parametrize("folder_again", [False, True])
def test_an_archive_index_removed_before_the_checks_is_no_cache(
    folder_again: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enough briefs for worker processes, which open the index for themselves."""
    folder = make_place(tmp_path, ARCHIVE)
    write_briefs(folder, checking.PARALLEL_FROM + 20)
    cache = tmp_path / "cache"
    fresh = check(folder, cache, "--no-cache")
    assert "duplicate-brief-id" in fresh[1]
    run_checks = checking._run

    def clean_first(*args: Any) -> Any:
        cachedir.clean(str(cache))
        if folder_again:  # as a run started meanwhile makes it
            cache.mkdir()
        return run_checks(*args)

    monkeypatch.setattr(checking, "_run", clean_first)
    assert check(folder, cache) == fresh


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wwrlint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("place", PLACES)
def test_checks_while_clean_runs_in_a_loop(place: str, tmp_path: Path) -> None:
    folder = make_place(tmp_path, place)
    write_briefs(folder, 300)
    cache = tmp_path / "cache"
    options = ["--output-format", "json", "--cache-dir", str(cache), "."]
    fresh = cli("check", "--no-cache", *options, cwd=folder)
    assert fresh.returncode == 1
    assert json.loads(fresh.stdout)
    done = threading.Event()
    cleans: list[subprocess.CompletedProcess[str]] = []

    def clean_in_a_loop() -> None:
        while not done.is_set():
            cleans.append(cli("clean", "--cache-dir", str(cache), cwd=folder))

    cleaner = threading.Thread(target=clean_in_a_loop)
    cleaner.start()
    try:
        runs = [cli("check", *options, cwd=folder) for _ in range(3)]
    finally:
        done.set()
        cleaner.join()
    assert len(cleans) > 3
    for clean in cleans:
        assert_no_crash(clean.stdout, clean.stderr)
        assert clean.returncode == 0
    for run in runs:
        assert_no_crash(run.stdout, run.stderr)
        assert (run.returncode, run.stdout, run.stderr) == (1, fresh.stdout, fresh.stderr)
