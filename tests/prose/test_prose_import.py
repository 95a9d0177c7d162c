"""`wwrlint import`: the seed, each citation and quote form, and the gaps left visible."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import REPO
from wwrlint.brief import body_items
from wwrlint.cli import cli
from wwrlint.linter import lint
from wwrlint.prose.importer import draft_text, import_prose

GOLDEN = REPO / "tests" / "golden"
SEED = GOLDEN / "wwr-pakistan-taliban-2022.txt"


def imported(prose: str, name: str = "brief.txt") -> dict[str, Any]:
    return import_prose(prose, name).data


def test_seed_import_matches_the_golden_draft() -> None:
    draft = import_prose(SEED.read_text("utf-8"), SEED.name)
    text = draft_text(draft, SEED.name, "../../schema/brief.schema.json")
    assert text == (GOLDEN / "wwr-pakistan-taliban-2022.import.yaml").read_text("utf-8")


def test_seed_import_has_the_five_sources_and_the_analyst_quote() -> None:
    data = imported(SEED.read_text("utf-8"))
    assert [(s["publisher"], s["date"]) for s in data["sources"].values()] == [
        ("WWR", "2021-10-18"),
        ("Long War Journal", "2021-12-15"),
        ("Dawn", "2022-01-03"),
        ("Jamestown Foundation", "2022-01-28"),
        ("International Crisis Group", "2022-02-04"),
    ]
    assert data["sources"]["wwr-2021-10-18"]["type"] == "brief"
    assert data["analysts"] == {
        "thomas-muller": {"name": "Thomas Muller", "role": "World Watch Research analyst"}
    }
    [quote] = [item for item in body_items(data) if item.kind == "quote"]
    assert quote.data["analyst"] == "thomas-muller"
    assert [i["sources"] for i in quote.data["quote"] if "claim" in i] == [
        ["dawn-2022-01-03"],
        ["jamestown-foundation-2022-01-28"],
        ["international-crisis-group-2022-02-04"],
    ]


def test_seed_draft_passes_check() -> None:
    draft = import_prose(SEED.read_text("utf-8"), SEED.name)
    text = draft_text(draft, SEED.name, "brief.schema.json")
    assert lint("draft.yaml", text.encode()) == []


def test_unwraps_lines_and_repairs_apostrophes_but_not_quotation_marks() -> None:
    data = imported(
        'The country"s new rulers\nwill pose challenges. An analyst, Jo Hart, says: "It is\n'
        'serious." The emir"s words (Dawn, 3 January 2022) were clear.\n'
    )
    paragraph = data["body"][0]["paragraph"]
    assert paragraph[0] == {"assessment": "The country's new rulers will pose challenges."}
    assert paragraph[1] == {"quote": "It is serious.", "analyst": "jo-hart"}
    assert paragraph[2] == {"claim": "The emir's words were clear.", "sources": ["dawn-2022-01-03"]}


def test_name_first_attribution_after_and_follow_up_by_surname() -> None:
    data = imported(
        "Thomas Muller, persecution analyst at World Watch Research, says: “The ‘new’ laws "
        "bite.” Attacks rose (ACLED, 2 February 2021).\n\n"
        "“Churches have closed,” says Jo Newhouse, Open Doors' Senior Analyst on West Africa. "
        "Muller added: “This will not end soon.”\n"
    )
    assert data["analysts"] == {
        "thomas-muller": {
            "name": "Thomas Muller",
            "role": "persecution analyst at World Watch Research",
        },
        "jo-newhouse": {"name": "Jo Newhouse", "role": "Open Doors' Senior Analyst on West Africa"},
    }
    quotes = [item.data for item in body_items(data) if item.kind == "quote"]
    assert quotes == [
        {"quote": "The ‘new’ laws bite.", "analyst": "thomas-muller"},
        {"quote": "Churches have closed.", "analyst": "jo-newhouse"},
        {"quote": "This will not end soon.", "analyst": "thomas-muller"},
    ]


def test_numbered_notes_and_markdown_headings() -> None:
    data = imported(
        "# Attacks in the north\n\n## Background\n\nTwelve were killed.[1] Nobody claimed "
        "it.\n\n## Notes\n\n[1] ACLED, 2 February 2021\n",
        "north.md",
    )
    assert data["title"] == "Attacks in the north"
    assert data["id"] == "north"
    assert data["body"] == [
        {"heading": "Background"},
        {
            "paragraph": [
                {"claim": "Twelve were killed.", "sources": ["acled-2021-02-02"]},
                {"assessment": "Nobody claimed it."},
            ]
        },
    ]


def test_gaps_stay_visible_and_check_flags_exactly_them() -> None:
    prose = (
        "Prices rose (Reuters, December 2021). Riots followed (AFP, 3 May 2022).\n\n"
        '"Nobody is safe here any more." The government denied it.\n'
    )
    draft = import_prose(prose, "gaps.txt")
    assert draft.data["sources"]["reuters-december-2021"] == {
        "publisher": "Reuters",
        "note": "cited as 'December 2021', which is not a day: find the publication date",
    }
    assert draft.summary.undated == 1
    assert draft.summary.unattributed == 1
    text = draft_text(draft, "gaps.txt", "brief.schema.json")
    assert [(d.rule, d.span.line) for d in lint("gaps.yaml", text.encode())] == [
        ("source-missing-date", 10),
        ("quote-missing-analyst", 24),
    ]


def test_cli_import_writes_refuses_to_overwrite_and_summarises(tmp_path: Path) -> None:
    target = tmp_path / "draft.yaml"
    runner = CliRunner()
    first = runner.invoke(cli, ["import", str(SEED), "-o", str(target)])
    assert first.exit_code == 0
    assert first.stderr == (
        "wwrlint: imported 4 claims, 7 assessments and 1 quote (0 without a speaker); "
        "5 sources (0 without a date); 3 apostrophes repaired\n"
    )
    assert lint(str(target), target.read_bytes()) == []
    again = runner.invoke(cli, ["import", str(SEED), "-o", str(target)])
    assert (again.exit_code, again.stderr) == (
        2,
        f"wwrlint: error: {target}: already exists; add --force to replace it\n",
    )
    assert runner.invoke(cli, ["import", str(SEED), "-o", str(target), "--force"]).exit_code == 0


def test_cli_import_prints_to_stdout(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["import", str(SEED)])
    assert result.exit_code == 0
    assert "id: wwr-pakistan-taliban-2022\n" in result.stdout


@pytest.mark.parametrize(
    ("content", "message"), [(None, "cannot read"), (b"caf\xe9", "not UTF-8 text")]
)
def test_cli_import_bad_input(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "in.txt"
    if content is not None:
        path.write_bytes(content)
    result = CliRunner().invoke(cli, ["import", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"wwrlint: error: {path}: {message}")


def test_summary_counts_are_json_friendly() -> None:
    summary = import_prose(SEED.read_text("utf-8"), SEED.name).summary
    assert json.loads(json.dumps(summary.__dict__))["sources"] == 5
