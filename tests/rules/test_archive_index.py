"""The archive index in the cache: checking one brief of a large archive does not read the
others again, and yet no change to them, the roster or the folders goes unseen."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from test_archive import EARLIER, ROSTER, cites_earlier

from desk import CITING, make_desk
from wwrlint import store
from wwrlint.archive import listing, summary, update
from wwrlint.cli import cli

SAME_ID = EARLIER.replace(
    "id: wwr-emboldened-2021\ntitle: Radical groups take heart\n",
    "id: pakistan-border-2022\ntitle: Radical groups take hear\n",
)

# What brief.yaml gets when earlier.yaml takes its id: the id it cites is gone, its own is
# taken.
BOTH = [("duplicate-brief-id", 1, 5), ("unknown-brief", 12, 12)]


@pytest.fixture(autouse=True, params=["here", "beside"])
def looked_at(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test twice: with the briefs' `stat`s taken in this process, as in a small
    archive, and in a forked one beside the check, as in a large one (`wwrlint.beside`)."""
    if request.param == "beside":
        monkeypatch.setattr(listing, "BESIDE_FROM", 1)


def make_archive(root: Path) -> Path:
    (root / ".git").mkdir()
    briefs = root / "briefs"
    (briefs / "2021").mkdir(parents=True)
    (briefs / "analysts.yaml").write_text(ROSTER)
    (briefs / "2021" / "earlier.yaml").write_text(EARLIER)
    (briefs / "brief.yaml").write_text(cites_earlier("2021-10-18", "wwr-emboldened-2021"))
    return briefs


