"""One convention for every command that writes a file: `-o/--output-file FILE`, which
refuses to replace an existing file without `--force`, and never writes anything that is
not a regular file (a link to one is written through)."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from robustness.places import invoke

from desk import LONE, make_desk

PROSE = "Fees at the north harbour rose again (Harbour Gazette, 20 January 2031).\n"


def run(*args: str) -> tuple[int, str, str]:
    result = invoke(list(args))
    return result.exit_code, result.stdout, result.stderr


def check_command(root: Path) -> list[str]:
    (root / "harbour.yaml").write_text(LONE)
    return ["check", "--no-cache", "--output-format", "json", str(root / "harbour.yaml")]


def baseline_command(root: Path) -> list[str]:
    (root / "harbour.yaml").write_text(LONE)
    return ["check", "--no-cache", str(root / "harbour.yaml"), "--generate-baseline"]


def import_command(root: Path) -> list[str]:
    (root / "harbour.txt").write_text(PROSE)
    return ["import", str(root / "harbour.txt")]


def render_command(root: Path) -> list[str]:
    (root / "harbour.yaml").write_text(LONE)
    return ["render", "--to", "html", str(root / "harbour.yaml")]


def report_command(root: Path) -> list[str]:
    desk = root / "desk"
    if not desk.exists():
        make_desk(desk, git=False)
    return ["report", str(desk / "briefs")]


# Each command that writes a file, and the option that names the file.
WRITERS: dict[str, tuple[Callable[[Path], list[str]], str]] = {
    "check": (check_command, "-o"),
    "check --generate-baseline": (baseline_command, ""),
    "import": (import_command, "-o"),
    "render": (render_command, "-o"),
    "report": (report_command, "-o"),
}


def writing(name: str, root: Path, target: Path, *more: str) -> list[str]:
    command, option = WRITERS[name]
    return [*command(root), *([option] if option else []), str(target), *more]


@pytest.fixture(params=sorted(WRITERS))
def writer(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_a_new_file_is_written_whole_with_the_users_umask(writer: str, tmp_path: Path) -> None:
    target = tmp_path / "out" / "written.txt"
    target.parent.mkdir()
    code, _, err = run(*writing(writer, tmp_path, target))
    assert code in (0, 1), err
    assert target.read_text()
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert os.listdir(target.parent) == ["written.txt"]


def test_an_existing_file_needs_force(writer: str, tmp_path: Path) -> None:
    target = tmp_path / "written.txt"
    target.write_text("the user's own\n")
    target.chmod(0o640)
    code, _, err = run(*writing(writer, tmp_path, target))
    assert code == 2
    assert err == f"wwrlint: error: {target}: already exists; add --force to replace it\n"
    assert target.read_text() == "the user's own\n"
    code, _, err = run(*writing(writer, tmp_path, target, "--force"))
    assert code in (0, 1), err
    assert target.read_text() != "the user's own\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def special_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Paths that are not regular files, and what the error calls each."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    link_to_fifo = tmp_path / "link-to-fifo"
    link_to_fifo.symlink_to(fifo)
    found = {
        "fifo": (fifo, "a FIFO, not a regular file; wwrlint writes only regular files"),
        "folder": (folder, "a folder, not a regular file; wwrlint writes only regular files"),
        "link to a fifo": (
            link_to_fifo,
            "a FIFO, not a regular file; wwrlint writes only regular files",
        ),
    }
    if os.geteuid() == 0:  # a device of our own, never the system's /dev/null
        device = tmp_path / "null"
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        found["device"] = (
            device,
            "a character device, not a regular file; wwrlint writes only regular files",
        )
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "nowhere.txt")
    nowhere = tmp_path / "nowhere.txt"
    found["dangling link"] = (dangling, f"links to {nowhere}, which does not exist")
    return found


def test_what_is_not_a_regular_file_is_refused_even_with_force(writer: str, tmp_path: Path) -> None:
    for name, (path, reason) in special_files(tmp_path).items():
        before = os.lstat(path)
        for force in ([], ["--force"]):
            code, _, err = run(*writing(writer, tmp_path, path, *force))
            assert code == 2, (name, err)
            assert err == f"wwrlint: error: {path}: {reason}\n", name
            after = os.lstat(path)
            assert (after.st_mode, after.st_ino, after.st_rdev) == (
                before.st_mode,
                before.st_ino,
                before.st_rdev,
            ), name
    assert not (tmp_path / "nowhere.txt").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_link_to_a_regular_file_is_written_through(writer: str, tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old\n")
    link = tmp_path / "link.txt"
    link.symlink_to("real.txt")
    assert run(*writing(writer, tmp_path, link))[0] == 2
    code, _, err = run(*writing(writer, tmp_path, link, "--force"))
    assert code in (0, 1), err
    assert link.is_symlink()
    assert os.readlink(link) == "real.txt"
    assert real.read_text() != "old\n"


def test_a_read_only_file_is_not_replaced_even_with_force(writer: str, tmp_path: Path) -> None:
    target = tmp_path / "written.txt"
    target.write_text("kept\n")
    target.chmod(0o444)
    code, _, err = run(*writing(writer, tmp_path, target, "--force"))
    assert code == 2
    assert err == f"wwrlint: error: {target}: read-only for this user; left as it is\n"
    assert target.read_text() == "kept\n"


def test_a_relative_path_from_a_subfolder(
    writer: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sub = tmp_path / "sub"
    sub.mkdir()
    monkeypatch.chdir(sub)
    command = writing(writer, tmp_path, Path("../relative.txt"))
    code, _, err = run(*command)
    assert code in (0, 1), err
    assert (tmp_path / "relative.txt").read_text()


@pytest.mark.parametrize("command", ["check", "import", "render", "report"])
def test_every_command_that_writes_offers_the_same_options(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0
    assert "-o, --output-file FILE" in out
    assert "--force" in out
    assert "--output FILE" not in out


@pytest.mark.parametrize("command", ["import", "render", "report"])
def test_the_old_spelling_is_an_error_that_names_the_new_one(command: str) -> None:
    code, _, err = run(command, "x", "--output", "y")
    assert code == 2
    assert "Error: No such option '--output'. Did you mean '--output-file'?" in err
