"""Benchmark wwrlint against check-jsonschema on a generated archive.

    python bench/run.py --briefs 10000

Generates a deterministic archive (bench/generate.py), then times, interleaved round by round
so that a busy machine slows every contender alike:

- `check-jsonschema --schemafile schema/brief.schema.json` on all the files (the peer);
- `wwrlint check --no-cache` (cold: every brief parsed, validated and checked by every rule);
- `wwrlint check` with a warm cache (nothing changed since the last run);
- `wwrlint check` in a fresh checkout with the cache of an earlier run restored, as a CI
  job does with the GitHub Action's cache (every file new to its stat, its content not:
  each brief is hashed, none parsed); the checkout, a copy of the archive in a folder of
  its own, and the restored cache are made again before each run and not timed;
- one brief, as pre-commit calls it (unchanged, and just edited), against
  `python -c "import jsonschema, ruamel.yaml, click"`;

and prints medians, files per second, ratios, peak memory (the largest resident set of
the process and its workers) and CPU time (user and system, workers included). Needs
check-jsonschema installed: `pip install -e '.[bench]'`.

Before timing, it compiles the bytecode of the wwrlint package it times (and of the
`--before` one), as `pip install` does, and runs every command without
PYTHONDONTWRITEBYTECODE: an editable install is not compiled, and without its bytecode each
run would compile every module again, so the figures are what an installed wwrlint gives.

`--floor` times, in the same rounds, the least a check of every brief could cost here
(bench/floor.py: reading each brief; loading its data with LibYAML, or with wwrlint's own
YAML layer; validating that against the schema with jsonschema-rs; one worker a core, no
rules, archive or cache): a lower bound for the cold row, against the same
check-jsonschema run.

`--before PATH` names another installation's `wwrlint` (say, of `git worktree add
/tmp/before HEAD` in its own venv): its cold, warm and one-brief runs are timed in the same
rounds, interleaved with this one's, and shown beside them.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).parent))
from floor import STAGES
from generate import CORPORA, generate

from wwrlint.store import RACY_SECONDS

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


EDITED = "wwrlint check ONE just edited (cache)"
CHECKOUT = "wwrlint checkout (cache kept)"
# Times a warm run is timed in each round.
WARM_RUNS = 5
# Children run as after a normal install: with compiled bytecode, which a user's
# PYTHONDONTWRITEBYTECODE would otherwise keep from being written.
ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


class Timing(NamedTuple):
    seconds: float  # wall
    peak: int  # resident KB of the largest process
    cpu: float  # user and system seconds, of the process and the workers it waited for
    failed: str  # why the command did not run to its end ("" when it did)


def timed(command: list[str], cwd: Path, codes: tuple[int, ...] = (0, 1)) -> Timing:
    """The wall seconds, peak resident KB (its largest process, workers included: wait4
    reports the largest resident set of the child and what it waited for) and CPU seconds
    of a command, and whether it failed: an exit status not in `codes` (1 is a check that
    found errors), or a traceback on its stderr (kept in a file, not a pipe, so that reading
    it costs the timed command nothing). On a shared machine the CPU moves less than the
    wall time: it tells whether a change saved work where the wall time cannot."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, env=ENVIRONMENT, stdout=subprocess.DEVNULL, stderr=errors
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        errors.seek(0)
        traceback = b"Traceback" in errors.read()
    code = os.waitstatus_to_exitcode(status)
    failed = f"exit {code}" if code not in codes else "a traceback" if traceback else ""
    return Timing(seconds, usage.ru_maxrss, usage.ru_utime + usage.ru_stime, failed)


class Checkout:
    """A fresh checkout of the archive beside it, with the cache an earlier run left.

    What a CI job that restores wwrlint's cache runs on. Made again before each timed run:
    new files (new inodes and change times, the same content) and the cache as that earlier
    run left it (filled once, once its files were older than `RACY_SECONDS`). A checkout a
    kept folder holds from an earlier bench (it has `cache-left`) is made anew."""

    def __init__(self, work: Path, command: list[str]) -> None:
        self.work, self.command = work, command
        self.folder = work.parent / f"{work.name}-checkout"
        if (self.folder / "cache-left").is_dir():
            shutil.rmtree(self.folder)
        self.folder.mkdir()
        shutil.copytree(work / ".git", self.folder / ".git")
        shutil.copytree(work / "briefs", self.folder / "briefs")
        time.sleep(RACY_SECONDS + 0.5)
        subprocess.run(command, cwd=self.folder, env=ENVIRONMENT, capture_output=True)
        shutil.copytree(self.folder / "cache", self.folder / "cache-left")

    def make_again(self) -> None:
        for name in ("briefs", "cache"):
            shutil.rmtree(self.folder / name)
        shutil.copytree(self.work / "briefs", self.folder / "briefs")
        shutil.copytree(self.folder / "cache-left", self.folder / "cache")


