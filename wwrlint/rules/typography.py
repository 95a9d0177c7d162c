"""Typography: what prose carried over into a brief's texts, each with a safe fix."""

from __future__ import annotations

import re
from collections.abc import Iterator

from wwrlint.brief import Brief
from wwrlint.diagnostics import Finding, Fix
from wwrlint.rules.base import Rule
from wwrlint.rules.examples import DAWN, HEAD
from wwrlint.textforms import TYPED_APOSTROPHE, single_quotes
from wwrlint.wording import quoted

# A straight double quote typed where an apostrophe belongs: neighbor"s, don"t, we"ll.
APOSTROPHE = TYPED_APOSTROPHE
_PAIRS = (("“", "”"), ("‘", "’"))
_BREAK = re.compile(r"[ \t]*\n[ \t]*")
_SPACES = re.compile(r"(?<=\S)  +(?=\S)")


def _example(text: str) -> str:
    return HEAD + DAWN + f"body:\n  - claim: {text}\n    sources: [dawn-2022-01-03]\n"


def apostrophe_quote(brief: Brief) -> Iterator[Finding]:
    for pointer, text in brief.texts_to_proofread:
        if (word := re.search(r"\w*[A-Za-z]\"(?:s|t|d|ll|re|ve|m)\b", text)) is not None:
            yield Finding(
                pointer,
                f"{quoted(word.group(0))} uses a straight double quote as an apostrophe",
                fix=Fix("write an apostrophe", APOSTROPHE.sub("'", text)),
            )


def unbalanced_quotes(brief: Brief) -> Iterator[Finding]:
    for pointer, text in brief.texts_to_proofread:
        straight = text.count('"') - len(APOSTROPHE.findall(text))
        problems = []
        if straight % 2:
            problems.append('"')
        # a ’ inside or at the end of a word is an apostrophe, not a closer
        _, unclosed_singles, stray_singles = single_quotes(text)
        problems += [f"{o}…{c}" for o, c in _PAIRS[:1] if text.count(o) != text.count(c)]
        problems += ["‘…’"] if unclosed_singles or stray_singles else []
        if not problems:
            continue
        fix = None
        # One quotation opened and never closed, at a text's end: close it there.
        opener = next((o for o, c in _PAIRS if text.count(o) == text.count(c) + 1), None)
        closer = dict(_PAIRS).get(opener or "")
        if closer and problems == [f"{opener}…{closer}"] and re.search(r"[.!?]$", text):
            fix = Fix("close the quotation at the end of the text", text + closer)
        yield Finding(
            pointer,
            f"the quotation marks in this text do not pair up ({', '.join(problems)})",
            fix=fix,
        )


def line_break_in_text(brief: Brief) -> Iterator[Finding]:
    for pointer, text in brief.texts_to_proofread:
        if "\n" in text.strip():
            yield Finding(
                pointer,
                "a line break inside a text: hard-wrapped prose reads as one line",
                fix=Fix("join the lines", _BREAK.sub(" ", text.strip())),
            )


def double_space(brief: Brief) -> Iterator[Finding]:
    for pointer, text in brief.texts_to_proofread:
        if _SPACES.search(text):
            yield Finding(
                pointer,
                "two or more spaces in a row inside a text",
                fix=Fix("write one space", _SPACES.sub(" ", text)),
            )


APOSTROPHE_QUOTE = Rule(
    name="apostrophe-quote",
    code="WWR401",
    severity="warning",
    summary='A straight double quote stands for an apostrophe, as in `neighbor"s`.',
    rationale=(
        "Prose pasted through some systems turns apostrophes into double quotes, and a reader "
        'stumbles over neighbor"s. The fix writes the apostrophe back.'
    ),
    bad=_example("The Taliban's neighbor\"s border saw clashes."),
    good=_example("The Taliban's neighbor's border saw clashes."),
    check=apostrophe_quote,
)

UNBALANCED_QUOTES = Rule(
    name="unbalanced-quotes",
    code="WWR402",
    severity="warning",
    summary="A text opens a quotation it never closes, or closes one it never opened.",
    rationale=(
        "Quoted words must be visibly quoted: an unclosed quotation makes the reader guess "
        "where another person's words end. The fix closes a quotation left open at the end "
        "of a text; any other mismatch needs an editor's eye."
    ),
    bad=_example("The emir said “we are a branch of the Emirate."),
    good=_example("The emir said “we are a branch of the Emirate.”"),
    check=unbalanced_quotes,
)

LINE_BREAK_IN_TEXT = Rule(
    name="line-break-in-text",
    code="WWR403",
    severity="warning",
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
)

DOUBLE_SPACE = Rule(
    name="double-space",
    code="WWR404",
    severity="warning",
    summary="A text has two or more spaces in a row.",
    rationale=(
        "Doubled spaces, often left after a full stop or by an edit, show up in rendered "
        "prose as uneven gaps. The fix writes one space."
    ),
    bad=_example("Border clashes broke out.  Pakistan is fencing the line."),
    good=_example("Border clashes broke out. Pakistan is fencing the line."),
    check=double_space,
)
