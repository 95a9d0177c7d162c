"""Runs stopped at random moments, in a loop: by SIGKILL (which nothing can catch), and by
SIGINT, SIGTERM and SIGHUP (which wwrlint catches). Every file is always wholly its old or
wholly its new bytes; a caught signal leaves nothing else behind and exits with 128 + its
number (130 for Ctrl-C); what SIGKILL leaves, the next run removes."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desk import LONE
from robustness.places import assert_no_crash
from wwrlint import atomic

MESSY = LONE.replace("date: 2031-01-20", "date: 20 January 2031").replace(
    "Small traders", "Small  traders"
)
FILES = 150


def write_folder(folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    for number in range(FILES):
        (folder / f"b{number:03d}.yaml").write_text(
            MESSY.replace("harbour-2031-04", f"harbour-{number:03d}")
        )


def fixed(number: int) -> str:
    return LONE.replace("harbour-2031-04", f"harbour-{number:03d}")


def old(number: int) -> str:
    return MESSY.replace("harbour-2031-04", f"harbour-{number:03d}")


def start(*args: str, cwd: Path) -> subprocess.Popen[str]:
    """A run with a temporary folder of its own (see `temporaries`)."""
    temporary = cwd.parent / "tmp"
    temporary.mkdir(exist_ok=True)
    return subprocess.Popen(
        [sys.executable, "-m", "wwrlint", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(temporary)},
    )


def temporaries(folder: Path) -> list[str]:
    """What runs in `folder` left in their temporary folder (a --no-cache run keeps the
    archive's index in a folder of its own there)."""
    return sorted(p.name for p in (folder.parent / "tmp").iterdir())


def started_fixing(folder: Path, process: subprocess.Popen[str]) -> bool:
    """Wait until the run has fixed its first file (so it is past Python's own start, when
    a signal is the interpreter's business, not wwrlint's); False if it ended first."""
    first = folder / "b000.yaml"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if first.read_text() != old(0):
            return True
        time.sleep(0.005)
    return False


def states(folder: Path) -> tuple[int, int]:
    """How many files are old and how many new; fails on any other content."""
    olds = news = 0
    for number in range(FILES):
        text = (folder / f"b{number:03d}.yaml").read_text()
        assert text in (old(number), fixed(number)), f"b{number:03d}.yaml is neither"
        olds += text == old(number)
        news += text == fixed(number)
    return olds, news


def others(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(".yaml"))


def test_a_killed_fix_leaves_each_file_wholly_old_or_new_and_the_next_run_tidies_up(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "briefs"
    rng = random.Random(7)
    interrupted = 0
    for _ in range(8):
        write_folder(folder)
        process = start("check", "--fix", "--no-cache", "-q", ".", cwd=folder)
        if started_fixing(folder, process):
            time.sleep(rng.random() * 0.5)
        process.send_signal(signal.SIGKILL)
        process.communicate()
        olds, news = states(folder)
        interrupted += bool(olds and news)
        for name in others(folder):  # at most the temporary file of the file being written
            assert atomic._TEMPORARY.fullmatch(name), name
        assert len(others(folder)) <= 1
        again = start("check", "--fix", "--no-cache", "-q", ".", cwd=folder)
        out, err = again.communicate(timeout=120)
        assert_no_crash(out, err)
        assert again.returncode == 0, err
        assert states(folder) == (0, FILES)
        assert others(folder) == []
        assert temporaries(folder) == []  # the killed run's index folder went with them
    assert interrupted, "no kill landed while files were being fixed"


@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_a_caught_signal_cleans_up_and_exits_with_its_number(name: str, tmp_path: Path) -> None:
    number = getattr(signal, name)
    folder = tmp_path / "briefs"
    rng = random.Random(number)
    interrupted = 0
    for _ in range(5):
        write_folder(folder)
        process = start("check", "--fix", "--no-cache", "-q", ".", cwd=folder)
        if started_fixing(folder, process):
            time.sleep(rng.random() * 0.5)
        process.send_signal(number)
        out, err = process.communicate(timeout=60)
        assert_no_crash(out, err)
        olds, news = states(folder)
        assert others(folder) == []
        assert temporaries(folder) == []
        if process.returncode == 0:  # it was done before the signal came
            assert (olds, news) == (0, FILES)
            continue
        assert process.returncode == 128 + number, err
        assert err == f"wwrlint: stopped by {name}\n"
        interrupted += bool(olds and news)
    assert interrupted, f"no {name} landed while files were being fixed"


def test_an_output_file_is_whole_or_absent_when_the_run_is_stopped(tmp_path: Path) -> None:
    folder = tmp_path / "briefs"
    write_folder(folder)
    report = tmp_path / "report.json"
    rng = random.Random(3)
    for number in (signal.SIGTERM, signal.SIGKILL, signal.SIGINT):
        report.unlink(missing_ok=True)
        args = ("check", "--no-cache", "--output-format", "json", "-o", str(report), ".")
        process = start(*args, cwd=folder)
        own = f".report.json.wwrlint-{process.pid}-"
        deadline = time.monotonic() + 60  # until the run, past Python's start, opens the file
        while not [p for p in tmp_path.iterdir() if p.name.startswith(own)]:
            assert time.monotonic() < deadline, "the run never started to write"
            time.sleep(0.005)
        time.sleep(rng.random() * 0.6)
        process.send_signal(number)
        out, err = process.communicate(timeout=60)
        assert_no_crash(out, err)
        if report.exists():
            assert len(json.loads(report.read_text())) == 2 * FILES
        leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        assert leftovers == [] or number == signal.SIGKILL
        for leftover in leftovers:  # what the next run writing there would remove
            leftover.unlink()


def test_a_signal_the_caller_ignores_stays_ignored(tmp_path: Path) -> None:
    """As under `nohup`: SIGHUP does not stop the run."""
    folder = tmp_path / "briefs"
    write_folder(folder)
    process = subprocess.Popen(
        [sys.executable, "-m", "wwrlint", "check", "--fix", "--no-cache", "-q", "."],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN),
    )
    assert started_fixing(folder, process)
    process.send_signal(signal.SIGHUP)
    out, err = process.communicate(timeout=120)
    assert (process.returncode, out, err) == (0, "", "")
    assert states(folder) == (0, FILES)


@pytest.mark.parametrize(("name", "to_group"), [("SIGINT", True), ("SIGTERM", False)])
def test_a_run_in_worker_processes_stops_without_a_hang_or_a_traceback(
    name: str, to_group: bool, tmp_path: Path
) -> None:
    """Ctrl-C reaches the whole process group, SIGTERM (from a CI runner) the main process
    only: either way the workers end and the run exits with 128 + the signal's number."""
    number = getattr(signal, name)
    folder = tmp_path / "briefs"
    folder.mkdir()
    for count in range(600):
        (folder / f"b{count:03d}.yaml").write_text(
            LONE.replace("harbour-2031-04", f"harbour-{count:03d}")
        )
    rng = random.Random(number)
    for _ in range(4):
        process = subprocess.Popen(
            [sys.executable, "-m", "wwrlint", "check", "--no-cache", "-j", "2", "."],
            cwd=folder,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # a process group of its own, as a terminal's job is
        )
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
        deadline = time.monotonic() + 60  # until the run has started its worker processes
        while time.monotonic() < deadline and process.poll() is None:
            if not children.exists() or children.read_text().strip():
                break
            time.sleep(0.005)
        # Within the run: 600 briefs take about half a second in two workers.
        time.sleep(rng.random() * 0.5)
        if to_group:
            os.killpg(process.pid, number)
        else:
            process.send_signal(number)
        out, err = process.communicate(timeout=60)
        assert_no_crash(out, err)
        assert "KeyboardInterrupt" not in err
        assert process.returncode in (0, 128 + number), err
        if process.returncode:
            assert err.endswith(f"wwrlint: stopped by {name}\n")
