"""Names in prose: who is a person, what is an organisation, and the words prose uses around
them ("World Watch Research analyst Thomas Muller", "Jo Newhouse, Open Doors' Senior Analyst",
"the advocacy group Open Doors UK").

Everything works on short lists of words (a clause at most), never on a whole text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"\S+")


def wordset(words: str) -> frozenset[str]:
    """A set of words written as one string, space-separated."""
    return frozenset(words.split())


_EDGE = "\"“”‘’'()[]{},;:.!?*†"
_EDGE_NO_APOSTROPHE = '"“”‘()[]{},;:.!?*†'
# Words that make a name an organisation's.
ORG_WORDS = wordset(
    "news watch times post journal agency group international foundation institute "
    "council commission doors monitor press network centre center forum project "
    "intelligence observatory fund office ministry service services organisation "
    "organization association alliance society tribune herald gazette express today daily "
    "radio tv television broadcasting channel research programme program nations union "
    "trust concern aid relief coalition committee conference federation mission "
    "ministries initiative magazine review digital online media wire newswire vision "
    "amnesty bureau department church churches university college school court parliament "
    "government police army report reports tribunal dossier list index desk authority "
    "board bank company"
)
# Capitalised words that are roles or titles, not names.
ROLE_WORDS = wordset(
    "analyst researcher director expert officer spokesperson spokesman spokeswoman head "
    "coordinator advocate specialist manager chief president editor correspondent fellow "
    "consultant adviser advisor ceo cfo coo chair chairman chairwoman chairperson founder "
    "secretary minister governor commissioner representative official leader member "
    "resident survivor activist teacher priest pastor bishop archbishop ambassador envoy "
    "senator general colonel rapporteur professor lecturer senior deputy vice executive "
    "trader farmer villager worker student nurse doctor journalist lawyer elder catechist "
    "chaplain missionary volunteer mayor"
)
HONORIFICS = wordset(
    "dr dr. mr mr. mrs mrs. ms ms. prof prof. fr fr. father rev rev. reverend pastor "
    "bishop archbishop sister brother imam sheikh cardinal msgr msgr. sr sr. sir dame "
    "lord lady governor minister president senator gen. general col. colonel ambassador"
)
PARTICLES = wordset("van von de der den da di du la le al el bin ibn ben")
CONNECTORS = wordset("of for and & on in the de du des la le al el")
PRONOUNS = wordset("he she they it we i you one this that these those who")
# Capitalised words a sentence starts with that name nobody.
NOT_NAMES = wordset(
    "the a an it he she they we i you one this that these those there here his her their "
    "its our but and yet so however also then when while after before since although "
    "though if as in on at for of from with by to local police officials witnesses "
    "residents sources authorities security many some most several all both each every no "
    "none another other others"
)


class Word:
    """A word of a sentence as written (punctuation included), where it stands, and what the
    readers of names ask of it, worked out when first asked."""

    __slots__ = ("_core", "end", "start", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        self._core: str | None = None

    @property
    def core(self) -> str:
        """The word without the punctuation and quotation marks around it."""
        if self._core is None:
            core = self.text.strip(_EDGE)
            self._core = core[:-2] if core.endswith(("’s", "'s")) else core.rstrip("’'")
        return self._core

    @property
    def lower(self) -> str:
        return self.core.lower()

    @property
    def cap(self) -> bool:
        return capitalised(self.core)

    @property
    def ends_clause(self) -> bool:
        return self.text.rstrip("\"”’')]*†").endswith((",", ";", ":", ".", "!", "?"))

    @property
    def possessive(self) -> bool:
        return self.text.rstrip(_EDGE_NO_APOSTROPHE).endswith(("’s", "'s", "s’", "s'"))


@dataclass(frozen=True)
class Person:
    name: str
    role: str | None


def words(text: str, offset: int = 0) -> list[Word]:
    return [Word(m.group(0), m.start() + offset, m.end() + offset) for m in _WORD.finditer(text)]


def capitalised(word: str) -> bool:
    return bool(word) and (word[0].isupper() or (word[0].isdigit() and not word.isdigit()))


def acronym(word: str) -> bool:
    letters = word.replace("&", "").replace("-", "")
    return 2 <= len(letters) <= 8 and letters.isupper() and letters.isalnum()


def is_org(name: str) -> bool:
    """Whether a name is an organisation's: it has an organisation word, is an acronym
    (not a role's, like CEO), is a web address, or starts with "The"."""
    parts = name.split()
    if not parts:
        return False
    if parts[0] == "The" and len(parts) > 1:
        return True
    for part in parts:
        core = part.strip(_EDGE)
        if core.lower() in ORG_WORDS or re.search(r"\w\.(?:com|net|org|in|fr|de|uk)$", core):
            return True
        if acronym(core) and core.lower() not in ROLE_WORDS and core not in {"US", "UK", "U.S."}:
            return True
    return parts[-1].strip(_EDGE) in {"US", "UK"} and len(parts) > 1


def is_person(name: str) -> bool:
    """Whether a name looks like a person's: one to four capitalised words (particles and an
    honorific allowed), none of them an organisation's or a role's."""
    parts = name.split()
    if parts and parts[0].lower() in HONORIFICS:
        parts = parts[1:]
    if not 1 <= len(parts) <= 4 or is_org(" ".join(parts)):
        return False
    if parts[0].lower() in NOT_NAMES:
        return False
    return all(
        (capitalised(p) and p.lower() not in ROLE_WORDS) or p.lower() in PARTICLES for p in parts
    )


def name_run(items: list[Word], index: int, limit: int = 8) -> tuple[int, str]:
    """The capitalised name starting at items[index] ("International Crisis Group",
    "Observatory for Religious Freedom in Africa"): where it ends and its words. Small joining
    words count when a capitalised word follows them; a possessive or a clause's end stops it."""
    end = index
    parts: list[str] = []
    while end < len(items) and len(parts) < limit:
        word = items[end]
        core = word.core
        if word.text.startswith("(") and parts:
            break  # "Centre for Social Justice (CSJ)": the gloss is not the name
        if capitalised(core) and not re.fullmatch(r"[A-Z][\w’'-]*-(?:based|led|run|backed)", core):
            parts.append(core)
            end += 1
            if word.ends_clause or word.possessive or word.text.endswith(")"):
                break
        elif (
            parts
            and core.lower() in CONNECTORS
            and not word.ends_clause
            and end + 1 < len(items)
            and capitalised(items[end + 1].core)
        ):
            parts.append(core)
            end += 1
        else:
            break
    return end, " ".join(parts)


def person_part(name: str) -> Person | None:
    """The person in a name run that goes on to an affiliation ("Lisa Pearce of Open Doors UK
    & Ireland"), or that starts with a role ("USCIRF chair Stephen Schneck"), if any."""
    parts = name.split()
    for at, part in enumerate(parts):
        if part in {"of", "at", "from", "for"} and at >= 2 and is_person(" ".join(parts[:at])):
            return Person(" ".join(parts[:at]), " ".join(parts[at:]))
    return Person(name, None) if is_person(name) else None


def split_role_and_name(phrase: str) -> Person | None:
    """'World Watch Research analyst Thomas Muller' -> the name at the end and the role before
    it; an organisation's possessive before the name ("Open Doors’ Ingrid Solberg") is not a
    role."""
    parts = phrase.split()
    name: list[str] = []
    for part in reversed(parts):
        core = part.strip(_EDGE)
        particle = core.lower() in PARTICLES and bool(name)
        if not (capitalised(core) or particle) or core.lower() in ROLE_WORDS or len(name) == 4:
            break
        if part.endswith(("’", "'", "’s", "'s")) or acronym(core):
            break
        name.insert(0, part.strip(',;:"“”') if core.lower() + "." in HONORIFICS else core)
    while name and name[0].lower() in PARTICLES:
        name.pop(0)
    if not name:
        return None
    before = parts[: len(parts) - len(name)]
    if before and before[-1].strip(_EDGE).lower() in HONORIFICS:
        name.insert(0, before.pop().strip(",;:"))
    role = " ".join(before).strip(" ,")
    if role.endswith(("’", "'", "’s", "'s")) or role.lower() in PRONOUNS:
        role = ""
    full = " ".join(name)
    return Person(full, role or None) if is_person(full) else None
