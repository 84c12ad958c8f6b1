"""SCALE_DECLINE: 年度就业务工规模不降低 (policy 二).

Per county (of the laborer's household village), the number of employed laborers in a month is strictly
lower than in the same month a year earlier, both months checked; a county with nobody employed in the
month counts zero. Only months whose year-earlier month is checked are counted at all.
"""

from __future__ import annotations

from graph.rules.definitions.common import laborer
from graph.rules.rule import Query, Rule, RuleContext


def _query(context: RuleContext) -> Query:
    sql = context.dialect
    # Person by person in key order (on SQLite), each person's household once and the few months counted
    # looked up beside each other; walking the months' rows instead fetches them at random from a table
    # stored person by person, and looks up a person and a household for every row.
    employed = f"""employed AS (
        SELECT SUBSTR(h.village_code, 1, 6) AS county, e.period, COUNT(*) AS laborers
        FROM {sql.in_order("people", "p")} CROSS JOIN households h CROSS JOIN employment e
        WHERE {laborer("p")} AND h.household_no = p.household_no
          AND e.citizen_id = p.citizen_id AND e.status IN ({context.employed})
          AND e.period IN (SELECT period FROM sel WHERE year_before IS NOT NULL UNION SELECT year_before FROM sel)
        GROUP BY SUBSTR(h.village_code, 1, 6), e.period
    )"""
    evidence = sql.json_object([("employed", "COALESCE(n.laborers, 0)"), ("employed_year_before", "y.laborers")])
    select = f"""
        SELECT y.county || '|' || s.period, s.period, NULL, NULL, NULL, y.county, {evidence}
        FROM sel s JOIN employed y ON y.period = s.year_before
        LEFT JOIN employed n ON n.county = y.county AND n.period = s.period
        WHERE COALESCE(n.laborers, 0) < y.laborers
    """
    return Query(select, (context.months_cte(), employed))


SCALE_DECLINE = Rule("SCALE_DECLINE", "就业规模同比下降", "monitoring", ("county", "period"), _query)