def tool(name: str) -> str:
    found = BIN / name
    if found.exists():
        return str(found)
    located = shutil.which(name)
    if located is None:
        sys.exit(f"bench: {name} is not installed (pip install -e '.[bench]')")
    return located


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{platform.system()} {platform.release()}, {os.cpu_count()} cores ({cpu}), "
        f"Python {platform.python_version()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--briefs", type=int, default=10_000, help="archive size")
    parser.add_argument(
        "--rounds", type=int, default=3, help="interleaved rounds (0: the one-brief case alone)"
    )
    parser.add_argument("--single-runs", type=int, default=20, help="runs of the one-brief test")
    parser.add_argument(
        "--corpus",
        choices=[*CORPORA, "both"],
        default="both",
        help="seed: variants of the seed brief (4 KB); large: synthetic briefs (6.7 KB)",
    )
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument(
        "--before", type=Path, help="another installation's wwrlint, timed beside this one"
    )
    parser.add_argument(
        "--floor",
        action="store_true",
        help="also time the least a check could cost (bench/floor.py) in the same rounds",
    )
    args = parser.parse_args()

    print(f"machine: {machine()}")
    compile_package(Path(sys.executable))
    if args.before is not None:
        compile_package(args.before.parent / "python")
    top = args.keep or Path(tempfile.mkdtemp(prefix="wwrlint-bench-"))
    for corpus in CORPORA if args.corpus == "both" else (args.corpus,):
        measure(top / corpus, corpus, args)
    if args.keep is None:
        shutil.rmtree(top, ignore_errors=True)


def compile_package(python: Path) -> None:
    """Compile the bytecode of the wwrlint package that `python` imports, as pip does on
    install (an editable install is not compiled)."""
    if not python.exists():
        print(f"note: no {python}; its wwrlint is timed as it is, perhaps not compiled")
        return
    where = "import os, wwrlint; print(os.path.dirname(wwrlint.__file__))"
    found = subprocess.run(
        [str(python), "-c", where], env=ENVIRONMENT, capture_output=True, text=True, check=True
    )
    subprocess.run(
        [str(python), "-m", "compileall", "-q", found.stdout.strip()],
        env=ENVIRONMENT,
        stdout=subprocess.DEVNULL,
        check=True,
    )


