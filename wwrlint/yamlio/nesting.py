"""How deep a text nests, asked before libyaml 0.1.7 composes it: its composer recurses in C
once per level and has no limit (libyaml 0.2 stops at 1,000 levels), so 100,000 `[` end the
process. Past libyaml 0.2's limits the file is a syntax error, as it was with PyYAML.

Counting levels takes libyaml's events, which cost what composing costs; a bound read from
the text's characters settles almost every file without them. Flow collections nest only
through `[` and `{`. A block collection nested in another starts on a later line further
in (or as far in, for a list under a key, whose items' contents are further in again), or
on the same line after the indicators `- `, `? ` and `: ` that open the line: so block
levels are at most twice the longest run of spaces and indicators that opens a line, plus
one.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent

# libyaml 0.2's limits: more flow levels than this, or this many block levels, are an error.
MAX_FLOW, MAX_BLOCK = 1000, 1000

# What may open a line before a block collection starts: spaces and block indicators.
_OPENING = " \t?:-"
# A block level past the limit needs an opening run this long.
_LONGEST = MAX_BLOCK // 2 - 1
# Characters looked at: any run of `_LONGEST` characters holds one of them.
_STEP = 250
# A run of `_LONGEST` through a character goes on at least this far on one side of it.
_HALF = (_LONGEST - 1) // 2


def may_nest_too_deep(text: str) -> bool:
    """Whether the text may nest past a limit (False: it surely does not). Runs of the
    opening characters are looked for anywhere, not only where a line opens: a bound, got
    by looking at one character in 250 and around those that are such characters."""
    if text.count("[") + text.count("{") > MAX_FLOW:
        return True
    end = len(text)
    for index in range(_STEP - 1, end, _STEP):
        if text[index] in _OPENING:
            if not (index >= _HALF and text[index - _HALF] in _OPENING) and not (
                index + _HALF < end and text[index + _HALF] in _OPENING
            ):
                continue  # the run here is shorter (most texts: a space between words)
            before = text[max(0, index - _LONGEST) : index]
            after = text[index : index + _LONGEST]
            run = len(before) - len(before.rstrip(_OPENING)) + len(after)
            if run - len(after.lstrip(_OPENING)) >= _LONGEST:
                return True
    return False


def check_nesting(parser: Any) -> None:
    """Raise a syntax error where the events of a libyaml parser go past a limit; a text
    libyaml rejects before that is left for composing to report."""
    flow = block = 0
    open_flow: list[bool] = []  # whether each open collection is a flow one
    try:
        while (event := parser.get_event()) is not None:
            if isinstance(event, CollectionStartEvent):
                is_flow = bool(event.flow_style)
                open_flow.append(is_flow)
                flow, block = (flow + 1, block) if is_flow else (flow, block + 1)
                if flow > MAX_FLOW or block >= MAX_BLOCK:
                    raise _too_deep("flow" if is_flow else "block", event)
            elif isinstance(event, CollectionEndEvent) and open_flow:
                if open_flow.pop():
                    flow -= 1
                else:
                    block -= 1
    except MarkedYAMLError as error:
        if error.problem == _PROBLEM:
            raise
    except Exception:  # composing reports what libyaml rejects, in its own words
        return


_PROBLEM = "exceeded maximum nesting depth"


def _too_deep(kind: str, event: Any) -> MarkedYAMLError:
    return MarkedYAMLError(
        context=f"while increasing {kind} level",
        problem=_PROBLEM,
        problem_mark=event.start_mark,
    )
