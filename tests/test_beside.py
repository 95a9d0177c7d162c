"""A step run in a forked process beside other work (`wwrlint.beside`): its answer comes
from the child, the other work runs here once, and nothing is left behind, whether the
child fails, the other work fails, or no process may be forked."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from wwrlint import beside as module
from wwrlint import store
from wwrlint.archive import listing
from wwrlint.beside import beside

# Every test here counts the children it forks (`conftest.forked`): none is left unreaped.
pytestmark = pytest.mark.usefixtures("forked")


def test_the_work_is_done_in_a_child_while_this_process_goes_on(forked: list[int]) -> None:
    calls: list[int] = []
    result = beside(lambda: [os.getpid(), os.getppid()], lambda: calls.append(os.getpid()))
    child, parent = result
    assert parent == os.getpid() != child
    assert forked == [child]
    assert calls == [os.getpid()]


def test_a_child_that_fails_leaves_the_work_to_this_process() -> None:
    def work() -> int:
        if os.getpid() != here:
            raise RuntimeError("only here")
        return os.getpid()

    here = os.getpid()
    calls: list[str] = []
    assert beside(work, lambda: calls.append("meanwhile")) == here
    assert calls == ["meanwhile"]


def test_an_answer_marshal_cannot_carry_is_worked_out_here() -> None:
    here = os.getpid()
    answer = beside(lambda: (os.getpid(), object()), lambda: None)
    assert answer[0] == here


def test_a_failure_of_the_other_work_ends_the_child_too() -> None:
    def meanwhile() -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        beside(lambda: list(range(100_000)), meanwhile)


def test_a_large_answer_comes_whole() -> None:
    # Far more than a pipe holds: the child waits for this process to read it.
    answer = beside(lambda: list(range(500_000)), lambda: None)
    assert answer == list(range(500_000))


def test_no_fork_with_other_threads_running(forked: list[int]) -> None:
    here = os.getpid()
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert beside(os.getpid, lambda: None) == here
        assert forked == []
    finally:
        stop.set()
        thread.join()


def test_no_fork_where_the_system_has_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(os, "fork")
    order: list[str] = []
    here = os.getpid()
    assert beside(lambda: order.append("work") or os.getpid(), lambda: order.append("mean")) == here
    assert order == ["mean", "work"]
    assert not module._can_fork()


def test_an_archive_opened_with_nothing_to_do_meanwhile_forks_nothing(
    tmp_path: Path, forked: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process that has nothing to do beside the stats (the language server, which
    opens archives with no `meanwhile`) takes them itself: a fork would only cost. Nor
    is a fork worth it without a stored listing of `BESIDE_FROM` briefs to go by."""
    from desk import make_desk
    from wwrlint.archive.locate import place

    briefs = make_desk(tmp_path, git=False)
    monkeypatch.setattr(store, "RACY_SECONDS", -3600.0)
    found = place(str(briefs), None, (), lambda _path, _is_folder: False)
    first = listing.survey(found, None, time.time(), lambda: None)
    assert (first.fresh, first.holds) == (True, False)
    assert listing.size_of(first.listed) == 2
    again = listing.survey(found, first.listed, time.time())
    assert (again.fresh, again.holds, again.listed, again.stale) == (False, True, None, [])
    assert forked == []
    listing.survey(found, first.listed, time.time(), lambda: None)  # 2 briefs: too few
    assert forked == []
    monkeypatch.setattr(listing, "BESIDE_FROM", 2)
    meanwhile: list[int] = []
    beside_it = listing.survey(found, first.listed, time.time(), lambda: meanwhile.append(1))
    assert (len(forked), meanwhile) == (1, [1])
    assert beside_it == again


def test_a_run_of_one_brief_decodes_the_stored_listing_only_to_survey_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The listing is decoded where the files are compared with it (beside, in a large
    archive); the main process decodes it again only for a run that may cover the whole
    archive (`Archive.listed_briefs` tells without decoding)."""
    from rules.test_archive_scope import check

    from desk import make_desk

    briefs = make_desk(tmp_path, git=True)
    monkeypatch.setattr(store, "RACY_SECONDS", -3600.0)
    assert check(tmp_path, "briefs")[0] == 0  # the listing is stored
    loads: list[int] = []
    load = listing.Listing.load

    def counted(blob: bytes | None) -> listing.Listing | None:
        loads.append(len(blob or b""))
        return load(blob)

    monkeypatch.setattr(listing.Listing, "load", staticmethod(counted))
    assert check(tmp_path, str(briefs / "citing.yaml"))[0] == 0
    assert len(loads) == 1  # the survey's
    loads.clear()
    assert check(tmp_path, "briefs")[0] == 0
    assert len(loads) == 2  # the survey's, then the whole archive's names
