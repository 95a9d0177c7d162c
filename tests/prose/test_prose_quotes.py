"""Quotes and who said them, read from the user's side: every shape of attribution published
prose uses, and the quotations that are no analyst's words. Speakers are the invented
analysts of tests/desk.py's Northwind Desk and the like; none of it is anyone's words."""

from __future__ import annotations

import pytest
from prose.helpers import imported, quotes, sources

from wwrlint.prose.scan import quotations

ANA = "Ana Ferreira"


@pytest.mark.parametrize(
    ("prose", "speaker", "role"),
    [
        (
            'Northwind Desk analyst Ana Ferreira comments: "Fees rose."',
            ANA,
            "Northwind Desk analyst",
        ),
        (
            'Ana Ferreira, harbour analyst at Northwind Desk, says: "Fees rose."',
            ANA,
            "harbour analyst at Northwind Desk",
        ),
        ('President and CEO Ana Ferreira said, "Fees rose."', ANA, "President and CEO"),
        (
            "Northwind Desk CEO Ana Ferreira told Harbour Radio, “Fees rose.”",
            ANA,
            "Northwind Desk CEO",
        ),
        (
            '"Fees rose," says Ana Ferreira, Northwind Desk\'s Senior Analyst.',
            ANA,
            "Northwind Desk's Senior Analyst",
        ),
        (
            '"Fees rose," said Ana Ferreira, head of the desk, whose team has tracked them for '
            "years.",
            ANA,
            "head of the desk",
        ),
        (
            '"Fees rose," Ana Ferreira, director of the desk, said in a statement.',
            ANA,
            "director of the desk",
        ),
        ("“Fees rose,” stated desk chair Ana Ferreira.", ANA, "desk chair"),
        (
            "“Fees rose,” said Harbourside’s Ana Ferreira, a trader, on social media.",
            ANA,
            "a trader",
        ),
        (
            "“Fees rose”, Pastor Ana Ferreira said, a trader at the quay.",
            "Pastor Ana Ferreira",
            "a trader at the quay",
        ),
        ("Ana Ferreira says the harbour figures show “Fees rose again this year.”", ANA, None),
    ],
)
def test_attribution_before_after_and_around(prose: str, speaker: str, role: str | None) -> None:
    data = imported(prose)
    [(said_by, words)] = quotes(data)
    assert said_by == speaker
    assert words in ("Fees rose.", "Fees rose", "Fees rose again this year.")
    assert [(a["name"], a.get("role")) for a in data["analysts"].values()] == [(speaker, role)]


def test_the_attribution_is_kept_as_printed() -> None:
    data = imported('"Fees rose," said Ana Ferreira, head of the desk, adding that more was due.')
    [quote] = data["body"][0]["paragraph"]
    assert quote == {
        "quote": "Fees rose.",
        "analyst": "ana-ferreira",
        "attribution": {"after": "said Ana Ferreira, head of the desk, adding that more was due."},
    }


def test_pronouns_continuations_and_surnames_are_the_speaker_named_before() -> None:
    data = imported(
        'Northwind Desk analyst Ana Ferreira comments: "Fees rose."\n\n'
        '"Traders left," she added. "Ships stayed away."\n\n'
        '"The quay is empty."\n\n'
        'Ferreira said: "It will not last."\n'
    )
    assert quotes(data) == [
        (ANA, "Fees rose."),
        (ANA, "Traders left."),
        (ANA, "Ships stayed away."),
        (ANA, "The quay is empty."),
        (ANA, "It will not last."),
    ]
    assert list(data["analysts"]) == ["ana-ferreira"]


def test_a_surname_finds_the_person_the_text_named_with_a_role() -> None:
    data = imported(
        "Fees doubled overnight, harbour trader Tomas Lindgren said.\n\n"
        "“Nobody warned us,” Lindgren told Harbour Radio.\n"
    )
    assert data["analysts"] == {
        "tomas-lindgren": {"name": "Tomas Lindgren", "role": "harbour trader"}
    }


