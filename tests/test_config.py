"""Configuration: discovery from the checked file upwards, selection by name, code and
prefix, per-file ignores, severities, excludes, errors that name the file and the key."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from conftest import VALID
from wwrlint.cli import cli
from wwrlint.config import ConfigFinder

# One brief with an error (claim-missing-source) and a warning (unused-source).
BAD = VALID.replace("    sources: [dawn-2022-01-03]\n", "")


def check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def rules_found(*args: str) -> list[str]:
    code, out, err = check("--output-format", "json", *args)
    assert code in (0, 1), err
    return [d["rule"] for d in json.loads(out)]


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """A repository (with .git) holding briefs/2022/bad.yaml, inside tmp_path."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "briefs" / "2022").mkdir(parents=True)
    (repo / "briefs" / "2022" / "bad.yaml").write_text(BAD)
    return repo


def test_no_config_runs_every_rule(archive: Path) -> None:
    assert rules_found(str(archive / "briefs")) == ["unused-source", "claim-missing-source"]


def test_pyproject_table_is_found_walking_up(archive: Path) -> None:
    (archive / "pyproject.toml").write_text('[tool.wwrlint]\nignore = ["unused-source"]\n')
    assert rules_found(str(archive / "briefs" / "2022" / "bad.yaml")) == ["claim-missing-source"]


