"""What an editor wants to know of the whole archive: its sources (`wwrlint sources`) and a
page per archive (`wwrlint report`) with counts per brief and a timeline of source dates
against brief dates, drawn as inline SVG so the page needs no network."""

from __future__ import annotations

import datetime
import html
import json
from dataclasses import dataclass, field
from typing import Any

from wwrlint.archive.model import Archive
from wwrlint.brief import Brief
from wwrlint.diagnostics import Diagnostic
from wwrlint.prose.render import PAGE_HEAD
from wwrlint.textforms import iso_date
from wwrlint.wording import count


@dataclass
class LedgerEntry:
    """One source as the archive cites it, and the briefs that cite it."""

    publisher: str
    date: str | None
    title: str | None
    url: str | None
    cited_by: list[tuple[str, str]] = field(default_factory=list)  # (brief path, source id)


def ledger(archive: Archive) -> list[LedgerEntry]:
    """The archive's sources, the same source (same url, or same publisher, date and title)
    counted once; most cited first."""
    found: dict[tuple[str, ...], LedgerEntry] = {}
    for brief in archive.briefs:
        for source_id, source in brief.sources.items():
            key = (
                ("url", source["url"])
                if source.get("url")
                else (
                    "text",
                    source.get("publisher", ""),
                    source.get("date", ""),
                    source.get("title", ""),
                )
            )
            entry = found.setdefault(
                key,
                LedgerEntry(
                    source.get("publisher", ""),
                    source.get("date"),
                    source.get("title"),
                    source.get("url"),
                ),
            )
            entry.cited_by.append((brief.path, source_id))
    return sorted(found.values(), key=lambda e: (-len(e.cited_by), e.publisher, e.date or ""))


def ledger_table(entries: list[LedgerEntry]) -> str:
    rows = [("PUBLISHER", "DATE", "BRIEFS", "TITLE")]
    rows += [
        (e.publisher, e.date or "(no date)", str(len({p for p, _ in e.cited_by})), e.title or "")
        for e in entries
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    return "".join(
        f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:>{widths[2]}}  {row[3]}".rstrip()
        + "\n"
        for row in rows
    )


def ledger_json(entries: list[LedgerEntry]) -> str:
    return json.dumps(
        [
            {
                "publisher": e.publisher,
                "date": e.date,
                "title": e.title,
                "url": e.url,
                "briefs": len({p for p, _ in e.cited_by}),
                "cited_by": [{"path": p, "source": s} for p, s in e.cited_by],
            }
            for e in entries
        ],
        indent=2,
        ensure_ascii=False,
    )


@dataclass
class BriefFigures:
    path: str
    brief_id: str
    date: datetime.date | None
    claims: int
    dated_claims: int
    sources: list[datetime.date]
    undated_sources: int
    quotes: int
    errors: int
    warnings: int


def figures(path: str, data: Any, diagnostics: list[Diagnostic]) -> BriefFigures:
    brief = Brief(data, path)
    sources = brief.mapping("sources")
    dates = {sid: iso_date(s.get("date")) for sid, s in sources.items() if isinstance(s, dict)}
    claims = brief.of_kind("claim")
    dated = sum(
        1 for claim in claims if any(dates.get(source_id) for _, source_id in _cited(claim.data))
    )
    raw_id = data.get("id") if isinstance(data, dict) else None
    brief_id = raw_id if isinstance(raw_id, str) else path
    return BriefFigures(
        path=path,
        brief_id=brief_id,
        date=iso_date(data.get("date")) if isinstance(data, dict) else None,
        claims=len(claims),
        dated_claims=dated,
        sources=sorted(d for d in dates.values() if d is not None),
        undated_sources=sum(1 for d in dates.values() if d is None),
        quotes=len(brief.of_kind("quote")),
        errors=sum(1 for d in diagnostics if d.severity == "error"),
        warnings=sum(1 for d in diagnostics if d.severity == "warning"),
    )


def _cited(claim: dict[str, Any]) -> list[tuple[int, str]]:
    cited = claim.get("sources")
    return (
        [(i, s) for i, s in enumerate(cited) if isinstance(s, str)]
        if isinstance(cited, list)
        else []
    )


