"""Citations in prose: "(Long War Journal, 15 December 2021)", "(e.g. WWR, 18 October 2021;
Dawn, 3 January 2022)", mentions such as "As Daily NK reported on 13 November 2018", and
numbered notes ("...killed.[1]" with "[1] ACLED, 2 February 2021" at the end)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from wwrlint.prose.dates import DATE, ProseDate, parse_date, search_date_at_end

_PREFIX = re.compile(r"^(?:e\.g\.,?|i\.e\.,?|see also|see|cf\.|as cited in|quoted in)\s+", re.I)
_PARENTHESIS = re.compile(r"\s*\(([^()]*)\)")
_NOTE_MARK = re.compile(r"\[\^?(\d+)\]")
_URL = re.compile(r"https?://[^\s<>\"')\]]+[^\s<>\"')\].,;]")

# A publisher as prose names it: capitalised words, joined by small words or "&".
_NAME_WORD = r"(?:[A-Z0-9][\w'’.&-]*)"
PUBLISHER = rf"{_NAME_WORD}(?:\s+(?:of|for|and|on|the|de|&)?\s*{_NAME_WORD})*"
_VERBS = (
    r"(?:summed up|reported|noted|stated|wrote|found|said|documented|observed|concluded|"
    r"warned|explained|revealed|announced|showed|highlighted|described|confirmed)"
)
_MENTIONS = [
    # As International Crisis Group summed up in a report published on 4 February 2022,
    re.compile(
        rf"\b[Aa]s (?P<publisher>{PUBLISHER}) {_VERBS}\b[^,;]*? (?:on|dated) (?P<date>{DATE})"
    ),
    # In a report published on 21 January 2024, Human Rights Watch documented
    re.compile(
        rf"\b[Ii]n (?:a|an|its|their) [^,;]*?(?:published|released|issued|dated) on "
        rf"(?P<date>{DATE}),? (?P<publisher>{PUBLISHER}) {_VERBS}\b"
    ),
    # ..., as reported by BBC News on 6 November 2018 / according to Reuters on 3 May 2020
    re.compile(
        rf"\b(?:as reported by|according to|reported by) (?P<publisher>{PUBLISHER}) "
        rf"(?:on|dated) (?P<date>{DATE})"
    ),
    # On 6 November 2018, BBC News reported
    re.compile(rf"\b[Oo]n (?P<date>{DATE}),? (?P<publisher>{PUBLISHER}) {_VERBS}\b"),
]
_NOT_PUBLISHERS = {"the", "a", "an", "it", "this", "that", "they", "he", "she", "we", "i"}


@dataclass(frozen=True)
class Citation:
    """One cited source, as the prose gives it."""

    publisher: str
    date: ProseDate | None
    title: str | None = None
    url: str | None = None
    # How the prose cites it: in parentheses, in the sentence's words, or by a note.
    form: str = "parenthesis"


def cite(sentence: str, notes: dict[str, str]) -> tuple[str, list[Citation]]:
    """The sentence without its parenthetical citations and note marks, and its citations."""
    citations: list[Citation] = []

    def parenthesis(match: re.Match[str]) -> str:
        found = _parenthetical(match.group(1))
        if not found:
            return match.group(0)
        citations.extend(found)
        return ""

    text = _PARENTHESIS.sub(parenthesis, sentence)

    def note(match: re.Match[str]) -> str:
        number = match.group(1)
        if number not in notes:
            return match.group(0)
        citations.append(note_citation(notes[number]))
        return ""

    text = _NOTE_MARK.sub(note, text)
    for pattern in _MENTIONS:
        for match in pattern.finditer(text):
            publisher = _clean_publisher(match["publisher"])
            date = parse_date(match["date"])
            mention = Citation(publisher, date, form="mention") if date is not None else None
            if publisher and mention is not None and mention not in citations:
                citations.append(mention)
    text = re.sub(r"\s+([.,;:!?])", r"\1", text).strip()
    return text, citations


def _parenthetical(inside: str) -> list[Citation]:
    """The citations in one parenthesis, or none when it is not a citation."""
    parts = [part.strip() for part in inside.split(";") if part.strip()]
    found: list[Citation] = []
    for part in parts:
        split = search_date_at_end(_PREFIX.sub("", part))
        if split is None:
            continue
        publisher = _clean_publisher(split[0])
        if publisher:
            found.append(Citation(publisher, split[1]))
    if len(found) != len(parts):
        return []  # "(such as the TTP, 2021)" and other asides stay as they are
    return found


def note_citation(note: str) -> Citation:
    """A numbered note: "ACLED, 2 February 2021" or "Reuters, 'Title', 3 March 2021, URL"."""
    url_match = _URL.search(note)
    url = url_match.group(0) if url_match else None
    text = _URL.sub("", note).strip(" ,.;")
    title_match = re.search(r"[\"“‘']([^\"”’']{3,})[\"”’']", text)
    title = title_match.group(1).strip(" ,") if title_match else None
    date = None
    for match in re.finditer(DATE, text):
        found = parse_date(match.group(0))
        if found is not None and (date is None or found.precision == "day"):
            date = found
    publisher = _clean_publisher(text.split(",", 1)[0]) or text.split(",", 1)[0].strip()
    return Citation(publisher, date, title=title, url=url, form="note")


def _clean_publisher(text: str) -> str:
    publisher = _PREFIX.sub("", text.strip()).strip(' ,;:."“”')
    if not publisher or publisher.lower() in _NOT_PUBLISHERS or len(publisher) > 80:
        return ""
    if not (publisher[0].isupper() or publisher[0].isdigit()):
        return ""
    return publisher
