"""Claims and the sources they cite: every claim cites defined sources, every source is cited."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from wwrlint.brief import Brief, defines_mapping, describe, is_blank
from wwrlint.diagnostics import Change, Finding, Fix
from wwrlint.rules.base import Fixable, Rule
from wwrlint.rules.examples import CLAIM, DAWN, GOOD, HEAD
from wwrlint.wording import closest, did_you_mean, quoted


def claim_missing_source(brief: Brief) -> Iterator[Finding]:
    for claim in brief.of_kind("claim"):
        if is_blank(claim.data.get("sources")):
            yield Finding(
                (*claim.pointer, "sources"),
                f"{describe(claim)} cites no source; add the ids of the sources that back it "
                "under 'sources', or make it an assessment",
            )


def unknown_source(brief: Brief) -> Iterator[Finding]:
    if not defines_mapping(brief.data, "sources"):
        return  # the schema reports the broken 'sources' itself
    defined = brief.mapping("sources")
    for claim, pointer, source_id in brief.citations:
        if source_id not in defined:
            yield Finding(
                pointer,
                f"{describe(claim)} cites source {quoted(source_id)}, which the brief does not "
                f"define under 'sources'{did_you_mean(source_id, defined)}",
                fix=_cite_instead(source_id, defined, claim.data.get("sources")),
            )


def _cite_instead(source_id: Any, defined: dict[str, Any], cited: Any) -> Fix | None:
    """Citing the defined source whose id is close to the undefined one: a guess, so an
    unsafe fix; none when the claim cites that source already."""
    meant = closest(source_id, defined) if isinstance(source_id, str) else None
    if meant is None or (isinstance(cited, list) and meant in cited):
        return None
    return Fix(f"cite {quoted(meant)}", "unsafe", (Change(0, len(source_id), meant),))


def unused_source(brief: Brief) -> Iterator[Finding]:
    cited = {source_id for _, _, source_id in brief.citations}
    for source_id, _ in brief.entries("sources"):
        if source_id not in cited:
            yield Finding(
                ("sources", source_id),
                f"source {quoted(source_id)} is defined but no claim cites it",
                anchor="key",
            )


CLAIM_MISSING_SOURCE = Rule(
    name="claim-missing-source",
    summary="A claim cites no source.",
    rationale=(
        "A claim is a factual statement, and the brief's credibility rests on every such "
        "statement being traceable. A claim with no source cannot be checked by readers or "
        "editors. Cite the sources that back it, or, if it is the brief's own analysis, make "
        "it an assessment."
    ),
    bad=GOOD
    + """\
  - claim: Pakistan is fencing off the Durand line.
""",
    good=GOOD
    + """\
  - claim: Pakistan is fencing off the Durand line.
    sources: [dawn-2022-01-03]
""",
    check=claim_missing_source,
    refines_schema=True,
)

UNKNOWN_SOURCE = Rule(
    name="unknown-source",
    summary="A claim cites a source id that the brief does not define.",
    rationale=(
        "Every id under a claim's 'sources' must be a key of the brief's 'sources' mapping, "
        "where the publisher and date are given. An undefined id is usually a typo, and it "
        "leaves the claim without a checkable source."
    ),
    bad=HEAD
    + DAWN
    + """\
body:
  - claim: Border clashes broke out along the Durand line.
    sources: [dawn-2022-01-03, dawn-2022-01-30]
""",
    good=GOOD,
    check=unknown_source,
    refines_schema=True,
    fix=Fixable("unsafe", False, "cites the defined source whose id is close to the one given"),
)

UNUSED_SOURCE = Rule(
    name="unused-source",
    summary="A source is defined but no claim cites it.",
    rationale=(
        "A source that nothing cites is dead weight in the brief: either a claim lost its "
        "citation while being edited, or the source can go."
    ),
    bad=HEAD
    + DAWN
    + """\
  lwj-2021-12-15:
    publisher: Long War Journal
    date: 2021-12-15
body:
"""
    + CLAIM,
    good=GOOD,
    check=unused_source,
)
