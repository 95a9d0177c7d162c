"""`extend` in a configuration: a nested configuration inherits its parent's settings
instead of replacing them, globs and all, from wherever the run starts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import VALID
from wwrlint.cli import cli
from wwrlint.extends import rebase

# Two warnings (an unused source, an unused analyst) and an error (a claim without a source).
BAD = VALID.replace("    sources: [dawn-2022-01-03]\n", "").replace(
    "  - quote: The risk is deemed manageable.\n    analyst: thomas-muller\n", ""
)
PARENT = """\
ignore: [unused-source]
severity:
  unused-analyst: error
exclude: [briefs/drafts]
per-file-ignores:
  "briefs/old/**": [claim-missing-source]
"""


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".wwrlint.yaml").write_text(PARENT)
    for folder in ("briefs", "briefs/drafts", "briefs/old"):
        (tmp_path / folder).mkdir(exist_ok=True)
        (tmp_path / folder / "bad.yaml").write_text(
            BAD.replace("pakistan", folder.replace("/", "-"))
        )
    return tmp_path


def check(folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(cli, ["check", "--no-cache", *args])
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


def found(folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> list[tuple[str, str]]:
    code, out, err = check(folder, monkeypatch, "--output-format", "json", *args)
    assert code in (0, 1), err
    return sorted((d["path"], f"{d['rule']}:{d['severity']}") for d in json.loads(out))


def test_a_nested_configuration_without_extend_replaces_its_parent(
    desk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (desk / "briefs" / ".wwrlint.yaml").write_text("extend-select: [WWR1]\n")
    assert found(desk, monkeypatch, "briefs") == [
        ("briefs/bad.yaml", "claim-missing-source:error"),
        ("briefs/bad.yaml", "unused-analyst:warning"),
        ("briefs/bad.yaml", "unused-source:warning"),
        ("briefs/drafts/bad.yaml", "claim-missing-source:error"),
        ("briefs/drafts/bad.yaml", "unused-analyst:warning"),
        ("briefs/drafts/bad.yaml", "unused-source:warning"),
        ("briefs/old/bad.yaml", "claim-missing-source:error"),
        ("briefs/old/bad.yaml", "unused-analyst:warning"),
        ("briefs/old/bad.yaml", "unused-source:warning"),
    ]


@pytest.mark.parametrize("where", ["", "briefs", "briefs/old"])
def test_a_nested_configuration_with_extend_inherits_its_parent(
    desk: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    (desk / "briefs" / ".wwrlint.yaml").write_text(
        "extend: ../.wwrlint.yaml\nignore: [schema]\nseverity:\n  unused-source: error\n"
    )
    named = {"": "briefs", "briefs": ".", "briefs/old": ".."}[where]
    # The parent's ignore, severity, exclude and per-file-ignores hold, its globs still
    # matching what they matched from the parent's folder.
    assert found(desk / where, monkeypatch, named) == [
        ("briefs/bad.yaml", "claim-missing-source:error"),
        ("briefs/bad.yaml", "unused-analyst:error"),
        ("briefs/old/bad.yaml", "unused-analyst:error"),
    ]
    code, out, _ = check(desk, monkeypatch, "--show-settings", "briefs/bad.yaml")
    settings = json.loads(out)
    assert code == 0
    assert settings["config-file"].endswith("briefs/.wwrlint.yaml")
    assert settings["ignore"] == ["unused-source", "schema"]
    assert settings["severity"] == {"unused-analyst": "error", "unused-source": "error"}
    assert settings["exclude"] == ["/drafts"]
    assert settings["per-file-ignores"] == {"/old/**": ["claim-missing-source"]}


def test_select_in_the_extending_file_replaces_the_whole_selection(
    desk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (desk / "briefs" / ".wwrlint.yaml").write_text("extend: ../.wwrlint.yaml\nselect: [WWR1]\n")
    assert found(desk, monkeypatch, "briefs/bad.yaml") == [
        ("briefs/bad.yaml", "claim-missing-source:error"),
        ("briefs/bad.yaml", "unused-source:warning"),
    ]


def test_extend_works_from_pyproject_and_in_a_chain(
    desk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (desk / ".wwrlint.yaml").unlink()
    (desk / "base.yaml").write_text(PARENT)
    (desk / "pyproject.toml").write_text('[tool.wwrlint]\nextend = "base.yaml"\n')
    (desk / "briefs" / "old" / ".wwrlint.yaml").write_text("extend: ../../pyproject.toml\n")
    assert found(desk, monkeypatch, "briefs/old") == [
        ("briefs/old/bad.yaml", "unused-analyst:error")
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "extend: .wwrlint.yaml\n",
            "briefs/.wwrlint.yaml: extend: '.wwrlint.yaml' extends this file again (a loop)",
        ),
        ("extend: missing.yaml\n", "briefs/.wwrlint.yaml: extend: 'missing.yaml': no such file"),
        (
            "extend: [a, b]\n",
            "briefs/.wwrlint.yaml: extend: must be the path of another configuration file",
        ),
        (
            "extend: ../../outside.yaml\n",
            "briefs/.wwrlint.yaml: extend: '../../outside.yaml' leads outside the repository",
        ),
    ],
)
def test_a_bad_extend_is_a_one_line_error_naming_the_file(
    desk: Path, monkeypatch: pytest.MonkeyPatch, content: str, message: str
) -> None:
    (desk.parent / "outside.yaml").write_text("ignore: [schema]\n")
    (desk / "briefs" / ".wwrlint.yaml").write_text(content)
    code, out, err = check(desk, monkeypatch, "briefs/bad.yaml")
    assert (code, out) == (2, "")
    assert err.startswith(f"wwrlint: error: {desk}/{message}")
    assert len(err.splitlines()) == 1


def test_a_loop_through_two_files_is_refused(desk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (desk / ".wwrlint.yaml").write_text("extend: briefs/.wwrlint.yaml\n")
    (desk / "briefs" / ".wwrlint.yaml").write_text("extend: ../.wwrlint.yaml\n")
    code, _, err = check(desk, monkeypatch, "briefs/bad.yaml")
    assert code == 2
    assert "extends this file again (a loop)" in err


def test_an_extends_typo_is_told_the_key() -> None:
    from wwrlint.config import ConfigError, from_table

    with pytest.raises(ConfigError, match="unknown key 'extends'; did you mean 'extend'"):
        from_table({"extends": "x.yaml"}, "c.yaml", ".")


@pytest.mark.parametrize(
    ("pattern", "prefix", "rebased"),
    [
        ("briefs/drafts", "briefs", ("/drafts",)),
        ("briefs/drafts/", "briefs", ("/drafts",)),
        ("briefs", "briefs", ("**",)),
        ("b*/x", "briefs/2022", ()),
        ("b*/2022/x", "briefs/2022", ("/x",)),
        ("briefs/2022", "briefs/2022/old", ("**",)),
        ("**/old", "briefs", ("/**/old",)),
        ("briefs/**/old", "briefs/2022", ("/**/old",)),
        ("other/x", "briefs", ()),
    ],
)
def test_rebase(pattern: str, prefix: str, rebased: tuple[str, ...]) -> None:
    assert rebase(pattern, prefix.split("/")) == rebased
