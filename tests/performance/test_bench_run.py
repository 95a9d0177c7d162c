"""bench/run.py, the benchmark the performance figures come from, still runs every row.

Each row runs to its end on a small archive (its figures are measured by hand, never
asserted here): a row whose command broke would otherwise show a time, the time of an
error. The checkout row is what it says: a fresh copy, read through the cache left."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO

ROWS = [
    "check-jsonschema",
    "wwrlint cold (--no-cache)",
    "wwrlint warm (cache)",
    "wwrlint checkout (cache kept)",
    "floor: read",
    "floor: libyaml",
    "floor: libyaml+schema",
    "floor: layer",
    "floor: layer+schema",
]
SINGLES = [
    "python -c 'import jsonschema, ruamel.yaml, click'",
    "wwrlint check ONE (cache)",
    "wwrlint check ONE just edited (cache)",
    "wwrlint check ONE (--no-cache)",
]


def test_every_row_is_timed_and_every_command_ran(tmp_path: Path) -> None:
    kept = tmp_path / "bench"
    run = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "run.py"),
            *("--briefs", "24", "--rounds", "1", "--single-runs", "1", "--corpus", "seed"),
            *("--floor", "--keep", str(kept)),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert "Traceback" not in run.stderr
    assert run.returncode == 0, run.stderr
    assert "FAILED" not in run.stdout  # every command ran to its end (exit 0 or 1)
    table = run.stdout.split("whole archive (24 briefs)", 1)[1]
    for row in ROWS:
        found = re.search(rf"^{re.escape(row)} +([\d.]+) +\d+ +([\d.]+) ", table, re.MULTILINE)
        assert found is not None, row
        assert float(found.group(1)) > 0
    for row in SINGLES:
        assert re.search(rf"^{re.escape(row)} +\d+ ms +[\d.]+× the imports$", table, re.MULTILINE)
    # The checkout is a copy of the archive beside it.
    checkout = kept / "seed-checkout"
    assert sorted(p.name for p in (checkout / "briefs").rglob("*.yaml")) == sorted(
        p.name for p in (kept / "seed" / "briefs").rglob("*.yaml")
    )


def test_the_checkout_row_reads_through_the_cache_left_and_parses_no_brief(
    tmp_path: Path,
) -> None:
    made = f"""
import sys
sys.path.insert(0, {str(REPO / "bench")!r})
from pathlib import Path
import run
from generate import generate
work = Path({str(tmp_path)!r}) / "seed"
generate(work, 120, corpus="seed")
(work / ".git").mkdir()
wwrlint = [sys.executable, "-m", "wwrlint"]
checkout = run.Checkout(work, [*wwrlint, "check", "-q", "--cache-dir", "cache", "briefs"])
checkout.make_again()
print(checkout.folder)
"""
    setup = subprocess.run(
        [sys.executable, "-c", made], capture_output=True, text=True, timeout=300, check=True
    )
    folder = Path(setup.stdout.strip())
    work = tmp_path / "seed"
    one = "briefs/000/brief-00000.yaml"
    assert (folder / one).read_bytes() == (work / one).read_bytes()
    assert (folder / one).stat().st_ino != (work / one).stat().st_ino
    check = [sys.executable, "-m", "wwrlint", "check", "--output-format", "json", "briefs"]
    kept = subprocess.run(
        [sys.executable, "-X", "importtime", *check[1:], "--cache-dir", "cache"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    fresh = subprocess.run(
        [*check, "--no-cache"], cwd=folder, capture_output=True, text=True, timeout=300
    )
    assert "Traceback" not in kept.stderr + fresh.stderr
    assert kept.returncode == fresh.returncode == 1  # the corpus has broken briefs
    assert kept.stdout == fresh.stdout
    assert json.loads(kept.stdout)  # findings, the same
    # every brief came from the cache: the linter was never loaded
    assert "wwrlint.linter" not in kept.stderr
    assert (
        "wwrlint.linter"
        in subprocess.run(
            [sys.executable, "-X", "importtime", *check[1:], "--no-cache"],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=300,
        ).stderr
    )


def test_a_command_that_fails_is_told_from_one_that_found_errors(tmp_path: Path) -> None:
    told = f"""
import sys
sys.path.insert(0, {str(REPO / "bench")!r})
from pathlib import Path
import run
python = sys.executable
for command, codes in [
    ("pass", (0, 1)),
    ("raise SystemExit(1)", (0, 1)),  # a check that found errors
    ("raise SystemExit(1)", (0,)),  # a floor stage: it finds none
    ("raise SystemExit(2)", (0, 1)),
    ("raise ValueError('broken')", (0, 1)),  # exit 1, but a traceback
]:
    print(repr(run.timed([python, "-c", command], Path({str(tmp_path)!r}), codes).failed))
"""
    found = subprocess.run(
        [sys.executable, "-c", told], capture_output=True, text=True, timeout=120, check=True
    )
    assert found.stdout.split("\n") == [
        "''",
        "''",
        "'exit 1'",
        "'exit 2'",
        "'a traceback'",
        "",
    ]
