"""Properties of `import` over generated prose: every word that goes in comes back out of
render(import(text)), and no source is invented: each publisher in a draft is one the text
put in a citation construct. The prose is the invented Northwind Desk's (tests/desk.py):
invented publishers, analysts and words."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from prose.helpers import prose_words

from wwrlint.loading import load
from wwrlint.prose.importer import draft_text, import_prose
from wwrlint.prose.names import wordset
from wwrlint.prose.render import prose_text
from wwrlint.prose.text import read_prose

PUBLISHERS = ["Harbour Gazette", "Quay News", "Tide Monitor", "NWD", "Lantern Press"]
PEOPLE = [("Ana Ferreira", "Northwind Desk analyst"), ("Tomas Lindgren", "harbour master")]
WORDS = wordset(
    "fees rose at the north quay while traders left and ships waited for the tide to turn "
    "because nobody had warned them about the new rules"
)
DATES = ["15 December 2031", "December 15, 2031", "13/2/2031", "March 2031", "2031", "undated"]

words = st.lists(st.sampled_from(sorted(WORDS)), min_size=2, max_size=9).map(" ".join)


@st.composite
def sentence(draw: st.DrawFn, cited: set[str]) -> str:
    body = draw(words)
    shape = draw(st.integers(0, 9))
    publisher = draw(st.sampled_from(PUBLISHERS))
    date = draw(st.sampled_from(DATES))
    if shape == 0:
        cited.add(publisher)
        return f"{body.capitalize()} ({publisher}, {date})."
    if shape == 1:
        cited.add(publisher)
        return f"{body.capitalize()} (e.g. {publisher}, {date}) and {draw(words)}."
    if shape == 2:
        cited.add(publisher)
        return f"As {publisher} reported on {DATES[0]}, {body}."
    if shape == 3:
        cited.add(publisher)
        return f"{body.capitalize()}, according to {publisher}."
    if shape == 4:
        cited.add(publisher)
        return f"{body.capitalize()}. ({publisher}, {date})"
    if shape == 5:
        name, role = draw(st.sampled_from(PEOPLE))
        return f'"{body.capitalize()}," said {name}, {role}.'
    if shape == 6:
        name, role = draw(st.sampled_from(PEOPLE))
        return f"{role.capitalize()} {name} comments: “{body.capitalize()}.”"
    if shape == 7:
        return f"“{body.capitalize()}.”"
    if shape == 8:
        return f"{body.capitalize()} (such as the {draw(words)})."
    return f"{body.capitalize()}."


@st.composite
def prose(draw: st.DrawFn) -> tuple[str, set[str]]:
    cited: set[str] = set()
    paragraphs = [
        " ".join(draw(st.lists(sentence(cited), min_size=1, max_size=4)))
        for _ in range(draw(st.integers(1, 4)))
    ]
    title = "Harbour fees rise again\n\n" if draw(st.booleans()) else ""
    return title + "\n\n".join(paragraphs) + "\n", cited


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prose())
def test_every_word_comes_back_and_no_source_is_invented(generated: tuple[str, set[str]]) -> None:
    raw, cited = generated
    draft = import_prose(raw, "northwind.txt")
    data = draft.data
    publishers = {source["publisher"] for source in data.get("sources", {}).values()}
    assert publishers <= cited
    titled = read_prose(raw).title is not None
    missing = Counter(prose_words(raw, "northwind.txt")) - Counter(
        prose_text(data, title=titled).split()
    )
    assert not missing, (raw, prose_text(data, title=titled))
    text = draft_text(draft, "northwind.txt", "brief.schema.json")
    assert load("draft.yaml", text.encode()).data == data
