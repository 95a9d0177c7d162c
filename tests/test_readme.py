"""README.md stays true: its set-up commands, its rule table, its brief example."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import REPO, VALID
from wwrlint.cli import cli
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


def example(name: str) -> str:
    """The code block after `<!-- example: NAME -->`."""
    after = README.split(f"<!-- example: {name} -->\n", 1)[1]
    return re.search(r"```\w+\n(.*?)```", after, re.S).group(1)  # type: ignore[union-attr]


def test_pre_commit_example_uses_the_published_hook() -> None:
    config = yaml.safe_load(example("pre-commit"))
    manifest = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    [repo] = config["repos"]
    assert {hook["id"] for hook in repo["hooks"]} <= {hook["id"] for hook in manifest}


@pytest.mark.parametrize(
    ("name", "file_name"), [("pyproject", "pyproject.toml"), ("wwrlint-yaml", ".wwrlint.yaml")]
)
def test_configuration_examples_work_and_agree(tmp_path: Path, name: str, file_name: str) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / file_name).write_text(example(name))
    old = tmp_path / "briefs" / "2015" / "old.yaml"
    old.parent.mkdir(parents=True)
    old.write_text(VALID.replace("date: 2022-01-03", "date: 2022-13-01"))
    drafts = tmp_path / "briefs" / "drafts"
    drafts.mkdir()
    (drafts / "wip.yaml").write_text("not: [yaml\n")
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "briefs")])
    assert (result.exit_code, result.stdout) == (0, "")
    shown = CliRunner().invoke(cli, ["check", "--show-settings", str(old)])
    settings = json.loads(shown.stdout)
    assert settings["ignore"] == ["unused-source"]
    assert settings["severity"] == {"unused-analyst": "error"}
    assert settings["per-file-ignores"] == {"briefs/2015/**": ["WWR2"]}
    assert settings["require-suppression-reason"] is True


def test_suppression_example_silences_its_rule() -> None:
    source = example("suppressions")
    brief = VALID.replace("sources:\n", source.replace("sources:\n", "sources:\n", 1), 1)
    assert "lwj-2021-12-15:  # wwrlint" in brief
    assert lint("x.yaml", brief.encode()) == []
    assert [d.rule for d in lint("x.yaml", brief.replace("  # wwrlint", "  # note").encode())] == [
        "unused-source"
    ]
