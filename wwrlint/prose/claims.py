"""One sentence as body items: an assessment when it cites nothing, else one claim per part
of the sentence that a citation backs, each part remembering where its citation stood and
how it was printed, so that render can put it back.

"As WWR has stated before (e.g. WWR, 18 October 2021), radical groups … have been
emboldened by this victory and one TTP emir even said that … (Long War Journal, 15 December
2021)." is two claims: the first backed by WWR (its citation after "As WWR has stated
before"), the second ("and one TTP emir …", continuing the sentence) by Long War Journal.
"""

from __future__ import annotations

from typing import Any

from wwrlint.prose.citations import Group, bare_allowed, note_marks, parenthesis_citations
from wwrlint.prose.mentions import mentions
from wwrlint.prose.names import Word
from wwrlint.prose.registry import Registry
from wwrlint.prose.scan import brackets
from wwrlint.prose.style import citation_point, default_citation
from wwrlint.prose.text import Link

_CONJUNCTIONS = (" and ", " but ", " while ", " whereas ", "; ")
# No sentence of real prose is this long; a longer one (a text without full stops) is read
# for its parentheses and notes only, so that its cost stays that of one pass.
LONGEST = 400


def readable(sentence: str) -> bool:
    """Whether a sentence is short enough to be read for citations in its own words."""
    return sentence.count(" ") < LONGEST


def sentence_items(
    sentence: str,
    registry: Registry,
    notes: dict[str, str],
    first: bool = False,
    links: tuple[Link, ...] = (),
    items: list[Word] | None = None,
) -> list[dict[str, Any]]:
    """The items of one sentence. `first`: it opens its paragraph (a dateline may cite by a
    name alone); `links`: Markdown links, at positions in the sentence; `items`: its words,
    when the caller has them."""
    groups = citation_groups(sentence, notes, first)
    cited = {c.publisher for group in groups for c in group.citations}
    named = [
        m
        for m in (mentions(sentence, registry.names(), items=items) if readable(sentence) else [])
        if m.citation.publisher not in cited and not any(g.start <= m.start < g.end for g in groups)
    ]
    if not readable(sentence):
        registry.unread += 1
    if not groups and not named:
        return [{"assessment": sentence}]
    text, points, removed = _without(sentence, groups)
    bounds = _bounds(text, points)
    made: list[dict[str, Any]] = []
    carried: list[str] = []  # sources of a part left with no words of its own
    for index in range(len(bounds) - 1):
        raw = text[bounds[index] : bounds[index + 1]]
        part = raw.strip()
        group = groups[index] if groups else None
        ids = (
            carried
            + [registry.source_id(c, _link(links, group.start, group.end)) for c in group.citations]
            if group
            else list(carried)
        )
        carried = []
        low, high = bounds[index], bounds[index + 1]
        words_ids = [
            registry.source_id(m.citation, _link(links, m.start, m.end))
            for m in named
            if low <= m.start - removed(m.start) < high or (not groups and index == 0)
        ]
        if not part:
            carried = ids + words_ids
            continue
        item: dict[str, Any] = {"claim": part, "sources": list(dict.fromkeys(ids + words_ids))}
        citation: dict[str, Any] = {}
        if group is not None:
            point = points[index] - bounds[index] - (len(raw) - len(raw.lstrip()))
            citation.update(
                _printing(sentence[group.start : group.end], part, point, ids, registry)
            )
        in_words = [i for i in dict.fromkeys(words_ids) if i not in ids]
        if in_words:
            citation["in-words"] = in_words
        if citation:
            item["citation"] = citation
        if made:
            item["continues"] = True
        made.append(item)
    if carried and made:
        made[-1]["sources"] = list(dict.fromkeys(made[-1]["sources"] + carried))
    return made or [{"assessment": sentence}]


