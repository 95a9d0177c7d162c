"""The registry: every rule is complete, and its documented examples do what they say."""

import re

import pytest

from wwrlint.config import _KEYS, from_table
from wwrlint.linter import lint
from wwrlint.rules import OPTIONS, RULES, Rule, find
from wwrlint.rules.base import OPTION_TYPES


def lint_example(rule: Rule, example: str) -> list[str]:
    """The rules that fire on an example, in the archive and with the settings it assumes
    (read as a configuration would be)."""
    settings = from_table(rule.example_config, "example config", root=".")
    return [d.rule for d in lint("example.yaml", example.encode(), settings, rule.example_archive)]


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_bad_example_triggers_the_rule(rule: Rule) -> None:
    assert rule.name in lint_example(rule, rule.bad)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_good_example_is_clean(rule: Rule) -> None:
    assert lint_example(rule, rule.good) == []


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_rule_is_fully_declared(rule: Rule) -> None:
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    assert re.fullmatch(r"WWR[0-9]{3}", rule.code)
    assert rule.severity in ("error", "warning")
    assert rule.summary.endswith(".")
    assert len(rule.rationale) > 40


def test_names_and_codes_are_unique() -> None:
    assert len({rule.name for rule in RULES}) == len(RULES)
    assert len({rule.code for rule in RULES}) == len(RULES)


def test_the_design_rules_exist_with_their_severities() -> None:
    expected = {
        "yaml-syntax": "error",
        "schema": "error",
        "claim-missing-source": "error",
        "unknown-source": "error",
        "source-missing-date": "error",
        "invalid-date": "error",
        "quote-missing-analyst": "error",
        "unknown-analyst": "error",
        "source-after-brief": "error",
        "unused-source": "warning",
    }
    for name, severity in expected.items():
        found_rule = find(name)
        assert found_rule is not None, name
        assert found_rule.severity == severity


def test_find_by_code_any_case() -> None:
    assert find("wwr101") is find("WWR101") is find("claim-missing-source")
    assert find("no-such-rule") is None


def test_options_are_fully_declared_and_unique() -> None:
    declared = [option for rule in RULES for option in rule.options]
    assert len({option.name for option in declared}) == len(declared)
    assert not set(OPTIONS) & set(_KEYS)  # an option may not hide a setting's key
    for option in declared:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", option.name)
        assert option.type in OPTION_TYPES
        assert option.default is None or option.problem(option.default) is None
        assert option.description.endswith(".")


@pytest.mark.parametrize("rule", [rule for rule in RULES if rule.options], ids=lambda r: r.name)
def test_a_rule_with_options_documents_them_in_its_examples(rule: Rule) -> None:
    assert set(rule.example_config) <= set(OPTIONS) | set(_KEYS)
    for name in rule.example_config:
        assert f"# {name}: " in rule.bad
