"""`wwrlint clean` deletes only what wwrlint made: the cache folder is marked as wwrlint's,
and a folder that is not a wwrlint cache (the project, the briefs, a folder shared with
other programs) is refused with exit 2 and left exactly as it was."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from robustness.places import invoke

from desk import LONE, make_desk
from wwrlint import cachedir


def run(*args: str) -> tuple[int, str, str]:
    result = invoke(list(args))
    return result.exit_code, result.stdout, result.stderr


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file and folder below root, with the bytes of each file."""
    return {
        str(p.relative_to(root)): (p.read_bytes() if p.is_file() else None)
        for p in sorted(root.rglob("*"))
    }


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A desk's repository, as the current folder, with no cache yet."""
    monkeypatch.delenv("WWRLINT_CACHE_DIR", raising=False)
    root = tmp_path / "project"
    root.mkdir()
    make_desk(root, git=True)
    (root / "README.md").write_text("# Northwind Desk\n")
    (root / "pyproject.toml").write_text("[tool.wwrlint]\n")
    monkeypatch.chdir(root)
    return root


def test_check_makes_a_marked_cache_and_clean_removes_exactly_it(project: Path) -> None:
    before = snapshot(project)
    assert run("check", "-q", "briefs")[0] == 0
    cache = project / ".wwrlint_cache"
    assert sorted(os.listdir(cache)) == [".gitignore", "CACHEDIR.TAG", "cache.sqlite"]
    assert (
        (cache / "CACHEDIR.TAG")
        .read_text()
        .startswith("Signature: 8a477f597d28d172789f06886806bc55\n")
    )
    assert "wwrlint" in (cache / "CACHEDIR.TAG").read_text()
    assert run("clean") == (0, "", "wwrlint: removed .wwrlint_cache (3 files)\n")
    assert snapshot(project) == before
    assert run("clean") == (0, "", "wwrlint: no cache in .wwrlint_cache; nothing to remove\n")


@pytest.mark.parametrize("folder", [".", "briefs", "briefs/2031"])
def test_a_folder_of_the_project_is_never_cleaned(project: Path, folder: str) -> None:
    before = snapshot(project)
    code, out, err = run("clean", "--cache-dir", folder)
    assert (code, out) == (2, "")
    assert err.startswith(f"wwrlint: error: {folder}: not a wwrlint cache folder (it holds ")
    assert err.endswith(" that wwrlint did not make); nothing removed\n")
    assert len(err.splitlines()) == 1
    assert snapshot(project) == before


