"""`wwrlint import` from the user's side: the seed and its golden draft, drafts ready for the
archive (title line, roster, Markdown links, modeline, exact summary, an undated draft's
visible TODO), and the command line in and out of an archive and a git repository."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from prose.helpers import claims, imported, quotes

from conftest import REPO
from desk import ROSTER
from wwrlint.brief import body_items
from wwrlint.cli import cli
from wwrlint.linter import lint
from wwrlint.prose.importer import draft_text, import_prose
from wwrlint.schema import brief_schema

GOLDEN = REPO / "tests" / "golden"
SEED = GOLDEN / "wwr-pakistan-taliban-2022.txt"
SCHEMA_ID = brief_schema()["$id"]


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
    assert "attribution" not in quote.data  # "<role> <name> comments:", as render writes it
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
        'serious." The emir"s words (Dawn, 3 January 2022) were  clear.\n'
    )
    paragraph = data["body"][0]["paragraph"]
    assert paragraph[0] == {"assessment": "The country's new rulers will pose challenges."}
    assert paragraph[1] == {
        "quote": "It is serious.",
        "analyst": "jo-hart",
        "attribution": {"before": "An analyst, Jo Hart, says:"},
    }
    assert paragraph[2] == {
        "claim": "The emir's words were clear.",
        "sources": ["dawn-2022-01-03"],
        "citation": {"after": "The emir's words"},
    }


def test_a_text_written_one_paragraph_a_line_keeps_its_paragraphs() -> None:
    data = imported("Harbour fees rise again\nFees rose. Traders left.\nShips stayed away.\n")
    assert data["title"] == "Harbour fees rise again"
    assert [len(block["paragraph"]) for block in data["body"]] == [2, 1]


def test_a_title_line_becomes_the_title_and_a_first_sentence_does_not() -> None:
    titled = imported("Harbour fees rise again\n\nFees rose (Harbour Gazette, 3 May 2031).\n")
    assert titled["title"] == "Harbour fees rise again"
    assert [item.kind for item in body_items(titled)] == ["paragraph", "claim"]
    untitled = import_prose("Fees rose.\n\nTraders left.\n", "harbour.txt")
    assert untitled.data["title"] == "Imported from harbour.txt"
    assert untitled.guessed["title"] == "the prose has no title line; write one"


def test_markdown_headings_links_and_emphasis() -> None:
    data = imported(
        "# Attacks in the north\n\n## Background\n\nTwelve were **killed** "
        "([ACLED, 2 February 2021](https://example.org/acled)). As [Human Rights Watch "
        "reported on 3 March 2021](https://example.org/hrw), nobody *claimed* it.\n",
        "north.md",
    )
    assert data["title"] == "Attacks in the north"
    assert data["id"] == "north"
    assert data["body"][0] == {"heading": "Background"}
    assert claims(data) == [
        ("Twelve were killed.", ["ACLED"]),
        (
            "As Human Rights Watch reported on 3 March 2021, nobody claimed it.",
            ["Human Rights Watch"],
        ),
    ]
    assert [s.get("url") for s in data["sources"].values()] == [
        "https://example.org/acled",
        "https://example.org/hrw",
    ]


def test_an_undated_draft_has_a_visible_todo_date_that_check_flags() -> None:
    draft = import_prose('Fees rose (Harbour Gazette, undated).\n\n"Nobody warned us."\n', "t.txt")
    assert draft.data["date"] == "TODO"
    text = draft_text(draft, "t.txt", "brief.schema.json")
    assert "date: TODO  # TODO: no source in the text gives a day" in text
    assert sorted(d.rule for d in lint("t.yaml", text.encode()) if d.severity == "error") == [
        "invalid-date",
        "quote-missing-analyst",
        "source-missing-date",
    ]


def test_gaps_stay_visible_and_check_flags_exactly_them() -> None:
    prose = (
        "Prices rose (Reuters, December 2021). Riots followed (AFP, 3 May 2022). Shops shut "
        "within a year (Morning Star News).\n\n"
        '"Nobody is safe here any more." The government denied it. A local priest told '
        'reporters: "We will stay."\n'
    )
    draft = import_prose(prose, "gaps.txt")
    assert draft.data["sources"]["reuters-december-2021"] == {
        "publisher": "Reuters",
        "note": "cited as 'December 2021', which is not a day: find the publication date",
    }
    assert (draft.summary.undated, draft.summary.unattributed) == (2, 2)
    text = draft_text(draft, "gaps.txt", "brief.schema.json")
    errors = [(d.rule, d.span.line) for d in lint("gaps.yaml", text.encode())]
    assert sorted(rule for rule, _ in errors) == sorted(
        ["source-missing-date"] * 2 + ["quote-missing-analyst"] * 2
    )


def test_summary_counts_are_the_drafts_own() -> None:
    draft = import_prose(
        'Fees rose (Harbour Gazette, 3 May 2031). Ana Ferreira says: "It hurts. It will '
        'last (Harbour Gazette, 4 May 2031)." Traders left.\n',
        "t.txt",
    )
    kinds = [item.kind for item in body_items(draft.data)]
    summary = draft.summary
    assert (
        (summary.claims, summary.assessments, summary.quotes)
        == (
            kinds.count("claim"),
            kinds.count("assessment"),
            kinds.count("quote"),
        )
        == (2, 2, 1)
    )
    assert json.loads(json.dumps(summary.__dict__))["sources"] == 2


def test_every_sentence_of_the_input_is_in_the_draft() -> None:
    prose = SEED.read_text("utf-8")
    data = imported(prose)
    texts = " ".join(
        str(item.data.get(item.kind)) for item in body_items(data) if item.kind != "paragraph"
    )
    for word in ("Pakistan", "Haqqani", "Nangarhar", "targets."):
        assert word in texts


# --- the command line -----------------------------------------------------------------------


def test_cli_import_writes_refuses_to_overwrite_and_summarises(tmp_path: Path) -> None:
    target = tmp_path / "draft.yaml"
    runner = CliRunner()
    first = runner.invoke(cli, ["import", str(SEED), "-o", str(target)])
    assert first.exit_code == 0
    assert first.stderr == (
        "wwrlint: imported 5 claims, 7 assessments and 1 quote (0 without a speaker); "
        "5 sources (0 without a date); 3 apostrophes repaired\n"
    )
    assert lint(str(target), target.read_bytes()) == []
    again = runner.invoke(cli, ["import", str(SEED), "-o", str(target)])
    assert again.exit_code == 2
    assert str(target) in again.stderr
    assert "--force" in again.stderr
    assert runner.invoke(cli, ["import", str(SEED), "-o", str(target), "--force"]).exit_code == 0


def test_cli_import_to_stdout_names_the_schema_by_its_id(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["import", str(SEED)])
    assert result.exit_code == 0
    assert result.stdout.startswith(f"# yaml-language-server: $schema={SCHEMA_ID}\n")
    assert "id: wwr-pakistan-taliban-2022\n" in result.stdout


def _archive(root: Path, git: bool) -> Path:
    """An archive of the Northwind Desk: schema/ beside briefs/, the roster in briefs/."""
    (root / "schema").mkdir(parents=True)
    (root / "schema" / "brief.schema.json").write_text("{}", encoding="utf-8")
    briefs = root / "briefs"
    (briefs / "2031").mkdir(parents=True)
    (briefs / "analysts.yaml").write_text(ROSTER, encoding="utf-8")
    if git:
        subprocess.run(["git", "init", "-q", str(root)], check=True)
    return briefs


@pytest.mark.parametrize("git", [False, True], ids=["plain-folder", "git-repository"])
@pytest.mark.parametrize("cwd", ["root", "subfolder"])
def test_cli_import_into_an_archive_uses_its_roster_and_a_relative_modeline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, git: bool, cwd: str
) -> None:
    briefs = _archive(tmp_path / "desk", git)
    prose = tmp_path / "fees.txt"
    prose.write_text(
        "Harbour fees rise again\n\nFees rose (Harbour Gazette, 3 May 2031). Ana Ferreira, "
        'harbour analyst, says: "It will last."\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path / "desk" if cwd == "root" else briefs / "2031")
    target = briefs / "2031" / "fees.yaml"
    result = CliRunner().invoke(cli, ["import", str(prose), "-o", os.path.relpath(target)])
    assert result.exit_code == 0, result.output
    text = target.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/brief.schema.json\n")
    assert "analysts:" not in text
    assert "analyst: ana-ferreira" in text
    assert "title: Harbour fees rise again\n" in text
    check = CliRunner().invoke(cli, ["check", "--no-cache", str(target)])
    assert check.exit_code == 0, check.output


def test_cli_import_outside_any_archive_names_the_schema_by_its_id(tmp_path: Path) -> None:
    prose = tmp_path / "fees.txt"
    prose.write_text("Fees rose (Harbour Gazette, 3 May 2031).\n", encoding="utf-8")
    target = tmp_path / "out" / "fees.yaml"
    target.parent.mkdir()
    result = CliRunner().invoke(cli, ["import", str(prose), "-o", str(target)])
    assert result.exit_code == 0, result.output
    first = target.read_text("utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema={SCHEMA_ID}"
    assert "site-packages" not in first
    assert str(REPO) not in first


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


@pytest.mark.parametrize(
    "prose",
    [
        "",
        "\n\n\n",
        "(((((((((",
        '"' * 50,
        "“‘’”" * 20,
        "[1] a note with nothing citing it\n",
        "# \n\n## \n",
        "\x00\x01 control \u2028 characters \ufeff",
        "x  " * 2000,
        "It was according to " + "Harbour  " * 500,
        "As Alpha reported " * 500 + "the fees rose.",
    ],
)
def test_hostile_prose_gets_a_draft_that_reads_back(prose: str, tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_text(prose, encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(path)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert "internal error" not in result.output
    assert all(d.rule != "yaml-syntax" for d in lint("in.yaml", result.stdout.encode()))


def test_quotes_helper_reads_the_seed() -> None:
    assert quotes(imported(SEED.read_text("utf-8")))[0][0] == "Thomas Muller"
