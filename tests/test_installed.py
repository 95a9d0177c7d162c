"""The installed command, as users and pre-commit run it: a real process, no source tree."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from conftest import REPO, VALID
from desk import CITING, brief, make_desk
from wwrlint import RARE_COLLECTIONS, store
from wwrlint.archive import listing

BIN = Path(sys.executable).parent


def test_console_script_checks_a_brief_outside_the_source_tree(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(VALID.replace("date: 2022-01-03", "date: 2022-02-30"))
    result = subprocess.run(
        [str(BIN / "wwrlint"), "check", "bad.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == (
        "bad.yaml:11:11: WWR202 [invalid-date] the date of source 'dawn-2022-01-03' "
        "is '2022-02-30', which is not a real calendar date\n"
    )
    assert result.stderr == "Found 1 error in 1 of 1 brief.\n"


def test_python_dash_m_works_like_the_script(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(VALID)
    result = subprocess.run(
        [sys.executable, "-m", "wwrlint", "check", "--output-format", "json", "good.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, json.loads(result.stdout)) == (0, [])


def many_errors(folder: Path, count: int = 300) -> None:
    bad = VALID.replace("date: 2022-01-03", "date: 2022-02-30")
    for number in range(count):
        (folder / f"bad{number:03}.yaml").write_text(bad)


def test_the_command_leaves_with_its_output_whole_and_its_code(tmp_path: Path) -> None:
    """The command leaves the process at once when done (`wwrlint.cli.run`): what it
    printed is all there, and its exit code is the run's."""
    many_errors(tmp_path)
    result = subprocess.run(
        [str(BIN / "wwrlint"), "check", "--output-format", "json", "-j", "1", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert len(json.loads(result.stdout)) == 300
    assert result.stderr == "Found 300 errors in 300 of 300 briefs.\n"


def test_the_command_sets_the_collector_before_it_loads_its_modules() -> None:
    """The installed command's module (`wwrlint.command`) tells the collector to look for
    cycles rarely, then loads the command line: click is not loaded before."""
    probe = (
        "import gc, sys\n"
        "sys.modules['click'] = None  # loading click now fails\n"
        "try:\n"
        "    import wwrlint.command\n"
        "except ImportError:\n"
        "    print(gc.get_threshold())\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout == f"{RARE_COLLECTIONS}\n"
    scripts = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'wwrlint = "wwrlint.command:run"' in scripts


def test_a_reader_that_goes_away_ends_the_command_quietly(tmp_path: Path) -> None:
    many_errors(tmp_path, 1000)  # more output than a pipe holds
    command = [str(BIN / "wwrlint"), "check", "--no-cache", "-j", "1", "."]
    with subprocess.Popen(
        command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        assert process.stdout.read(10) == b"bad000.yam"
        process.stdout.close()  # as `| head -c 10` does
        errors = process.stderr.read().decode()
    assert process.returncode == 1  # as click ends a command whose reader went away
    assert "Traceback" not in errors
    assert "Exception ignored" not in errors


def test_the_command_removes_what_it_made_for_the_run(tmp_path: Path) -> None:
    """A run without the cache indexes the archive in a temporary folder of its own, gone
    when the command has left."""
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    (briefs / "good.yaml").write_text(VALID)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    result = subprocess.run(
        [str(BIN / "wwrlint"), "check", "--no-cache", "briefs/good.yaml"],
        cwd=tmp_path,
        env={**os.environ, "TMPDIR": str(scratch)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "All checks passed (1 brief).\n")
    assert list(scratch.iterdir()) == []


# The command's entry point, telling on stderr each time it forks a process.
FORKS_TOLD = (
    "import sys\n"
    "sys.addaudithook(lambda event, _: event == 'os.fork' and print('forked', file=sys.stderr))\n"
    "from wwrlint.command import run\n"
    "run()\n"
)


def test_one_brief_of_a_large_archive_is_checked_as_a_fresh_run_checks_it(
    tmp_path: Path,
) -> None:
    """From 1,000 briefs on, the command takes the archive's stats in a forked process
    while it loads the linter (`wwrlint.beside`): in git, with the cache, a brief that
    takes the id of the one named is seen, as `--no-cache` sees it."""
    briefs = make_desk(tmp_path, git=True)
    (briefs / "many").mkdir()
    for number in range(listing.BESIDE_FROM):
        (briefs / "many" / f"b{number:04}.yaml").write_text(brief(f"harbour-{number:04}"))
    time.sleep(store.RACY_SECONDS + 0.2)  # settled: the listing is kept for the next run
    options = ["-j", "1", "--output-format", "json", "briefs/citing.yaml"]  # no workers

    def run(*args: str) -> tuple[int, list[tuple[str, int, int]], bool]:
        command = [sys.executable, "-c", FORKS_TOLD, "check", *args, *options]
        done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
        assert "Traceback" not in done.stderr
        found = [(d["rule"], d["line"], d["column"]) for d in json.loads(done.stdout)]
        return done.returncode, found, "forked\n" in done.stderr

    cache = ["--cache-dir", str(tmp_path / "cache")]
    assert run(*cache) == (0, [], False)  # reads the folders, keeps the listing
    assert run(*cache) == (0, [], True)  # looks at the listing beside
    (briefs / "many" / "b0007.yaml").write_text(CITING.replace("trader", "trader!"))
    assert run(*cache) == (1, [("duplicate-brief-id", 1, 5)], True)
    assert run("--no-cache") == (1, [("duplicate-brief-id", 1, 5)], False)


def test_schema_is_found_outside_the_source_tree(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(BIN / "wwrlint"), "schema"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout == (REPO / "schema" / "brief.schema.json").read_text(encoding="utf-8")


def test_a_crash_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text(VALID)
    code = (
        "import sys, wwrlint.linter, wwrlint.cli\n"
        "def boom(*a): raise RuntimeError('simulated bug')\n"
        "wwrlint.linter.lint = boom\n"
        "sys.argv = ['wwrlint', 'check', 'x.yaml']\n"
        "wwrlint.cli.main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(
        "wwrlint: error: x.yaml: internal error: RuntimeError: simulated bug\n"
    )


def test_wheel_carries_the_one_schema(tmp_path: Path) -> None:
    pytest.importorskip("hatchling")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    [wheel] = tmp_path.glob("wwrlint-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        for name in ("brief", "roster", "catalogue"):
            shipped = archive.read(f"wwrlint/schema/{name}.schema.json").decode("utf-8")
            expected = (REPO / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
            assert shipped == expected, name