@pytest.mark.parametrize("folder", [".", "briefs"])
def test_the_variable_is_refused_as_the_option_is(
    project: Path, folder: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(project)
    monkeypatch.setenv("WWRLINT_CACHE_DIR", folder)
    code, _, err = run("clean")
    assert code == 2
    assert "not a wwrlint cache folder" in err
    assert snapshot(project) == before


@pytest.mark.parametrize("folder", [".", "briefs"])
def test_check_with_a_project_folder_as_cache_writes_nothing_there(
    project: Path, folder: str
) -> None:
    """It goes on without the cache, says so, and reports what a run without one reports."""
    before = snapshot(project)
    plain = run("check", "--no-cache", "briefs")
    code, out, err = run("check", "--cache-dir", folder, "briefs")
    assert (code, out) == plain[:2]
    assert err == (
        f"wwrlint: warning: {folder}: not a wwrlint cache folder (it holds "
        + err.split("(it holds ", 1)[1].split(")", 1)[0]
        + "); checking without the cache\n"
        + plain[2]
    )
    assert snapshot(project) == before


def test_a_folder_shared_with_other_programs_keeps_their_files(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "other-program.log").write_text("not wwrlint's\n")
    (shared / "cache.sqlite").write_bytes(b"a file another program happens to name so")
    brief = tmp_path / "harbour.yaml"
    brief.write_text(LONE)
    before = snapshot(tmp_path)
    code, _, err = run("check", "--cache-dir", str(shared), str(brief))
    assert code == 0
    assert err.startswith(f"wwrlint: warning: {shared}: not a wwrlint cache folder")
    code, _, err = run("clean", "--cache-dir", str(shared))
    assert code == 2
    assert err == (
        f"wwrlint: error: {shared}: not a wwrlint cache folder (it holds cache.sqlite and "
        "1 other entry that wwrlint did not make); nothing removed\n"
    )
    assert snapshot(tmp_path) == before


def test_another_programs_database_of_the_same_name_is_not_wwrlints(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    with sqlite3.connect(folder / "cache.sqlite") as database:
        database.execute("CREATE TABLE notes (text TEXT)")
    database.close()
    before = snapshot(tmp_path)
    assert run("clean", "--cache-dir", str(folder))[0] == 2
    assert snapshot(tmp_path) == before


def test_files_put_in_a_marked_cache_stay_with_the_folder(tmp_path: Path) -> None:
    brief = tmp_path / "harbour.yaml"
    brief.write_text(LONE)
    cache = tmp_path / "cache"
    assert run("check", "-q", "--cache-dir", str(cache), str(brief))[0] == 0
    (cache / "notes.txt").write_text("the user's own\n")
    (cache / "sub").mkdir()
    code, _, err = run("clean", "--cache-dir", str(cache))
    assert code == 0
    assert err == (
        f"wwrlint: removed 3 files of the cache in {cache}; kept the folder, which holds "
        "2 other files\n"
    )
    assert sorted(os.listdir(cache)) == ["notes.txt", "sub"]
    assert (cache / "notes.txt").read_text() == "the user's own\n"


def test_a_gitignore_the_user_changed_is_kept(tmp_path: Path) -> None:
    brief = tmp_path / "harbour.yaml"
    brief.write_text(LONE)
    cache = tmp_path / "cache"
    assert run("check", "-q", "--cache-dir", str(cache), str(brief))[0] == 0
    (cache / ".gitignore").write_text("*\n!keep.txt\n")
    assert run("clean", "--cache-dir", str(cache))[0] == 0
    assert os.listdir(cache) == [".gitignore"]


def test_a_cache_of_an_earlier_release_is_recognised_by_its_gitignore(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / ".gitignore").write_text(cachedir.IGNORE_TEXT)
    (cache / "results.bin").write_bytes(b"\x00old results")
    (cache / "lock").write_text("")
    assert run("clean", "--cache-dir", str(cache)) == (
        0,
        "",
        f"wwrlint: removed {cache} (3 files)\n",
    )
    assert not cache.exists()


def test_an_empty_folder_is_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    assert run("clean", "--cache-dir", str(folder)) == (
        0,
        "",
        f"wwrlint: no cache in {folder}; nothing to remove\n",
    )
    assert folder.is_dir()


def test_a_file_named_as_the_cache_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cache"
    path.write_text("a file, not a folder\n")
    code, _, err = run("clean", "--cache-dir", str(path))
    assert code == 2
    assert err == f"wwrlint: error: {path}: not a folder, so no wwrlint cache; nothing removed\n"
    assert path.read_text() == "a file, not a folder\n"


def test_a_cache_dir_from_a_subfolder_is_the_one_named(project: Path) -> None:
    """Relative to the current folder, as every path option is."""
    os.chdir(project / "briefs")
    assert run("check", "-q", "--cache-dir", "../.cache-here", ".")[0] == 0
    assert (project / ".cache-here" / "CACHEDIR.TAG").exists()
    assert run("clean", "--cache-dir", "../.cache-here")[0] == 0
    assert not (project / ".cache-here").exists()


def test_a_cache_caught_between_being_made_and_marked_is_still_wwrlints(tmp_path: Path) -> None:
    """As `check` makes it (or `clean` empties it beside a running check): nothing but
    wwrlint's names, the tag only half written, the database just created."""
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "CACHEDIR.TAG").write_text(cachedir.TAG_TEXT[:10])
    (folder / "cache.sqlite").write_bytes(b"")
    (folder / "cache.sqlite-wal").write_bytes(b"")
    assert cachedir.survey(str(folder)).is_cache
    assert run("clean", "--cache-dir", str(folder))[0] == 0
    assert not folder.exists()


def test_a_run_marks_a_cache_it_finds_unmarked(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    brief = tmp_path / "harbour.yaml"
    brief.write_text(LONE)
    assert run("check", "-q", "--cache-dir", str(folder), str(brief)) == (0, "", "")
    assert sorted(os.listdir(folder)) == [".gitignore", "CACHEDIR.TAG", "cache.sqlite"]
