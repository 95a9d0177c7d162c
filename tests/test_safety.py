"""Writes keep the file system as the user made it: `--fix` through links, hard links,
owners, modes, read-only files, files edited meanwhile, and what a killed run leaves behind.
The user's side first: the command line in, the files on disk and the one-line error out."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from robustness.places import PLACES, assert_no_crash, invoke, make_place

from desk import LONE
from wwrlint import atomic, checking
from wwrlint.errors import ToolError

# A Northwind Desk brief with one safe fix: a source dated in words.
MESSY = LONE.replace("date: 2031-01-20", "date: 20 January 2031")
FIXED = LONE
ROOT = os.geteuid() == 0


def run(*args: str) -> tuple[int, str, str]:
    result = invoke(list(args))
    return result.exit_code, result.stdout, result.stderr


def fix(path: Path, *options: str) -> tuple[int, str, str]:
    return run("check", "--fix", "--no-cache", "--output-format", "text", *options, str(path))


def entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_the_messy_brief_is_fixed_as_expected(tmp_path: Path) -> None:
    path = tmp_path / "harbour.yaml"
    path.write_text(MESSY)
    assert fix(path) == (0, "", "Fixed 1 problem in 1 brief.\nAll checks passed (1 brief).\n")
    assert path.read_text() == FIXED
    assert entries(tmp_path) == ["harbour.yaml"]


@pytest.mark.parametrize("place", PLACES)
def test_fix_through_a_symbolic_link_fixes_the_target_and_keeps_the_link(
    place: str, tmp_path: Path
) -> None:
    folder = make_place(tmp_path, place)
    target = folder / "target.yaml"
    target.write_text(MESSY)
    link = folder / "link.yaml"
    link.symlink_to("target.yaml")
    code, _, err = fix(link)
    assert code == 0, err
    assert link.is_symlink()
    assert os.readlink(link) == "target.yaml"
    assert target.read_text() == FIXED
    assert not [name for name in entries(folder) if name.endswith(".tmp")]
    assert fix(link)[2].startswith("Fixed 0 problems in 0 briefs.")


def test_fix_through_a_link_to_a_file_in_another_folder_writes_there(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    target = elsewhere / "target.yaml"
    target.write_text(MESSY)
    here = tmp_path / "here"
    here.mkdir()
    (here / "link.yaml").symlink_to(target)
    assert fix(here / "link.yaml")[0] == 0
    assert target.read_text() == FIXED
    assert entries(here) == ["link.yaml"]
    assert entries(elsewhere) == ["target.yaml"]


def test_a_hard_linked_file_is_refused_and_both_names_stay_one_file(tmp_path: Path) -> None:
    path = tmp_path / "harbour.yaml"
    path.write_text(MESSY)
    other = tmp_path / "copy.yaml"
    os.link(path, other)
    code, _, err = fix(path)
    assert code == 2
    assert err.startswith(
        f"wwrlint: error: {path}: has 2 hard links; replacing it would split them, "
        "so it is left as it is (not fixed)\n"
    )
    assert path.read_text() == MESSY
    assert path.stat().st_ino == other.stat().st_ino
    assert path.stat().st_nlink == 2
    assert entries(tmp_path) == ["copy.yaml", "harbour.yaml"]


def test_mode_and_set_group_bit_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "harbour.yaml"
    path.write_text(MESSY)
    path.chmod(0o2640)
    assert fix(path)[0] == 0
    assert path.read_text() == FIXED
    assert stat.S_IMODE(path.stat().st_mode) == 0o2640


@pytest.mark.skipif(not ROOT, reason="giving a file to another user takes root")
def test_owner_and_group_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "harbour.yaml"
    path.write_text(MESSY)
    os.chown(path, 4321, 8765)
    assert fix(path)[0] == 0
    assert path.read_text() == FIXED
    assert (path.stat().st_uid, path.stat().st_gid) == (4321, 8765)


def test_extended_attributes_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "harbour.yaml"
    path.write_text(MESSY)
    try:
        os.setxattr(path, "user.northwind", b"reviewed")
    except OSError:
        pytest.skip("this file system keeps no user attributes")
    assert fix(path)[0] == 0
    assert path.read_text() == FIXED
    assert os.getxattr(path, "user.northwind") == b"reviewed"


def test_a_file_without_write_bits_is_reported_never_replaced(tmp_path: Path) -> None:
    """Also for root, whom the system lets write anything: no write bit means read-only."""
    path = tmp_path / "harbour.yaml"
    path.write_text(MESSY)
    path.chmod(0o444)
    code, out, err = fix(path)
    assert code == 2
    assert f"wwrlint: error: {path}: read-only, not fixed (1 fix available)\n" in err
    assert "[invalid-date]" in out
    assert path.read_text() == MESSY
    assert entries(tmp_path) == ["harbour.yaml"]


def fix_as_nobody(path: Path) -> tuple[int, str]:
    """Exit code and stderr of a --fix run by an unprivileged user: in a forked child that
    gives up root, after a run here has loaded every module a fix needs (the interpreter's
    own files may be out of that user's reach)."""
    warm_up = path.parent.parent / "warm-up.yaml"
    warm_up.write_text(MESSY)
    assert fix(warm_up)[0] == 0
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through the pipe
        try:
            os.close(reading)
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            code, out, err = fix(path)
            os.write(writing, f"{code}\n{out}{err}".encode())
        finally:
            os._exit(0)
    os.close(writing)
    with os.fdopen(reading, "rb") as pipe:
        report = pipe.read().decode()
    os.waitpid(child, 0)
    code, _, output = report.partition("\n")
    return int(code), output


def shared_folder(tmp_path: Path) -> Path:
    """A folder every user may write in (as /tmp is), below folders they may enter."""
    for parent in [tmp_path, *tmp_path.parents]:
        if parent == Path("/"):
            break
        parent.chmod(parent.stat().st_mode | 0o711)
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    return folder


@pytest.mark.skipif(not ROOT, reason="needs root to act as another user")
def test_a_file_of_another_user_that_the_owner_bit_would_allow_is_not_replaced(
    tmp_path: Path,
) -> None:
    """The owner may write it, this user may not: os.access says so, the owner bit does not."""
    folder = shared_folder(tmp_path)
    path = folder / "harbour.yaml"
    path.write_text(MESSY)
    path.chmod(0o644)  # root's, writable by root only
    code, output = fix_as_nobody(path)
    assert code == 2, output
    assert f"{path}: read-only, not fixed (1 fix available)" in output
    assert path.read_text() == MESSY
    assert path.stat().st_uid == 0
    assert entries(folder) == ["harbour.yaml"]


@pytest.mark.skipif(not ROOT, reason="needs root to act as another user")
def test_a_file_this_user_may_write_but_not_own_is_not_given_a_new_owner(tmp_path: Path) -> None:
    folder = shared_folder(tmp_path)
    path = folder / "harbour.yaml"
    path.write_text(MESSY)
    path.chmod(0o666)  # root's, writable by all: a new file would be nobody's
    code, output = fix_as_nobody(path)
    assert code == 2, output
    assert f"{path}: belongs to another user or group (uid 0, gid 0)" in output
    assert "(not fixed)" in output
    assert path.read_text() == MESSY
    assert path.stat().st_uid == 0
    assert entries(folder) == ["harbour.yaml"]


def test_an_edit_made_while_fixing_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "harbour.yaml"
    path.write_text(MESSY)
    edited = MESSY.replace("Harbour fees rise again", "Harbour fees rise once more")
    real = atomic._land

    def edit_first(*args: object) -> None:
        path.write_text(edited)  # the user saves in an editor as the fix lands
        real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(atomic, "_land", edit_first)
    code, _, err = fix(path)
    assert code == 2
    assert err.startswith(
        f"wwrlint: error: {path}: changed on disk since wwrlint read it; left as it is "
        "(not fixed)\n"
    )
    assert path.read_text() == edited
    assert entries(tmp_path) == ["harbour.yaml"]


def test_a_file_removed_while_fixing_is_not_written_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "harbour.yaml"
    path.write_text(MESSY)
    real = atomic._land

    def remove_first(*args: object) -> None:
        path.unlink()
        real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(atomic, "_land", remove_first)
    code, _, err = fix(path)
    assert code == 2
    assert f"{path}: removed since wwrlint read it; not written again (not fixed)" in err
    assert entries(tmp_path) == []


def test_the_expected_bytes_are_compared_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"old and more")
    with pytest.raises(ToolError, match="changed on disk"):
        atomic.write_atomically(str(path), b"new", expected=b"old")
    atomic.write_atomically(str(path), b"new", expected=b"old and more")
    assert path.read_bytes() == b"new"
    assert entries(tmp_path) == ["a.txt"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("old")

    def write_half() -> None:
        with atomic.atomic_text(str(path)) as handle:
            handle.write("half of the new")
            raise RuntimeError("the run fails halfway")

    with pytest.raises(RuntimeError):
        write_half()
    assert path.read_text() == "old"
    assert entries(tmp_path) == ["a.txt"]


def temporary_name(name: str, pid: int) -> str:
    return f".{name}.wwrlint-{pid}-abcd_123.tmp"


def a_finished_process() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_stale_temporary_files_of_dead_runs_are_removed_and_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic, "_SWEPT", set())
    path = tmp_path / "harbour.yaml"
    path.write_text(MESSY)
    dead = a_finished_process()
    stale = temporary_name("harbour.yaml", dead)
    living = temporary_name("other.yaml", os.getppid())  # a process that is running
    others = [
        ".harbour.yaml.k3j4h5g6.tmp",  # an older scheme, or another program's: not ours
        f".notes.txt.wwrlint-{dead}.tmp",  # not the whole pattern
        f"harbour.yaml.wwrlint-{dead}-abcd_123.tmp",  # not hidden
        "notes.tmp",
    ]
    for name in [stale, living, *others]:
        (tmp_path / name).write_text("left behind")
    (tmp_path / temporary_name("folder", dead)).mkdir()  # ours by name, but a folder
    assert fix(path)[0] == 0
    assert path.read_text() == FIXED
    assert entries(tmp_path) == sorted(
        ["harbour.yaml", living, temporary_name("folder", dead), *others]
    )


