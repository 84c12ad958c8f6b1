"""ZERO_EMPLOYMENT_HOUSEHOLD: 零就业家庭至少一人就业 (policy 二, 六.一).

A registered household (its own row not quarantined) with at least one laborer aged 16–60 in the
month, not a student, willing to work away (愿意 or 未定), and no member — laborer or not — employed in
the month. No status in a month is not employed.

Most laborers are employed most months, so the query starts from the few candidates instead of from
every household: one ordered pass over the monthly statuses gives each person's employed months as a bit
mask (:class:`EmployedMonths`); the laborers with a month missing from their mask give the idle
household-months; a household-month holds when no registered member's mask has that month.
"""

from __future__ import annotations

from graph.rules.definitions.common import zero_employment_candidate
from graph.rules.definitions.employed_months import EmployedMonths
from graph.rules.rule import Query, Rule, RuleContext


def _query(context: RuleContext) -> Query:
    sql = context.dialect
    eligible = zero_employment_candidate("l", "s.idx", context)
    masks = EmployedMonths.of_run(context)
    idle = f"""idle AS MATERIALIZED (
        SELECT DISTINCT s.period, s.idx, l.household_no
        FROM people l LEFT JOIN worked w ON w.citizen_id = l.citizen_id CROSS JOIN sel s
        WHERE {masks.idle_some_month("w")} AND NOT ({masks.employed_in("w", "s.idx")}) AND {eligible}
    )"""
    laborers = f"""(SELECT {sql.json_array_agg("l.citizen_id")} FROM people l
                    WHERE l.household_no = h.household_no AND {eligible})"""
    evidence = sql.json_object([("village", "h.village_code"), ("laborers", laborers)])
    found = f"""
        SELECT h.household_no || '|' || i.period, i.period, NULL, h.household_no, NULL, h.village_code, {evidence}
        FROM idle i CROSS JOIN households h CROSS JOIN sel s
    """
    first, last, _ = context.span
    params = {"first": first, "last": last}
    worked = masks.cte(where=context.within_run("e.period"))
    ctes = (context.months_cte(), worked, idle)
    if sql.postgres:
        # PostgreSQL unites the members' masks per candidate household in one hashed pass.
        busy = f"""busy AS MATERIALIZED (
            SELECT m.household_no, {", ".join(f"bit_or(w.{mask}) AS {mask}" for mask in masks.columns)}
            FROM people m JOIN worked w ON w.citizen_id = m.citizen_id
            WHERE m.registered AND m.household_no IN (SELECT household_no FROM idle)
            GROUP BY m.household_no
        )"""
        select = f"""{found}
        LEFT JOIN busy b ON b.household_no = i.household_no
        WHERE h.household_no = i.household_no AND s.period = i.period AND NOT ({masks.employed_in("b", "i.idx")})
        """
        return Query(select, (*ctes, busy), params)
    # SQLite has no aggregate to unite overlapping masks: it looks at the members one by one and stops at
    # the first employed one (most idle households have one).
    select = f"""{found}
        WHERE h.household_no = i.household_no AND s.period = i.period
          AND NOT EXISTS (SELECT 1 FROM people m CROSS JOIN worked w
                          WHERE m.household_no = i.household_no AND m.registered AND w.citizen_id = m.citizen_id
                            AND {masks.employed_in("w", "i.idx")})
    """
    return Query(select, ctes, params)


ZERO_EMPLOYMENT_HOUSEHOLD = Rule(
    "ZERO_EMPLOYMENT_HOUSEHOLD", "零就业家庭", "monitoring", ("household", "period"), _query, alert=True
)
