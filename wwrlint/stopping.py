"""The signals that stop a run (SIGINT, SIGTERM, SIGHUP), and holding them back while a
step must be done whole: a file renamed into place, worker processes started or ended, a
process forked."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator

SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


@contextlib.contextmanager
def holding_signals() -> Iterator[None]:
    """Delay the signals that stop a run until the block is done (where the system can)."""
    if not SIGNALS or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def take_signals_back() -> None:
    """In a process forked while they were held: let the signals that stop a run in."""
    if SIGNALS and hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNALS)
