"""Citation forms: parentheses, mentions, numbered notes; asides are left alone."""

from __future__ import annotations

import pytest

from wwrlint.prose.citations import cite


def cited(
    sentence: str, notes: dict[str, str] | None = None
) -> tuple[str, list[tuple[str, str | None, str]]]:
    text, citations = cite(sentence, notes or {})
    return text, [
        (c.publisher, c.date.date.isoformat() if c.date and c.date.date else None, c.form)
        for c in citations
    ]


def test_seed_sentence_with_two_citations_and_an_aside() -> None:
    assert cited(
        "As WWR has stated before (e.g. WWR, 18 October 2021), radical groups (such as the "
        "TTP) have been emboldened (Long War Journal, 15 December 2021)."
    ) == (
        "As WWR has stated before, radical groups (such as the TTP) have been emboldened.",
        [
            ("WWR", "2021-10-18", "parenthesis"),
            ("Long War Journal", "2021-12-15", "parenthesis"),
        ],
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Prices rose (Reuters, November 28, 2022).", [("Reuters", "2022-11-28", "parenthesis")]),
        ("Prices rose (Al Jazeera, 30 Nov. 2022).", [("Al Jazeera", "2022-11-30", "parenthesis")]),
        (
            "Prices rose (Reuters, November 28, 2022; Al Jazeera, 30 Nov. 2022).",
            [("Reuters", "2022-11-28", "parenthesis"), ("Al Jazeera", "2022-11-30", "parenthesis")],
        ),
        ("Prices rose (Reuters, December 2021).", [("Reuters", None, "parenthesis")]),
        ("Prices rose (see Reuters, 3 May 2020).", [("Reuters", "2020-05-03", "parenthesis")]),
    ],
)
def test_parenthetical_forms(sentence: str, expected: list[tuple[str, str | None, str]]) -> None:
    text, citations = cited(sentence)
    assert text == "Prices rose."
    assert citations == expected


@pytest.mark.parametrize(
    ("sentence", "publisher", "day"),
    [
        (
            "As International Crisis Group summed up in a comprehensive report published on "
            "4 February 2022, Pakistan is having to cope.",
            "International Crisis Group",
            "2022-02-04",
        ),
        (
            "In a report published on 21 January 2024, Human Rights Watch documented abuses.",
            "Human Rights Watch",
            "2024-01-21",
        ),
        ("As Daily NK reported on 13 November 2018, the camps grew.", "Daily NK", "2018-11-13"),
        (
            "Churches were closed, as reported by BBC News on 6 November 2018.",
            "BBC News",
            "2018-11-06",
        ),
    ],
)
def test_mentions_keep_the_sentence_whole(sentence: str, publisher: str, day: str) -> None:
    assert cited(sentence) == (sentence, [(publisher, day, "mention")])


def test_numbered_notes() -> None:
    notes = {
        "1": "ACLED, 2 February 2021",
        "2": "Reuters, “Church attacked”, 3 March 2021, https://example.org/a.",
    }
    text, citations = cite("Twelve were killed.[1][2]", notes)
    assert text == "Twelve were killed."
    assert [(c.publisher, c.title, c.url, c.form) for c in citations] == [
        ("ACLED", None, None, "note"),
        ("Reuters", "Church attacked", "https://example.org/a", "note"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Groups (such as the TTP) grew.",
        "Numbers rose (2019 figures).",
        "The party (founded in 2011, banned in 2015) grew.",
        "A footnote with no note.[7]",
    ],
)
def test_asides_are_not_citations(sentence: str) -> None:
    assert cited(sentence) == (sentence, [])
