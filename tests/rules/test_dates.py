"""source-missing-date, invalid-date, source-after-brief: exact diagnostics."""

import pytest

from conftest import VALID, diagnose, found, messages


def test_source_without_date_is_reported_at_its_key() -> None:
    brief = VALID.replace("    date: 2022-01-03\n", "")
    assert found(brief) == [("source-missing-date", 9, 3)]
    assert messages(brief) == [
        "source 'dawn-2022-01-03' has no date; 1 claim cites it; give its publication date "
        "as YYYY-MM-DD"
    ]


@pytest.mark.parametrize("empty", ["", " null", " ~", ' ""'])
def test_source_with_empty_date_is_reported_at_the_value(empty: str) -> None:
    brief = VALID.replace("    date: 2022-01-03", f"    date:{empty}")
    [(rule, line, _)] = found(brief)
    assert (rule, line) == ("source-missing-date", 11)


@pytest.mark.parametrize("written", ["2022-01-03", '"2022-01-03"', "'2022-01-03'"])
def test_quoted_and_unquoted_dates_both_work(written: str) -> None:
    assert found(VALID.replace("date: 2022-01-03", f"date: {written}")) == []
    assert found(VALID.replace("date: 2022-02-07", f"date: {written}")) == []


DATE_OF = "the date of source 'dawn-2022-01-03' is "


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "2022-02-30",
            DATE_OF + "'2022-02-30', which is not a real calendar date",
        ),
        (
            '"2022-02-30"',
            DATE_OF + "'2022-02-30', which is not a real calendar date",
        ),
        (
            "2022-13-01",
            DATE_OF + "'2022-13-01', which is not a real calendar date",
        ),
        (
            "3 January 2022",
            DATE_OF + "'3 January 2022', which is not an ISO 8601 date; write it as YYYY-MM-DD",
        ),
        (
            "2022-01",
            DATE_OF + "'2022-01', which is not an ISO 8601 date; write it as YYYY-MM-DD",
        ),
        (
            "2022-01-03 10:00",
            DATE_OF + "'2022-01-03 10:00', which is not an ISO 8601 date; write it as YYYY-MM-DD",
        ),
        (
            "20220103",
            "the date of source 'dawn-2022-01-03' must be a date written as YYYY-MM-DD, "
            "not the number 20220103",
        ),
        (
            "[2022, 1, 3]",
            "the date of source 'dawn-2022-01-03' must be a date written as YYYY-MM-DD, not a list",
        ),
    ],
)
def test_invalid_source_date(written: str, message: str) -> None:
    brief = VALID.replace("date: 2022-01-03", f"date: {written}")
    assert found(brief) == [("invalid-date", 11, 11)]
    assert messages(brief) == [message]


def test_invalid_brief_date_is_reported_once_and_skips_the_date_order_check() -> None:
    brief = VALID.replace("date: 2022-02-07", "date: 2022-02-29")
    assert found(brief) == [("invalid-date", 3, 7)]
    assert messages(brief) == [
        "the brief's date is '2022-02-29', which is not a real calendar date"
    ]


def test_leap_day_is_a_real_date() -> None:
    assert found(VALID.replace("date: 2022-02-07", "date: 2024-02-29")) == []


def test_invalid_access_date() -> None:
    brief = VALID.replace(
        "    date: 2022-01-03\n", "    date: 2022-01-03\n    accessed: 2022-04-31\n"
    )
    assert found(brief) == [("invalid-date", 12, 15)]


def test_missing_brief_date_is_a_schema_error() -> None:
    brief = VALID.replace("date: 2022-02-07\n", "")
    assert found(brief) == [("schema", 1, 1)]
    assert messages(brief) == ["the brief has no 'date'"]


def test_source_after_brief_points_at_the_source_date() -> None:
    brief = VALID.replace("date: 2022-01-03", "date: 2022-03-01")
    assert found(brief) == [("source-after-brief", 11, 11)]
    assert messages(brief) == [
        "source 'dawn-2022-01-03' is dated 2022-03-01, after the brief's own date 2022-02-07"
    ]


def test_source_on_the_brief_date_is_fine() -> None:
    assert found(VALID.replace("date: 2022-01-03", "date: 2022-02-07")) == []


@pytest.mark.parametrize(
    ("written", "fixed"),
    [
        ("3 January 2022", "2022-01-03"),
        ("13/2/2022", "2022-02-13"),  # no 13th month: day first
        ("2/13/2022", "2022-02-13"),  # no 13th month: month first
        ("03.03.2022", "2022-03-03"),  # the same day either way
        ("03/04/2022", None),  # 3 April, or 4 March: the author's to say
        ("4/3/2022", None),
    ],
)
def test_a_date_gets_a_safe_fix_only_where_it_names_one_day(
    written: str, fixed: str | None
) -> None:
    brief = VALID.replace("date: 2022-01-03", f"date: {written}")
    [diagnostic] = diagnose(brief)
    assert diagnostic.rule == "invalid-date"
    if fixed is None:
        assert diagnostic.fix is None
    else:
        assert diagnostic.fix is not None
        assert (diagnostic.fix.description, diagnostic.fix.applicability) == (
            f"write {fixed}",
            "safe",
        )


def test_a_date_in_numbers_that_reads_two_ways_names_both() -> None:
    brief = VALID.replace("date: 2022-01-03", "date: 03/04/2022")
    assert messages(brief) == [
        DATE_OF + "'03/04/2022', which is 3 April 2022 read day first and 4 March 2022 read "
        "month first; write it as YYYY-MM-DD"
    ]
