"""Dates and timestamps in every spelling the sources use, and the impossible ones they also contain."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from graph.caliber import Invalid, parse_date, parse_timestamp

MAY_3 = date(2024, 5, 3)


@pytest.mark.parametrize(
    "raw",
    [
        "2024-05-03",
        "2024/05/03",
        "20240503",
        "2024.05.03",
        "2024年05月03日",
        "2024年5月3日",
        "2024/5/3",
        "2024.5.3",
        "  2024-05-03\u3000",
        "２０２４年５月３日",
        date(2024, 5, 3),
        datetime(2024, 5, 3, 14, 30),
        20240503,
    ],
)
def test_every_spelling_of_a_date(raw: object) -> None:
    assert parse_date(raw) == MAY_3  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("serial", "expected"),
    [
        (45413, date(2024, 5, 1)),
        (45413.75, date(2024, 5, 1)),  # the fraction is the time of day
        (1, date(1900, 1, 1)),
        (59, date(1900, 2, 28)),
        (61, date(1900, 3, 1)),  # Excel's phantom 1900-02-29 is serial 60
        (36526, date(2000, 1, 1)),
    ],
)
def test_excel_serial_numbers_follow_the_1900_date_system(serial: float, expected: date) -> None:
    assert parse_date(serial) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "2024-02-30",
        "2023-02-29",
        "2024-13-01",
        "20240230",
        "2024年2月30日",
        "2024-05/03",  # mixed separators
        "2024-5-3x",
        "03/05/2024",
        "1899-12-31",
        "May 3, 2024",
        60,  # 1900-02-29 never existed
        0,
        -5,
        float("nan"),
        3000000,
        20240230,
    ],
)
def test_impossible_or_unparseable_dates_are_bad_date(raw: object) -> None:
    with pytest.raises(Invalid, match=r"expected YYYY-MM-DD") as caught:
        parse_date(raw)  # type: ignore[arg-type]
    assert caught.value.fault == "bad_date"
    assert caught.value.value is raw


def test_the_leap_day_of_a_leap_year_is_a_date() -> None:
    assert parse_date("2024-02-29") == date(2024, 2, 29)


def test_a_blank_date_is_missing_required() -> None:
    with pytest.raises(Invalid) as caught:
        parse_date(" ")
    assert caught.value.fault == "missing_required"


@pytest.mark.parametrize(
    "raw", ["20240503143005", "2024-05-03 14:30:05", " 2024-05-03 14:30:05 ", datetime(2024, 5, 3, 14, 30, 5)]
)
def test_timestamps_of_hr_and_the_other_departments(raw: str | datetime) -> None:
    assert parse_timestamp(raw) == datetime(2024, 5, 3, 14, 30, 5)


@pytest.mark.parametrize(
    "raw",
    [
        "20240230143005",
        "2024-05-03 25:00:00",
        "2024-05-03",
        "2024-05-03T14:30:05",
        "2024/05/03 14:30:05",
        "x" * 14,
    ],
)
def test_bad_timestamps_are_bad_date(raw: str) -> None:
    with pytest.raises(Invalid, match=r"expected YYYYMMDDHHMMSS or YYYY-MM-DD HH:MM:SS") as caught:
        parse_timestamp(raw)
    assert caught.value.fault == "bad_date"
