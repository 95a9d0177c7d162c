"""Benchmark `wwrlint check --fix`: what a safe write costs against the floor of writing the
same bytes atomically and nothing more.

    python bench/fix.py --briefs 1000 --rounds 5

Each round writes N briefs of an invented desk, each with one safe fix (a source dated in
words), then times, interleaved so that a busy machine slows both alike:

- `wwrlint check --fix --no-cache -q` on the folder (read, lint, fix, lint again, and the
  safe write: examine the target, temporary file, fsync, owner, mode and attributes, the
  bytes compared with what was read, rename);
- the floor: one process that writes each fixed file through a temporary file, fsync and
  rename, and nothing else.

Prints medians, milliseconds per brief and the peak resident memory of the wwrlint run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BRIEF = """\
id: harbour-{number:05d}
title: Harbour fees rise again
date: 2031-04-02
sources:
  gazette-2031-01-20:
    publisher: Harbour Gazette
    date: {date}
body:
  - claim: Fees at the north harbour rose for the third time this year.
    sources: [gazette-2031-01-20]
  - assessment: Small traders will feel the rise first.
"""

FLOOR = """
import os, sys, tempfile
folder, text = sys.argv[1], sys.argv[2]
for name in sorted(os.listdir(folder)):
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix="." + name, suffix=".tmp")
    with os.fdopen(descriptor, "w") as handle:
        handle.write(text.replace("00000", name[1:6]))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, os.path.join(folder, name))
"""


def write_briefs(folder: Path, count: int) -> None:
    for number in range(count):
        text = BRIEF.format(number=number, date="20 January 2031")
        (folder / f"b{number:05d}.yaml").write_text(text)


def timed(command: list[str]) -> tuple[float, int]:
    """Seconds and peak resident memory (KiB) of one run of `command`."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        error = process.stderr.read().decode() if process.stderr else ""
        sys.exit(f"failed: {' '.join(command)}: {error}")
    return elapsed, usage.ru_maxrss  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    wwrlint, floor, memory = [], [], []
    fixed = BRIEF.format(number=0, date="2031-01-20")
    with tempfile.TemporaryDirectory(prefix="wwrlint-bench-fix-") as temporary:
        folder = Path(temporary) / "briefs"
        for _ in range(args.rounds):
            folder.mkdir()
            write_briefs(folder, args.briefs)
            command = [sys.executable, "-m", "wwrlint", "check", "--fix", "--no-cache", "-q"]
            seconds, peak = timed([*command, str(folder)])
            wwrlint.append(seconds)
            memory.append(peak)
            assert (folder / "b00000.yaml").read_text() == fixed
            write_briefs(folder, args.briefs)
            floor.append(timed([sys.executable, "-c", FLOOR, str(folder), fixed])[0])
            for path in folder.iterdir():
                path.unlink()
            folder.rmdir()
    ours, least = statistics.median(wwrlint), statistics.median(floor)
    per = 1000 / args.briefs
    print(f"briefs: {args.briefs}, rounds: {args.rounds}, python {sys.version.split()[0]}")
    print(f"wwrlint check --fix: {ours:.2f} s ({ours * per:.2f} ms a brief)")
    print(f"floor (atomic write only): {least:.2f} s ({least * per:.2f} ms a brief)")
    print(f"peak memory of the --fix run: {max(memory) / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
