"""Payment reconciliation: PAYMENT_TO_UNREGISTERED, DUPLICATE_PAYMENT, SHARED_BANK_ACCOUNT.

Only effective payments count (status PAID, no reversal naming them; the resolver's ``effective``).
The beneficiary is the laborer named as the subsidy's object when an organisation is paid, else the
payee (``beneficiary_citizen_id``); a payment without one, or (where a rule needs it) without a covered
month, takes part in no such rule. Voucher findings are dated by the covered month.
"""

from __future__ import annotations

from graph.rules.dialect import yuan
from graph.rules.rule import Query, Rule, RuleContext

BY_BENEFICIARY = "ix_payments_beneficiary_citizen_id"


def _unregistered(context: RuleContext) -> Query:
    sql = context.dialect
    unknown = """unknown AS MATERIALIZED (
        SELECT b.citizen_id FROM (
            SELECT DISTINCT beneficiary_citizen_id AS citizen_id FROM payments WHERE beneficiary_citizen_id IS NOT NULL
        ) b
        WHERE NOT EXISTS (SELECT 1 FROM people p WHERE p.citizen_id = b.citizen_id AND p.registered)
    )"""
    evidence = sql.json_object(
        [
            ("citizen_id", "pay.beneficiary_citizen_id"),
            ("subsidy_type", "pay.subsidy_type"),
            ("amount", yuan("pay.amount")),
            ("period", "pay.covered_period"),
            ("county", "pay.county_code"),
        ]
    )
    select = f"""
        SELECT pay.voucher, pay.covered_period, pay.beneficiary_citizen_id, NULL, pay.voucher, pay.county_code,
               {evidence}
        FROM unknown u CROSS JOIN payments pay
        WHERE pay.beneficiary_citizen_id = u.citizen_id AND pay.effective AND {context.in_scope("pay.covered_period")}
    """
    return Query(select, (context.months_cte(), unknown))


def _duplicate(context: RuleContext) -> Query:
    sql = context.dialect
    repeated = f"""repeated AS MATERIALIZED (
        SELECT beneficiary_citizen_id AS citizen_id, subsidy_type, covered_period FROM payments pay
        WHERE pay.effective AND pay.beneficiary_citizen_id IS NOT NULL AND pay.covered_period IS NOT NULL
          AND {context.in_scope("pay.covered_period")}
        GROUP BY beneficiary_citizen_id, subsidy_type, covered_period
        HAVING COUNT(*) > 1
    )"""
    window = (
        "PARTITION BY pay.beneficiary_citizen_id, pay.subsidy_type, pay.covered_period "
        f"ORDER BY pay.paid_on, {sql.binary('pay.voucher')}"
    )
    ranked = f"""ranked AS (
        SELECT pay.voucher, pay.beneficiary_citizen_id, pay.subsidy_type, pay.covered_period, pay.amount,
               pay.county_code,
               ROW_NUMBER() OVER ({window}) AS nth,
               FIRST_VALUE(pay.voucher) OVER ({window}) AS first_voucher
        FROM repeated g CROSS JOIN {sql.by_index("payments pay", BY_BENEFICIARY)}
        WHERE pay.beneficiary_citizen_id = g.citizen_id AND pay.subsidy_type = g.subsidy_type
          AND pay.covered_period = g.covered_period AND pay.effective
    )"""
    evidence = sql.json_object(
        [
            ("first_voucher", "r.first_voucher"),
            ("citizen_id", "r.beneficiary_citizen_id"),
            ("period", "r.covered_period"),
            ("subsidy_type", "r.subsidy_type"),
            ("amount", yuan("r.amount")),
        ]
    )
    select = f"""
        SELECT r.voucher, r.covered_period, r.beneficiary_citizen_id, NULL, r.voucher, r.county_code, {evidence}
        FROM ranked r WHERE r.nth > 1
    """
    return Query(select, (context.months_cte(), repeated, ranked))


def _shared_account(context: RuleContext) -> Query:
    sql = context.dialect
    individual = "pay.effective AND pay.payee_credit_code IS NULL AND pay.account IS NOT NULL AND pay.account <> ''"
    shared = f"""shared AS MATERIALIZED (
        SELECT pay.account FROM payments pay
        WHERE {individual} AND pay.beneficiary_citizen_id IS NOT NULL
        GROUP BY pay.account
        HAVING COUNT(DISTINCT pay.beneficiary_citizen_id) >= :households
    )"""
    evidence = sql.json_object(
        [
            ("households", sql.json_array_agg("h.household_no", distinct=True)),
            ("payees", "COUNT(DISTINCT pay.beneficiary_citizen_id)"),
            ("payments", "COUNT(*)"),
        ]
    )
    select = f"""
        SELECT pay.account, NULL, NULL, NULL, NULL, MIN(pay.county_code), {evidence}
        FROM shared x CROSS JOIN payments pay CROSS JOIN people p CROSS JOIN households h
        WHERE pay.account = x.account AND {individual}
          AND p.citizen_id = pay.beneficiary_citizen_id AND p.registered AND h.household_no = p.household_no
        GROUP BY pay.account
        HAVING COUNT(DISTINCT h.household_no) >= :households
    """
    return Query(select, (shared,), params={"households": context.config.thresholds.shared_account_households})


PAYMENT_TO_UNREGISTERED = Rule(
    "PAYMENT_TO_UNREGISTERED", "补贴发给非建档人员", "reconciliation", ("voucher",), _unregistered, by_voucher=True
)
DUPLICATE_PAYMENT = Rule("DUPLICATE_PAYMENT", "重复发放", "reconciliation", ("voucher",), _duplicate, by_voucher=True)
SHARED_BANK_ACCOUNT = Rule(
    "SHARED_BANK_ACCOUNT", "多户共用收款账号", "reconciliation", ("account",), _shared_account, periodic=False
)
