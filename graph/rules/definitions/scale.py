"""SCALE_DECLINE: 年度就业务工规模不降低 (policy 二).

Per county (of the laborer's household village), the number of employed laborers in a month is strictly
lower than in the same month a year earlier, both months checked; a county with nobody employed in the
month counts zero. Only months whose year-earlier month is checked are counted at all.
"""

from __future__ import annotations

from graph.caliber import Period
from graph.rules.definitions.common import laborer
from graph.rules.definitions.month_masks import MonthMasks
from graph.rules.periods import month_index
from graph.rules.rule import Query, Rule, RuleContext


def _counted(context: RuleContext) -> list[Period]:
    """The run's months that have a checked year before, and those year-before months."""
    if context.checked is None:
        return []
    compared = [month for month in context.months if month.shift(-12) >= context.checked[0]]
    return sorted({*compared, *(month.shift(-12) for month in compared)})


def _query(context: RuleContext) -> Query:
    sql = context.dialect
    months = _counted(context)
    if not months:  # no month of the run has its year before checked
        return Query(f"SELECT {', '.join(['NULL'] * 7)} FROM sel WHERE 1 = 0", (context.months_cte(),))
    masks = MonthMasks.of_checked(context)
    # Each person's employed months from the per-year summary; then each person with one is looked up once,
    # with their household, and counted in every month at once (a column per month). Looking up a person
    # and a household for every monthly row costs ten times as much at province scale.
    worked = masks.employed()
    counts = ", ".join(
        f"SUM(CASE WHEN {masks.has('w', str(month_index(month)))} THEN 1 ELSE 0 END) AS m{position}"
        for position, month in enumerate(months)
    )
    by_county = f"""by_county AS MATERIALIZED (
        SELECT SUBSTR(h.village_code, 1, 6) AS county, {counts}
        FROM worked w CROSS JOIN people p CROSS JOIN households h
        WHERE p.citizen_id = w.citizen_id AND {laborer("p")} AND h.household_no = p.household_no
        GROUP BY SUBSTR(h.village_code, 1, 6)
    )"""
    listed = ", ".join(f"('{month}')" for month in months)
    counted = f"counted (period) AS (VALUES {listed})"
    per_month = " ".join(f"WHEN '{month}' THEN c.m{position}" for position, month in enumerate(months))
    employed = f"""employed AS (
        SELECT c.county, m.period, CASE m.period {per_month} END AS laborers
        FROM by_county c CROSS JOIN counted m
    )"""
    evidence = sql.json_object([("employed", "COALESCE(n.laborers, 0)"), ("employed_year_before", "y.laborers")])
    select = f"""
        SELECT y.county || '|' || s.period, s.period, NULL, NULL, NULL, y.county, {evidence}
        FROM sel s JOIN employed y ON y.period = s.year_before
        LEFT JOIN employed n ON n.county = y.county AND n.period = s.period
        WHERE COALESCE(n.laborers, 0) < y.laborers
    """
    return Query(select, (context.months_cte(), worked, by_county, counted, employed))


SCALE_DECLINE = Rule("SCALE_DECLINE", "就业规模同比下降", "monitoring", ("county", "period"), _query)
