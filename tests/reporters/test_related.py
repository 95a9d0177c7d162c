"""Findings that name another brief carry it as a related location: text formats show it
relative to the folder of the run (absolute outside it), machine formats relative to the
repository's root, whether the result was cached in another folder or not."""

from __future__ import annotations

import contextlib
import json
import marshal
import sqlite3
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft4Validator

from desk import CITING, EARLIER, make_desk
from wwrlint import linter
from wwrlint.cli import cli

SARIF_SCHEMA = json.loads(
    (Path(__file__).parent.parent / "data" / "sarif-schema-2.1.0.json").read_text("utf-8")
)
SAME_ID = "brief id 'harbour-2031-02' is also the id of another brief of the archive"
OTHER_ID = "the other brief with this id"
# The two briefs as named from inside the archive's folder.
NAMED = ("copy.yaml", "2031/earlier.yaml")
URL = "    url: https://example.org/gazette/fees\n"


@pytest.fixture
def briefs(tmp_path: Path) -> Path:
    """An invented desk's archive in which briefs/copy.yaml has the id of
    briefs/2031/earlier.yaml."""
    folder = make_desk(tmp_path / "desk", git=True)
    (folder / "copy.yaml").write_text(EARLIER)
    return folder


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    (tmp_path / "elsewhere").mkdir()
    return tmp_path / "elsewhere"


def refuse(*args: object, **kwargs: object) -> Any:
    raise AssertionError("checked again instead of taken from the cache")