def test_pyproject_without_the_table_is_skipped(archive: Path) -> None:
    (archive / "briefs" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    (archive / ".wwrlint.yaml").write_text("ignore: [WWR103]\n")
    assert rules_found(str(archive / "briefs")) == ["claim-missing-source"]


def test_nearest_config_wins(archive: Path) -> None:
    (archive / ".wwrlint.yaml").write_text("ignore: [unused-source]\n")
    (archive / "briefs" / "2022" / ".wwrlint.yaml").write_text("ignore: [claim-missing-source]\n")
    assert rules_found(str(archive / "briefs")) == ["unused-source"]


def test_search_stops_at_the_repository_root(archive: Path) -> None:
    (archive.parent / ".wwrlint.yaml").write_text("ignore: [ALL]\n")
    assert rules_found(str(archive / "briefs")) == ["unused-source", "claim-missing-source"]


def test_select_by_code_prefix_and_extend_select(archive: Path) -> None:
    (archive / ".wwrlint.yaml").write_text("select: [WWR2]\nextend-select: [WWR103]\n")
    assert rules_found(str(archive / "briefs")) == ["unused-source"]


def test_severity_override(archive: Path) -> None:
    (archive / ".wwrlint.yaml").write_text("severity:\n  unused-source: error\n  WWR101: warning\n")
    code, out, _ = check("--output-format", "json", str(archive / "briefs"))
    assert [(d["rule"], d["severity"]) for d in json.loads(out)] == [
        ("unused-source", "error"),
        ("claim-missing-source", "warning"),
    ]
    assert code == 1


def test_per_file_ignores_with_globs(archive: Path) -> None:
    (archive / "briefs" / "2023").mkdir()
    (archive / "briefs" / "2023" / "bad.yaml").write_text(BAD.replace("id: pakistan-", "id: p-"))
    (archive / "pyproject.toml").write_text(
        '[tool.wwrlint.per-file-ignores]\n"briefs/2022/**" = ["claim-missing-source"]\n'
    )
    _code, out, _ = check("--output-format", "json", str(archive / "briefs"))
    found = [(Path(d["path"]).parent.name, d["rule"]) for d in json.loads(out)]
    assert found == [
        ("2022", "unused-source"),
        ("2023", "unused-source"),
        ("2023", "claim-missing-source"),
    ]


def test_exclude_skips_found_files_and_named_ones_when_forced(archive: Path) -> None:
    (archive / "briefs" / "drafts").mkdir()
    (archive / "briefs" / "drafts" / "wip.yaml").write_text("not: [a brief\n")
    (archive / ".wwrlint.yaml").write_text("exclude: [drafts, '**/bad.yaml']\n")
    assert check(str(archive / "briefs"))[0] == 0
    # A file named is checked, as in ruff, unless exclusion is forced (as pre-commit does).
    assert check(str(archive / "briefs" / "drafts" / "wip.yaml"))[0] == 1
    assert check("--force-exclude", str(archive / "briefs" / "drafts" / "wip.yaml"))[0] == 0


def test_command_line_select_and_ignore_override_the_file(archive: Path) -> None:
    (archive / ".wwrlint.yaml").write_text("ignore: [unused-source]\n")
    briefs = str(archive / "briefs")
    assert rules_found("--select", "unused-source", briefs) == ["unused-source"]
    assert rules_found("--ignore", "WWR101", briefs) == []
    assert rules_found("--select", "ALL", "--ignore", "claim-missing-source", briefs) == [
        "unused-source"
    ]


def test_explicit_config_file_replaces_discovery(archive: Path, tmp_path: Path) -> None:
    (archive / ".wwrlint.yaml").write_text("ignore: [unused-source]\n")
    other = tmp_path / "other.toml"
    other.write_text('[tool.wwrlint]\nselect = ["unused-source"]\n')
    assert rules_found("--config", str(other), str(archive / "briefs")) == ["unused-source"]


def test_fail_level_warning_and_exit_zero(archive: Path) -> None:
    (archive / ".wwrlint.yaml").write_text("select: [unused-source]\n")
    briefs = str(archive / "briefs")
    assert check(briefs)[0] == 0
    assert check("--fail-level", "warning", briefs)[0] == 1
    (archive / ".wwrlint.yaml").write_text("select: [unused-source]\nfail-level: warning\n")
    assert check(briefs)[0] == 1
    assert check("--fail-level", "error", briefs)[0] == 0
    assert check("--exit-zero", "--fail-level", "warning", briefs)[0] == 0


def test_show_settings_with_no_path_shows_the_archive_a_run_checks(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (archive / "briefs" / "analysts.yaml").write_text("analysts: {}\n")
    for where in (archive, archive / "briefs" / "2022"):
        monkeypatch.chdir(where)
        code, out, err = check("--show-settings")
        assert (code, err) == (0, "")
        used = json.loads(out)["archive-in-use"]
        assert os.path.abspath(used["folder"]) == str(archive / "briefs")
        assert used["roster"] is not None
        assert os.path.abspath(used["roster"]) == str(archive / "briefs" / "analysts.yaml")
    monkeypatch.chdir(archive.parent)  # no archive here: none is in use
    code, out, _ = check("--show-settings")
    assert (code, json.loads(out)["archive-in-use"]) == (0, None)


def test_show_settings_with_no_path_shows_the_settings_the_run_goes_by(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The run's own settings (its output format) are the current folder's, as a run with no
    # path takes them; the archive in use is the one it checks.
    (archive / ".wwrlint.yaml").write_text("output-format: json\n")
    (archive / "briefs" / ".wwrlint.yaml").write_text("output-format: github\n")
    monkeypatch.chdir(archive)
    code, out, _ = check("--no-cache")
    assert code == 1
    assert isinstance(json.loads(out), list)  # the run writes json
    code, out, _ = check("--show-settings")
    shown = json.loads(out)
    assert code == 0
    assert (shown["config-file"], shown["output-format"]) == (
        str(archive / ".wwrlint.yaml"),
        "json",
    )
    assert os.path.abspath(shown["archive-in-use"]["folder"]) == str(archive / "briefs")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            ".wwrlint.yaml",
            "ignroe: [unused-source]\n",
            "unknown key 'ignroe'; did you mean 'ignore'?",
        ),
        (
            ".wwrlint.yaml",
            "ignore: [unused-sauce]\n",
            "ignore: unknown rule 'unused-sauce'; did you mean 'unused-source'?",
        ),
        (
            "pyproject.toml",
            '[tool.wwrlint]\nselect = ["WWR999"]\n',
            "select: unknown rule 'WWR999'",
        ),
        (
            "pyproject.toml",
            '[tool.wwrlint]\nseverity = { unused-source = "fatal" }\n',
            "severity.unused-source: must be 'error' or 'warning', not 'fatal'",
        ),
        (".wwrlint.yaml", "ignore: 3\n", "ignore: must be a list of text"),
        (".wwrlint.yaml", "- a list\n", "a config file is a mapping of settings"),
        ("pyproject.toml", "[tool.wwrlint\n", "not valid TOML"),
        (".wwrlint.yaml", "ignore: [a\n", "1:"),
    ],
)
def test_bad_config_exits_2_naming_the_file_and_key(
    archive: Path, name: str, content: str, message: str
) -> None:
    config = archive / name
    config.write_text(content)
    code, out, err = check(str(archive / "briefs"))
    assert (code, out) == (2, "")
    assert err.startswith(f"wwrlint: error: {config}")
    assert message in err
    assert len(err.splitlines()) == 1


