"""INCOME_DROP and INCOME_BELOW_NORMAL: 收入降幅较大、低于正常收入…重点预警 (policy 七.三).

Both look at a laborer employed in the month whose income (the one that goes with the unified status,
same record) is known. INCOME_DROP compares it with the month before and with the same month a year
earlier, each only when that earlier income is known and above zero, whatever the earlier status; a drop
of exactly the threshold counts (``now × 100 ≤ earlier × (100 − percent)``, exact in fen).
INCOME_BELOW_NORMAL: a status other than a public-welfare post, income below the minimum wage in force
in the person's county (no standard → no finding). Incomes at or above every standard ever set are
passed over before any lookup.
"""

from __future__ import annotations

from graph.rules.definitions.common import laborer, person_key, wage_ctes, wage_join
from graph.rules.dialect import quoted, yuan
from graph.rules.rule import Query, Rule, RuleContext


def _drop(context: RuleContext) -> Query:
    sql = context.dialect
    keep = 100 - context.config.thresholds.income_drop_percent
    evidence = sql.json_object(
        [
            ("status", "d.status"),
            ("income", yuan("d.income")),
            ("income_month_before", yuan("d.month_before")),
            ("income_year_before", yuan("d.year_before")),
        ]
    )
    select = f"""
        SELECT {person_key("d.citizen_id", "d.period")}, d.period, d.citizen_id, h.household_no, NULL,
               h.village_code, {evidence}
        FROM dropped d CROSS JOIN people p
        LEFT JOIN households h ON h.household_no = p.household_no
        WHERE p.citizen_id = d.citizen_id AND {laborer("p")}
    """
    dropped = _dropped_below_peak(context) if sql.postgres else _dropped_in_order(context)
    first, last, _ = context.span
    return Query(select, (context.months_cte(), dropped), {"keep": keep, "first": first, "last": last})


def _fell(earlier: str, income: str) -> str:
    """``income`` is at least the threshold below a known ``earlier`` income above zero."""
    return f"({earlier} > 0 AND {income} * 100 <= {earlier} * :keep)"


def _dropped_in_order(context: RuleContext) -> str:
    """SQLite: one pass over ``employment`` in its order (person by person, month by month), each month's
    income beside the same person's month before and year before — lookups in the page just read.
    Walking it month by month instead fetches every row at random once the table outgrows the cache.

    A first pass keeps each person's highest income (``peak``): a month can only have dropped if its income
    is at most the threshold share of that peak, so most months are passed over without their two lookups
    (at province scale this halves the query: 15.7 → 8.1 s of CPU).
    """
    before, year = context.earlier("e.period", 1), context.earlier("e.period", 12)
    peak = f"""peak AS MATERIALIZED (
        SELECT citizen_id, MAX(income) AS top FROM {context.dialect.in_order("employment", "m")}
        GROUP BY citizen_id
    )"""
    return f"""{peak}, dropped AS MATERIALIZED (
        SELECT e.citizen_id, e.period, e.status, e.income, b.income AS month_before, y.income AS year_before
        FROM peak k CROSS JOIN employment e
        LEFT JOIN employment b ON b.citizen_id = e.citizen_id AND b.period = {before}
        LEFT JOIN employment y ON y.citizen_id = e.citizen_id AND y.period = {year}
        WHERE e.citizen_id = k.citizen_id AND e.income * 100 <= k.top * :keep
          AND {context.within_run("e.period")} AND e.status IN ({context.employed}) AND e.income IS NOT NULL
          AND ({_fell("b.income", "e.income")} OR {_fell("y.income", "e.income")})
    )"""


