"""Rules across the archive: the analyst roster, references to earlier briefs, brief ids,
and sources that other briefs describe differently."""

from __future__ import annotations

from collections.abc import Iterator

from wwrlint.archive.model import CATALOGUE_NAME, Archive, BriefEntry, Published
from wwrlint.brief import Brief
from wwrlint.diagnostics import Finding, Related
from wwrlint.rules.base import Rule
from wwrlint.rules.examples import CLAIM, DAWN, GOOD, HEAD
from wwrlint.textforms import iso_date
from wwrlint.wording import did_you_mean, quoted

_COMPARED = ("publisher", "date", "title", "url", "type")


def _top(brief: Brief, key: str) -> object:
    """A top-level value of the brief; None when the file's top level is not a mapping (a
    list, a scalar, an empty document), which the schema reports."""
    return brief.data.get(key) if isinstance(brief.data, dict) else None


def _who(analyst: dict[str, object]) -> str:
    return ", ".join(str(analyst[k]) for k in ("name", "role") if analyst.get(k))


def analyst_conflict(brief: Brief) -> Iterator[Finding]:
    roster = brief.archive.roster if brief.archive is not None else {}
    for analyst_id, analyst in brief.entries("analysts"):
        known = roster.get(analyst_id)
        if known is None:
            continue
        differ = [k for k in ("name", "role") if k in analyst and analyst.get(k) != known.get(k)]
        if differ:
            yield Finding(
                ("analysts", analyst_id),
                f"analyst {quoted(analyst_id)} is in the roster as {quoted(_who(known))}, but "
                f"this brief gives {quoted(_who(analyst))}; drop the entry here to use the "
                "roster's, or correct it",
                anchor="key",
            )


def analyst_inactive(brief: Brief) -> Iterator[Finding]:
    roster = brief.archive.roster if brief.archive is not None else {}
    day = iso_date(_top(brief, "date"))
    if day is None:
        return
    for quote in brief.of_kind("quote"):
        analyst_id = quote.data.get("analyst")
        known = roster.get(analyst_id) if isinstance(analyst_id, str) else None
        if known is None:
            continue
        start, end = iso_date(known.get("active-from")), iso_date(known.get("active-until"))
        if (start and day < start) or (end and day > end):
            span = f"from {start or 'the start'} until {end or 'now'}"
            yield Finding(
                (*quote.pointer, "analyst"),
                f"analyst {quoted(analyst_id)} was active {span} by the roster, but the "
                f"brief is dated {day}",
            )


def _targets(brief: Brief, source: dict[str, object], sure: bool = False) -> list[BriefEntry]:
    """The briefs of the archive a source names; `sure` when a finding rests on there
    being none."""
    assert brief.archive is not None
    if isinstance(source.get("brief"), str):
        return brief.archive.by_id(str(source["brief"]), besides=brief.path, sure=sure)
    if isinstance(source.get("date"), str):
        return brief.archive.by_date(str(source["date"]), besides=brief.path, sure=sure)
    return []


def _published(brief: Brief, source: dict[str, object]) -> list[Published]:
    """The catalogue's briefs published elsewhere that a source names."""
    assert brief.archive is not None
    brief_id, date = source.get("brief"), source.get("date")
    return brief.archive.published(
        brief_id if isinstance(brief_id, str) else None, date if isinstance(date, str) else None
    )


def unknown_brief(brief: Brief) -> Iterator[Finding]:
    if brief.archive is None:
        return
    for source_id, source in brief.entries("sources"):
        if source.get("type") != "brief" or _published(brief, source):
            continue
        if _targets(brief, source, sure=True):
            continue
        if isinstance(source.get("brief"), str):
            known = [i for i in brief.archive.ids() if i != _top(brief, "id")]
            yield Finding(
                ("sources", source_id, "brief"),
                f"source {quoted(source_id)} refers to brief {quoted(source['brief'])}, which "
                f"is neither in the archive nor in its catalogue of briefs published elsewhere"
                f"{did_you_mean(source['brief'], known)}",
            )
        elif isinstance(source.get("date"), str):
            yield Finding(
                ("sources", source_id),
                f"source {quoted(source_id)} is an earlier brief dated {source['date']}, but no "
                "brief in the archive or its catalogue has that date; add it (or list it in "
                f"{CATALOGUE_NAME} when it is published elsewhere), or give its id under 'brief'",
                anchor="key",
            )


