"""The fast path (jsonschema-rs as the gate) and the detailed path (jsonschema alone) give
the same diagnostics, for valid and broken briefs alike."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from strategies import briefs
from wwrlint import validation
from wwrlint.linter import lint
from wwrlint.validation import fast_check

pytestmark = pytest.mark.skipif(fast_check() is None, reason="jsonschema-rs is not installed")


def as_yaml(data: dict[str, Any]) -> bytes:
    # JSON is YAML: every value is written the way the data means it.
    return json.dumps(data, ensure_ascii=False, indent=1).encode()


def diagnostics(
    content: bytes, fast: bool, monkeypatch: pytest.MonkeyPatch
) -> list[tuple[str, int, int, str]]:
    with monkeypatch.context() as patch:
        if not fast:
            patch.setattr(validation, "fast_check", lambda: None)
        return [(d.rule, d.span.line, d.span.column, d.message) for d in lint("x.yaml", content)]


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(brief=briefs())
def test_fast_and_detailed_paths_agree(
    brief: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    content = as_yaml(brief)
    assert diagnostics(content, True, monkeypatch) == diagnostics(content, False, monkeypatch)


@settings(max_examples=200, deadline=None)
@given(brief=briefs(broken=False))
def test_valid_briefs_pass_the_gate(brief: dict[str, Any]) -> None:
    is_valid = fast_check()
    assert is_valid is not None
    assert is_valid(brief)
    assert [d.rule for d in lint("x.yaml", as_yaml(brief)) if d.rule == "schema"] == []


@settings(max_examples=200, deadline=None)
@given(brief=briefs())
def test_the_archive_summary_read_from_the_head_is_the_whole_briefs(brief: dict[str, Any]) -> None:
    import tempfile
    from pathlib import Path

    from wwrlint.archive.summary import summarize, summary_of
    from wwrlint.loading import load
    from wwrlint.prose.emit import dump

    try:
        text = dump(brief, ["generated"], {}) if isinstance(brief.get("body"), list) else None
    except (AssertionError, KeyError, TypeError, AttributeError):
        text = None
    content = (text or json.dumps(brief, indent=1)).encode()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "b.yaml"
        path.write_bytes(content)
        fast = summary_of(str(path), content)
        whole = summarize(str(path), load(str(path), content).data)
    assert (fast and (fast.id, fast.date, fast.sources)) == (
        whole and (whole.id, whole.date, whole.sources)
    )
