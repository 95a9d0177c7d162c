"""bench/run.py, the benchmark the performance figures come from, still runs every row it
names on a small archive, each command to its end (its figures are measured by hand,
never asserted here): a row whose command broke would otherwise show a time, the time of
an error."""

from __future__ import annotations

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
    # The checkout is a copy of the archive with a cache of its own, which its run used;
    # the archive itself is as generated.
    checkout = kept / "seed-checkout"
    assert sorted(p.name for p in (checkout / "briefs").rglob("*.yaml")) == sorted(
        p.name for p in (kept / "seed" / "briefs").rglob("*.yaml")
    )
    assert (checkout / "cache" / "cache.sqlite").is_file()
