"""How prose writes dates and apostrophes: the one place the prose bridge and the rules share.

`iso_date` reads the brief format's YYYY-MM-DD. `prose_date` reads a date as prose writes it
("15 December 2021", "November 28, 2022", "13/2/2017", "2012: 196", "undated") and keeps a
month or a year alone as words with its precision, never as a guessed day. Every pattern here
runs on a few words at a time, never on a whole text.
"""

from __future__ import annotations

import datetime
import functools
import re
from typing import Any, Literal, NamedTuple

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
# "day": a full date; "month" and "year": only that much; "no-year": a day and a month
# ("Aug. 22"); "none": written as undated.
Precision = Literal["day", "month", "year", "no-year", "none"]

_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d{2})"
_PAGES = r"(?:[:,] ?(?:pp?\. ?)?\d+(?:[-–]\d+)?)?"
# The prose forms of a date: compiled when first asked, as most runs check briefs whose
# sources' dates are ISO dates and never ask.
_Form = tuple[Precision, re.Pattern[str]]


# 13/2/2017 and 13.2.2017, day first as most of the world writes them.
_IN_NUMBERS = re.compile(r"(?P<day>\d{1,2})[/.](?P<mm>\d{1,2})[/.](?P<year>\d{4})")


def read_either_way(text: str) -> bool:
    """Whether a date written in numbers names two days, read day first or month first
    (3/4/2019: 3 April, or 4 March); `prose_date` reads it day first."""
    match = _IN_NUMBERS.fullmatch(" ".join(text.split()))
    if match is None:
        return False
    day, month = int(match["day"]), int(match["mm"])
    return day != month and 1 <= day <= 12 and 1 <= month <= 12


@functools.cache
def _forms(ending_in_a_word: bool) -> list[_Form]:
    """The forms of a date, or only those that can end in a letter or a full stop ("22
    August", "n.d."): the rest end in a digit, and need not be tried on a text that does
    not."""
    if ending_in_a_word:
        return [f for f in _forms(False) if f[0] == "none" or f[1].pattern.endswith(_MONTH)]
    return [
        ("day", re.compile(rf"{_DAY} {_MONTH},? {_YEAR}")),
        ("day", re.compile(rf"{_MONTH} {_DAY},? {_YEAR}")),
        ("day", re.compile(r"(?P<year>\d{4})-(?P<mm>\d{2})-(?P<day>\d{2})")),
        ("day", _IN_NUMBERS),
        ("month", re.compile(rf"{_MONTH},? {_YEAR}")),
        ("no-year", re.compile(rf"{_MONTH} {_DAY}")),
        ("no-year", re.compile(rf"{_DAY} {_MONTH}")),
        ("year", re.compile(rf"{_YEAR}[a-z]?{_PAGES}")),
        ("none", re.compile(r"(?:undated|n\. ?d\.?|no date)", re.IGNORECASE)),
    ]


_UNDATED = frozenset({"undated", "n.d", "nd", "date"})
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class ProseDate(NamedTuple):
    """A date found in prose: the date when the day is known, and the words as written."""

    text: str
    precision: Precision
    date: datetime.date | None


def iso_shaped(value: Any) -> bool:
    """Whether a value is a text written as YYYY-MM-DD (a real date or not)."""
    return isinstance(value, str) and _ISO_DATE.fullmatch(value) is not None


def iso_date(value: Any) -> datetime.date | None:
    """The date a YYYY-MM-DD text stands for, or None when it is not a real one."""
    if not iso_shaped(value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def month_number(word: str) -> int | None:
    """1 to 12 for a month's name or abbreviation ("Sept.", "december"), else None."""
    return MONTHS.get(word.lower().rstrip("."))


def prose_date(text: str) -> ProseDate | None:
    """The date that `text` is, as a whole, or None."""
    text = " ".join(text.split())
    if len(text) > 40 or not text:  # no date is this long; the patterns need not look
        return None
    forms = _forms(ending_in_a_word=not text[-1].isdigit())
    for precision, pattern in forms:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        groups = match.groupdict()
        month = month_number(groups["month"]) if groups.get("month") else None
        if groups.get("month") and month is None:
            continue  # "Smarch 3, 2020"
        if precision != "day":
            return ProseDate(text, precision, None)
        day, month = int(groups["day"]), month or int(groups["mm"])
        if "-" not in text and not groups.get("month") and month > 12 >= day:
            day, month = month, day  # 10/13/2016 can only be month first
        try:
            return ProseDate(text, "day", datetime.date(int(groups["year"]), month, day))
        except ValueError:  # "31 June 2021": a date in form, not a real one
            return ProseDate(text, "day", None)
    return None


def date_at_end(text: str) -> tuple[str, ProseDate] | None:
    """Split "Reuters, November 28, 2022" into ("Reuters", the date) when it ends in a date
    (the longest date form wins: "15 December 2021", not "December 2021")."""
    words = text.split()
    last = words[-1].rstrip(".,;") if words else ""
    if not last or not (last[-1].isdigit() or last.lower() in _UNDATED or month_number(last)):
        return None  # every date ends with a digit or a month, or says it is undated
    for size in range(min(3, len(words)), 0, -1):  # no date form is longer than 3 words
        found = prose_date(" ".join(words[-size:]).strip(" ,;"))
        if found is not None:
            return " ".join(words[:-size]).rstrip(" ,;:"), found
    return None


def long_form(day: datetime.date) -> str:
    """15 December 2021, as WWR writes dates."""
    return f"{day.day} {day.strftime('%B')} {day.year}"


_SINGLE_MARK = re.compile("[‘’]")
# A straight double quote typed where an apostrophe belongs: neighbor"s, don"t, we"ll.
TYPED_APOSTROPHE = re.compile(r"(?<=[A-Za-z])\"(?=(?:s|t|d|ll|re|ve|m)\b)")


def single_quotes(text: str) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Typographic single quotation marks paired up, with apostrophes told apart.

    ’ between two letters or before a letter (it’s, ’90s) is an apostrophe. ’ after a space or
    a punctuation mark ("fell,’") always closes. ’ at the end of a word (the churches’ roofs)
    closes an open ‘ unless such a sure closing mark follows before the next ‘, and is an
    apostrophe otherwise. Returns the (open, close) index pairs, and where the marks left
    opened, and those closed with none open, stand."""
    marks = [(m.start(), m.group(0)) for m in _SINGLE_MARK.finditer(text)]
    kinds: list[str] = []  # "open", "close", "end" (a word's end), "apostrophe"
    for index, char in marks:
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        if char == "‘":
            kinds.append("open")
        elif after.isalnum() and (before.isalnum() or before.isspace()):
            kinds.append("apostrophe")
        else:
            kinds.append("end" if before.isalnum() else "close")
    # For each mark, whether a sure closing mark comes before the next opening one.
    sure_ahead = [False] * len(marks)
    ahead = False
    for at in range(len(marks) - 1, -1, -1):
        sure_ahead[at] = ahead
        if kinds[at] == "close":
            ahead = True
        elif kinds[at] == "open":
            ahead = False
    pairs: list[tuple[int, int]] = []
    opened: list[int] = []
    stray: list[int] = []
    for at, (index, _) in enumerate(marks):
        kind = kinds[at]
        if kind == "open":
            opened.append(index)
        elif kind == "close" or (kind == "end" and opened and not sure_ahead[at]):
            if opened:
                pairs.append((opened.pop(), index))
            else:
                stray.append(index)
    return pairs, opened, stray
