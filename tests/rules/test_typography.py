"""apostrophe-quote, unbalanced-quotes, line-break-in-text, double-space: exact diagnostics,
at the offending characters, with their fixes as edits."""

from __future__ import annotations

from conftest import VALID, diagnose, found, messages
from wwrlint.diagnostics import Change, Diagnostic, Edit, Span

CLAIM = "  - claim: Border clashes broke out along the Durand line."


def with_claim(text: str) -> str:
    return VALID.replace(CLAIM, f"  - claim: {text}")


def edits(diagnostic: Diagnostic) -> list[tuple[Span, str]]:
    assert diagnostic.fix is not None
    return [(edit.span, edit.content) for edit in diagnostic.fix.edits]


def test_apostrophe_quote_in_a_claim_with_its_fix() -> None:
    brief = with_claim('The neighbor"s border saw clashes.')
    # Line 13, column 24: the straight quote itself, not the start of the text.
    assert found(brief) == [("apostrophe-quote", 13, 24)]
    assert messages(brief) == ["'neighbor\"s' uses a straight double quote as an apostrophe"]
    [diagnostic] = diagnose(brief)
    assert diagnostic.span == Span(13, 24, 13, 25)
    assert diagnostic.fix is not None
    assert diagnostic.fix.applicability == "safe"
    assert diagnostic.fix.changes == (Change(12, 13, "'"),)
    assert diagnostic.fix.edits == (Edit(Span(13, 24, 13, 25), "'"),)


def test_one_finding_per_text_at_its_first_straight_quote_fixes_them_all() -> None:
    brief = with_claim('The neighbor"s border and the Taliban"s.')
    assert found(brief) == [("apostrophe-quote", 13, 24)]
    assert messages(brief) == [
        "'neighbor\"s' uses a straight double quote as an apostrophe; 1 more in this text"
    ]
    [diagnostic] = diagnose(brief)
    assert edits(diagnostic) == [(Span(13, 24, 13, 25), "'"), (Span(13, 49, 13, 50), "'")]


def test_apostrophe_quote_in_the_title_and_an_analyst_role() -> None:
    brief = VALID.replace("title: Pakistan's border", 'title: Pakistan"s border').replace(
        "role: World Watch Research analyst", 'role: WWR"s analyst'
    )
    assert found(brief) == [("apostrophe-quote", 2, 16), ("apostrophe-quote", 7, 14)]


def test_real_quotation_marks_are_not_apostrophes() -> None:
    assert found(with_claim("'He said \"stop\" twice.'")) == []


def test_unbalanced_quotes_with_an_unsafe_fix_and_without_one() -> None:
    closable = with_claim("The emir said “we are a branch of the Emirate.")
    # At the opening mark left open; closing it at the end of the text is a guess.
    assert found(closable) == [("unbalanced-quotes", 13, 26)]
    assert messages(closable) == ["the quotation marks in this text do not pair up (“…”)"]
    [diagnostic] = diagnose(closable)
    assert diagnostic.fix is not None
    assert diagnostic.fix.applicability == "unsafe"
    assert edits(diagnostic) == [(Span(13, 58, 13, 58), "”")]
    muddled = with_claim('\'The emir said "we are" a "branch.\'')
    [diagnostic] = diagnose(muddled)
    # The third straight quote is the one left over.
    assert (diagnostic.rule, diagnostic.span, diagnostic.fix) == (
        "unbalanced-quotes",
        Span(13, 38, 13, 39),
        None,
    )


def test_line_break_in_a_literal_block() -> None:
    brief = VALID.replace(
        CLAIM, "  - claim: |\n      Border clashes broke out\n      along the Durand line."
    )
    # At the line break after "out", up to where the next line's text starts.
    assert found(brief) == [("line-break-in-text", 14, 31)]
    [diagnostic] = diagnose(brief)
    assert diagnostic.span == Span(14, 31, 15, 7)
    # The lines join as they are when the block is folded: `>` for `|`.
    assert edits(diagnostic) == [(Span(13, 12, 13, 13), ">")]


def test_folded_and_plain_multi_line_texts_have_no_line_breaks() -> None:
    assert (
        found(VALID.replace(CLAIM, "  - claim: >-\n      Border clashes\n      broke out.")) == []
    )
    assert found(VALID.replace(CLAIM, "  - claim: Border clashes\n      broke out.")) == []


def test_double_space() -> None:
    brief = with_claim("Border clashes broke out.  Pakistan fences the line.")
    # The first of the two spaces, to the end of the second.
    assert found(brief) == [("double-space", 13, 37)]
    [diagnostic] = diagnose(brief)
    assert diagnostic.span == Span(13, 37, 13, 39)
    assert edits(diagnostic) == [(Span(13, 37, 13, 39), " ")]


def test_many_places_in_one_text_are_one_edit() -> None:
    brief = with_claim("Fees rose.  " * 20 + "Again.")
    [diagnostic] = diagnose(brief)
    assert diagnostic.message == "two or more spaces in a row inside a text; 19 more in this text"
    assert diagnostic.span == Span(13, 22, 13, 24)
    # From the first place to the last, the text between them as it was.
    assert edits(diagnostic) == [(Span(13, 22, 13, 252), " " + "Fees rose. " * 19)]
