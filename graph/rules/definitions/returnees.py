"""RETURNEE_NOT_REEMPLOYED: 确保返乡人员全部实现就业 (policy 六.三).

A laborer with a RETURNED event (a follow-up saying 返乡, poverty office or ledger) in month M whose
unified status is UNEMPLOYED in both M+1 and M+2; the finding is dated M+2. The event counts whether or
not that follow-up decided M's status.
"""

from __future__ import annotations

from graph.rules.definitions.common import laborer, person_key
from graph.rules.dialect import quoted
from graph.rules.rule import Query, Rule, RuleContext


def _query(context: RuleContext) -> Query:
    sql = context.dialect
    unemployed = quoted(context.config.codes.unemployed_status)
    evidence = sql.json_object([("returned_in", "s.two_before"), ("status", "b.status")])
    select = f"""
        SELECT {person_key("b.citizen_id", "s.period")}, s.period, b.citizen_id, h.household_no, NULL,
               h.village_code, {evidence}
        FROM sel s CROSS JOIN employment b CROSS JOIN employment a CROSS JOIN people p
        LEFT JOIN households h ON h.household_no = p.household_no
        WHERE s.two_before IS NOT NULL AND b.period = s.period AND b.status = {unemployed}
          AND a.citizen_id = b.citizen_id AND a.period = s.month_before AND a.status = {unemployed}
          AND EXISTS (
              SELECT 1 FROM followups f WHERE f.citizen_id = b.citizen_id AND f.period = s.two_before AND f.returned
          )
          AND p.citizen_id = b.citizen_id AND {laborer("p")}
    """
    return Query(select, (context.months_cte(),))


RETURNEE_NOT_REEMPLOYED = Rule(
    "RETURNEE_NOT_REEMPLOYED", "返乡未再就业", "monitoring", ("citizen_id", "period"), _query, alert=True
)
