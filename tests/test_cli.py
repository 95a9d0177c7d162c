"""The command line through click's runner: output formats, exit codes, errors, help."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO, VALID
from wwrlint.cli import cli
from wwrlint.rules import RULES
from wwrlint.schema import schema_text

BAD = VALID.replace("    sources: [dawn-2022-01-03]\n", "")


def run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    runner = CliRunner()
    if cwd is None:
        result = runner.invoke(cli, list(args), catch_exceptions=False)
    else:
        old = Path.cwd()
        os.chdir(cwd)
        try:
            result = runner.invoke(cli, list(args), catch_exceptions=False)
        finally:
            os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


def test_clean_brief_exits_0(write_brief) -> None:  # type: ignore[no-untyped-def]
    path = write_brief("good.yaml", VALID)
    assert run("check", str(path)) == (0, "", "All checks passed (1 brief).\n")


def test_errors_exit_1_with_one_line_each(write_brief) -> None:  # type: ignore[no-untyped-def]
    path = write_brief("bad.yaml", BAD)
    code, out, err = run("check", str(path))
    assert code == 1
    assert out.splitlines() == [
        f"{path}:9:3: WWR103 [unused-source] source 'dawn-2022-01-03' is defined but no claim "
        "cites it",
        f"{path}:13:5: WWR101 [claim-missing-source] claim 'Border clashes broke out along "
        "the…' cites no source; add the ids of the sources that back it under 'sources', or "
        "make it an assessment",
    ]
    assert err == "Found 1 error and 1 warning in 1 of 1 brief.\n"


def test_warnings_alone_exit_0(write_brief) -> None:  # type: ignore[no-untyped-def]
    path = write_brief(
        "warn.yaml",
        VALID.replace(
            "  - quote: The risk is deemed manageable.\n    analyst: thomas-muller\n", ""
        ),
    )
    code, out, _ = run("check", str(path))
    assert code == 0
    assert "[unused-analyst]" in out


def test_json_output(write_brief) -> None:  # type: ignore[no-untyped-def]
    path = write_brief("bad.yaml", BAD)
    code, out, err = run("check", "--output-format", "json", str(path))
    assert code == 1
    assert err == "Found 1 error and 1 warning in 1 of 1 brief.\n"  # for every format
    report = json.loads(out)
    assert re.fullmatch("[0-9a-f]{20}", report[1].pop("fingerprint"))
    assert report[1] == {
        "path": str(path),
        "line": 13,
        "column": 5,
        "end_line": 13,
        "end_column": 10,
        "code": "WWR101",
        "rule": "claim-missing-source",
        "severity": "error",
        "message": "claim 'Border clashes broke out along the…' cites no source; add the ids "
        "of the sources that back it under 'sources', or make it an assessment",
        "pointer": "/body/0/sources",
        "fix": None,
    }
    assert report[0]["severity"] == "warning"
    assert report[0]["pointer"] == "/sources/dawn-2022-01-03"


def test_json_output_with_no_problems_is_an_empty_array(write_brief) -> None:  # type: ignore[no-untyped-def]
    path = write_brief("good.yaml", VALID)
    assert run("check", "--output-format", "json", str(path)) == (
        0,
        "[]\n",
        "All checks passed (1 brief).\n",
    )


def test_folders_are_searched_skipping_hidden_ones(tmp_path: Path, write_brief) -> None:  # type: ignore[no-untyped-def]
    write_brief("a/one.yaml", VALID)
    write_brief("a/b/two.yml", BAD)
    write_brief("a/.hidden/three.yaml", BAD)
    write_brief("a/.four.yaml", BAD)
    write_brief("a/notes.txt", "not a brief")
    code, out, _err = run("check", "--output-format", "json", str(tmp_path / "a"))
    assert code == 1
    assert {d["path"] for d in json.loads(out)} == {str(tmp_path / "a" / "b" / "two.yml")}


def test_a_file_named_twice_is_checked_once(write_brief) -> None:  # type: ignore[no-untyped-def]
    path = write_brief("bad.yaml", BAD)
    _, out, _ = run("check", str(path), str(path), str(path.parent))
    assert len(out.splitlines()) == 2


def test_no_path_checks_the_archive(tmp_path: Path, write_brief) -> None:  # type: ignore[no-untyped-def]
    write_brief("briefs/bad.yaml", BAD)
    write_brief("compose.yaml", "services: {}\n")  # not a brief, and not in the archive
    code, out, _ = run("check", cwd=tmp_path)
    assert code == 1
    assert out.startswith(os.path.join("briefs", "bad.yaml") + ":9:3: ")
    assert "compose.yaml" not in out


def test_no_path_from_inside_the_archive_names_its_files_from_here(  # type: ignore[no-untyped-def]
    tmp_path: Path, write_brief
) -> None:
    # From briefs/2022, with no path, the archive above is checked: its files below the
    # current folder are named from here, as `.` names them; the others by their path.
    write_brief("briefs/2022/bad.yaml", BAD)
    write_brief("briefs/2021/worse.yaml", BAD)
    for cache in ("--no-cache", "--cache-dir=" + str(tmp_path / "cache")):
        code, out, err = run("check", cache, cwd=tmp_path / "briefs" / "2022")
        assert "Traceback" not in err
        assert code == 1
        assert list(dict.fromkeys(line.split(":")[0] for line in out.splitlines())) == [
            str(tmp_path / "briefs" / "2021" / "worse.yaml"),
            "bad.yaml",
        ]
        assert run("check", cache, ".", cwd=tmp_path / "briefs" / "2022")[1].startswith(
            "bad.yaml:1:5: "
        )


def test_standard_input_and_a_path_together_are_a_one_line_error(  # type: ignore[no-untyped-def]
    tmp_path: Path, write_brief
) -> None:
    write_brief("bad.yaml", BAD)
    for paths in (["-", "bad.yaml"], ["bad.yaml", "-"]):
        assert run("check", *paths, cwd=tmp_path) == (
            2,
            "",
            "wwrlint: error: '-' reads the brief from standard input; give no other PATH\n",
        )


def test_missing_path_is_a_one_line_error_exit_2(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    assert run("check", str(missing)) == (
        2,
        "",
        f"wwrlint: error: {missing}: no such file or folder\n",
    )


def test_folder_without_briefs_is_an_error_exit_2(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    assert run("check", str(tmp_path)) == (
        2,
        "",
        f"wwrlint: error: no briefs (*.yaml, *.yml) found in '{tmp_path}'\n",
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file_is_named_and_exits_2(write_brief) -> None:  # type: ignore[no-untyped-def]
    path = write_brief("locked.yaml", VALID)
    path.chmod(0)
    code, _, err = run("check", str(path))
    assert code == 2
    assert err.startswith(f"wwrlint: error: {path}: cannot read: Permission denied\n")


def test_unreadable_file_among_others_still_checks_the_others(
    write_brief, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    good = write_brief("good.yaml", VALID)
    locked = write_brief("locked.yaml", VALID)
    real_open = os.open

    def fake_open(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("os.open", fake_open)
    code, _, err = run("check", str(good), str(locked))
    assert code == 2
    assert err == (
        f"wwrlint: error: {locked}: cannot read: Permission denied\n"
        "Found no errors or warnings in 1 brief; 1 problem kept wwrlint from checking "
        "everything.\n"
    )


def test_a_fifo_in_a_folder_is_refused_without_blocking(tmp_path: Path, write_brief) -> None:  # type: ignore[no-untyped-def]
    write_brief("briefs/good.yaml", VALID)
    os.mkfifo(tmp_path / "briefs" / "pipe.yaml")
    code, out, err = run("check", str(tmp_path / "briefs"))
    assert (code, out) == (2, "")
    assert err.startswith(
        f"wwrlint: error: {tmp_path / 'briefs' / 'pipe.yaml'}: cannot read: not a regular file\n"
    )


def test_a_fifo_named_directly_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    code, _, err = run("check", str(tmp_path / "pipe.yaml"))
    assert code == 2
    assert err.startswith(f"wwrlint: error: {tmp_path / 'pipe.yaml'}: not a regular file or folder")


def test_every_missing_path_is_named(tmp_path: Path, write_brief) -> None:  # type: ignore[no-untyped-def]
    good = write_brief("good.yaml", VALID)
    code, out, err = run("check", str(tmp_path / "a.yaml"), str(good), str(tmp_path / "b"))
    assert (code, out) == (2, "")
    assert (
        err == f"wwrlint: error: {tmp_path / 'a.yaml'}, {tmp_path / 'b'}: no such file or folder\n"
    )


def test_file_names_that_are_not_utf8_are_shown_safely(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.yaml"), "wb") as handle:
        handle.write(VALID.replace("date: 2022-01-03", "date: 2022-02-30").encode())
    report = tmp_path / "report.json"
    code, _, err = run("check", "--output-format", "json", "-o", str(report), str(tmp_path))
    assert code == 1, err
    [diagnostic] = json.loads(report.read_text("utf-8"))
    assert diagnostic["path"] == str(tmp_path / "caf\ufffd.yaml")


def test_dash_reads_standard_input() -> None:
    result = CliRunner().invoke(
        cli, ["check", "-"], input=VALID.replace("2022-01-03", "2022-13-03")
    )
    assert result.exit_code == 1
    assert result.stdout.startswith("-:11:11: WWR202 [invalid-date]")


def test_stdin_filename_names_the_brief_and_finds_its_config(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".wwrlint.yaml").write_text("ignore: [invalid-date]\n")
    bad = VALID.replace("2022-01-03", "2022-13-03")
    name = str(tmp_path / "briefs" / "draft.yaml")
    result = CliRunner().invoke(cli, ["check", "--stdin-filename", name], input=bad)
    assert (result.exit_code, result.stdout) == (0, "")
    result = CliRunner().invoke(cli, ["check", "--stdin-filename", "draft.yaml"], input=bad)
    assert result.exit_code == 1
    assert result.stdout.startswith("draft.yaml:11:11: WWR202 [invalid-date]")


BAD_FILES = {
    "not-yaml.yaml": b"id: [unclosed\n",
    "empty.yaml": b"",
    "list.yaml": b"- a\n- b\n",
    "duplicate.yaml": VALID.encode() + b"title: again\n",
    "tabs.yaml": b"id: a\n\ttitle: b\n",
    "latin1.yaml": "id: café\n".encode("latin-1"),
    "binary.yaml": bytes(range(256)),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_input_is_a_diagnostic_never_a_traceback(name: str, write_brief) -> None:  # type: ignore[no-untyped-def]
    path = write_brief(name, BAD_FILES[name])
    code, out, err = run("check", "--output-format", "json", str(path))
    assert code == 1
    report = json.loads(out)
    assert report
    assert report[0]["rule"] in ("yaml-syntax", "schema")
    assert "Traceback" not in err


def test_bad_option_exits_2() -> None:
    code, _, err = run("check", "--output-format", "xml")
    assert code == 2
    assert "Invalid value for '--output-format'" in err


def test_schema_command_prints_the_schema() -> None:
    code, out, _ = run("schema")
    assert code == 0
    assert out == schema_text()
    assert json.loads(out)["$id"]


def test_rules_command_lists_every_rule() -> None:
    code, out, _ = run("rules")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["CODE", "NAME", "SEVERITY", "SUMMARY"]
    assert [line.split()[:3] for line in lines[1:]] == [
        [rule.code, rule.name, rule.severity] for rule in RULES
    ]


def test_rules_command_json() -> None:
    code, out, _ = run("rules", "--output-format", "json")
    assert code == 0
    assert [rule["name"] for rule in json.loads(out)] == [rule.name for rule in RULES]


@pytest.mark.parametrize("key", ["unknown-source", "WWR102", "wwr102"])
def test_rule_command_explains_by_name_or_code(key: str) -> None:
    code, out, _ = run("rule", key)
    assert code == 0
    assert out.startswith(
        "unknown-source (WWR102)\n\nA claim cites a source id that the brief does not define.\n"
    )
    assert "Bad (this brief triggers the rule):" in out
    assert "    sources: [dawn-2022-01-03, dawn-2022-01-30]" in out
    assert "Good:" in out


def test_unknown_rule_exits_2_with_a_suggestion() -> None:
    assert run("rule", "unknown-sauce") == (
        2,
        "",
        "wwrlint: error: no rule 'unknown-sauce'; did you mean 'unknown-source'? "
        "('wwrlint rules' lists them)\n",
    )


@pytest.mark.parametrize("command", [[], ["check"], ["schema"], ["rules"], ["rule"]])
def test_every_command_has_help_with_examples(command: list[str]) -> None:
    code, out, _ = run(*command, "--help")
    assert code == 0
    assert "Usage: " in out
    assert "Examples:" in out


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0
    assert out.startswith("wwrlint, version ")


def test_the_archive_passes() -> None:
    code, out, err = run("check", str(REPO / "briefs"))
    assert (code, out) == (0, "")
    assert err.startswith("All checks passed")


def test_statistics_count_per_rule_on_stderr(write_brief) -> None:  # type: ignore[no-untyped-def]
    first = write_brief("a.yaml", BAD)
    second = write_brief("b.yaml", BAD.replace("date: 2022-01-03", "date: 2022-13-03"))
    code, out, err = run("check", "--statistics", str(first), str(second))
    assert code == 1
    assert len(out.splitlines()) == 5
    assert err == (
        "Found 3 errors and 2 warnings in 2 of 2 briefs.\n"
        "2  WWR101  claim-missing-source\n"
        "2  WWR103  unused-source\n"
        "1  WWR202  invalid-date\n"
    )


def test_quiet_drops_the_summary(write_brief) -> None:  # type: ignore[no-untyped-def]
    assert run("check", "-q", str(write_brief("good.yaml", VALID))) == (0, "", "")


def test_no_color_is_respected_even_when_forced_by_auto(write_brief) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(
        cli,
        ["check", "--output-format", "full", "--color", "auto", str(write_brief("bad.yaml", BAD))],
        env={"NO_COLOR": "1"},
    )
    assert "\033[" not in result.stdout


def test_schema_command_prints_the_roster_schema() -> None:
    code, out, _ = run("schema", "--roster")
    assert code == 0
    assert out == schema_text("roster")
    assert json.loads(out)["$id"] == "urn:wwrlint:schema:roster:v1"


def test_schema_command_prints_the_catalogue_schema() -> None:
    code, out, _ = run("schema", "--catalogue")
    assert code == 0
    assert out == schema_text("catalogue")
    assert json.loads(out)["$id"] == "urn:wwrlint:schema:catalogue:v1"
    code, _, err = run("schema", "--catalogue", "--roster")
    assert (code, err) == (
        2,
        "wwrlint: error: --roster and --catalogue print different schemas; give one\n",
    )


def test_the_catalogue_is_checked_against_its_schema(tmp_path: Path) -> None:
    from desk import make_desk

    briefs = make_desk(tmp_path, git=False)
    (briefs / "catalogue.yaml").write_text("briefs:\n  - title: No id, no date\n    url: x\n")
    code, out, _ = run("check", "--output-format", "json", str(briefs / "catalogue.yaml"))
    found = [(Path(d["path"]).name, d["rule"], d["line"], d["column"]) for d in json.loads(out)]
    assert (code, found) == (1, [("catalogue.yaml", "schema", 2, 5)])


def test_a_folder_that_vanishes_mid_walk_is_named(
    tmp_path: Path, write_brief, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    write_brief("briefs/a/good.yaml", VALID)
    write_brief("briefs/b/gone.yaml", VALID)
    real_scandir = os.scandir

    def vanishing(path):  # type: ignore[no-untyped-def]
        if str(path).endswith(os.sep + "b"):
            raise FileNotFoundError(2, "No such file or directory", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", vanishing)
    code, _, err = run("check", str(tmp_path / "briefs"))
    assert code == 2
    assert err.startswith(
        f"wwrlint: error: {tmp_path / 'briefs' / 'b'}: cannot read folder: No such file or "
        "directory\n"
    )
