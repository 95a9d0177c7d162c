"""`unbalanced-quotes` on sentences as published prose writes them: a typographic apostrophe
(’) inside or at the end of a word is not a closing single quotation mark. The sentences are
the corpus's (tests/prose/corpus/), whose drafts `check` must not flag for them."""

from __future__ import annotations

import pytest

from conftest import VALID
from wwrlint.linter import lint


def flagged(sentence: str) -> list[str]:
    brief = VALID.replace(
        "  - claim: Border clashes broke out along the Durand line.",
        f"  - claim: {sentence}",
    )
    return [d.message for d in lint("brief.yaml", brief.encode()) if d.rule == "unbalanced-quotes"]


@pytest.mark.parametrize(
    "sentence",
    [
        "It is an offence under the country’s 2006 ordinance on non-Muslim worship.",
        "The directors call on the bishops’ Conference of Nigeria to act.",
        "“We have no doubt,” Bot told Morning Star News, “they spoke the herdsmen’s language.”",
        "Churches were ‘sealed’ for the pastors’ safety, officials said.",
        "‘The churches’ roofs and the city’s walls fell,’ she said.",
        "That’s not protection; it’s pressure, and it has been so since the ’90s.",
        "The state’s plan ‘fully illustrates the dangers of life in Pakistan’ (Gregory 2012: 196).",
    ],
)
def test_apostrophes_are_not_quotation_marks(sentence: str) -> None:
    assert flagged(f'"{sentence}"') == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The emir said ‘we are a branch of the Emirate.",
        "The emir said we are a branch of the Emirate.’ Then he left.",
    ],
)
def test_single_quotation_marks_that_do_not_pair_up_are_still_flagged(sentence: str) -> None:
    assert flagged(f'"{sentence}"') == ["the quotation marks in this text do not pair up (‘…’)"]
