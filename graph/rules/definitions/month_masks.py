"""Each person's months of some kind (employed) as bit masks, from one pass over the monthly rows.

Rules that ask "was this person employed that month" for millions of person-months look up one
small row per person instead of a row per month: at province scale the monthly tables have tens of millions
of rows, and reading them at random (a lookup per person-month) costs several times a pass in stored order.
Bit *i* of ``mask_0`` is month ``first + i``; a span longer than ``MASK_MONTHS`` months continues in
``mask_1`` and so on. A person with no such month in the span has no row.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.rules.dialect import month_index
from graph.rules.periods import month_index as month_number
from graph.rules.rule import RuleContext

MASK_MONTHS = 62
"""Months one mask holds: bits of a signed 64-bit integer, with room to spare."""


@dataclass(frozen=True, slots=True)
class MonthMasks:
    """Masks of ``months`` consecutive months from the month numbered ``first`` (``periods.month_index``)."""

    context: RuleContext
    first: int
    months: int

    @classmethod
    def of_run(cls, context: RuleContext) -> MonthMasks:
        """The run's months."""
        first = month_number(context.months[0]) if context.months else 0
        return cls(context, first, len(context.months))

    @classmethod
    def of_checked(cls, context: RuleContext) -> MonthMasks:
        """Every month checked (rules comparing with months before the run's)."""
        if context.checked is None:
            return cls(context, 0, 0)
        first, last = (month_number(month) for month in context.checked)
        return cls(context, first, last - first + 1)

    @property
    def columns(self) -> list[str]:
        return [f"mask_{block}" for block in range(max(1, -(-self.months // MASK_MONTHS)))]

    def cte(self, name: str, rows: str, where: str) -> str:
        """``name (citizen_id, mask_0, ...)`` from the rows ``r`` of the FROM item ``rows`` (with ``citizen_id``
        and ``period``, at most one row a person and month) that meet ``where``, within the span."""
        sql = self.context.dialect
        offset = f"({month_index('r.period')} - {self.first})"
        masks = []
        for block, column in enumerate(self.columns):
            bits = sql.bit(offset)
            if len(self.columns) > 1:
                low = block * MASK_MONTHS
                within = f"{offset} BETWEEN {low} AND {low + MASK_MONTHS - 1}"
                bits = f"CASE WHEN {within} THEN {sql.bit(f'{offset} - {low}')} ELSE 0 END"
            masks.append(f"{sql.bit_union(bits)} AS {column}")
        # Rows outside the span are kept out even when the caller's condition would let them in (a store
        # holding statuses outside the months checked): shifted by a negative or too large offset, they
        # would set some other month's bit on PostgreSQL.
        span = f"r.period >= '{self._period(0)}' AND r.period <= '{self._period(self.months - 1)}'"
        return f"""{name} AS MATERIALIZED (
        SELECT r.citizen_id, {", ".join(masks)}
        FROM {rows}
        WHERE {where} AND {span}
        GROUP BY r.citizen_id
    )"""

    def _period(self, offset: int) -> str:
        """``YYYY-MM`` of the month ``offset`` months into the span."""
        number = self.first + offset
        return f"{number // 12:04d}-{number % 12 + 1:02d}"

    def employed(self, name: str = "worked", where: str = "1 = 1") -> str:
        """:meth:`cte` of each person's employed months (the unified status; ``where`` on ``r``)."""
        rows = self.context.dialect.in_order("employment", "r")
        return self.cte(name, rows, f"r.status IN ({self.context.employed}) AND {where}")

    def has(self, masks: str, month: str) -> str:
        """The person of the row ``masks`` (NULLs for none) has the month numbered ``month``."""
        offset = f"({month} - {self.first})"
        if len(self.columns) == 1:
            return f"((COALESCE({masks}.mask_0, 0) >> {offset}) & 1) = 1"
        cases = " ".join(
            f"WHEN {offset} < {(block + 1) * MASK_MONTHS} "
            f"THEN (COALESCE({masks}.{column}, 0) >> ({offset} - {block * MASK_MONTHS})) & 1"
            for block, column in enumerate(self.columns)
        )
        return f"(CASE {cases} END) = 1"

    def lacks_some(self, masks: str) -> str:
        """The person of the row ``masks`` (NULLs for none) lacks some month of the span."""
        missing = []
        for block, column in enumerate(self.columns):
            held = min(MASK_MONTHS, self.months - block * MASK_MONTHS)
            missing.append(f"COALESCE({masks}.{column}, 0) <> {(1 << held) - 1}")
        return "(" + " OR ".join(missing) + ")"