def test_unknown_rule_on_the_command_line_exits_2(archive: Path) -> None:
    code, _, err = check("--ignore", "unused-sauce", str(archive / "briefs"))
    assert code == 2
    assert err == (
        "wwrlint: error: command line: unknown rule 'unused-sauce'; did you mean 'unused-source'?\n"
    )


def test_show_settings_prints_the_resolved_configuration(archive: Path) -> None:
    (archive / ".wwrlint.yaml").write_text("ignore: [unused-source]\nfail-level: warning\n")
    code, out, _ = check("--show-settings", "--extend-select", "WWR1", str(archive / "briefs"))
    shown = json.loads(out)
    assert code == 0
    assert shown["config-file"] == str(archive / ".wwrlint.yaml")
    assert shown["ignore"] == ["unused-source"]
    assert shown["extend-select"] == ["WWR1"]
    assert shown["fail-level"] == "warning"
    assert "unused-source" not in shown["enabled-rules"]
    assert "claim-missing-source" in shown["enabled-rules"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (".wwrlint.yaml", "archive: nowhere\n", "archive: 'nowhere': no such folder"),
        (
            ".wwrlint.yaml",
            "roster: briefs/analysts.yaml\n",
            "roster: 'briefs/analysts.yaml': no such file",
        ),
        (
            ".wwrlint.yaml",
            "archive: briefs/2022/bad.yaml\n",
            "archive: 'briefs/2022/bad.yaml' is a file, not a folder",
        ),
        (".wwrlint.yaml", "roster: briefs\n", "roster: 'briefs' is a folder, not a file"),
        (
            "pyproject.toml",
            '[tool.wwrlint]\narchive = "\\u0000x"\n',
            "archive: '\\x00x' is not a path: it holds a NUL character",
        ),
        (
            "pyproject.toml",
            '[tool.wwrlint]\nroster = "a\\u0000"\n',
            "roster: 'a\\x00' is not a path: it holds a NUL character",
        ),
        (".wwrlint.yaml", "archive: 3\n", "archive: must be a path, not the number 3"),
        (
            ".wwrlint.yaml",
            "roster: [analysts.yaml]\n",
            "roster: must be a path, not a list",
        ),
        (".wwrlint.yaml", "archive: ''\n", "archive: must be a path, not empty text"),
        (".wwrlint.yaml", "roster:\n", "roster: must be a path, not empty"),
    ],
)
def test_a_missing_or_invalid_archive_or_roster_exits_2(
    archive: Path, name: str, content: str, message: str
) -> None:
    config = archive / name
    config.write_text(content)
    for command in (["check", str(archive / "briefs")], ["sources", str(archive / "briefs")]):
        result = CliRunner().invoke(cli, command)
        assert (result.exit_code, result.stdout) == (2, ""), command
        assert result.stderr == f"wwrlint: error: {config}: {message}\n"
        assert "Traceback" not in result.output
        assert "internal error" not in result.output


def test_an_existing_archive_and_roster_are_accepted(archive: Path) -> None:
    (archive / "briefs" / "analysts.yaml").write_text("analysts: {}\n")
    (archive / ".wwrlint.yaml").write_text("archive: briefs\nroster: briefs/analysts.yaml\n")
    code, out, err = check("--show-settings", str(archive / "briefs"))
    assert code == 0, err
    shown = json.loads(out)
    assert (shown["archive"], shown["roster"]) == (
        str(archive / "briefs"),
        str(archive / "briefs" / "analysts.yaml"),
    )


PARTS = st.lists(st.sampled_from(["a", "b.yaml", ".", "..", "", "/", "//", "c d"]), max_size=6)


@given(paths=st.lists(PARTS.map("/".join), min_size=1, max_size=6))
def test_a_finder_makes_paths_absolute_as_abspath_does(paths: list[str]) -> None:
    """The finder works each path and folder out once (`ConfigFinder.absolute`,
    `folder_of`): whatever the paths, asked first or again, the answer is abspath's."""
    finder = ConfigFinder()
    for path in [*paths, *paths]:
        assert finder.absolute(path) == os.path.abspath(path)
        assert finder.folder_of(path) == os.path.dirname(os.path.abspath(path))
