"""`wwrlint new`: a valid skeleton, with the modeline and today's date, never overwriting."""

from __future__ import annotations

import datetime
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wwrlint.cli import cli
from wwrlint.linter import lint
from wwrlint.loading import load


def new(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["new", *args], catch_exceptions=False)
    return result.exit_code, result.stderr


def test_skeleton_is_valid_and_dated_today(tmp_path: Path) -> None:
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "brief.schema.json").write_text("{}")
    target = tmp_path / "briefs" / "Pakistan Border 2022.yaml"
    assert new(str(target))[0] == 0
    text = target.read_text("utf-8")
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../schema/brief.schema.json"
    assert f"date: {datetime.date.today().isoformat()}" in text
    assert "id: pakistan-border-2022\n" in text
    assert lint(str(target), text.encode()) == []


def test_title_and_date_options(tmp_path: Path) -> None:
    target = tmp_path / "x.yaml"
    code, _ = new("--title", "Pakistan: a border under strain", "--date", "2022-02-07", str(target))
    assert code == 0
    text = target.read_text("utf-8")
    assert 'title: "Pakistan: a border under strain"\n' in text
    assert "date: 2022-02-07  #" in text
    assert lint(str(target), text.encode()) == []


def test_without_a_schema_nearby_the_packaged_schema_is_named(tmp_path: Path) -> None:
    target = tmp_path / "x.yaml"
    new(str(target))
    first = target.read_text("utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    assert first.endswith("brief.schema.json")
    assert Path(first.split("=", 1)[1]).is_file()


def test_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "x.yaml"
    target.write_text("precious")
    code, err = new(str(target))
    assert code == 2
    assert err == f"wwrlint: error: {target}: already exists; wwrlint new never overwrites a file\n"
    assert target.read_text() == "precious"


def test_bad_date_option(tmp_path: Path) -> None:
    code, err = new("--date", "7 Feb 2022", str(tmp_path / "x.yaml"))
    assert code == 2
    assert "is not a date written as YYYY-MM-DD" in err
    assert not (tmp_path / "x.yaml").exists()


@settings(
    deadline=None, max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40))
def test_any_title_reads_back_as_given(tmp_path: Path, title: str) -> None:
    target = tmp_path / f"brief-{abs(hash(title))}.yaml"
    assert new("--title", title, str(target))[0] == 0
    document = load(str(target), target.read_bytes())
    assert document.problems == []
    assert document.data["title"] == title
