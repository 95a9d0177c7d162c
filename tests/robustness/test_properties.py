"""Properties over generated input, in a plain folder and as briefs of an archive in a git
repository: any text ends in exit 0, 1 or 2 with well-formed output in every format and
never a crash; --fix is idempotent, touches only the lines it fixes, and leaves a passing
brief as it was."""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft4Validator

from robustness.places import ARCHIVE, PLACES, PLAIN, invoke, make_place
from strategies import briefs
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


# Reporters do not depend on where a file is: in an archive (where each run also indexes
# the archive, the costly part), two formats are enough to run the archive rules on any
# bytes and see their findings rendered.
FORMATS = {PLAIN: ("text", "json", "sarif", "github", "gitlab"), ARCHIVE: ("json", "sarif")}


def check(path: Path, *args: str) -> tuple[int, str]:
    """Exit code and output of a check, which must not have crashed (see `invoke`)."""
    result = invoke(["check", "--no-cache", *args, str(path)])
    return result.exit_code, result.stdout


@pytest.mark.parametrize("place", PLACES)
@FUNCTION_TMP
@given(content=st.one_of(yamlish.map(str.encode), st.binary(max_size=200)))
def test_any_bytes_give_well_formed_output_in_every_format(
    place: str, content: bytes, tmp_path: Path
) -> None:
    path = make_place(tmp_path, place) / "any.yaml"
    path.write_bytes(content)
    outputs = {}
    for output_format in FORMATS[place]:
        code, out = check(path, "--output-format", output_format)
        assert code in (0, 1, 2)
        outputs[output_format] = out
    assert isinstance(json.loads(outputs["json"]), list)
    SARIF.validate(json.loads(outputs["sarif"]))
    if place == PLAIN:
        assert isinstance(json.loads(outputs["gitlab"]), list)
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


@pytest.mark.parametrize("place", PLACES)
@FUNCTION_TMP
@given(
    brief=briefs(broken=False),
    where=st.integers(0, 10),
    flaw=st.sampled_from([' the country"s border.', "  two  spaces.", " “open quote."]),
)
def test_fix_is_idempotent_and_touches_only_fixed_lines(
    place: str, brief: dict[str, Any], where: int, flaw: str, tmp_path: Path
) -> None:
    path = make_place(tmp_path, place) / "brief.yaml"
    original = dump(messy(brief, where, flaw), ["a generated brief"], {})
    path.write_text(original)
    # What --fix may change: the lines of the edits of the safe fixes.
    fixable = [d.fix for d in lint(str(path), original.encode()) if d.fix and d.fix.applies(False)]
    allowed: set[int] = set()
    for fix in fixable:
        for edit in fix.edits:
            allowed |= set(range(edit.span.line, edit.span.end_line + 1))
    invoke(["check", "--fix", "--no-cache", str(path)])
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
    invoke(["check", "--fix", "--no-cache", str(path)])
    assert path.read_text() == once
    assert [d for d in lint(str(path), once.encode()) if d.fix and d.fix.applies(False)] == []


@pytest.mark.parametrize("place", PLACES)
@FUNCTION_TMP
@given(brief=briefs(broken=False))
def test_a_passing_brief_is_left_as_it_was(
    place: str, brief: dict[str, Any], tmp_path: Path
) -> None:
    path = make_place(tmp_path, place) / "brief.yaml"
    text = dump(brief, ["a generated brief"], {})
    path.write_text(text)
    if any(d.fix is not None for d in lint(str(path), text.encode())):
        return  # generated text can hold a fixable flaw of its own; the test above covers it
    result = invoke(["check", "--fix", "--no-cache", str(path)])  # asserts it did not crash
    assert path.read_text() == text
    assert result.exit_code in (0, 1)
