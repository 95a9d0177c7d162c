"""apostrophe-quote, unbalanced-quotes, line-break-in-text, double-space: exact diagnostics."""

from __future__ import annotations

from conftest import VALID, diagnose, found, messages

CLAIM = "  - claim: Border clashes broke out along the Durand line."


def with_claim(text: str) -> str:
    return VALID.replace(CLAIM, f"  - claim: {text}")


def test_apostrophe_quote_in_a_claim_with_its_fix() -> None:
    brief = with_claim('The neighbor"s border saw clashes.')
    assert found(brief) == [("apostrophe-quote", 13, 12)]
    assert messages(brief) == ["'neighbor\"s' uses a straight double quote as an apostrophe"]
    [diagnostic] = diagnose(brief)
    assert diagnostic.fix is not None
    assert diagnostic.fix.value == "The neighbor's border saw clashes."


def test_apostrophe_quote_in_the_title_and_an_analyst_role() -> None:
    brief = VALID.replace("title: Pakistan's border", 'title: Pakistan"s border').replace(
        "role: World Watch Research analyst", 'role: WWR"s analyst'
    )
    assert found(brief) == [("apostrophe-quote", 2, 8), ("apostrophe-quote", 7, 11)]


def test_real_quotation_marks_are_not_apostrophes() -> None:
    assert found(with_claim("'He said \"stop\" twice.'")) == []


def test_unbalanced_quotes_with_and_without_a_fix() -> None:
    closable = with_claim("The emir said “we are a branch of the Emirate.")
    assert found(closable) == [("unbalanced-quotes", 13, 12)]
    assert messages(closable) == ["the quotation marks in this text do not pair up (“…”)"]
    assert diagnose(closable)[0].fix is not None
    muddled = with_claim('\'The emir said "we are" a "branch.\'')
    [diagnostic] = diagnose(muddled)
    assert (diagnostic.rule, diagnostic.fix) == ("unbalanced-quotes", None)


def test_line_break_in_a_literal_block() -> None:
    brief = VALID.replace(
        CLAIM, "  - claim: |\n      Border clashes broke out\n      along the Durand line."
    )
    assert found(brief) == [("line-break-in-text", 13, 12)]
    [diagnostic] = diagnose(brief)
    assert diagnostic.fix is not None
    assert diagnostic.fix.value == "Border clashes broke out along the Durand line."


def test_folded_and_plain_multi_line_texts_have_no_line_breaks() -> None:
    assert (
        found(VALID.replace(CLAIM, "  - claim: >-\n      Border clashes\n      broke out.")) == []
    )
    assert found(VALID.replace(CLAIM, "  - claim: Border clashes\n      broke out.")) == []


def test_double_space() -> None:
    brief = with_claim("Border clashes broke out.  Pakistan fences the line.")
    assert found(brief) == [("double-space", 13, 12)]
    assert diagnose(brief)[0].fix.value == (  # type: ignore[union-attr]
        "Border clashes broke out. Pakistan fences the line."
    )
