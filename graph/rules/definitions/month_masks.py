"""Each person's employed (or followed-up) months over a span as bit masks, from the per-year summary.

Rules that ask "was this person employed that month" for millions of person-months read the resolver's
``person_months`` (a row per person and year, twelve bits each for employed and followed-up months)
instead of the monthly tables: at province scale those have tens of millions of rows, the summary a few
million. Bit *i* of ``mask_0`` is month ``first + i``; a span longer than ``MASK_MONTHS`` months continues
in ``mask_1`` and so on. A person with no such month in the span has no row.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.caliber import Period
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

    def employed(self) -> str:
        """``worked (citizen_id, mask_0, ...)``: each person's months with an employed status (the caliber's
        ``is_employed``, applied by the resolver) in the span."""
        return self._cte("worked", "employed")

    def visited(self) -> str:
        """``visited (citizen_id, mask_0, ...)``: each person's months with at least one follow-up in the span."""
        return self._cte("visited", "visited")

    def _cte(self, name: str, bits: str) -> str:
        """A year's twelve bits moved to their place in each mask of the span, the span's months only.

        A year before a mask's first month is shifted right, one after it left; shift counts stay within
        0..63 (beyond that PostgreSQL's shifts wrap), and months outside the span are cleared.
        """
        sql = self.context.dialect
        masks = []
        for block, column in enumerate(self.columns):
            start = month_number(self.first) + block * MASK_MONTHS
            held = min(MASK_MONTHS, self.months - block * MASK_MONTHS)
            offset = f"(m.year * 12 - {start})"
            year = f"CAST(m.{bits} AS BIGINT)"
            moved = f"""CASE WHEN {offset} >= 0 AND {offset} < {held} THEN ({year} << {offset}) & {(1 << held) - 1}
                     WHEN {offset} < 0 AND {offset} > -12 THEN ({year} >> (-{offset})) & {(1 << held) - 1}
                     ELSE 0 END"""
            masks.append(f"{sql.bit_union(moved)} AS {column}")
        return f"""{name} AS MATERIALIZED (
        SELECT m.citizen_id, {", ".join(masks)}
        FROM person_months m
        WHERE m.{bits} <> 0 AND m.year >= {self.first.year} AND m.year <= {self.last.year}
        GROUP BY m.citizen_id
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