def measure(work: Path, corpus: str, args: argparse.Namespace) -> None:
    """Every row of the benchmark on one corpus."""
    paths = generate(work, args.briefs, corpus=corpus)
    # A repository, as a desk's archive is: wwrlint then checks briefs as one archive
    # (roster, references, ids and sources across briefs), at the cost of indexing it. A
    # real one where git is installed: what git makes (.git/info/exclude) is read too.
    if shutil.which("git") is None or subprocess.run(["git", "init", "-q", str(work)]).returncode:
        (work / ".git").mkdir(exist_ok=True)
    size = sum(p.stat().st_size for p in paths) / len(paths)
    print(
        f"\ncorpus {corpus}: {len(paths)} briefs, {size / 1024:.1f} KB each on average, in {work}"
    )

    wwrlint, cjs = tool("wwrlint"), tool("check-jsonschema")
    schema = str(REPO / "schema" / "brief.schema.json")
    cache = work / "cache"
    files = [str(p.relative_to(work)) for p in paths]
    commands = {
        "check-jsonschema": [cjs, "--schemafile", schema, *files],
        "wwrlint cold (--no-cache)": [wwrlint, "check", "-q", "--no-cache", "briefs"],
        "wwrlint warm (cache)": [wwrlint, "check", "-q", "--cache-dir", str(cache), "briefs"],
    }
    before = str(args.before) if args.before else None
    if before is not None:
        earlier = work / "cache-before"
        commands["before: cold (--no-cache)"] = [before, "check", "-q", "--no-cache", "briefs"]
        commands["before: warm (cache)"] = [
            before, "check", "-q", "--cache-dir", str(earlier), "briefs"
        ]  # fmt: skip
    if args.floor:
        floor = str(Path(__file__).parent / "floor.py")
        for stage in STAGES:
            commands[f"floor: {stage}"] = [sys.executable, floor, stage, "briefs"]
    # Each warm cache is filled once before the rounds, once no brief is so new that a run
    # trusts its stat only after it hashed it (`RACY_SECONDS`): so that no timed warm run
    # (nor its peak memory) is one that still hashes briefs written just before.
    newest = max(max(found.st_mtime, found.st_ctime) for found in map(Path.stat, paths))
    time.sleep(max(0.0, newest + RACY_SECONDS + 0.5 - time.time()))
    for name in [name for name in commands if "warm" in name]:
        subprocess.run(commands[name], cwd=work, env=ENVIRONMENT, capture_output=True, check=False)

    if args.rounds > 0:  # --rounds 0 measures the one-brief case alone
        checkout = Checkout(work, [wwrlint, "check", "-q", "--cache-dir", "cache", "briefs"])
        commands[CHECKOUT] = checkout.command
        results: dict[str, list[Timing]] = {name: [] for name in commands}
        for round_number in range(1, args.rounds + 1):
            for name, command in commands.items():
                # A warm run is short and noisy: each round times it several times.
                for _ in range(WARM_RUNS if "warm" in name else 1):
                    if name == CHECKOUT:
                        checkout.make_again()
                    where = checkout.folder if name == CHECKOUT else work
                    # The floor's stages find no errors to report: any status but 0 is a failure.
                    found = timed(command, where, (0,) if name.startswith("floor") else (0, 1))
                    results[name].append(found)
                    failed = f", FAILED: {found.failed}" if found.failed else ""
                    print(
                        f"  round {round_number}: {name}: {found.seconds:.2f} s "
                        f"(CPU {found.cpu:.2f} s{failed})",
                        flush=True,
                    )

        print(
            f"\nwhole archive ({len(paths)} briefs), median of {args.rounds} interleaved rounds "
            f"(of {WARM_RUNS} runs a round, warm):"
        )
        peer = statistics.median(run.seconds for run in results["check-jsonschema"])
        print(
            f"{'command':30} {'seconds':>8} {'files/s':>9} {'× peer':>8} {'peak MB':>8} "
            f"{'CPU s':>8}"
        )
        for name, runs in results.items():
            typical = statistics.median(run.seconds for run in runs)
            most = max(run.peak for run in runs) / 1024
            cpu = statistics.median(run.cpu for run in runs)
            failed = sum(bool(run.failed) for run in runs)
            print(
                f"{name:30} {typical:8.2f} {len(paths) / typical:9.0f} {peer / typical:8.1f} "
                f"{most:8.1f} {cpu:8.2f}" + (f"  FAILED {failed} of {len(runs)}" if failed else "")
            )

    one, edited = files[0], files[1]
    singles = {
        "python -c 'import jsonschema, ruamel.yaml, click'": [
            sys.executable,
            "-c",
            "import jsonschema, ruamel.yaml, click",
        ],
        # as the pre-commit hook's entry calls it (no -q)
        "wwrlint check ONE (cache)": [wwrlint, "check", "--cache-dir", str(cache), one],
        EDITED: [wwrlint, "check", "--cache-dir", str(cache), edited],
        "wwrlint check ONE (--no-cache)": [wwrlint, "check", "--no-cache", one],
    }
    if before is not None:
        earlier = work / "cache-before"
        singles["before: check ONE (cache)"] = [before, "check", "--cache-dir", str(earlier), one]
        singles[f"before: {EDITED[len('wwrlint ') :]}"] = [
            before, "check", "--cache-dir", str(earlier), edited
        ]  # fmt: skip
        singles["before: check ONE (--no-cache)"] = [before, "check", "--no-cache", one]
    times: dict[str, list[float]] = {name: [] for name in singles}
    original = (work / edited).read_text(encoding="utf-8")
    for run in range(args.single_runs):
        for name, command in singles.items():
            # as when pre-commit checks the brief just changed
            if name.endswith(EDITED[len("wwrlint ") :]):
                (work / edited).write_text(original + f"# edit {run}\n", encoding="utf-8")
            found = timed(command, work)
            if found.failed:
                print(f"  {name}: FAILED: {found.failed}", flush=True)
            times[name].append(found.seconds)
    (work / edited).write_text(original, encoding="utf-8")
    base = statistics.median(times[next(iter(singles))])
    print(f"\none brief, as pre-commit calls it, median of {args.single_runs} interleaved runs:")
    for name, samples in times.items():
        middle = statistics.median(samples)
        print(f"{name:52} {middle * 1000:7.0f} ms  {middle / base:5.2f}× the imports")


if __name__ == "__main__":
    main()
