"""The caliber's code sets the queries need (laborer categories, employed statuses), read from the registry."""

from __future__ import annotations

from datetime import date
from functools import cache

from graph.caliber import load_caliber

#: RULES.md: a zero-employment household has a laborer willing (or undecided) to work away.
WILLING = ("YES", "UNDECIDED")


@cache
def laborer_categories() -> tuple[str, ...]:
    return tuple(code.code for code in load_caliber().code_list("labor_category") if code.is_laborer)


@cache
def employed_statuses() -> tuple[str, ...]:
    return load_caliber().employed_statuses()


@cache
def monitored_statuses() -> tuple[str, ...]:
    return tuple(code.code for code in load_caliber().code_list("household_status") if code.is_monitored)


def born_by(first_day: date, years: int) -> str:
    """``YYYYMMDD`` of the latest birth date that is ``years`` old on ``first_day`` (IDs hold their birth date)."""
    return f"{first_day.year - years:04d}{first_day.month:02d}{first_day.day:02d}"
