"""The catalogue is kept beside the archive's index with its stat key: a run whose briefs
are all cached parses no YAML at all, and an edit to the catalogue, or a stored copy that
does not match its checksum, gives the answer a fresh run gives."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rules.test_archive_scope import check, triples

from desk import brief, make_desk
from wwrlint import store

CATALOGUE = "briefs:\n  - id: harbour-2030-11\n    date: 2030-11-02\n    title: Harbour fees\n"
OLDER = brief("harbour-2031-05", cites="harbour-2030-11").replace(
    "date: 2031-02-01", "date: 2030-11-02"
)


def settle() -> None:
    """Wait until the files just written are old enough for a run to trust their stat."""
    time.sleep(store.RACY_SECONDS + 0.2)


@pytest.mark.parametrize("git", [True, False])
def test_an_edited_catalogue_is_read_again(tmp_path: Path, git: bool) -> None:
    briefs = make_desk(tmp_path, git=git)
    (briefs / "catalogue.yaml").write_text(CATALOGUE)
    (briefs / "older.yaml").write_text(OLDER)
    settle()
    assert check(tmp_path, "briefs/")[:2] == (0, [])
    assert check(tmp_path, "briefs/older.yaml")[:2] == (0, [])  # the stored copy
    (briefs / "catalogue.yaml").write_text(CATALOGUE.replace("harbour-2030-11", "other-2030-11"))
    settle()
    code, findings, _ = check(tmp_path, "briefs/older.yaml")
    assert (code, triples(findings)) == (1, [("older.yaml", "unknown-brief", 12, 12)])
    assert check(tmp_path, "briefs/older.yaml", cache=False)[:2] == (code, findings)


def test_a_stored_copy_that_does_not_match_its_checksum_is_read_again(tmp_path: Path) -> None:
    briefs = make_desk(tmp_path, git=True)
    (briefs / "catalogue.yaml").write_text(CATALOGUE)
    (briefs / "older.yaml").write_text(OLDER)
    settle()
    assert check(tmp_path, "briefs/older.yaml")[:2] == (0, [])
    database = sqlite3.connect(Path(os.environ["WWRLINT_CACHE_DIR"]) / "cache.sqlite")
    with database:
        query = "SELECT key, value FROM meta WHERE key LIKE ?"
        rows = database.execute(query, (f"catalogue\n{(briefs / 'catalogue.yaml').resolve()}\n%",))
        [(key, value)] = rows.fetchall()
        tampered = value.replace("harbour-2030-11", "other-2030-11")
        database.execute("UPDATE meta SET value = ? WHERE key = ?", (tampered, key))
    database.close()
    assert check(tmp_path, "briefs/older.yaml")[:2] == (0, [])


def test_a_cached_run_imports_no_yaml_library(tmp_path: Path) -> None:
    briefs = make_desk(tmp_path, git=True)
    (briefs / "catalogue.yaml").write_text(CATALOGUE)
    settle()
    probe = (
        "import sys\n"
        "from wwrlint.cli import main\n"
        "try:\n"
        "    main(['check', 'briefs/citing.yaml'])\n"
        "except SystemExit as stop:\n"
        "    libraries = ('ruamel', 'yaml', 'jsonschema')\n"
        "    loaded = sorted(m for m in sys.modules if m.startswith(libraries))\n"
        "    print(stop.code, loaded)\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=True
        )
        for _ in range(2)
    ]
    assert runs[0].stdout.startswith("0 ['jsonschema_rs'")  # the first run checks the brief
    assert runs[1].stdout == "0 []\n", runs[1].stdout + runs[1].stderr
