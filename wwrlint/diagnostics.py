"""The one problem type that flows from loading, validation and rules to the reporters.

The types are named tuples: immutable, hashable and compared field by field, as frozen
dataclasses are, at a third of the cost of making them (every run imports this module
before it checks anything: 5.8 ms as dataclasses, 2 as named tuples). Change one with
`_replace`.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

Severity = Literal["error", "warning"]

# A location inside a brief's data: mapping keys and list indexes from the top,
# e.g. ("sources", "dawn-2022-01-03", "date").
Pointer = tuple[str | int, ...]

# Which part of a mapping entry a finding points at: the value, or the key that names it.
Anchor = Literal["value", "key"]


class Span(NamedTuple):
    """A 1-based region of a file; the end column is exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int


# Whether a fix only mends the form of a text and keeps what it says ("safe": `--fix`
# applies it), or makes a guess an editor should confirm ("unsafe": only `--unsafe-fixes`).
Applicability = Literal["safe", "unsafe"]


class Change(NamedTuple):
    """A change to the brief's data: characters `start` to `end` of the text at the
    finding's pointer (or of its key) become `content`. Offsets count characters of the
    text as read, not as written in the file."""

    start: int
    end: int
    content: str


class Edit(NamedTuple):
    """A change to the file's text: what `span` covers (nothing, for an insertion)
    becomes `content`. Lines and columns as in every span, so that an editor can apply
    it as a text edit."""

    span: Span
    content: str


class Fix(NamedTuple):
    """A repair, applied whole or not at all. A rule says what changes in the data
    (`changes`); placing the finding in the file works out the `edits` that make the file
    read so, and drops the fix when it finds none. `--fix` applies exactly the edits of
    the safe fixes, so what is counted as fixable is what gets fixed."""

    description: str
    applicability: Applicability
    changes: tuple[Change, ...]
    edits: tuple[Edit, ...] = ()
    # The changes rename the key of the entry at the pointer, not its value.
    on_key: bool = False

    def applies(self, unsafe_fixes: bool) -> bool:
        """Whether a run applies this fix: safe ones always, unsafe ones when asked to."""
        return bool(self.edits) and (self.applicability == "safe" or unsafe_fixes)


class Related(NamedTuple):
    """Another place that a finding names, such as the other brief with the same id: its
    file and the place in that file's data, and what it is to the finding. The path is kept
    as data (absolute, once placed) and never written into a message, so that a cached
    result shows it relative to the folder of each run."""

    path: str
    pointer: Pointer | None
    message: str


class Finding(NamedTuple):
    """What a rule found, before it is placed in the file: where in the data, and what."""

    pointer: Pointer
    message: str
    anchor: Anchor = "value"
    # For an unknown key that is a typo of a known one: where the meant key would be, so
    # that "X has no 'sources'" is not reported as well as "unknown key 'source'".
    stands_for: Pointer | None = None
    fix: Fix | None = None
    # The characters of the text at `pointer` the finding is about (start, end offsets of
    # the text as read), when it is about some of them: the finding is placed there.
    at: tuple[int, int] | None = None
    related: tuple[Related, ...] = ()


class Diagnostic(NamedTuple):
    """One problem at one place in one file."""

    path: str
    span: Span
    rule: str
    code: str
    severity: Severity
    message: str
    pointer: Pointer | None = None
    # The text of the diagnostic's first line, for reporters that show it: of a long line,
    # only a window around the column (see `excerpt.context`), starting at `context_column`.
    context: str = ""
    # Identifies the finding without line numbers: the same problem keeps its fingerprint
    # when unrelated lines move (SARIF partialFingerprints, baselines).
    fingerprint: str = ""
    fix: Fix | None = None
    # Other places the finding names, with absolute paths; reporters show them.
    related: tuple[Related, ...] = ()
    context_column: int = 1

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.span.line, self.span.column, self.code, self.message)
