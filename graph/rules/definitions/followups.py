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
from graph.rules.definitions.month_masks import MonthMasks
from graph.rules.dialect import quoted
from graph.rules.rule import Query, Rule, RuleContext
from graph.store.schema import LATE_DAYS, late_followup

LEDGER = "ledger"
#: the partial index of follow-ups late by the policy's days (``schema.LATE_DAYS``; migrations 0006, 0008)
LATE = "ix_followups_late"


def _missing(context: RuleContext) -> Query:
    """Laborers short of a follow-up month, then their months without one, from the per-year summary.

    Each person's followed-up months of the run come from ``person_months`` as masks (a few million rows,
    where the follow-ups are tens of millions at province scale); a laborer whose mask lacks a month of the
    run is expanded over the run's months, and the months missing from it are the findings.
    """
    sql = context.dialect
    masks = MonthMasks.of_run(context)
    columns = ", ".join(f"v.{mask}" for mask in masks.columns)
    short = f"""unvisited AS MATERIALIZED (
        SELECT l.citizen_id, l.household_no, {columns}
        FROM people l LEFT JOIN visited v ON v.citizen_id = l.citizen_id
        WHERE {laborer("l")} AND {masks.lacks_some("v")}
    )"""
    status = "(SELECT e.status FROM employment e WHERE e.citizen_id = u.citizen_id AND e.period = s.period)"
    evidence = sql.json_object([("village", "h.village_code"), ("status", status)])
    select = f"""
        SELECT {person_key("u.citizen_id", "s.period")}, s.period, u.citizen_id, h.household_no, NULL,
               h.village_code, {evidence}
        FROM unvisited u CROSS JOIN sel s
        LEFT JOIN households h ON h.household_no = u.household_no
        WHERE NOT ({masks.has("u", "s.idx")})
    """
    return Query(select, (context.months_cte(), masks.visited(), short))


def _late(context: RuleContext) -> Query:
    """The late follow-ups straight from a partial index on SQLite, else one pass over ``followups``.

    Late follow-ups are a handful per thousand. A row is first tested against its own month's deadlines
    (on SQLite ``period || '-20'`` is the ``visit_by`` of ``sel`` as SQLite stores dates; PostgreSQL builds
    the date with ``make_date``), the test the partial index ``ix_followups_late`` (migrations 0006, 0008)
    is defined by: with the policy's days (20, 25) only the indexed rows are read (PostgreSQL scanned all
    27 million of a province for them, 25 s). With other days configured the test no longer matches the
    index and the table is read page by page instead, never through ``ix_followups_period`` (which would
    fetch every row of the run on its own). The exact test against ``sel`` follows for the rows that pass.
    """
    sql = context.dialect
    thresholds = context.config.thresholds
    days = (thresholds.visit_by_day, thresholds.entry_by_day)
    early = f"({late_followup(*days, postgres=sql.postgres, alias='f.')}) AND "
    if sql.postgres:
        followups = "followups f"
    else:
        followups = sql.by_index("followups f", LATE) if days == LATE_DAYS else sql.scanned("followups f")
    late = f"""late AS (
        SELECT CASE WHEN f.source = {quoted(LEDGER)} THEN f.village_code ELSE h.village_code END AS village,
               f.period, f.visit_date, f.entry_date,
               CASE WHEN f.visit_date > s.visit_by THEN 1 ELSE 0 END AS late_visit,
               CASE WHEN f.entry_date > s.entry_by THEN 1 ELSE 0 END AS late_entry
        FROM {followups} CROSS JOIN sel s
        LEFT JOIN people p ON f.source <> {quoted(LEDGER)} AND p.citizen_id = f.citizen_id
        LEFT JOIN households h ON h.household_no = p.household_no
        WHERE {early}s.period = f.period AND (f.visit_date > s.visit_by OR f.entry_date > s.entry_by)
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
