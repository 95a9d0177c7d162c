"""Drive `python -m wwrlint server` as an editor does: a real LSP client (pytest-lsp's, on
pygls) talking to the server process over stdio, from a chosen folder; and what
`wwrlint check` says, to compare."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.uris import from_fs_path
from pytest_lsp import LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features
from pytest_lsp.protocol import LanguageClientProtocol

# Long enough for a loaded machine; a working server answers in milliseconds.
WAIT = 20.0


class Client(LanguageClient):
    """pytest-lsp's client, keeping every publication of diagnostics and the server's
    standard error."""

    def __init__(self) -> None:
        from pygls.protocol import default_converter

        super().__init__(protocol_cls=LanguageClientProtocol, converter_factory=default_converter)
        self.published: list[types.PublishDiagnosticsParams] = []
        self.versions: dict[str, int] = {}
        self.stderr = b""
        self.registrations: list[str] = []
        self.result: types.InitializeResult | None = None

    def publications(self, path: Path) -> list[types.PublishDiagnosticsParams]:
        return [p for p in self.published if p.uri == uri(path)]

    async def diagnostics_of(self, path: Path, after: int = 0) -> list[types.Diagnostic]:
        """The diagnostics published for a file's latest version, once more than `after`
        publications of it have come."""
        wanted = self.versions.get(uri(path))

        def arrived() -> list[types.PublishDiagnosticsParams]:
            found = self.publications(path)
            return [p for p in found[after:] if wanted is None or p.version == wanted]

        await until(lambda: bool(arrived()), f"diagnostics of {path.name}")
        return list(arrived()[-1].diagnostics)

    async def eventually(
        self, path: Path, ready: Callable[[list[types.Diagnostic]], bool]
    ) -> list[types.Diagnostic]:
        """The diagnostics of a file once a publication for its latest version satisfies
        `ready` (others may come before it: the checks of files opened meanwhile)."""
        wanted = self.versions.get(uri(path))

        def found() -> list[types.Diagnostic] | None:
            for p in reversed(self.publications(path)):
                if wanted is None or p.version == wanted:
                    return list(p.diagnostics) if ready(list(p.diagnostics)) else None
            return None

        await until(lambda: found() is not None, f"the awaited diagnostics of {path.name}")
        return found() or []

    def open(self, path: Path, text: str | None = None) -> None:
        content = path.read_text(encoding="utf-8") if text is None else text
        self.versions[uri(path)] = 1
        self.text_document_did_open(
            types.DidOpenTextDocumentParams(types.TextDocumentItem(uri(path), "yaml", 1, content))
        )

    def replace(self, path: Path, text: str) -> None:
        """Change a buffer's whole text (unsaved)."""
        version = self.versions[uri(path)] + 1
        self.versions[uri(path)] = version
        self.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version, uri(path)),
                [types.TextDocumentContentChangeWholeDocument(text)],
            )
        )

    def edit(self, path: Path, line: int, start: int, end: int, text: str) -> None:
        """Change part of one line (0-based), as editors send keystrokes."""
        version = self.versions[uri(path)] + 1
        self.versions[uri(path)] = version
        where = types.Range(types.Position(line, start), types.Position(line, end))
        self.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version, uri(path)),
                [types.TextDocumentContentChangePartial(where, text)],
            )
        )

    def close(self, path: Path) -> None:
        self.versions.pop(uri(path), None)
        self.text_document_did_close(
            types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri(path)))
        )


def uri(path: Path) -> str:
    found = from_fs_path(str(path.resolve()))
    assert found is not None
    return found


async def until(ready: Callable[[], bool], what: str, wait: float = WAIT) -> None:
    deadline = time.monotonic() + wait
    while not ready():
        if time.monotonic() > deadline:
            raise AssertionError(f"no {what} within {wait:.0f} s")
        await asyncio.sleep(0.01)


def _make_client() -> Client:
    client = Client()
    features = dict(DEFAULT_CLIENT_FEATURES)

    def publish(client: Client, params: types.PublishDiagnosticsParams) -> None:
        client.published.append(params)
        client.diagnostics[params.uri] = params.diagnostics

    def register(client: Client, params: types.RegistrationParams) -> None:
        client.registrations += [r.method for r in params.registrations]

    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish
    features[types.CLIENT_REGISTER_CAPABILITY] = register
    register_lsp_features(client, features)
    return client


@contextlib.asynccontextmanager
async def server(
    cwd: Path,
    *args: str,
    editor: str = "visual-studio-code",
    env: dict[str, str] | None = None,
) -> AsyncIterator[Client]:
    """A server started in `cwd` with these arguments, initialised by a client with the
    capabilities of `editor` (as pytest-lsp records them); shut down cleanly at the end,
    and its standard error checked for tracebacks."""
    client = _make_client()
    environment = {**os.environ, **(env or {})}
    command = [sys.executable, "-m", "wwrlint", "server", *args]
    await client.start_io(*command, cwd=str(cwd), env=environment)
    assert client._server is not None
    client._stderr_forwarder = None  # the test reads stderr itself
    capabilities = client_capabilities(editor)
    params = types.InitializeParams(
        capabilities=capabilities,
        root_uri=uri(cwd),
        workspace_folders=[types.WorkspaceFolder(uri(cwd), cwd.name)],
    )
    client.result = await client.initialize_session(params)
    try:
        yield client
    finally:
        await client.shutdown_session()
        process = client._server
        stderr = await process.stderr.read() if process.stderr else b""
        client.stderr = stderr
        await client.stop()
        shown = stderr.decode(errors="replace")
        logged = "\n".join(m.message for m in client.log_messages + client.messages)
        for output in (shown, logged):
            assert "Traceback" not in output, output
            assert "internal error" not in output, output


def check_json(cwd: Path, *args: str, stdin: str | None = None) -> list[dict[str, Any]]:
    """What `wwrlint check --output-format json` says, run from `cwd`."""
    result = subprocess.run(
        [sys.executable, "-m", "wwrlint", "check", "--output-format", "json", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    found: list[dict[str, Any]] = json.loads(result.stdout)
    return found


def as_check(diagnostics: list[types.Diagnostic]) -> list[tuple[Any, ...]]:
    """LSP diagnostics as `wwrlint check` JSON would give them, for text without wide
    characters: code, 1-based line and column, end, severity, message."""
    severities = {
        types.DiagnosticSeverity.Error: "error",
        types.DiagnosticSeverity.Warning: "warning",
    }
    return sorted(
        (
            d.code,
            d.range.start.line + 1,
            d.range.start.character + 1,
            d.range.end.line + 1,
            d.range.end.character + 1,
            severities[d.severity] if d.severity is not None else None,
            d.message,
        )
        for d in diagnostics
    )


def from_check(found: list[dict[str, Any]], name: str) -> list[tuple[Any, ...]]:
    """The findings of `wwrlint check` JSON for the file whose path ends with `name`."""
    return sorted(
        (
            d["code"],
            d["line"],
            d["column"],
            d["end_line"],
            d["end_column"],
            d["severity"],
            d["message"],
        )
        for d in found
        if d["path"] == name or d["path"].endswith("/" + name)
    )


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """A text with the protocol's edits applied (ASCII text: characters are code units)."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(position: types.Position) -> int:
        return starts[position.line] + position.character

    for edit in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


def at(text: str, needle: str, shift: int = 0) -> types.Position:
    """The position of the first `needle` in a text (plus `shift` characters)."""
    offset = text.index(needle) + shift
    line = text.count("\n", 0, offset)
    return types.Position(line, offset - (text.rfind("\n", 0, offset) + 1))
