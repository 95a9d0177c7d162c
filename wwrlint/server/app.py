"""pygls wiring: the protocol's messages in, the session's answers out.

Every piece of work runs on one worker thread, in the order it came (the session and the
archive index's connections belong to it), so the event loop stays free to read the next
change; a buffer is checked a moment after its last change (debounced), and what is
published is always for the buffer's latest version."""

from __future__ import annotations

import asyncio
import logging
import os
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from lsprotocol import types
from pygls.exceptions import JsonRpcInternalError, JsonRpcInvalidRequest
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import to_fs_path

from wwrlint import __version__
from wwrlint.server import actions, completion, navigation, symbols
from wwrlint.server.docs import RuleDocs
from wwrlint.server.positions import UTF8, UTF16, UTF32, Text
from wwrlint.server.publish import to_lsp
from wwrlint.server.session import Session

T = TypeVar("T")

# A buffer is checked this long after its last change, so a burst of changes (a paste, a
# held key) is checked once.
DEBOUNCE_SECONDS = 0.05
# How often the files are looked at again when the editor does not report their changes.
POLL_SECONDS = 3.0
_WATCHED = ("**/*.yaml", "**/*.yml", "**/pyproject.toml", "**/.gitignore", "**/info/exclude")


class _Protocol(LanguageServerProtocol):
    """pygls's protocol, letting go of what it keeps of each notification once handled.

    pygls 2.1 files the future of every notification handled by a generator (its own
    document sync among them) under a fresh id that is never removed: about 2 KB a
    keystroke, for as long as the server runs."""

    def _handle_notification(self, method_name: str, params: Any) -> None:
        before = set(self._request_futures)
        super()._handle_notification(method_name, params)
        for msg_id in set(self._request_futures) - before:
            self._request_futures[msg_id].add_done_callback(self._forget(msg_id))

    def _forget(self, msg_id: Any) -> Callable[[Any], None]:
        def forget(done: Any) -> None:
            # pygls cancels the futures at shutdown while it iterates over them: leave those.
            if not done.cancelled():
                self._request_futures.pop(msg_id, None)

        return forget


class Server(LanguageServer):
    """The language server, with its session, its worker and its pending checks."""

    def __init__(self, cache_dir: str | None) -> None:
        super().__init__("wwrlint", __version__, protocol_cls=_Protocol)
        self.session = Session(cache_dir)
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wwrlint")
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.background: set[asyncio.Task[None]] = set()
        self.latest: dict[str, int | None] = {}
        self.shown: set[str] = set()
        # The rules' pages live as long as the server: the cache folder holds only the
        # cache's own files.
        self.temporary = tempfile.mkdtemp(prefix="wwrlint-server-")
        self.docs = RuleDocs(self.temporary)
        self.watched = False
        self.poller: asyncio.Task[None] | None = None

    # Capabilities the client announced ------------------------------------------------

    @property
    def encoding(self) -> str:
        chosen = str(self.workspace.position_encoding or UTF16)
        return {"utf-8": UTF8, "utf-32": UTF32}.get(chosen, UTF16)

    def _capability(self, *names: str) -> Any:
        found: Any = self.client_capabilities
        for name in names:
            found = getattr(found, name, None)
            if found is None:
                return None
        return found

    # Work on the worker thread ------------------------------------------------------------

    async def run(self, work: Callable[[], T]) -> T:
        """The result of `work`, done on the worker; an unexpected failure becomes one
        line for the editor, never a traceback."""
        try:
            return await asyncio.get_running_loop().run_in_executor(self.worker, work)
        except Exception as error:
            message = f"wwrlint: internal error: {type(error).__name__}: {error}"
            self.window_log_message(types.LogMessageParams(types.MessageType.Error, message))
            raise JsonRpcInternalError(message) from None

    def soon(self, uris: list[str]) -> None:
        """Check these buffers once their changes settle."""
        for uri in dict.fromkeys(uris):
            task = self.pending.pop(uri, None)
            if task is not None:
                task.cancel()
            self.pending[uri] = asyncio.get_running_loop().create_task(self._check(uri))

    async def _check(self, uri: str) -> None:
        await asyncio.sleep(DEBOUNCE_SECONDS)
        try:
            found = await self.run(lambda: self._checked(uri))
        except JsonRpcInternalError:
            return
        finally:
            if self.pending.get(uri) is asyncio.current_task():
                del self.pending[uri]
        if found is None:
            return
        version, diagnostics, problem = found
        if uri not in self.latest or self.latest[uri] != version:
            return  # a later change is on its way
        self._tell(problem)
        self._tell(self.session.warning, types.MessageType.Warning)
        params = types.PublishDiagnosticsParams(uri, diagnostics, version)
        self.text_document_publish_diagnostics(params)

    def _checked(self, uri: str) -> tuple[int | None, list[types.Diagnostic], str | None] | None:
        checked = self.session.check(uri)
        buffer = self.session.buffers.get(uri)
        if checked is None or buffer is None:
            return None
        related = self._capability("text_document", "publish_diagnostics", "related_information")
        diagnostics = to_lsp(
            checked.diagnostics,
            Text(buffer.text, self.encoding),
            self.session.text_of,
            self.docs.href,
            bool(related),
        )
        return checked.version, diagnostics, checked.problem

    def _tell(self, problem: str | None, kind: types.MessageType = types.MessageType.Error) -> None:
        """Show a problem that keeps briefs from being checked (or the cache from being
        used), once."""
        if problem is None or problem in self.shown:
            return
        self.shown.add(problem)
        self.window_show_message(types.ShowMessageParams(kind, f"wwrlint: {problem}"))

    async def refresh(self) -> None:
        """Read the files again, and check the buffers whose findings rest on them."""
        try:
            uris = await self.run(self.session.refresh)
        except JsonRpcInternalError:
            return
        self.shown.clear()
        self.soon(uris)

    async def poll(self) -> None:
        while True:
            await asyncio.sleep(POLL_SECONDS)
            if self.latest and not self.watched:
                await self.refresh()

    def stop(self) -> None:
        """Let go of the archives (on the worker, whose connections they are)."""
        self.worker.submit(self.session.close).result()

    def cleanup(self) -> None:
        """Remove the rules' pages, once the server is done."""
        import shutil

        self.worker.shutdown(wait=False, cancel_futures=True)
        shutil.rmtree(self.temporary, ignore_errors=True)


