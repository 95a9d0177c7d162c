"""Typography: what prose carried over into a brief's texts. A finding points at the first
offending characters of a text (and says how many more it holds); its fix changes only
those characters, in every place of the text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from wwrlint.brief import Brief
from wwrlint.diagnostics import Change, Finding, Fix
from wwrlint.rules.base import Fixable, Rule
from wwrlint.rules.examples import DAWN, HEAD
from wwrlint.textforms import TYPED_APOSTROPHE, single_quotes
from wwrlint.wording import quoted

# A straight double quote typed where an apostrophe belongs: neighbor"s, don"t, we"ll.
APOSTROPHE = TYPED_APOSTROPHE
_WORD_BEFORE = re.compile(r"\w{1,40}$")
_WORD_AFTER = re.compile(r"\w*")
_PAIRS = (("“", "”"), ("‘", "’"))
# Line breaks in a row, with the empty lines between them; the white space around them is
# found by hand, as a pattern that starts with it would go back over long runs of it.
_BREAKS = re.compile(r"\n(?:[ \t]*\n)*")
_SPACES = re.compile(r"(?<=\S)  +(?=\S)")


def _example(text: str) -> str:
    return HEAD + DAWN + f"body:\n  - claim: {text}\n    sources: [dawn-2022-01-03]\n"


def apostrophe_quote(brief: Brief) -> Iterator[Finding]:
    for pointer, text in brief.texts_to_proofread:
        quotes = [match.start() for match in APOSTROPHE.finditer(text)]
        if not quotes:
            continue
        at = quotes[0]
        before = _WORD_BEFORE.search(text, max(0, at - 40), at)
        after = _WORD_AFTER.match(text, at + 1)
        word = (before.group(0) if before else "") + '"' + (after.group(0) if after else "")
        changes = tuple(Change(quote, quote + 1, "'") for quote in quotes)
        yield Finding(
            pointer,
            f"{quoted(word)} uses a straight double quote as an apostrophe{_more(quotes)}",
            fix=Fix("write apostrophes" if quotes[1:] else "write an apostrophe", "safe", changes),
            at=(at, at + 1),
        )


def _more(places: list[int] | list[tuple[int, int]]) -> str:
    """One finding stands for every place in a text (a text can hold thousands): how many
    more there are."""
    return f"; {len(places) - 1} more in this text" if len(places) > 1 else ""


def _unpaired(text: str) -> tuple[list[str], int]:
    """Which quotation marks do not pair up, and where the first mark left over is."""
    problems: list[str] = []
    places: list[int] = []
    apostrophes = {match.start() for match in APOSTROPHE.finditer(text)}
    straight = [m.start() for m in re.finditer('"', text) if m.start() not in apostrophes]
    if len(straight) % 2:
        problems.append('"')
        places.append(straight[-1])
    for opener, closer in _PAIRS:
        if opener == "‘":  # a ’ inside or at the end of a word is an apostrophe, not a closer
            _, unclosed_singles, stray_singles = single_quotes(text)
            if unclosed_singles or stray_singles:
                problems.append(f"{opener}…{closer}")
                places += stray_singles[:1] + unclosed_singles[:1]
            continue
        if text.count(opener) == text.count(closer):
            continue
        problems.append(f"{opener}…{closer}")
        unclosed: list[int] = []
        for mark in re.finditer(f"[{opener}{closer}]", text):
            if mark.group(0) == opener:
                unclosed.append(mark.start())
            elif unclosed:
                unclosed.pop()
            else:
                places.append(mark.start())  # a closing mark with nothing open
                break
        places += unclosed[:1]
    return problems, min(places, default=0)


def unbalanced_quotes(brief: Brief) -> Iterator[Finding]:
    for pointer, text in brief.texts_to_proofread:
        problems, first = _unpaired(text)
        if not problems:
            continue
        fix = None
        # One quotation opened and never closed, at a text's end: closing it there is
        # likely right, but where the quoted words end is an editor's call.
        end = len(text.rstrip())
        opener = next((o for o, c in _PAIRS if text.count(o) == text.count(c) + 1), None)
        closer = dict(_PAIRS).get(opener or "")
        if closer and problems == [f"{opener}…{closer}"] and text[end - 1 : end] in (".", "!", "?"):
            change = (Change(end, end, closer),)
            fix = Fix("close the quotation at the end of the text", "unsafe", change)
        yield Finding(
            pointer,
            f"the quotation marks in this text do not pair up ({', '.join(problems)})",
            fix=fix,
            at=(first, first + 1),
        )


def line_break_in_text(brief: Brief) -> Iterator[Finding]:
    for pointer, text in brief.texts_to_proofread:
        start, end = len(text) - len(text.lstrip()), len(text.rstrip())
        joints = [m.span() for m in _BREAKS.finditer(text, start, end)]
        if not joints:
            continue
        changes = tuple(Change(*_with_white(text, *joint), " ") for joint in joints)
        first = joints[0][0]
        yield Finding(
            pointer,
            "a line break inside a text: hard-wrapped prose reads as one line",
            fix=Fix("join the lines", "safe", changes),
            at=(first, first + 1),
        )


def _with_white(text: str, start: int, end: int) -> tuple[int, int]:
    """A joint of lines widened to the spaces and tabs around it."""
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    while end < len(text) and text[end] in " \t":
        end += 1
    return start, end


def double_space(brief: Brief) -> Iterator[Finding]:
    for pointer, text in brief.texts_to_proofread:
        runs = [match.span() for match in _SPACES.finditer(text)]
        if runs:
            yield Finding(
                pointer,
                f"two or more spaces in a row inside a text{_more(runs)}",
                fix=Fix("write one space", "safe", tuple(Change(a, b, " ") for a, b in runs)),
                at=runs[0],
            )


APOSTROPHE_QUOTE = Rule(
    name="apostrophe-quote",
    summary='A straight double quote stands for an apostrophe, as in `neighbor"s`.',
    rationale=(
        "Prose pasted through some systems turns apostrophes into double quotes, and a reader "
        'stumbles over neighbor"s. The fix writes the apostrophe back.'
    ),
    bad=_example("The Taliban's neighbor\"s border saw clashes."),
    good=_example("The Taliban's neighbor's border saw clashes."),
    check=apostrophe_quote,
    fix=Fixable("safe", True, "writes an apostrophe for the straight double quote"),
)

UNBALANCED_QUOTES = Rule(
    name="unbalanced-quotes",
    summary="A text opens a quotation it never closes, or closes one it never opened.",
    rationale=(
        "Quoted words must be visibly quoted: an unclosed quotation makes the reader guess "
        "where another person's words end. A quotation left open at the end of a text can "
        "be closed there by an unsafe fix (--unsafe-fixes), since where the quoted words "
        "end is a guess; any other mismatch needs an editor's eye."
    ),
    bad=_example("The emir said “we are a branch of the Emirate."),
    good=_example("The emir said “we are a branch of the Emirate.”"),
    check=unbalanced_quotes,
    fix=Fixable(
        "unsafe",
        False,
        "closes a quotation left open at the end of a text (where the quoted words end is a guess)",
    ),
)

LINE_BREAK_IN_TEXT = Rule(
    name="line-break-in-text",
    summary="A text holds a hard line break, as in prose wrapped at a fixed width.",
    rationale=(
        "A literal block (`|`) or an escaped `\\n` keeps line breaks that only mattered in the "
        "prose the text came from; rendered, they break sentences mid-line. The fix joins "
        "the lines (for a literal block, by making it a folded block, `>`)."
    ),
    bad=HEAD
    + DAWN
    + "body:\n  - claim: |-\n      Border clashes broke out\n      along the Durand line.\n"
    + "    sources: [dawn-2022-01-03]\n",
    good=HEAD
    + DAWN
    + "body:\n  - claim: >-\n      Border clashes broke out\n      along the Durand line.\n"
    + "    sources: [dawn-2022-01-03]\n",
    check=line_break_in_text,
    fix=Fixable(
        "safe", True, "joins the lines with one space (a literal block becomes a folded one)"
    ),
)

DOUBLE_SPACE = Rule(
    name="double-space",
    summary="A text has two or more spaces in a row.",
    rationale=(
        "Doubled spaces, often left after a full stop or by an edit, show up in rendered "
        "prose as uneven gaps. The fix writes one space."
    ),
    bad=_example("Border clashes broke out.  Pakistan is fencing the line."),
    good=_example("Border clashes broke out. Pakistan is fencing the line."),
    check=double_space,
    fix=Fixable("safe", True, "writes one space"),
)
