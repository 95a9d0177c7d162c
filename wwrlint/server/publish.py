"""wwrlint's diagnostics as the protocol's: the same code, severity, place and message as
`wwrlint check`, a link to the rule's documentation, and the places a finding names."""

from __future__ import annotations

import os
from collections.abc import Callable

from lsprotocol import types

from wwrlint.diagnostics import Diagnostic, Pointer, Related
from wwrlint.loading import load
from wwrlint.server.positions import Text

SOURCE = "wwrlint"
_SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning}
# Findings of things that could go: editors grey them out, as they do unused imports.
_UNNECESSARY = ("unused-source", "unused-analyst", "unused-suppression")

# The text of a file (an open buffer's, else the file's), or None when it cannot be read.
Reader = Callable[[str], "str | None"]
# The documentation link of a rule, by name.
Docs = Callable[[str], "str | None"]


def lsp_range(text: Text, start: int, end: int) -> types.Range:
    (line, character), (end_line, end_character) = text.position(start), text.position(end)
    return types.Range(types.Position(line, character), types.Position(end_line, end_character))


def to_lsp(
    diagnostics: list[Diagnostic],
    text: Text,
    read: Reader,
    docs: Docs,
    related_information: bool,
) -> list[types.Diagnostic]:
    """The protocol's diagnostics for a buffer's text. With `related_information`, the
    places a finding names are related locations; else the message names their files, as
    `wwrlint check` prints them."""
    from wwrlint.reporters.base import with_related

    places = _Places(read, text.encoding)
    converted = []
    for diagnostic in diagnostics:
        start, end = text.span_offsets(diagnostic.span)
        href = docs(diagnostic.rule)
        related = [places.location(r) for r in diagnostic.related] if related_information else []
        converted.append(
            types.Diagnostic(
                range=lsp_range(text, start, end),
                message=diagnostic.message if related_information else with_related(diagnostic),
                severity=_SEVERITY[diagnostic.severity],
                code=diagnostic.code,
                code_description=types.CodeDescription(href) if href else None,
                source=SOURCE,
                tags=[types.DiagnosticTag.Unnecessary] if diagnostic.rule in _UNNECESSARY else None,
                related_information=[r for r in related if r is not None] or None,
                data={"rule": diagnostic.rule, "fingerprint": diagnostic.fingerprint},
            )
        )
    return converted


class _Places:
    """Where related places are, each file loaded once."""

    def __init__(self, read: Reader, encoding: str) -> None:
        self.read = read
        self.encoding = encoding
        self.loaded: dict[str, tuple[Text, object] | None] = {}

    def location(self, related: Related) -> types.DiagnosticRelatedInformation | None:
        from pygls.uris import from_fs_path

        uri = from_fs_path(os.path.abspath(related.path))
        if uri is None:
            return None
        span = self._range(related.path, related.pointer)
        return types.DiagnosticRelatedInformation(types.Location(uri, span), related.message)

    def _range(self, path: str, pointer: Pointer | None) -> types.Range:
        if path not in self.loaded:
            content = self.read(path)
            self.loaded[path] = (
                (Text(content, self.encoding), load(path, content.encode("utf-8", "replace")))
                if content is not None
                else None
            )
        found = self.loaded[path]
        if found is None or pointer is None:
            return types.Range(types.Position(0, 0), types.Position(0, 0))
        text, document = found
        span = document.locate(pointer)  # type: ignore[attr-defined]
        start, end = text.span_offsets(span)
        return lsp_range(text, start, end)