def brief_date_mismatch(brief: Brief) -> Iterator[Finding]:
    if brief.archive is None:
        return
    for source_id, source in brief.entries("sources"):
        if source.get("type") != "brief" or not isinstance(source.get("brief"), str):
            continue
        for published in _published(brief, source):
            if published.date is not None and published.date != source.get("date"):
                yield Finding(
                    ("sources", source_id, "date"),
                    f"source {quoted(source_id)} dates brief {quoted(published.id)} "
                    f"{source.get('date')}, but the archive's catalogue of briefs published "
                    f"elsewhere dates it {published.date}",
                )
        for target in _targets(brief, source):
            if target.date != source.get("date"):
                yield Finding(
                    ("sources", source_id, "date"),
                    f"source {quoted(source_id)} dates brief {quoted(target.id)} "
                    f"{source.get('date')}, but that brief is dated {target.date}",
                    related=(
                        Related(target.path, ("date",), f"the date of brief {quoted(target.id)}"),
                    ),
                )


def duplicate_brief_id(brief: Brief) -> Iterator[Finding]:
    brief_id = _top(brief, "id")
    if brief.archive is None or not isinstance(brief_id, str):
        return
    same = sorted(e.path for e in brief.archive.by_id(brief_id, besides=brief.path))
    if same:
        others, label = ("another brief", "the other")
        if len(same) > 1:
            others, label = (f"{len(same)} other briefs", "another")
        yield Finding(
            ("id",),
            f"brief id {quoted(brief_id)} is also the id of {others} of the archive",
            related=tuple(Related(path, ("id",), f"{label} brief with this id") for path in same),
        )


def source_conflict(brief: Brief) -> Iterator[Finding]:
    if brief.archive is None:
        return
    for source_id, source in brief.entries("sources"):
        for other_path, other_id, theirs in brief.archive.citing(source, besides=brief.path):
            differ = [
                key
                for key in _COMPARED
                if key in source and key in theirs and str(source[key]) != theirs[key]
            ]
            if differ:
                key = differ[0]
                yield Finding(
                    ("sources", source_id),
                    f"source {quoted(source_id)} is the same as {quoted(other_id)} in another "
                    f"brief, but its {key} differs: {quoted(source[key])} here, "
                    f"{quoted(theirs[key])} there",
                    anchor="key",
                    related=(
                        Related(
                            other_path, ("sources", other_id), "the same source in another brief"
                        ),
                    ),
                )
                break


_QUOTE = "  - quote: The risk is deemed manageable.\n    analyst: thomas-muller\n"
_ROSTER = {
    "thomas-muller": {
        "name": "Thomas Muller",
        "role": "World Watch Research analyst",
        "active-from": "2018-01-01",
    }
}
_ROSTERED = Archive("briefs", "briefs/analysts.yaml", _ROSTER)
_ROSTER_COMMENT = (
    "# The archive's roster, briefs/analysts.yaml, holds thomas-muller:\n"
    "#   {name: Thomas Muller, role: World Watch Research analyst, active-from: 2018-01-01}\n"
)
_EARLIER = BriefEntry("briefs/wwr-emboldened-2021.yaml", "wwr-emboldened-2021", "2021-10-18", {})
_WITH_EARLIER = Archive("briefs", entries=[_EARLIER])
_EARLIER_COMMENT = "# The archive holds brief wwr-emboldened-2021, dated 2021-10-18.\n"


def _citing_earlier(source: str) -> str:
    claim = CLAIM.replace("[dawn-2022-01-03]", "[dawn-2022-01-03, wwr-2021-10-18]")
    return HEAD + DAWN + source + "body:\n" + claim


ANALYST_CONFLICT = Rule(
    name="analyst-conflict",
    summary="A brief describes a roster analyst differently from the roster.",
    rationale=(
        "The roster (analysts.yaml) is the one place an analyst's name and role are kept, "
        "so that a quote introduces them the same way in every brief. A brief that redefines "
        "a roster analyst with another name or role contradicts it."
    ),
    bad=_ROSTER_COMMENT
    + HEAD
    + "analysts:\n  thomas-muller:\n    name: Tom Muller\n"
    + DAWN
    + "body:\n"
    + CLAIM
    + _QUOTE,
    good=_ROSTER_COMMENT + HEAD + DAWN + "body:\n" + CLAIM + _QUOTE,
    check=analyst_conflict,
    example_archive=_ROSTERED,
)

