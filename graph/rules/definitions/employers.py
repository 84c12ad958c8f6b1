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

EMPLOYED_BY = "ix_employment_reports_period_employer"
BY_PAYEE = "ix_payments_payee_credit_code"


def _without_employment(context: RuleContext) -> Query:
    """One pass over ``payments`` in stored order, then one index-only search per organisation subsidy.

    The subsidies are a third of the payments (a million in a province), so both sides must stay cheap:
    the payments are read page by page (through ``ix_payments_covered_period`` every row would be fetched
    on its own), and whether HR has the employed record is answered from the partial covering index
    ``ix_employment_reports_period_employer`` (only records that name an employer) without touching the
    records themselves. The index leads with the month because payments are stored roughly month by
    month, so consecutive searches stay within one month's slice of it. The status test is kept out of
    the search key on SQLite (``+``): an ``IN`` list there becomes one search per listed status. The
    unified status in the evidence is looked up only for the findings.
    """
    sql = context.dialect
    subsidies = quoted_list(context.config.codes.employer_subsidies)
    status = "r.status" if sql.postgres else "+r.status"
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
        FROM {sql.scanned("payments pay")}
        LEFT JOIN employment e ON e.citizen_id = pay.beneficiary_citizen_id AND e.period = pay.covered_period
        WHERE pay.effective AND pay.subsidy_type IN ({subsidies}) AND pay.payee_credit_code IS NOT NULL
          AND pay.beneficiary_citizen_id IS NOT NULL AND pay.covered_period IN (SELECT period FROM sel)
          AND NOT EXISTS (
              SELECT 1 FROM {sql.by_index("employment_reports r", EMPLOYED_BY)}
              WHERE r.period = pay.covered_period AND r.citizen_id = pay.beneficiary_citizen_id
                AND r.employer_credit_code = pay.payee_credit_code AND {status} IN ({context.employed})
          )
    """
    return Query(select, (context.months_cte(),))


def _while_closed(context: RuleContext) -> Query:
    """The operators whose workshops are all closed come first (``workshops`` is small), then only their
    payments, through ``ix_payments_payee_credit_code``; joining from ``sel`` SQLite would fetch every
    payment of the run through ``ix_payments_covered_period`` to find the few workshop subsidies."""
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
        FROM operators o CROSS JOIN {sql.by_index("payments pay", BY_PAYEE)}
        WHERE o.still_open = 0 AND pay.payee_credit_code = o.operator
          AND pay.effective AND pay.subsidy_type = {quoted(codes.workshop_subsidy)}
          AND pay.covered_period > o.last_update AND pay.covered_period IN (SELECT period FROM sel)
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
