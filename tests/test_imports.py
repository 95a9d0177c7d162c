"""`wwrlint check ONE`, as pre-commit runs it, loads only what the run needs: the other
commands, the fix engine, the writers of files, the other reporters and the libraries of
other paths stay unloaded, for an unchanged brief and for one just edited. (How long the
imports take is measured by bench/run.py, never asserted here.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import click
import pytest

from desk import make_desk
from wwrlint import store

# Runs wwrlint's own entry point as the console script does, then lists what it loaded.
PROBE = """\
import json, sys
from wwrlint.cli import main
try:
    main(sys.argv[1:])
except SystemExit as stop:
    print(json.dumps([stop.code, sorted(sys.modules)]))
"""

# Never needed to check one brief and print the text report.
NEVER = (
    "wwrlint.cli.archive",
    "wwrlint.cli.info",
    "wwrlint.cli.new",
    "wwrlint.cli.prose",
    "wwrlint.server",
    "wwrlint.prose",
    "wwrlint.fixing",
    "wwrlint.blockscalars",
    "wwrlint.flowscalars",
    "wwrlint.yamlio.write",
    "wwrlint.atomic",
    "wwrlint.baseline",
    "wwrlint.extends",
    "wwrlint.skeleton",
    "wwrlint.staged",
    "wwrlint.rules.docs",
    "wwrlint.reporters.json",
    "wwrlint.reporters.sarif",
    "wwrlint.reporters.github",
    "wwrlint.reporters.gitlab",
    "jsonschema",  # the pure-Python one; validation uses jsonschema_rs
    "pygls",
    "difflib",
    "tempfile",
    "tomllib",
    "multiprocessing",
    "concurrent",
    "shutil",
    "subprocess",
    "argparse",
)
# Needed to check a brief, never to report one whose result is cached.
CHECKING = (
    "ruamel",
    "jsonschema_rs",
    "wwrlint.linter",
    "wwrlint.loading",
    "wwrlint.yamlio",
    "wwrlint.validation",
    "wwrlint.rules.base",  # the rules themselves; wwrlint.rules, their catalogue, is loaded
    "wwrlint.rules.structure",
    "wwrlint.rules.claims",
    "wwrlint.rules.dates",
    "wwrlint.rules.quotes",
    "wwrlint.rules.typography",
    "wwrlint.rules.archive",
    "wwrlint.brief",
    "wwrlint.excerpt",
)


def loaded(cwd: Path, *args: str) -> set[str]:
    """The modules a real `wwrlint check ARGS` run in `cwd` has loaded when it exits."""
    run = subprocess.run(
        [sys.executable, "-c", PROBE, "check", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Traceback" not in run.stderr, run.stderr
    assert "internal error" not in run.stderr
    code, modules = json.loads(run.stdout)
    assert code == 0, run.stderr
    return set(modules)


def unwanted(modules: set[str], names: tuple[str, ...]) -> list[str]:
    """The modules of `names` (or inside those packages) that were loaded."""
    return sorted(m for m in modules if m in names or m.startswith(tuple(n + "." for n in names)))


@pytest.mark.parametrize("git", [True, False])
def test_one_brief_loads_only_what_it_needs(tmp_path: Path, git: bool) -> None:
    briefs = make_desk(tmp_path, git=git)
    time.sleep(store.RACY_SECONDS + 0.2)  # old enough for the cache to trust their stat
    loaded(tmp_path, "briefs/")  # primes the cache and the archive's index
    unchanged = loaded(tmp_path, "briefs/citing.yaml")
    assert unwanted(unchanged, NEVER + CHECKING) == []
    assert "wwrlint.reporters.text" in unchanged  # the probe itself is sound

    citing = briefs / "citing.yaml"
    citing.write_text(citing.read_text() + "# edited\n")
    edited = loaded(tmp_path, "briefs/citing.yaml")
    assert unwanted(edited, NEVER) == []
    assert {"wwrlint.linter", "ruamel.yaml", "jsonschema_rs"} <= edited  # it was checked


def test_the_table_of_commands_says_what_each_command_says() -> None:
    """`wwrlint --help` lists the commands from a table, without importing them: each
    short help there is its command's own, and every command is in it."""
    from wwrlint.cli import COMMANDS, cli

    context = click.Context(cli)
    for name, command in COMMANDS.items():
        loaded_command = command.load()
        assert loaded_command.name == name
        assert command.short_help == loaded_command.get_short_help_str(limit=1000), name
    assert cli.list_commands(context) == sorted(COMMANDS)


def test_help_lists_every_command_and_loads_none() -> None:
    probe = (
        "import sys\n"
        "from wwrlint.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit:\n"
        "    print(sorted(m for m in sys.modules if m.startswith('wwrlint.cli.')))\n"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    listed, modules = run.stdout.rsplit("\n", 2)[:2]
    assert modules == "['wwrlint.cli.common', 'wwrlint.cli.lazy']"
    from wwrlint.cli import COMMANDS

    for name in COMMANDS:
        assert f"\n  {name} " in listed


def test_shell_completion_offers_every_command() -> None:
    environment = {
        **os.environ,
        "_WWRLINT_COMPLETE": "bash_complete",
        "COMP_WORDS": "wwrlint ",
        "COMP_CWORD": "1",
    }
    run = subprocess.run(
        [sys.executable, "-m", "wwrlint"], env=environment, capture_output=True, text=True
    )
    from wwrlint.cli import COMMANDS

    assert run.stdout.split() == [f"plain,{name}" for name in sorted(COMMANDS)], run.stderr
