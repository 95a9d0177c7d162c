"""Hypothesis strategies: briefs built from the schema's shape, valid and slightly broken."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

ids = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)
texts = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40
).filter(str.strip)
days = st.dates().map(lambda d: d.isoformat())
# What a careless author puts where a date belongs.
not_dates = st.one_of(
    st.just("2022-02-30"),
    st.just("3 January 2022"),
    st.just("2022-13-01"),
    st.just("0000-01-01"),
    st.integers(),
    st.none(),
    st.just(""),
)
junk = st.one_of(st.none(), st.integers(), st.floats(allow_nan=False), st.booleans(), texts)


@st.composite
def briefs(draw: st.DrawFn, broken: bool = True) -> dict[str, Any]:
    """A brief as data. With `broken`, a few values are replaced by wrong ones."""
    source_ids = draw(st.lists(ids, min_size=1, max_size=4, unique=True))
    analyst_ids = draw(st.lists(ids, min_size=0, max_size=3, unique=True))
    sources = {
        s: {"publisher": draw(texts), "date": draw(days)}
        | draw(
            st.fixed_dictionaries(
                {}, optional={"title": texts, "type": st.sampled_from(["news", "report", "brief"])}
            )
        )
        for s in source_ids
    }
    analysts = {a: {"name": draw(texts)} for a in analyst_ids}
    in_paragraph = draw(st.booleans())
    items: list[dict[str, Any]] = []
    kinds = ["claim", "assessment", "quote"] + ([] if in_paragraph else ["heading"])
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(kinds))
        if kind == "claim":
            items.append(
                {
                    "claim": draw(texts),
                    "sources": draw(
                        st.lists(st.sampled_from(source_ids), min_size=1, max_size=2, unique=True)
                    ),
                }
            )
        elif kind == "quote" and analyst_ids:
            items.append({"quote": draw(texts), "analyst": draw(st.sampled_from(analyst_ids))})
        else:
            items.append({"assessment" if kind != "heading" else "heading": draw(texts)})
    brief: dict[str, Any] = {
        "id": draw(ids),
        "title": draw(texts),
        "date": draw(days),
        "analysts": analysts,
        "sources": sources,
        "body": [{"paragraph": items}] if in_paragraph else items,
    }
    if broken:
        for _ in range(draw(st.integers(0, 3))):
            damage = draw(st.sampled_from(["date", "source-date", "key", "claim", "type", "drop"]))
            first = source_ids[0]
            if damage == "date":
                brief["date"] = draw(not_dates)
            elif damage == "source-date":
                brief["sources"][first]["date"] = draw(not_dates)
            elif damage == "key":
                brief[draw(st.sampled_from(["extra", "x-desk", "titel"]))] = draw(junk)
            elif damage == "claim":
                brief.setdefault("body", []).append(
                    {"claim": draw(junk), "sources": draw(st.one_of(st.just([]), junk))}
                )
            elif damage == "type":
                brief["sources"][first]["type"] = draw(junk)
            else:
                brief.pop(draw(st.sampled_from(["id", "title", "body", "analysts"])), None)
    return brief
