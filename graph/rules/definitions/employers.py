"""Subsidies to organisations: EMPLOYER_SUBSIDY_WITHOUT_EMPLOYMENT and WORKSHOP_SUBSIDY_WHILE_CLOSED.

EMPLOYER_SUBSIDY_WITHOUT_EMPLOYMENT: an effective hiring or workshop subsidy (XN01, CJ01) paid to an
organisation, unless some HR record of the beneficiary for the covered month — any of them, not only
the one the unified status took — has an employed status and that organisation's credit code.
WORKSHOP_SUBSIDY_WHILE_CLOSED: an effective workshop subsidy (CJ01) to a workshop operator (``FPCJ.XYDM``)
all of whose workshops are 停产/注销, covering a month later than the month of each one's last update
(``XGSJ``, the row's source update time). Neither needs a beneficiary for the second rule.
"""

from __future__ import annotations

from graph.rules.dialect import quoted, quoted_list, yuan
from graph.rules.rule import Query, Rule, RuleContext


def _without_employment(context: RuleContext) -> Query:
    sql = context.dialect
    subsidies = quoted_list(context.config.codes.employer_subsidies)
    evidence = sql.json_object(
        [
            ("citizen_id", "pay.beneficiary_citizen_id"),
            ("employer", "pay.payee_credit_code"),
            ("period", "pay.covered_period"),
            ("subsidy_type", "pay.subsidy_type"),
            ("amount", yuan("pay.amount")),
            ("status", "e.status"),
            ("status_employer", "e.employer_credit_code"),
        ]
    )
    select = f"""
        SELECT pay.voucher, pay.covered_period, pay.beneficiary_citizen_id, NULL, pay.voucher, pay.county_code,
               {evidence}
        FROM sel s JOIN payments pay ON pay.covered_period = s.period
        LEFT JOIN employment e ON e.citizen_id = pay.beneficiary_citizen_id AND e.period = pay.covered_period
        WHERE pay.effective AND pay.subsidy_type IN ({subsidies}) AND pay.payee_credit_code IS NOT NULL
          AND pay.beneficiary_citizen_id IS NOT NULL
          AND NOT EXISTS (
              SELECT 1 FROM employment_reports r
              WHERE r.citizen_id = pay.beneficiary_citizen_id AND r.period = pay.covered_period
                AND r.status IN ({context.employed}) AND r.employer_credit_code = pay.payee_credit_code
          )
    """
    return Query(select, (context.months_cte(),))


def _while_closed(context: RuleContext) -> Query:
    sql = context.dialect
    codes = context.config.codes
    closed = quoted_list(codes.closed_workshop_statuses)
    operators = f"""operators AS (
        SELECT w.operator_credit_code AS operator,
               SUM(CASE WHEN w.status IN ({closed}) AND w.source_updated_at IS NOT NULL THEN 0 ELSE 1 END)
                   AS still_open,
               MAX({sql.month_of("w.source_updated_at")}) AS last_update,
               {sql.json_array_agg("w.code")} AS workshops
        FROM workshops w WHERE w.operator_credit_code IS NOT NULL
        GROUP BY w.operator_credit_code
    )"""
    evidence = sql.json_object(
        [
            ("operator", "o.operator"),
            ("workshops", sql.json("o.workshops")),
            ("last_update", "o.last_update"),
            ("period", "pay.covered_period"),
            ("amount", yuan("pay.amount")),
        ]
    )
    select = f"""
        SELECT pay.voucher, pay.covered_period, pay.beneficiary_citizen_id, NULL, pay.voucher, pay.county_code,
               {evidence}
        FROM sel s JOIN payments pay ON pay.covered_period = s.period
        JOIN operators o ON o.operator = pay.payee_credit_code
        WHERE pay.effective AND pay.subsidy_type = {quoted(codes.workshop_subsidy)}
          AND o.still_open = 0 AND pay.covered_period > o.last_update
    """
    return Query(select, (context.months_cte(), operators))


EMPLOYER_SUBSIDY_WITHOUT_EMPLOYMENT = Rule(
    "EMPLOYER_SUBSIDY_WITHOUT_EMPLOYMENT",
    "单位补贴无对应就业记录",
    "reconciliation",
    ("voucher",),
    _without_employment,
    by_voucher=True,
)
WORKSHOP_SUBSIDY_WHILE_CLOSED = Rule(
    "WORKSHOP_SUBSIDY_WHILE_CLOSED",
    "车间停产注销后仍获补贴",
    "reconciliation",
    ("voucher",),
    _while_closed,
    by_voucher=True,
)
