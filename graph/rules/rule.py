"""What a rule is: a code, its subject keys, and one set-based query over the unified store.

A rule's query selects one row per finding with these columns, and nothing else:

``subject_key``  the subject's values joined by ``|`` in the order of ``keys`` (unique per rule)
``period``       the month the finding belongs to (NULL for whole-store rules and undated vouchers)
``citizen_id``, ``household_no``, ``voucher``, ``region_code``  what the finding is about, for lookups
``evidence``     JSON text

Periodic rules read the ``sel`` CTE (the run's months, see :meth:`RuleContext.months_cte`). The
query does all the judging in the database; the runner only carries its rows, in one batch, to the
findings store.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date as date_type
from typing import TYPE_CHECKING, Any, Literal

from graph.caliber import Period, load_caliber
from graph.rules.dialect import Dialect, quoted_list
from graph.rules.periods import Scope, month_index

if TYPE_CHECKING:
    from graph.rules.config import RuleConfig

SubjectKey = Literal["citizen_id", "household", "village", "county", "voucher", "account", "period"]
Kind = Literal["monitoring", "reconciliation"]
COLUMNS = ("subject_key", "period", "citizen_id", "household_no", "voucher", "region_code", "evidence")


@dataclass(frozen=True, slots=True)
class Query:
    """``WITH <ctes> SELECT ...``: the rule's CTEs (``sel`` is added for it) and its final SELECT."""

    select: str
    ctes: tuple[str, ...] = ()
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RuleContext:
    """What a rule's query is built from: the engine's dialect, the configuration and the run's months."""

    dialect: Dialect
    config: RuleConfig
    months: tuple[Period, ...]
    checked: tuple[Period, Period] | None
    scope: Scope = field(default_factory=Scope)

    @property
    def full_scope(self) -> bool:
        """The run covers every period (so undated vouchers take part too)."""
        return self.scope.is_all

    @property
    def employed(self) -> str:
        """SQL list of the employed statuses (the caliber's ``is_employed`` flag)."""
        return quoted_list(load_caliber().employed_statuses())

    def in_scope(self, covered_period: str) -> str:
        """A condition keeping vouchers whose covered month is in the run (every voucher in a full run)."""
        return "1 = 1" if self.full_scope else f"{covered_period} IN (SELECT period FROM sel)"

    @property
    def first_checked_index(self) -> int | None:
        return None if self.checked is None else month_index(self.checked[0])

    @property
    def last_checked_index(self) -> int | None:
        return None if self.checked is None else month_index(self.checked[1])

    def within_run(self, period: str) -> str:
        """A condition keeping rows of the run's months; none when they are all the months checked (every
        dated row is then in the run, and without the condition an index on the person serves instead)."""
        if self.checked is not None and self.months == tuple(Period.span(*self.checked)):
            return "1 = 1"
        return f"{period} >= :first AND {period} <= :last"

    @property
    def span(self) -> tuple[str, str, int]:
        """The run's first and last month (``YYYY-MM``) and how many months it covers (no gaps)."""
        if not self.months:
            return "", "", 0
        return str(self.months[0]), str(self.months[-1]), len(self.months)

    def earlier(self, period: str, months: int) -> str:
        """The checked month ``months`` before the ``YYYY-MM`` expression ``period`` (NULL when that month
        is not checked), as a ``CASE`` over the checked months: cheaper per row than date arithmetic,
        which matters in a pass over every monthly row."""
        if self.checked is None:
            return "NULL"
        checked = list(Period.span(*self.checked))
        pairs = [(later, earlier) for earlier, later in zip(checked, checked[months:], strict=False)]
        if not pairs:
            return "NULL"
        return f"CASE {period} " + " ".join(f"WHEN '{later}' THEN '{earlier}'" for later, earlier in pairs) + " END"

    def months_cte(self) -> str:
        """``sel``: one row per month of the run with the days and the earlier months rules compare.

        ``month_before``, ``two_before`` and ``year_before`` are NULL when that month is not checked:
        the store holds nothing there, so no lookup is made for it.
        """
        thresholds = self.config.thresholds
        date = self.dialect.date
        first_checked = self.checked[0] if self.checked else None

        def earlier(month: Period, months: int) -> str:
            found = month.shift(-months)
            return f"'{found}'" if first_checked is not None and found >= first_checked else "NULL"

        rows = []
        for month in self.months:
            first = month.first_day
            values = (
                f"'{month}'",
                str(month_index(month)),
                date(first),
                date(month.last_day),
                earlier(month, 1),
                earlier(month, 2),
                earlier(month, 12),
                date(first.replace(day=thresholds.visit_by_day)),
                date(first.replace(day=thresholds.entry_by_day)),
            )
            rows.append(f"({', '.join(values)})")
        columns = "period, idx, first_day, last_day, month_before, two_before, year_before, visit_by, entry_by"
        if not rows:
            nothing = date(date_type(1900, 1, 1))
            empty = f"'', 0, {nothing}, {nothing}, '', '', '', {nothing}, {nothing}"
            return f"sel ({columns}) AS (SELECT {empty} WHERE 1 = 0)"
        return f"sel ({columns}) AS (VALUES {', '.join(rows)})"


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of RULES.md."""

    code: str
    zh: str
    kind: Kind
    keys: tuple[SubjectKey, ...]
    query: Callable[[RuleContext], Query]
    #: False for the rules whose subject has no period (judged over all periods checked at once).
    periodic: bool = True
    #: An alert that comes with suggested measures (the "six top-ups").
    alert: bool = False
    #: Dated by the covered month of a voucher: filtered by it, and undated vouchers only in full runs.
    by_voucher: bool = False

    def subject(self, subject_key: str) -> dict[str, str]:
        """The subject object of RULES.md's output from a stored ``subject_key``."""
        values = subject_key.rsplit("|", len(self.keys) - 1)
        return dict(zip(self.keys, values, strict=True))
