"""The cache never changes an answer: random sequences of edits, deletions, copies,
configuration and roster changes and changes of working folder, each followed by a cached
run and a `--no-cache` run, whose outputs must be identical.

The desk is the invented Northwind Desk of `desk.py`."""

from __future__ import annotations

import os
import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from desk import CITING, EARLIER, ROSTER, brief, make_desk
from wwrlint.cli import cli

Step = Callable[[random.Random, Path], str]


def _briefs(root: Path) -> list[Path]:
    return sorted(p for p in (root / "briefs").rglob("*.yaml") if p.name != "analysts.yaml")


def edit(rng: random.Random, root: Path) -> str:
    """Rewrite a brief: another id (maybe one taken), date, citation or a broken claim."""
    files = _briefs(root)
    if not files:
        return "no brief to edit"
    target = rng.choice(files)
    text = rng.choice(
        [
            brief(rng.choice(["harbour-2031-02", "harbour-2031-03", "harbour-2031-05"])),
            brief("harbour-2031-06", date=rng.choice(["2031-01-02", "2031-04-01"])),
            brief("harbour-2031-07", cites=rng.choice(["harbour-2031-02", "harbour-2031-09"])),
            CITING.replace("    sources: [gazette-2031-01-20, earlier]\n", ""),
            EARLIER,
            CITING + "  - quote: Nobody said this.\n    analyst: somebody-else\n",
            "not: [a, brief\n",
        ]
    )
    target.write_text(text)
    return f"edit {target.relative_to(root)}"


def delete(rng: random.Random, root: Path) -> str:
    files = _briefs(root)
    if len(files) < 2:
        return "keep the last brief"
    target = rng.choice(files)
    target.unlink()
    return f"delete {target.relative_to(root)}"


def copy(rng: random.Random, root: Path) -> str:
    files = _briefs(root)
    if not files:
        return "no brief to copy"
    source = rng.choice(files)
    folder = rng.choice([root / "briefs", root / "briefs" / "2031", root / "briefs" / "drafts"])
    folder.mkdir(exist_ok=True)
    target = folder / f"copy-{rng.randrange(1000)}.yaml"
    shutil.copyfile(source, target)
    return f"copy {source.relative_to(root)} to {target.relative_to(root)}"


def configure(rng: random.Random, root: Path) -> str:
    config = rng.choice(
        [
            "",
            "max-source-age: 30\n",
            "max-source-age: 3650\n",
            "ignore: [unused-source]\n",
            "exclude: [briefs/drafts]\n",
            "severity: {duplicate-brief-id: warning}\n",
            "per-file-ignores: {'briefs/2031/*': [unknown-brief]}\n",
        ]
    )
    (root / ".wwrlint.yaml").write_text(config)
    return f"configure {config.strip() or 'nothing'}"


def roster(rng: random.Random, root: Path) -> str:
    text = rng.choice(
        [
            ROSTER,
            ROSTER.replace("ana-ferreira", "ana-lopes"),
            ROSTER.replace("Northwind Desk analyst", "Northwind Desk editor"),
            "analysts: [broken\n",
        ]
    )
    (root / "briefs" / "analysts.yaml").write_text(text)
    return "change the roster"


STEPS: list[Step] = [edit, edit, delete, copy, configure, roster]


def run(
    root: Path, rng: random.Random, cache: Path
) -> tuple[str, tuple[int, str], tuple[int, str]]:
    """Check from a random working folder, a random target, cached then not."""
    where = rng.choice(["root", "briefs", "sub", "outside"])
    cwd = {
        "root": root,
        "briefs": root / "briefs",
        "sub": root / "briefs" / "2031",
        "outside": root.parent,
    }[where]
    files = _briefs(root)
    targets: list[str]
    if where == "outside" or not files or rng.random() < 0.5:
        targets = [str(root / "briefs")] if where == "outside" else []
    else:
        targets = [os.path.relpath(rng.choice(files), cwd)]
    if where == "sub" and not (root / "briefs" / "2031").is_dir():
        cwd = root
    answers = []
    old = os.getcwd()
    os.chdir(cwd)
    try:
        for options in (["--cache-dir", str(cache)], ["--no-cache"]):
            args = ["check", "--output-format", "json", *options, *targets]
            result = CliRunner().invoke(cli, args)
            assert "Traceback" not in result.output + result.stderr
            assert "internal error" not in result.stderr
            answers.append((result.exit_code, result.stdout + result.stderr))
    finally:
        os.chdir(old)
    return f"check {targets or 'the archive'} from {where}", answers[0], answers[1]


@pytest.mark.parametrize("seed", range(8))
def test_cached_and_fresh_runs_agree(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    root = tmp_path / "desk"
    make_desk(root, git=rng.random() < 0.5)
    cache = tmp_path / "cache"
    history: list[str] = []
    for _ in range(14):
        history.append(rng.choice(STEPS)(rng, root))
        what, cached, fresh = run(root, rng, cache)
        history.append(what)
        assert cached == fresh, "\n".join(history)
