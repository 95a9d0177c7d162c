"""bench/profile.py, the profile of where a cold brief's time goes, keeps timing what it
names: a function it wraps that is renamed or moved would drop out of the profile without
a word but for this test (its figures are measured by hand, never asserted here)."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import REPO

STAGES = {
    "archive index": [
        "parse (compose)",
        "load a head: decode, build",
        "rows and their checksums",
        "storing rows",
        "read",
        "other",
    ],
    "check": [
        "parse (compose)",
        "load: decode, build",
        "rules",
        "schema",
        "read",
        "worker hand-off (pickle)",
        "cache writes",
        "other",
    ],
}
# Stages that only briefs with findings reach (a few of the corpus's are broken).
SOMETIMES = {"placing findings", "schema (wording errors)"}


def test_the_profile_times_every_stage_of_both_phases() -> None:
    run = subprocess.run(
        [sys.executable, str(REPO / "bench" / "profile.py"), "--briefs", "40"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    assert "not timed" not in run.stderr  # every wrapped function is still there
    assert run.stdout.startswith("40 briefs of corpus seed, ")
    found: dict[str, list[str]] = {}
    phase = ""
    for line in run.stdout.splitlines()[1:]:
        stage = re.match(r"(  |    )(\S.*?)\s+\d+ µs\s+[\d.]+ %$", line)
        if stage is None:
            continue
        if stage.group(1) == "  ":
            phase = stage.group(2)
            found[phase] = []
        else:
            found[phase].append(stage.group(2))
    for phase, stages in STAGES.items():
        assert set(stages) <= set(found[phase]) <= set(stages) | SOMETIMES, phase
    assert "the rest (settings, the main loop)" in found
