"""Drive yaml-language-server (npm) as an editor does: pytest-lsp's client talks to the
server process over stdio with an editor's capabilities and settings, schemas are local
files named by the briefs' modelines, and SchemaStore is off (no network). Completions are
accepted as the editor accepts them: the snippet expanded at the cursor."""

from __future__ import annotations

import asyncio
import contextlib
import re
import shutil
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types
from pygls.protocol import default_converter
from pygls.uris import from_fs_path
from pytest_lsp import LanguageClient, client_capabilities
from pytest_lsp.client import register_lsp_features

from tools import tool

# Long enough for a loaded machine; the server answers in well under a second.
WAIT = 30.0

# What an editor's YAML settings hold for a desk that works offline: schemas only from
# modelines, never SchemaStore's catalogue.
SETTINGS: dict[str, Any] = {
    "yaml": {
        "validate": True,
        "completion": True,
        "hover": True,
        "schemaStore": {"enable": False, "url": ""},
        "schemas": {},
    }
}

# The cursor in a test's text, removed before the text is sent.
CURSOR = "‸"


def command() -> list[str]:
    """yaml-language-server's command line, or a skip naming how to get it."""
    if shutil.which("node") is None:
        pytest.skip("node is not installed (yaml-language-server runs on Node.js)")
    found = tool("yaml-language-server", "npm install yaml-language-server@1.25.0")
    return [found, "--stdio"]


def uri(path: Path) -> str:
    found = from_fs_path(str(path.resolve()))
    assert found is not None
    return found


@contextlib.asynccontextmanager
async def yaml_language_server(cwd: Path, editor: str) -> AsyncIterator[LanguageClient]:
    """yaml-language-server, started and initialized in `cwd` for an editor of
    pytest-lsp's catalogue (its capabilities), with SETTINGS as the editor's settings."""
    client = LanguageClient(converter_factory=default_converter, configuration=dict(SETTINGS))
    register_lsp_features(client)

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        """Accepted, as editors do (the server registers its file watchers)."""

    await client.start_io(*command(), cwd=str(cwd))
    await client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities(editor),
            root_uri=uri(cwd),
            workspace_folders=[types.WorkspaceFolder(uri(cwd), cwd.name)],
        )
    )
    # As VS Code does after start: the settings pushed, besides answering the server's pulls.
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(SETTINGS))
    try:
        yield client
    finally:
        await client.shutdown_session()
        await client.stop()


def cursor(text: str) -> tuple[str, types.Position]:
    """A text without its cursor mark, and where the mark was."""
    offset = text.index(CURSOR)
    line = text.count("\n", 0, offset)
    column = offset - (text.rfind("\n", 0, offset) + 1)
    return text.replace(CURSOR, "", 1), types.Position(line, column)


def open_file(client: LanguageClient, path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri(path), "yaml", 1, text))
    )


async def diagnostics(
    client: LanguageClient,
    path: Path,
    ready: Callable[[list[types.Diagnostic]], bool] = lambda _: True,
) -> list[types.Diagnostic]:
    """The diagnostics the server publishes for a file it was just given: its first
    publication, or the first that is `ready`."""
    deadline = time.monotonic() + WAIT
    while uri(path) not in client.diagnostics or not ready(list(client.diagnostics[uri(path)])):
        if time.monotonic() > deadline:
            raise AssertionError(f"no diagnostics of {path.name} within {WAIT:.0f} s")
        await asyncio.sleep(0.02)
    return list(client.diagnostics[uri(path)])


async def completions(
    client: LanguageClient, path: Path, position: types.Position
) -> list[types.CompletionItem]:
    found = await client.text_document_completion_async(
        types.CompletionParams(types.TextDocumentIdentifier(uri(path)), position)
    )
    if isinstance(found, types.CompletionList):
        return list(found.items)
    return list(found or [])


def expand(snippet: str) -> str:
    """A snippet as the editor inserts it: each tab stop's default text (the first
    choice of a choice), empty stops removed, escapes undone."""
    text = re.sub(r"\$\{\d+\|([^,|]*)[^}]*\}", r"\1", snippet)
    text = re.sub(r"\$\{\d+:([^}]*)\}", r"\1", text)
    text = re.sub(r"\$\{\d+\}|\$\d+", "", text)
    return re.sub(r"\\([$}\\])", r"\1", text)


def accept(text: str, position: types.Position, item: types.CompletionItem) -> str:
    """The text after the editor accepts a completion at `position`: its edit (or its
    insert text at the cursor), a snippet expanded, and its new lines indented like the
    cursor's line (the protocol's default insert mode, adjustIndentation)."""
    lines = text.split("\n")
    start = end = position
    new = item.insert_text or item.label
    edit = item.text_edit
    if isinstance(edit, types.TextEdit):
        start, end, new = edit.range.start, edit.range.end, edit.new_text
    elif isinstance(edit, types.InsertReplaceEdit):
        start, end, new = edit.insert.start, edit.insert.end, edit.new_text
    if item.insert_text_format == types.InsertTextFormat.Snippet:
        new = expand(new)
    if item.insert_text_mode != types.InsertTextMode.AsIs:
        line = lines[position.line]
        indent = line[: len(line) - len(line.lstrip(" "))]
        new = new.replace("\n", "\n" + indent)
    before = "\n".join([*lines[: start.line], lines[start.line][: start.character]])
    after = "\n".join([lines[end.line][end.character :], *lines[end.line + 1 :]])
    return before + new + after
