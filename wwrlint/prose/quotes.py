"""Who said a quotation, from the words around it.

Before it: 'World Watch Research analyst Thomas Muller comments: "…"', 'Thomas Muller,
persecution analyst at World Watch Research, says: "…"', 'President and CEO David Curry said,
"…"', 'But Solberg, a senior member of the advocacy team, told Fox News Digital, "…"'. After
it: '"…," says Jo Newhouse, Open Doors' Senior Analyst on West Africa.', '"…," said X, head of
Y, whose group has worked there for decades.', '"…," X, director of Y, said in a statement.',
'"…," she added.', '"…," he said, adding that …'. A pronoun stands for the last person named;
an organisation ('Open Doors UK states: ‘…’') is a source, not an analyst; anyone not named
("a local priest", "the witness") leaves the quote without an analyst.
"""

from __future__ import annotations

from dataclasses import dataclass

from wwrlint.prose.names import (
    HONORIFICS,
    PRONOUNS,
    ROLE_WORDS,
    Person,
    Word,
    capitalised,
    is_org,
    is_person,
    name_run,
    person_part,
    split_role_and_name,
    words,
    wordset,
)

SAYING = wordset(
    "comments commented says said adds added explains explained notes noted states stated "
    "observes observed remarks remarked writes wrote warns warned continues continued "
    "argues argued concludes concluded told tells declared declares asked asks insisted "
    "insists recalled recalls replied replies saying adding explaining describes "
    "described confirmed confirms recounted recounts urged urges put puts stressed "
    "stresses emphasised emphasized pleaded pleads stating say tell add explain note "
    "state write warn argue recall telling quoted"
)
_CONJUNCTIONS = wordset("but and yet however so then meanwhile still")
_ARTICLES = wordset("the a an another one some")
_NOT_ROLES = wordset(
    "on in at to after before who whose which while as speaking when where with from "
    "during according because but and"
)
_LIMIT = 16  # words an attribution after a quotation takes to name its speaker


@dataclass(frozen=True)
class Attribution:
    """What the words around a quotation say about its speaker."""

    person: Person | None = None  # a named person
    pronoun: bool = False  # "he said": the last person named
    described: str | None = None  # "the archbishop said": a title a person named before has
    organisation: str | None = None  # "Open Doors UK states:": a source, not a quote
    said: bool = False  # the words do attribute the quotation, named or not


def attribution_before(lead: str) -> Attribution | None:
    """The speaker an introduction names, or None when the words do not introduce a quote."""
    items = words(lead)
    if not items:
        return None
    verb = next(
        (at for at in range(len(items) - 1, max(-1, len(items) - 26), -1) if _saying(items[at])),
        None,
    )
    if verb is None:
        if not lead.rstrip().endswith(":"):
            return None
        # "Idris was dismissive of the Bishop's testimony:": the subject speaks
        end, name = name_run(items, 0, limit=4)
        person = Person(name, None) if name and end < len(items) and is_person(name) else None
        return Attribution(person=person, said=True)
    return _who(items[:verb])


def attribution_after(tail: str) -> Attribution | None:
    """The speaker named after a quotation ('says Jo Newhouse, Open Doors' Senior Analyst.'),
    or None when the words after it are not an attribution."""
    items = words(tail.lstrip(" ,"))
    verb = next((at for at in range(min(_LIMIT, len(items))) if _saying(items[at])), None)
    if verb is None or any(w.text[:1] in '"“‘' for w in items[:verb]):
        return None
    if verb > 0:
        found = _who(items[:verb])
        if found.person is not None and found.person.role is None and items[verb].ends_clause:
            role = _appositive(items[verb + 1 :])
            found = Attribution(person=Person(found.person.name, role), said=True)
        return found
    # "said X, role, rest": the name runs to the first comma, the role to the next.
    rest = items[1:]
    cut = next((at + 1 for at, w in enumerate(rest) if w.ends_clause), len(rest))
    phrase = " ".join(w.text for w in rest[:cut]).rstrip(",.;:!?*†")
    found = _named(phrase)
    if found.person is not None and found.person.role is None:
        role = _appositive(rest[cut:]) if rest[cut - 1].text.endswith(",") else None
        found = Attribution(person=Person(found.person.name, role), said=True)
    return found


