"""People a text names in passing, with the roles it gives them, so that a later quote by
surname ("Dalyop told Morning Star News") finds them: "area resident Rhoda Dalyop said",
"A survivor of the attack, Istifanus Bot, confirmed", "Danjuma Pwajok, another area
resident, said", "Ryan Brown, the CEO of Open Doors US, describes", "Lisa Pearce of Open
Doors UK & Ireland said"."""

from __future__ import annotations

import re

from wwrlint.prose.names import (
    CONNECTORS,
    HONORIFICS,
    PARTICLES,
    ROLE_WORDS,
    Person,
    Word,
    capitalised,
    is_org,
    is_person,
)
from wwrlint.prose.quotes import SAYING

_ARTICLES = ("a ", "an ", "the ", "another ", "one ")
_AFFILIATION = frozenset({"of", "at", "from"})
_CUES = SAYING | ROLE_WORDS | {"confirmed", "describes"}
_WORDISH = re.compile(r"[a-z]+")


def may_name_people(sentence: str) -> bool:
    """Whether a sentence has the words `people_in` looks for at all (one quick pass)."""
    return not _CUES.isdisjoint(_WORDISH.findall(sentence.lower()))


def people_in(items: list[Word]) -> list[Person]:
    """The people a sentence (its words) names as speaking, reporting or holding a role."""
    found: list[Person] = []
    at = 0
    while at < len(items):
        text = items[at].text
        first = text[1:2] if text[:1] in '"“‘([' else text[:1]
        if not (first.isupper() or first.isdigit()) or not items[at].cap:
            at += 1
            continue
        end = _name_end(items, at)
        if end == at:
            at += 1
            continue
        name = " ".join(items[i].text.strip(',;:."“”') for i in range(at, end))
        if is_person(name) and " " in name.strip():
            role = _role(items, at, end)
            titled = items[at].lower in HONORIFICS and end - at >= 2
            if role is not None or titled or _speaks(items, end):
                found.append(Person(name, role or None))
        at = end
    return found


def _name_end(items: list[Word], at: int) -> int:
    """Where a run of two to four name words starting at `at` ends (or `at` if none)."""
    titled = items[at].lower in HONORIFICS
    if at and items[at - 1].cap and not items[at - 1].ends_clause and not titled:
        return at  # inside a longer capitalised run ("Nigerian Bishop X" may start at Bishop)
    if at and items[at - 1].core.lower() == "the":
        return at  # "the Africa Centre": people take no article
    joined = at >= 2 and items[at - 1].core.lower() in CONNECTORS
    if joined and capitalised(items[at - 2].core) and not items[at - 2].ends_clause:
        return at  # "Centre for Strategic Studies": the end of a longer name
    end = at
    if items[end].core.lower() in HONORIFICS or items[end].text.lower() in HONORIFICS:
        end += 1
    while end < len(items) and end - at < 5:
        core = items[end].core
        if not (capitalised(core) or (core.lower() in PARTICLES and end > at)):
            break
        if core.lower() in ROLE_WORDS and end > at:
            break
        end += 1
        if items[end - 1].ends_clause or items[end - 1].possessive:
            break
    return end if end - at >= 2 else at


def _speaks(items: list[Word], end: int) -> bool:
    return end < len(items) and items[end].core.lower() in SAYING | {"confirmed", "describes"}


def _role(items: list[Word], at: int, end: int) -> str | None:
    """The role the words around a name give it, if any."""
    last = items[end - 1]
    # "Lisa Pearce of Open Doors UK & Ireland said"
    if not last.ends_clause and end < len(items) and items[end].core in _AFFILIATION:
        stop = end + 1
        while stop < len(items) and stop - end < 9 and not items[stop - 1].ends_clause:
            if items[stop].core.lower() in SAYING:
                break
            stop += 1
        phrase = " ".join(w.text for w in items[end:stop]).strip(" ,")
        if is_org(phrase):
            return phrase
    # "Danjuma Pwajok, another area resident, said"; "Ryan Brown, the CEO of Open Doors US,"
    if last.text.endswith(",") and end < len(items):
        stop = end
        while stop < len(items) and stop - end < 12 and not items[stop].ends_clause:
            stop += 1
        phrase = " ".join(w.text for w in items[end : stop + 1]).strip(" ,")
        if stop < len(items) and items[stop].text.endswith(",") and _role_like(phrase):
            return phrase
    # "A survivor of the attack, Istifanus Bot, confirmed"; "the parish priest, Father X,"
    if at and items[at - 1].text.endswith(","):
        start = at - 1
        while start > 0 and at - start < 10 and not items[start - 1].ends_clause:
            start -= 1
        phrase = " ".join(w.text for w in items[start:at]).strip(" ,")
        phrase = phrase.removeprefix("according to ")  # "…, according to its mayor, X."
        if last.ends_clause and _role_like(phrase):  # "…, its mayor, Ousmane Zongo."
            return phrase
    # "area resident Rhoda Dalyop said", "USCIRF chair Stephen Schneck"
    start = at
    while start > 0 and at - start < 4 and not items[start - 1].ends_clause:
        core = items[start - 1].core
        if capitalised(core) and core.lower() not in ROLE_WORDS:
            break
        start -= 1
    phrase = " ".join(w.core for w in items[start:at])
    if phrase and phrase.split()[-1].lower() in ROLE_WORDS:
        return phrase
    return None


def _role_like(phrase: str) -> bool:
    lowered = phrase.lower()
    return bool(phrase) and (
        lowered.startswith(_ARTICLES) or any(w in ROLE_WORDS for w in lowered.split())
    )
