"""Knowing the brief's own ids: completion, hover, go to definition, references, rename and
the outline, through a real client."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcException

from desk import CITING, make_desk
from server.lsp import Client, apply, at, check_json, server, uri

pytestmark = pytest.mark.asyncio


def doc(path: Path) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri(path))


async def complete(client: Client, path: Path, text: str) -> dict[str, str | None]:
    """Type `text` as the whole buffer, cursor at its end; the completions, by label."""
    client.replace(path, text)
    lines = text.split("\n")
    position = types.Position(len(lines) - 1, len(lines[-1]))
    found = await client.text_document_completion_async(types.CompletionParams(doc(path), position))
    assert isinstance(found, types.CompletionList)
    return {item.label: item.detail for item in found.items}


async def test_completion_of_source_analyst_and_brief_ids(tmp_path: Path) -> None:
    briefs = make_desk(tmp_path, git=True)
    citing = briefs / "citing.yaml"
    head, _, _ = CITING.partition("body:")
    async with server(tmp_path) as client:
        client.open(citing)
        await client.diagnostics_of(citing)
        typed = head + "body:\n  - claim: Fees rose.\n    sources: [gazette-2031-01-20, "
        assert await complete(client, citing, typed) == {
            "gazette-2031-01-20": "Harbour Gazette, 2031-01-20",
            "earlier": "Northwind Desk, 2031-02-01",
        }
        typed = head + "body:\n  - claim: Fees rose.\n    sources:\n      - ea"
        assert list(await complete(client, citing, typed)) == ["gazette-2031-01-20", "earlier"]
        typed = head + "body:\n  - quote: The rise.\n    analyst: an"
        assert await complete(client, citing, typed) == {
            "ana-ferreira": "Ana Ferreira, Northwind Desk analyst"
        }
        typed = CITING.replace("    brief: harbour-2031-02\nbody:", "    brief: ").split("\nbody:")[
            0
        ]
        typed = typed.split("    brief: ")[0] + "    brief: "
        assert await complete(client, citing, typed) == {"harbour-2031-02": "brief of 2031-02-01"}
        # nowhere an id goes: nothing
        assert await complete(client, citing, head + "body:\n  - claim: Fees ") == {}


async def test_hover_shows_the_entry_of_an_id(tmp_path: Path) -> None:
    briefs = make_desk(tmp_path, git=True)
    citing = briefs / "citing.yaml"
    async with server(tmp_path) as client:
        client.open(citing)

        async def hover(needle: str) -> str:
            found = await client.text_document_hover_async(
                types.HoverParams(doc(citing), at(CITING, needle, 2))
            )
            assert found is not None
            assert isinstance(found.contents, types.MarkupContent)
            return found.contents.value

        words = await hover("earlier]")
        assert "**source `earlier`**" in words
        assert "- publisher: Northwind Desk\n- date: 2031-02-01" in words
        words = await hover("ana-ferreira")
        assert "from the archive's roster" in words
        assert "- name: Ana Ferreira\n- role: Northwind Desk analyst" in words
        assert "dated 2031-02-01, in `2031/earlier.yaml`" in await hover("harbour-2031-02")
        assert (
            await client.text_document_hover_async(
                types.HoverParams(doc(citing), at(CITING, "Fees at"))
            )
            is None
        )


async def test_go_to_definition(tmp_path: Path) -> None:
    briefs = make_desk(tmp_path, git=True)
    citing = briefs / "citing.yaml"
    async with server(tmp_path) as client:
        client.open(citing)

        async def definition(needle: str) -> list[tuple[str, int, int]]:
            found = await client.text_document_definition_async(
                types.DefinitionParams(doc(citing), at(CITING, needle, 1))
            )
            assert isinstance(found, list)
            return [
                (location.uri, location.range.start.line, location.range.start.character)
                for location in found
                if isinstance(location, types.Location)
            ]

        assert await definition("gazette-2031-01-20, ") == [(uri(citing), 4, 2)]
        # a roster analyst: in the roster file
        assert await definition("ana-ferreira") == [(uri(briefs / "analysts.yaml"), 1, 2)]
        # an earlier brief: its id, in its file
        assert await definition("harbour-2031-02") == [
            (uri(briefs / "2031" / "earlier.yaml"), 0, 4)
        ]


async def test_references_of_a_source_are_the_claims_citing_it(tmp_path: Path) -> None:
    briefs = make_desk(tmp_path, git=True)
    citing = briefs / "citing.yaml"
    async with server(tmp_path) as client:
        client.open(citing)
        for declaration, expected in ((False, [14]), (True, [4, 14])):
            found = await client.text_document_references_async(
                types.ReferenceParams(
                    text_document=doc(citing),
                    position=at(CITING, "gazette-2031-01-20:"),
                    context=types.ReferenceContext(include_declaration=declaration),
                )
            )
            assert [location.range.start.line for location in found or []] == expected


async def test_rename_edits_every_use_and_refuses_what_it_cannot(tmp_path: Path) -> None:
    briefs = make_desk(tmp_path, git=True)
    citing = briefs / "citing.yaml"
    async with server(tmp_path) as client:
        client.open(citing)
        place = at(CITING, "gazette-2031-01-20, ")
        prepared = await client.text_document_prepare_rename_async(
            types.PrepareRenameParams(doc(citing), place)
        )
        assert isinstance(prepared, types.Range)
        assert (prepared.start.line, prepared.start.character, prepared.end.character) == (
            14,
            14,
            32,
        )
        edit = await client.text_document_rename_async(
            types.RenameParams(doc(citing), place, "gazette-jan")
        )
        assert edit is not None
        assert edit.changes is not None
        renamed = apply(CITING, list(edit.changes[uri(citing)]))
        assert renamed.count("gazette-jan") == 2
        assert "gazette-2031-01-20" not in renamed
        citing.write_text(renamed)
        assert check_json(tmp_path, "briefs/citing.yaml") == []
        client.replace(citing, renamed)

        async def refused(needle: str, name: str) -> str:
            with pytest.raises(JsonRpcException) as raised:
                await client.text_document_rename_async(
                    types.RenameParams(doc(citing), at(renamed, needle), name)
                )
            return str(raised.value)

        assert "is not an id" in await refused("gazette-jan:", "Gazette Jan")
        assert "already has a source 'earlier'" in await refused("gazette-jan:", "earlier")
        assert "rename it there" in await refused("ana-ferreira", "ana")


OUTLINED = """\
id: harbour-outline
title: Harbour fees
date: 2031-03-09
sources:
  gazette:
    publisher: Harbour Gazette
    date: 2031-01-20
body:
  - heading: The fees
  - paragraph:
      - claim: Fees rose.
        sources: [gazette]
      - quote: The rise will be felt.
        analyst: ana-ferreira
  - heading: The traders
  - quote: Small traders pay most.
    analyst: ana-ferreira
"""


async def test_the_outline_holds_headings_paragraphs_and_quotes(tmp_path: Path) -> None:
    briefs = make_desk(tmp_path, git=True)
    outlined = briefs / "outlined.yaml"
    async with server(tmp_path) as client:
        client.open(outlined, OUTLINED)
        found = await client.text_document_document_symbol_async(
            types.DocumentSymbolParams(doc(outlined))
        )

        def tree(symbols: object) -> list[object]:
            return [
                (s.name, s.detail, s.range.start.line, tree(s.children or []))
                for s in symbols  # type: ignore[attr-defined]
            ]

        assert tree(found) == [
            (
                "The fees",
                "heading",
                8,
                [
                    (
                        "Fees rose.",
                        "paragraph",
                        9,
                        [("The rise will be felt.", "quote by ana-ferreira", 12, [])],
                    )
                ],
            ),
            (
                "The traders",
                "heading",
                14,
                [("Small traders pay most.", "quote by ana-ferreira", 15, [])],
            ),
        ]
