"""Citations in a sentence's own words: "As International Crisis Group summed up in a report
published on 4 February 2022", "according to the NGO ACLED", "a report by SBM Intelligence",
"Human Rights Watch reports that", "…, the Korea Times reported on Aug. 22", "In May, Human
Rights Watch reported". A name becomes a publisher only when the sentence says it reported,
published or stated something: a person ("according to Ousmane Diallo, a researcher") or an
actor in an event ("On 5 May 2019, Governor X announced") never does.

The sentence is read as words, each trigger looking a few words around it: linear in the
sentence, whatever it holds.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from wwrlint.prose.citations import Citation, clean_publisher
from wwrlint.prose.names import (
    HONORIFICS,
    NOT_NAMES,
    ROLE_WORDS,
    Word,
    capitalised,
    is_org,
    is_person,
    name_run,
    person_part,
    words,
    wordset,
)
from wwrlint.textforms import ProseDate, month_number, prose_date

# Verbs by which an organisation tells what it found.
VERBS = wordset(
    "reported reports said says stated states noted notes wrote writes published "
    "publishes documented documents revealed reveals warned warns found finds announced "
    "announces confirmed confirms highlighted highlights observed observes showed shows "
    "concluded concludes released releases estimated estimates recorded records counted "
    "counts quoted condemned condemns indicated indicates summed argued argues described "
    "describes cited cites say warn"
)
# Participles before "by" that make what follows a source: "as reported by", "compiled by".
_BY_VERBS = wordset(
    "reported published released compiled quoted issued highlighted documented noted "
    "stated cited revealed confirmed announced recorded counted gathered collected"
)
# Nouns for a publication: "a report by", "data from", "figures of".
_WORKS = wordset(
    "report reports study survey statement update release data figures article analysis "
    "paper brief dossier investigation assessment census"
)
_AUX = wordset(
    "has have had was were is are also further has also consistently repeatedly recently "
    "previously already earlier now again"
)
_GENERIC = frozenset({"NGO", "NGOs"})
# Nouns for people a name can describe ("the TTP emir", "Boko Haram fighters").
_PERSON_NOUNS = wordset(
    "emir emirs fighter fighters militant militants members commander commanders gunmen "
    "officials soldiers troops forces leaders spokesman spokeswoman supporters rebels "
    "insurgents spokesperson sources"
)
_WINDOW = 12
_TRIGGERS = VERBS | {"according", "as", "by", "from", "of"}
_WORDISH = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True)
class Mention:
    citation: Citation
    start: int  # where the publisher's name stands in the sentence
    end: int


def mentions(
    sentence: str, people: set[str], strict: bool = False, items: list[Word] | None = None
) -> list[Mention]:
    """The sources a sentence cites in its own words. `people` holds the names and surnames of
    the people the text has named so far (they never become publishers); `strict` accepts only
    names that look like an organisation's (for the attribution of a quote); `items` are the
    sentence's words, when the caller has them."""
    if not _TRIGGERS.intersection(_WORDISH.findall(sentence.lower())):
        return []  # the usual case, found without looking at any word twice
    triggers = [m for m in _WORDISH.finditer(sentence) if m.group(0).lower() in _TRIGGERS]
    items = words(sentence) if items is None else items
    found: list[Mention] = []
    seen: set[int] = set()
    starts = [word.start - items[0].start for word in items] if items else []
    for trigger in triggers:
        at = bisect_right(starts, trigger.start()) - 1
        word = items[at]
        core = word.lower
        if core not in _TRIGGERS:
            continue
        spots: list[tuple[int, int] | None] = []
        loose = True  # whether one word may be a publisher ("said Crux"; not "data from Nigeria")
        if core == "according" and at + 1 < len(items) and items[at + 1].lower == "to":
            spots.append(_after(items, at + 2))
        elif core == "as" and at + 1 < len(items) and _clause_start(items, at):
            spots.append(_as_clause(items, at + 1))
        elif core in {"by", "from", "of"} and at and _by_source(items, at):
            spots.append(_after(items, at + 1))
            loose = core == "by" and items[at - 1].lower in _BY_VERBS
        elif core in VERBS and at:
            spots.append(_subject_before(items, at) or _inverted_after(items, at))
            if core == "quoted":  # "Compass Direct News quoted Open Doors as saying"
                spots.append(_after(items, at + 1, lowercase=0))
        for spot in spots:
            if spot is None or spot[0] in seen:
                continue
            mention = _mention(items, spot, people, strict or not loose)
            if mention is not None:
                seen.add(spot[0])
                found.append(mention)
    return found