@pytest.fixture
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An archive whose files count as written long ago (outside the racy window)."""
    monkeypatch.setattr(store, "RACY_SECONDS", -3600.0)
    return make_archive(tmp_path)


def rules(path: Path, *options: str) -> list[tuple[str, int, int]]:
    cache = str(path.parent.parent / "cache") if path.parent.name == "briefs" else ""
    args = ["check", "--output-format", "json", *(["--cache-dir", cache] if cache else [])]
    result = CliRunner().invoke(cli, [*args, *options, str(path)])
    assert result.exit_code in (0, 1), result.stderr
    return [(d["rule"], d["line"], d["column"]) for d in json.loads(result.stdout)]


def refuse(*_: object) -> None:
    raise AssertionError("the archive was read again")


def test_an_unchanged_archive_is_not_read_again(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert rules(archive / "brief.yaml") == []
    for module, name in (
        (summary, "read_summary"),
        (update, "read_rows"),
        (update, "read_roster"),
        (listing, "walk"),
    ):
        monkeypatch.setattr(module, name, refuse)
    assert rules(archive / "brief.yaml") == []


def test_a_large_archive_is_looked_at_in_a_process_beside(
    archive: Path, monkeypatch: pytest.MonkeyPatch, forked: list[int]
) -> None:
    """From `BESIDE_FROM` briefs on, a run that finds the listing it left takes the stats
    in a forked child, and still sees an edit to another brief."""
    monkeypatch.setattr(listing, "BESIDE_FROM", 1)
    assert rules(archive / "brief.yaml") == []
    assert forked == []  # the first run reads the folders
    assert rules(archive / "brief.yaml") == []
    assert len(forked) == 1
    (archive / "2021" / "earlier.yaml").write_text(SAME_ID)
    assert rules(archive / "brief.yaml") == BOTH
    assert len(forked) == 2


def test_an_edit_that_keeps_size_and_mtime_is_seen(archive: Path) -> None:
    earlier = archive / "2021" / "earlier.yaml"
    assert rules(archive / "brief.yaml") == []
    before = earlier.stat()
    time.sleep(0.01)
    earlier.write_text(SAME_ID)
    os.utime(earlier, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert earlier.stat().st_size == before.st_size
    assert rules(archive / "brief.yaml") == BOTH


def test_an_edit_in_the_same_instant_is_seen(tmp_path: Path) -> None:
    archive = make_archive(tmp_path)
    assert rules(archive / "brief.yaml") == []
    (archive / "2021" / "earlier.yaml").write_text(SAME_ID)
    assert rules(archive / "brief.yaml") == BOTH


def test_a_brief_added_to_a_folder_is_seen(archive: Path) -> None:
    assert rules(archive / "brief.yaml") == []
    (archive / "2021" / "copy.yaml").write_text(SAME_ID)
    assert rules(archive / "brief.yaml") == [("duplicate-brief-id", 1, 5)]


def test_a_brief_in_a_new_folder_is_seen(archive: Path) -> None:
    assert rules(archive / "brief.yaml") == []
    (archive / "2021" / "more").mkdir()
    (archive / "2021" / "more" / "copy.yaml").write_text(SAME_ID)
    assert rules(archive / "brief.yaml") == [("duplicate-brief-id", 1, 5)]


def test_a_removed_or_renamed_brief_is_seen(archive: Path) -> None:
    assert rules(archive / "brief.yaml") == []
    (archive / "2021" / "earlier.yaml").rename(archive / "2021" / "earlier.yml.bak")
    assert rules(archive / "brief.yaml") == [("unknown-brief", 12, 12)]
    (archive / "2021" / "earlier.yml.bak").rename(archive / "2021" / "earlier.yml")
    assert rules(archive / "brief.yaml") == []


def test_a_roster_change_is_seen(archive: Path) -> None:
    assert rules(archive / "brief.yaml") == []
    (archive / "analysts.yaml").write_text(ROSTER.replace("2023-12-31", "2021-12-31"))
    assert rules(archive / "brief.yaml") == [("analyst-inactive", 17, 14)]


def test_a_run_without_the_cache_leaves_no_index_behind(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    assert rules(archive / "brief.yaml", "--no-cache") == []
    assert list(scratch.iterdir()) == []
    assert not (archive.parent / "cache").exists()


def test_runs_at_once_share_the_index(tmp_path: Path) -> None:
    archive = make_archive(tmp_path)
    for number in range(12):
        text = SAME_ID if number == 0 else EARLIER.replace("wwr-emboldened-2021", f"b{number}")
        (archive / f"b{number:02d}.yaml").write_text(text)
    command = [sys.executable, "-m", "wwrlint", "check", "-q", "--output-format", "json"]
    command += ["--cache-dir", str(tmp_path / "cache")]
    runs = [
        subprocess.Popen(
            [*command, str(archive / f"b{number:02d}.yaml")],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for number in range(12)
    ]
    outputs = [run.communicate() for run in runs]
    found = [[d["rule"] for d in json.loads(out)] for out, _ in outputs]
    assert found == [["duplicate-brief-id"]] + [[]] * 11, [err for _, err in outputs]


def test_a_brief_touched_but_not_changed_is_not_parsed_again(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert rules(archive / "brief.yaml") == []
    os.utime(archive / "2021" / "earlier.yaml")
    monkeypatch.setattr(summary, "read_summary", refuse)
    monkeypatch.setattr(update, "read_rows", refuse)
    assert rules(archive / "brief.yaml") == []


def test_a_damaged_listing_or_roster_rebuilds_the_index_without_leftovers(archive: Path) -> None:
    (archive / "2021" / "copy.yaml").write_text(SAME_ID)
    assert rules(archive / "brief.yaml") == [("duplicate-brief-id", 1, 5)]
    with contextlib.closing(sqlite3.connect(archive.parent / "cache" / "cache.sqlite")) as db:
        db.execute("UPDATE archives SET listing = X'00ff', roster = X'ff'")
        db.commit()
    (archive / "2021" / "copy.yaml").unlink()
    assert rules(archive / "brief.yaml") == []


@pytest.mark.parametrize("value", ["X'00ff'", "'damaged text'", "12345", "X'ffffffff00'"])
def test_a_listing_that_is_not_one_rebuilds_the_index(archive: Path, value: str) -> None:
    """The stored listing is bytes wwrlint wrote; anything else in its column (SQLite
    keeps what it is given: text, a number, bytes that are no listing) is read as no
    listing, in this process and beside it alike."""
    (archive / "2021" / "copy.yaml").write_text(SAME_ID)
    assert rules(archive / "brief.yaml") == [("duplicate-brief-id", 1, 5)]
    with contextlib.closing(sqlite3.connect(archive.parent / "cache" / "cache.sqlite")) as db:
        db.execute(f"UPDATE archives SET listing = {value}")
        db.commit()
    (archive / "2021" / "copy.yaml").unlink()
    assert rules(archive / "brief.yaml") == []
    assert rules(archive / "brief.yaml") == []  # and the listing stored again reads


def test_a_folder_changed_in_a_large_archive_is_walked_here(
    archive: Path, monkeypatch: pytest.MonkeyPatch, forked: list[int]
) -> None:
    """The process beside takes the briefs' `stat`s while no folder has changed; a walk of
    the folders is made in this process, which acts on a signal to stop at once (the one
    beside holds them back)."""
    monkeypatch.setattr(listing, "BESIDE_FROM", 1)
    assert rules(archive / "brief.yaml") == []
    walked: list[int] = []
    walk = listing._walk_archive

    def counted(place: object) -> object:
        walked.append(os.getpid())
        return walk(place)  # type: ignore[arg-type]

    monkeypatch.setattr(listing, "_walk_archive", counted)
    (archive / "2021" / "copy.yaml").write_text(SAME_ID)
    assert rules(archive / "brief.yaml") == [("duplicate-brief-id", 1, 5)]
    assert walked == [os.getpid()]
    assert len(forked) == 1


def test_a_name_that_is_not_utf8_is_indexed_and_named_safely(archive: Path) -> None:
    odd = archive / os.fsdecode(b"caf\xe9.yaml")
    odd.write_text(SAME_ID)
    others = {}
    for path in (archive / "brief.yaml", odd):
        result = CliRunner().invoke(cli, ["check", "--output-format", "json", str(path)])
        [diagnostic] = json.loads(result.stdout)
        assert diagnostic["message"] == (
            "brief id 'pakistan-border-2022' is also the id of another brief of the archive"
        )
        others[path.name[:3]] = [related["path"] for related in diagnostic["related"]]
    assert others == {"bri": ["briefs/caf\ufffd.yaml"], "caf": ["briefs/brief.yaml"]}


def _desk_with_cache(root: Path) -> tuple[Path, str]:
    briefs = make_desk(root, git=True)
    return briefs, str(root / "cache")


def _desk_check(briefs: Path, cache: str, *options: str) -> list[tuple[str, int, int]]:
    args = ["check", "--output-format", "json", "--cache-dir", cache, *options]
    result = CliRunner().invoke(cli, [*args, str(briefs / "citing.yaml")])
    assert "internal error" not in result.stderr
    return [(d["rule"], d["line"], d["column"]) for d in json.loads(result.stdout)]


@pytest.mark.parametrize(
    "damage",
    [
        "UPDATE briefs SET date = '2031-02-09' WHERE id = 'harbour-2031-02'",
        "UPDATE briefs SET id = 'harbour-2031-02-x' WHERE id = 'harbour-2031-02'",
        "DELETE FROM sources WHERE source = 'gazette-2031-01-20' AND path LIKE '2031/%'",
        "UPDATE sources SET publisher = 'Harbour Times' WHERE path LIKE '2031/%'",
    ],
)
def test_index_rows_that_do_not_match_their_checksum_are_not_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    monkeypatch.setattr(store, "RACY_SECONDS", -3600.0)
    briefs, cache = _desk_with_cache(tmp_path)
    assert _desk_check(briefs, cache) == []
    with contextlib.closing(sqlite3.connect(Path(cache) / "cache.sqlite")) as db:
        db.execute(damage)
        db.commit()
    # An edit makes the brief checked again, against the index.
    (briefs / "citing.yaml").write_text(CITING + "# edited\n")
    assert _desk_check(briefs, cache) == _desk_check(briefs, cache, "--no-cache") == []


def test_an_index_whose_database_went_away_is_built_again(tmp_path: Path) -> None:
    from wwrlint.config import ConfigFinder
    from wwrlint.scope import Finder

    briefs, cache = _desk_with_cache(tmp_path)
    os.makedirs(cache)
    database = os.path.join(cache, "cache.sqlite")
    archives = Finder(ConfigFinder()).archives(database, 1)
    try:
        archive = archives.of(str(briefs / "citing.yaml"))
        assert archive is not None
        assert [e.id for e in archive.by_id("harbour-2031-02")] == ["harbour-2031-02"]
        store.remove(database)  # as `wwrlint clean` does while a run goes on
        index = archive.index
        assert index is not None
        assert index._connection is not None
        index._connection = (-1, index._connection[1])  # as a worker process sees it
        assert [e.id for e in archive.by_id("harbour-2031-02")] == ["harbour-2031-02"]
        assert archive.index is not index  # a fresh index of the files, for this run
    finally:
        archives.close()


@given(
    times=st.lists(st.integers(-(10**18), 10**18), max_size=40),
    limit=st.one_of(st.integers(-(10**18), 10**18), st.floats(-1e18, 1e18)),
    recent=st.integers(0, 12),
)
def test_the_briefs_written_just_before_the_last_run_are_all_found(
    times: list[int], limit: float, recent: int
) -> None:
    """`listing._recent` finds the few recent times by `max` and `index`, and many by a
    loop: either way, every time at or after the limit, and no other."""
    times = times + [int(limit) + 1 + n for n in range(recent)]  # some surely recent
    found = listing._recent(times, limit)
    assert sorted(found) == [i for i, t in enumerate(times) if t >= limit]


@given(
    old=st.lists(st.integers(0, 3), max_size=120).map(lambda keys: keys[: len(keys) // 4 * 4]),
    changed=st.sets(st.integers(0, 119), max_size=6),
    block=st.sampled_from([4, 8, 1024]),
)
def test_every_brief_whose_stat_changed_is_found(
    old: list[int], changed: set[int], block: int
) -> None:
    """`listing._differing` compares the stat keys a block at a time, then one by one:
    whatever the block, every brief whose key changed is found, and no other."""
    new = [key + (place in changed) for place, key in enumerate(old)]
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(listing, "_BLOCK", block)
        found = list(listing._differing(new, old))
    assert found == sorted({place // 4 * 4 for place in changed if place < len(old)})


def test_an_archive_sent_to_a_worker_started_without_fork_answers_without_its_listing(
    tmp_path: Path,
) -> None:
    """What a spawned worker receives: the index (opened again there), not the listing of
    every brief, which only the process that opened the archive asks."""
    import pickle

    from wwrlint.config import ConfigFinder, Overrides
    from wwrlint.scope import Finder

    briefs = make_desk(tmp_path, git=False)
    archives = Finder(ConfigFinder(Overrides(), None)).archives(str(tmp_path / "db.sqlite"), 1)
    try:
        archive = archives.of(str(briefs / "citing.yaml"))
        assert archive is not None
        assert archive.listing is not None
        assert sorted(archive.listing.names) == ["2031/earlier.yaml", "citing.yaml"]
        sent = pickle.loads(pickle.dumps(archive))
        assert sent.listing is None
        assert [e.path for e in sent.by_id("harbour-2031-02")] == [
            str(briefs / "2031" / "earlier.yaml")
        ]
    finally:
        archives.close()
