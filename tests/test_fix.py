"""`check --fix` and `--diff`: safe fixes as byte-exact edits, written atomically."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import VALID
from wwrlint.cli import cli
from wwrlint.linter import lint

MESSY = (
    VALID.replace(
        "title: Pakistan's border with Taliban-ruled Afghanistan",
        'title: "Pakistan\\"s border"   # keep this comment',
    )
    .replace("date: 2022-01-03", "date: 3 January 2022")
    .replace(
        "  - claim: Border clashes broke out along the Durand line.",
        '  - claim: |-\n      Border clashes  broke out\n      along the neighbor"s line.',
    )
)
FIXED = (
    VALID.replace(
        "title: Pakistan's border with Taliban-ruled Afghanistan",
        'title: "Pakistan\'s border"   # keep this comment',
    )
    .replace("date: 2022-01-03", "date: 2022-01-03")
    .replace(
        "  - claim: Border clashes broke out along the Durand line.",
        "  - claim: >-\n      Border clashes broke out\n      along the neighbor's line.",
    )
)


def check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_messy_brief_has_fixable_findings() -> None:
    found = [
        (d.rule, d.span.line, d.span.column, d.fix.applicability if d.fix else None)
        for d in lint("x.yaml", MESSY.encode())
    ]
    assert found == [
        ("apostrophe-quote", 2, 17, "safe"),  # the escaped quote in "Pakistan\"s border"
        ("invalid-date", 11, 11, "safe"),
        ("double-space", 14, 21, "safe"),
        ("line-break-in-text", 14, 32, "safe"),
        ("apostrophe-quote", 15, 25, "safe"),
    ]


def test_the_fixable_count_is_what_fix_fixes(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text(MESSY)
    code, out, err = check("--output-format", "text", str(path))
    assert code == 1  # the date written in words is an error
    assert err.endswith("5 fixable with --fix (see them with --diff).\n")
    assert out.count(" [*] ") == 5
    code, _, err = check("--fix", str(path))
    assert err.startswith("Fixed 5 problems in 1 brief.\n")


def test_fix_changes_only_what_it_fixes(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text(MESSY)
    code, out, err = check("--fix", str(path))
    assert (code, out) == (0, "")
    assert err == "Fixed 5 problems in 1 brief.\nAll checks passed (1 brief).\n"
    assert path.read_text() == FIXED


def test_fix_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text(MESSY)
    check("--fix", str(path))
    once = path.read_bytes()
    code, _, err = check("--fix", str(path))
    assert code == 0
    assert err.startswith("Fixed 0 problems in 0 briefs.")
    assert path.read_bytes() == once


def test_diff_shows_and_does_not_write(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text(MESSY)
    code, out, err = check("--diff", str(path))
    assert code == 1
    assert path.read_text() == MESSY
    assert out.startswith(f"--- a/{path}\n+++ b/{path}\n")
    assert "-    date: 3 January 2022\n+    date: 2022-01-03\n" in out
    assert err == "Would fix 5 problems in 1 brief.\n"
    assert check("--diff", str(tmp_path / "brief.yaml").replace("brief", "brief"))[0] == 1
    path.write_text(VALID)
    assert check("--diff", str(path)) == (0, "", "Would fix 0 problems in 0 briefs.\n")


def test_fix_keeps_mode_crlf_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MESSY.replace("\n", "\r\n").encode())
    path.chmod(0o640)
    assert check("--fix", str(path))[0] == 0
    assert path.read_bytes() == b"\xef\xbb\xbf" + FIXED.replace("\n", "\r\n").encode()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["brief.yaml"]


def test_read_only_file_is_reported_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text(MESSY)
    path.chmod(0o444)
    code, _, err = check("--fix", str(path))
    assert code == 2
    assert f"wwrlint: error: {path}: read-only, not fixed (5 fixes available)" in err
    assert path.read_text() == MESSY


def test_unsafe_to_fix_is_left_alone(tmp_path: Path) -> None:
    # Two quotation marks that do not pair up inside the text: no safe fix.
    brief = VALID.replace("Durand line.", "Durand “line” and ”more.")
    path = tmp_path / "brief.yaml"
    path.write_text(brief)
    code, out, _ = check("--fix", "--output-format", "text", str(path))
    assert code == 0
    assert "[unbalanced-quotes]" in out
    assert path.read_text() == brief


def test_fix_respects_suppressions_and_selection(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text(
        MESSY.replace(
            "date: 3 January 2022", "date: 3 January 2022  # wwrlint: disable=invalid-date"
        )
    )
    check("--fix", "--ignore", "double-space", str(path))
    text = path.read_text()
    assert "date: 3 January 2022  # wwrlint" in text
    assert "Border clashes  broke out" in text
    assert "neighbor's line" in text


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_folder_keeps_the_file(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text(MESSY)
    tmp_path.chmod(0o555)
    try:
        code, _, _err = check("--fix", str(path))
    finally:
        tmp_path.chmod(0o755)
    assert code == 2
    assert path.read_text() == MESSY
