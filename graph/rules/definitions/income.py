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
    compared = """
        SELECT e.citizen_id, e.period
        FROM sel s CROSS JOIN employment e CROSS JOIN employment b
        WHERE s.{earlier} IS NOT NULL AND e.period = s.period
          AND e.status IN ({employed}) AND e.income IS NOT NULL
          AND b.citizen_id = e.citizen_id AND b.period = s.{earlier}
          AND b.income > 0 AND e.income * 100 <= b.income * :keep
    """
    dropped = (
        "dropped AS MATERIALIZED ("
        + compared.format(employed=context.employed, earlier="month_before")
        + " UNION "
        + compared.format(employed=context.employed, earlier="year_before")
        + ")"
    )
    evidence = sql.json_object(
        [
            ("status", "e.status"),
            ("income", yuan("e.income")),
            ("income_month_before", yuan("b.income")),
            ("income_year_before", yuan("y.income")),
        ]
    )
    select = f"""
        SELECT {person_key("d.citizen_id", "d.period")}, d.period, d.citizen_id, h.household_no, NULL,
               h.village_code, {evidence}
        FROM dropped d CROSS JOIN sel s CROSS JOIN employment e CROSS JOIN people p
        LEFT JOIN households h ON h.household_no = p.household_no
        LEFT JOIN employment b ON b.citizen_id = d.citizen_id AND b.period = s.month_before
        LEFT JOIN employment y ON y.citizen_id = d.citizen_id AND y.period = s.year_before
        WHERE s.period = d.period AND e.citizen_id = d.citizen_id AND e.period = d.period
          AND p.citizen_id = d.citizen_id AND {laborer("p")}
    """
    keep = 100 - context.config.thresholds.income_drop_percent
    return Query(select, (context.months_cte(), dropped), {"keep": keep})


def _below_normal(context: RuleContext) -> Query:
    sql = context.dialect
    low = f"""low AS MATERIALIZED (
        SELECT e.citizen_id, e.period, e.status, e.income, h.household_no, h.village_code,
               SUBSTR(h.village_code, 1, 6) AS county, s.first_day
        FROM sel s CROSS JOIN employment e CROSS JOIN people p CROSS JOIN households h
        WHERE e.period = s.period AND e.status IN ({context.employed})
          AND e.status <> {quoted(context.config.codes.public_post_status)}
          AND e.income < (SELECT MAX(monthly_amount) FROM minimum_wages)
          AND p.citizen_id = e.citizen_id AND {laborer("p")} AND h.household_no = p.household_no
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
    return Query(select, (context.months_cte(), *wage_ctes(context), low))


INCOME_DROP = Rule("INCOME_DROP", "收入降幅较大", "monitoring", ("citizen_id", "period"), _drop, alert=True)
INCOME_BELOW_NORMAL = Rule(
    "INCOME_BELOW_NORMAL", "收入低于最低工资", "monitoring", ("citizen_id", "period"), _below_normal, alert=True
)
