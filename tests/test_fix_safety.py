"""Fixes are data with an applicability: safe ones are made by `--fix`, unsafe ones (guesses)
only with `--unsafe-fixes`; what is counted and marked fixable is exactly what gets fixed;
`wwrlint rule` says what a rule can fix; JSON carries each fix's edits."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fixdesk import ALL_FIXED, FIXED, MESSY

from wwrlint.cli import cli
from wwrlint.rules import RULES, Rule


def check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def findings(path: Path, *args: str) -> list[dict[str, Any]]:
    code, out, err = check("--output-format", "json", "--no-cache", *args, str(path))
    assert code in (0, 1), err
    found: list[dict[str, Any]] = json.loads(out)
    return found


def places(found: list[dict[str, Any]]) -> Counter[tuple[str, str]]:
    return Counter((item["rule"], item["pointer"]) for item in found)


def fixable(found: list[dict[str, Any]], unsafe: bool) -> Counter[tuple[str, str]]:
    return places(
        [
            item
            for item in found
            if item["fix"] and (unsafe or item["fix"]["applicability"] == "safe")
        ]
    )


# A fix may settle a finding of another rule too: naming the analyst meant leaves no
# analyst unquoted.
SETTLED_TOO = {"unknown-analyst": {"unused-analyst"}}
FIXING = [rule for rule in RULES if rule.example_archive is None and not rule.example_config]


@pytest.mark.parametrize("unsafe", [False, True], ids=["--fix", "--fix --unsafe-fixes"])
@pytest.mark.parametrize("rule", FIXING, ids=lambda rule: rule.name)
def test_fix_removes_exactly_the_fixable_findings_of_each_bad_example(
    rule: Rule, unsafe: bool, tmp_path: Path
) -> None:
    path = tmp_path / "example.yaml"
    path.write_text(rule.bad)
    flags = ["--unsafe-fixes"] if unsafe else []
    before = findings(path, *flags)
    count = sum(fixable(before, unsafe).values())
    _, _, err = check("--output-format", "text", "--no-cache", *flags, str(path))
    assert (f"\n{count} fixable with --fix (see them with --diff).\n" in err) == bool(count)
    _, _, err = check("--fix", "--no-cache", *flags, str(path))
    assert err.startswith(f"Fixed {count} problem")
    after = places(findings(path, *flags))
    # Every fixable finding is gone, nothing new came, and what else went, a fix settled.
    assert after <= places(before) - fixable(before, unsafe)
    settled = places(before) - fixable(before, unsafe) - after
    assert {name for name, _ in settled} <= SETTLED_TOO.get(rule.name, set())


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_each_rule_declares_the_fixes_its_findings_have(rule: Rule, tmp_path: Path) -> None:
    from wwrlint.config import from_table
    from wwrlint.linter import lint

    settings = from_table(rule.example_config, "example config", root=".")
    found = [
        d
        for d in lint("example.yaml", rule.bad.encode(), settings, rule.example_archive)
        if d.rule == rule.name
    ]
    fixes = [d.fix for d in found]
    if rule.fix is None:
        assert fixes == [None] * len(found)
        return
    assert all(fix is None or fix.applicability == rule.fix.applicability for fix in fixes)
    if rule.fix.always:
        assert None not in fixes


def desk_brief(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "brief.yaml"
    path.write_text(text)
    return path


# For each rule whose fix is a guess: the brief right, and where it goes wrong.
GUESSES = {
    "unbalanced-quotes": ("every small trader.”", "every small trader."),
    "unknown-source": (
        "    sources: [gazette-2031-01-20]\n  - quote",
        "    sources: [gazette-2031-01-02]\n  - quote",
    ),
    "unknown-analyst": ("analyst: ana-ferreira", "analyst: ana-ferriera"),
    "schema": ("publisher: Harbour Gazette", "pubisher: Harbour Gazette"),
}


@pytest.mark.parametrize("rule", sorted(GUESSES))
def test_guesses_are_unsafe_fixes(rule: str, tmp_path: Path) -> None:
    right, wrong = GUESSES[rule]
    path = desk_brief(tmp_path, ALL_FIXED.replace(right, wrong))
    [item] = [item for item in findings(path) if item["rule"] == rule]
    assert item["fix"]["applicability"] == "unsafe"
    check("--fix", "--no-cache", str(path))
    assert path.read_text() == ALL_FIXED.replace(right, wrong)
    check("--fix", "--unsafe-fixes", "--no-cache", str(path))
    assert path.read_text() == ALL_FIXED


def test_a_misspelt_key_is_not_renamed_onto_a_key_that_is_there(tmp_path: Path) -> None:
    given = ALL_FIXED.replace(
        "    publisher: Harbour Gazette\n",
        "    publisher: Harbour Gazette\n    pubisher: Harbour Gazette\n",
    )
    path = desk_brief(tmp_path, given)
    [item] = [item for item in findings(path) if item["rule"] == "schema"]
    assert item["fix"] is None


@pytest.mark.parametrize(
    ("config_name", "config"),
    [
        ("pyproject.toml", "[tool.wwrlint]\nunsafe-fixes = true\n"),
        (".wwrlint.yaml", "unsafe-fixes: true\n"),
    ],
)
def test_the_config_twin_of_unsafe_fixes(config_name: str, config: str, tmp_path: Path) -> None:
    path = desk_brief(tmp_path, MESSY)
    (tmp_path / config_name).write_text(config)
    _, out, err = check("--output-format", "text", "--no-cache", str(path))
    assert out.count(" [*] ") == 5
    assert err.endswith("5 fixable with --fix (see them with --diff).\n")
    check("--fix", "--no-unsafe-fixes", "--no-cache", str(path))
    assert path.read_text() == FIXED
    check("--fix", "--no-cache", str(path))
    assert path.read_text() == ALL_FIXED
    _, out, _ = check("--show-settings", str(path))
    assert json.loads(out)["unsafe-fixes"] is True


def test_text_marks_what_fix_would_fix(tmp_path: Path) -> None:
    path = desk_brief(tmp_path, MESSY)
    _, out, err = check("--output-format", "text", "--no-cache", str(path))
    marked = [line.split(" [")[1].split("]")[0] for line in out.splitlines() if " [*] " in line]
    assert marked == ["apostrophe-quote", "invalid-date", "double-space", "line-break-in-text"]
    assert f"{path}:17:37: WWR402 [unbalanced-quotes] the quotation marks" in out
    assert err.endswith(
        "4 fixable with --fix (see them with --diff).\n1 more fixable with --fix --unsafe-fixes.\n"
    )
    _, out, _ = check("--output-format", "text", "--no-cache", "--unsafe-fixes", str(path))
    assert out.count(" [*] ") == 5
    assert f"{path}:17:37: WWR402 [unbalanced-quotes] [*] the quotation marks" in out


def test_json_carries_the_edits(tmp_path: Path) -> None:
    path = desk_brief(tmp_path, MESSY)
    by_rule = {item["rule"]: item["fix"] for item in findings(path)}
    assert by_rule["apostrophe-quote"] == {
        "message": "write an apostrophe",
        "applicability": "safe",
        "edits": [{"line": 2, "column": 19, "end_line": 2, "end_column": 20, "content": "'"}],
    }
    assert by_rule["line-break-in-text"]["edits"] == [
        {"line": 13, "column": 12, "end_line": 13, "end_column": 13, "content": ">"}
    ]
    assert by_rule["unbalanced-quotes"] == {
        "message": "close the quotation at the end of the text",
        "applicability": "unsafe",
        "edits": [{"line": 17, "column": 57, "end_line": 17, "end_column": 57, "content": "”"}],
    }


def apply_as_an_editor(text: str, edits: list[dict[str, Any]]) -> str:
    """Apply edits given by line and column, last first, as an editor applies text edits."""
    lines = text.splitlines(keepends=True)
    starts = [sum(len(line) for line in lines[:number]) for number in range(len(lines) + 1)]
    for edit in sorted(edits, key=lambda e: (e["line"], e["column"]), reverse=True):
        start = starts[edit["line"] - 1] + edit["column"] - 1
        end = starts[edit["end_line"] - 1] + edit["end_column"] - 1
        text = text[:start] + edit["content"] + text[end:]
    return text


@pytest.mark.parametrize("unsafe", [False, True])
def test_the_json_edits_applied_by_an_editor_make_what_fix_makes(
    unsafe: bool, tmp_path: Path
) -> None:
    path = desk_brief(tmp_path, MESSY)
    found = findings(path)
    edits = [
        edit
        for item in found
        if item["fix"] and (unsafe or item["fix"]["applicability"] == "safe")
        for edit in item["fix"]["edits"]
    ]
    assert apply_as_an_editor(MESSY, edits) == (ALL_FIXED if unsafe else FIXED)


def test_fixes_come_back_the_same_from_the_cache(tmp_path: Path) -> None:
    path = desk_brief(tmp_path, MESSY)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    outputs = [
        check("--output-format", "json", *cache, str(path))[1],
        check("--output-format", "json", *cache, str(path))[1],  # from the cache
        check("--output-format", "json", "--no-cache", str(path))[1],
    ]
    assert outputs[0] == outputs[1] == outputs[2]
    assert sum(bool(item["fix"]) for item in json.loads(outputs[1])) == 5


def rule_text(name: str, *args: str) -> str:
    result = CliRunner().invoke(cli, ["rule", name, *args], catch_exceptions=False)
    assert result.exit_code == 0
    return result.stdout


def test_wwrlint_rule_says_whether_and_how_safely_a_rule_fixes() -> None:
    assert "\nFix: safe, for every finding (applied by --fix): writes one space.\n" in (
        rule_text("double-space")
    )
    assert "\nFix: unsafe, for some findings (applied by --fix --unsafe-fixes): closes" in (
        rule_text("WWR402")
    )
    assert "\nFix: none; what this rule finds needs an editor.\n" in rule_text("WWR101")
    assert json.loads(rule_text("invalid-date", "--output-format", "json"))["fix"] == {
        "applicability": "safe",
        "availability": "sometimes",
        "description": "writes a date given in words (3 January 2022), or in numbers that "
        "read one way only (13/2/2022), as YYYY-MM-DD",
    }
    assert json.loads(rule_text("claim-missing-source", "--output-format", "json"))["fix"] is None
