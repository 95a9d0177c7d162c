"""Quotations in prose, and who said them.

Shapes real briefs use: the role first ('World Watch Research analyst Thomas Muller
comments: "..."'), the name first ('Thomas Muller, persecution analyst at World Watch
Research, says: "..."'), the attribution after ('"...," says Jo Newhouse, Open Doors'
Senior Analyst on West Africa.'), and follow-ups by surname ('Muller added: "..."').
Straight and curly quotation marks alike; single marks nest inside double ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_VERB = (
    r"(?:comments|commented|says|said|adds|added|explains|explained|notes|noted|states|"
    r"stated|observes|observed|remarks|remarked|writes|wrote|warns|warned|continues|"
    r"continued|argues|argued|concludes|concluded|points out|pointed out|told \w+(?: \w+)*?)"
)
# Lower-case words that end a role, so the capitalised words after them are the name.
_ROLE_NOUNS = {
    "analyst",
    "researcher",
    "director",
    "expert",
    "officer",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "head",
    "coordinator",
    "advocate",
    "specialist",
    "manager",
    "chief",
    "president",
    "editor",
    "correspondent",
    "fellow",
    "consultant",
    "adviser",
    "advisor",
}
_INTRO = re.compile(rf"^(?P<who>.+?)\s+{_VERB}\s*:\s*$")
_AFTER = re.compile(
    rf"^\s*(?:{_VERB}\s+(?P<who>[^.!?]+?)|(?P<who2>[^.!?\"“]+?)\s+{_VERB})\s*(?:[.!?]|$)"
)
_OPEN, _CLOSE = "“", "”"


@dataclass(frozen=True)
class Quotation:
    """A quoted stretch of a paragraph: the marks' positions and the words inside."""

    start: int  # index of the opening mark
    end: int  # index just after the closing mark (or the paragraph's end)
    words: str


@dataclass(frozen=True)
class Speaker:
    name: str
    role: str | None


def find_quotations(text: str) -> list[Quotation]:
    """Double-quoted stretches; a quotation left open runs to the paragraph's end."""
    found: list[Quotation] = []
    start: int | None = None
    for index, char in enumerate(text):
        if start is None and (char == _OPEN or (char == '"' and _opens(text, index))):
            start = index
        elif start is not None and (char == _CLOSE or char == '"'):
            found.append(Quotation(start, index + 1, text[start + 1 : index].strip()))
            start = None
    if start is not None:
        found.append(Quotation(start, len(text), text[start + 1 :].strip()))
    return found


def _opens(text: str, index: int) -> bool:
    return index == 0 or not text[index - 1].isalnum()


def speaker_before(lead: str) -> Speaker | None:
    """The speaker an introduction names: '<role> <Name> comments:' or '<Name>, <role>, says:'."""
    match = _INTRO.match(lead.strip())
    return _speaker(match["who"]) if match else None


def speaker_after(tail: str) -> tuple[Speaker, int] | None:
    """The speaker named after a quotation ('says Jo Newhouse, ... .'), and where that ends."""
    match = _AFTER.match(tail)
    if match is None:
        return None
    who = match["who"] or match["who2"]
    speaker = _speaker(who) if who else None
    return (speaker, match.end()) if speaker else None


def _speaker(who: str) -> Speaker | None:
    who = who.strip(" ,")
    if "," in who:
        parts = [part.strip() for part in who.split(",") if part.strip()]
        # "Thomas Muller, persecution analyst at ...", or "An analyst, Jo Hart"
        if _is_name(parts[0]):
            return Speaker(parts[0], ", ".join(parts[1:]) or None)
        if _is_name(parts[-1]):
            return Speaker(parts[-1], ", ".join(parts[:-1]) or None)
        return None
    words = who.split()
    name_words: list[str] = []
    for word in reversed(words):
        if not word[:1].isupper() or word.lower() in _ROLE_NOUNS or len(name_words) == 3:
            break
        name_words.insert(0, word)
    if not name_words:
        return None
    name = " ".join(name_words)
    role = " ".join(words[: len(words) - len(name_words)])
    return Speaker(name, role or None) if _is_name(name) else None


_NOT_NAMES = {"it", "he", "she", "they", "we", "i", "this", "that", "the", "a", "an", "one"}


def _is_name(text: str) -> bool:
    words = text.split()
    if not words or words[0].lower() in _NOT_NAMES:
        return False
    particles = ("van", "de", "von", "al", "bin")
    return 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words if w not in particles)
