"""Rules across the archive, through the command line on a real archive: a git repository
with briefs/, its roster and several briefs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from browser import Page, browser, chromium, console_messages
from conftest import VALID
from wwrlint.cli import cli

ROSTER = """\
analysts:
  thomas-muller:
    name: Thomas Muller
    role: World Watch Research analyst
    active-from: 2018-01-01
    active-until: 2023-12-31
"""
ANALYSTS = "analysts:\n  thomas-muller:\n    name: Thomas Muller\n"
QUOTED = VALID.replace(ANALYSTS + "    role: World Watch Research analyst\n", "")
EARLIER = """\
id: wwr-emboldened-2021
title: Radical groups take heart
date: 2021-10-18
sources:
  dawn-2021-08-17:
    publisher: Dawn
    date: 2021-08-17
    url: https://example.org/dawn/welcome
body:
  - claim: The prime minister welcomed the take-over.
    sources: [dawn-2021-08-17]
"""


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    (briefs / "analysts.yaml").write_text(ROSTER)
    (briefs / "earlier.yaml").write_text(EARLIER)
    return briefs


def found(path: Path) -> list[tuple[str, int, int, str]]:
    result = CliRunner().invoke(cli, ["check", "--output-format", "json", str(path)])
    assert result.exit_code in (0, 1), result.stderr
    return [(d["rule"], d["line"], d["column"], d["message"]) for d in json.loads(result.stdout)]


def related(path: Path) -> list[list[tuple[str, str, str]]]:
    """The other places each diagnostic names: (path from the repository's root, pointer,
    what it is)."""
    result = CliRunner().invoke(cli, ["check", "--output-format", "json", str(path)])
    return [
        [(r["path"], r["pointer"], r["message"]) for r in d.get("related", [])]
        for d in json.loads(result.stdout)
    ]


def test_a_quote_may_name_a_roster_analyst(archive: Path) -> None:
    (archive / "brief.yaml").write_text(QUOTED)
    assert found(archive / "brief.yaml") == []


def test_unknown_analyst_means_in_neither_brief_nor_roster(archive: Path) -> None:
    (archive / "brief.yaml").write_text(
        QUOTED.replace("analyst: thomas-muller", "analyst: jo-hart")
    )
    [(rule, line, column, message)] = found(archive / "brief.yaml")
    assert (rule, line, column) == ("unknown-analyst", 12, 14)
    assert "neither under 'analysts' nor in the roster" in message


def test_analyst_conflict(archive: Path) -> None:
    (archive / "brief.yaml").write_text(VALID.replace("name: Thomas Muller", "name: Tom Muller"))
    assert found(archive / "brief.yaml") == [
        (
            "analyst-conflict",
            5,
            3,
            "analyst 'thomas-muller' is in the roster as 'Thomas Muller, World Watch Research "
            "analyst', but this brief gives 'Tom Muller, World Watch Research analyst'; drop "
            "the entry here to use the roster's, or correct it",
        )
    ]


def test_a_brief_that_repeats_the_roster_exactly_is_fine(archive: Path) -> None:
    (archive / "brief.yaml").write_text(VALID)
    assert found(archive / "brief.yaml") == []


def test_analyst_inactive(archive: Path) -> None:
    brief = QUOTED.replace("date: 2022-02-07", "date: 2024-02-07")
    (archive / "brief.yaml").write_text(brief)
    assert found(archive / "brief.yaml") == [
        (
            "analyst-inactive",
            12,
            14,
            "analyst 'thomas-muller' was active from 2018-01-01 until 2023-12-31 by the "
            "roster, but the brief is dated 2024-02-07",
        )
    ]


def cites_earlier(date: str, brief_id: str | None = None) -> str:
    named = f"    brief: {brief_id}\n" if brief_id else ""
    source = f"  wwr-earlier:\n    publisher: WWR\n    date: {date}\n    type: brief\n{named}"
    return QUOTED.replace("body:", source + "body:").replace(
        "[dawn-2022-01-03]", "[dawn-2022-01-03, wwr-earlier]"
    )


def test_an_earlier_brief_by_date_and_by_id(archive: Path) -> None:
    (archive / "brief.yaml").write_text(cites_earlier("2021-10-18"))
    assert found(archive / "brief.yaml") == []
    (archive / "brief.yaml").write_text(cites_earlier("2021-10-18", "wwr-emboldened-2021"))
    assert found(archive / "brief.yaml") == []


def test_unknown_brief(archive: Path) -> None:
    (archive / "brief.yaml").write_text(cites_earlier("2021-10-17"))
    assert [f[:3] for f in found(archive / "brief.yaml")] == [("unknown-brief", 8, 3)]
    (archive / "brief.yaml").write_text(cites_earlier("2021-10-18", "wwr-emboldened-2012"))
    [(rule, line, column, message)] = found(archive / "brief.yaml")
    assert (rule, line, column) == ("unknown-brief", 12, 12)
    assert message.endswith("did you mean 'wwr-emboldened-2021'?")


def test_brief_date_mismatch(archive: Path) -> None:
    (archive / "brief.yaml").write_text(cites_earlier("2021-10-19", "wwr-emboldened-2021"))
    [(rule, line, column, message)] = found(archive / "brief.yaml")
    assert (rule, line, column) == ("brief-date-mismatch", 10, 11)
    assert message == (
        "source 'wwr-earlier' dates brief 'wwr-emboldened-2021' 2021-10-19, but that brief is "
        "dated 2021-10-18"
    )
    assert related(archive / "brief.yaml") == [
        [("briefs/earlier.yaml", "/date", "the date of brief 'wwr-emboldened-2021'")]
    ]


def test_duplicate_brief_id_names_the_other_file(archive: Path) -> None:
    (archive / "brief.yaml").write_text(
        QUOTED.replace("id: pakistan-border-2022", "id: wwr-emboldened-2021")
    )
    assert found(archive / "brief.yaml") == [
        (
            "duplicate-brief-id",
            1,
            5,
            "brief id 'wwr-emboldened-2021' is also the id of another brief of the archive",
        )
    ]
    assert related(archive / "brief.yaml") == [
        [("briefs/earlier.yaml", "/id", "the other brief with this id")]
    ]


def test_source_conflict_names_both_places(archive: Path) -> None:
    brief = QUOTED.replace(
        "    publisher: Dawn\n    date: 2022-01-03\n",
        "    publisher: Dawn News\n    date: 2022-01-03\n    url: https://example.org/dawn/welcome\n",
    )
    (archive / "brief.yaml").write_text(brief)
    assert found(archive / "brief.yaml") == [
        (
            "source-conflict",
            5,
            3,
            "source 'dawn-2022-01-03' is the same as 'dawn-2021-08-17' in another brief, but "
            "its publisher differs: 'Dawn News' here, 'Dawn' there",
        )
    ]
    assert related(archive / "brief.yaml") == [
        [
            (
                "briefs/earlier.yaml",
                "/sources/dawn-2021-08-17",
                "the same source in another brief",
            )
        ]
    ]


def test_max_source_age(archive: Path) -> None:
    (archive.parent / ".wwrlint.yaml").write_text("max-source-age: 30\n")
    (archive / "brief.yaml").write_text(QUOTED)
    assert [f[:3] for f in found(archive / "brief.yaml")] == [("source-too-old", 7, 11)]


def test_the_roster_is_checked_against_its_schema(archive: Path) -> None:
    (archive / "analysts.yaml").write_text(ROSTER.replace("name:", "nmae:"))
    messages = [f[3] for f in found(archive / "analysts.yaml")]
    assert messages == ["unknown key 'nmae' in analyst 'thomas-muller'; did you mean 'name'?"]


def test_checking_one_file_resolves_against_the_whole_archive(archive: Path) -> None:
    (archive / "sub").mkdir()
    (archive / "sub" / "brief.yaml").write_text(cites_earlier("2021-10-18"))
    assert found(archive / "sub" / "brief.yaml") == []


def test_a_roster_or_archive_outside_the_repository_is_refused(
    archive: Path, tmp_path: Path
) -> None:
    (archive.parent / ".wwrlint.yaml").write_text("roster: ../../elsewhere/analysts.yaml\n")
    (archive / "brief.yaml").write_text(QUOTED)
    result = CliRunner().invoke(cli, ["check", str(archive / "brief.yaml")])
    assert result.exit_code == 2
    assert "roster: '../../elsewhere/analysts.yaml' leads outside the repository" in result.stderr


def test_sources_lists_the_ledger(archive: Path) -> None:
    (archive / "brief.yaml").write_text(
        QUOTED.replace(
            "    date: 2022-01-03\n", "    date: 2022-01-03\n    url: https://example.org/x\n"
        )
    )
    (archive / "again.yaml").write_text(
        QUOTED.replace("id: pakistan-border-2022", "id: again").replace(
            "    date: 2022-01-03\n", "    date: 2022-01-03\n    url: https://example.org/x\n"
        )
    )
    table = CliRunner().invoke(cli, ["sources", str(archive)])
    assert table.exit_code == 0
    assert table.stdout.splitlines() == [
        "PUBLISHER  DATE        BRIEFS  TITLE",
        "Dawn       2022-01-03       2",
        "Dawn       2021-08-17       1",
    ]
    listed = json.loads(
        CliRunner().invoke(cli, ["sources", "--output-format", "json", str(archive)]).stdout
    )
    assert [(s["publisher"], s["briefs"]) for s in listed] == [("Dawn", 2), ("Dawn", 1)]


@browser
def test_report_page_loads_in_chromium_and_draws_the_timeline(tmp_path: Path) -> None:
    from conftest import REPO

    page = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["report", str(REPO / "briefs"), "-o", str(page)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"wwrlint: wrote {page} (1 brief)\n"
    loaded = chromium(page, "--dump-dom", profile=tmp_path / "profile")
    assert loaded.returncode == 0
    assert console_messages(loaded.stderr) == []
    dom = Page()
    dom.feed(loaded.stdout)
    assert "timeline" in dom.ids
    assert dom.tags.count("circle") == 5  # the seed brief's dated sources
    assert dom.tags.count("path") == 1  # one diamond per brief
    assert dom.tags.count("tr") == 2
    assert "wwr-pakistan-taliban-2022" in dom.text
    assert "100%" in dom.text
    assert [link for link in dom.links if not link.startswith("#")] == []
