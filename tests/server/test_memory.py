"""What the server holds does not grow with the changes it is sent (the figures of an hour's
worth of editing are bench/server.py's): pygls 2.1 keeps every notification's future
unless the server's protocol lets it go."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path
from typing import Any

import pytest
from pygls.io_ import StdoutWriter
from pygls.uris import from_fs_path

from wwrlint.server.app import build


def test_what_is_kept_of_each_change_is_let_go(tmp_path: Path) -> None:
    async def edit() -> int:
        server = build(None)
        protocol = server.protocol
        protocol.set_writer(StdoutWriter(io.BytesIO()))

        def send(method: str, params: dict[str, Any], number: int | None = None) -> None:
            message: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
            if number is not None:
                message["id"] = number
            protocol.handle_message(protocol.structure_message(message))

        uri = from_fs_path(str(tmp_path / "brief.yaml"))
        send("initialize", {"capabilities": {}}, 1)
        send("initialized", {})
        item = {"uri": uri, "languageId": "yaml", "version": 1, "text": "id: a\n"}
        send("textDocument/didOpen", {"textDocument": item})
        for version in range(2, 302):
            change = {"textDocument": {"uri": uri, "version": version}}
            send(
                "textDocument/didChange",
                {**change, "contentChanges": [{"text": f"id: a{version}\n"}]},
            )
            await asyncio.sleep(0)
        await asyncio.sleep(0.5)
        kept = len(protocol._request_futures)
        server.stop()
        server.cleanup()
        return kept

    assert asyncio.run(edit()) < 5


@pytest.fixture(autouse=True)
def _in_the_test_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
