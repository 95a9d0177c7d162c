"""Never hang: every cost grows at most linearly with the input.

Each family of adversarial inputs (tests/robustness/adversarial.py: the cases of issue 12
and their kin) is built at 1, 2 and 4 MB and run through the command line, in a child
process limited to 400 MB of address space (see `measure`): with `check`, with `check
--fix`, with every output format, and with `import`. Each run must end as wwrlint ends on
bad input (findings, or a one-line error, never a traceback), within a minute of CPU
time (a guard against hangs, not a speed target), and the 4 MB run may take at most 8
times as long as the 1 MB run: a linear cost takes about 4 times as long, a quadratic
one 16. (CPU time, not wall-clock time: the
machine these run on is shared, and a busy one must not fail them.)

Figures for these inputs, measured by bench/linear.py, are in docs/performance.md."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from robustness.adversarial import FAMILIES, SIZES, Family, Input
from robustness.measure import MEMORY_LIMIT, TIME_LIMIT, Measured, Run, measure
from robustness.places import assert_no_crash

FORMATS = ("text", "full", "json", "sarif", "github", "gitlab")
# The 4 MB run against the 1 MB run: linear is 4; the slack covers a busy machine, and
# the constant the timer's noise on runs of a few milliseconds.
MAX_RATIO = 8
NOISE = 0.1

WARM_UP = "id: warm-up\ntitle: Warm-up\ndate: 2031-03-09\nbody: []\n"


def variants(family: Family, mode: str) -> dict[str, tuple[str, ...]]:
    """The options each run of a mode adds, by a name for the run."""
    if mode == "formats":
        return {name: ("--output-format", name) for name in FORMATS}
    if mode == "fix":
        return {"fix": ("--fix", "--output-format", "json")}
    if mode == "import":
        return {"import": ()}
    return {"check": ("--output-format", "json")}


def lay_out(folder: Path, made: Input) -> None:
    for name, text in made.files.items():
        path = folder / name
        os.makedirs(path.parent, exist_ok=True)  # pathlib's mkdir recurses once per folder
        path.write_text(text, encoding="utf-8")
    if made.git:
        subprocess.run(["git", "init", "-q", str(folder)], check=True)


def with_options(args: tuple[str, ...], options: tuple[str, ...]) -> list[str]:
    """The options go after the command's name, before its paths."""
    return [args[0], *options, *args[1:]]


CASES = [
    pytest.param(
        family,
        mode,
        id=re.sub(r"[^a-z0-9]+", "-", f"{family.name} {mode}".lower()).strip("-"),
    )
    for family in FAMILIES
    for mode in family.modes
]


@pytest.mark.parametrize(("family", "mode"), CASES)
def test_time_grows_at_most_linearly(family: Family, mode: str, tmp_path: Path) -> None:
    runs: dict[tuple[str, int], Run] = {}
    for size in SIZES:
        made = family.make(size)
        folder = tmp_path / str(size)
        lay_out(folder, made)
        for name, options in variants(family, mode).items():
            out = str(tmp_path / f"{size}-{name}")
            runs[name, size] = Run(
                str(folder), with_options(made.args, options), f"{out}.out", f"{out}.err"
            )
    (tmp_path / "warm-up.yaml").write_text(WARM_UP)
    warm_up = Run(str(tmp_path), ["check", "--no-cache", "warm-up.yaml"], *_outputs(tmp_path))
    measured = dict(zip(runs, measure(list(runs.values()), warm_up), strict=False))
    for key in runs:
        assert key in measured, f"the child stopped before {key}"
        _assert_ended_well(key, measured[key], mode)
    for name in variants(family, mode):
        small, large = measured[name, SIZES[0]], measured[name, SIZES[-1]]
        assert large.seconds <= MAX_RATIO * small.seconds + NOISE, (
            f"{name}: {small.seconds:.2f} s at 1 MB, {large.seconds:.2f} s at 4 MB"
        )


def _outputs(folder: Path) -> tuple[str, str]:
    return str(folder / "warm-up.out"), str(folder / "warm-up.err")


def _assert_ended_well(key: tuple[str, int], measured: Measured, mode: str) -> None:
    assert measured.exit_code is not None, f"{key}: stopped, still running (see `measure`)"
    assert_no_crash(measured.stderr)
    # Findings or none; an import makes its draft. Every input here is one wwrlint can do
    # its job on, so a refusal (2) is a failure too.
    expected = (0,) if mode == "import" else (0, 1)
    assert measured.exit_code in expected, (key, measured.exit_code, measured.stderr)
    assert measured.seconds <= TIME_LIMIT
    assert measured.peak_bytes <= MEMORY_LIMIT
