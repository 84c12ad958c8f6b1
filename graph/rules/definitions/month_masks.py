"""Each person's employed months as bit masks, from one ordered pass over the monthly statuses.

Rules that ask "was this person employed that month" for millions of person-months look up one small row
per person instead of a row per month: at province scale the monthly table has tens of millions of rows,
and reading it at random (a lookup per person-month) costs several times a pass in stored order.
Bit *i* of ``mask_0`` is month ``first + i``; a span longer than ``MASK_MONTHS`` months continues in
``mask_1`` and so on. A person with no employed month in the span has no row.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.caliber import Period
from graph.rules.dialect import month_index
from graph.rules.periods import month_index as month_number
from graph.rules.rule import RuleContext

MASK_MONTHS = 62
"""Months one mask holds: bits of a signed 64-bit integer, with room to spare."""


@dataclass(frozen=True, slots=True)
class MonthMasks:
    """Masks of the months from ``first`` to ``last``."""

    context: RuleContext
    first: Period
    last: Period

    @classmethod
    def of_run(cls, context: RuleContext) -> MonthMasks:
        """The run's months."""
        months = context.months or (_NO_MONTH, _NO_MONTH.previous())
        return cls(context, months[0], months[-1])

    @classmethod
    def of_checked(cls, context: RuleContext) -> MonthMasks:
        """Every month checked (rules comparing with months before the run's)."""
        first, last = context.checked or (_NO_MONTH, _NO_MONTH.previous())
        return cls(context, first, last)

    @property
    def months(self) -> int:
        return max(0, month_number(self.last) - month_number(self.first) + 1)

    @property
    def columns(self) -> list[str]:
        return [f"mask_{block}" for block in range(max(1, -(-self.months // MASK_MONTHS)))]

    def employed(self, where: str = "1 = 1") -> str:
        """``worked (citizen_id, mask_0, ...)``: each person's employed months in the span (statuses ``r`` meeting
        ``where`` too).

        Statuses outside the span are kept out even where the store holds some outside the months checked:
        shifted by a negative or too large offset, they would set another month's bit on PostgreSQL.
        """
        sql = self.context.dialect
        offset = f"({month_index('r.period')} - {month_number(self.first)})"
        masks = []
        for block, column in enumerate(self.columns):
            bits = sql.bit(offset)
            if len(self.columns) > 1:
                low = block * MASK_MONTHS
                within = f"{offset} BETWEEN {low} AND {low + MASK_MONTHS - 1}"
                bits = f"CASE WHEN {within} THEN {sql.bit(f'{offset} - {low}')} ELSE 0 END"
            masks.append(f"{sql.bit_union(bits)} AS {column}")
        return f"""worked AS MATERIALIZED (
        SELECT r.citizen_id, {", ".join(masks)}
        FROM {sql.in_order("employment", "r")}
        WHERE r.status IN ({self.context.employed}) AND {where}
          AND r.period >= '{self.first}' AND r.period <= '{self.last}'
        GROUP BY r.citizen_id
    )"""

    def has(self, masks: str, month: str) -> str:
        """The person of the row ``masks`` (NULLs for none) has the month numbered ``month``."""
        offset = f"({month} - {month_number(self.first)})"
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


_NO_MONTH = Period(2000, 1)
"""Where an empty span starts (it ends the month before)."""
