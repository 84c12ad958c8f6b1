"""Report months and the month arithmetic of the rules (previous month, a year earlier, ranges)."""

from __future__ import annotations

from datetime import date

import pytest

from graph.caliber import Invalid, Period, parse_period


@pytest.mark.parametrize("raw", ["2024-05", "202405", 202405, " 2024-05 ", date(2024, 5, 31)])
def test_spellings_of_a_month(raw: str | int | date) -> None:
    assert parse_period(raw) == "2024-05"


@pytest.mark.parametrize("raw", ["2024-13", "202400", "2024-5", "24-05", "2024/05", "189912", "abcdef"])
def test_impossible_months_are_bad_date(raw: str) -> None:
    with pytest.raises(Invalid, match=rf"month '{raw}' is not a real month") as caught:
        parse_period(raw)
    assert caught.value.fault == "bad_date"


def test_month_arithmetic() -> None:
    may = Period.parse("2024-05")
    assert str(may) == "2024-05"
    assert str(Period.parse("2024-01").previous()) == "2023-12"
    assert str(Period.parse("2023-12").next()) == "2024-01"
    assert str(may.year_earlier()) == "2023-05"
    assert str(may.shift(-17)) == "2022-12"
    assert str(may.shift(20)) == "2026-01"
    assert Period.of(date(2024, 5, 31)) == may


def test_first_and_last_day() -> None:
    assert Period(2024, 2).first_day == date(2024, 2, 1)
    assert Period(2024, 2).last_day == date(2024, 2, 29)
    assert Period(2023, 2).last_day == date(2023, 2, 28)
    assert Period(2024, 12).last_day == date(2024, 12, 31)


def test_a_range_of_months_includes_both_ends_and_crosses_years() -> None:
    months = [str(p) for p in Period.span(Period(2023, 11), Period(2024, 2))]
    assert months == ["2023-11", "2023-12", "2024-01", "2024-02"]
    assert list(Period.span(Period(2024, 3), Period(2024, 2))) == []


def test_periods_order_and_reject_month_13() -> None:
    assert Period(2023, 12) < Period(2024, 1) < Period(2024, 2)
    with pytest.raises(ValueError, match="month 13 of period 2024: expected 1–12"):
        Period(2024, 13)
