"""Which months a run covers: the store's periods checked, narrowed to one month or a range.

"Periods checked" (RULES.md) are every month from the earliest to the latest month present in HR's
employment records, the follow-ups (poverty office and ledgers) and the payments' covered months.
A run's scope is all of them, or the months of a range that fall inside them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text

from graph.caliber import Period

# One aggregate per statement: each is then a single step along an index (both in one statement would
# make SQLite scan the table).
_BOUNDS = (
    ("employment_reports", "period"),
    ("followups", "period"),
    ("payments", "covered_period"),
)


class ScopeError(ValueError):
    """A period or range given to a run is malformed; the message says what was expected."""


@dataclass(frozen=True, slots=True)
class Scope:
    """All periods (``first``/``last`` None) or the months from ``first`` to ``last``, both included."""

    first: Period | None = None
    last: Period | None = None

    @classmethod
    def parse(cls, raw: str | None) -> Scope:
        """``None`` → all; ``YYYY-MM`` → that month; ``YYYY-MM..YYYY-MM`` → that range."""
        if raw is None or not raw.strip():
            return cls()
        first_text, separator, last_text = raw.strip().partition("..")
        try:
            first = Period.parse(first_text)
            last = Period.parse(last_text) if separator else first
        except ValueError:
            raise ScopeError(
                f"period {raw!r} is not a month or a range; expected YYYY-MM or YYYY-MM..YYYY-MM"
            ) from None
        if last < first:
            raise ScopeError(f"period range {raw!r} ends before it starts; expected the earlier month first")
        return cls(first, last)

    @property
    def is_all(self) -> bool:
        return self.first is None

    def __str__(self) -> str:
        if self.first is None or self.last is None:
            return "all"
        return str(self.first) if self.first == self.last else f"{self.first}..{self.last}"


def periods_checked(connection: Connection) -> tuple[Period, Period] | None:
    """The first and last month checked, or None when the store holds no dated data yet."""
    lows, highs = [], []
    for table, column in _BOUNDS:
        low = connection.execute(text(f"SELECT MIN({column}) FROM {table}")).scalar()
        if low is not None:
            lows.append(low)
            highs.append(connection.execute(text(f"SELECT MAX({column}) FROM {table}")).scalar())
    if not lows:
        return None
    return Period.parse(min(lows)), Period.parse(max(highs))


def months_in(scope: Scope, checked: tuple[Period, Period] | None) -> list[Period]:
    """The months checked that the scope covers, in order."""
    if checked is None:
        return []
    first, last = checked
    if scope.first is not None and scope.last is not None:
        first, last = max(first, scope.first), min(last, scope.last)
    return list(Period.span(first, last))


def month_index(period: Period) -> int:
    """Months since year 0, so that "a year earlier" is ``- 12`` in SQL too (see ``dialect``)."""
    return period.year * 12 + period.month - 1
