"""Quotes and analysts: every quote names an analyst the brief defines, every analyst is quoted."""

from __future__ import annotations

from collections.abc import Iterator

from wwrlint.brief import Brief, defines_mapping, describe, is_blank
from wwrlint.diagnostics import Change, Finding, Fix
from wwrlint.rules.base import Fixable, Rule
from wwrlint.rules.examples import ANALYSTS, CLAIM, DAWN, HEAD
from wwrlint.wording import closest, did_you_mean, quoted

QUOTE = """\
  - quote: The risk is deemed manageable, at least for the time being.
    analyst: thomas-muller
"""

# A brief with an analyst and a claim: the examples add (or leave out) the quote.
BEFORE_QUOTE = HEAD + ANALYSTS + DAWN + "body:\n" + CLAIM


def quote_missing_analyst(brief: Brief) -> Iterator[Finding]:
    for quote in brief.of_kind("quote"):
        if is_blank(quote.data.get("analyst")):
            yield Finding(
                (*quote.pointer, "analyst"),
                f"{describe(quote)} names no analyst; give the id of the analyst whose words "
                "these are under 'analyst'",
            )


def unknown_analyst(brief: Brief) -> Iterator[Finding]:
    if not defines_mapping(brief.data, "analysts"):
        return  # the schema reports the broken 'analysts' itself
    roster = brief.archive.roster if brief.archive is not None else {}
    defined = {**roster, **brief.mapping("analysts")}
    for quote in brief.of_kind("quote"):
        analyst_id = quote.data.get("analyst")
        if isinstance(analyst_id, str) and analyst_id.strip() and analyst_id not in defined:
            meant = closest(analyst_id, defined)
            # Naming the analyst whose id is close is a guess about whose words these are.
            change = (Change(0, len(analyst_id), meant),) if meant is not None else ()
            # The roster is named only where the archive has one to look in.
            where = (
                "neither under 'analysts' nor in the roster"
                if brief.archive is not None and brief.archive.roster_path is not None
                else "not defined under 'analysts'"
            )
            yield Finding(
                (*quote.pointer, "analyst"),
                f"{describe(quote)} names analyst {quoted(analyst_id)}, who is "
                f"{where}{did_you_mean(analyst_id, defined)}",
                fix=Fix(f"name {quoted(meant)}", "unsafe", change) if change else None,
            )


def unused_analyst(brief: Brief) -> Iterator[Finding]:
    named = {
        analyst_id
        for quote in brief.of_kind("quote")
        if isinstance(analyst_id := quote.data.get("analyst"), str)
    }
    for analyst_id, _ in brief.entries("analysts"):
        if analyst_id not in named:
            yield Finding(
                ("analysts", analyst_id),
                f"analyst {quoted(analyst_id)} is defined but no quote names them",
                anchor="key",
            )


QUOTE_MISSING_ANALYST = Rule(
    name="quote-missing-analyst",
    summary="A quote names no analyst.",
    rationale=(
        "An unattributed quote is an editorial failure: readers must know whose words they "
        "read. Name the analyst by their id. Third-party reported speech ('one emir even "
        "said ...') is not a quote but a claim with a source."
    ),
    bad=HEAD + DAWN + "body:\n" + CLAIM + QUOTE.replace("    analyst: thomas-muller\n", ""),
    good=BEFORE_QUOTE + QUOTE,
    check=quote_missing_analyst,
    refines_schema=True,
)

UNKNOWN_ANALYST = Rule(
    name="unknown-analyst",
    summary="A quote names an analyst id that is not defined.",
    rationale=(
        "The analyst a quote names must be defined under 'analysts' with their name and "
        "role, so the quote can be printed with its attribution. An undefined id is usually "
        "a typo."
    ),
    bad=BEFORE_QUOTE + QUOTE.replace("thomas-muller", "thomas-mueller"),
    good=BEFORE_QUOTE + QUOTE,
    check=unknown_analyst,
    refines_schema=True,
    fix=Fixable("unsafe", False, "names the analyst whose id is close to the one given"),
)

UNUSED_ANALYST = Rule(
    name="unused-analyst",
    summary="An analyst is defined but no quote names them.",
    rationale=(
        "An analyst entry that no quote uses is usually left over from an edit that removed "
        "or re-attributed a quote; check that the right person is quoted."
    ),
    bad=BEFORE_QUOTE,
    good=BEFORE_QUOTE + QUOTE,
    check=unused_analyst,
)
