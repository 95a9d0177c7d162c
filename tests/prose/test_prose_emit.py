"""The draft's YAML reads back as the draft, whatever its texts hold: the emitter writes
every text plain, folded or double-quoted, choosing a form that gives the text back."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from wwrlint.loading import load
from wwrlint.prose.emit import dump

texts = st.text(min_size=1, max_size=300).filter(lambda text: text.strip() != "")


def brief(text: str, other: str) -> dict[str, Any]:
    return {
        "id": "t",
        "title": text,
        "date": "2031-03-09",
        "sources": {"s-1": {"publisher": other, "note": text}},
        "notes": {"1": text},
        "body": [
            {
                "paragraph": [
                    {
                        "claim": text,
                        "sources": ["s-1"],
                        "citation": {"written": other, "after": text, "in-words": ["s-1"]},
                        "continues": True,
                    },
                    {"quote": [{"assessment": other}], "attribution": {"after": text}},
                    {"quote": text, "attribution": {}, "marks": "“”"},
                ]
            }
        ],
    }


@settings(max_examples=300, deadline=None)
@given(texts, texts)
def test_any_text_reads_back(text: str, other: str) -> None:
    data = brief(text, other)
    written = dump(data, ["a header"], {"date": "a guess"})
    assert load("draft.yaml", written.encode()).data == data


def test_doubled_spaces_at_the_wrap_column_read_back() -> None:
    for column in range(60, 100):
        text = "fees " * (column // 5) + " rose" + " at the north harbour" * 6
        data = brief(text, "Harbour Gazette")
        assert load("d.yaml", dump(data, [], {}).encode()).data == data
