"""Citations printed in a sentence: parentheses ("(Long War Journal, 15 December 2021)", "(e.g.
WWR, 18 October 2021; Dawn, 3 January 2022)", "(Reuters 13/2/2017)", "(Gregory 2012: 196)",
"(Open Doors website: Our History, undated)", "(Source: Morning Star News)") and numbered
notes ("...killed.[1]" with "[1] ACLED, 2 February 2021" at the end). Asides, glosses and
photo credits in parentheses ("(such as the TTP)", "(EPA)", "(Ton Molina/Getty Images)") are
left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wwrlint.prose.names import CONNECTORS, acronym, capitalised, wordset
from wwrlint.textforms import ProseDate, date_at_end, prose_date

_PREFIX = re.compile(
    r"(?:e\.g\.,?|i\.e\.,?|see also|see|cf\.|as cited in|cited in|quoted in|sources?:|via|also)"
    r" +",
    re.I,
)
_CREDIT = re.compile(r"(?:photo|photos|image|picture|credit|file|video|illustration)\b", re.I)
_URL = re.compile(r"https?://[^\s<>\"]{1,2000}")
_NOTE_MARK = re.compile(r"\[\^?(\d{1,4})\]")
_QUOTED_TITLE = re.compile(r"[\"“‘]([^\"”’]{3,300})[\"”’]")
_DASHES = ("–", "—", "-", "--")
_NOT_PUBLISHERS = wordset("the a an it this that they he she we i such")


@dataclass(frozen=True)
class Citation:
    """One cited source, as the prose gives it."""

    publisher: str
    date: ProseDate | None
    title: str | None = None
    url: str | None = None
    # How the prose cites it: in parentheses, in the sentence's words, or by a note.
    form: str = "parenthesis"
    author: str | None = None


@dataclass(frozen=True)
class Group:
    """The citations printed together at one place: a parenthesis or adjacent note marks."""

    start: int
    end: int
    citations: tuple[Citation, ...]


def parenthesis_citations(inside: str, bare_allowed: bool) -> list[Citation]:
    """The citations one parenthesis holds, or none when it is not a citation. A name with no
    date at all ("(Morning Star News)") counts only where `bare_allowed` (the caller knows
    where the parenthesis stands)."""
    if len(inside) > 600:
        return []
    if "/" in re.sub(r"\d{1,2}/\d{1,2}/\d{4}", "", _URL.sub("", inside)):
        return []  # a credit: "(Ton Molina/Getty Images)", "(REUTERS / Anindito Mukherjee)"
    parts = [part.strip() for part in inside.split(";") if part.strip()]
    return _all(parts, bare_allowed) if parts else []


def _all(parts: list[str], bare_allowed: bool) -> list[Citation]:
    found: list[Citation] = []
    for part in parts:
        sourced = part.lower().startswith(("source:", "sources:"))
        while (prefix := _PREFIX.match(part)) is not None:
            part = part[prefix.end() :]
        if _CREDIT.match(part):
            return []
        if bare_allowed and len(parts) == 1 and (byline := _byline(part)) is not None:
            return [byline]
        citation = _dated(part) or (
            _bare(part) if (bare_allowed and len(parts) == 1) or sourced else None
        )
        if citation is None:
            return []  # "(such as the TTP, 2021)" and other asides stay as they are
        found.append(citation)
    return found


def _byline(part: str) -> Citation | None:
    """ "(by Daniel Uria, UPI)": the agency that published the dispatch, and its author."""
    if not part.lower().startswith("by ") or ", " not in part:
        return None
    author, agency = (piece.strip() for piece in part[3:].rsplit(", ", 1))
    bare = _bare(agency)
    return Citation(bare.publisher, None, author=author) if bare and capitalised(author) else None


def _dated(part: str) -> Citation | None:
    split = date_at_end(part)
    if split is None:
        return None
    head, date = split
    title = None
    if (quoted := _QUOTED_TITLE.search(head)) is not None:
        title = quoted.group(1).strip(" ,")
        head = head[: quoted.start()]
    elif ": " in head:
        head, title = (piece.strip() for piece in head.split(": ", 1))
        head = re.sub(r" website$", "", head)
    publisher = clean_publisher(head)
    return Citation(publisher, date, title=title or None) if publisher else None


def _bare(part: str) -> Citation | None:
    """A publisher named alone: capitalised words (joined by small words), no initials."""
    words = part.split()
    if not 1 <= len(words) <= 7 or re.fullmatch(r"(?:[A-Z]\.)+", part):
        return None
    for at, word in enumerate(words):
        if not (capitalised(word) or (0 < at < len(words) - 1 and word.lower() in CONNECTORS)):
            return None
    publisher = clean_publisher(part)
    return Citation(publisher, None) if publisher else None


def bare_allowed(text: str, start: int, end: int, dateline: bool) -> bool:
    """Whether a parenthesis at text[start:end] may cite by a name alone: in a paragraph's
    dateline ("JOS, Nigeria (Morning Star News) –"; `dateline`: the text opens a paragraph),
    or closing a clause ("…within a year (Morning Star News).") where it is no acronym
    glossing the words before it ("Algeria (EPA)", "local government areas (LGAs)")."""
    after = text[end:].lstrip()
    before = text[:start].split()
    inside = text[start + 1 : end - 1].strip()
    if dateline and len(before) <= 4 and after.startswith(_DASHES):
        return True
    if after and after[0] not in ".;!?":
        return False
    if len(inside.split()) > 1:
        return True
    if not acronym(inside.rstrip("s")) and not capitalised(inside):
        return False
    previous = before[-1].strip(",;:") if before else ""
    if capitalised(previous):
        return False  # Centre for Social Justice (CSJ), Protestant Church of Algeria (EPA)
    letters = inside.rstrip("s")
    initials = [w[0] for w in reversed(before) if w.lower() not in CONNECTORS and w[0].isalpha()]
    return "".join(reversed(initials[: len(letters)])).lower() != letters.lower()


def clean_publisher(text: str) -> str:
    publisher = text.strip().strip(' ,;:."“”‘’()')
    if publisher.startswith("the "):
        publisher = publisher[4:]
    words = publisher.split()
    if not words or len(words) > 12 or publisher.lower() in _NOT_PUBLISHERS:
        return ""
    if not capitalised(words[0]) or publisher.endswith(("-", "–")) or prose_date(publisher):
        return ""
    return publisher


def note_marks(text: str, start: int, end: int, notes: dict[str, str]) -> list[Group]:
    """Groups of adjacent note marks ("[1][2]") in text[start:end] whose notes exist."""
    groups: list[Group] = []
    for match in _NOTE_MARK.finditer(text, start, end):
        if match.group(1) not in notes:
            continue
        citation = note_citation(notes[match.group(1)])
        if groups and groups[-1].end == match.start():
            last = groups.pop()
            groups.append(Group(last.start, match.end(), (*last.citations, citation)))
        else:
            groups.append(Group(match.start(), match.end(), (citation,)))
    return groups


def note_citation(note: str) -> Citation:
    """A numbered note: "ACLED, 2 February 2021" or "Reuters, 'Title', 3 March 2021, URL"."""
    url_match = _URL.search(note)
    url = url_match.group(0).rstrip(".,;") if url_match else None
    text = _URL.sub("", note).strip(" ,.;")
    title_match = _QUOTED_TITLE.search(text)
    title = title_match.group(1).strip(" ,") if title_match else None
    pieces = [piece.strip() for piece in text.split(",")]
    tokens = text.replace(",", " , ").split()
    date = None
    for at in range(len(tokens)):
        for size in (4, 3, 2, 1):
            found = prose_date(" ".join(tokens[at : at + size]).replace(" ,", ","))
            if found is not None and (date is None or found.precision == "day" != date.precision):
                date = found
                break
    first = pieces[0]
    publisher = clean_publisher(first) or first.strip() or "unnamed note"
    return Citation(publisher, date, title=title, url=url, form="note")
