"""Payment reconciliation: PAYMENT_TO_UNREGISTERED, DUPLICATE_PAYMENT, SHARED_BANK_ACCOUNT.

Only effective payments count (status PAID, no reversal naming them; the resolver's ``effective``).
The beneficiary is the laborer named as the subsidy's object when an organisation is paid, else the
payee (``beneficiary_citizen_id``); a payment without one, or (where a rule needs it) without a covered
month, takes part in no such rule. Voucher findings are dated by the covered month.
"""

from __future__ import annotations

from graph.rules.dialect import yuan
from graph.rules.rule import Query, Rule, RuleContext

BY_BENEFICIARY_MONTH = "ix_payments_beneficiary_month"
PERSONAL_ACCOUNT = "ix_payments_personal_account"


def _unregistered(context: RuleContext) -> Query:
    """Distinct beneficiaries from an index-only pass over ``ix_payments_beneficiary_citizen_id``, in key
    order, so each is looked up in ``people`` (stored in key order on SQLite) page after page; only the
    payments of the few unknown ones are then fetched through the same index."""
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
    """Repeated (beneficiary, month, type) groups read in order from ``ix_payments_beneficiary_month``
    (migration 0007) without touching the table and without a sort on SQLite (a hash on PostgreSQL), then
    only those groups' payments, through the same index; the window ranks their effective ones.

    The index holds no ``effective`` (the resolver rewrites that column of every payment at each sync, and
    each index holding it would be rewritten too), so the groups are counted over every payment: a
    superset of the groups repeated among the effective payments (the few others hold a payment that is
    not effective), and a group with a single effective payment has no second one to report.
    Walking ``ix_payments_beneficiary_citizen_id`` to have the groups in order fetches every payment of a
    province on its own, at random; a pass over the table in stored order sorts all 3.4 million by group
    (5.4–6.2 s CPU for the rule on a province; 1.2–1.35 s this way).
    """
    sql = context.dialect
    repeated = f"""repeated AS MATERIALIZED (
        SELECT pay.beneficiary_citizen_id AS citizen_id, pay.covered_period, pay.subsidy_type
        FROM {sql.by_index("payments pay", BY_BENEFICIARY_MONTH)}
        WHERE pay.beneficiary_citizen_id IS NOT NULL AND pay.covered_period IS NOT NULL
          AND {context.in_scope("pay.covered_period")}
        GROUP BY pay.beneficiary_citizen_id, pay.covered_period, pay.subsidy_type
        HAVING COUNT(*) > 1
    )"""
    of_group = """pay.beneficiary_citizen_id = g.citizen_id AND pay.covered_period = g.covered_period
          AND pay.subsidy_type = g.subsidy_type AND pay.effective"""
    if sql.postgres:
        # Looked up group by group through the beneficiary index: PostgreSQL expects ten times the groups
        # there are and would otherwise hash every payment of the province to join the few thousand.
        group_payments = f"LATERAL (SELECT * FROM payments pay WHERE {of_group}{sql.per_row()}) pay"
    else:
        group_payments = f"{sql.by_index('payments pay', BY_BENEFICIARY_MONTH)} WHERE {of_group}"
    window = (
        "PARTITION BY pay.beneficiary_citizen_id, pay.subsidy_type, pay.covered_period "
        f"ORDER BY pay.paid_on, {sql.binary('pay.voucher')}"
    )
    ranked = f"""ranked AS (
        SELECT pay.voucher, pay.beneficiary_citizen_id, pay.subsidy_type, pay.covered_period, pay.amount,
               pay.county_code,
               ROW_NUMBER() OVER ({window}) AS nth,
               FIRST_VALUE(pay.voucher) OVER ({window}) AS first_voucher
        FROM repeated g CROSS JOIN {group_payments}
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
    """Accounts whose payees live in enough households, first counting every payment to a personal account
    (read in order from ``ix_payments_personal_account``, migration 0007, without touching the table and
    without a sort on SQLite), then again over only those few accounts' effective payments.

    The index holds no ``effective`` (the resolver rewrites that column of every payment at each sync, and
    each index holding it would be rewritten too); an account's payees among its effective payments are a
    subset of its payees among all of them, so the first count keeps every account the second can
    report. Only the payees of accounts with several of them are looked up in ``people`` and
    ``households``. Left to itself SQLite reads the payments through ``ix_payments_payee_credit_code``
    (for ``IS NULL``) and fetches two thirds of them one by one; a pass over the table in stored order
    sorts those 2.3 million of a province by account and payee (4.5–5.6 s CPU for the rule; 1.3–2.1 s
    this way). The per-payee sums carry what the evidence needs (payments, lowest county code).
    """
    sql = context.dialect
    personal = "pay.payee_credit_code IS NULL AND pay.account IS NOT NULL AND pay.account <> ''"
    payees = f"""payees AS MATERIALIZED (
        SELECT pay.account, pay.beneficiary_citizen_id AS citizen_id
        FROM {sql.by_index("payments pay", PERSONAL_ACCOUNT)}
        WHERE {personal} AND pay.beneficiary_citizen_id IS NOT NULL
        GROUP BY pay.account, pay.beneficiary_citizen_id
    )"""
    shared = """shared AS MATERIALIZED (
        SELECT account FROM payees GROUP BY account HAVING COUNT(*) >= :households
    )"""
    candidates = """candidates AS MATERIALIZED (
        SELECT y.account
        FROM payees y CROSS JOIN people p CROSS JOIN households h
        WHERE y.account IN (SELECT account FROM shared)
          AND p.citizen_id = y.citizen_id AND p.registered AND h.household_no = p.household_no
        GROUP BY y.account
        HAVING COUNT(DISTINCT h.household_no) >= :households
    )"""
    paid = f"""paid AS MATERIALIZED (
        SELECT pay.account, pay.beneficiary_citizen_id AS citizen_id, COUNT(*) AS payments,
               MIN(pay.county_code) AS county
        FROM candidates c CROSS JOIN {sql.by_index("payments pay", PERSONAL_ACCOUNT)}
        WHERE pay.account = c.account AND pay.effective AND {personal} AND pay.beneficiary_citizen_id IS NOT NULL
        GROUP BY pay.account, pay.beneficiary_citizen_id
    )"""
    evidence = sql.json_object(
        [
            ("households", sql.json_array_agg("h.household_no", distinct=True)),
            ("payees", "COUNT(*)"),
            ("payments", "SUM(y.payments)"),
        ]
    )
    select = f"""
        SELECT y.account, NULL, NULL, NULL, NULL, MIN(y.county), {evidence}
        FROM paid y CROSS JOIN people p CROSS JOIN households h
        WHERE p.citizen_id = y.citizen_id AND p.registered AND h.household_no = p.household_no
        GROUP BY y.account
        HAVING COUNT(DISTINCT h.household_no) >= :households
    """
    return Query(
        select,
        (payees, shared, candidates, paid),
        params={"households": context.config.thresholds.shared_account_households},
    )


PAYMENT_TO_UNREGISTERED = Rule(
    "PAYMENT_TO_UNREGISTERED", "补贴发给非建档人员", "reconciliation", ("voucher",), _unregistered, by_voucher=True
)
DUPLICATE_PAYMENT = Rule("DUPLICATE_PAYMENT", "重复发放", "reconciliation", ("voucher",), _duplicate, by_voucher=True)
SHARED_BANK_ACCOUNT = Rule(
    "SHARED_BANK_ACCOUNT", "多户共用收款账号", "reconciliation", ("account",), _shared_account, periodic=False
)
