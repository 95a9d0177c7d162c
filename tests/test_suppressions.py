"""Inline suppressions: on the line, for the file, with reasons; unused and invalid ones."""

from __future__ import annotations

from conftest import VALID, diagnose, found, messages
from wwrlint.config import Settings
from wwrlint.linter import lint

# A claim with no source (line 13) and so an unused source (line 9).
BAD = VALID.replace("    sources: [dawn-2022-01-03]\n", "")
CLAIM_LINE = "  - claim: Border clashes broke out along the Durand line."


def test_trailing_comment_silences_the_rule_on_its_line() -> None:
    brief = BAD.replace(CLAIM_LINE, CLAIM_LINE + "  # wwrlint: disable=claim-missing-source")
    assert found(brief) == [("unused-source", 9, 3)]


def test_codes_and_several_rules_and_a_reason() -> None:
    brief = BAD.replace(
        CLAIM_LINE, CLAIM_LINE + "  # wwrlint: disable=WWR101, unknown-source -- awaiting Dawn"
    ).replace("  dawn-2022-01-03:", "  dawn-2022-01-03:  # wwrlint: disable=WWR103")
    assert found(brief) == [("unused-suppression", 13, 61)]
    assert messages(brief) == [
        "the suppression of 'unknown-source' silences nothing on this line; remove it"
    ]


def test_file_wide_suppression() -> None:
    brief = "# wwrlint: disable-file=unused-source,claim-missing-source -- legacy brief\n" + BAD
    assert found(brief) == []


def test_a_suppression_on_another_line_does_not_apply() -> None:
    brief = BAD.replace("title: ", "title: ").replace(
        "body:", "body:  # wwrlint: disable=claim-missing-source"
    )
    assert found(brief) == [
        ("unused-source", 9, 3),
        ("unused-suppression", 12, 8),
        ("claim-missing-source", 13, 5),
    ]


def test_unused_file_suppression() -> None:
    brief = "# wwrlint: disable-file=source-after-brief\n" + VALID
    assert found(brief) == [("unused-suppression", 1, 1)]
    assert messages(brief) == [
        "the suppression of 'source-after-brief' silences nothing in this file; remove it"
    ]


def test_unknown_rule_and_malformed_comments_are_invalid() -> None:
    brief = VALID.replace("body:", "body:  # wwrlint: disable=claim-mising-source")
    assert found(brief) == [("invalid-suppression", 12, 8)]
    assert messages(brief) == [
        "the suppression names no rule 'claim-mising-source'; did you mean 'claim-missing-source'?"
    ]
    assert found(VALID.replace("body:", "body:  # wwrlint: disabel=unused-source")) == [
        ("invalid-suppression", 12, 8)
    ]


def test_text_that_looks_like_a_comment_inside_a_scalar_is_not_one() -> None:
    brief = BAD.replace(
        CLAIM_LINE, '  - claim: "Border clashes # wwrlint: disable=claim-missing-source"'
    ).replace(
        "  - quote: The risk is deemed manageable.",
        "  - quote: >-\n      The risk\n      # wwrlint: disable=claim-missing-source\n",
    )
    assert [rule for rule, _, _ in found(brief)] == ["unused-source", "claim-missing-source"]


def test_required_reason() -> None:
    settings = Settings(require_suppression_reason=True)
    without = BAD.replace(CLAIM_LINE, CLAIM_LINE + "  # wwrlint: disable=claim-missing-source")
    diagnostics = lint("x.yaml", without.encode(), settings)
    assert [(d.rule, d.span.line) for d in diagnostics] == [
        ("unused-source", 9),
        ("invalid-suppression", 13),
    ]
    assert diagnostics[1].message == (
        "the suppression gives no reason; add ' -- why' after the rules "
        "(the config sets require-suppression-reason)"
    )
    with_reason = without.replace("claim-missing-source", "claim-missing-source -- draft")
    assert [d.rule for d in lint("x.yaml", with_reason.encode(), settings)] == ["unused-source"]


def test_suppressing_a_rule_that_is_not_enabled_is_unused() -> None:
    settings = Settings(ignore=("claim-missing-source",))
    brief = BAD.replace(CLAIM_LINE, CLAIM_LINE + "  # wwrlint: disable=claim-missing-source")
    diagnostics = lint("x.yaml", brief.encode(), settings)
    [unused] = [d for d in diagnostics if d.rule == "unused-suppression"]
    assert unused.message.endswith("(the rule is not enabled); remove it")


def test_suppression_rules_cannot_be_suppressed_by_themselves() -> None:
    brief = VALID.replace(
        "body:", "body:  # wwrlint: disable=source-after-brief,unused-suppression"
    )
    assert [d.rule for d in diagnose(brief)] == ["unused-suppression", "unused-suppression"]