ANALYST_INACTIVE = Rule(
    name="analyst-inactive",
    summary="A quote's analyst was not active for the desk on the brief's date.",
    rationale=(
        "The roster gives the dates each analyst worked for the desk. Quoting an analyst "
        "before they joined or after they left is usually a wrong analyst id or a wrong date."
    ),
    bad=_ROSTER_COMMENT
    + HEAD.replace("date: 2022-02-07", "date: 2017-02-07")
    + DAWN.replace("2022-01-03\n", "2017-01-03\n")
    + "body:\n"
    + CLAIM
    + _QUOTE,
    good=_ROSTER_COMMENT + HEAD + DAWN + "body:\n" + CLAIM + _QUOTE,
    check=analyst_inactive,
    example_archive=_ROSTERED,
)

UNKNOWN_BRIEF = Rule(
    name="unknown-brief",
    summary="A source that is an earlier brief names no brief of the archive.",
    rationale=(
        "A source of type 'brief' is one of the desk's own earlier briefs: by its id under "
        "'brief', or by its date. Readers follow such references, so the brief must exist in "
        "the archive with that id or date."
    ),
    bad=_EARLIER_COMMENT
    + _citing_earlier(
        "  wwr-2021-10-18:\n    publisher: WWR\n    date: 2021-10-17\n    type: brief\n"
    ),
    good=_EARLIER_COMMENT
    + _citing_earlier(
        "  wwr-2021-10-18:\n    publisher: WWR\n    date: 2021-10-18\n    type: brief\n"
    ),
    check=unknown_brief,
    example_archive=_WITH_EARLIER,
)

BRIEF_DATE_MISMATCH = Rule(
    name="brief-date-mismatch",
    summary="A source names an earlier brief by id but gives another date than that brief's.",
    rationale=(
        "When a source names an earlier brief by its id, the date given must be that brief's "
        "own date; otherwise the citation '(WWR, date)' points readers to the wrong brief."
    ),
    bad=_EARLIER_COMMENT
    + _citing_earlier(
        "  wwr-2021-10-18:\n    publisher: WWR\n    date: 2021-10-19\n    type: brief\n"
        "    brief: wwr-emboldened-2021\n"
    ),
    good=_EARLIER_COMMENT
    + _citing_earlier(
        "  wwr-2021-10-18:\n    publisher: WWR\n    date: 2021-10-18\n    type: brief\n"
        "    brief: wwr-emboldened-2021\n"
    ),
    check=brief_date_mismatch,
    example_archive=_WITH_EARLIER,
)

DUPLICATE_BRIEF_ID = Rule(
    name="duplicate-brief-id",
    summary="Two briefs of the archive have the same id.",
    rationale=(
        "A brief's id names it in references from other briefs and in reports; two briefs "
        "with one id make those references ambiguous."
    ),
    bad="# The archive holds briefs/2022/border.yaml, whose id is pakistan-border-2022.\n" + GOOD,
    good="# The archive holds briefs/2022/border.yaml, whose id is pakistan-border-2022.\n"
    + GOOD.replace("id: pakistan-border-2022", "id: pakistan-border-2022-update"),
    check=duplicate_brief_id,
    example_archive=Archive(
        "briefs", entries=[BriefEntry("briefs/2022/border.yaml", "pakistan-border-2022", None, {})]
    ),
)

_URL = "    url: https://example.org/dawn/clashes\n"
SOURCE_CONFLICT = Rule(
    name="source-conflict",
    summary="A source is described differently in another brief of the archive.",
    rationale=(
        "The same source (the same url, or the same publisher, date and title) cited in two "
        "briefs should be described the same way in both; a difference is a typo in one of "
        "them. The finding names the other brief as a related location."
    ),
    bad="# briefs/other.yaml cites https://example.org/dawn/clashes as published by Dawn\n"
    + GOOD.replace("publisher: Dawn", "publisher: Dawn News").replace(
        "    date: 2022-01-03\n", "    date: 2022-01-03\n" + _URL
    ),
    good="# briefs/other.yaml cites https://example.org/dawn/clashes as published by Dawn\n"
    + GOOD.replace("    date: 2022-01-03\n", "    date: 2022-01-03\n" + _URL),
    check=source_conflict,
    example_archive=Archive(
        "briefs",
        entries=[
            BriefEntry(
                "briefs/other.yaml",
                "other",
                "2022-01-05",
                {
                    "dawn": {
                        "publisher": "Dawn",
                        "date": "2022-01-03",
                        "url": _URL.split(": ")[1].strip(),
                    }
                },
            )
        ],
    ),
)
