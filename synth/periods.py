"""Months as plain indexes from January 2024, and the departments' date and timestamp spellings.

Every generated month is an integer (0 = 2024-01), so "the month before" and "a year earlier" are
arithmetic and a generation of M months is exactly the months ``0 .. M-1``. A source row belongs to the
generation when its update time falls before the first day of month M: that single cut-off is what
makes a longer generation extend a shorter one row for row.
"""

from __future__ import annotations

import calendar
from datetime import date
from functools import cache

START_YEAR = 2024
MAX_MONTHS = 100
"""Row ids are ``(month + 1) * 20,000,000 + person``: at most 100 months keep them in a 32-bit INTEGER."""

# 春节 (Spring Festival) dates: the season when migrant workers come home and some stay.
_SPRING_FESTIVAL = {
    2024: date(2024, 2, 10),
    2025: date(2025, 1, 29),
    2026: date(2026, 2, 17),
    2027: date(2027, 2, 6),
    2028: date(2028, 1, 26),
    2029: date(2029, 2, 13),
    2030: date(2030, 2, 3),
    2031: date(2031, 1, 23),
    2032: date(2032, 2, 11),
}


def year_month(month: int) -> tuple[int, int]:
    return START_YEAR + month // 12, month % 12 + 1


def period(month: int) -> str:
    """'YYYY-MM', the unified caliber's month."""
    year, mon = year_month(month)
    return f"{year:04d}-{mon:02d}"


def compact_month(month: int) -> str:
    """'YYYYMM', HR's report month."""
    year, mon = year_month(month)
    return f"{year:04d}{mon:02d}"


def first_day(month: int) -> date:
    return _days(month)[0]


@cache
def days_in(month: int) -> int:
    year, mon = year_month(month)
    return calendar.monthrange(year, mon)[1]


@cache
def _days(month: int) -> tuple[date, ...]:
    year, mon = year_month(month)
    return tuple(date(year, mon, number) for number in range(1, days_in(month) + 1))


def day(month: int, day_of_month: int) -> date:
    """A day of the month, clamped to the month's last day."""
    days = _days(month)
    return days[min(day_of_month, len(days)) - 1]


def month_of(value: date) -> int:
    return (value.year - START_YEAR) * 12 + value.month - 1


def spring_festival_month(year: int) -> int:
    return month_of(_SPRING_FESTIVAL[year])


def is_spring_season(month: int) -> bool:
    """The festival's month and the month before it, when most returns happen."""
    year, _ = year_month(month)
    festival = {spring_festival_month(year), spring_festival_month(year + 1)}
    return month in festival or month + 1 in festival


def after_festival(month: int) -> bool:
    """The month after the festival, when people leave again (and get a transport subsidy)."""
    year, _ = year_month(month)
    return month - 1 == spring_festival_month(year)


def add_years(value: date, years: int) -> date:
    """The same day ``years`` later; 29 February becomes 1 March in a common year."""
    try:
        return value.replace(year=value.year + years)
    except ValueError:
        return date(value.year + years, 3, 1)


def age_on(birth: date, when: date) -> int:
    return when.year - birth.year - ((when.month, when.day) < (birth.month, birth.day))


def first_month_aged_over(birth: date, years: int) -> int:
    """The first month whose first day finds the person older than ``years`` (age > years)."""
    birthday = add_years(birth, years + 1)
    return month_of(birthday) + (birthday.day > 1)


def hr_stamp(when: date, seconds: int) -> str:
    """HR's 'YYYYMMDDHHMMSS'."""
    hours, rest = divmod(seconds, 3600)
    return f"{when.year:04d}{when.month:02d}{when.day:02d}{hours:02d}{rest // 60:02d}{rest % 60:02d}"


def iso_stamp(when: date, seconds: int) -> str:
    """The poverty office's and finance's 'YYYY-MM-DD HH:MM:SS'."""
    hours, rest = divmod(seconds, 3600)
    return f"{when.isoformat()} {hours:02d}:{rest // 60:02d}:{rest % 60:02d}"


def office_seconds(fraction: float) -> int:
    """A time of day within office hours (08:00–18:00) for a fraction in [0, 1)."""
    return 8 * 3600 + int(fraction * 10 * 3600)


def compact_date(value: date) -> str:
    return f"{value.year:04d}{value.month:02d}{value.day:02d}"


def slash_date(value: date) -> str:
    return f"{value.year:04d}/{value.month:02d}/{value.day:02d}"
