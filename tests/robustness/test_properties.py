"""Properties over generated input: any text ends in exit 0, 1 or 2 with well-formed output
in every format; --fix is idempotent, touches only the lines it fixes, and leaves a passing
brief as it was."""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft4Validator

from strategies import briefs
from wwrlint.cli import cli
from wwrlint.linter import lint
from wwrlint.prose.emit import dump

SARIF = Draft4Validator(
    json.loads((Path(__file__).parent.parent / "data" / "sarif-schema-2.1.0.json").read_text())
)
FUNCTION_TMP = settings(
    deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60
)
yamlish = st.text(
    alphabet=st.sampled_from([*"ab: -#&*!|>'\"[]{},?\n\t\r~.0123456789", "é", "\x00", "“"]),
    max_size=120,
)


def check(path: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", "--no-cache", *args, str(path)])
    return result.exit_code, result.stdout


@FUNCTION_TMP
@given(content=st.one_of(yamlish.map(str.encode), st.binary(max_size=200)))
def test_any_bytes_give_well_formed_output_in_every_format(content: bytes, tmp_path: Path) -> None:
    path = tmp_path / "any.yaml"
    path.write_bytes(content)
    outputs = {}
    for output_format in ("text", "json", "sarif", "github", "gitlab"):
        code, out = check(path, "--output-format", output_format)
        assert code in (0, 1, 2)
        outputs[output_format] = out
    assert isinstance(json.loads(outputs["json"]), list)
    assert isinstance(json.loads(outputs["gitlab"]), list)
    SARIF.validate(json.loads(outputs["sarif"]))
    assert all(
        line.startswith(("::error ", "::warning ")) for line in outputs["github"].splitlines()
    )


def messy(brief: dict[str, Any], where: int, flaw: str) -> dict[str, Any]:
    """The brief with one typography flaw put into one of its claims or assessments."""
    items = brief["body"][0]["paragraph"] if "paragraph" in brief["body"][0] else brief["body"]
    for item in items[where % len(items) :] + items[: where % len(items)]:
        for key in ("claim", "assessment"):
            if isinstance(item.get(key), str):
                item[key] = item[key] + flaw
                return brief
    return brief


@FUNCTION_TMP
@given(
    brief=briefs(broken=False),
    where=st.integers(0, 10),
    flaw=st.sampled_from([' the country"s border.', "  two  spaces.", " “open quote."]),
)
def test_fix_is_idempotent_and_touches_only_fixed_lines(
    brief: dict[str, Any], where: int, flaw: str, tmp_path: Path
) -> None:
    path = tmp_path / "brief.yaml"
    original = dump(messy(brief, where, flaw), ["a generated brief"], {})
    path.write_text(original)
    fixable = [d for d in lint(str(path), original.encode()) if d.fix is not None]
    allowed: set[int] = set()
    for diagnostic in fixable:
        allowed |= set(range(diagnostic.span.line, diagnostic.span.end_line + 1))
    CliRunner().invoke(cli, ["check", "--fix", "--no-cache", str(path)])
    once = path.read_text()
    changed = {
        index + 1
        for tag, i1, i2, _, _ in difflib.SequenceMatcher(
            None, original.splitlines(), once.splitlines()
        ).get_opcodes()
        if tag != "equal"
        for index in range(i1, max(i2, i1 + 1))
    }
    assert changed <= allowed
    CliRunner().invoke(cli, ["check", "--fix", "--no-cache", str(path)])
    assert path.read_text() == once
    assert [d for d in lint(str(path), once.encode()) if d.fix is not None] == []


@FUNCTION_TMP
@given(brief=briefs(broken=False))
def test_a_passing_brief_is_left_as_it_was(brief: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    text = dump(brief, ["a generated brief"], {})
    path.write_text(text)
    if any(d.fix is not None for d in lint(str(path), text.encode())):
        return  # generated text can hold a fixable flaw of its own; the test above covers it
    result = CliRunner().invoke(cli, ["check", "--fix", "--no-cache", str(path)])
    assert path.read_text() == text
    assert result.exit_code in (0, 1)
