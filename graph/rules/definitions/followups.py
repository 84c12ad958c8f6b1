"""FOLLOWUP_MISSING and FOLLOWUP_LATE: 行政村每月20日前完成回访, 乡镇25日前录入 (policy 七.二).

FOLLOWUP_MISSING: a laborer × a month of the run with no follow-up of that month, poverty office or ledger
(only laborers with fewer follow-up months than the run has are expanded month by month).
FOLLOWUP_LATE: a village × month whose follow-ups include a visit after day ``visit_by_day`` of the month
(a visit in a later month is after it) or an entry (``LRRQ``, the office's rows only) after day
``entry_by_day``. A ledger row belongs to the ledger file's village; any other follow-up to the village
of its person's household (a person without a household row is skipped).
"""

from __future__ import annotations

from graph.rules.definitions.common import laborer, person_key
from graph.rules.dialect import quoted
from graph.rules.rule import Query, Rule, RuleContext

LEDGER = "ledger"


def _missing(context: RuleContext) -> Query:
    sql = context.dialect
    first, last, months = context.span
    visited = f"""visited AS MATERIALIZED (
        SELECT citizen_id, COUNT(DISTINCT period) AS months FROM followups
        WHERE {context.within_run("period")}
        GROUP BY citizen_id
    )"""
    unvisited = f"""unvisited AS MATERIALIZED (
        SELECT l.citizen_id, l.household_no FROM people l LEFT JOIN visited v ON v.citizen_id = l.citizen_id
        WHERE {laborer("l")} AND COALESCE(v.months, 0) < :months
    )"""
    status = "(SELECT e.status FROM employment e WHERE e.citizen_id = u.citizen_id AND e.period = s.period)"
    evidence = sql.json_object([("village", "h.village_code"), ("status", status)])
    select = f"""
        SELECT {person_key("u.citizen_id", "s.period")}, s.period, u.citizen_id, h.household_no, NULL,
               h.village_code, {evidence}
        FROM unvisited u CROSS JOIN sel s
        LEFT JOIN households h ON h.household_no = u.household_no
        WHERE NOT EXISTS (
            SELECT 1 FROM followups f WHERE f.citizen_id = u.citizen_id AND f.period = s.period{sql.per_row()}
        )
    """
    return Query(select, (context.months_cte(), visited, unvisited), {"first": first, "last": last, "months": months})


def _late(context: RuleContext) -> Query:
    sql = context.dialect
    late = f"""late AS (
        SELECT CASE WHEN f.source = {quoted(LEDGER)} THEN f.village_code ELSE h.village_code END AS village,
               f.period, f.visit_date, f.entry_date,
               CASE WHEN f.visit_date > s.visit_by THEN 1 ELSE 0 END AS late_visit,
               CASE WHEN f.entry_date > s.entry_by THEN 1 ELSE 0 END AS late_entry
        FROM sel s JOIN followups f ON f.period = s.period
        LEFT JOIN people p ON f.source <> {quoted(LEDGER)} AND p.citizen_id = f.citizen_id
        LEFT JOIN households h ON h.household_no = p.household_no
        WHERE f.visit_date > s.visit_by OR f.entry_date > s.entry_by
    )"""
    evidence = sql.json_object(
        [
            ("late_visits", "SUM(late_visit)"),
            ("late_entries", "SUM(late_entry)"),
            ("latest_visit", "MAX(visit_date)"),
            ("latest_entry", "MAX(entry_date)"),
        ]
    )
    select = f"""
        SELECT village || '|' || period, period, NULL, NULL, NULL, village, {evidence}
        FROM late WHERE village IS NOT NULL
        GROUP BY village, period
    """
    return Query(select, (context.months_cte(), late))


FOLLOWUP_MISSING = Rule("FOLLOWUP_MISSING", "未按月回访", "monitoring", ("citizen_id", "period"), _missing)
FOLLOWUP_LATE = Rule("FOLLOWUP_LATE", "回访或录入逾期", "monitoring", ("village", "period"), _late)
