"""Quotations and their speakers."""

from __future__ import annotations

import pytest

from wwrlint.prose.quotes import Speaker, find_quotations, speaker_after, speaker_before


@pytest.mark.parametrize(
    ("lead", "speaker"),
    [
        (
            "World Watch Research analyst Thomas Muller comments:",
            Speaker("Thomas Muller", "World Watch Research analyst"),
        ),
        (
            "Thomas Muller, persecution analyst at World Watch Research, says:",
            Speaker("Thomas Muller", "persecution analyst at World Watch Research"),
        ),
        ("Muller added:", Speaker("Muller", None)),
        ("Dr. Anna Berg, a researcher, told WWR:", Speaker("Dr. Anna Berg", "a researcher")),
        ("The report said:", None),
        ("It continues:", None),
    ],
)
def test_speaker_before(lead: str, speaker: Speaker | None) -> None:
    assert speaker_before(lead) == speaker


def test_speaker_after() -> None:
    found = speaker_after(" says Jo Newhouse, Open Doors' Senior Analyst on West Africa. Next.")
    assert found == (Speaker("Jo Newhouse", "Open Doors' Senior Analyst on West Africa"), 61)
    assert speaker_after(" Jo Newhouse said. More.") == (Speaker("Jo Newhouse", None), 18)
    assert speaker_after(" he said.") is None


def test_quotation_marks_straight_curly_and_nested() -> None:
    text = 'A: "One \'two\' three." B “curly ‘nested’ end”. C "open'
    assert [q.words for q in find_quotations(text)] == [
        "One 'two' three.",
        "curly ‘nested’ end",
        "open",
    ]
