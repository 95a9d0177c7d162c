"""Globs matched without backtracking, in time linear in the path: configuration globs and
the patterns of `.gitignore` files.

The language is git's: `*` matches within a folder name, `?` one character but `/`,
`[...]` one character of a set (`[!...]` or `[^...]` one not in it; ranges and the POSIX
classes such as `[[:digit:]]`; never `/`), a backslash makes the next character literal,
and `**/` matches any number of whole folders. A pattern without a slash (leading or inner)
matches a file or folder name at any depth. `**` anywhere else matches anything at all in
a configuration glob, and is a plain `*` in a `.gitignore`, as git has it.

A regular expression with several stars backtracks: `*a*a*a*a*a*a*a*a*a*a*b` against a long
name, or ten `**/` in a row against a deep path, took tens of seconds. Here a pattern is a
list of tokens run as a nondeterministic automaton whose set of states is one integer
(a bit per state), so each character of the path costs a few integer operations over the
pattern's length, never a retry; the sets met are remembered as the states of a
deterministic automaton, so matching many paths against one pattern costs about one
dictionary lookup per character. Many patterns (a whole `.gitignore`) run as one automaton,
each with its own final state.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache


class Wild(enum.Enum):
    ONE = "?"  # one character, not "/"
    STAR = "*"  # any characters within a folder name: [^/]*
    ANY = "**"  # any characters at all: .*
    FOLDERS = "**/"  # nothing, or anything that ends with "/": (?:.*/)?


ONE, STAR, ANY, FOLDERS = Wild.ONE, Wild.STAR, Wild.ANY, Wild.FOLDERS

_POSIX: dict[str, Callable[[str], bool]] = {
    "alnum": str.isalnum,
    "alpha": str.isalpha,
    "blank": lambda c: c in " \t",
    "cntrl": lambda c: ord(c) < 32 or ord(c) == 127,
    "digit": lambda c: "0" <= c <= "9",
    "graph": lambda c: c.isprintable() and not c.isspace(),
    "lower": str.islower,
    "print": str.isprintable,
    "punct": lambda c: c.isascii() and c.isprintable() and not c.isalnum() and c != " ",
    "space": str.isspace,
    "upper": str.isupper,
    "xdigit": lambda c: c in "0123456789abcdefABCDEF",
}


@dataclass(frozen=True)
class Chars:
    """`[...]`: one character of a set (or, negated, one not in it), never `/`."""

    negated: bool
    singles: frozenset[str]
    ranges: tuple[tuple[str, str], ...] = ()
    classes: tuple[str, ...] = ()

    def __contains__(self, character: str) -> bool:
        if character == "/":
            return False
        found = (
            character in self.singles
            or any(low <= character <= high for low, high in self.ranges)
            or any(_POSIX[name](character) for name in self.classes)
        )
        return found is not self.negated


_NOTHING = Chars(negated=False, singles=frozenset())

Token = str | Wild | Chars  # a literal is the character itself (a one-character string)

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

# The bits of remembered steps and of the per-character masks kept per automaton: past
# these, sets and masks are computed afresh (still linear, only slower), so that a hostile
# pattern cannot fill the memory.
MAX_STEP_BITS = 1 << 26
MAX_MASK_BITS = 1 << 26


def tokens(pattern: str, git: bool = False) -> tuple[Token, ...]:
    """The pattern as tokens, with the leading `**/` of a pattern that has no slash and
    with runs of wildcards collapsed. `git`: a pattern of a `.gitignore`, without the slash
    that ends a folders-only pattern; `**` not next to a slash is then a `*`."""
    if git:  # one slash at the start anchors the pattern (a slash at the end is taken off)
        anchored, text = "/" in pattern, pattern.removeprefix("/")
    else:
        anchored, text = "/" in pattern.rstrip("/"), pattern.strip("/")
    found: list[Token] = [] if anchored else [FOLDERS]
    index = 0
    while index < len(text):
        token: Token
        if text.startswith("**/", index) and (not git or index == 0 or text[index - 1] == "/"):
            token, index = FOLDERS, index + 3
        elif text.startswith("**", index):
            whole = index + 2 == len(text) and (index == 0 or text[index - 1] == "/")
            token, index = (STAR if git and not whole else ANY), index + 2
        elif text[index] == "*":
            token, index = STAR, index + 1
        elif text[index] == "?":
            token, index = ONE, index + 1
        elif text[index] == "[" and (chars := _chars(text, index)) is not None:
            token, index = chars
        elif text[index] == "[" and git:
            # Unclosed: git's wildmatch gives up on the whole pattern, which matches nothing.
            token, index = _NOTHING, len(text)
        elif text[index] == "\\" and index + 1 < len(text):
            token, index = text[index + 1], index + 2
        else:
            token, index = text[index], index + 1
        found.append(token)
        while len(found) >= 2 and (pair := (found[-2], found[-1])) in _COLLAPSE:
            found[-2:] = [_COLLAPSE[pair]]
    return tuple(found)


def _chars(text: str, start: int) -> tuple[Chars, int] | None:
    """The set that starts at `text[start]` ("["), and the index after it; None when it
    is not closed."""
    index = start + 1
    negated = index < len(text) and text[index] in "!^"
    index += negated
    singles: set[str] = set()
    ranges: list[tuple[str, str]] = []
    classes: list[str] = []
    first = True
    while index < len(text):
        character = text[index]
        if character == "]" and not first:
            return Chars(negated, frozenset(singles), tuple(ranges), tuple(classes)), index + 1
        first = False
        if character == "[" and text.startswith("[:", index):
            end = text.find(":]", index + 2)
            if end != -1 and text[index + 2 : end] in _POSIX:
                classes.append(text[index + 2 : end])
                index = end + 2
                continue
        if character == "\\" and index + 1 < len(text):
            index += 1
            character = text[index]
        if text.startswith("-", index + 1) and index + 2 < len(text) and text[index + 2] != "]":
            high, index = text[index + 2], index + 3
            if high == "\\" and index < len(text):
                high, index = text[index], index + 1
            ranges.append((character, high))
            continue
        singles.add(character)
        index += 1
    return None


@dataclass(eq=False, repr=False)
class _Automaton:
    """The states of patterns as bits: one per token (about to match that token), one
    more inside each `**/` (within the folder names it is passing over), and one after
    each pattern for the pattern matched."""

    size: int
    # Where each literal character stands (bit numbers), for the masks built from them.
    literals: dict[str, list[int]]
    # Where each `[...]` stands.
    sets: list[tuple[int, Chars]]
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
    # The final bit of each pattern, in the patterns' order.
    finals: tuple[int, ...]
    start: int = 0
    masks: dict[str, int] = field(default_factory=dict)
    steps: dict[tuple[int, str], int] = field(default_factory=dict)

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
            bits = list(self.literals.get(character, ()))
            bits += [bit for bit, chars in self.sets if character in chars]
            mask = _bits(bits, self.size)
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
        if self.size * (len(self.steps) + 1) <= MAX_STEP_BITS:
            self.steps[states, character] = moved
        return moved

    def run(self, path: str, stop_at_folder: bool = False) -> int:
        """The states after reading `path`. `stop_at_folder`: stop where a folder name
        ends and the (single) pattern has matched, the states then."""
        states, steps = self.start, self.steps
        final = self.finals[0] if stop_at_folder else 0
        for character in path:
            if character == "/" and states & final:
                return states
            known = steps.get((states, character))
            states = self.step(states, character) if known is None else known
            if not states:
                return 0
        return states


def _bits(numbers: Iterable[int], size: int) -> int:
    """An integer with the given bits set, built in one pass (OR-ing bit by bit into a
    long integer would cost the integer's length each time)."""
    digits = bytearray(b"0") * size
    for number in numbers:
        digits[size - 1 - number] = ord("1")
    return int(digits, 2) if size else 0


def _build(patterns: Sequence[tuple[Token, ...]]) -> _Automaton:
    bit = 0
    literals: dict[str, list[int]] = {}
    sets: list[tuple[int, Chars]] = []
    kinds: dict[Wild, list[int]] = {kind: [] for kind in Wild}
    firsts, finals = [], []
    for pattern in patterns:
        firsts.append(bit)
        for token in pattern:
            if isinstance(token, Wild):
                kinds[token].append(bit)
            elif isinstance(token, Chars):
                sets.append((bit, token))
            else:
                literals.setdefault(token, []).append(bit)
            bit += 2 if token is FOLDERS else 1  # `**/` has its own bit and its inside bit
        finals.append(bit)
        bit += 1  # the final bit: no move leaves it, so patterns side by side stay apart
    size = bit
    one, stars, anys, folders = (_bits(kinds[kind], size) for kind in Wild)
    automaton = _Automaton(
        size=size,
        literals=literals,
        sets=sets,
        advance_other=one | folders,
        stay_other=stars | anys | (folders << 1),
        stay_slash=anys | folders,
        inside=folders << 1,
        skip_one=stars | anys,
        skip_two=folders,
        finals=tuple(1 << final for final in finals),
    )
    automaton.start = automaton.closure(_bits(firsts, size))
    return automaton


@cache
def _automaton(pattern: str) -> _Automaton:
    return _build([tokens(pattern)])


def glob_matches(pattern: str, relative_path: str) -> bool:
    """Whether a path (relative, with forward slashes) or one of the folders it lies in
    matches the configuration glob."""
    automaton = _automaton(pattern)
    return bool(automaton.run(relative_path, stop_at_folder=True) & automaton.finals[0])


class Patterns:
    """Many git patterns as one automaton: the last of them that matches a whole path
    (as a `.gitignore` has it: the last match decides)."""

    def __init__(self, patterns: Sequence[str], folders_only: Sequence[bool]) -> None:
        self._automaton = _build([tokens(pattern, git=True) for pattern in patterns])
        finals = self._automaton.finals
        self._index = {final.bit_length() - 1: index for index, final in enumerate(finals)}
        self._any = _bits(self._index, self._automaton.size)
        self._files = _bits(
            (bit for bit, index in self._index.items() if not folders_only[index]),
            self._automaton.size,
        )

    def last_match(self, relative_path: str, is_folder: bool) -> int | None:
        """The index of the last pattern that matches the path (relative, forward
        slashes), patterns for folders only left out when it is a file; None if none."""
        states = self._automaton.run(relative_path)
        hits = states & (self._any if is_folder else self._files)
        return self._index[hits.bit_length() - 1] if hits else None
