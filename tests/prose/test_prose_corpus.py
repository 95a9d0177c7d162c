"""Import prose written by someone else: the corpus in corpus/ (see its README), each file
with the sources, analysts and quotes its author listed in manifest.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from wwrlint.brief import body_items
from wwrlint.linter import lint
from wwrlint.prose.importer import draft_text, import_prose

CORPUS = Path(__file__).parent / "corpus"
MANIFEST: dict[str, dict[str, Any]] = json.loads((CORPUS / "manifest.json").read_text("utf-8"))


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_import_finds_what_the_author_cited_and_quoted(name: str) -> None:
    expected = MANIFEST[name]
    draft = import_prose((CORPUS / name).read_text("utf-8"), name)
    data = draft.data
    sources = [
        {"publisher": s["publisher"], "date": s.get("date")}
        for s in data.get("sources", {}).values()
    ]
    analysts = [
        {"name": a["name"], "role": a.get("role")} for a in data.get("analysts", {}).values()
    ]
    quotes = [item for item in body_items(data) if item.kind == "quote"]
    claims = [item for item in body_items(data) if item.kind == "claim" and not item.in_quote]
    assert sources == expected["sources"]
    assert analysts == expected["analysts"]
    assert len(quotes) == expected["quotes"]
    assert sum("analyst" not in q.data for q in quotes) == expected["unattributed_quotes"]
    assert len(claims) >= expected["claims_min"]


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_check_flags_exactly_the_gaps_the_import_left(name: str) -> None:
    expected = MANIFEST[name]
    draft = import_prose((CORPUS / name).read_text("utf-8"), name)
    text = draft_text(draft, name, "brief.schema.json")
    errors = [d.rule for d in lint(name, text.encode()) if d.severity == "error"]
    undated = sum(1 for source in expected["sources"] if source["date"] is None)
    assert sorted(errors) == sorted(
        ["source-missing-date"] * undated
        + ["quote-missing-analyst"] * expected["unattributed_quotes"]
    )
