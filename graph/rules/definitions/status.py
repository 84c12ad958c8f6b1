"""STATUS_CONFLICT: HR's employment status differs from a follow-up's of the same month.

HR's record is the one the unified status took (latest ``GXSJ``, then highest ID: the ``employment``
row whose source is HR); every follow-up of that person and month, poverty office or ledger, is compared
with it in unified caliber (返乡 is UNEMPLOYED). Anyone, registered or not. The resolver's
``conflicts`` (element ``employment_status``: any HR record against any follow-up) are a superset of the
findings, so they narrow the search before the exact comparison (``CROSS JOIN`` keeps SQLite's join
order: conflicts first).
"""

from __future__ import annotations

from graph.caliber import load_caliber
from graph.rules.definitions.common import person_key
from graph.rules.dialect import quoted
from graph.rules.rule import Query, Rule, RuleContext


def _query(context: RuleContext) -> Query:
    sql = context.dialect
    authority = load_caliber().element("employment_status").authority or "hr"
    differing = f"""differing AS (
        SELECT e.citizen_id, e.period, e.status,
               {sql.json_array_agg("f.source || ':' || f.status")} AS followups
        FROM conflicts c CROSS JOIN employment e CROSS JOIN followups f
        WHERE c.subject_type = 'person' AND c.element = 'employment_status'
          AND c.period IN (SELECT period FROM sel)
          AND e.citizen_id = c.subject_key AND e.period = c.period AND e.source = {quoted(authority)}
          AND f.citizen_id = e.citizen_id AND f.period = e.period AND f.status <> e.status
        GROUP BY e.citizen_id, e.period, e.status
    )"""
    evidence = sql.json_object([("hr_status", "d.status"), ("followups", sql.json("d.followups"))])
    select = f"""
        SELECT {person_key("d.citizen_id", "d.period")}, d.period, d.citizen_id, h.household_no, NULL,
               h.village_code, {evidence}
        FROM differing d
        LEFT JOIN people p ON p.citizen_id = d.citizen_id
        LEFT JOIN households h ON h.household_no = p.household_no
    """
    return Query(select, (context.months_cte(), differing))


STATUS_CONFLICT = Rule(
    "STATUS_CONFLICT", "人社与回访就业状态不一致", "reconciliation", ("citizen_id", "period"), _query
)
