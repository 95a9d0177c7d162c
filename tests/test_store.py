"""The database of the cache and the index is trusted only by the code that wrote it.

Its salt covers the code itself, not only the version number: an upgrade to other code
at the same version (a newer commit, a rule fixed) must not be answered from results the
old code stored."""

from __future__ import annotations

import json
import marshal
import os
import sqlite3
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import VALID
from wwrlint import __version__, store
from wwrlint.cli import cli

RECORD = """\
wwrlint/__init__.py,sha256=AAAA,397
wwrlint/__pycache__/__init__.cpython-311.pyc,,
wwrlint/rules/dates.py,sha256=BBBB,5000
wwrlint/schema/brief.schema.json,sha256=CCCC,9000
wwrlint-{version}.dist-info/direct_url.json,sha256=DDDD,51
../../../bin/wwrlint,sha256=EEEE,231
"""


def installed(site: Path, record: str) -> Path:
    """A package as an installer leaves it: its folder, and the RECORD of its dist-info."""
    (site / "wwrlint").mkdir(parents=True, exist_ok=True)
    info = site / f"wwrlint-{__version__}.dist-info"
    info.mkdir(exist_ok=True)
    (info / "RECORD").write_text(record.format(version=__version__))
    return site / "wwrlint"


def test_an_installed_package_is_known_by_its_files_recorded_hashes(tmp_path: Path) -> None:
    package = installed(tmp_path / "a", RECORD)
    assert store._code(str(package)) == (
        b"wwrlint/__init__.py,sha256=AAAA,397\n"
        b"wwrlint/rules/dates.py,sha256=BBBB,5000\n"
        b"wwrlint/schema/brief.schema.json,sha256=CCCC,9000"
    )
    # The same code installed from elsewhere, its bytecode compiled otherwise: the same.
    elsewhere = RECORD.replace("DDDD,51", "FFFF,77").replace("pyc,,", "pyc,sha256=GGGG,12")
    assert store._code(str(installed(tmp_path / "b", elsewhere))) == store._code(str(package))
    # One module changed: other code.
    changed = RECORD.replace("BBBB,5000", "HHHH,5012")
    assert store._code(str(installed(tmp_path / "c", changed))) != store._code(str(package))


def test_a_source_tree_is_known_by_its_files_sizes_and_times(tmp_path: Path) -> None:
    package = tmp_path / "wwrlint"
    (package / "rules").mkdir(parents=True)
    (package / "__pycache__").mkdir()
    module = package / "rules" / "dates.py"
    module.write_text("A = 1\n")
    (package / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"bytecode")
    before = store._code(str(package))
    assert before == store._code(str(package))
    (package / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"other bytecode")
    assert store._code(str(package)) == before  # bytecode is not the code
    module.write_text("A = 22\n")
    assert store._code(str(package)) != before


def test_results_stored_by_other_code_of_the_same_version_are_not_served(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(VALID.replace("    sources: [dawn-2022-01-03]\n", "", 1))
    cache = tmp_path / "cache"
    check = ["check", "--cache-dir", str(cache), "--output-format", "json", str(brief)]

    def salt_stored() -> str:
        database = sqlite3.connect(cache / "cache.sqlite")
        try:
            return str(database.execute("SELECT value FROM meta WHERE key = 'salt'").fetchone()[0])
        finally:
            database.close()

    assert CliRunner().invoke(cli, check, catch_exceptions=False).exit_code == 1
    first = salt_stored()
    assert first == store.salt()
    # What the old code stored for the brief, as if it had found nothing (a sound row,
    # checksum and all): served to the same code, ...
    database = sqlite3.connect(cache / "cache.sqlite")
    nothing = marshal.dumps([])
    with database:
        database.execute(
            "UPDATE results SET diagnostics = ?, crc = ?", (nothing, zlib.crc32(nothing))
        )
    database.close()
    assert CliRunner().invoke(cli, check, catch_exceptions=False).stdout == "[]\n"
    # Another wwrlint at the same version: its first run finds the database not its own,
    # and makes it again.
    monkeypatch.setattr(store, "_code", lambda *_: b"other code")
    store.salt.cache_clear()
    try:
        # ... but not to other code: it checks the brief again.
        again = CliRunner().invoke(cli, check, catch_exceptions=False)
        assert again.exit_code == 1
        assert [d["rule"] for d in json.loads(again.stdout)] == [
            "unused-source",
            "claim-missing-source",
        ]
        assert salt_stored() not in (first, "")
        assert salt_stored() == store.salt()
        assert salt_stored().startswith(f"{store.FORMAT}/{__version__}/")
    finally:
        store.salt.cache_clear()
    assert os.path.isfile(cache / "cache.sqlite")
