"""The structure of a paragraph found in single passes: matching brackets, quoted stretches,
and sentences (which never end inside a bracket or a quotation).

Each function here looks at every character a bounded number of times, so a paragraph of a
megabyte costs what a page costs, times the size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate

from wwrlint.prose.names import wordset
from wwrlint.textforms import single_quotes

# Words that end with a period without ending a sentence.
ABBREVIATIONS = wordset(
    "e.g i.e etc cf vs mr mrs ms dr prof st no gen col lt capt rev sen rep gov fr sr jr "
    "msgr jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n approx fig vol pp "
    "p ed eds inc ltd co corp al a.m p.m calif mass wash ariz colo conn fla ill penn tenn "
    "va"
)
_CLOSERS = "\"”’')]*†"
_OPENERS = '"“‘(['
_STRAIGHT_OPENS_AFTER = " \t([{—–-/“‘"
# Only these characters matter to each scan: the scans visit them, not every character.
_BRACKET = re.compile(r"[()\[\]]")
_QUOTE_MARK = re.compile(r"[\"“”‘]")
_STOP = re.compile(r"[.!?]")


@dataclass(frozen=True)
class Quotation:
    """A quoted stretch of a paragraph: where its marks stand and which marks they are."""

    start: int  # index of the opening mark (or of the paragraph's start, when none)
    end: int  # index just after the closing mark (or the paragraph's end, when none)
    open_mark: str  # "" when the paragraph lost the opening mark
    close_mark: str  # "" when the quotation runs to the paragraph's end

    def words(self, text: str) -> str:
        inner_start = self.start + len(self.open_mark)
        inner_end = self.end - len(self.close_mark)
        return text[inner_start:inner_end].strip()


def brackets(text: str) -> dict[int, int]:
    """Each matched "(" or "[" by index, with the index of its closing partner."""
    pairs: dict[int, int] = {}
    stacks: dict[str, list[int]] = {"(": [], "[": []}
    partner = {")": "(", "]": "["}
    for match in _BRACKET.finditer(text):
        index, char = match.start(), match.group(0)
        if char in stacks:
            stacks[char].append(index)
        elif char in partner and stacks[partner[char]]:
            pairs[stacks[partner[char]].pop()] = index
    return pairs


def quotations(text: str) -> list[Quotation]:
    """The top-level quoted stretches of a paragraph, in straight or curly double marks (single
    ones nest inside them) or in curly single marks. A straight mark opens before a word and
    closes after one; straight marks nested inside a straight quotation are told apart the same
    way. A quotation left open runs to the paragraph's end; a closing mark with nothing open
    before it closes a quotation that began with the paragraph, its opening mark lost."""
    found: list[Quotation] = []
    single_pairs = dict(single_quotes(text)[0])
    depth = 0  # marks of the same kind nested inside the open quotation
    start = -1
    kind = ""
    skip_to = 0
    for match in _QUOTE_MARK.finditer(text):
        index, char = match.start(), match.group(0)
        if index < skip_to:
            continue
        if start < 0:
            if char == "“" or (char == '"' and _opens(text, index)):
                start, kind, depth = index, char, 0
            elif char == "‘" and index in single_pairs:
                skip_to = single_pairs[index] + 1
                found.append(Quotation(index, skip_to, "‘", "’"))
            elif char == '"' and _closes(text, index) and not found:
                found.append(Quotation(0, index + 1, "", '"'))
        elif kind == "“" and (char in "“”" or (char == '"' and _closes(text, index))):
            if char == "“":
                depth += 1
            elif depth:
                depth -= 1
            else:  # "…" closed by ” or, in mixed typography, by "
                found.append(Quotation(start, index + 1, "“", char))
                start = -1
        elif kind == '"' and char == "”" and not depth:
            found.append(Quotation(start, index + 1, '"', "”"))
            start = -1
        elif kind == '"' and char == '"':
            if _opens(text, index) and not _closes(text, index):
                depth += 1
            elif depth:
                depth -= 1
            else:
                found.append(Quotation(start, index + 1, '"', '"'))
                start = -1
    if start >= 0:
        found.append(Quotation(start, len(text), kind, ""))
    return found


def _opens(text: str, index: int) -> bool:
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    if after.isspace():
        return False
    # said Pearce."Religious: a space lost after a full stop still opens a quotation
    return before in _STRAIGHT_OPENS_AFTER or (before in ".,;:!?" and after.isalnum())


def _closes(text: str, index: int) -> bool:
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or after in ".,;:!?)]—–-*”’")


def sentences(
    text: str, protected: list[tuple[int, int]], bracket_pairs: dict[int, int] | None = None
) -> list[tuple[int, int]]:
    """The sentences of a paragraph as (start, end) spans that cover it. A sentence ends at
    . ! or ? (with its closing marks and note numbers, "killed.[1]") before a capital, a digit
    or an opening mark; never after an abbreviation or an initial, and never inside a
    `protected` stretch (brackets, quotations) unless the stretch itself ends there ("...
    fled." Then). A parenthesis standing after a full stop ("…in Jos. (AFP, 2 June 2020)")
    belongs to the sentence before it. `bracket_pairs`: `brackets(text)`, when known."""
    inside = [0] * (len(text) + 2)
    for start, end in protected:
        inside[start + 1] += 1
        inside[max(start + 1, end)] -= 1
    depth = list(accumulate(inside))  # how many protected stretches each index is inside
    bracket_pairs = brackets(text) if bracket_pairs is None else bracket_pairs
    spans: list[tuple[int, int]] = []
    start = reached = 0
    for match in _STOP.finditer(text):
        index = match.start()
        if index < reached or _abbreviation(text, index):
            continue
        end = _sentence_end(text, index)
        reached = end
        if depth[end] != 0:
            continue  # still inside a bracket or a quotation
        end = _trailing_parentheses(text, end, bracket_pairs)
        if _next_starts_sentence(text, end):
            spans.append((start, end))
            start = reached = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _abbreviation(text: str, index: int) -> bool:
    if text[index] != ".":
        return False
    # The word before the full stop; a word longer than any abbreviation need not be read.
    word_start = max(text.rfind(" ", max(0, index - 12), index), index - 12) + 1
    word = text[max(0, word_start) : index].lstrip(_OPENERS).lower()
    if word in ABBREVIATIONS:
        return True
    # An initial ("J. Smith") or the dots inside an abbreviation ("U.S."): not an end.
    single = len(word) == 1 and word.isalpha()
    return single or (index + 1 < len(text) and text[index + 1].isalpha())


def _sentence_end(text: str, index: int) -> int:
    end = index + 1
    while end < len(text) and text[end] in ".!?" + _CLOSERS:
        if text[end] == '"' and _opens(text, end):
            break  # said Pearce."Religious: that mark opens the next sentence
        end += 1
    while end < len(text) and text[end] == "[":  # note marks: killed.[1][2]
        close = text.find("]", end, end + 8)
        if close < 0 or not text[end + 1 : close].lstrip("^").isdigit():
            break
        end = close + 1
    return end


def _trailing_parentheses(text: str, end: int, pairs: dict[int, int]) -> int:
    """Past parentheses that follow a full stop and are not sentences themselves ("(L.M.)",
    "(AFP, 2 June 2020)"; "(See the map below.)" is one)."""
    while True:
        at = end
        while at < len(text) and text[at] == " ":
            at += 1
        close = pairs.get(at) if at < len(text) and text[at] == "(" else None
        if close is None:
            return end
        inside = text[at + 1 : close]
        if inside.endswith((".", "!", "?")) and len(inside.split()) >= 2:
            return end
        end = close + 1


def _next_starts_sentence(text: str, end: int) -> bool:
    if end >= len(text):
        return True
    if not text[end].isspace():
        # "...said Pearce."Religious: a quotation opened without a space
        return text[end] in '"“‘' and end + 1 < len(text) and text[end + 1].isupper()
    at = end
    while at < len(text) and text[at].isspace():
        at += 1
    if at >= len(text):
        return True
    first = text[at]
    if first in _OPENERS and at + 1 < len(text):
        first = text[at + 1]
    return first.isupper() or first.isdigit() or first in _OPENERS
