"""Diagnostics as the brief is typed: the same as `wwrlint check` gives for the buffer's
text, against the archive on disk and the other open buffers."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from desk import CITING, EARLIER, make_desk
from server.lsp import as_check, check_json, from_check, server, until, uri

pytestmark = pytest.mark.asyncio

# The citing brief, broken: an undated source, an unknown source, an unknown analyst.
BROKEN = (
    CITING.replace("    date: 2031-01-20\n", "")
    .replace("sources: [gazette-2031-01-20, earlier]", "sources: [gazette-2031-01-20, gazete]")
    .replace("analyst: ana-ferreira", "analyst: ana-ferriera")
)


@pytest.mark.parametrize("git", [True, False], ids=["in-git", "plain-folder"])
@pytest.mark.parametrize("cache", [True, False], ids=["cache", "no-cache"])
async def test_an_open_brief_gets_the_diagnostics_of_check(
    tmp_path: Path, git: bool, cache: bool
) -> None:
    briefs = make_desk(tmp_path, git=git)
    (briefs / "citing.yaml").write_text(BROKEN)
    expected = from_check(check_json(tmp_path, "briefs/citing.yaml"), "citing.yaml")
    assert len(expected) >= 3
    async with server(tmp_path, *([] if cache else ["--no-cache"])) as client:
        client.open(briefs / "citing.yaml")
        assert as_check(await client.diagnostics_of(briefs / "citing.yaml")) == expected


async def test_a_change_is_checked_as_check_checks_the_text(tmp_path: Path) -> None:
    briefs = make_desk(tmp_path, git=True)
    citing = briefs / "citing.yaml"
    async with server(tmp_path) as client:
        client.open(citing)
        assert await client.diagnostics_of(citing) == []
        # a keystroke: one letter of the analyst's id deleted
        line = CITING.splitlines().index("    analyst: ana-ferreira")
        client.edit(citing, line, len("    analyst: ana-fer"), len("    analyst: ana-ferr"), "")
        text = CITING.replace("    analyst: ana-ferreira", "    analyst: ana-fereira")
        expected = check_json(tmp_path, "--stdin-filename", "briefs/citing.yaml", stdin=text)
        found = as_check(await client.diagnostics_of(citing))
        assert found == from_check(expected, "citing.yaml")
        assert [d[0] for d in found] == ["WWR302"]
        assert citing.read_text() == CITING  # the file is never written


async def test_diagnostics_link_to_the_rule_and_name_related_places(tmp_path: Path) -> None:
    briefs = make_desk(tmp_path, git=True)
    copy = briefs / "copy.yaml"
    async with server(tmp_path) as client:
        client.open(copy, CITING)  # a new, unsaved brief with the same id as citing.yaml
        (found,) = await client.diagnostics_of(copy)
        assert (found.code, found.source) == ("WWR505", "wwrlint")
        assert found.code_description is not None
        page = Path(found.code_description.href.removeprefix("file://"))
        assert page.read_text().startswith("# duplicate-brief-id (WWR505)")
        (related,) = found.related_information or []
        assert related.location.uri == uri(briefs / "citing.yaml")
        assert related.location.range.start.line == 0  # the other brief's id
        assert related.message == "the other brief with this id"
    assert not copy.exists()
    assert not page.exists()  # the pages go with the server


async def test_an_unsaved_roster_change_republishes_the_open_briefs(tmp_path: Path) -> None:
    briefs = make_desk(tmp_path, git=True)
    roster, citing, earlier = (
        briefs / "analysts.yaml",
        briefs / "citing.yaml",
        briefs / "2031" / "earlier.yaml",
    )
    async with server(tmp_path) as client:
        for path in (citing, earlier, roster):
            client.open(path)
            assert await client.diagnostics_of(path) == []
        renamed = roster.read_text().replace("ana-ferreira:", "ana-ferreira-costa:")
        client.replace(roster, renamed)
        for path in (citing, earlier):
            (found,) = await client.eventually(path, lambda found: bool(found))
            assert found.code == "WWR302"  # unknown-analyst, from the roster in the buffer
            assert "ana-ferreira" in found.message
        client.close(roster)  # the roster on disk stands again
        for path in (citing, earlier):
            assert await client.eventually(path, lambda found: not found) == []
    assert roster.read_text() != renamed


async def test_a_change_to_a_cited_brief_republishes_the_briefs_citing_it(tmp_path: Path) -> None:
    briefs = make_desk(tmp_path, git=True)
    citing, earlier = briefs / "citing.yaml", briefs / "2031" / "earlier.yaml"
    async with server(tmp_path) as client:
        client.open(citing)
        client.open(earlier)
        assert await client.diagnostics_of(citing) == []
        client.replace(earlier, EARLIER.replace("id: harbour-2031-02", "id: harbour-2031-2"))
        (found,) = await client.eventually(citing, lambda found: bool(found))
        assert found.code == "WWR503"  # unknown-brief
        assert "did you mean 'harbour-2031-2'" in found.message
        # what check says of the citing brief once the change is saved
        (briefs / "2031" / "earlier.yaml").write_text(
            EARLIER.replace("id: harbour-2031-02", "id: harbour-2031-2")
        )
        expected = from_check(check_json(tmp_path, "briefs/citing.yaml"), "citing.yaml")
        assert as_check([found]) == expected


async def test_a_file_changed_on_disk_republishes_what_depends_on_it(tmp_path: Path) -> None:
    briefs = make_desk(tmp_path, git=False)
    citing = briefs / "citing.yaml"
    async with server(tmp_path) as client:
        client.open(citing)
        assert await client.diagnostics_of(citing) == []
        assert "workspace/didChangeWatchedFiles" in client.registrations
        roster = briefs / "analysts.yaml"
        roster.write_text(roster.read_text().replace("ana-ferreira:", "ana-costa:"))
        client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                [types.FileEvent(uri(roster), types.FileChangeType.Changed)]
            )
        )
        (found,) = await client.eventually(citing, lambda found: bool(found))
        assert found.code == "WWR302"


async def test_without_file_events_the_files_are_looked_at_again(tmp_path: Path) -> None:
    briefs = make_desk(tmp_path, git=True)
    citing = briefs / "citing.yaml"
    # Neovim 0.7 does not report changes to files; the server looks again every few seconds.
    async with server(tmp_path, editor="neovim@v0.7.0") as client:
        client.open(citing)
        assert await client.diagnostics_of(citing) == []
        assert client.registrations == []
        earlier = briefs / "2031" / "earlier.yaml"
        earlier.write_text(EARLIER.replace("date: 2031-02-01", "date: 2031-02-02"))
        (found,) = await client.eventually(citing, lambda found: bool(found))
        assert found.code == "WWR504"  # brief-date-mismatch


@pytest.mark.parametrize("where", ["root", "subfolder", "elsewhere"])
async def test_the_server_started_anywhere_finds_the_same_archive(
    tmp_path: Path, where: str
) -> None:
    briefs = make_desk(tmp_path / "desk", git=True)
    citing = briefs / "citing.yaml"
    citing.write_text(BROKEN)
    expected = from_check(check_json(tmp_path / "desk", "briefs/citing.yaml"), "citing.yaml")
    cwd = {"root": tmp_path / "desk", "subfolder": briefs / "2031", "elsewhere": tmp_path}[where]
    async with server(cwd) as client:
        client.open(citing)
        assert as_check(await client.diagnostics_of(citing)) == expected


async def test_a_configuration_that_cannot_be_used_is_shown_once(tmp_path: Path) -> None:
    briefs = make_desk(tmp_path, git=True)
    (tmp_path / ".wwrlint.yaml").write_text("select: [no-such-rule]\n")
    citing = briefs / "citing.yaml"
    async with server(tmp_path) as client:
        client.open(citing)
        assert await client.diagnostics_of(citing) == []
        await until(lambda: bool(client.messages), "message")
        (shown,) = client.messages
        assert shown.type == types.MessageType.Error
        assert ".wwrlint.yaml" in shown.message
        assert "no-such-rule" in shown.message
        # fixed on disk: the brief is checked again
        (tmp_path / ".wwrlint.yaml").write_text("ignore: [unused-source]\n")
        client.text_document_did_save(
            types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri(citing)))
        )
        client.replace(citing, BROKEN)
        found = await client.eventually(citing, lambda found: bool(found))
        assert {d.code for d in found} >= {"WWR201", "WWR102", "WWR302"}


async def test_closing_a_brief_clears_its_diagnostics(tmp_path: Path) -> None:
    briefs = make_desk(tmp_path, git=True)
    citing = briefs / "citing.yaml"
    async with server(tmp_path) as client:
        client.open(citing, BROKEN)
        assert await client.diagnostics_of(citing) != []
        client.close(citing)
        await until(lambda: not client.publications(citing)[-1].diagnostics, "cleared")


@pytest.mark.parametrize("forced", [False, True], ids=["excluded", "force-excluded"])
async def test_an_excluded_brief_is_checked_as_check_checks_a_named_file(
    tmp_path: Path, forced: bool
) -> None:
    briefs = make_desk(tmp_path, git=True)
    citing = briefs / "citing.yaml"
    citing.write_text(BROKEN)
    config = "exclude: [briefs/citing.yaml]\n" + ("force-exclude: true\n" if forced else "")
    (tmp_path / ".wwrlint.yaml").write_text(config)
    expected = from_check(check_json(tmp_path, "briefs/citing.yaml"), "citing.yaml")
    assert bool(expected) is not forced
    async with server(tmp_path) as client:
        client.open(citing)
        assert as_check(await client.diagnostics_of(citing)) == expected
