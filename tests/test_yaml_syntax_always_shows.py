"""`yaml-syntax` cannot be switched off: no selection, ignore, per-file ignore, severity,
inline suppression or baseline makes a file that is not well-formed YAML pass (as ruff
treats syntax errors)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import VALID
from wwrlint.cli import cli

# A flow sequence never closed: the file cannot be read at all.
UNPARSEABLE = VALID.replace("title: Pakistan", "title: [Pakistan")
UNPARSEABLE_AT = [("yaml-syntax", 3, 5, "error")]
# A duplicate key: the file reads, but one of the two values would be lost.
DUPLICATE = VALID.replace("    date: 2022-01-03\n", "    date: 2022-01-03\n    date: 2022-01-04\n")
DUPLICATE_AT = [("yaml-syntax", 12, 5, "error")]


def run(folder: Path, *args: str) -> tuple[int, list[tuple[str, int, int, str]], str]:
    result = CliRunner().invoke(
        cli, ["check", "--no-cache", "--output-format", "json", *args], catch_exceptions=False
    )
    assert "Traceback" not in result.output
    assert "internal error" not in result.output
    found = [(d["rule"], d["line"], d["column"], d["severity"]) for d in json.loads(result.stdout)]
    return result.exit_code, found, result.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "unparseable.yaml").write_text(UNPARSEABLE)
    (tmp_path / "duplicate.yaml").write_text(DUPLICATE)
    return tmp_path


@pytest.mark.parametrize(
    "args",
    [
        ["--ignore", "yaml-syntax"],
        ["--ignore", "WWR001"],
        ["--ignore", "ALL"],
        ["--select", "WWR4"],
        ["--select", "claim-missing-source"],
    ],
    ids=lambda args: " ".join(args),
)
@pytest.mark.parametrize("name", ["unparseable", "duplicate"])
def test_the_command_line_cannot_deselect_it(repo: Path, args: list[str], name: str) -> None:
    expected = UNPARSEABLE_AT if name == "unparseable" else DUPLICATE_AT
    assert run(repo, *args, str(repo / f"{name}.yaml"))[:2] == (1, expected)


@pytest.mark.parametrize(
    "config",
    [
        "ignore: [yaml-syntax]\n",
        "select: [WWR1]\n",
        "select: [WWR4]\nextend-select: [WWR2]\nignore: [WWR0]\n",
        'per-file-ignores:\n  "*.yaml": [yaml-syntax]\n',
        "per-file-ignores:\n  duplicate.yaml: [ALL]\n  unparseable.yaml: [ALL]\n",
        "severity:\n  yaml-syntax: warning\n",
        "severity:\n  ALL: warning\n",
        "severity:\n  yaml-syntax: warning\nfail-level: error\nignore: [ALL]\n",
    ],
)
@pytest.mark.parametrize("name", ["unparseable", "duplicate"])
def test_the_configuration_cannot_ignore_or_downgrade_it(
    repo: Path, config: str, name: str
) -> None:
    (repo / ".wwrlint.yaml").write_text(config)
    expected = UNPARSEABLE_AT if name == "unparseable" else DUPLICATE_AT
    assert run(repo, str(repo / f"{name}.yaml"))[:2] == (1, expected)


def test_show_settings_lists_it_as_enabled_whatever_the_selection(repo: Path) -> None:
    (repo / ".wwrlint.yaml").write_text("select: [WWR4]\nignore: [yaml-syntax]\n")
    result = CliRunner().invoke(cli, ["check", "--show-settings", str(repo / "duplicate.yaml")])
    shown = json.loads(result.stdout)
    assert shown["enabled-rules"][0] == "yaml-syntax"
    assert "schema" not in shown["enabled-rules"]


@pytest.mark.parametrize(
    "comment",
    [
        "# wwrlint: disable-file=yaml-syntax\n",
        "# wwrlint: disable-file=WWR001 -- the parser is wrong\n",
    ],
)
def test_a_file_suppression_cannot_silence_it(repo: Path, comment: str) -> None:
    (repo / "duplicate.yaml").write_text(comment + DUPLICATE)
    code, found, _ = run(repo, str(repo / "duplicate.yaml"))
    # The brief moved down a line; the comment itself is reported as useless.
    assert (code, found) == (
        1,
        [("invalid-suppression", 1, 1, "error"), ("yaml-syntax", 13, 5, "error")],
    )


def test_a_line_suppression_cannot_silence_it(repo: Path) -> None:
    line = "    date: 2022-01-04\n"
    (repo / "duplicate.yaml").write_text(
        DUPLICATE.replace(line, line.rstrip("\n") + "  # wwrlint: disable=yaml-syntax\n")
    )
    code, found, _ = run(repo, str(repo / "duplicate.yaml"))
    assert (code, found) == (
        1,
        [("yaml-syntax", 12, 5, "error"), ("invalid-suppression", 12, 23, "error")],
    )


def test_a_suppression_by_code_prefix_leaves_it_and_is_not_invalid(repo: Path) -> None:
    (repo / "duplicate.yaml").write_text("# wwrlint: disable-file=WWR0\n" + DUPLICATE)
    code, found, _ = run(repo, str(repo / "duplicate.yaml"))
    # WWR0 names yaml-unsupported as well, which has nothing to silence here.
    assert (code, found) == (
        1,
        [("unused-suppression", 1, 1, "warning"), ("yaml-syntax", 13, 5, "error")],
    )


def test_a_baseline_cannot_hide_it(repo: Path) -> None:
    baseline = repo / "baseline.json"
    target = str(repo / "duplicate.yaml")
    assert run(repo, "--generate-baseline", str(baseline), target)[0] == 0
    assert run(repo, "--baseline", str(baseline), target)[:2] == (1, DUPLICATE_AT)


def test_the_exit_code_is_1_in_text_output_too(repo: Path) -> None:
    result = CliRunner().invoke(
        cli, ["check", "--no-cache", "--ignore", "yaml-syntax", str(repo / "unparseable.yaml")]
    )
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{repo / 'unparseable.yaml'}:3:5: WWR001 [yaml-syntax] ")


def test_wwrlint_rule_says_it_cannot_be_switched_off() -> None:
    result = CliRunner().invoke(cli, ["rule", "yaml-syntax"])
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "cannot be deselected, ignored, suppressed or downgraded" in text
