"""Dates: every source is dated, every date is a real ISO 8601 date, none is after the brief."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from wwrlint.brief import Brief, entries, is_blank
from wwrlint.diagnostics import Change, Finding, Fix, Pointer
from wwrlint.rules import MAX_SOURCE_AGE
from wwrlint.rules.base import Fixable, Rule
from wwrlint.rules.examples import CLAIM, DAWN, GOOD, HEAD
from wwrlint.textforms import iso_date, iso_shaped
from wwrlint.wording import count, quoted, what_is


def date_fields(data: Any) -> Iterator[tuple[Pointer, Any]]:
    """Every date written in the brief, with its pointer."""
    if isinstance(data, dict) and "date" in data:
        yield ("date",), data["date"]
    for source_id, source in entries(data, "sources"):
        for key in ("date", "accessed"):
            if key in source:
                yield ("sources", source_id, key), source[key]


def source_missing_date(brief: Brief) -> Iterator[Finding]:
    uses = Counter(source_id for _, _, source_id in brief.citations)
    for source_id, source in brief.entries("sources"):
        if is_blank(source.get("date")):
            citing = uses[source_id]
            cited = f"; {count(citing, 'claim')} cite{'s' if citing == 1 else ''} it"
            yield Finding(
                ("sources", source_id, "date"),
                f"source {quoted(source_id)} has no date{cited if citing else ''}; give its "
                "publication date as YYYY-MM-DD",
            )


def invalid_date(brief: Brief) -> Iterator[Finding]:
    for pointer, value in date_fields(brief.data):
        if is_blank(value) or iso_date(value) is not None:
            continue
        from wwrlint.textforms import long_form, prose_date, read_either_way  # load late

        written = prose_date(value) if isinstance(value, str) else None
        why, fix = _why_invalid(value), None
        if written is not None and written.date is not None and read_either_way(value):
            # 03/04/2022 names two days: which one is the author's to say, not a fix's.
            day = written.date
            other = day.replace(day=day.month, month=day.day)
            why = (
                f"is {quoted(value)}, which is {long_form(day)} read day first and "
                f"{long_form(other)} read month first; write it as YYYY-MM-DD"
            )
        elif written is not None and written.date is not None:
            # A date written in words names one day: writing it as YYYY-MM-DD keeps it.
            iso = written.date.isoformat()
            fix = Fix(f"write {iso}", "safe", (Change(0, len(value), iso),))
        yield Finding(pointer, f"{_field_name(pointer)} {why}", fix=fix)


def source_after_brief(brief: Brief) -> Iterator[Finding]:
    data = brief.data
    brief_date = iso_date(data.get("date")) if isinstance(data, dict) else None
    if brief_date is None:
        return
    for source_id, source in brief.entries("sources"):
        source_date = iso_date(source.get("date"))
        if source_date is not None and source_date > brief_date:
            yield Finding(
                ("sources", source_id, "date"),
                f"source {quoted(source_id)} is dated {source_date}, after the brief's own date "
                f"{brief_date}",
            )


def source_too_old(brief: Brief) -> Iterator[Finding]:
    data = brief.data
    brief_date = iso_date(data.get("date")) if isinstance(data, dict) else None
    max_age: int | None = brief.option(MAX_SOURCE_AGE.name)
    if brief_date is None or max_age is None:
        return
    for source_id, source in brief.entries("sources"):
        source_date = iso_date(source.get("date"))
        if source_date is not None and (brief_date - source_date).days > max_age:
            years = (brief_date - source_date).days / 365.25
            yield Finding(
                ("sources", source_id, "date"),
                f"source {quoted(source_id)} is dated {source_date}, {years:.1f} years before "
                f"the brief (max-source-age is {count(max_age, 'day')})",
            )


def _field_name(pointer: Pointer) -> str:
    if pointer == ("date",):
        return "the brief's date"
    what = "date" if pointer[-1] == "date" else "access date"
    return f"the {what} of source {quoted(pointer[1])}"


def _why_invalid(value: Any) -> str:
    if iso_shaped(value):
        return f"is {quoted(value)}, which is not a real calendar date"
    if isinstance(value, str):
        return f"is {quoted(value)}, which is not an ISO 8601 date; write it as YYYY-MM-DD"
    return f"must be a date written as YYYY-MM-DD, not {what_is(value)}"


SOURCE_MISSING_DATE = Rule(
    name="source-missing-date",
    summary="A source has no date.",
    rationale=(
        "A claim is only as checkable as its source, and a source without a date cannot be "
        "found, ordered or weighed against the brief's own date. Give the date the source was "
        "published, as YYYY-MM-DD."
    ),
    bad=HEAD
    + """\
sources:
  dawn-2022-01-03:
    publisher: Dawn
body:
"""
    + CLAIM,
    good=GOOD,
    check=source_missing_date,
    refines_schema=True,
)

INVALID_DATE = Rule(
    name="invalid-date",
    summary="A date is not a real calendar date in ISO 8601 form (YYYY-MM-DD).",
    rationale=(
        "Dates are compared with each other (a source may not be newer than the brief), so "
        "they must be machine-readable and real. '3 January 2022', '2022-01' and "
        "'2022-02-30' are all rejected; quoted and unquoted YYYY-MM-DD dates both work."
    ),
    bad=HEAD
    + """\
sources:
  dawn-2022-01-03:
    publisher: Dawn
    date: 3 January 2022
body:
"""
    + CLAIM,
    good=GOOD,
    check=invalid_date,
    refines_schema=True,
    fix=Fixable(
        "safe",
        False,
        "writes a date given in words (3 January 2022), or in numbers that read one way only "
        "(13/2/2022), as YYYY-MM-DD",
    ),
)

SOURCE_AFTER_BRIEF = Rule(
    name="source-after-brief",
    summary="A source is dated after the brief itself.",
    rationale=(
        "A brief cannot cite what was published after it. Either the source's date or the "
        "brief's date is wrong."
    ),
    bad=HEAD
    + """\
sources:
  dawn-2022-01-03:
    publisher: Dawn
    date: 2022-03-01
body:
"""
    + CLAIM,
    good=GOOD,
    check=source_after_brief,
)

SOURCE_TOO_OLD = Rule(
    name="source-too-old",
    summary="A source is much older than the brief (set `max-source-age`, in days, to use it).",
    rationale=(
        "Analysis of current events should rest on current sources; a source years older "
        "than the brief may be a wrong date, or a fact that needs a fresh source. The rule "
        "only runs when the configuration sets max-source-age, in days."
    ),
    bad="# max-source-age: 365 in the configuration\n"
    + HEAD
    + DAWN.replace("2022-01-03\n", "2019-01-03\n")
    + "body:\n"
    + CLAIM,
    good="# max-source-age: 365 in the configuration\n" + GOOD,
    check=source_too_old,
    example_config={MAX_SOURCE_AGE.name: 365},
)
