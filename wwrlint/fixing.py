"""Fixes as edits of a brief's text: placing them when a finding is placed, and applying
them, so every byte a fix does not touch stays as it was.

A rule says what a fix changes in the data (characters of a text, or a key's name). When
the finding is placed, that becomes the edits of the file that make it so, written in the
scalar's own style (see `scalars`), or no fix at all when no edit can. `--fix` applies
the edits of the fixes it may apply, every one that does not overlap another, and reads
the result back: the new text must load as the same brief with exactly those changes.
"""

from __future__ import annotations

import bisect
import copy
import re
from dataclasses import dataclass, field
from typing import Any

from wwrlint.blockscalars import folded_reading
from wwrlint.diagnostics import Change, Diagnostic, Edit, Finding, Fix, Pointer, Span
from wwrlint.loading import Document, Written, load, reads_as_text
from wwrlint.scalarmap import ScalarMap, offset_of, position_of
from wwrlint.scalars import scalar_map
from wwrlint.wording import quoted
from wwrlint.yamlio.spans import BREAKS
from wwrlint.yamlio.write import double_quoted


def place(document: Document, finding: Finding, located: Span) -> tuple[Span, Fix | None]:
    """Where a finding is (the characters it is about, when it names them and the text's
    source can show them) and its fix as edits of the file, if any edit makes it."""
    fix = finding.fix
    if fix is None and finding.stands_for is not None and finding.anchor == "key":
        fix = _rename(finding.pointer, finding.stands_for)
    key = fix is not None and fix.on_key
    renamed = None
    if fix is not None and key:
        if not _in_order(str(finding.pointer[-1]), fix.changes):
            return located, None
        renamed = _changed(str(finding.pointer[-1]), fix.changes)
    node = _written_at(document, finding.pointer, located, renamed)
    if fix is not None and node is not None and (key or finding.at is None):
        edit = _plain_whole(document.text, node, fix.changes)
        if edit is not None:
            return located, Fix(fix.description, fix.applicability, fix.changes, (edit,), key)
    found = scalar_map(document.text, node) if node is not None else None
    span = located
    if finding.at is not None and found is not None and not key:
        where = found.source_range(*finding.at)
        if where is not None:
            span = _span(document.text, *where)
    if fix is None or found is None:
        return span, None
    edits = _edits(document.text, found, fix.changes, fix.on_key)
    if not edits:
        return span, None
    return span, Fix(fix.description, fix.applicability, fix.changes, edits, fix.on_key)


def _rename(pointer: Pointer, meant: Pointer) -> Fix | None:
    """An unknown key that is a typo of a known one: renaming it is a guess."""
    old, new = pointer[-1], meant[-1]
    if not isinstance(old, str) or not isinstance(new, str) or pointer[:-1] != meant[:-1]:
        return None
    change = (Change(0, len(old), new),)
    return Fix(f"rename {quoted(old)} to {quoted(new)}", "unsafe", change, on_key=True)


def _plain_whole(text: str, scalar: Written, changes: tuple[Change, ...]) -> Edit | None:
    """The edit that writes a plain scalar on one line anew, as a whole, when what it
    becomes is a plain word too (a misspelt key renamed, a date in words written as
    YYYY-MM-DD: most fixes of large briefs), made at once; None for any other, which
    `_edits` makes through the scalar's map (ten times the cost, for the same edit)."""
    span, old = scalar.span, scalar.value
    if (
        scalar.style
        or not old
        or len(changes) != 1
        or (changes[0].start, changes[0].end) != (0, len(old))
        or span.end_line != span.line
        or span.end_column - span.column != len(old)
        or not _PLAIN_WORD.fullmatch(new := changes[0].content)
        or not reads_as_text(new)
    ):
        return None
    start = offset_of(text, span.line - 1, span.column - 1)
    return Edit(span, new) if text[start : start + len(old)] == old else None


# What a plain scalar writes as itself, as a key or as a value, wherever it stands.
_PLAIN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def _written_at(
    document: Document, pointer: Pointer, located: Span, renamed: str | None
) -> Written | None:
    """The scalar the finding is about (the key, when the fix renames it to `renamed`),
    when it is written where the finding is placed: not reached through an alias, which an
    edit there would not change alone; else None."""
    if renamed is not None:
        if document.key_at((*pointer[:-1], renamed)) is not None:
            return None  # the meant key is there already
        scalar = document.key_at(pointer)
    else:
        scalar = document.scalar_at(pointer)
    if scalar is None:
        return None
    start = (scalar.span.line, scalar.span.column)
    return scalar if start == (located.line, located.column) else None


