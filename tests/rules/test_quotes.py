"""quote-missing-analyst, unknown-analyst, unused-analyst: exact diagnostics."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import VALID, diagnose, found, messages
from wwrlint.cli import cli


def test_quote_without_analyst_is_reported_at_the_quote() -> None:
    brief = VALID.replace("    analyst: thomas-muller\n", "")
    assert found(brief) == [("unused-analyst", 5, 3), ("quote-missing-analyst", 15, 5)]
    assert messages(brief)[1] == (
        "quote 'The risk is deemed manageable.' names no analyst; give the id of the analyst "
        "whose words these are under 'analyst'"
    )


@pytest.mark.parametrize("empty", ["", " null", ' ""', " '  '"])
def test_quote_with_empty_analyst_is_reported_once(empty: str) -> None:
    brief = VALID.replace("analyst: thomas-muller", f"analyst:{empty}")
    rules = [rule for rule, _, _ in found(brief)]
    assert rules == ["unused-analyst", "quote-missing-analyst"]


def test_unknown_analyst_points_at_the_id_and_suggests() -> None:
    brief = VALID.replace("analyst: thomas-muller", "analyst: thomas-mueller")
    assert found(brief) == [("unused-analyst", 5, 3), ("unknown-analyst", 16, 14)]
    # No archive, no roster: the message names none.
    assert messages(brief)[1] == (
        "quote 'The risk is deemed manageable.' names analyst 'thomas-mueller', who is "
        "not defined under 'analysts'; did you mean 'thomas-muller'?"
    )


def test_quote_with_cited_claims_inside() -> None:
    brief = VALID.replace(
        "  - quote: The risk is deemed manageable.\n",
        "  - quote:\n"
        "      - assessment: The risk is deemed manageable.\n"
        "      - claim: Clashes broke out.\n"
        "        sources: [dawn-2022-01-03]\n",
    )
    assert found(brief) == []


def test_unused_analyst_is_a_warning_at_the_analyst_key() -> None:
    brief = VALID.replace(
        "  - quote: The risk is deemed manageable.\n    analyst: thomas-muller\n", ""
    )
    [diagnostic] = diagnose(brief)
    assert (diagnostic.rule, diagnostic.severity) == ("unused-analyst", "warning")
    assert (diagnostic.span.line, diagnostic.span.column) == (5, 3)
    assert diagnostic.message == "analyst 'thomas-muller' is defined but no quote names them"


def test_analyst_without_name_is_a_schema_error() -> None:
    brief = VALID.replace("    name: Thomas Muller\n", "")
    assert found(brief) == [("schema", 5, 3)]
    assert messages(brief) == ["analyst 'thomas-muller' has no 'name'"]


@pytest.mark.parametrize(
    ("roster", "where"),
    [
        (None, "not defined under 'analysts'"),
        (
            "analysts:\n  ada-quill:\n    name: Ada Quill\n",
            "neither under 'analysts' nor in the roster",
        ),
    ],
)
def test_the_roster_is_named_only_where_the_archive_has_one(
    tmp_path: Path, roster: str | None, where: str
) -> None:
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    (tmp_path / ".git").mkdir()
    if roster is not None:
        (briefs / "analysts.yaml").write_text(roster)
    brief = VALID.replace("analyst: thomas-muller", "analyst: jo-hart")
    (briefs / "brief.yaml").write_text(brief)
    result = CliRunner().invoke(
        cli, ["check", "--no-cache", "--output-format", "json", str(briefs)], catch_exceptions=False
    )
    [message] = [d["message"] for d in json.loads(result.stdout) if d["rule"] == "unknown-analyst"]
    assert (
        message == f"quote 'The risk is deemed manageable.' names analyst 'jo-hart', who is {where}"
    )