@pytest.mark.parametrize(
    "prose",
    [
        'A local trader told reporters: "Nobody warned us."',
        '"Nobody warned us," the trader said.',
        '"Nobody warned us," another trader was quoted as saying.',
        "“Nobody warned us”, a trader, who asked not to be named, told the desk.",
        '"Nobody warned us."',
    ],
)
def test_a_quotation_without_a_named_speaker_is_a_quote_without_an_analyst(prose: str) -> None:
    data = imported(prose)
    assert quotes(data) in ([(None, "Nobody warned us.")], [(None, "Nobody warned us")])
    assert "analysts" not in data


def test_an_introduction_in_its_own_paragraph_names_the_speaker_after_it() -> None:
    data = imported('One trader put it more bluntly:\n\n"Nobody warned us."\n')
    assert quotes(data) == [(None, "Nobody warned us.")]
    assert data["body"][0]["paragraph"] == [{"assessment": "One trader put it more bluntly:"}]


@pytest.mark.parametrize(
    ("prose", "publisher"),
    [
        ("Northwind Desk states: ‘Fees rose in every harbour.’", "Northwind Desk"),
        ('"Fees rose in every harbour," the Harbour Authority said.', "Harbour Authority"),
        ("“Fees rose,” Harbour Gazette quoted Ana Ferreira as saying.", "Harbour Gazette"),
        (
            "News agency, Reuters, further reported Ana Ferreira saying, “Fees rose”.",
            "Reuters",
        ),
    ],
)
def test_an_organisation_or_an_outlet_quoted_is_a_cited_claim(prose: str, publisher: str) -> None:
    data = imported(prose)
    assert quotes(data) == []
    assert "analysts" not in data
    assert sources(data)[0] == (publisher, None)


def test_quoted_fragments_and_quoted_citations_stay_in_their_sentence() -> None:
    data = imported(
        "The harbour master called it a “temporary measure” (Harbour Gazette, 3 May 2031). "
        "“Fees are set by the board” (Northwind Desk website: About, undated). Traders said "
        'the rise was "unfair".'
    )
    assert quotes(data) == []
    assert len(data["sources"]) == 2


def test_a_quotation_with_its_opening_mark_lost_is_still_a_quote() -> None:
    data = imported('The fees doubled. (The board) never asked us," says the trader.')
    assert quotes(data) == [(None, "The fees doubled. (The board) never asked us.")]


def test_quotation_marks_straight_curly_and_nested() -> None:
    text = 'A: "One \'two\' three." B “curly ‘nested’ end”. C ‘single’ D "open'
    assert [q.words(text) for q in quotations(text)] == [
        "One 'two' three.",
        "curly ‘nested’ end",
        "single",
        "open",
    ]
    # straight marks nested inside a straight quotation do not cut it short
    nested = 'He said "they called it "temporary" and left" and went.'
    assert [q.words(nested) for q in quotations(nested)] == ['they called it "temporary" and left']
    # apostrophes are not closing marks
    apostrophes = "‘The churches’ roofs and the city’s walls fell,’ she said."
    assert [q.words(apostrophes) for q in quotations(apostrophes)] == [
        "The churches’ roofs and the city’s walls fell,"
    ]


def test_roster_analysts_are_named_by_their_roster_id_without_a_copy() -> None:
    roster = {"ana-ferreira": {"name": "Ana Ferreira", "role": "Northwind Desk analyst"}}
    data = imported('Ana Ferreira, harbour analyst, says: "Fees rose."', roster=roster)
    assert "analysts" not in data
    assert data["body"][0]["paragraph"][0]["analyst"] == "ana-ferreira"


def test_a_title_a_see_and_a_pronoun_find_the_person_named_before() -> None:
    data = imported(
        "Archbishop Lena Okoro of Northport has closed the quay chapel.\n\n"
        "The archbishop told reporters: “Nobody enters until Friday.”\n\n"
        "Tomas Lindgren, a trader, said the closure would ruin him.\n\n"
        "“I have nothing left,” he said.\n\n"
        "“Fees rose,” Bishop Ana Ferreira of Quayside told Harbour Radio.\n"
    )
    assert [speaker for speaker, _ in quotes(data)] == [
        "Archbishop Lena Okoro",
        "Tomas Lindgren",
        "Bishop Ana Ferreira",
    ]
    assert data["analysts"]["bishop-ana-ferreira"]["role"] == "of Quayside"