def _mention(
    items: list[Word], spot: tuple[int, int], people: set[str], strict: bool
) -> Mention | None:
    begin, end = spot
    while end - begin > 1 and items[begin].core in _GENERIC:
        begin += 1  # "the NGO ACLED"
    name = " ".join(items[i].core for i in range(begin, end))
    date = _date_near(items, begin, end)
    if not _publisher_shaped(name, people, strict, dated=date is not None, first=begin == 0):
        return None
    publisher = clean_publisher(name)
    if not publisher:
        return None
    return Mention(
        Citation(publisher, date, form="mention"), items[begin].start, items[end - 1].end
    )


def _publisher_shaped(name: str, people: set[str], strict: bool, dated: bool, first: bool) -> bool:
    parts = name.split()
    if not parts or parts[0].lower() in HONORIFICS or name in people or parts[-1] in people:
        return False
    if is_org(name):
        # "Lisa Pearce of Open Doors UK & Ireland said": a person with an affiliation
        person = person_part(name)
        return person is None or (person.role is None and not is_person(name))
    if len(parts) == 1:
        # One word is a publisher ("Crux", "Reuters") unless it opens the sentence undated
        # ("Local media reports", "Police said").
        return not strict and (dated or not first)
    return dated and not strict  # "As Mada Masr reported on 17 August 2023"


def _clause_start(items: list[Word], at: int) -> bool:
    return at == 0 or items[at - 1].ends_clause or items[at - 1].lower in {"and", "but"}


def _after(items: list[Word], at: int, lowercase: int = 10) -> tuple[int, int] | None:
    """The name after a trigger, past up to `lowercase` describing words ("the NGO", "data
    compiled by the Lahore-based", "persecution monitor")."""
    skipped = 0
    while at < len(items) and skipped <= lowercase:
        word = items[at]
        core = word.core
        if capitalised(core) and not core.endswith(("-based", "-led", "-run", "-backed")):
            end, name = name_run(items, at)
            if end < len(items) and not items[end - 1].ends_clause and _person_noun(items[end]):
                return None  # "a statement by the TTP emir": the name describes a person
            return (at, end) if name else None
        if word.ends_clause or core.lower() in {"that", "which", "who", "whose"}:
            return None
        skipped += 1
        at += 1
    return None


def _person_noun(word: Word) -> bool:
    core = word.core.lower()
    return core in ROLE_WORDS or core.rstrip("s") in ROLE_WORDS or core in _PERSON_NOUNS


def _as_clause(items: list[Word], at: int) -> tuple[int, int] | None:
    """ "As WWR has stated", "As Daily NK reported", "As reported by the Tablet"."""
    if items[at].lower in _BY_VERBS and at + 1 < len(items):
        if items[at + 1].lower == "by":
            return _after(items, at + 2, lowercase=1)
        return None
    if not capitalised(items[at].core):
        return None
    end, _ = name_run(items, at)
    verb = end
    while verb < len(items) and items[verb].lower in _AUX:
        verb += 1
    return (at, end) if verb < len(items) and items[verb].lower in VERBS else None


def _by_source(items: list[Word], at: int) -> bool:
    """Whether "by"/"from"/"of" at `at` names a source: after "report", "compiled", "quoted
    as saying"."""
    for back in range(max(0, at - 3), at):
        core = items[back].lower
        if core in _WORKS or (core in _BY_VERBS and items[at].lower == "by"):
            return not items[back].ends_clause and all(
                not items[i].ends_clause for i in range(back, at)
            )
    return False


