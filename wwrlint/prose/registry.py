"""What an import has found so far: its sources, its analysts (the archive's roster first),
the people the text names, and the acronyms it glosses ("Centre for Social Justice (CSJ)")."""

from __future__ import annotations

import re
from typing import Any

from wwrlint.prose.citations import Citation
from wwrlint.prose.names import HONORIFICS, Person
from wwrlint.skeleton import slug

# Publishers that are this desk's own earlier briefs.
OWN_PUBLISHERS = frozenset({"wwr", "world watch research"})
_GLOSS = re.compile(r"(?<=\S )\(([A-Z][A-Za-z&]{1,8})\)")


def glossed_acronyms(text: str) -> dict[str, str]:
    """ "South Asia Democratic Forum (SADF)" -> {"SADF": "South Asia Democratic Forum"}, for the
    acronyms whose capitals are the initials of the capitalised words just before them."""
    found: dict[str, str] = {}
    for match in _GLOSS.finditer(text):
        acronym = match.group(1)
        letters = [c for c in acronym if c.isupper()]
        if not 2 <= len(letters) <= 8:
            continue
        kept: list[str] = []
        for word in reversed(text[max(0, match.start() - 300) : match.start()].split()[-12:]):
            if word.endswith((",", ";", ".", ")")) and kept:
                break
            kept.insert(0, word)
            initials = [c for w in kept if w[0].isupper() for c in (w if w.isupper() else w[0])]
            if initials == letters:
                found.setdefault(acronym, " ".join(kept).strip(",;"))
                break
            if len(initials) > len(letters):
                break
    return found


class Registry:
    """Sources and analysts as the import finds them, by id, and the people it has met."""

    def __init__(self, roster: dict[str, Any], aliases: dict[str, str]) -> None:
        self.roster = {k: v for k, v in roster.items() if isinstance(v, dict)}
        self.aliases = aliases
        self.sources: dict[str, dict[str, Any]] = {}
        self.analysts: dict[str, dict[str, Any]] = {}
        self.people: dict[str, Person] = {}  # by full name
        self._surnames: dict[str, str] = {}
        self._keys: dict[tuple[str, str, str], str] = {}
        self.unread = 0  # sentences too long to read for citations in their words

    # --- people ----------------------------------------------------------------------

    def learn(self, person: Person) -> None:
        """Remember a person the text names, so a later surname resolves to them."""
        if len(_bare(person.name).split()) < 2:
            return
        known = self.people.pop(person.name, None)  # re-inserted: the last one named
        self.people[person.name] = known if known and (known.role or not person.role) else person
        self._surnames.setdefault(_bare(person.name).split()[-1], person.name)

    def names(self) -> set[str]:
        """The names and surnames of the people met so far (none of them is a publisher)."""
        return (
            set(self.people)
            | set(self._surnames)
            | {str(a.get("name")) for a in self.analysts.values()}
        )

    def described(self, word: str) -> Person | None:
        """The person named last whose title or role is `word` ("the archbishop")."""
        for person in reversed(self.people.values()):
            parts = person.name.lower().split()
            if parts[0] == word or word in (person.role or "").lower().split():
                return person
        return None

    def resolve(self, person: Person) -> Person:
        """A surname ("Dalyop told…") as the person the text named in full before."""
        bare = _bare(person.name)
        if " " in bare or bare not in self._surnames:
            return person
        known = self.people[self._surnames[bare]]
        return Person(known.name, person.role or known.role)

    # --- analysts ------------------------------------------------------------------------

    def analyst_id(self, person: Person) -> str:
        """The id of the analyst who is `person`: the roster's when the roster has them (the
        draft then carries no copy), else one of the draft's own."""
        person = self.resolve(person)
        wanted = person.name.lower()
        surname = _bare(person.name).split()[-1].lower()
        alone = " " not in _bare(person.name)
        for pool in (self.analysts, self.roster):
            for analyst_id, analyst in pool.items():
                name = str(analyst.get("name", "")).lower()
                if name == wanted or (alone and _bare(name).split()[-1:] == [surname]):
                    if pool is self.analysts and person.role and "role" not in analyst:
                        analyst["role"] = person.role
                    return analyst_id
        self.learn(person)
        analyst_id = base = slug(person.name)
        number = 1
        while analyst_id in self.analysts or analyst_id in self.roster:
            number += 1
            analyst_id = f"{base}-{number}"
        self.analysts[analyst_id] = {"name": person.name}
        if person.role:
            self.analysts[analyst_id]["role"] = person.role
        return analyst_id

    def analyst(self, analyst_id: str) -> dict[str, Any] | None:
        return self.analysts.get(analyst_id) or self.roster.get(analyst_id)

    # --- sources -------------------------------------------------------------------------

    def source_id(self, citation: Citation, url: str | None = None) -> str:
        publisher = self.aliases.get(citation.publisher, citation.publisher)
        date = citation.date
        when = date.date.isoformat() if date and date.date else None
        written = date.text if date else ""
        if date is not None and date.precision == "year":
            written = date.text[:4]  # "2018" and "2018: 1" are the same year's work
        key = (
            publisher.lower(),
            when or written.lower() or "undated",
            (citation.title or "").lower(),
        )
        if key in self._keys:
            known = self.sources[self._keys[key]]
            if url and "url" not in known:
                known["url"] = url
            return self._keys[key]
        base = slug(publisher) + "-" + (when or slug(citation.title or written or "undated"))
        source_id, number = base, 1
        while source_id in self.sources:
            number += 1
            source_id = f"{base}-{number}"
        source: dict[str, Any] = {"publisher": publisher}
        if when:
            source["date"] = when
        else:
            source["note"] = _undated_note(citation)
        if publisher.lower() in OWN_PUBLISHERS:
            source["type"] = "brief"
        if citation.title:
            source["title"] = citation.title
        if citation.author:
            source["author"] = citation.author
        if url or citation.url:
            source["url"] = url or citation.url
        self.sources[source_id] = source
        self._keys[key] = source_id
        return source_id


def _bare(name: str) -> str:
    """A name without its honorific ("Pastor Benjamin Barnabas" -> "Benjamin Barnabas")."""
    parts = name.split()
    return " ".join(parts[1:]) if len(parts) > 1 and parts[0].lower() in HONORIFICS else name


def _undated_note(citation: Citation) -> str:
    date = citation.date
    if date is None:
        return "cited without a date: find the publication date"
    if date.precision == "none":
        return f"cited as '{date.text}': find the publication date"
    if date.precision == "no-year":
        return f"cited as '{date.text}', which gives no year: find the publication date"
    if date.precision == "day":
        return f"cited as '{date.text}', which is not a real date: find the publication date"
    return f"cited as '{date.text}', which is not a day: find the publication date"
