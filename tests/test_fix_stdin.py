"""Editors get the buffer back: `--stdin-filename NAME --fix` (or `-`) prints the fixed
brief on stdout, byte for byte, and what is left on stderr; `--diff` prints the diff. In a
repository and outside one, from its root and from a subfolder, through the real command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixdesk import ALL_FIXED, FIXED, LEFT, MESSY

from desk import make_desk
from wwrlint.cli import cli

CLEAN = FIXED.replace("small trader.", "small trader.”")


def run(args: list[str], given: bytes) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(cli, ["check", *args], input=given, catch_exceptions=False)
    return result.exit_code, result.stdout_bytes, result.stderr


def test_fix_prints_the_fixed_brief_and_reports_what_is_left_on_stderr() -> None:
    code, out, err = run(["--fix", "--stdin-filename", "briefs/draft.yaml"], MESSY.encode())
    assert code == 0  # a warning is left
    assert out == FIXED.encode()
    assert err.startswith(LEFT.format(name="briefs/draft.yaml"))
    assert "Fixed 4 problems in 1 brief.\n" in err
    assert err.endswith("1 more fixable with --unsafe-fixes.\n")
    assert "internal error" not in err
    assert "Traceback" not in err


def test_a_dash_reads_standard_input_too() -> None:
    code, out, err = run(["--fix", "-"], MESSY.encode())
    assert (code, out) == (0, FIXED.encode())
    assert err.startswith(LEFT.format(name="-"))


def test_unsafe_fixes_are_made_when_asked() -> None:
    code, out, err = run(["--fix", "--unsafe-fixes", "-"], MESSY.encode())
    assert (code, out) == (0, ALL_FIXED.encode())
    assert err == "Fixed 5 problems in 1 brief.\nAll checks passed (1 brief).\n"


def test_a_brief_with_nothing_to_fix_comes_back_as_it_was() -> None:
    code, out, err = run(["--fix", "--stdin-filename", "draft.yaml"], CLEAN.encode())
    assert (code, out) == (0, CLEAN.encode())
    assert err == "Fixed 0 problems in 0 briefs.\nAll checks passed (1 brief).\n"


def test_line_endings_and_byte_order_mark_are_kept() -> None:
    given = b"\xef\xbb\xbf" + MESSY.replace("\n", "\r\n").encode()
    code, out, _ = run(["--fix", "-q", "-"], given)
    assert (code, out) == (0, b"\xef\xbb\xbf" + FIXED.replace("\n", "\r\n").encode())


@pytest.mark.parametrize(
    "given",
    [b"id: [unclosed\n", b"\x00\x01binary", b"", b"- a list\n"],
    ids=["broken YAML", "binary", "empty", "not a mapping"],
)
def test_what_is_not_a_brief_comes_back_unchanged(given: bytes) -> None:
    code, out, err = run(["--fix", "--stdin-filename", "draft.yaml"], given)
    assert code == 1
    assert out == given
    assert "draft.yaml:" in err
    assert "internal error" not in err
    assert "Traceback" not in err


def test_the_report_is_json_on_stderr_when_asked_and_the_brief_on_stdout() -> None:
    import json

    args = ["--fix", "-q", "--output-format", "json", "--stdin-filename", "draft.yaml"]
    code, out, err = run(args, MESSY.encode())
    assert (code, out) == (0, FIXED.encode())
    [left] = json.loads(err)
    assert (left["rule"], left["line"], left["column"]) == ("unbalanced-quotes", 17, 37)
    assert left["fix"]["applicability"] == "unsafe"


def test_a_report_file_takes_the_report_and_stdout_the_brief(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    code, out, err = run(["--fix", "-o", str(report), "-"], MESSY.encode())
    assert (code, out) == (0, FIXED.encode())
    assert report.read_text() == LEFT.format(name="-")
    assert "Fixed 4 problems in 1 brief.\n" in err


def test_diff_prints_the_diff_of_the_fixes() -> None:
    code, out, err = run(["--diff", "--stdin-filename", "briefs/draft.yaml"], MESSY.encode())
    assert code == 1
    text = out.decode()
    assert text.startswith("--- a/briefs/draft.yaml\n+++ b/briefs/draft.yaml\n")
    assert "-title: The harbour\"s fees rise again\n+title: The harbour's fees rise again\n" in text
    assert "-  - claim: |\n" in text
    assert "+  - claim: >\n" in text
    assert err == "Would fix 4 problems in 1 brief.\n"
    code, out, err = run(["--diff", "--unsafe-fixes", "-"], MESSY.encode())
    assert code == 1
    assert "+  - quote: The rise will be felt by “every small trader.”\n" in out.decode()
    assert err == "Would fix 5 problems in 1 brief.\n"


def test_diff_of_a_brief_with_nothing_to_fix_is_empty() -> None:
    code, out, err = run(["--diff", "-"], CLEAN.encode())
    assert (code, out, err) == (0, b"", "Would fix 0 problems in 0 briefs.\n")


@pytest.mark.parametrize("git", [True, False], ids=["in git", "no git"])
@pytest.mark.parametrize("where", ["root", "subfolder"])
@pytest.mark.parametrize("cache", [["--no-cache"], []], ids=["no cache", "cache"])
def test_the_real_command_in_a_desk(
    tmp_path: Path, git: bool, where: str, cache: list[str]
) -> None:
    """As an editor runs it: a process, the buffer on stdin, named as the file it edits,
    in the desk's archive (its roster names the analyst). Nothing is written anywhere."""
    briefs = make_desk(tmp_path, git=git)
    folder, name = (tmp_path, "briefs/draft.yaml") if where == "root" else (briefs, "draft.yaml")
    before = sorted(path.relative_to(tmp_path) for path in tmp_path.rglob("*"))
    env = {**os.environ, "WWRLINT_CACHE_DIR": str(tmp_path.parent / "cache")}
    done = subprocess.run(
        [sys.executable, "-m", "wwrlint", "check", "--fix", *cache, "--stdin-filename", name],
        input=MESSY.encode(),
        capture_output=True,
        cwd=folder,
        env=env,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == FIXED.encode()
    assert done.stderr.decode().startswith(LEFT.format(name=name))
    assert sorted(path.relative_to(tmp_path) for path in tmp_path.rglob("*")) == before
