"""The WWR citation style, in one place for both directions: how a citation is printed
("(Long War Journal, 15 December 2021)"), where in a claim it goes (before the final
punctuation), and how a quote is introduced ("World Watch Research analyst Thomas Muller
comments:"). The importer records a claim's or a quote's printing only where the prose
departs from these; render applies them everywhere else."""

from __future__ import annotations

import re
from typing import Any

from wwrlint.textforms import iso_date, long_form

_FINAL = re.compile(r"[.,;:!?][\"”’')\]]*$")


def date_words(value: Any) -> str:
    day = iso_date(value)
    return long_form(day) if day else "undated"


def cite_words(source: dict[str, Any], fallback: str) -> str:
    """One source as a citation names it: "Long War Journal, 15 December 2021"."""
    return f"{source.get('publisher', fallback)}, {date_words(source.get('date'))}"


def default_citation(sources: list[tuple[str, dict[str, Any]]]) -> str:
    """The parenthesis that cites these (id, source) pairs in the WWR style."""
    return "(" + "; ".join(cite_words(source, source_id) for source_id, source in sources) + ")"


def citation_point(text: str) -> int:
    """Where a claim's citation goes: before its final punctuation mark (and the closing marks
    after it), or at its end when it has none."""
    final = _FINAL.search(text)
    return final.start() if final else len(text)


def default_intro(analyst: dict[str, Any] | None) -> str:
    """How a quote is introduced: "<role> <name> comments:"."""
    if not isinstance(analyst, dict):
        return "An unnamed speaker says:"
    who = " ".join(str(analyst[k]) for k in ("role", "name") if analyst.get(k))
    return f"{who} comments:"