def build(cache_dir: str | None) -> Server:
    """The server, its features registered."""
    # pygls logs tracebacks on stderr; the editor gets one line per failure instead.
    logging.getLogger("pygls").addHandler(logging.NullHandler())
    logging.getLogger("pygls").propagate = False
    server = Server(cache_dir)
    _documents(server)
    _requests(server)
    return server


def _path(uri: str) -> str | None:
    path = to_fs_path(uri) if uri.startswith("file:") else None
    return os.path.abspath(path) if path else None


def _documents(server: Server) -> None:
    @server.feature(types.INITIALIZED)
    async def initialized(ls: Server, _params: types.InitializedParams) -> None:
        ls.poller = asyncio.get_running_loop().create_task(ls.poll())
        dynamic = ls._capability("workspace", "did_change_watched_files", "dynamic_registration")
        if not dynamic:
            return
        options = types.DidChangeWatchedFilesRegistrationOptions(
            [types.FileSystemWatcher(glob) for glob in _WATCHED]
        )
        registration = types.Registration(
            "wwrlint-files", types.WORKSPACE_DID_CHANGE_WATCHED_FILES, options
        )
        try:
            await ls.client_register_capability_async(types.RegistrationParams([registration]))
            ls.watched = True
        except Exception:  # the client refused: the files are polled instead
            ls.watched = False

    def put(ls: Server, uri: str, version: int | None) -> None:
        text = ls.workspace.get_text_document(uri).source
        ls.latest[uri] = version
        path = _path(uri)

        async def then() -> None:
            try:
                uris = await ls.run(lambda: ls.session.put(uri, path, text, version))
            except JsonRpcInternalError:
                return
            ls.soon(uris)

        task = asyncio.get_running_loop().create_task(then())
        ls.background.add(task)  # held until done: the loop keeps only weak references
        task.add_done_callback(ls.background.discard)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: Server, params: types.DidOpenTextDocumentParams) -> None:
        put(ls, params.text_document.uri, params.text_document.version)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: Server, params: types.DidChangeTextDocumentParams) -> None:
        put(ls, params.text_document.uri, params.text_document.version)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: Server, _params: types.DidSaveTextDocumentParams) -> None:
        await ls.refresh()

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: Server, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.latest.pop(uri, None)
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))
        try:
            uris = await ls.run(lambda: ls.session.drop(uri))
        except JsonRpcInternalError:
            return
        ls.soon(uris)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def files_changed(ls: Server, _params: types.DidChangeWatchedFilesParams) -> None:
        await ls.refresh()

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: Server, _params: None) -> None:
        for task in list(ls.pending.values()):
            task.cancel()
        if ls.poller is not None:
            ls.poller.cancel()
        ls.stop()


