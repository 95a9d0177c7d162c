"""Dates as prose writes them: "15 December 2021", "November 28, 2022", "30 Nov. 2022".

A month or a year alone is not a date: it is returned with its precision, so the importer
keeps it as text beside the source instead of guessing a day.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Literal

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Z][a-z]{2,8})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d{2})"
Precision = Literal["day", "month", "year"]

# Longest forms first, so "15 December 2021" is not read as "December 2021".
PATTERNS: list[tuple[Precision, re.Pattern[str]]] = [
    ("day", re.compile(rf"{_DAY}\s+{_MONTH},?\s+{_YEAR}")),
    ("day", re.compile(rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}")),
    ("day", re.compile(r"(?P<year>\d{4})-(?P<mm>\d{2})-(?P<day>\d{2})")),
    ("month", re.compile(rf"{_MONTH},?\s+{_YEAR}")),
    ("year", re.compile(_YEAR)),
]
# Any date form, for patterns that embed a date.
DATE = "|".join(f"(?:{pattern.pattern})" for _, pattern in PATTERNS[:4])
DATE = re.sub(r"\(\?P<\w+>", "(?:", DATE)


@dataclass(frozen=True)
class ProseDate:
    """A date found in prose: the date when the day is known, and the words as written."""

    text: str
    precision: Precision
    date: datetime.date | None


def _month(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def parse_date(text: str) -> ProseDate | None:
    """The date that `text` is, as a whole, or None."""
    text = text.strip()
    for precision, pattern in PATTERNS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        groups = match.groupdict()
        month = int(groups["mm"]) if groups.get("mm") else _month(groups.get("month") or "")
        if precision != "year" and month is None:
            continue
        if precision != "day":
            return ProseDate(text, precision, None)
        try:
            day = datetime.date(int(groups["year"]), month or 0, int(groups["day"]))
        except ValueError:  # "31 June 2021": a date in form, not a real one
            return ProseDate(text, "day", None)
        return ProseDate(text, "day", day)
    return None


def search_date_at_end(text: str) -> tuple[str, ProseDate] | None:
    """Split "Reuters, November 28, 2022" into ("Reuters", the date) when it ends in a date."""
    for precision, pattern in PATTERNS:
        for match in pattern.finditer(text):
            if text[match.end() :].strip(" .") == "":
                found = parse_date(match.group(0))
                if found is not None and found.precision == precision:
                    return text[: match.start()].rstrip(" ,;"), found
    return None


def long_form(day: datetime.date) -> str:
    """15 December 2021, as WWR writes dates."""
    return f"{day.day} {day.strftime('%B')} {day.year}"