def _subject_before(items: list[Word], verb: int) -> tuple[int, int] | None:
    """The organisation before a verb: "Human Rights Watch reports", "the advocacy group Open
    Doors UK warned", "Barnabas Fund has reported", "USCIRF (…) has condemned", "News agency,
    Reuters, further reported"."""
    end = verb
    while end > 0 and (items[end - 1].lower in _AUX or _gloss(items[end - 1])):
        end -= 1
    if end > 1 and items[end - 1].lower in _PERSON_NOUNS and not items[end - 2].ends_clause:
        end -= 1  # "United Nations officials warn": the officials speak for the name
    if end == 0 or not items[end - 1].cap or items[end - 1].lower in NOT_NAMES:
        return None
    if items[end - 1].ends_clause:
        # an appositive name: "News agency, Reuters, further reported"
        appositive = items[end - 1].text.endswith(",") and end >= 2
        if not (appositive and items[end - 2].text.endswith(",") and end < verb):
            return None
        return end - 1, end
    begin = end - 1
    while begin > 0 and begin > end - 8 and not items[begin - 1].ends_clause:
        previous = items[begin - 1].core
        joining = previous.lower() in {"of", "for", "and", "&", "on", "in"}
        if (capitalised(previous) and previous.lower() not in NOT_NAMES) or joining:
            begin -= 1
        else:
            break
    while begin < end and not capitalised(items[begin].core):
        begin += 1
    if begin == end - 1 and begin and items[begin - 1].core == "The":
        begin -= 1  # "The Guardian reports": the article is part of a one-word name
    if not _subject_position(items, begin):
        return None
    run_end, name = name_run(items, begin)
    return (begin, run_end) if name and run_end == end else None


def _gloss(word: Word) -> bool:
    return word.text.startswith("(") and word.text.rstrip(",").endswith(")")


def _subject_position(items: list[Word], begin: int) -> bool:
    """A subject opens a clause: after its start, a comma, "that", or "the <description>"."""
    at = begin
    for _ in range(4):
        if at == 0 or items[at - 1].ends_clause:
            return True
        previous = items[at - 1].lower
        if previous in {"that", "and", "but", "while", "as", "when", "after"}:
            return True
        if previous in {"the", "a", "an"}:
            return (
                at - 1 == 0
                or items[at - 2].ends_clause
                or items[at - 2].core.lower()
                in {
                    "that",
                    "and",
                    "but",
                }
            )
        if capitalised(items[at - 1].core):
            return False
        at -= 1  # "the advocacy group Open Doors UK": describing words before the name
    return False


def _inverted_after(items: list[Word], verb: int) -> tuple[int, int] | None:
    """ "…, said Crux, confirm", "warned UN aid agencies and NGOs in a report on 27 June"."""
    if not items[verb - 1].ends_clause or items[verb].ends_clause or verb + 1 >= len(items):
        return None
    return _after(items, verb + 1, lowercase=1)


def _date_near(items: list[Word], begin: int, end: int) -> ProseDate | None:
    """The publication date a mention gives: "reported on 3 May 2019", "published on
    4 February 2022", "in a report on 27 June", "published in 2018", or an opening "On
    6 November 2018," / "In May," before the name."""
    limit = min(len(items), end + _WINDOW)
    at = end
    while at < limit:
        core = items[at].lower
        if core in {"that", "which", "who", "whose"}:
            break  # what follows is what was reported, and its dates are the events'
        if core in {"on", "dated", "in"} and at + 1 < limit:
            found = _date_at(items, at + 1)
            if found is not None:
                return found
        if items[at].ends_clause and at > end:
            break
        at += 1
    return _opening_date(items, begin)


def _date_at(items: list[Word], at: int) -> ProseDate | None:
    for size in (3, 2, 1):
        if at + size > len(items):
            continue
        text = " ".join(items[i].text for i in range(at, at + size)).rstrip(",;.")
        found = prose_date(text)
        if found is not None and (found.precision != "year" or size == 1):
            return found
    return None


def _opening_date(items: list[Word], begin: int) -> ProseDate | None:
    """ "On 6 November 2018, BBC News reported", "In May, Human Rights Watch reported"."""
    for start in range(max(0, begin - 10), begin):
        if items[start].lower not in {"on", "in"} or not _clause_start(items, start):
            continue
        span = [items[i].text for i in range(start + 1, begin)]
        if not span or not span[-1].endswith(","):
            continue
        text = " ".join(span).rstrip(",")
        if (found := prose_date(text)) is not None:
            return found
        if len(span) == 1 and month_number(text) is not None:
            return ProseDate(text, "month", None)
        published = text.split(" on ")[-1] if " published on " in f" {text} " else ""
        if published and (found := prose_date(published)) is not None:
            return found
    return None
