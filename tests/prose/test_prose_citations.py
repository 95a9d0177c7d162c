"""Citation forms, read from the user's side: what `import` makes of each shape of citation
published prose uses, and of the asides that are not citations."""

from __future__ import annotations

import pytest
from prose.helpers import claims, imported, sources

from wwrlint.prose.render import prose_text


def test_seed_sentence_is_two_claims_one_for_each_citation() -> None:
    data = imported(
        "As WWR has stated before (e.g. WWR, 18 October 2021), radical groups (such as the "
        "TTP) have been emboldened by this victory and one TTP emir even said that his "
        "organization is a branch of the Emirate (Long War Journal, 15 December 2021)."
    )
    first, second = data["body"][0]["paragraph"]
    assert first == {
        "claim": "As WWR has stated before, radical groups (such as the TTP) have been "
        "emboldened by this victory",
        "sources": ["wwr-2021-10-18"],
        "citation": {"written": "(e.g. WWR, 18 October 2021)", "after": "As WWR has stated before"},
    }
    assert second == {
        "claim": "and one TTP emir even said that his organization is a branch of the Emirate.",
        "sources": ["long-war-journal-2021-12-15"],
        "continues": True,
    }


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Prices rose (Reuters, November 28, 2022).", [("Reuters", "2022-11-28")]),
        ("Prices rose (Al Jazeera, 30 Nov. 2022).", [("Al Jazeera", "2022-11-30")]),
        (
            "Prices rose (Reuters, November 28, 2022; Al Jazeera, 30 Nov. 2022).",
            [("Reuters", "2022-11-28"), ("Al Jazeera", "2022-11-30")],
        ),
        ("Prices rose (see Reuters, 3 May 2020).", [("Reuters", "2020-05-03")]),
        # humanitarian reports: day/month/year and no comma
        (
            "Prices rose (Reuters 13/2/2017; Premium Times 10/8/2016).",
            [("Reuters", "2017-02-13"), ("Premium Times", "2016-08-10")],
        ),
        ("Prices rose (Agenzia Fides, 3/4/2019).", [("Agenzia Fides", "2019-04-03")]),
        # gaps: a month, a year, an author-year with pages, "undated", a name alone
        ("Prices rose (Reuters, December 2021).", [("Reuters", None)]),
        ("Prices rose (Gregory 2012: 196).", [("Gregory", None)]),
        ("Prices rose (Open Doors, undated).", [("Open Doors", None)]),
        ("Prices rose within a year (Morning Star News).", [("Morning Star News", None)]),
        ("Prices rose. (Source: Morning Star News)", [("Morning Star News", None)]),
        (
            "Prices rose (Author, 2015; cited in Other, 2016).",
            [("Author", None), ("Other", None)],
        ),
    ],
)
def test_parenthetical_forms(sentence: str, expected: list[tuple[str, str | None]]) -> None:
    data = imported(sentence)
    assert sources(data) == expected
    [(text, _)] = claims(data)
    assert text.startswith("Prices rose")


def test_undated_sources_keep_their_words_in_a_note() -> None:
    data = imported(
        "Shops closed (Reuters, December 2021). Roads closed (Gregory 2012: 196). Schools "
        "closed (Open Doors website: Our History, undated). Banks closed (Morning Star News)."
    )
    assert [(s["publisher"], s.get("title"), s["note"]) for s in data["sources"].values()] == [
        (
            "Reuters",
            None,
            "cited as 'December 2021', which is not a day: find the publication date",
        ),
        ("Gregory", None, "cited as '2012: 196', which is not a day: find the publication date"),
        ("Open Doors", "Our History", "cited as 'undated': find the publication date"),
        ("Morning Star News", None, "cited without a date: find the publication date"),
    ]
    assert all("date" not in source for source in data["sources"].values())


def test_a_citation_after_the_full_stop_stays_with_its_sentence() -> None:
    data = imported(
        "Two churches burned in Jos. (AFP, 2 June 2020) Police made no arrests. The army "
        "arrived late. (Premium Times, 3 June 2020)\n"
    )
    assert claims(data) == [
        ("Two churches burned in Jos.", ["AFP"]),
        ("The army arrived late.", ["Premium Times"]),
    ]
    assert data["body"][0]["paragraph"][1] == {"assessment": "Police made no arrests."}
    assert data["body"][0]["paragraph"][0]["citation"] == {"after-stop": True}


def test_a_parenthesis_left_open_still_cites() -> None:
    data = imported("A priest was seized in Kaduna (see Fides, 27/3/2019. He was freed later.")
    assert claims(data) == [("A priest was seized in Kaduna.", ["Fides"])]
    assert data["body"][0]["paragraph"][1] == {"assessment": "He was freed later."}


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
        ("Churches closed, as reported by BBC News on 6 November 2018.", "BBC News", "2018-11-06"),
        ("As reported by the Tablet on 3 May 2019, the church closed.", "Tablet", "2019-05-03"),
        ("On 6 November 2018, BBC News reported that the camps grew.", "BBC News", "2018-11-06"),
        (
            "According to Agency Y reporting on 5 May 2019, Minister Z said the road closed.",
            "Agency Y",
            "2019-05-05",
        ),
    ],
)
def test_dated_mentions_keep_the_sentence_whole(sentence: str, publisher: str, day: str) -> None:
    data = imported(sentence)
    assert sources(data) == [(publisher, day)]
    assert claims(data) == [(sentence, [publisher])]
    [item] = data["body"][0]["paragraph"]
    assert item["citation"] == {"in-words": item["sources"]}


