"""A long line is shown, and kept, as a window around the finding's column: `full` output,
SARIF snippets and the context a diagnostic carries (in the cache too) hold at most a few
hundred characters of it, marked with `…` where the line goes on; a short line is shown
whole. Positions in a mapping of thousands of entries are exact (they come from an index
of its keys, not a scan)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from wwrlint.cli import cli
from wwrlint.excerpt import BEFORE, SHOWN

REST = "id: harbour-fees-2031, title: Harbour fees, date: 2031-03-09, "
REST += "body: [{claim: Fees rose., sources: [gazette]}]}\n"
SOURCE = "{publisher: Harbour Gazette, date: 2031-01-20}"


def one_line(count: int, sources_last: bool = False) -> str:
    """A brief on one line: `count` sources nothing cites, then the cited one; the sources
    first or last."""
    sources = ", ".join([f"g{i:03d}: {SOURCE}" for i in range(count)] + [f"gazette: {SOURCE}"])
    if sources_last:
        return "{" + REST.removesuffix("}\n") + ", sources: {" + sources + "}}\n"
    return "{sources: {" + sources + "}, " + REST


def check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def brief(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    Path("long.yaml").write_text(one_line(100), encoding="utf-8")
    return "long.yaml"


def column_of(source_id: str) -> int:
    return one_line(100).index(f"{source_id}: ") + 1


def test_full_output_shows_a_window_of_a_long_line(brief: str) -> None:
    code, out, _ = check("--output-format", "full", "--no-cache", brief)
    assert code == 0
    blocks = out.split("\n\n")
    assert len(blocks) == 101  # 100 findings, and the end
    column = column_of("g050")
    window = one_line(100)[column - 1 - BEFORE : column - 1 - BEFORE + SHOWN]
    assert blocks[50].splitlines() == [
        f"long.yaml:1:{column}: WWR103 [unused-source] source 'g050' is defined but no claim "
        "cites it",
        "  |",
        f"1 | …{window}…",
        "  | " + " " * (1 + BEFORE) + "^^^^",
    ]
    assert max(len(line) for line in out.splitlines()) < SHOWN + 20


def test_the_window_stays_within_the_line_at_its_ends(brief: str, tmp_path: Path) -> None:
    _, out, _ = check("--output-format", "full", "--no-cache", brief)
    text = one_line(100).rstrip("\n")
    first = out.split("\n\n")[0].splitlines()
    assert first[2:] == [f"1 | {text[:SHOWN]}…", "  | " + " " * (column_of("g000") - 1) + "^^^^"]
    (tmp_path / "last.yaml").write_text(one_line(100, sources_last=True), encoding="utf-8")
    _, out, _ = check("--output-format", "full", "--no-cache", "last.yaml")
    text = one_line(100, sources_last=True).rstrip("\n")
    last = out.split("\n\n")[99].splitlines()
    column = text.index("g099: ") + 1
    assert last[2:] == [
        f"1 | …{text[-SHOWN:]}",
        "  | " + " " * (column - len(text) + SHOWN) + "^^^^",
    ]


def test_sarif_snippets_are_the_window(brief: str) -> None:
    _, out, _ = check("--output-format", "sarif", "--no-cache", brief)
    results = json.loads(out)["runs"][0]["results"]
    region = results[50]["locations"][0]["physicalLocation"]["region"]
    column = column_of("g050")
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (
        1,
        column,
        column + 4,
    )
    assert region["snippet"]["text"] == one_line(100)[column - 1 - BEFORE :][:SHOWN]
    assert (
        max(
            len(r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"]) for r in results
        )
        == SHOWN
    )


def test_the_cache_keeps_the_window_and_where_it_starts(brief: str, tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    fresh = check("--output-format", "full", "--cache-dir", cache, brief)
    cached = check("--output-format", "full", "--cache-dir", cache, brief)
    assert cached == fresh
    assert (tmp_path / "cache").is_dir()


def test_a_short_line_is_shown_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    line = "  g000: {publisher: Harbour Gazette, date: 2031-01-20, title: " + "x" * 96 + "},"
    assert len(line) == SHOWN
    brief = one_line(0).replace("{sources: {", "{sources: {\n" + line + "\n")
    Path("short.yaml").write_text(brief, encoding="utf-8")
    _, out, _ = check("--output-format", "full", "--no-cache", "short.yaml")
    assert out.splitlines()[1:4] == ["  |", f"2 | {line}", "  |   ^^^^"]


def test_positions_in_a_mapping_of_thousands_of_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each source's key, also after a duplicate: the first of two equal keys is the one."""
    monkeypatch.chdir(tmp_path)
    lines = ["id: harbour-fees-2031", "title: Harbour fees", "date: 2031-03-09", "sources:"]
    for i in range(3000):
        lines += [f"  g{i:04d}:", "    publisher: Harbour Gazette", "    date: 2031-01-20"]
    lines += ["  g2999:", "    publisher: Harbour Gazette", "    date: 2031-01-20"]
    lines += ["body:", "  - claim: Fees rose.", "    sources: [g0000]"]
    Path("many.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, out, _ = check("--output-format", "json", "--no-cache", "many.yaml")
    found = [(d["rule"], d["line"], d["column"], d["message"]) for d in json.loads(out)]
    assert len(found) == 3000  # 2,999 sources nothing cites and the duplicate key
    assert found[1499][:3] == ("unused-source", 5 + 3 * 1500, 3)
    assert found[-2][:3] == ("unused-source", 5 + 3 * 2999, 3)
    assert found[-1] == (
        "yaml-syntax",
        5 + 3 * 3000,
        3,
        "duplicate key 'g2999' (first given on line 9002)",
    )
