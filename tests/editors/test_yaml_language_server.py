"""The schemas as editors use them: yaml-language-server (the real server, from npm) reads a
brief's modeline, and its completion of every property of the brief, roster and catalogue
schemas inserts the key with its colon, leaving valid YAML with that key; a broken brief gets
its schema errors at the right lines. The schema files are what `wwrlint schema` prints,
saved beside the briefs as the README says; nothing is fetched."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import REPO
from editors.yls import (
    accept,
    completions,
    cursor,
    diagnostics,
    open_file,
    uri,
    yaml_language_server,
)

EDITORS = ["visual-studio-code", "neovim"]

BRIEF = "# yaml-language-server: $schema=../schema/brief.schema.json\n"
ROSTER = "# yaml-language-server: $schema=../schema/roster.schema.json\n"
CATALOGUE = "# yaml-language-server: $schema=../schema/catalogue.schema.json\n"
HEAD = "id: harbour-2031-03\ntitle: Harbour fees rise again\ndate: 2031-03-09\n"
SOURCE = "sources:\n  gazette-2031-01-20:\n    publisher: Harbour Gazette\n    date: 2031-01-20\n"
CLAIM = "  - claim: Fees at the north harbour rose.\n    sources: [gazette-2031-01-20]\n"

# Where an editor user asks for completion of a new key (‸), in invented briefs of the
# Northwind Desk, and the keys they must be offered there: every object of the schemas.
SPOTS: dict[str, tuple[str, set[str]]] = {
    "brief": (BRIEF + "‸\n", {"id", "title", "date", "analysts", "sources", "notes", "body"}),
    "analyst": (
        BRIEF + HEAD + "analysts:\n  ana-ferreira:\n    ‸\n",
        {"name", "role"},
    ),
    "source": (
        BRIEF + HEAD + "sources:\n  gazette-2031-01-20:\n    ‸\n",
        {"publisher", "date", "title", "url", "type", "brief", "author", "accessed", "note"},
    ),
    "body item": (
        BRIEF + HEAD + SOURCE + "body:\n  - ‸\n",
        {"heading", "paragraph", "claim", "assessment", "quote"},
    ),
    "claim": (
        BRIEF + HEAD + SOURCE + "body:\n  - claim: Fees at the north harbour rose.\n    ‸\n",
        {"sources", "citation", "continues"},
    ),
    "citation": (
        BRIEF + HEAD + SOURCE + "body:\n" + CLAIM + "    citation:\n      ‸\n",
        {"written", "after", "after-stop", "in-words"},
    ),
    "assessment": (
        BRIEF + HEAD + "body:\n  - assessment: Fees will rise again.\n    ‸\n",
        {"continues"},
    ),
    "quote": (
        BRIEF + HEAD + "body:\n  - quote: Every small trader will feel it.\n    ‸\n",
        {"analyst", "attribution", "marks"},
    ),
    "attribution": (
        BRIEF
        + HEAD
        + "body:\n  - quote: Every small trader will feel it.\n    analyst: ana-ferreira\n"
        + "    attribution:\n      ‸\n",
        {"before", "after"},
    ),
    "paragraph item": (
        BRIEF + HEAD + SOURCE + "body:\n  - paragraph:\n      - ‸\n",
        {"claim", "assessment", "quote"},
    ),
    "quoted item": (
        BRIEF + HEAD + SOURCE + "body:\n  - quote:\n      - ‸\n    analyst: ana-ferreira\n",
        {"claim", "assessment"},
    ),
    "roster": (ROSTER + "‸\n", {"analysts"}),
    "roster analyst": (
        ROSTER + "analysts:\n  ana-ferreira:\n    ‸\n",
        {"name", "role", "active-from", "active-until"},
    ),
    "catalogue": (CATALOGUE + "‸\n", {"briefs"}),
    "catalogue entry": (
        CATALOGUE + "briefs:\n  - ‸\n",
        {"id", "date", "publisher", "title", "url", "note"},
    ),
}


def properties(schema: Any) -> Iterator[str]:
    """The name of every property of every object a schema describes."""
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "properties" and isinstance(value, dict):
                yield from value
            yield from properties(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from properties(value)


def keys(data: Any) -> list[str]:
    """Every key of every mapping in parsed YAML."""
    if isinstance(data, dict):
        return [str(k) for k in data] + [k for v in data.values() for k in keys(v)]
    if isinstance(data, list):
        return [k for v in data for k in keys(v)]
    return []


def save_schemas(folder: Path) -> Path:
    """The three schemas saved with `wwrlint schema` into folder/schema, as the README says
    to do outside the repository; the briefs' folder beside it."""
    (folder / "schema").mkdir()
    for name, flags in (("brief", []), ("roster", ["--roster"]), ("catalogue", ["--catalogue"])):
        printed = subprocess.run(
            [sys.executable, "-m", "wwrlint", "schema", *flags],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        (folder / "schema" / f"{name}.schema.json").write_text(printed, encoding="utf-8")
    (folder / "briefs").mkdir()
    return folder / "briefs"


def invalid_insertions(
    text: str, position: types.Position, offered: list[types.CompletionItem]
) -> list[tuple[str, str]]:
    """The completions whose acceptance does not leave valid YAML with more keys (for a
    property: one more of that key): their labels, with the text each leaves."""
    before = keys(yaml.safe_load(text))
    broken: list[tuple[str, str]] = []
    for item in offered:
        after = accept(text, position, item)
        try:
            found = keys(yaml.safe_load(after))
        except yaml.YAMLError:
            found = []
        grew = len(found) > len(before)
        if item.kind == types.CompletionItemKind.Property:
            grew = found.count(item.label) == before.count(item.label) + 1
        if not grew:
            broken.append((item.label, after))
    return broken


async def offered_at(client: LanguageClient, path: Path, spot: str) -> list[types.CompletionItem]:
    text, position = cursor(spot)
    open_file(client, path, text)
    await diagnostics(client, path)  # the schema is loaded
    return await completions(client, path, position)


@pytest.mark.parametrize("editor", EDITORS)
@pytest.mark.asyncio
async def test_completion_of_every_property_inserts_the_key_and_its_colon(
    tmp_path: Path, editor: str
) -> None:
    briefs = save_schemas(tmp_path)
    async with yaml_language_server(tmp_path, editor) as client:
        for name, (spot, expected) in SPOTS.items():
            path = briefs / (name.replace(" ", "-") + ".yaml")
            offered = await offered_at(client, path, spot)
            labels = {i.label for i in offered if i.kind == types.CompletionItemKind.Property}
            assert expected <= labels, name
            text, position = cursor(spot)
            assert invalid_insertions(text, position, offered) == [], name
        logged = "\n".join(m.message for m in client.log_messages)
    assert "Unable to load schema" not in logged
    assert "schemastore" not in logged.lower()


def test_the_spots_reach_every_property_of_the_three_schemas() -> None:
    named = {
        name
        for kind in ("brief", "roster", "catalogue")
        for name in properties(json.loads((REPO / "schema" / f"{kind}.schema.json").read_text()))
    }
    assert named == {key for _, expected in SPOTS.values() for key in expected}


@pytest.mark.asyncio
async def test_quote_completes_with_its_colon_and_would_not_with_only_a_one_of(
    tmp_path: Path,
) -> None:
    """What the user sees accepting `quote` in a new body item; and the bug this guards
    against, put back into a copy of the schema (`quote` with a `oneOf` and no `type`):
    it completes as the bare word, and the check above says so."""
    briefs = save_schemas(tmp_path)
    schema = json.loads((tmp_path / "schema" / "brief.schema.json").read_text())
    quote = schema["$defs"]["quote"]["properties"]["quote"]
    schema["$defs"]["quote"]["properties"]["quote"] = {
        "description": quote["description"],
        "oneOf": [{"type": "string"}, {"type": "array", "items": quote["items"]}],
    }
    (tmp_path / "schema" / "untyped.schema.json").write_text(json.dumps(schema))
    spot = BRIEF + HEAD + "body:\n  - ‸\n"
    untyped = spot.replace("brief.schema", "untyped.schema")
    async with yaml_language_server(tmp_path, "visual-studio-code") as client:
        offered = await offered_at(client, briefs / "typed.yaml", spot)
        offered_untyped = await offered_at(client, briefs / "untyped.yaml", untyped)
    text, position = cursor(spot)
    accepted = {
        accept(text, position, i)[len(text) - len("  - \n") :]
        for i in offered
        if i.label == "quote" and i.kind == types.CompletionItemKind.Property
    }
    # The array form, `type` being ["string", "array"]: valid YAML, the list to fill in or
    # to replace by the words.
    assert accepted == {"  - quote:\n      - \n"}
    text, position = cursor(untyped)
    broken = invalid_insertions(text, position, offered_untyped)
    assert {label for label, _ in broken} == {"quote"}
    assert ("quote", text.replace("  - \n", "  - quote\n")) in broken


@pytest.mark.asyncio
async def test_a_broken_brief_gets_its_schema_errors_at_their_lines(tmp_path: Path) -> None:
    briefs = save_schemas(tmp_path)
    broken = (
        BRIEF
        + HEAD
        + "sources:\n  gazette-2031-01-20:\n    publisher: Harbour Gazette\n    date: March 2031\n"
        + "body:\n"
        + CLAIM
        + "  - qoute: Every small trader will feel it.\n    analyst: ana-ferreira\n"
    )
    async with yaml_language_server(tmp_path, "visual-studio-code") as client:
        open_file(client, briefs / "broken.yaml", broken)
        found = await diagnostics(client, briefs / "broken.yaml", lambda found: len(found) >= 4)
    shown = sorted(
        (d.range.start.line + 1, d.range.start.character + 1, d.range.end.character + 1, d.message)
        for d in found
    )
    assert shown == [
        (8, 11, 21, 'String does not match the pattern of "^[0-9]{4}-[0-9]{2}-[0-9]{2}$".'),
        (8, 11, 21, "String is not a RFC3339 date."),
        (12, 5, 6, 'Missing property "quote".'),
        (12, 5, 10, "Property qoute is not allowed."),
    ]
    assert {d.source for d in found} == {"yaml-schema: wwrlint brief (format v1)"}


@pytest.mark.asyncio
async def test_the_archive_s_own_files_are_valid_for_the_editor() -> None:
    """The seed brief, the roster and the catalogue, opened where they are (their modelines
    name the repository's schema/ folder): no schema diagnostics."""
    async with yaml_language_server(REPO, "visual-studio-code") as client:
        for name in ("wwr-pakistan-taliban-2022.yaml", "analysts.yaml", "catalogue.yaml"):
            path = REPO / "briefs" / name
            client.text_document_did_open(
                types.DidOpenTextDocumentParams(
                    types.TextDocumentItem(uri(path), "yaml", 1, path.read_text(encoding="utf-8"))
                )
            )
        shown = {
            name: await diagnostics(client, REPO / "briefs" / name)
            for name in ("wwr-pakistan-taliban-2022.yaml", "analysts.yaml", "catalogue.yaml")
        }
    assert shown == {name: [] for name in shown}