class Runs:
    """`wwrlint check` runs from chosen folders, all with one cache."""

    def __init__(self, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.cache = cache
        self.monkeypatch = monkeypatch

    def output(self, folder: Path, *args: str, cached: bool, from_cache: bool = False) -> str:
        self.monkeypatch.chdir(folder)
        with self.monkeypatch.context() as patch:
            if from_cache:  # the answer must come from the cache, not from a new check
                patch.setattr(linter, "lint", refuse)
            cache = ["--cache-dir", str(self.cache)] if cached else ["--no-cache"]
            result = CliRunner().invoke(cli, ["check", *cache, *args], catch_exceptions=False)
        assert result.exit_code == 1, result.stderr
        assert "internal error" not in result.stderr
        return result.stdout

    def same_cached_or_not(self, folder: Path, *args: str, from_cache: bool = True) -> str:
        """The cached run's output, checked to be the output of a run without the cache."""
        cached = self.output(folder, *args, cached=True, from_cache=from_cache)
        assert cached == self.output(folder, *args, cached=False)
        return cached


@pytest.fixture
def runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Runs:
    return Runs(tmp_path / "cache", monkeypatch)


def by_path(output: str) -> dict[str, tuple[str, int, int, str, list[dict[str, str]]]]:
    return {
        d["path"]: (d["rule"], d["line"], d["column"], d["message"], d["related"])
        for d in json.loads(output)
    }


def duplicates(copy: str, earlier: str) -> dict[str, Any]:
    """What JSON gives for the two briefs with one id, named as the run shows them: each
    names the other as its related place."""
    return {
        mine: (
            "duplicate-brief-id",
            1,
            5,
            SAME_ID,
            [{"path": other, "pointer": "/id", "message": OTHER_ID}],
        )
        for mine, other in ((copy, earlier), (earlier, copy))
    }


def test_json_names_files_and_related_places_from_the_repository_root_in_every_run(
    briefs: Path, elsewhere: Path, runs: Runs
) -> None:
    desk = briefs.parent
    expected = duplicates("briefs/copy.yaml", "briefs/2031/earlier.yaml")
    first = runs.same_cached_or_not(desk, "--output-format", "json", "briefs", from_cache=False)
    assert by_path(first) == expected
    inside = runs.same_cached_or_not(briefs, "--output-format", "json", *NAMED)
    assert by_path(inside) == expected
    outside = runs.same_cached_or_not(elsewhere, "--output-format", "json", str(briefs))
    assert by_path(outside) == expected


def test_text_names_the_other_brief_relative_to_the_folder_of_each_cached_run(
    briefs: Path, elsewhere: Path, runs: Runs
) -> None:
    def lines(copy: str, earlier: str) -> str:
        return (
            f"{copy}:1:5: WWR505 [duplicate-brief-id] {SAME_ID} (see {earlier})\n"
            f"{earlier}:1:5: WWR505 [duplicate-brief-id] {SAME_ID} (see {copy})\n"
        )

    def text(folder: Path, *paths: str, from_cache: bool = True) -> str:
        return runs.same_cached_or_not(
            folder, "--output-format", "text", *paths, from_cache=from_cache
        )

    assert text(briefs.parent, "briefs", from_cache=False) == lines(
        "briefs/copy.yaml", "briefs/2031/earlier.yaml"
    )
    assert text(briefs, *NAMED) == lines(*NAMED)
    copy, earlier = str(briefs / "copy.yaml"), str(briefs / "2031" / "earlier.yaml")
    assert text(elsewhere, str(briefs)) == lines(copy, earlier)


def test_a_third_brief_with_the_id_is_named_too(briefs: Path, runs: Runs) -> None:
    (briefs / "2031" / "again.yaml").write_text(EARLIER)
    output = runs.output(briefs, "--output-format", "json", "copy.yaml", cached=False)
    [diagnostic] = json.loads(output)
    assert diagnostic["message"] == (
        "brief id 'harbour-2031-02' is also the id of 2 other briefs of the archive"
    )
    assert diagnostic["related"] == [
        {"path": path, "pointer": "/id", "message": "another brief with this id"}
        for path in ("briefs/2031/again.yaml", "briefs/2031/earlier.yaml")
    ]
    text = runs.output(briefs, "copy.yaml", cached=False)
    assert text.endswith("(see 2031/again.yaml, 2031/earlier.yaml)\n")


def test_full_output_names_the_other_brief_after_the_message(briefs: Path, runs: Runs) -> None:
    output = runs.same_cached_or_not(
        briefs, "--output-format", "full", "copy.yaml", from_cache=False
    )
    assert output.startswith(
        f"copy.yaml:1:5: WWR505 [duplicate-brief-id] {SAME_ID} (see 2031/earlier.yaml)\n"
        "  |\n1 | id: harbour-2031-02\n  |     ^^^^^^^^^^^^^^^\n\n"
    )


def sarif_related(output: str) -> list[tuple[int, list[dict[str, Any]]]]:
    sarif = json.loads(output)
    Draft4Validator(SARIF_SCHEMA).validate(sarif)
    [run] = sarif["runs"]
    return [
        (r["locations"][0]["physicalLocation"]["region"]["startLine"], r["relatedLocations"])
        for r in run["results"]
    ]


def test_sarif_related_locations_are_relative_to_the_repository_root_in_every_run(
    briefs: Path, elsewhere: Path, runs: Runs
) -> None:
    def related(uri: str) -> list[dict[str, Any]]:
        location = {"uri": uri, "uriBaseId": "%SRCROOT%"}
        return [{"physicalLocation": {"artifactLocation": location}, "message": {"text": OTHER_ID}}]

    expected = [(1, related("briefs/2031/earlier.yaml")), (1, related("briefs/copy.yaml"))]
    first = runs.same_cached_or_not(
        briefs.parent, "--output-format", "sarif", "briefs", from_cache=False
    )
    assert sarif_related(first) == expected
    inside = runs.same_cached_or_not(briefs, "--output-format", "sarif", *NAMED)
    assert sarif_related(inside) == expected
    outside = runs.same_cached_or_not(elsewhere, "--output-format", "sarif", str(briefs))
    assert sarif_related(outside) == expected


def test_github_and_gitlab_name_the_other_brief_in_the_message(briefs: Path, runs: Runs) -> None:
    github = runs.same_cached_or_not(
        briefs, "--output-format", "github", "copy.yaml", from_cache=False
    )
    assert github == (
        "::error file=briefs/copy.yaml,line=1,col=5,endLine=1,endColumn=20,"
        f"title=WWR505 [duplicate-brief-id]::{SAME_ID} (see briefs/2031/earlier.yaml)\n"
    )
    gitlab = runs.same_cached_or_not(briefs.parent, "--output-format", "gitlab", "briefs/copy.yaml")
    [issue] = json.loads(gitlab)
    assert issue["description"] == (
        f"WWR505 [duplicate-brief-id] {SAME_ID} (see briefs/2031/earlier.yaml)"
    )
    assert issue["location"]["path"] == "briefs/copy.yaml"


def test_source_conflict_and_brief_date_mismatch_name_the_other_place(
    briefs: Path, runs: Runs
) -> None:
    (briefs / "copy.yaml").unlink()
    gazette = "    date: 2031-01-20\n"
    (briefs / "2031" / "earlier.yaml").write_text(EARLIER.replace(gazette, gazette + URL))
    (briefs / "citing.yaml").write_text(
        CITING.replace(gazette, gazette + URL)
        .replace("publisher: Harbour Gazette", "publisher: The Harbour Gazette")
        .replace("    date: 2031-02-01\n", "    date: 2031-02-02\n")
    )
    output = runs.same_cached_or_not(
        briefs.parent, "--output-format", "json", "briefs/citing.yaml", from_cache=False
    )
    earlier = "briefs/2031/earlier.yaml"
    assert [
        (d["rule"], d["line"], d["column"], d["message"], d["related"]) for d in json.loads(output)
    ] == [
        (
            "source-conflict",
            5,
            3,
            "source 'gazette-2031-01-20' is the same as 'gazette-2031-01-20' in another brief, "
            "but its publisher differs: 'The Harbour Gazette' here, 'Harbour Gazette' there",
            [
                {
                    "path": earlier,
                    "pointer": "/sources/gazette-2031-01-20",
                    "message": "the same source in another brief",
                }
            ],
        ),
        (
            "brief-date-mismatch",
            11,
            11,
            "source 'earlier' dates brief 'harbour-2031-02' 2031-02-02, but that brief is "
            "dated 2031-02-01",
            [
                {
                    "path": earlier,
                    "pointer": "/date",
                    "message": "the date of brief 'harbour-2031-02'",
                }
            ],
        ),
    ]
    inside = runs.same_cached_or_not(briefs, "--output-format", "json", "citing.yaml")
    assert [r["path"] for d in json.loads(inside) for r in d["related"]] == [earlier, earlier]


def test_json_has_no_related_key_when_a_finding_names_no_other_place(
    briefs: Path, runs: Runs
) -> None:
    (briefs / "citing.yaml").write_text(CITING.replace("  - quote:", "  - quot:"))
    output = runs.output(briefs, "--output-format", "json", "citing.yaml", cached=False)
    assert ["related" in d for d in json.loads(output)] == [False]


def rewrite_results(cache: Path, change: Callable[[list[Any]], list[Any]]) -> None:
    """Rewrite every cached diagnostic as `change` says, keeping each row's checksum right."""
    with contextlib.closing(sqlite3.connect(cache / "cache.sqlite")) as database:
        for path, blob in database.execute("SELECT path, diagnostics FROM results").fetchall():
            rewritten = marshal.dumps([change(item) for item in marshal.loads(blob)])
            database.execute(
                "UPDATE results SET diagnostics = ?, crc = ? WHERE path = ?",
                (rewritten, zlib.crc32(rewritten), path),
            )
        database.commit()


def test_a_result_cached_before_related_locations_existed_still_loads(
    briefs: Path, runs: Runs
) -> None:
    runs.output(briefs, "--output-format", "json", "copy.yaml", cached=True)
    rewrite_results(runs.cache, lambda item: item[:9])  # as rows were written before
    output = runs.output(
        briefs, "--output-format", "json", "copy.yaml", cached=True, from_cache=True
    )
    [diagnostic] = json.loads(output)
    assert (diagnostic["rule"], diagnostic["message"]) == ("duplicate-brief-id", SAME_ID)
    assert "related" not in diagnostic