def _requests(server: Server) -> None:
    def place(ls: Server, uri: str, position: types.Position) -> navigation.At | None:
        return navigation.at(ls.session, uri, position, ls.encoding)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: Server, params: types.HoverParams) -> types.Hover | None:
        def work() -> types.Hover | None:
            found = place(ls, params.text_document.uri, params.position)
            return navigation.hover(ls.session, found) if found else None

        return await ls.run(work)

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    async def definition(ls: Server, params: types.DefinitionParams) -> list[types.Location]:
        def work() -> list[types.Location]:
            found = place(ls, params.text_document.uri, params.position)
            return navigation.definition(ls.session, found) if found else []

        return await ls.run(work)

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    async def references(ls: Server, params: types.ReferenceParams) -> list[types.Location]:
        def work() -> list[types.Location]:
            found = place(ls, params.text_document.uri, params.position)
            declaration = params.context.include_declaration
            return navigation.references(found, declaration) if found else []

        return await ls.run(work)

    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    async def prepare_rename(ls: Server, params: types.PrepareRenameParams) -> types.Range:
        def work() -> types.Range:
            found = place(ls, params.text_document.uri, params.position)
            if found is None:
                raise navigation.RenameError("the document is not open")
            return navigation.prepare_rename(found)

        return await _renaming(ls, work)

    @server.feature(types.TEXT_DOCUMENT_RENAME)
    async def rename(ls: Server, params: types.RenameParams) -> types.WorkspaceEdit:
        def work() -> types.WorkspaceEdit:
            found = place(ls, params.text_document.uri, params.position)
            if found is None:
                raise navigation.RenameError("the document is not open")
            return navigation.rename(found, params.new_name)

        return await _renaming(ls, work)

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    async def document_symbol(
        ls: Server, params: types.DocumentSymbolParams
    ) -> list[types.DocumentSymbol]:
        def work() -> list[types.DocumentSymbol]:
            found = ls.session.document(params.text_document.uri)
            if found is None:
                return []
            buffer, document = found
            return symbols.outline(document, Text(buffer.text, ls.encoding))

        return await ls.run(work)

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=completion.TRIGGERS),
    )
    async def complete(ls: Server, params: types.CompletionParams) -> types.CompletionList:
        def work() -> types.CompletionList:
            found = ls.session.buffers.get(params.text_document.uri)
            if found is None:
                return types.CompletionList(is_incomplete=False, items=[])
            text = Text(found.text, ls.encoding)
            offset = text.offset_at(params.position.line, params.position.character)
            typing = completion.context(text, offset)
            if typing is None:
                return types.CompletionList(is_incomplete=False, items=[])
            kind, start = typing
            data = ls.session.data_of(found)
            archive = ls.session.archive_for(found) if kind != "source" else None
            items = completion.items(kind, data, archive, text, start, offset)
            return types.CompletionList(is_incomplete=False, items=items)

        return await ls.run(work)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[*actions.KINDS, actions.FIX_ALL]),
    )
    async def code_action(ls: Server, params: types.CodeActionParams) -> list[types.CodeAction]:
        def work() -> list[types.CodeAction]:
            uri = params.text_document.uri
            found = ls.session.document(uri)
            checked = ls.session.check(uri)
            if found is None or checked is None or checked.problem is not None:
                return []
            buffer, document = found
            snippets = ls._capability("workspace", "workspace_edit", "snippet_edit_support")
            return actions.actions(
                uri,
                document,
                Text(buffer.text, ls.encoding),
                checked.diagnostics,
                params,
                lambda again: ls.session.lint_document(buffer, again),
                bool(snippets),
            )

        return await ls.run(work)


async def _renaming(ls: Server, work: Callable[[], T]) -> T:
    """A rename's answer; a rename that cannot be done is refused with the reason."""

    def guarded() -> T | navigation.RenameError:
        try:
            return work()
        except navigation.RenameError as error:
            return error

    result = await ls.run(guarded)
    if isinstance(result, navigation.RenameError):
        raise JsonRpcInvalidRequest(str(result))
    return result
