"""Time and memory of wwrlint on adversarial inputs at 1, 2 and 4 MB.

    python bench/linear.py [--only SUBSTRING] [--markdown]

Builds each family of tests/robustness/adversarial.py at each size, runs it the way
tests/robustness/test_linear.py does (the command line in a child process limited to
400 MB, 10 s a run, timed without the interpreter's start), and prints, for each family
and run: the CPU seconds at each size, the ratio of 4 MB to 1 MB (linear is about 4), the
child's peak memory, the output's size and the exit code at 4 MB.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent / "tests"
sys.path.insert(0, str(TESTS))

from robustness.adversarial import FAMILIES, SIZES, Family  # noqa: E402
from robustness.measure import Measured, Run, measure  # noqa: E402
from robustness.test_linear import WARM_UP, lay_out, variants, with_options  # noqa: E402


def rows(only: str) -> list[list[str]]:
    table = []
    for family in FAMILIES:
        for mode in family.modes:
            if only not in f"{family.name} {mode}":
                continue
            with tempfile.TemporaryDirectory() as temporary:
                table += _family_rows(Path(temporary), family, mode)
    return table


def _family_rows(root: Path, family: Family, mode: str) -> list[list[str]]:
    runs: dict[tuple[str, int], Run] = {}
    for size in SIZES:
        made = family.make(size)
        lay_out(root / str(size), made)
        for name, options in variants(family, mode).items():
            out = str(root / f"{size}-{name}")
            args = with_options(made.args, options)
            runs[name, size] = Run(str(root / str(size)), args, f"{out}.out", f"{out}.err")
    (root / "warm-up.yaml").write_text(WARM_UP)
    warm_up = Run(str(root), ["check", "--no-cache", "warm-up.yaml"], *_outputs(root))
    measured = dict(zip(runs, measure(list(runs.values()), warm_up), strict=False))
    found = []
    for name in variants(family, mode):
        times = [measured.get((name, size)) for size in SIZES]
        found.append([family.name, name, *(_seconds(m) for m in times), *_last(times)])
    return found


def _seconds(measured: Measured | None) -> str:
    return (
        "stopped" if measured is None or measured.exit_code is None else f"{measured.seconds:.2f}"
    )


def _last(times: list[Measured | None]) -> list[str]:
    """The ratio of the last run to the first, and the last run's memory, output and exit."""
    small, large = times[0], times[-1]
    if small is None or large is None or large.exit_code is None or small.exit_code is None:
        return ["–", "–", "–", "–"]
    ratio = large.seconds / small.seconds if small.seconds > 0 else float("inf")
    return [
        f"{ratio:.1f}",
        f"{large.peak_bytes / 1e6:.0f}",
        f"{large.stdout_bytes / 1e6:.2f}",
        str(large.exit_code),
    ]


def _outputs(folder: Path) -> tuple[str, str]:
    return str(folder / "warm-up.out"), str(folder / "warm-up.err")


HEADER = ["input", "run", "1 MB", "2 MB", "4 MB", "4 MB / 1 MB", "peak MB", "output MB", "exit"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="families whose name holds this")
    parser.add_argument("--markdown", action="store_true", help="a Markdown table")
    options = parser.parse_args()
    table = rows(options.only)
    if options.markdown:
        print("| " + " | ".join(HEADER) + " |")
        print("| --- | --- |" + " ---: |" * (len(HEADER) - 2))
        for row in table:
            print("| " + " | ".join(row) + " |")
        return
    widths = [max(len(row[i]) for row in [HEADER, *table]) for i in range(len(HEADER))]
    for row in [HEADER, *table]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))


if __name__ == "__main__":
    main()
