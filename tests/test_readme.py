"""README.md stays true: its set-up commands, its rule table, its brief example."""

from __future__ import annotations

import re

from conftest import REPO
from wwrlint.linter import lint
from wwrlint.rules.docs import rules_markdown

README = (REPO / "README.md").read_text(encoding="utf-8")


def command_after(marker: str) -> str:
    after = README.split(f"<!-- {marker} -->", 1)[1]
    return re.search(r"```sh\n(.+)\n```", after).group(1)  # type: ignore[union-attr]


def test_readme_opens_with_the_two_set_up_commands() -> None:
    run, test = command_after("run-command"), command_after("test-command")
    assert run.endswith("wwrlint check briefs/")
    assert "pip install" in run
    assert "pip install '.[test]'" in test
    assert test.endswith("pytest")
    assert README.index("run-command") < README.index("test-command") < README.index("## ")


def test_rule_table_is_the_registry() -> None:
    table = README.split("<!-- rules:start -->\n", 1)[1].split("<!-- rules:end -->", 1)[0]
    assert table == rules_markdown()


def test_brief_example_passes() -> None:
    example = README.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert lint("README.md", example.encode()) == []
