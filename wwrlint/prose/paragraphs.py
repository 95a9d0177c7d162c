"""One paragraph as body items: its sentences as claims and assessments, its quotations as
quotes by the analysts who said them, every word of it kept.

A quotation is a quote when it stands as whole sentences: introduced ("X comments: "…"",
"X said, "…""), attributed after ('"…," says X.'), or alone (then it continues the quote
before it, or follows an introduction ending in a colon). A quotation inside a sentence
('called it a "time bomb"') stays part of that sentence, and so does one whose words are an
organisation's or an outlet's report: 'Open Doors UK states: ‘…’' is a claim citing Open
Doors UK.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wwrlint.prose.claims import readable, sentence_items
from wwrlint.prose.mentions import mentions
from wwrlint.prose.names import Person, words
from wwrlint.prose.people import may_name_people, people_in
from wwrlint.prose.quotes import (
    Attribution,
    attribution_after,
    attribution_before,
    said_with_comma,
)
from wwrlint.prose.registry import Registry
from wwrlint.prose.scan import Quotation, brackets, quotations, sentences
from wwrlint.prose.style import default_intro
from wwrlint.prose.text import Link


@dataclass
class Reading:
    """What the reading of a document carries from one paragraph to the next."""

    registry: Registry
    notes: dict[str, str]
    last_person: str | Person | None = None  # who a pronoun stands for: an analyst id, or
    # a person the text named speaking, not yet an analyst
    last_quote: tuple[str | None] | None = None  # the speaker of the item just before, a quote
    intro: Attribution | None = None  # a sentence ending "…put it more bluntly:"


def paragraph_items(text: str, links: list[Link], reading: Reading) -> list[dict[str, Any]]:
    quoted = quotations(text)
    pairs = brackets(text)
    protected = [(q.start, q.end) for q in quoted] + list(pairs.items())
    items: list[dict[str, Any]] = []
    for number, (start, end) in enumerate(sentences(text, protected, pairs)):
        lead_space = len(text[start:end]) - len(text[start:end].lstrip())
        start += lead_space
        sentence = text[start:end].rstrip()
        here = [q for q in quoted if start <= q.start < start + len(sentence)]
        local = tuple(
            Link(k.start - start, k.end - start, k.url)
            for k in links
            if start <= k.start < start + len(sentence)
        )
        made = _quote_items(sentence, start, here, text, reading, number == 0)
        if made is None:
            made = _narrative(sentence, reading, number == 0, local)
        items += made
    return items


def _narrative(
    sentence: str, reading: Reading, first: bool, links: tuple[Link, ...]
) -> list[dict[str, Any]]:
    items = None
    if readable(sentence) and may_name_people(sentence):
        items = words(sentence)
        for person in people_in(items):
            reading.registry.learn(person)
            reading.last_person = person
    made = sentence_items(sentence, reading.registry, reading.notes, first, links, items)
    reading.last_quote = None
    reading.intro = attribution_before(sentence) if sentence.rstrip().endswith(":") else None
    return made


def _quote_items(
    sentence: str,
    offset: int,
    here: list[Quotation],
    text: str,
    reading: Reading,
    first: bool,
) -> list[dict[str, Any]] | None:
    """The sentence as a quote, when its first quotation is one; else None."""
    if not here:
        return None
    quotation = here[0]
    words = quotation.words(text)
    lead = sentence[: quotation.start - offset].strip()
    tail = sentence[quotation.end - offset :].strip()
    if not words:
        return None
    dateline = _dateline(lead, reading)
    if dateline:
        lead = ""
    alone = not _said_words(lead)
    if alone:
        ends = not tail.strip(".!?")
        if tail.startswith("(") or (not ends and attribution_after(tail) is None):
            return None  # '"…" (Source, date).' is a cited claim; '"Stop" was painted…' prose
        said = attribution_after(tail) if not ends else None
    else:
        said = attribution_before(lead)
        starts = words[0].isupper() or words[0] in "[…" or lead.endswith(":")
        if said is None or not starts:
            return None
    if not readable(sentence):
        return None  # no text without full stops is read for its quotes
    names = reading.registry.names()
    if said is not None and (
        said.organisation or mentions(lead, names) or mentions(tail, names, strict=True)
    ):
        return None  # an organisation's statement, or one an outlet reports: a cited claim
    speaker = _speaker(said, reading)
    item = _quote(words, speaker, lead, tail, quotation, reading)
    reading.last_quote = (speaker,)
    reading.intro = None
    return [*dateline, item]


def _dateline(lead: str, reading: Reading) -> list[dict[str, Any]]:
    """A dispatch's dateline before a quotation ("Abuja (Agenzia Fides) -"), as the claim
    that cites its credit; nothing when the words are not one."""
    if not lead.endswith(("-", "–", "—")) or "(" not in lead or len(lead.split()) > 6:
        return []
    items = sentence_items(lead, reading.registry, reading.notes, first=True)
    return items if items and "claim" in items[0] else []


def _said_words(lead: str) -> bool:
    """Whether words before a quotation are more than a conjunction ("But")."""
    return bool(lead) and lead.lower().rstrip(",") not in {"but", "and", "yet", "so", "still"}


def _speaker(said: Attribution | None, reading: Reading) -> str | None:
    if said is None:
        # A quotation standing alone continues the quote before it, or follows an
        # introduction ("One resident put it more bluntly:").
        if reading.intro is not None:
            said = reading.intro
        elif reading.last_quote is not None:
            return reading.last_quote[0]
        else:
            return None
    person = said.person
    if said.pronoun:
        if not isinstance(reading.last_person, Person):
            return reading.last_person
        person = reading.last_person
    elif said.described is not None:
        person = reading.registry.described(said.described)
    if person is None:
        return None
    analyst_id = reading.registry.analyst_id(person)
    reading.last_person = analyst_id
    return analyst_id


def _quote(
    words: str,
    speaker: str | None,
    lead: str,
    tail: str,
    quotation: Quotation,
    reading: Reading,
) -> dict[str, Any]:
    registry = reading.registry
    words = said_with_comma(words, attributed_after=bool(tail))
    inner = brackets(words)
    spans = sentences(words, [(q.start, q.end) for q in quotations(words)] + list(inner.items()))
    parts: list[dict[str, Any]] = []
    for start, end in spans:
        parts += sentence_items(words[start:end].strip(), registry, reading.notes)
    plain = all(set(part) == {"assessment"} for part in parts)
    item: dict[str, Any] = {"quote": " ".join(p["assessment"] for p in parts) if plain else parts}
    if speaker is not None:
        item["analyst"] = speaker
    intro = default_intro(registry.analyst(speaker) if speaker else None)
    if lead != intro or tail:
        # how the prose attributed it; {} for a quotation that stands alone
        item["attribution"] = {k: v for k, v in (("before", lead), ("after", tail)) if v}
    if quotation.open_mark in ("“", "‘"):
        item["marks"] = "“”" if quotation.open_mark == "“" else "‘’"
    return item


__all__ = ["Reading", "paragraph_items"]