def _dropped_below_peak(context: RuleContext) -> str:
    """PostgreSQL: as on SQLite, a month can only have dropped if its income is at most the threshold share
    of the person's peak income, so a person can only have a drop if their lowest employed income of the run
    is that low. One hashed pass over ``employment`` keeps just those people with their peak
    (``peak``: 40,792 of the province's 1.56 million people with an income, about 5 s); their months below
    the share are then read through the primary key person by person (``OFFSET 0`` keeps the lateral
    subquery a lookup: pulled up into a join, it was planned as a hash of all 21 million employed months),
    and only those 206,817 months look up their month before and year before. At province scale the query
    takes 7.5-9.4 s; hash-joining every month of the run with its month before and year before took 49-66 s.
    """
    employed = f"e.status IN ({context.employed}) AND {context.within_run('e.period')}"
    earlier = "(SELECT x.income FROM employment x WHERE x.citizen_id = e.citizen_id AND x.period = {month})"
    before, year = context.earlier("e.period", 1), context.earlier("e.period", 12)
    return f"""peak AS MATERIALIZED (
        SELECT e.citizen_id, MAX(e.income) AS top FROM employment e
        WHERE e.income IS NOT NULL
        GROUP BY e.citizen_id
        HAVING MIN(CASE WHEN {employed} THEN e.income END) * 100 <= MAX(e.income) * :keep
    ), low AS MATERIALIZED (
        SELECT e.citizen_id, e.period, e.status, e.income, {earlier.format(month=before)} AS month_before,
               {earlier.format(month=year)} AS year_before
        FROM peak k CROSS JOIN LATERAL (
            SELECT e.citizen_id, e.period, e.status, e.income FROM employment e
            WHERE e.citizen_id = k.citizen_id AND e.income * 100 <= k.top * :keep
              AND {employed} AND e.income IS NOT NULL{context.dialect.per_row()}
        ) e
    ), dropped AS MATERIALIZED (
        SELECT d.citizen_id, d.period, d.status, d.income, d.month_before, d.year_before FROM low d
        WHERE {_fell("d.month_before", "d.income")} OR {_fell("d.year_before", "d.income")}
    )"""


def _below_normal(context: RuleContext) -> Query:
    sql = context.dialect
    # The cheap tests first, in one pass over ``employment`` in its own order (on SQLite, walking it month
    # by month fetches every row at random once it outgrows the cache); only the few low incomes (about
    # 3 % of the rows) then look up their person and household.
    income_low = f"""income_low AS MATERIALIZED (
        SELECT e.citizen_id, e.period, e.status, e.income FROM employment e
        WHERE {context.within_run("e.period")} AND e.status IN ({context.employed})
          AND e.status <> {quoted(context.config.codes.public_post_status)}
          AND e.income < (SELECT MAX(monthly_amount) FROM minimum_wages)
    )"""
    low = f"""low AS MATERIALIZED (
        SELECT i.citizen_id, i.period, i.status, i.income, h.household_no, h.village_code,
               SUBSTR(h.village_code, 1, 6) AS county, s.first_day
        FROM income_low i CROSS JOIN people p CROSS JOIN households h CROSS JOIN sel s
        WHERE p.citizen_id = i.citizen_id AND {laborer("p")} AND h.household_no = p.household_no
          AND s.period = i.period
    )"""
    evidence = sql.json_object(
        [
            ("status", "x.status"),
            ("income", yuan("x.income")),
            ("minimum_wage", yuan("w.monthly_amount")),
            ("county", "x.county"),
            ("wage_effective_from", "w.effective_from"),
        ]
    )
    select = f"""
        SELECT {person_key("x.citizen_id", "x.period")}, x.period, x.citizen_id, x.household_no, NULL,
               x.village_code, {evidence}
        FROM low x {wage_join(context, "x.county", "x.period", "x.first_day")}
        WHERE x.income < w.monthly_amount
    """
    first, last, _ = context.span
    ctes = (context.months_cte(), *wage_ctes(context), income_low, low)
    return Query(select, ctes, {"first": first, "last": last})


INCOME_DROP = Rule("INCOME_DROP", "收入降幅较大", "monitoring", ("citizen_id", "period"), _drop, alert=True)
INCOME_BELOW_NORMAL = Rule(
    "INCOME_BELOW_NORMAL", "收入低于最低工资", "monitoring", ("citizen_id", "period"), _below_normal, alert=True
)
