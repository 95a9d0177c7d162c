"""Fixes in the editor: each fix, "fix all safe problems" and "suppress this rule on this
line", as edits the client applies (the server writes nothing)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from desk import CITING, make_desk
from server.lsp import Client, apply, check_json, server, uri

pytestmark = pytest.mark.asyncio

# Two safe fixes: a doubled space, and a date written as words.
FIXABLE = CITING.replace("Fees at the north", "Fees  at the north").replace(
    "    date: 2031-01-20", "    date: 20 January 2031"
)


async def actions(
    client: Client, path: Path, line: int, only: list[str] | None = None
) -> dict[str, types.CodeAction]:
    """The code actions offered for a whole line (0-based), by title."""
    diagnostics = [
        d for d in client.diagnostics[uri(path)] if d.range.start.line <= line <= d.range.end.line
    ]
    found = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri(path)),
            types.Range(types.Position(line, 0), types.Position(line + 1, 0)),
            types.CodeActionContext(diagnostics, only=only),
        )
    )
    return {a.title: a for a in found or [] if isinstance(a, types.CodeAction)}


def edited(action: types.CodeAction, path: Path, text: str) -> str:
    assert action.edit is not None
    assert action.edit.changes is not None
    return apply(text, list(action.edit.changes[uri(path)]))


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n")


async def test_fixes_suppressions_and_fix_all(tmp_path: Path) -> None:
    briefs = make_desk(tmp_path, git=True)
    citing = briefs / "citing.yaml"
    async with server(tmp_path) as client:
        client.open(citing, FIXABLE)
        found = await client.diagnostics_of(citing)
        assert {d.code for d in found} == {"WWR404", "WWR202"}
        offered = await actions(client, citing, line_of(FIXABLE, "Fees  at"))
        fix = next(
            a for title, a in offered.items() if "suppress" not in title and "all" not in title
        )
        assert fix.kind == types.CodeActionKind.QuickFix
        assert fix.is_preferred
        assert "(unsafe)" not in fix.title
        fixed = edited(fix, citing, FIXABLE)
        assert "Fees at the north" in fixed
        assert "20 January 2031" in fixed  # only this fix
        codes = {
            d["code"]
            for d in check_json(tmp_path, "--stdin-filename", "briefs/citing.yaml", stdin=fixed)
        }
        assert codes == {"WWR202"}

        suppress = offered["wwrlint: suppress double-space on this line"]
        suppressed = edited(suppress, citing, FIXABLE)
        assert (
            "Fees  at the north harbour rose for the third time this year."
            "  # wwrlint: disable=double-space -- reason\n" in suppressed
        )
        codes = {
            d["code"]
            for d in check_json(
                tmp_path, "--stdin-filename", "briefs/citing.yaml", stdin=suppressed
            )
        }
        assert codes == {"WWR202"}

        every = offered["wwrlint: fix all safe problems"]
        assert every.kind == "source.fixAll.wwrlint"
        all_fixed = edited(every, citing, FIXABLE)
        assert check_json(tmp_path, "--stdin-filename", "briefs/citing.yaml", stdin=all_fixed) == []
        # the fix of all, as an editor asks for it on save
        on_save = await actions(client, citing, 0, only=[types.CodeActionKind.SourceFixAll])
        assert list(on_save) == ["wwrlint: fix all safe problems"]
    assert citing.read_text() == CITING


async def test_a_second_rule_joins_the_line_s_suppression(tmp_path: Path) -> None:
    briefs = make_desk(tmp_path, git=True)
    citing = briefs / "citing.yaml"
    claim = "  - claim: Fees at the north harbour rose for the third time this year.\n"
    text = CITING.replace("    sources: [gazette-2031-01-20, earlier]\n", "").replace(
        claim,
        claim.replace("Fees at", "Fees  at")[:-1] + "  # wwrlint: disable=WWR404 -- as said\n",
    )
    async with server(tmp_path) as client:
        client.open(citing, text)
        found = await client.diagnostics_of(citing)
        line = line_of(text, "Fees  at")
        assert [d.code for d in found if d.range.start.line == line] == ["WWR101"]
        offered = await actions(client, citing, line)
        suppressed = edited(
            offered["wwrlint: suppress claim-missing-source on this line"], citing, text
        )
        assert "# wwrlint: disable=WWR404,claim-missing-source -- as said\n" in suppressed
        # nothing is offered where nothing is found
        assert await actions(client, citing, 0) == {}


async def test_no_suppression_where_a_comment_cannot_go(tmp_path: Path) -> None:
    briefs = make_desk(tmp_path, git=True)
    citing = briefs / "citing.yaml"
    # a quoted text over two lines: a comment at the end of its first line would be text
    text = CITING.replace(
        "  - claim: Fees at the north harbour rose for the third time this year.\n",
        '  - claim: "Fees  at the north harbour rose\n      for the third time this year."\n',
    )
    async with server(tmp_path) as client:
        client.open(citing, text)
        found = await client.diagnostics_of(citing)
        assert {d.code for d in found} >= {"WWR404"}
        offered = await actions(client, citing, line_of(text, '"Fees  at'))
        assert not any("suppress double-space" in title for title in offered)