def _saying(word: Word) -> bool:
    return word.core.lower() in SAYING


def _who(items: list[Word]) -> Attribution:
    """The speaker in the words before a saying verb: a name with its role, a pronoun, an
    organisation, or somebody unnamed."""
    while items and items[0].core.lower() in _CONJUNCTIONS:
        items = items[1:]
    while items and items[-1].lower in {"has", "have", "had", "was", "were", "also", "been", "is"}:
        items = items[:-1]
    phrase = " ".join(w.text for w in items).strip(" ,")
    return _named(phrase)


def _named(phrase: str) -> Attribution:
    if not phrase:
        return Attribution(said=True)
    first = phrase.split()[0].strip(",").lower()
    if first in PRONOUNS and len(phrase.split()) == 1:
        return Attribution(pronoun=first in {"he", "she"}, said=True)
    if "," in phrase:
        parts = [part.strip() for part in phrase.split(",") if part.strip()]
        if is_person(parts[0]):  # "Thomas Muller, persecution analyst at World Watch Research"
            return Attribution(person=Person(parts[0], ", ".join(parts[1:]) or None), said=True)
        if is_person(parts[-1]):  # "A survivor of the attack, Istifanus Bot"
            return Attribution(person=Person(parts[-1], ", ".join(parts[:-1])), said=True)
        # "Disclosing the terms, the Nigerian Bishop": the words next to the verb speak
        last = parts[-1].split()[0].lower()
        phrase = parts[-1] if last in _ARTICLES else parts[0]
        first = phrase.split()[0].lower()
    if first in _ARTICLES:
        # "the Africa Centre for Strategic Studies" is an organisation; "the witness",
        # "the resolution adopted…" and "a local priest" are nobody named; "the (Nigerian)
        # bishop" may be the bishop named before.
        items = words(phrase)
        end, name = name_run(items, 1, limit=8)
        if name and end == len(items) and is_org(name):
            return Attribution(organisation=name, said=True)
        head = items[-1].lower if len(items) <= 4 else ""
        titled = first == "the" and (head in HONORIFICS or head in ROLE_WORDS)
        return Attribution(said=True, described=head if titled else None)
    affiliated = person_part(phrase.strip(".,*†"))
    if affiliated is not None and affiliated.role:  # "Bishop Justin Kientega of Ouahigouya"
        return Attribution(person=affiliated, said=True)
    person = split_role_and_name(phrase)
    if person is not None and person.name.split()[-1] == phrase.split()[-1].strip(".,*†"):
        return Attribution(person=person, said=True)
    if is_org(phrase) and capitalised(phrase):
        return Attribution(organisation=phrase.removeprefix("The "), said=True)
    return Attribution(said=True)


def _appositive(items: list[Word]) -> str | None:
    """A role set off by commas after the name ("…, a victim of a militant attack.")."""
    if not items:
        return None
    cut = next((at + 1 for at, w in enumerate(items) if w.ends_clause), len(items))
    phrase = " ".join(w.text for w in items[:cut]).strip(" ,.;:")
    head = phrase.split()[0].lower() if phrase else ""
    return None if not phrase or head in _NOT_ROLES or head in SAYING else phrase


def said_with_comma(words_: str, attributed_after: bool) -> str:
    """A quotation's words as a quote holds them: '"Churches have closed," says …' ends with a
    full stop, its comma belonging to the attribution after it."""
    return words_[:-1] + "." if attributed_after and words_.endswith(",") else words_


def printed_with_comma(words_: str, attributed_after: bool) -> str:
    """The reverse of `said_with_comma`, for rendering a quote before its attribution."""
    return words_[:-1] + "," if attributed_after and words_.endswith(".") else words_