def _edits(
    text: str, found: ScalarMap, changes: tuple[Change, ...], on_key: bool
) -> tuple[Edit, ...]:
    """The source edits that make the scalar read with these changes, or none. The new
    text as a whole is made only where it decides something, so that many fixes in one
    long text cost what their changes cost."""
    old = found.value
    if not _in_order(old, changes):
        return ()
    if on_key and len(changes) == 1:
        change = changes[0]
        if change.start == 0 and change.end == len(old) and not change.content:
            return ()  # a key is not erased
    joins = found.style == "|" and any("\n" in old[c.start : c.end] for c in changes)
    if joins and folded_reading(text, found) == _changed(old, changes):
        # A literal block whose lines only join: `>` for `|` keeps its lines.
        return (Edit(_span(text, found.start, found.start + 1), ">"),)
    if not found.style and not _surely_text(old, changes):
        new = _changed(old, changes)
        if not reads_as_text(new):  # a number, a boolean or null, written plain
            return _whole(text, found, new)
    pieces = []
    for change in changes:
        where = found.source_range(change.start, change.end)
        written = found.write(text, change.content, *where) if where is not None else None
        if where is None or written is None:
            return _whole(text, found, _changed(old, changes))
        pieces.append((*where, written))
    if len(pieces) > _MANY:
        # Many places in one text: one edit from the first to the last, with the source
        # between them as it was.
        out, at = [], pieces[0][0]
        for start, end, written in pieces:
            out += [text[at:start], written]
            at = end
        return (Edit(_span(text, pieces[0][0], at), "".join(out)),)
    return tuple(Edit(_span(text, start, end), written) for start, end, written in pieces)


# More edits than this in one text are given as one.
_MANY = 16


# What a plain scalar that reads as a number, a boolean or null can hold.
_NOT_TEXT = frozenset("0123456789abcdefABCDEFoxinINlLuUrRsStT.+-_~")


def _surely_text(old: str, changes: tuple[Change, ...]) -> bool:
    """Whether a plain text stays text after the changes, seen without making it: it
    keeps one of its first characters that no number, boolean or null holds."""
    at = 0
    for change in changes:
        if at >= 64:
            return False
        if not _NOT_TEXT.issuperset(old[at : min(change.start, 64)]):
            return True
        at = max(at, change.end)
    return at < 64 and not _NOT_TEXT.issuperset(old[at:64])


def _whole(text: str, found: ScalarMap, new: str) -> tuple[Edit, ...]:
    """The whole scalar written again, double-quoted, where its own style cannot hold the
    change; a block keeps the line break that ends it, where the next line starts."""
    written = double_quoted(new)
    if found.style in ("|", ">"):
        header = BREAKS.search(text, found.start, found.end)
        if "#" in text[found.start : header.start() if header else found.end]:
            return ()  # the comment after the indicator would go with it
        ending = BREAKS.search(text, max(found.start, found.end - 2), found.end)
        if ending is None and found.end < len(text):
            return ()
        written += ending.group(0) if ending is not None else ""
    return (Edit(_span(text, found.start, found.end), written),)


def _in_order(value: str, changes: tuple[Change, ...]) -> bool:
    """Whether the changes lie in the text, in order, none overlapping the next."""
    at = 0
    for change in changes:
        if not at <= change.start <= change.end <= len(value):
            return False
        at = change.end
    return True


def _changed(value: str, changes: tuple[Change, ...]) -> str:
    """The value with the changes (in order, see `_in_order`) made."""
    out, at = [], 0
    for change in changes:
        out += [value[at : change.start], change.content]
        at = change.end
    return "".join(out) + value[at:]


def _span(text: str, start: int, end: int) -> Span:
    return Span(*position_of(text, start), *position_of(text, end))


# --- applying -------------------------------------------------------------------------------


@dataclass
class Applied:
    """What one pass of fixing made: the new text, the findings whose fixes it applied,
    and those whose fixes did not read back as meant (a wwrlint bug, reported)."""

    text: str
    fixed: list[Diagnostic] = field(default_factory=list)
    failed: list[Diagnostic] = field(default_factory=list)
    # The new text as it was loaded to read the fixes back (the next pass checks it).
    document: Document | None = None


