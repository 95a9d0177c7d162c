"""Benchmark the fix engine: what finding typography flaws (placed at their characters,
each with its fix as edits) and fixing them cost, as the flaws and the text grow.

    python bench/fixes.py --rounds 3
    python bench/fixes.py --rounds 1 --before /path/to/an/older/checkout --timeout 120

Each case is a brief of the invented Northwind Desk with one kind of flaw repeated to a
size: doubled spaces in one long text, straight quotes for apostrophes in one long text,
a literal block of wrapped lines, and many sources dated in words. For each size it times
`wwrlint check --no-cache --output-format json` and `wwrlint check --no-cache --fix -q`
(on a fresh copy each round), interleaved, and prints the medians, the peak memory of the
fix run, and the time per fixed place. With `--before`, the same runs of another checkout
(its package on PYTHONPATH) are timed too, each stopped after `--timeout` seconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HEAD = "id: harbour-fees-2031\ntitle: Harbour fees rise again\ndate: 2031-03-09\n"
SOURCE = "sources:\n  gazette:\n    publisher: Harbour Gazette\n    date: 2031-01-20\n"
BODY = "body:\n  - claim: Fees at the north harbour rose.\n    sources: [gazette]\n"


def grow(size: int, before: str, unit: str, after: str) -> tuple[str, int]:
    """`before`, `unit` repeated to about `size` characters, `after`; and how many units."""
    count = max(1, (size - len(before) - len(after)) // len(unit))
    return before + unit * count + after, count


def doubled_spaces(size: int) -> tuple[str, int]:
    return grow(size, HEAD + SOURCE + BODY + "  - assessment: Fees ", "rose.  Fees ", "rose.\n")


def apostrophes(size: int) -> tuple[str, int]:
    before = HEAD + SOURCE + BODY + "  - assessment: "
    return grow(size, before, 'The harbour"s fees rose. ', "End.\n")


def wrapped_block(size: int) -> tuple[str, int]:
    """A literal block of lines wrapped at a fixed width: one fix (`|` to `>`)."""
    before = HEAD + SOURCE + BODY + "  - assessment: |\n"
    text, lines = grow(size, before, "      Fees at the north harbour rose again and\n", "")
    return text, 1 if lines else 0


def dates_in_words(size: int) -> tuple[str, int]:
    unit = "  g-{n}:\n    publisher: Harbour Gazette\n    date: 20 January 2031\n"
    parts, length, count = [HEAD + SOURCE], len(HEAD + SOURCE), 0
    while length < size:
        piece = unit.format(n=count)
        parts.append(piece)
        length += len(piece)
        count += 1
    cited = ", ".join(["gazette"] + [f"g-{n}" for n in range(count)])
    return "".join(parts) + f"body:\n  - claim: Fees rose.\n    sources: [{cited}]\n", count


CASES: dict[str, Callable[[int], tuple[str, int]]] = {
    "doubled spaces in one text": doubled_spaces,
    "straight quotes in one text": apostrophes,
    "a literal block of wrapped lines": wrapped_block,
    "sources dated in words": dates_in_words,
}


def run(args: list[str], folder: Path, package: str | None, timeout: float) -> tuple[float, int]:
    """Seconds and peak memory (KB) of one wwrlint run; inf when it did not end in time."""
    env = dict(os.environ)
    if package is not None:
        env["PYTHONPATH"] = package
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "wwrlint", *args],
        cwd=folder,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = started + timeout if timeout > 0 else float("inf")
    while True:
        pid, _, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            return time.perf_counter() - started, usage.ru_maxrss
        if time.perf_counter() > deadline:
            process.kill()
            process.wait()
            return float("inf"), 0
        time.sleep(0.005)


def measure(
    text: str, rounds: int, package: str | None, timeout: float
) -> tuple[float, float, int]:
    """Median seconds of check and of --fix, and the peak memory of --fix (KB)."""
    checks, fixes, memory = [], [], 0
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "brief.yaml"
        for _ in range(rounds):
            path.write_text(text, encoding="utf-8")
            seconds, _ = run(
                ["check", "--no-cache", "--output-format", "json", "brief.yaml"],
                Path(folder),
                package,
                timeout,
            )
            checks.append(seconds)
            seconds, peak = run(
                ["check", "--no-cache", "--fix", "-q", "brief.yaml"], Path(folder), package, timeout
            )
            fixes.append(seconds)
            memory = max(memory, peak)
    return statistics.median(checks), statistics.median(fixes), memory


def shown(seconds: float) -> str:
    return "did not end" if seconds == float("inf") else f"{seconds:.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sizes", default="250000,1000000,4000000", help="bytes, comma-separated")
    parser.add_argument("--before", help="another checkout, to time its package as well")
    parser.add_argument("--timeout", type=float, default=0, help="seconds a run may take")
    options = parser.parse_args()
    sizes = [int(size) for size in options.sizes.split(",")]
    before = str(Path(options.before).resolve()) if options.before else None
    if before is not None and not (Path(before) / "wwrlint").is_dir():
        parser.error(f"{before} holds no wwrlint package")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, rounds {options.rounds}")
    for name, make in CASES.items():
        print(f"\n{name}")
        for size in sizes:
            text, places = make(size)
            check, fix, memory = measure(text, options.rounds, None, options.timeout)
            per_place = fix / places * 1e6 if places else 0.0
            line = (
                f"  {len(text) / 1e6:5.2f} MB, {places:>7} places: check {shown(check)}, "
                f"--fix {shown(fix)} ({per_place:,.0f} µs a place), {memory / 1024:.0f} MB"
            )
            if before is not None:
                old_check, old_fix, _ = measure(text, 1, before, options.timeout or 120)
                line += f"; before: check {shown(old_check)}, --fix {shown(old_fix)}"
            print(line)


if __name__ == "__main__":
    main()
