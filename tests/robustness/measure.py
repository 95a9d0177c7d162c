"""Time and memory of wwrlint runs, measured in a child process with resource limits.

The child imports wwrlint once, makes one small warm-up run, then makes each run in turn
through the console entry point (`wwrlint.cli.main`, as the installed command does, with
its output in files), so that the time of a run is the work on its input alone, not the
interpreter's start. Time is the process's CPU time, so that a machine busy with other
work slows a run without failing it; a run still going after three minutes of wall-clock time
is taken for a hang, and one past its CPU time limit is stopped (it has failed). Such a run, or
the child passing its memory limit, ends the child; what was measured until then is
returned.

    python tests/robustness/measure.py JOBS.json   (the child; `measure` starts it)
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TIME_LIMIT = 60  # CPU seconds, per run: a guard against hangs, not a speed target
HANG = 180  # wall-clock seconds after which a run is stopped
MEMORY_LIMIT = 400 * 1024 * 1024  # bytes of address space, for the child as a whole


@dataclass(frozen=True)
class Run:
    """One command: where it starts, its arguments, and where its output goes."""

    cwd: str
    args: list[str]
    stdout: str
    stderr: str


@dataclass(frozen=True)
class Measured:
    seconds: float  # CPU time
    # The child's peak resident memory so far: runs go from small to large, so it is
    # the peak of the largest run made until then.
    peak_bytes: int
    # None: stopped, still running after HANG seconds or past TIME_LIMIT of CPU time
    exit_code: int | None
    stdout_bytes: int
    stderr: str


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def measure(runs: list[Run], warm_up: Run) -> list[Measured]:
    """Make `warm_up`, then each run, in one child process; the measures of the runs that
    were made (fewer than asked when the child was stopped by a limit)."""
    jobs = Path(runs[0].stdout).with_suffix(".jobs.json")
    jobs.write_text(json.dumps([vars(run) for run in [warm_up, *runs]]))
    result = subprocess.run(
        [sys.executable, __file__, str(jobs)],
        capture_output=True,
        text=True,
        timeout=HANG * (len(runs) + 1) + 60,
        preexec_fn=_limits,
        check=False,
    )
    measured = [Measured(**json.loads(line)) for line in result.stdout.splitlines()]
    if len(measured) <= len(runs) and result.returncode != 0:
        # Stopped early (memory): say so in the last run's record.
        measured.append(Measured(0.0, 0, None, 0, result.stderr[-2000:]))
    return measured[1:]


class _TimeUp(BaseException):
    """A run passed its time limit (not an Exception, so no handler in wwrlint eats it)."""


def _on_alarm(number: int, frame: object) -> None:
    raise _TimeUp


def _make(run: dict[str, Any]) -> dict[str, Any]:
    from wwrlint.cli import main

    os.chdir(run["cwd"])
    saved = os.dup(1), os.dup(2)
    with open(run["stdout"], "wb") as out, open(run["stderr"], "wb") as err:
        os.dup2(out.fileno(), 1)
        os.dup2(err.fileno(), 2)
    exit_code: int | None = 0
    start = time.process_time()
    signal.alarm(HANG)
    signal.setitimer(signal.ITIMER_PROF, TIME_LIMIT + 1)
    try:
        main(run["args"])
    except SystemExit as stop:
        exit_code = stop.code if isinstance(stop.code, int) else 1
    except _TimeUp:
        exit_code = None
    finally:
        signal.alarm(0)
        signal.setitimer(signal.ITIMER_PROF, 0)
        seconds = time.process_time() - start
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
    return {
        "seconds": seconds,
        "peak_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "exit_code": exit_code,
        "stdout_bytes": os.path.getsize(run["stdout"]),
        "stderr": Path(run["stderr"]).read_text("utf-8", "replace")[-4000:],
    }


def _child(jobs: str) -> None:
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.signal(signal.SIGPROF, _on_alarm)
    report = os.fdopen(os.dup(1), "w")
    for run in json.loads(Path(jobs).read_text()):
        measured = _make(run)
        print(json.dumps(measured), file=report, flush=True)
        if measured["exit_code"] is None:
            return


if __name__ == "__main__":
    _child(sys.argv[1])
