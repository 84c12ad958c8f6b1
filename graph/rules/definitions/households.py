"""ZERO_EMPLOYMENT_HOUSEHOLD: 零就业家庭至少一人就业 (policy 二, 六.一).

A registered household (its own row not quarantined) with at least one laborer aged 16–60 in the
month, not a student, willing to work away (愿意 or 未定), and no member — laborer or not — employed in
the month. No status in a month is not employed.

Most laborers are employed most months, so the query starts from the few candidates instead of from
every household: an idle laborer-month (a status that is not employed, or no status at all, found for
the few laborers with fewer statuses than the run has months), then checks the rest of the household.
"""

from __future__ import annotations

from graph.rules.definitions.common import laborer, zero_employment_candidate
from graph.rules.dialect import month_index
from graph.rules.rule import Query, Rule, RuleContext


def _query(context: RuleContext) -> Query:
    sql = context.dialect
    first, last, months = context.span
    eligible = zero_employment_candidate("l", "s.idx", context)
    reported = f"""reported AS MATERIALIZED (
        SELECT citizen_id, COUNT(*) AS months FROM employment
        WHERE {context.within_run("period")}
        GROUP BY citizen_id
    )"""
    unreported = f"""unreported AS MATERIALIZED (
        SELECT l.citizen_id FROM people l LEFT JOIN reported r ON r.citizen_id = l.citizen_id
        WHERE {laborer("l")} AND COALESCE(r.months, 0) < :months
    )"""
    idle = f"""idle AS MATERIALIZED (
        SELECT e.period, l.household_no
        FROM {sql.in_order("employment", "e")} CROSS JOIN people l
        WHERE {context.within_run("e.period")} AND e.status NOT IN ({context.employed})
          AND l.citizen_id = e.citizen_id AND {zero_employment_candidate("l", month_index("e.period"), context)}
        UNION
        SELECT s.period, l.household_no
        FROM unreported u CROSS JOIN people l CROSS JOIN sel s
        WHERE l.citizen_id = u.citizen_id AND {eligible}
          AND NOT EXISTS (SELECT 1 FROM employment e WHERE e.citizen_id = l.citizen_id AND e.period = s.period)
    )"""
    member_employed = f"""m.household_no = i.household_no AND m.registered
          AND e.citizen_id = m.citizen_id AND e.period = i.period AND e.status IN ({context.employed})"""
    laborers = f"""(SELECT {sql.json_array_agg("l.citizen_id")} FROM people l
                    WHERE l.household_no = h.household_no AND {eligible})"""
    evidence = sql.json_object([("village", "h.village_code"), ("laborers", laborers)])
    found = f"""
        SELECT h.household_no || '|' || i.period, i.period, NULL, h.household_no, NULL, h.village_code, {evidence}
        FROM idle i CROSS JOIN households h CROSS JOIN sel s
    """
    params = {"first": first, "last": last, "months": months}
    ctes = (context.months_cte(), reported, unreported, idle)
    if sql.postgres:
        # PostgreSQL hashes the busy household-months once and anti-joins them.
        busy = f"""busy AS MATERIALIZED (
            SELECT DISTINCT i.household_no, i.period FROM idle i CROSS JOIN people m CROSS JOIN employment e
            WHERE {member_employed}
        )"""
        select = f"""{found}
        LEFT JOIN busy b ON b.household_no = i.household_no AND b.period = i.period
        WHERE h.household_no = i.household_no AND s.period = i.period AND b.household_no IS NULL
        """
        return Query(select, (*ctes, busy), params)
    # SQLite stops at the first employed member of each idle household-month (most have one), and walks
    # them month by month (``idle`` is ordered by period), so the statuses it reads lie close together.
    select = f"""{found}
        WHERE h.household_no = i.household_no AND s.period = i.period
          AND NOT EXISTS (SELECT 1 FROM people m CROSS JOIN employment e WHERE {member_employed})
    """
    return Query(select, ctes, params)


ZERO_EMPLOYMENT_HOUSEHOLD = Rule(
    "ZERO_EMPLOYMENT_HOUSEHOLD", "零就业家庭", "monitoring", ("household", "period"), _query, alert=True
)
