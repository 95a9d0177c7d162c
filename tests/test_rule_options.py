"""Rule options declared in the registry: configuration reads and validates them,
`--show-settings`, `wwrlint rule` and `wwrlint rules` show them, rules read them, and a
changed option is never answered from the cache."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO, VALID
from wwrlint.cli import cli
from wwrlint.rules import OPTIONS, find

# The source is 1496 days older than the brief: too old at 365 days, not at 3650.
OLD_SOURCE = VALID.replace("    date: 2022-01-03\n", "    date: 2019-01-03\n")
TOO_OLD_AT = ("source-too-old", 11, 11, "warning")
DESCRIPTION = (
    "Report a source dated more than this many days before the brief; when it is not "
    "set, source-too-old does not run."
)


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert "Traceback" not in result.output
    assert "internal error" not in result.output
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "brief.yaml").write_text(OLD_SOURCE)
    return tmp_path


def found(*args: str) -> tuple[int, list[tuple[str, int, int, str]]]:
    code, out, err = invoke("check", "--output-format", "json", *args)
    assert code in (0, 1), err
    return code, [(d["rule"], d["line"], d["column"], d["severity"]) for d in json.loads(out)]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (".wwrlint.yaml", "max-source-age: 365\n"),
        ("pyproject.toml", "[tool.wwrlint]\nmax-source-age = 365\n"),
    ],
)
def test_the_option_is_a_top_level_config_key(repo: Path, name: str, content: str) -> None:
    (repo / name).write_text(content)
    assert found("--no-cache", str(repo / "brief.yaml")) == (0, [TOO_OLD_AT])


def test_without_the_option_the_rule_does_not_run(repo: Path) -> None:
    assert found("--no-cache", str(repo / "brief.yaml")) == (0, [])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("max-source-age: 0\n", "max-source-age: must be a number of days, 1 or more"),
        ("max-source-age: '365'\n", "max-source-age: must be a number of days, 1 or more"),
        ("max-source-age: true\n", "max-source-age: must be a number of days, 1 or more"),
        ("max-source-age: 36.5\n", "max-source-age: must be a number of days, 1 or more"),
        ("max-source-aeg: 365\n", "unknown key 'max-source-aeg'; did you mean 'max-source-age'?"),
    ],
)
def test_a_bad_option_exits_2_naming_the_file_and_key(
    repo: Path, content: str, message: str
) -> None:
    config = repo / ".wwrlint.yaml"
    config.write_text(content)
    code, out, err = invoke("check", "--no-cache", str(repo / "brief.yaml"))
    assert (code, out) == (2, "")
    assert err == f"wwrlint: error: {config}: {message}\n"


def test_show_settings_prints_every_option(repo: Path) -> None:
    code, out, _ = invoke("check", "--show-settings", str(repo / "brief.yaml"))
    assert (code, json.loads(out)["max-source-age"]) == (0, None)
    (repo / ".wwrlint.yaml").write_text("max-source-age: 730\n")
    code, out, _ = invoke("check", "--show-settings", str(repo / "brief.yaml"))
    assert (code, json.loads(out)["max-source-age"]) == (0, 730)


def test_wwrlint_rule_shows_the_options_as_text() -> None:
    code, out, _ = invoke("rule", "source-too-old")
    assert code == 0
    options = out.split("Options (keys of the configuration):\n\n", 1)[1].split("\n\n", 1)[0]
    assert options.splitlines() == [
        "    max-source-age (days, default: not set)",
        "        Report a source dated more than this many days before the brief; when it is not",
        "        set, source-too-old does not run.",
    ]


def test_a_rule_without_options_shows_no_options_section() -> None:
    code, out, _ = invoke("rule", "claim-missing-source")
    assert code == 0
    assert "Options" not in out


def test_wwrlint_rule_and_rules_show_the_options_as_json() -> None:
    expected = [
        {"name": "max-source-age", "type": "days", "default": None, "description": DESCRIPTION}
    ]
    code, out, _ = invoke("rule", "WWR204", "--output-format", "json")
    assert (code, json.loads(out)["options"]) == (0, expected)
    code, out, _ = invoke("rules", "--output-format", "json")
    listed = {rule["name"]: rule["options"] for rule in json.loads(out)}
    assert code == 0
    assert listed["source-too-old"] == expected
    assert listed["claim-missing-source"] == []


def test_the_rule_declares_its_option() -> None:
    rule = find("source-too-old")
    assert rule is not None
    assert [(o.name, o.type, o.default, o.description) for o in rule.options] == [
        ("max-source-age", "days", None, DESCRIPTION)
    ]


def test_a_changed_option_is_not_answered_from_the_cache(repo: Path, tmp_path: Path) -> None:
    """The observed bug: max-source-age from 3650 to 365, and the cached run still passed."""
    cache = str(tmp_path / "cache")
    brief = str(repo / "brief.yaml")
    config = repo / ".wwrlint.yaml"
    config.write_text("max-source-age: 3650\n")
    for _ in range(2):  # the first run stores the result, the second reads it back
        assert found("--cache-dir", cache, brief) == (0, [])
    config.write_text("max-source-age: 365\n")
    cached = invoke("check", "--output-format", "json", "--cache-dir", cache, brief)
    fresh = invoke("check", "--output-format", "json", "--no-cache", brief)
    assert cached == fresh
    assert [(d["rule"], d["line"], d["column"]) for d in json.loads(cached[1])] == [TOO_OLD_AT[:3]]
    config.write_text("max-source-age: 3650\n")
    assert found("--cache-dir", cache, brief) == found("--no-cache", brief) == (0, [])


def test_the_readme_lists_every_option_and_shows_wwrlint_rule_truly() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in OPTIONS:
        assert f"| `{name}` | option of " in readme
    _, out, _ = invoke("rule", "source-too-old")
    shown = "Options" + out.split("Options", 1)[1].split("Bad (", 1)[0].rstrip("\n")
    assert f"...\n{shown}\n```" in readme