def test_a_folder_is_swept_once_per_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(atomic, "_SWEPT", set())
    first = tmp_path / "one.yaml"
    first.write_text("1")
    (tmp_path / temporary_name("one.yaml", a_finished_process())).write_text("left")
    assert atomic.sweep(str(tmp_path)) == 1
    (tmp_path / temporary_name("two.yaml", a_finished_process())).write_text("left")
    assert atomic.sweep(str(tmp_path)) == 0


def test_temporary_files_are_named_for_the_sweep(tmp_path: Path) -> None:
    seen: list[str] = []
    path = tmp_path / "harbour.yaml"
    with atomic.atomic_text(str(path)) as handle:
        handle.write("text")
        seen = [p.name for p in tmp_path.iterdir()]
    [name] = seen
    found = atomic._TEMPORARY.fullmatch(name)
    assert found is not None
    assert int(found.group(1)) == os.getpid()
    assert name.startswith(".harbour.yaml.wwrlint-")
    assert entries(tmp_path) == ["harbour.yaml"]


def test_a_name_as_long_as_the_system_allows_still_gets_a_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / ("n" * 250 + ".yaml")
    path.write_text(MESSY)
    assert fix(path)[0] == 0
    assert path.read_text() == FIXED


def test_only_the_call_site_of_fix_file_knows_what_was_read(tmp_path: Path) -> None:
    """fix_file hands the bytes it read to the writer (checked above through the CLI);
    here, straight: a file changed between read and write is reported, not replaced."""
    from wwrlint.config import ConfigFinder

    path = tmp_path / "harbour.yaml"
    path.write_text(MESSY)
    real = checking.read_brief

    def read_then_edit(name: str, *args: int) -> bytes:
        content = real(name, *args)
        path.write_text(MESSY + "# edited meanwhile\n")
        return content

    settings = ConfigFinder().for_path(str(path))
    try:
        checking.read_brief = read_then_edit
        outcome = checking.fix_file(str(path), settings, diff=False)
    finally:
        checking.read_brief = real
    assert outcome.problem is not None
    assert "changed on disk since wwrlint read it" in outcome.problem
    assert path.read_text() == MESSY + "# edited meanwhile\n"


