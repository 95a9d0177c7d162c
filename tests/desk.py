"""An invented desk for tests that need an archive: the Northwind Desk, its analyst Ana
Ferreira and its briefs on harbour fees. None of it is real, and none of it is anyone's
words."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROSTER = """\
analysts:
  ana-ferreira:
    name: Ana Ferreira
    role: Northwind Desk analyst
"""

# An invented brief quoting the roster's analyst; `{id}`, `{date}` and `{cites}` vary.
BRIEF = """\
id: {id}
title: Harbour fees rise again
date: {date}
sources:
  gazette-2031-01-20:
    publisher: Harbour Gazette
    date: 2031-01-20
{cites}body:
  - claim: Fees at the north harbour rose for the third time this year.
    sources: [{cited}]
  - quote: The rise will be felt by every small trader.
    analyst: ana-ferreira
"""


def brief(brief_id: str, date: str = "2031-03-09", cites: str | None = None) -> str:
    """A brief; `cites` is the id of an earlier brief it cites."""
    earlier = ""
    cited = "gazette-2031-01-20"
    if cites is not None:
        earlier = "  earlier:\n    publisher: Northwind Desk\n    date: 2031-02-01\n"
        earlier += f"    type: brief\n    brief: {cites}\n"
        cited += ", earlier"
    return BRIEF.format(id=brief_id, date=date, cites=earlier, cited=cited)


EARLIER = brief("harbour-2031-02", date="2031-02-01")
CITING = brief("harbour-2031-03", cites="harbour-2031-02")


def make_desk(root: Path, git: bool) -> Path:
    """A desk's folder: briefs/ with the roster, an earlier brief and one that cites it."""
    briefs = root / "briefs"
    (briefs / "2031").mkdir(parents=True)
    (briefs / "analysts.yaml").write_text(ROSTER)
    (briefs / "2031" / "earlier.yaml").write_text(EARLIER)
    (briefs / "citing.yaml").write_text(CITING)
    if git:
        subprocess.run(["git", "init", "-q", str(root)], check=True)
    return briefs


# A brief that needs no roster and quotes no one: it stands alone anywhere.
LONE = """\
id: harbour-2031-04
title: Harbour fees rise again
date: 2031-04-02
sources:
  gazette-2031-01-20:
    publisher: Harbour Gazette
    date: 2031-01-20
body:
  - claim: Fees at the north harbour rose for the third time this year.
    sources: [gazette-2031-01-20]
  - assessment: Small traders will feel the rise first.
"""
