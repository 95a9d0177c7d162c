"""The archive in briefs/: every brief passes, and the seed brief says what the seed says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO
from wwrlint.archive.model import Archive
from wwrlint.brief import body_items, entries
from wwrlint.config import ConfigFinder
from wwrlint.linter import lint
from wwrlint.loading import load
from wwrlint.scope import Finder

SPECIAL = ("analysts.yaml", "catalogue.yaml")
BRIEFS = sorted(p for p in (REPO / "briefs").rglob("*.y*ml") if p.name not in SPECIAL)
ROSTER = REPO / "briefs" / "analysts.yaml"
CATALOGUE = REPO / "briefs" / "catalogue.yaml"


def archive() -> Archive:
    found = Finder(ConfigFinder()).archives(None, 1).of(str(REPO / "briefs" / "x.yaml"))
    assert found is not None
    return found


SEED_BRIEF = REPO / "briefs" / "wwr-pakistan-taliban-2022.yaml"
SEED_PROSE = REPO.parent / "shared" / "seeds" / "wwr-pakistan-taliban-2022.txt"


@pytest.mark.parametrize("path", [*BRIEFS, ROSTER, CATALOGUE], ids=lambda path: path.name)
def test_brief_passes_with_no_diagnostics(path: Path) -> None:
    assert lint(str(path), path.read_bytes(), archive=archive()) == []


def test_the_archive_holds_the_roster_the_catalogue_and_the_seed_brief_only() -> None:
    found = archive()
    assert found.roster_path == str(ROSTER)
    assert found.catalogue_path == str(CATALOGUE)
    assert [entry.id for entry in found.briefs] == ["wwr-pakistan-taliban-2022"]


def test_the_earlier_brief_the_seed_cites_is_in_the_catalogue_with_only_what_the_seed_says() -> (
    None
):
    source = seed()["sources"]["wwr-2021-10-18"]
    assert "brief" not in source  # the seed names no id for it
    [published] = archive().published(None, source["date"])
    assert (published.id, published.date, published.title) == (None, "2021-10-18", None)
    listed = load(str(CATALOGUE), CATALOGUE.read_bytes()).data["briefs"]
    assert listed == [
        {"date": "2021-10-18", "publisher": "WWR", "note": listed[0]["note"]}
    ]  # no title, no url: the seed gives neither


def test_roster_starts_with_its_schema_modeline() -> None:
    first = ROSTER.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/roster.schema.json"


def test_every_brief_starts_with_the_schema_modeline() -> None:
    for path in BRIEFS:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/brief.schema.json", path


def seed() -> dict:  # type: ignore[type-arg]
    data = load(str(SEED_BRIEF), SEED_BRIEF.read_bytes()).data
    assert isinstance(data, dict)
    return data


def test_seed_has_the_five_dated_sources() -> None:
    sources = {(s["publisher"], s["date"]) for _, s in entries(seed(), "sources")}
    assert sources == {
        ("WWR", "2021-10-18"),
        ("Long War Journal", "2021-12-15"),
        ("Dawn", "2022-01-03"),
        ("Jamestown Foundation", "2022-01-28"),
        ("International Crisis Group", "2022-02-04"),
    }


def test_seed_quotes_thomas_muller_with_cited_claims_inside() -> None:
    data = seed()
    assert "analysts" not in data  # the roster has him
    assert archive().roster["thomas-muller"]["name"] == "Thomas Muller"
    quoted = [item for item in body_items(data) if item.in_quote and item.kind == "claim"]
    assert [item.data["sources"] for item in quoted] == [
        ["dawn-2022-01-03"],
        ["jamestown-2022-01-28"],
        ["icg-2022-02-04"],
    ]


def test_seed_is_dated_on_or_after_its_latest_source() -> None:
    data = seed()
    assert data["date"] >= max(s["date"] for _, s in entries(data, "sources"))


def words(text: str) -> list[str]:
    return re.findall(r"[\w'-]+", text.replace('"s', "'s"))


@pytest.mark.skipif(not SEED_PROSE.exists(), reason="the shared seed is not beside this checkout")
def test_seed_brief_keeps_the_seed_words_in_order() -> None:
    prose = SEED_PROSE.read_text(encoding="utf-8")
    without_citations = re.sub(r"\s*\((?:e\.g\. )?[A-Z][^()]*?, \d{1,2} \w+ \d{4}\)", "", prose)
    without_intro = without_citations.replace(
        "World Watch Research analyst Thomas Muller comments:", ""
    )
    text = " ".join(
        item.data[item.kind] for item in body_items(seed()) if item.kind in ("claim", "assessment")
    )
    assert words(text) == words(without_intro)