@pytest.mark.skipif(shutil.which("git") is None, reason="git is missing")
def test_a_fix_leaves_git_status_clean_but_for_the_fixed_file(tmp_path: Path) -> None:
    folder = make_place(tmp_path, "archive")
    repo = folder.parent
    (folder / "harbour.yaml").write_text(MESSY)
    subprocess.run(["git", "-C", str(repo), "add", "."], check=True)
    assert fix(folder / "harbour.yaml", "--cache-dir", str(tmp_path / "cache"))[0] == 0
    status = subprocess.run(
        ["git", "-C", str(repo), "status", "--porcelain", "--untracked-files=all"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert status.splitlines() == [
        "A  briefs/analysts.yaml",
        "AM briefs/harbour.yaml",
        "A  briefs/test-desk-beside.yaml",
    ]


def test_only_index_folders_of_runs_that_are_gone_are_removed(tmp_path: Path) -> None:
    """A --no-cache run keeps the archive's index in a folder of its own in the temporary
    folder; one a killed run left is removed by the next such run, and nothing else."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    stale = temporary / f"wwrlint-archive-{gone}-abc123_x"
    stale.mkdir()
    (stale / "archive.sqlite").write_bytes(b"")
    (stale / "archive.sqlite-wal").write_bytes(b"")
    foreign = temporary / f"wwrlint-archive-{gone}-other999"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("not wwrlint's\n")
    living = temporary / f"wwrlint-archive-{os.getpid()}-zzz00000"
    living.mkdir()
    (living / "archive.sqlite").write_bytes(b"")
    unnamed = temporary / "wwrlint-archive-abcdefgh"
    unnamed.mkdir()
    folder = tmp_path / "briefs"
    folder.mkdir()
    (folder / "b.yaml").write_text(LONE)
    result = subprocess.run(
        [sys.executable, "-m", "wwrlint", "check", "--no-cache", "."],
        cwd=folder,
        capture_output=True,
        text=True,
        env={**os.environ, "TMPDIR": str(temporary)},
        check=False,
    )
    assert_no_crash(result.stdout, result.stderr)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in temporary.iterdir()) == sorted(
        [foreign.name, living.name, unnamed.name]
    )
    assert (foreign / "notes.txt").read_text() == "not wwrlint's\n"
