"""The fast path (jsonschema-rs, its errors worded) and the other path (jsonschema alone,
where jsonschema-rs is not installed or cannot take a value) give the same diagnostics,
for valid and broken briefs alike."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from strategies import briefs
from wwrlint import validation
from wwrlint.linter import lint
from wwrlint.validation import fast_validator

pytestmark = pytest.mark.skipif(fast_validator() is None, reason="jsonschema-rs is not installed")


def as_yaml(data: dict[str, Any]) -> bytes:
    # JSON is YAML: every value is written the way the data means it.
    return json.dumps(data, ensure_ascii=False, indent=1).encode()


def diagnostics(
    content: bytes, fast: bool, monkeypatch: pytest.MonkeyPatch
) -> list[tuple[str, int, int, str]]:
    with monkeypatch.context() as patch:
        if not fast:
            patch.setattr(validation, "fast_validator", lambda kind="brief": None)
        return [(d.rule, d.span.line, d.span.column, d.message) for d in lint("x.yaml", content)]


# Parts of two entries split the generated briefs' sources, analysts and body: validating
# a part at a time finds what validating whole does.
@pytest.mark.parametrize("part", [validation.PART, 2])
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(brief=briefs())
def test_fast_and_detailed_paths_agree(
    part: int, brief: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    content = as_yaml(brief)
    with monkeypatch.context() as patch:
        patch.setattr(validation, "PART", part)
        fast = diagnostics(content, True, monkeypatch)
    assert fast == diagnostics(content, False, monkeypatch)


@settings(max_examples=200, deadline=None)
@given(brief=briefs(broken=False))
def test_valid_briefs_pass_the_gate(brief: dict[str, Any]) -> None:
    fast = fast_validator()
    assert fast is not None
    assert fast.is_valid(brief)
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


def test_a_brief_of_thousands_of_sources_is_validated_in_parts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Broken entries in the first part, a middle one and the last, of sources and body."""
    count = 3 * validation.PART + 7
    broken = {0, validation.PART + 1, count - 1}
    sources = {
        f"gazette-{i:05d}": {"publsher" if i in broken else "publisher": "Harbour Gazette"}
        | {"date": "20 January 2031" if i in broken else "2031-01-20"}
        for i in range(count)
    }
    body = [
        {"claim": f"Fees rose {i}."} if i in broken else {"claim": "Fees rose.", "sources": [key]}
        for i, key in enumerate(sources)
    ]
    brief = {"id": "harbour-fees", "title": "Fees", "date": "2031-02-01", "sources": sources}
    content = as_yaml(brief | {"body": body})
    found = diagnostics(content, True, monkeypatch)
    assert found == diagnostics(content, False, monkeypatch)
    lines = content.decode().splitlines()
    for i in sorted(broken):
        key_line = lines.index(f'  "gazette-{i:05d}": {{') + 1
        claim_line = lines.index(f'   "claim": "Fees rose {i}."') + 1
        source = f"source 'gazette-{i:05d}'"
        assert {
            (
                "schema",
                key_line + 1,
                4,
                f"unknown key 'publsher' in {source}; did you mean 'publisher'?",
            ),
            (
                "invalid-date",
                key_line + 2,
                12,
                f"the date of {source} is '20 January 2031', which is not an ISO 8601 date; "
                "write it as YYYY-MM-DD",
            ),
            (
                "claim-missing-source",
                claim_line - 1,
                3,
                f"claim 'Fees rose {i}.' cites no source; add the ids of the sources that back "
                "it under 'sources', or make it an assessment",
            ),
        } <= set(found)
    assert sum(rule == "schema" for rule, *_ in found) == len(broken)


def test_keys_of_digits_are_told_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    """jsonschema-rs gives the keys "0", "00" and "+0" all as the number 0."""
    sources = {
        key: {"publisher": "Harbour Gazette", "date": "20 January 2031" if key == "00" else day}
        for key, day in (("0", "2031-01-20"), ("00", ""), ("+0", "2031-01-21"), ("7", "2031-01-22"))
    }
    sources["7"]["publsher"] = sources["7"].pop("publisher")
    body = [{"claim": "Fees rose.", "sources": list(sources)}]
    brief = {"id": "harbour-fees", "title": "Fees", "date": "2031-02-01", "sources": sources}
    content = as_yaml(brief | {"body": body})
    found = diagnostics(content, True, monkeypatch)
    assert found == diagnostics(content, False, monkeypatch)
    assert [(rule, line, column) for rule, line, column, _ in found] == [
        ("invalid-date", 12, 12),
        ("schema", 14, 3),  # '+0' is no valid id
        ("schema", 20, 4),
        ("schema", 29, 5),
    ]
    assert found[0][3].startswith("the date of source '00' is '20 January 2031'")
    assert found[2][3] == "unknown key 'publsher' in source '7'; did you mean 'publisher'?"


# Blank to Python's `\s` or to ECMAScript's (JSON Schema's patterns), not to both: the
# schema names them all, so that the two validators agree (`\S` made a claim of U+FEFF
# empty to jsonschema-rs and not to jsonschema).
ONE_ENGINES_BLANKS = ["\ufeff", "\x1c", "\x1f", "\x85"]


@pytest.mark.parametrize("blank", [*ONE_ENGINES_BLANKS, " \u3000\t"])
def test_a_text_blank_to_either_engine_is_empty_on_both_paths(
    blank: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    brief = {
        "id": "harbour-2031-04",
        "title": "Harbour fees",
        "date": "2031-04-02",
        "sources": {"gazette": {"publisher": "Harbour Gazette", "date": "2031-01-20"}},
        "body": [{"claim": blank, "sources": ["gazette"]}],
    }
    content = as_yaml(brief)
    fast = diagnostics(content, True, monkeypatch)
    assert fast == diagnostics(content, False, monkeypatch)
    assert [d[:3] for d in fast] == [("schema", 13, 13)]
    assert fast[0][3].startswith("the text of claim ")
    assert fast[0][3].endswith(" is empty")
