"""Import the corpus (corpus/, see its README): ten texts written for the project without
sight of the importer, and paraphrases of published texts of the genre, each with the
sources, analysts and quotes its manifest lists by hand. The corpus as a whole must meet the
issue's targets; each text must round-trip, and `check` must flag exactly its gaps."""

from __future__ import annotations

import pytest
from prose.score import CORPUS, MANIFEST, corpus_score, report, score

from wwrlint.linter import lint
from wwrlint.prose.importer import draft_text, import_prose


def test_the_corpus_meets_the_targets() -> None:
    total = corpus_score()
    summary = report(total)
    assert total.dated_found >= 0.98 * total.dated, summary
    assert total.invented_sources == [], summary
    assert total.invented_analysts == [], summary
    assert total.undated_kept == total.undated, summary
    assert total.attributed >= 0.95 * total.named_quotes, summary
    assert total.unnamed_kept == total.unnamed_quotes, summary


def test_the_corpus_has_the_published_genre() -> None:
    published = [entry for entry in MANIFEST.values() if "origin" in entry]
    assert len(published) >= 12
    assert all(entry["origin"].startswith(("http://", "https://")) for entry in published)
    assert all(entry["speakers"] for entry in published)  # kept or invented, per text


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_each_text_round_trips(name: str) -> None:
    assert score(name).similarities[name] >= 0.98


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_each_text_is_imported_as_its_manifest_says(name: str) -> None:
    found = score(name)
    assert (found.dated_found, found.undated_kept) == (found.dated, found.undated)
    assert (found.invented_sources, found.invented_analysts) == ([], [])
    if "title" in MANIFEST[name]:
        assert (
            import_prose((CORPUS / name).read_text("utf-8"), name).data["title"]
            == (MANIFEST[name]["title"])
        )


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_check_flags_exactly_the_gaps_the_import_left(name: str) -> None:
    expected = MANIFEST[name]
    draft = import_prose((CORPUS / name).read_text("utf-8"), name)
    text = draft_text(draft, name, "brief.schema.json")
    errors = [d.rule for d in lint(name, text.encode()) if d.severity == "error"]
    undated = sum(1 for source in expected["sources"] if source["date"] is None)
    no_day = undated == len(expected["sources"])
    assert sorted(errors) == sorted(
        ["source-missing-date"] * (undated + len(score(name).duplicated_sources))
        + ["quote-missing-analyst"] * expected["unattributed_quotes"]
        + ["invalid-date"] * no_day
    )


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_apostrophes_are_not_unbalanced_quotes(name: str) -> None:
    """Real prose is full of typographic apostrophes (this year’s, the churches’): none of the
    drafts' texts may be flagged for them."""
    draft = import_prose((CORPUS / name).read_text("utf-8"), name)
    text = draft_text(draft, name, "brief.schema.json")
    assert [d.message for d in lint(name, text.encode()) if d.rule == "unbalanced-quotes"] == []
