"""Hostile buffers and requests at every place: the server answers, publishes what check
would, and never shows a traceback (the `server` helper asserts that on the way out)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from desk import CITING, make_desk
from server.lsp import check_json, server, uri

pytestmark = pytest.mark.asyncio

HOSTILE = {
    "empty": "",
    "not-yaml": "id: [unclosed\n  - : :\n",
    "nul": "id: a\x00b\n",
    "tabs": "id: x\n\tbody: []\n",
    "deep": "body: " + "[" * 10_000 + "]" * 10_000 + "\n",
    "aliases": "a: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(12)
    ),
    "a-list": "- 1\n- 2\n",
    "python-tag": "id: !!python/object/apply:os.system ['touch /tmp/wwrlint-pwned']\n",
    "crlf": CITING.replace("\n", "\r\n"),
    "lone-cr": CITING.replace("\n", "\r"),
    "two-documents": CITING + "---\n" + CITING,
}


async def test_hostile_buffers_get_diagnostics_and_every_request_an_answer(tmp_path: Path) -> None:
    briefs = make_desk(tmp_path, git=True)
    async with server(tmp_path) as client:
        for name, text in HOSTILE.items():
            path = briefs / f"{name}.yaml"
            client.open(path, text)
            await client.diagnostics_of(path)
            document = types.TextDocumentIdentifier(uri(path))
            lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")[:40]
            for line, content in enumerate(lines):
                for character in sorted({0, len(content) // 2, len(content), len(content) + 5})[:4]:
                    place = types.Position(line, character)
                    await client.text_document_hover_async(types.HoverParams(document, place))
                    await client.text_document_completion_async(
                        types.CompletionParams(document, place)
                    )
                    await client.text_document_definition_async(
                        types.DefinitionParams(document, place)
                    )
            await client.text_document_document_symbol_async(types.DocumentSymbolParams(document))
            whole = types.Range(types.Position(0, 0), types.Position(len(lines) + 1, 0))
            await client.text_document_code_action_async(
                types.CodeActionParams(document, whole, types.CodeActionContext([]))
            )
            client.close(path)
    assert not Path("/tmp/wwrlint-pwned").exists()


async def test_a_buffer_too_large_for_a_brief_is_refused_in_one_line(tmp_path: Path) -> None:
    briefs = make_desk(tmp_path, git=True)
    path = briefs / "huge.yaml"
    async with server(tmp_path) as client:
        client.open(path, "id: x\nnote: " + "a" * (5 * 1024 * 1024) + "\n")
        assert await client.diagnostics_of(path) == []
        (shown,) = client.messages
        assert "too large for a brief" in shown.message


@pytest.mark.parametrize("editor", ["visual-studio-code", "neovim@v0.10.0", "emacs"])
async def test_columns_count_the_code_units_the_client_wants(tmp_path: Path, editor: str) -> None:
    briefs = make_desk(tmp_path, git=True)
    path = briefs / "citing.yaml"
    text = CITING.replace(
        "[gazette-2031-01-20, earlier]", '[gazette-2031-01-20, earlier, "🚢", gazete]'
    )
    found = check_json(tmp_path, "--stdin-filename", "briefs/citing.yaml", stdin=text)
    (after,) = [d for d in found if "'gazete'" in d["message"]]
    async with server(tmp_path, editor=editor) as client:
        client.open(path, text)
        published = await client.diagnostics_of(path)
        (shown,) = [d for d in published if "'gazete'" in d.message]
        assert client.result is not None
        encoding = client.result.capabilities.position_encoding or "utf-16"
        # the ship is one character: two UTF-16 code units, four UTF-8 bytes
        wide = {"utf-8": 4, "utf-16": 2, "utf-32": 1}[str(encoding)]
        assert shown.range.start.character == after["column"] - 1 + wide - 1
