"""Configuration globs matched without backtracking, in time linear in the path.

The language is gitignore-like: `*` matches within a folder name, `?` one character but
`/`, `**/` any number of whole folders, `**` elsewhere anything at all; a pattern without
a slash (leading or inner) matches a file or folder name at any depth, and a pattern that
matches a folder matches everything below it.

A regular expression with several stars backtracks: `*a*a*a*a*a*a*a*a*a*a*b` against a long
name, or ten `**/` in a row against a deep path, took tens of seconds. Here a pattern is a
list of tokens run as a nondeterministic automaton whose set of states is one integer
(a bit per state), so each character of the path costs a few integer operations over the
pattern's length, never a retry; the sets met are remembered as the states of a
deterministic automaton, so matching many paths against one pattern costs about one
dictionary lookup per character.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

# Tokens. A literal is the character itself (a one-character string); the rest:
ONE = "?"  # one character, not "/"
STAR = "*"  # any characters within a folder name: [^/]*
ANY = "**"  # any characters at all: .*
FOLDERS = "**/"  # nothing, or anything that ends with "/": (?:.*/)?
_WILD = frozenset({ONE, STAR, ANY, FOLDERS})

# Two wildcards in a row that match exactly what one of them matches. Collapsing them keeps
# every run of wildcards at most two long ("*" then "**/"), so the states that one
# character can lead to are found in two rounds.
_COLLAPSE = {
    (STAR, STAR): STAR,
    (ANY, STAR): ANY,
    (ANY, ANY): ANY,
    (ANY, FOLDERS): ANY,
    (STAR, ANY): ANY,
    (FOLDERS, ANY): ANY,
    (FOLDERS, FOLDERS): FOLDERS,
    # (?:.*/)?[^/]* is .*: up to the last slash, then the rest of the name.
    (FOLDERS, STAR): ANY,
}

# The steps remembered per pattern, the longest pattern (in states) whose steps are
# remembered at all, and the bits of the per-character masks kept: past these, sets and
# masks are computed afresh (still linear, only slower), so that a hostile pattern
# cannot fill the memory.
MAX_STEPS = 4096
MAX_REMEMBERED_STATES = 1024
MAX_MASK_BITS = 1 << 26


def tokens(pattern: str) -> tuple[str, ...]:
    """The pattern as tokens, with the leading `**/` of a pattern that has no slash and
    with runs of wildcards collapsed."""
    anchored = "/" in pattern.rstrip("/")
    text = pattern.strip("/")
    found: list[str] = [] if anchored else [FOLDERS]
    index = 0
    while index < len(text):
        if text.startswith("**/", index):
            token, index = FOLDERS, index + 3
        elif text.startswith("**", index):
            token, index = ANY, index + 2
        else:
            token, index = text[index], index + 1
        found.append(token)
        while len(found) >= 2 and (found[-2], found[-1]) in _COLLAPSE:
            found[-2:] = [_COLLAPSE[found[-2], found[-1]]]
    return tuple(found)


@dataclass
class _Automaton:
    """The states of a pattern as bits: one per token (about to match that token), one
    more inside each `**/` (within the folder names it is passing over), and the last
    bit for the whole pattern matched."""

    size: int
    # Where each literal character stands (bit numbers), for the masks built from them.
    literals: dict[str, list[int]]
    # Character-consuming moves by one bit up: `?` (not on "/") to the next token, `**/`
    # on a character but "/" to its inside bit; literals by their own character.
    advance_other: int
    # Moves that stay: `*` and the inside of `**/` on any character but "/", `**` on any,
    # and `**/` itself on "/" (a string of folders may end at any "/").
    stay_other: int
    stay_slash: int
    # Inside a `**/`, a "/" ends a folder name: back to the `**/` bit, one below.
    inside: int
    # Moves that take no character: past `*` and `**` (one bit up), past `**/` (two).
    skip_one: int
    skip_two: int
    start: int = 0
    masks: dict[str, int] = field(default_factory=dict)
    steps: dict[tuple[int, str], int] = field(default_factory=dict)

    @property
    def final(self) -> int:
        return 1 << (self.size - 1)

    def closure(self, states: int) -> int:
        while True:
            more = states | ((states & self.skip_one) << 1) | ((states & self.skip_two) << 2)
            if more == states:
                return states
            states = more

    def advance(self, character: str) -> int:
        """The bits that a character moves one up."""
        mask = self.masks.get(character)
        if mask is None:
            mask = _bits(self.literals.get(character, ()), self.size)
            if character != "/":
                mask |= self.advance_other
            if self.size * (len(self.masks) + 1) <= MAX_MASK_BITS:
                self.masks[character] = mask
        return mask

    def step(self, states: int, character: str) -> int:
        known = self.steps.get((states, character))
        if known is not None:
            return known
        moved = (states & self.advance(character)) << 1
        if character == "/":
            moved |= (states & self.stay_slash) | ((states & self.inside) >> 1)
        else:
            moved |= states & self.stay_other
        moved = self.closure(moved)
        if len(self.steps) < MAX_STEPS and self.size <= MAX_REMEMBERED_STATES:
            self.steps[states, character] = moved
        return moved


def _bits(numbers: Iterable[int], size: int) -> int:
    """An integer with the given bits set, built in one pass (OR-ing bit by bit into a
    long integer would cost the integer's length each time)."""
    digits = bytearray(b"0") * size
    for number in numbers:
        digits[size - 1 - number] = ord("1")
    return int(digits, 2) if size else 0


@cache
def _automaton(pattern: str) -> _Automaton:
    bit = 0
    literals: dict[str, list[int]] = {}
    kinds: dict[str, list[int]] = {ONE: [], STAR: [], ANY: [], FOLDERS: []}
    for token in tokens(pattern):
        if token in _WILD:
            kinds[token].append(bit)
        else:
            literals.setdefault(token, []).append(bit)
        bit += 2 if token == FOLDERS else 1  # `**/` has its own bit and its inside bit
    size = bit + 1
    one, stars, anys, folders = (_bits(kinds[kind], size) for kind in (ONE, STAR, ANY, FOLDERS))
    automaton = _Automaton(
        size=size,
        literals=literals,
        advance_other=one | folders,
        stay_other=stars | anys | (folders << 1),
        stay_slash=anys | folders,
        inside=folders << 1,
        skip_one=stars | anys,
        skip_two=folders,
    )
    automaton.start = automaton.closure(1)
    return automaton


def glob_matches(pattern: str, relative_path: str) -> bool:
    """Whether a path (relative, with forward slashes) or one of the folders it lies in
    matches the glob."""
    automaton = _automaton(pattern)
    states, final, steps = automaton.start, automaton.final, automaton.steps
    for character in relative_path:
        # The pattern may end where a folder name ends: everything below it matches.
        if character == "/" and states & final:
            return True
        known = steps.get((states, character))
        states = automaton.step(states, character) if known is None else known
        if not states:
            return False
    return bool(states & final)
