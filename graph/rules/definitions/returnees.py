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
    # Starts from the few return events (a partial index holds them: about 0.3 % of the follow-ups),
    # then looks up the two months after each; not from every unemployed status of the run.
    returns = """returns AS MATERIALIZED (
        SELECT DISTINCT f.citizen_id, f.period FROM followups f WHERE f.returned
    )"""
    evidence = sql.json_object([("returned_in", "s.two_before"), ("status", "b.status")])
    select = f"""
        SELECT {person_key("b.citizen_id", "s.period")}, s.period, b.citizen_id, h.household_no, NULL,
               h.village_code, {evidence}
        FROM returns r CROSS JOIN sel s CROSS JOIN employment a CROSS JOIN employment b CROSS JOIN people p
        LEFT JOIN households h ON h.household_no = p.household_no
        WHERE s.two_before = r.period
          AND a.citizen_id = r.citizen_id AND a.period = s.month_before AND a.status = {unemployed}
          AND b.citizen_id = r.citizen_id AND b.period = s.period AND b.status = {unemployed}
          AND p.citizen_id = r.citizen_id AND {laborer("p")}
    """
    return Query(select, (context.months_cte(), returns))


RETURNEE_NOT_REEMPLOYED = Rule(
    "RETURNEE_NOT_REEMPLOYED", "返乡未再就业", "monitoring", ("citizen_id", "period"), _query, alert=True
)
