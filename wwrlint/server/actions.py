"""Code actions: each fixable diagnostic's fix (marked safe or unsafe), "fix all safe
problems", and "suppress this rule on this line" with a reason to fill in.

Every action is an edit the editor applies to the buffer: the server never writes a file.
A fix is applied by the engine of `wwrlint check --fix`, and a suppression is kept only
when the brief reads the same with it and it silences the rule."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from inspect import signature
from typing import Any

from lsprotocol import types

from wwrlint.diagnostics import Diagnostic
from wwrlint.loading import Document, load
from wwrlint.server.positions import Text
from wwrlint.server.publish import lsp_range

FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.wwrlint"
KINDS = [types.CodeActionKind.QuickFix, types.CodeActionKind(types.CodeActionKind.SourceFixAll)]
# As many passes as `wwrlint check --fix` makes.
MAX_PASSES = 10
REASON = "reason"
# Lints a loaded document again (for the passes of "fix all").
Lint = Callable[[Document], list[Diagnostic]]
_EXISTING = re.compile(r"(?:^|(?<=\s))#\s*wwrlint\s*:\s*disable=(?P<rules>[^\s#]+)")


@dataclass(frozen=True)
class Edit:
    """Text to put between two offsets of the buffer."""

    start: int
    end: int
    new_text: str


def safe(diagnostic: Diagnostic) -> bool:
    """Whether the fix of a diagnostic is safe to apply unseen (fixes say so when they
    are not)."""
    fix = diagnostic.fix
    return fix is not None and getattr(fix, "applicability", "safe") == "safe"


def _change(old: str, new: str) -> Edit:
    """The one edit that turns `old` into `new`: what lies between their common start
    and their common end."""
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[len(old) - 1 - end] == new[len(new) - 1 - end]:
        end += 1
    return Edit(start, len(old) - end, new[start : len(new) - end])


def fixed(document: Document, diagnostics: list[Diagnostic]) -> str | None:
    """The text with these fixes applied, when they apply."""
    from wwrlint.fixing import apply_fixes

    # The diagnostics are chosen already (an unsafe fix only when the user picks it).
    # While fixes become edits with an applicability, both forms of the engine are met.
    chosen = {"unsafe_fixes": True} if "unsafe_fixes" in signature(apply_fixes).parameters else {}
    result: Any = apply_fixes(document, diagnostics, **chosen)
    if isinstance(result, tuple):
        return str(result[0]) if result[1] else None
    return str(result.text) if result.fixed else None


def fixed_all(document: Document, diagnostics: list[Diagnostic], again: Lint) -> str | None:
    """The text with every safe fix applied, pass after pass as `--fix` does."""
    original = document.text
    for _ in range(MAX_PASSES):
        text = fixed(document, [d for d in diagnostics if safe(d)])
        if text is None:
            break
        document = load(document.path, text.encode("utf-8"))
        diagnostics = again(document)
    return document.text if document.text != original else None


def suppression(document: Document, diagnostic: Diagnostic, text: Text) -> Edit | None:
    """The edit that silences a diagnostic's rule on its line: a new comment at the end
    of the line, or the rule added to the line's suppression; None where no comment can
    go (the line ends inside a quoted text, say)."""
    from wwrlint import suppressions

    line = diagnostic.span.line
    start = text.offset(line, 1)
    end = text.yaml_line_end(line)
    existing = _EXISTING.search(text.text, start, end)
    if existing is not None:
        after = existing.end("rules")
        edit = Edit(after, after, f",{diagnostic.rule}")
    else:
        written = text.text[start:end]
        gap = "" if written.endswith((" ", "\t")) or not written else "  "
        edit = Edit(end, end, f"{gap}# wwrlint: disable={diagnostic.rule} -- {REASON}")
    new_text = text.text[: edit.start] + edit.new_text + text.text[edit.end :]
    reread = load(document.path, new_text.encode("utf-8"))
    if not reread.readable or reread.data != document.data:
        return None
    parsed = suppressions.parse(new_text, reread.literal_spans(), False)
    moved = Diagnostic(document.path, diagnostic.span, diagnostic.rule, "", "error", "")
    return edit if any(s.covers(moved) for s in parsed.suppressions) else None


def _edit(uri: str, text: Text, edit: Edit, snippet: bool) -> types.WorkspaceEdit:
    where = lsp_range(text, edit.start, edit.end)
    if snippet and edit.new_text.endswith(f"-- {REASON}"):
        body = edit.new_text[: -len(REASON)].replace("$", "\\$") + "${1:" + REASON + "}"
        document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=None)
        snippet_edit = types.SnippetTextEdit(where, types.StringValue(body))
        return types.WorkspaceEdit(
            document_changes=[types.TextDocumentEdit(document, [snippet_edit])]
        )
    return types.WorkspaceEdit(changes={uri: [types.TextEdit(where, edit.new_text)]})


def actions(
    uri: str,
    document: Document,
    text: Text,
    diagnostics: list[Diagnostic],
    wanted: types.CodeActionParams,
    again: Lint,
    snippets: bool,
) -> list[types.CodeAction]:
    """The code actions for the requested range: fixes and suppressions of the
    diagnostics there, and the fix of every safe problem of the buffer."""
    only = wanted.context.only
    found: list[types.CodeAction] = []
    start = text.offset_at(wanted.range.start.line, wanted.range.start.character)
    end = text.offset_at(wanted.range.end.line, wanted.range.end.character)
    here = [d for d in diagnostics if _overlaps(text, d, start, end)]
    if _wanted(only, types.CodeActionKind.QuickFix):
        for diagnostic in here:
            found += _for_one(uri, document, text, diagnostic, snippets)
    fixable = [d for d in diagnostics if safe(d)]
    # Offered beside a problem's own actions, and whenever the editor asks for it (on save).
    if fixable and (_wanted(only, FIX_ALL) if only is not None else bool(here)):
        new = fixed_all(document, diagnostics, again)
        if new is not None:
            found.append(
                types.CodeAction(
                    title="wwrlint: fix all safe problems",
                    kind=FIX_ALL,
                    edit=_edit(uri, text, _change(text.text, new), snippet=False),
                )
            )
    return found


def _for_one(
    uri: str, document: Document, text: Text, diagnostic: Diagnostic, snippets: bool
) -> list[types.CodeAction]:
    from wwrlint.server.publish import SOURCE

    found = []
    where = lsp_range(text, *text.span_offsets(diagnostic.span))
    shown = [types.Diagnostic(where, diagnostic.message, code=diagnostic.code, source=SOURCE)]
    if diagnostic.fix is not None:
        new = fixed(document, [diagnostic])
        if new is not None:
            marked = "" if safe(diagnostic) else " (unsafe)"
            found.append(
                types.CodeAction(
                    title=f"wwrlint: {diagnostic.fix.description}{marked}",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=shown,
                    is_preferred=safe(diagnostic),
                    edit=_edit(uri, text, _change(text.text, new), snippet=False),
                )
            )
    from wwrlint.rules import BY_NAME
    from wwrlint.suppressions import UNSUPPRESSIBLE

    if diagnostic.rule not in UNSUPPRESSIBLE and not BY_NAME[diagnostic.rule].always_on:
        edit = suppression(document, diagnostic, text)
        if edit is not None:
            found.append(
                types.CodeAction(
                    title=f"wwrlint: suppress {diagnostic.rule} on this line",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=shown,
                    edit=_edit(uri, text, edit, snippets),
                )
            )
    return found


def _overlaps(text: Text, diagnostic: Diagnostic, start: int, end: int) -> bool:
    first, last = text.span_offsets(diagnostic.span)
    return first <= end and start <= last


def _wanted(only: Sequence[str] | None, kind: str) -> bool:
    """Whether the client asked for this kind of action (a kind covers its sub-kinds)."""
    return only is None or any(kind == k or kind.startswith(f"{k}.") for k in only)