def apply_fixes(
    document: Document, diagnostics: list[Diagnostic], unsafe_fixes: bool = False
) -> Applied:
    """The text with every fix the run may apply that overlaps no fix taken before it.

    Fixes that overlap one taken are left for the next pass, which finds them again.
    """
    text = document.text
    taken = _Taken()
    chosen: list[tuple[Diagnostic, list[tuple[int, int, str]]]] = []
    for diagnostic in diagnostics:
        fix = diagnostic.fix
        if fix is None or diagnostic.pointer is None or not fix.applies(unsafe_fixes):
            continue
        edits = [_range(text, edit) for edit in fix.edits]
        if taken.free(edits):
            taken.add(edits)
            chosen.append((diagnostic, edits))
    if not chosen:
        return Applied(text)
    good, reread = _verified(document, chosen)
    made = {id(d) for d, _ in good}
    failed = [d for d, _ in chosen if id(d) not in made]
    new = _edited(text, good) if good else text
    return Applied(new, [d for d, _ in good], failed, reread)


def _range(text: str, edit: Edit) -> tuple[int, int, str]:
    span = edit.span
    start = offset_of(text, span.line - 1, span.column - 1)
    return start, offset_of(text, span.end_line - 1, span.end_column - 1), edit.content


class _Taken:
    """The source ranges already edited, kept sorted, to find overlaps in log time."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def free(self, edits: list[tuple[int, int, str]]) -> bool:
        for start, end, _ in edits:
            index = bisect.bisect_right(self.starts, start)
            before = index - 1
            # Two insertions at one place, or a range that meets a taken one inside.
            if before >= 0 and (self.ends[before] > start or self.starts[before] == start):
                return False
            if index < len(self.starts) and self.starts[index] < max(end, start + 1):
                return False
        return True

    def add(self, edits: list[tuple[int, int, str]]) -> None:
        for start, end, _ in edits:
            index = bisect.bisect_right(self.starts, start)
            self.starts.insert(index, start)
            self.ends.insert(index, end)


_Chosen = list[tuple[Diagnostic, list[tuple[int, int, str]]]]


def _edited(text: str, chosen: _Chosen) -> str:
    edits = sorted((edit for _, edits in chosen for edit in edits), key=lambda e: (e[0], e[1]))
    out, at = [], 0
    for start, end, content in edits:
        out += [text[at:start], content]
        at = end
    return "".join(out) + text[at:]


def _verified(document: Document, chosen: _Chosen) -> tuple[_Chosen, Document | None]:
    """The fixes that read back as meant, together: all of them, or (when some do not,
    which is a bug) as many as halving the set keeps; with the text they make, loaded."""
    reread = _reads_back(document, chosen)
    if reread is not None:
        return chosen, reread
    if len(chosen) == 1:
        return [], None
    half = len(chosen) // 2
    left, left_read = _verified(document, chosen[:half])
    right, _ = _verified(document, chosen[half:])
    both = _reads_back(document, left + right) if right else None
    return (left + right, both) if both is not None else (left, left_read)


def _reads_back(document: Document, chosen: _Chosen) -> Document | None:
    """The text with these edits, loaded, when it loads as the brief with just their
    changes; else None."""
    # Changes count from the text as it was: those of one text are made together.
    grouped: dict[tuple[Pointer, bool], list[Change]] = {}
    for diagnostic, _ in chosen:
        assert diagnostic.fix is not None
        assert diagnostic.pointer is not None
        key = (diagnostic.pointer, diagnostic.fix.on_key)
        grouped.setdefault(key, []).extend(diagnostic.fix.changes)
    # Held in a list, so that a pointer to the top (a file of one text) has a parent too.
    expected = [copy.deepcopy(document.data)]
    for (pointer, on_key), changes in grouped.items():
        if not _expect(expected, (0, *pointer), tuple(changes), on_key):
            return None
    reread = load(document.path, _edited(document.text, chosen).encode("utf-8"))
    fine = reread.readable and len(reread.problems) == len(document.problems)
    return reread if fine and [reread.data] == expected else None


def _expect(data: Any, pointer: Pointer, changes: tuple[Change, ...], on_key: bool) -> bool:
    """Make the changes in the data; False when the pointer does not lead to text."""
    try:
        for step in pointer[:-1]:
            data = data[step]
        last = pointer[-1]
        old = last if on_key else data[last]
    except (KeyError, IndexError, TypeError):
        return False
    changes = tuple(sorted(changes, key=lambda c: (c.start, c.end)))
    if not isinstance(old, str) or not _in_order(old, changes):
        return False
    new = _changed(old, changes)
    if not on_key:
        data[last] = new
        return True
    if not isinstance(data, dict) or new in data:
        return False
    entries = [(new if name == last else name, value) for name, value in data.items()]
    data.clear()
    data.update(entries)
    return True


def unified_diff(path: str, before: str, after: str) -> str:
    import difflib  # only for --diff

    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"a/{path}",
            tofile=f"b/{path}",
        )
    )