def citation_groups(sentence: str, notes: dict[str, str], first: bool) -> list[Group]:
    """The parentheses and note marks in a sentence that cite, in order; a parenthesis left
    open ("(see Fides, 27/3/2019.") runs to the sentence's final punctuation."""
    if "(" not in sentence and "[" not in sentence:
        return []
    pairs = brackets(sentence)
    groups: list[Group] = []
    reach = -1
    for open_at in sorted(pairs):
        close_at = pairs[open_at]
        if sentence[open_at] != "(" or open_at < reach:
            continue
        reach = close_at
        allowed = bare_allowed(sentence, open_at, close_at + 1, dateline=first)
        found = parenthesis_citations(sentence[open_at + 1 : close_at], allowed)
        if found:
            groups.append(Group(open_at, close_at + 1, tuple(found)))
    open_at = sentence.find("(")
    while open_at >= 0:
        if open_at not in pairs and not _inside(groups, open_at):
            end = len(sentence.rstrip('.!?"”’ '))
            found = parenthesis_citations(sentence[open_at + 1 : end], False)
            if found:
                groups.append(Group(open_at, end, tuple(found)))
            break
        open_at = sentence.find("(", open_at + 1)
    groups += note_marks(sentence, 0, len(sentence), notes)
    groups.sort(key=lambda group: group.start)
    return _merged(sentence, groups)


def _inside(groups: list[Group], index: int) -> bool:
    return any(group.start <= index < group.end for group in groups)


def _merged(sentence: str, groups: list[Group]) -> list[Group]:
    """Adjacent groups with nothing but spaces between them print together."""
    merged: list[Group] = []
    for group in groups:
        if merged and not sentence[merged[-1].end : group.start].strip():
            last = merged.pop()
            group = Group(last.start, group.end, last.citations + group.citations)
        merged.append(group)
    return merged


def _without(sentence: str, groups: list[Group]) -> tuple[str, list[int], Any]:
    """The sentence without its citation groups (and the space before a parenthesis), where
    each group stood in it, and a function from a sentence index to the characters removed
    before it."""
    pieces: list[str] = []
    points: list[int] = []
    cuts: list[tuple[int, int]] = []  # (sentence index, characters removed up to it)
    position = length = removed = 0
    for group in groups:
        start = group.start
        if sentence[start] == "(" and start > position and sentence[start - 1] == " ":
            start -= 1
        pieces.append(sentence[position:start])
        length += start - position
        points.append(length)
        removed += group.end - start
        cuts.append((group.end, removed))
        position = group.end
    pieces.append(sentence[position:])

    def removed_before(index: int) -> int:
        return next((count for end, count in reversed(cuts) if end <= index), 0)

    return "".join(pieces), points, removed_before


def _bounds(text: str, points: list[int]) -> list[int]:
    """Where the sentence splits between its citations: right after each one (with the comma
    that follows it), or, when a citation frames what follows ("As WWR has stated before
    (…), X and Y (…)"), at the last "and"/"but"/"while" before the next citation."""
    bounds = [0]
    for index in range(len(points) - 1):
        point = points[index]
        bound = point
        while bound < len(text) and text[bound] in ",;:":
            bound += 1
        segment = text[bounds[-1] : point].lstrip().lower()
        if segment.startswith(("as ", "according to ")) and text[point : point + 1] == ",":
            following = text[bound : points[index + 1]]
            conjunction = max(following.rfind(word) for word in _CONJUNCTIONS)
            if conjunction > 0:
                bound += conjunction
        bounds.append(bound)
    bounds.append(len(text))
    return bounds


def _printing(
    printed: str, part: str, point: int, ids: list[str], registry: Registry
) -> dict[str, Any]:
    """How a claim's citation was printed, where that departs from the WWR style."""
    out: dict[str, Any] = {}
    if printed != default_citation([(i, registry.sources[i]) for i in ids]):
        out["written"] = printed
    point = max(0, min(point, len(part)))
    if point == citation_point(part):
        return out
    if point >= len(part):
        out["after-stop"] = True
    else:
        out["after"] = part[:point].rstrip()
    return out


def _link(links: tuple[Link, ...], start: int, end: int) -> str | None:
    return next((link.url for link in links if link.start < end and start < link.end), None)


__all__ = ["citation_groups", "readable", "sentence_items"]
