"""Run a step that mostly waits on the system (a `stat` of every brief of an archive) in a
forked process, while this one goes on with other work (loading the modules a check
needs): on a machine with two cores the one costs no time beside the other.

Only where the system forks, and only from a process with a single thread (a fork copies
the calling thread alone). The child holds back the signals that stop a run for its short
life, never touches what the parent has open, and leaves through `os._exit`: no cleanup,
no flushed output, no second run."""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from collections.abc import Callable
from typing import Any

from wwrlint.stopping import holding_signals


def beside(work: Callable[[], Any], meanwhile: Callable[[], object]) -> Any:
    """`work()`, computed in a forked process while `meanwhile()` runs here; where no
    process can be forked, or the child fails, both run here, one after the other. What
    `work` returns must be data that `marshal` can carry."""
    if not _can_fork():
        meanwhile()
        return work()
    reading, writing = os.pipe()
    try:
        with holding_signals():
            child = os.fork()
            if child == 0:
                _in_child(work, reading, writing)
    except OSError:
        os.close(reading)
        os.close(writing)
        meanwhile()
        return work()
    os.close(writing)
    pipe = os.fdopen(reading, "rb")
    try:
        meanwhile()
        payload = pipe.read()
    finally:
        pipe.close()  # a child still writing gets EPIPE and leaves
        with contextlib.suppress(ChildProcessError):  # reaped already (SIGCHLD ignored)
            os.waitpid(child, 0)
    try:
        done, result = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        done = False
    return result if done else work()


def _in_child(work: Callable[[], Any], reading: int, writing: int) -> None:
    code = 1
    try:
        os.close(reading)
        payload = marshal.dumps((True, work()))
        with os.fdopen(writing, "wb") as pipe:
            pipe.write(payload)
        code = 0
    finally:
        os._exit(code)


def _can_fork() -> bool:
    if not hasattr(os, "fork") or sys.platform == "darwin":
        return False
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1
