"""Dates as prose writes them."""

import datetime

import pytest

from wwrlint.prose.dates import parse_date, search_date_at_end


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("15 December 2021", datetime.date(2021, 12, 15)),
        ("November 28, 2022", datetime.date(2022, 11, 28)),
        ("30 Nov. 2022", datetime.date(2022, 11, 30)),
        ("Sept 3, 2020", datetime.date(2020, 9, 3)),
        ("1st March 2019", datetime.date(2019, 3, 1)),
        ("2022-02-04", datetime.date(2022, 2, 4)),
    ],
)
def test_days(text: str, day: datetime.date) -> None:
    found = parse_date(text)
    assert found is not None
    assert (found.precision, found.date) == ("day", day)


@pytest.mark.parametrize(
    ("text", "precision"), [("December 2021", "month"), ("Dec. 2021", "month"), ("2021", "year")]
)
def test_a_month_or_a_year_is_not_a_day(text: str, precision: str) -> None:
    found = parse_date(text)
    assert found is not None
    assert (found.precision, found.date) == (precision, None)


def test_an_impossible_day_keeps_its_words_but_no_date() -> None:
    found = parse_date("31 June 2021")
    assert found is not None
    assert (found.text, found.date) == ("31 June 2021", None)


@pytest.mark.parametrize("text", ["such as the TTP", "Smarch 3, 2020", "15 December", ""])
def test_not_dates(text: str) -> None:
    assert parse_date(text) is None


def test_publisher_and_date_split_from_the_end() -> None:
    split = search_date_at_end("Reuters, November 28, 2022")
    assert split is not None
    assert split[0] == "Reuters"
    assert split[1].date == datetime.date(2022, 11, 28)
    assert search_date_at_end("such as the TTP") is None