@pytest.mark.parametrize(
    ("sentence", "publisher", "note"),
    [
        ("This, according to Open Doors, includes hundreds.", "Open Doors", "without a date"),
        ("According to the NGO ACLED, 1,800 people died.", "ACLED", "without a date"),
        ("Open Doors reported that attacks rose.", "Open Doors", "without a date"),
        ("It cited a report by SBM Intelligence, a research firm.", "SBM Intelligence", "without"),
        ("Attacks rose, The Guardian reports.", "The Guardian", "without a date"),
        ("The arrests came, the Korea Times reported on Aug. 22.", "Korea Times", "gives no year"),
        ("In May, Human Rights Watch reported that abuses rose.", "Human Rights Watch", "'May'"),
        ("These attacks, said Crux, confirm the threats.", "Crux", "without a date"),
        (
            "“Families have fled,” Compass Direct News quoted an official as saying.",
            "Compass Direct News",
            "without a date",
        ),
    ],
)
def test_undated_mentions_become_undated_sources(sentence: str, publisher: str, note: str) -> None:
    data = imported(sentence)
    assert sources(data) == [(publisher, None)]
    assert note in next(iter(data["sources"].values()))["note"]
    assert claims(data) == [(sentence, [publisher])]


@pytest.mark.parametrize(
    "sentence",
    [
        # an actor in an event, a person, a person with an affiliation, a gloss, an aside
        "On 5 May 2019, Governor Ayo Smith announced a curfew.",
        "On January 9, 2019, hardline Hindus tore down a church building.",
        "According to Ousmane Diallo, a researcher at Amnesty International, it is not over.",
        "Lisa Pearce of Open Doors UK & Ireland said persecution is rising.",
        "While this statement by the TTP emir may be an outlier, it shows much.",
        "Groups (such as the TTP) grew.",
        "Numbers rose (2019 figures).",
        "The party (founded in 2011, banned in 2015) grew.",
        "Churches of the Protestant Church of Algeria (EPA) closed.",
        "Herders invaded 14 of the 23 local government areas (LGAs).",
        "The mayor spoke (Ton Molina/Getty Images).",
        "The mayor spoke. (Photo: World Watch Monitor)",
        "Local media reports that gunmen attacked.",
        "A footnote with no note.[7]",
    ],
)
def test_nothing_is_a_source_that_the_sentence_does_not_cite(sentence: str) -> None:
    data = imported(sentence)
    assert "sources" not in data
    assert data["body"][0]["paragraph"] == [{"assessment": sentence}]


def test_numbered_notes_cite_and_are_kept_as_printed() -> None:
    data = imported(
        "Twelve were killed.[1][2] Nobody claimed it.\n\nNotes\n[1] ACLED, 2 February 2021\n"
        "[2] Reuters, “Church attacked”, 3 March 2021, https://example.org/a.\n"
    )
    assert data["sources"] == {
        "acled-2021-02-02": {"publisher": "ACLED", "date": "2021-02-02"},
        "reuters-2021-03-03": {
            "publisher": "Reuters",
            "date": "2021-03-03",
            "title": "Church attacked",
            "url": "https://example.org/a",
        },
    }
    assert data["notes"] == {
        "1": "ACLED, 2 February 2021",
        "2": "Reuters, “Church attacked”, 3 March 2021, https://example.org/a.",
    }
    assert data["body"][0]["paragraph"][0] == {
        "claim": "Twelve were killed.",
        "sources": ["acled-2021-02-02", "reuters-2021-03-03"],
        "citation": {"written": "[1][2]", "after-stop": True},
    }


def test_a_glossed_acronym_cites_the_same_source() -> None:
    data = imported(
        "This was shown by the South Asia Democratic Forum (SADF) in a brief published in "
        "2018. Christians suffer (SADF 2018: 1)."
    )
    assert sources(data) == [("South Asia Democratic Forum", None)]


def test_a_byline_cites_the_agency_and_stands_before_the_words() -> None:
    raw = "(by Ana Ferreira, Harbour Wire) — Fees rose at the north quay, officials said.\n"
    data = imported(raw)
    assert data["sources"] == {
        "harbour-wire-undated": {
            "publisher": "Harbour Wire",
            "note": "cited without a date: find the publication date",
            "author": "Ana Ferreira",
        }
    }
    [claim] = data["body"][0]["paragraph"]
    assert claim["citation"] == {"written": "(by Ana Ferreira, Harbour Wire)", "after": ""}
    assert prose_text(data, title=False).strip() == raw.strip()
