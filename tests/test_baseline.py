"""Baselines: adopt wwrlint on an old archive, then see only new findings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import VALID
from wwrlint.cli import cli

BAD = VALID.replace("    sources: [dawn-2022-01-03]\n", "")


def check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    (tmp_path / "briefs").mkdir()
    (tmp_path / "briefs" / "old.yaml").write_text(BAD)
    return tmp_path


def test_generate_then_check_against_the_baseline(archive: Path) -> None:
    baseline = archive / "baseline.json"
    code, _out, err = check("--generate-baseline", str(baseline), str(archive / "briefs"))
    assert code == 0
    assert "wwrlint: wrote 2 findings to" in err
    recorded = json.loads(baseline.read_text("utf-8"))
    assert recorded["format"] == "wwrlint-baseline/1"
    assert [(f["path"], f["rule"]) for f in recorded["findings"]] == [
        ("briefs/old.yaml", "claim-missing-source"),
        ("briefs/old.yaml", "unused-source"),
    ]
    assert check("--baseline", str(baseline), str(archive / "briefs")) == (
        0,
        "",
        "All checks passed (1 brief).\n",
    )


def test_edits_elsewhere_do_not_revive_old_findings(archive: Path) -> None:
    baseline = archive / "baseline.json"
    check("--generate-baseline", str(baseline), str(archive / "briefs"))
    edited = "# A comment that moves every line down.\n\n" + BAD.replace(
        "title: Pakistan's border", "title: Pakistan's long border"
    )
    (archive / "briefs" / "old.yaml").write_text(edited)
    assert check("--baseline", str(baseline), str(archive / "briefs"))[0] == 0


def test_new_findings_are_reported(archive: Path) -> None:
    baseline = archive / "baseline.json"
    check("--generate-baseline", str(baseline), str(archive / "briefs"))
    (archive / "briefs" / "old.yaml").write_text(
        BAD.replace("  - quote:", "  - claim: A second unsourced claim.\n  - quote:")
    )
    (archive / "briefs" / "new.yaml").write_text(BAD.replace("id: pakistan-border-2022", "id: new"))
    code, out, _ = check(
        "--output-format", "json", "--baseline", str(baseline), str(archive / "briefs")
    )
    assert code == 1
    assert [(Path(d["path"]).name, d["rule"], d["line"]) for d in json.loads(out)] == [
        ("new.yaml", "unused-source", 9),
        ("new.yaml", "claim-missing-source", 13),
        ("old.yaml", "claim-missing-source", 14),
    ]


def test_the_baseline_works_from_another_folder(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    baseline = archive / "baseline.json"
    monkeypatch.chdir(archive)
    check("--generate-baseline", "baseline.json", "briefs")
    monkeypatch.chdir(archive / "briefs")
    assert check("--baseline", str(baseline), "old.yaml")[0] == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read the baseline"),
        ("{]", "not a wwrlint baseline"),
        ('{"format": "x"}', "not a wwrlint baseline"),
    ],
)
def test_missing_or_corrupt_baseline_exits_2(
    archive: Path, content: str | None, message: str
) -> None:
    baseline = archive / "baseline.json"
    if content is not None:
        baseline.write_text(content)
    code, out, err = check("--baseline", str(baseline), str(archive / "briefs"))
    assert (code, out) == (2, "")
    assert err.startswith(f"wwrlint: error: {baseline}: {message}")
