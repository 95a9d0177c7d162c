"""Dates as prose writes them (wwrlint/textforms.py, shared with the date rules)."""

import datetime

import pytest

from wwrlint.textforms import date_at_end, iso_date, prose_date


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("15 December 2021", datetime.date(2021, 12, 15)),
        ("November 28, 2022", datetime.date(2022, 11, 28)),
        ("30 Nov. 2022", datetime.date(2022, 11, 30)),
        ("Sept 3, 2020", datetime.date(2020, 9, 3)),
        ("1st March 2019", datetime.date(2019, 3, 1)),
        ("2022-02-04", datetime.date(2022, 2, 4)),
        ("13/2/2017", datetime.date(2017, 2, 13)),
        ("08/10/2016", datetime.date(2016, 10, 8)),
        ("10/13/2016", datetime.date(2016, 10, 13)),
    ],
)
def test_days(text: str, day: datetime.date) -> None:
    found = prose_date(text)
    assert found is not None
    assert (found.precision, found.date) == ("day", day)


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("December 2021", "month"),
        ("Dec. 2021", "month"),
        ("2021", "year"),
        ("2012: 196", "year"),
        ("2018, p. 3", "year"),
        ("Aug. 22", "no-year"),
        ("22 August", "no-year"),
        ("undated", "none"),
        ("n.d.", "none"),
    ],
)
def test_a_month_or_a_year_is_not_a_day(text: str, precision: str) -> None:
    found = prose_date(text)
    assert found is not None
    assert (found.precision, found.date) == (precision, None)


@pytest.mark.parametrize("text", ["31 June 2021", "2022-13-03", "2022-02-30", "32/1/2020"])
def test_an_impossible_day_keeps_its_words_but_no_date(text: str) -> None:
    found = prose_date(text)
    assert found is not None
    assert (found.text, found.date) == (text, None)


@pytest.mark.parametrize("text", ["such as the TTP", "Smarch 3, 2020", "15", "", "x" * 100])
def test_not_dates(text: str) -> None:
    assert prose_date(text) is None


def test_publisher_and_date_split_from_the_end() -> None:
    split = date_at_end("Reuters, November 28, 2022")
    assert split is not None
    assert split[0] == "Reuters"
    assert split[1].date == datetime.date(2022, 11, 28)
    assert date_at_end("such as the TTP") is None
    assert date_at_end("Al Jazeera, 30 Nov. 2022") is not None


def test_iso_dates_are_the_brief_format() -> None:
    assert iso_date("2022-02-04") == datetime.date(2022, 2, 4)
    assert iso_date("2022-02-30") is None
    assert iso_date("4 February 2022") is None
    assert iso_date(datetime.date(2022, 2, 4)) is None  # only text: the format's dates