def _timeline(rows: list[BriefFigures]) -> str:
    """Inline SVG: one row per brief, a dot per dated source, a diamond at the brief's date."""
    dated = [r for r in rows if r.date is not None]
    days = [d for r in dated for d in [*r.sources, r.date] if d is not None]
    if not days:
        return '<p class="empty">No dated brief to draw.</p>'
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    width, left, row_height = 900, 230, 26
    height = 40 + row_height * len(dated)

    def x(day: datetime.date) -> float:
        return left + (width - left - 20) * (day - first).days / span

    parts = [
        f'<svg id="timeline" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        'aria-label="Source dates against brief dates">',
        f'<line x1="{left}" y1="{height - 20}" x2="{width - 20}" y2="{height - 20}" class="axis"/>',
        f'<text x="{left}" y="{height - 4}" class="tick">{first.isoformat()}</text>',
        f'<text x="{width - 20}" y="{height - 4}" class="tick" text-anchor="end">'
        f"{last.isoformat()}</text>",
    ]
    for index, row in enumerate(dated):
        assert row.date is not None
        y = 20 + index * row_height
        label = html.escape(row.brief_id[:32])
        parts.append(
            f'<text x="{left - 10}" y="{y + 4}" text-anchor="end" class="label">{label}</text>'
        )
        if row.sources:
            start, end = x(row.sources[0]), x(row.date)
            parts.append(f'<line x1="{start:.1f}" y1="{y}" x2="{end:.1f}" y2="{y}" class="span"/>')
        for day in row.sources:
            late = " late" if day > row.date else ""
            parts.append(
                f'<circle cx="{x(day):.1f}" cy="{y}" r="4" class="source{late}">'
                f"<title>source dated {day.isoformat()}</title></circle>"
            )
        cx = x(row.date)
        parts.append(
            f'<path d="M{cx:.1f} {y - 6} l6 6 l-6 6 l-6 -6 z" class="brief">'
            f"<title>{label}, dated {row.date.isoformat()}</title></path>"
        )
    parts.append("</svg>")
    return "\n".join(parts)


def report_page(title: str, rows: list[BriefFigures]) -> str:
    body_rows = "\n".join(
        "<tr>"
        f"<td>{html.escape(r.brief_id)}</td>"
        f"<td>{r.date.isoformat() if r.date else '—'}</td>"
        f"<td>{r.claims}</td>"
        f"<td>{len(r.sources) + r.undated_sources}</td>"
        f"<td>{r.quotes}</td>"
        f'<td class="{"bad" if r.errors else ""}">{r.errors}</td>'
        f"<td>{r.warnings}</td>"
        f"<td>{_share(r)}</td>"
        "</tr>"
        for r in rows
    )
    return _PAGE.format(
        title=html.escape(title),
        count=count(len(rows), "brief"),
        rows=body_rows,
        timeline=_timeline(rows),
    )


def _share(row: BriefFigures) -> str:
    return f"{100 * row.dated_claims / row.claims:.0f}%" if row.claims else "—"


_PAGE = (
    PAGE_HEAD
    + """<style>
  body {{ font: 15px/1.5 system-ui, sans-serif; color: #1d1d1f; margin: 2rem auto;
         max-width: 980px; padding: 0 1rem; }}
  table {{ border-collapse: collapse; width: 100%; margin: 1rem 0 2rem; }}
  th, td {{ border-bottom: 1px solid #ddd; padding: .35rem .5rem; text-align: right; }}
  th:first-child, td:first-child {{ text-align: left; }}
  td.bad {{ color: #b3261e; font-weight: bold; }}
  .axis {{ stroke: #888; }} .span {{ stroke: #b7c7dd; stroke-width: 2; }}
  .source {{ fill: #0b5394; }} .source.late {{ fill: #b3261e; }} .brief {{ fill: #e69138; }}
  .label, .tick {{ font-size: 12px; fill: #444; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p>{count}. A claim counts as dated when one of its sources has a date.</p>
<table id="briefs">
<thead><tr><th>brief</th><th>date</th><th>claims</th><th>sources</th><th>quotes</th>
<th>errors</th><th>warnings</th><th>dated claims</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
<h2>Source dates against brief dates</h2>
<p>Each row is a brief: dots are its sources' dates (red when after the brief), the diamond
its own date.</p>
{timeline}
</body>
</html>
"""
)
