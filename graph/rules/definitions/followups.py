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
from graph.store.schema import LATE_DAYS, late_followup

LEDGER = "ledger"
BY_PERSON = "ix_followups_person_period"
#: the partial index of follow-ups late by the policy's days (``schema.LATE_DAYS``; migrations 0006, 0008)
LATE = "ix_followups_late"


def _missing(context: RuleContext) -> Query:
    """Laborers short of follow-up months, then their months without one (both in key order).

    On SQLite each laborer's months are counted by a search of ``ix_followups_person_period`` while
    ``people`` is read in its stored (key) order (``in_order`` pins it), so the searches walk the index
    from start to end and read each page once; a ``visited`` table joined back would first have to be
    indexed anew (a sort of every person with a follow-up). The months of the few short laborers are
    looked up the same way.
    PostgreSQL counts all follow-ups in one hashed aggregate and joins it to ``people`` (a subquery per
    laborer would be millions of separate index scans there).
    """
    sql = context.dialect
    first, last, months = context.span
    if sql.postgres:
        visited = f"""visited AS MATERIALIZED (
        SELECT citizen_id, COUNT(DISTINCT period) AS months FROM followups
        WHERE {context.within_run("period")}
        GROUP BY citizen_id
    )"""
        short = f"""unvisited AS MATERIALIZED (
        SELECT l.citizen_id, l.household_no FROM people l LEFT JOIN visited v ON v.citizen_id = l.citizen_id
        WHERE {laborer("l")} AND COALESCE(v.months, 0) < :months
    )"""
        ctes: tuple[str, ...] = (visited, short)
    else:
        counted = (
            f"(SELECT COUNT(DISTINCT f.period) FROM {sql.by_index('followups f', BY_PERSON)}"
            f" WHERE f.citizen_id = l.citizen_id AND {context.within_run('f.period')})"
        )
        ctes = (
            f"""unvisited AS MATERIALIZED (
        SELECT l.citizen_id, l.household_no FROM {sql.in_order("people", "l")}
        WHERE {laborer("l")} AND {counted} < :months
    )""",
        )
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
    return Query(select, (context.months_cte(), *ctes), {"first": first, "last": last, "months": months})


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
