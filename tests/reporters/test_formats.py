"""Output formats: SARIF validates and carries rule metadata, GitHub annotations escape,
GitLab Code Quality, full output with carets, colour, output files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft4Validator

from conftest import VALID
from wwrlint.cli import cli
from wwrlint.rules import RULES

SARIF_SCHEMA = json.loads(
    (Path(__file__).parent.parent / "data" / "sarif-schema-2.1.0.json").read_text("utf-8")
)
BAD = VALID.replace("date: 2022-01-03", "date: 2022-02-30").replace(
    "    sources: [dawn-2022-01-03]\n", ""
)


def check(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", *args], env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def bad(write_brief):  # type: ignore[no-untyped-def]
    """A bad brief, briefs/bad.yaml of a repository."""
    path = write_brief("briefs/bad.yaml", BAD)
    (path.parent.parent / ".git").mkdir()
    return str(path)


def test_sarif_validates_and_describes_every_rule(
    bad: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(Path(bad).parent.parent)
    code, out, err = check("--output-format", "sarif", "briefs/bad.yaml")
    # The summary line says why the run failed, for every format.
    assert (code, err) == (1, "Found 2 errors and 1 warning in 1 of 1 brief.\n")
    sarif = json.loads(out)
    Draft4Validator(SARIF_SCHEMA).validate(sarif)
    [run] = sarif["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [rule.code for rule in RULES]
    unused = rules[[r["name"] for r in rules].index("unused-source")]
    assert unused["shortDescription"]["text"] == "A source is defined but no claim cites it."
    assert unused["defaultConfiguration"] == {"level": "warning"}
    assert unused["fullDescription"]["text"].startswith("A source that nothing cites")
    assert "Bad (this brief triggers the rule):" in unused["help"]["text"]
    assert "Good:" in unused["help"]["text"]
    results = [
        (r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["region"])
        for r in run["results"]
    ]
    assert [
        (rule, level, region["startLine"], region["startColumn"]) for rule, level, region in results
    ] == [
        ("WWR103", "warning", 9, 3),
        ("WWR202", "error", 11, 11),
        ("WWR101", "error", 13, 5),
    ]
    assert results[1][2]["endColumn"] == 21
    assert results[1][2]["snippet"] == {"text": "    date: 2022-02-30"}
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "briefs/bad.yaml", "uriBaseId": "%SRCROOT%"}
    assert run["results"][0]["ruleIndex"] == [rule.name for rule in RULES].index("unused-source")


def test_sarif_with_no_results_validates(write_brief) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = check("--output-format", "sarif", str(write_brief("good.yaml", VALID)))
    sarif = json.loads(out)
    Draft4Validator(SARIF_SCHEMA).validate(sarif)
    assert (code, sarif["runs"][0]["results"]) == (0, [])


def fingerprints(path: str) -> dict[str, str]:
    _, out, _ = check("--output-format", "sarif", path)
    return {
        r["ruleId"]: r["partialFingerprints"]["wwrlint/v2"]
        for r in json.loads(out)["runs"][0]["results"]
    }


def test_sarif_fingerprints_survive_unrelated_lines_moving(write_brief) -> None:  # type: ignore[no-untyped-def]
    before = fingerprints(str(write_brief("a.yaml", BAD)))
    moved = "# a comment\n# another\n" + BAD.replace("title: ", "title: A longer title: ")
    after = fingerprints(
        str(write_brief("a.yaml", moved.replace("title: A longer title: ", "title: ")))
    )
    assert before == after
    changed = fingerprints(str(write_brief("a.yaml", BAD.replace("2022-02-30", "2022-02-31"))))
    assert changed["WWR202"] != before["WWR202"]
    assert changed["WWR101"] == before["WWR101"]


def test_github_annotations_escape_what_github_requires(write_brief) -> None:  # type: ignore[no-untyped-def]
    brief = VALID.replace("dawn-2022-01-03:", '"dawn, 2022: 100%":')
    path = write_brief("we,ird:name.yaml", brief)
    code, out, _ = check("--output-format", "github", str(path))
    assert code == 1
    escaped = str(path).replace(",", "%2C").replace(":", "%3A")
    first = out.splitlines()[0]
    assert first.startswith(f"::error file={escaped},line=9,col=3,endLine=9,endColumn=")
    assert ",title=WWR100 [schema]::'dawn, 2022: 100%25' is not a valid source id" in first


def test_github_annotation_for_a_warning(write_brief) -> None:  # type: ignore[no-untyped-def]
    path = write_brief(
        "w.yaml",
        VALID.replace("    analyst: thomas-muller\n", "    analyst: thomas-muller\n").replace(
            "  - quote: The risk is deemed manageable.\n    analyst: thomas-muller\n", ""
        ),
    )
    code, out, _ = check("--output-format", "github", str(path))
    assert code == 0
    assert out == (
        f"::warning file={path},line=5,col=3,endLine=5,endColumn=16,"
        "title=WWR303 [unused-analyst]::"
        "analyst 'thomas-muller' is defined but no quote names them\n"
    )


def test_github_actions_adds_annotations_to_the_default_output(bad: str) -> None:
    _, out, _ = check(bad, env={"GITHUB_ACTIONS": "true"})
    lines = out.splitlines()
    assert lines[0].startswith(f"{bad}:9:3: WWR103 [unused-source]")
    assert lines[3].startswith("::warning file=briefs/bad.yaml,line=9,col=3,")
    assert len(lines) == 6
    _, json_out, _ = check("--output-format", "json", bad, env={"GITHUB_ACTIONS": "true"})
    assert json.loads(json_out)


def test_gitlab_code_quality(bad: str) -> None:
    code, out, _ = check("--output-format", "gitlab", bad)
    assert code == 1
    issues = json.loads(out)
    assert [(i["check_name"], i["severity"], i["location"]["lines"]["begin"]) for i in issues] == [
        ("unused-source", "minor", 9),
        ("invalid-date", "major", 11),
        ("claim-missing-source", "major", 13),
    ]
    assert issues[0]["location"]["path"] == "briefs/bad.yaml"
    assert len({i["fingerprint"] for i in issues}) == 3
    assert issues[1]["description"].startswith("WWR202 [invalid-date] the date of source")


def test_full_output_shows_the_line_and_a_caret(bad: str) -> None:
    code, out, _ = check("--output-format", "full", bad)
    assert code == 1
    block = out.split("\n\n")[1]
    assert block.splitlines() == [
        f"{bad}:11:11: WWR202 [invalid-date] the date of source 'dawn-2022-01-03' is "
        "'2022-02-30', which is not a real calendar date",
        "   |",
        "11 |     date: 2022-02-30",
        "   |           ^^^^^^^^^^",
    ]
    assert "\033[" not in out


def test_colour_only_when_asked_or_on_a_terminal(bad: str) -> None:
    _, out, _ = check("--output-format", "full", "--color", "always", bad)
    assert "\033[1;31mWWR202\033[0m" in out
    _, out, _ = check("--output-format", "full", bad)
    assert "\033[" not in out


def test_output_file_gets_the_report_and_stdout_stays_empty(bad: str, tmp_path: Path) -> None:
    target = tmp_path / "report.sarif"
    code, out, _ = check("--output-format", "sarif", "--output-file", str(target), bad)
    assert (code, out) == (1, "")
    Draft4Validator(SARIF_SCHEMA).validate(json.loads(target.read_text("utf-8")))
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_output_file_in_a_missing_folder_is_a_one_line_error(bad: str, tmp_path: Path) -> None:
    code, _, err = check("-o", str(tmp_path / "no" / "such" / "report.json"), bad)
    assert code == 2
    assert err.startswith(
        f"wwrlint: error: {tmp_path / 'no' / 'such' / 'report.json'}: cannot write"
    )
