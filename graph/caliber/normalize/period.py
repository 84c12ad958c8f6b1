"""Report months (``YYYY-MM``) and the month arithmetic the rules need."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from graph.caliber.errors import Invalid
from graph.caliber.normalize.text import blank, half_width, missing

ELEMENT = "period"


def parse_period(raw: str | int | date | None) -> str:
    """``YYYY-MM`` from ``YYYY-MM``, ``YYYYMM`` (text or number) or a date's month; else bad_date."""
    if isinstance(raw, date):
        return f"{raw.year:04d}-{raw.month:02d}"
    if blank(raw):
        raise missing(ELEMENT, raw)
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)
    if isinstance(raw, str):
        text = half_width(raw).strip()
        if len(text) == 7 and text[4] == "-":
            text = text[:4] + text[5:]
        if len(text) == 6 and text.isdigit() and text.isascii() and text >= "190001" and "01" <= text[4:] <= "12":
            return f"{text[:4]}-{text[4:]}"
    raise Invalid(
        fault="bad_date",
        element=ELEMENT,
        value=raw,
        reason=f"month {raw!r} is not a real month; expected YYYY-MM or YYYYMM, month 01–12, from 1900 on",
    )


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """One calendar month; ordered, hashable, printed as ``YYYY-MM``."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month!r} of period {self.year}: expected 1–12")

    @classmethod
    def parse(cls, raw: str | int | date) -> Period:
        text = parse_period(raw)
        return cls(int(text[:4]), int(text[5:]))

    @classmethod
    def of(cls, day: date) -> Period:
        return cls(day.year, day.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def shift(self, months: int) -> Period:
        """The month ``months`` later (earlier when negative)."""
        year, month = divmod(self.year * 12 + self.month - 1 + months, 12)
        return Period(year, month + 1)

    def previous(self) -> Period:
        return self.shift(-1)

    def next(self) -> Period:
        return self.shift(1)

    def year_earlier(self) -> Period:
        return Period(self.year - 1, self.month)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @staticmethod
    def span(first: Period, last: Period) -> Iterator[Period]:
        """Every month from ``first`` to ``last``, both included (nothing when ``last`` is earlier)."""
        month = first
        while month <= last:
            yield month
            month = month.next()
