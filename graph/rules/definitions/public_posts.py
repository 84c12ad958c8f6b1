"""Public-welfare posts: PUBLIC_POST_OVER_MIN_WAGE and POST_PAYMENT_WITHOUT_PLACEMENT (policy 四.五, 八.四).

PUBLIC_POST_OVER_MIN_WAGE: effective post subsidies (GY01 + GF01) for one beneficiary and covered month
add up to more than the minimum wage in force that month in the payment's county (``XZQH``). When the
month's payments name several counties, the lowest standard among those that have one decides; no
standard at all → no finding.
POST_PAYMENT_WITHOUT_PLACEMENT: an effective post subsidy covering a month in which HR has no placement
of the beneficiary active (start ≤ the month's last day, end empty or ≥ its first day): a post ending on
the 15th still covers its month.
"""

from __future__ import annotations

from graph.rules.definitions.common import person_key, wage_ctes, wage_join
from graph.rules.dialect import quoted_list, yuan
from graph.rules.rule import Query, Rule, RuleContext

BY_BENEFICIARY_MONTH = "ix_payments_beneficiary_month"


def _over_minimum_wage(context: RuleContext) -> Query:
    """Monthly post totals read in order from ``ix_payments_beneficiary_month`` (migration 0007) without
    touching the table and without a sort on SQLite (a hash on PostgreSQL); only the few totals above the
    lowest standard anywhere are looked at again, through the same index, for their effective payments,
    their counties' standards and vouchers.

    The index holds no ``effective`` (the resolver rewrites that column of every payment at each sync, and
    each index holding it would be rewritten too), so the first totals count every post subsidy: amounts
    are never negative, so a month's effective total is never above it, and the exact total is added up
    again from the effective payments (above its standard means above the lowest standard too). Through
    ``ix_payments_covered_period`` (SQLite's choice for the join with ``sel``) every post subsidy of the
    run, half of the payments, would be fetched on its own; a pass over the table in stored order sorts the
    1.8 million post subsidies of a province by person and month (3.5–4.1 s CPU for the rule; 1.6–1.9 s
    this way). The total is cast back to an integer: PostgreSQL sums ``BIGINT`` into ``NUMERIC``, which
    the yuan text would carry as decimals.
    """
    sql = context.dialect
    posts = quoted_list(context.config.codes.public_post_subsidies)
    paid = f"""paid AS MATERIALIZED (
        SELECT pay.beneficiary_citizen_id AS citizen_id, pay.covered_period AS period
        FROM {sql.by_index("payments pay", BY_BENEFICIARY_MONTH)}
        WHERE pay.covered_period IN (SELECT period FROM sel) AND pay.subsidy_type IN ({posts})
          AND pay.beneficiary_citizen_id IS NOT NULL
        GROUP BY pay.beneficiary_citizen_id, pay.covered_period
        HAVING SUM(pay.amount) > (SELECT MIN(monthly_amount) FROM minimum_wages)
    )"""
    standard = f"""standard AS MATERIALIZED (
        SELECT d.citizen_id, d.period, CAST(SUM(pay.amount) AS BIGINT) AS total, MIN(w.monthly_amount) AS standard,
               MIN(pay.county_code) AS county, {sql.json_array_agg("pay.voucher")} AS vouchers
        FROM paid d CROSS JOIN sel s CROSS JOIN {sql.by_index("payments pay", BY_BENEFICIARY_MONTH)}
        {wage_join(context, "pay.county_code", "pay.covered_period", "s.first_day", join="LEFT JOIN")}
        WHERE s.period = d.period AND pay.beneficiary_citizen_id = d.citizen_id AND pay.covered_period = d.period
          AND pay.effective AND pay.subsidy_type IN ({posts})
        GROUP BY d.citizen_id, d.period
    )"""
    evidence = sql.json_object(
        [
            ("total", yuan("d.total")),
            ("minimum_wage", yuan("d.standard")),
            ("county", "d.county"),
            ("vouchers", sql.json("d.vouchers")),
        ]
    )
    select = f"""
        SELECT {person_key("d.citizen_id", "d.period")}, d.period, d.citizen_id, h.household_no, NULL,
               COALESCE(h.village_code, d.county), {evidence}
        FROM standard d
        LEFT JOIN people p ON p.citizen_id = d.citizen_id
        LEFT JOIN households h ON h.household_no = p.household_no
        WHERE d.total > d.standard
    """
    return Query(select, (context.months_cte(), *wage_ctes(context), paid, standard))


def _placement_evidence(context: RuleContext) -> str:
    """The evidence of a post subsidy ``pay`` without a placement; the last placement end is looked up for
    findings only."""
    return context.dialect.json_object(
        [
            ("citizen_id", "pay.beneficiary_citizen_id"),
            ("period", "pay.covered_period"),
            ("subsidy_type", "pay.subsidy_type"),
            ("amount", yuan("pay.amount")),
            (
                "last_placement_end",
                "(SELECT MAX(pl.end_date) FROM placements pl "
                "WHERE pl.citizen_id = pay.beneficiary_citizen_id AND pl.end_date IS NOT NULL)",
            ),
        ]
    )


def _without_placement(context: RuleContext) -> Query:
    """The (beneficiary, month, type) groups of post subsidies without an active placement, read in order
    from ``ix_payments_beneficiary_month`` (migration 0007) without touching the table; then only those
    groups' payments, through the same index, of which the effective ones are reported. PostgreSQL takes
    another shape (:func:`_without_placement_hashed`).

    The placements are small (about one per person placed, 150 thousand in a province): they are read once
    into ``placed`` with their first and last month, which SQLite searches through an automatic covering
    index, in beneficiary order, so its pages stay in cache. A placement is active in a month when it
    starts by the month's last day and does not end before its first day, which for whole dates is its
    first month ≤ the month ≤ its last month: a text comparison with the covered month, without a join
    with ``sel`` (scanned for each payment) or a fetch from ``placements``. The index holds no
    ``effective`` (the resolver rewrites that column of every payment at each sync), so that test waits
    for the few groups found. Through ``ix_payments_covered_period`` (SQLite's choice for the join with
    ``sel``) every post subsidy of the run, half of the payments, would be fetched on its own; a pass over
    the table probing ``placements`` for each of the 1.8 million post subsidies of a province took
    6.8–7.7 s CPU (1.3–1.6 s this way).
    """
    sql = context.dialect
    if sql.postgres:
        return _without_placement_hashed(context)
    posts = quoted_list(context.config.codes.public_post_subsidies)
    placed = f"""placed AS MATERIALIZED (
        SELECT citizen_id, {sql.month_of("start_date")} AS first_month, {sql.month_of("end_date")} AS last_month
        FROM placements
    )"""
    unplaced = f"""unplaced AS MATERIALIZED (
        SELECT pay.beneficiary_citizen_id AS citizen_id, pay.covered_period AS period, pay.subsidy_type
        FROM {sql.by_index("payments pay", BY_BENEFICIARY_MONTH)}
        WHERE pay.subsidy_type IN ({posts}) AND pay.beneficiary_citizen_id IS NOT NULL
          AND pay.covered_period IN (SELECT period FROM sel)
          AND NOT EXISTS (
              SELECT 1 FROM placed pl
              WHERE pl.citizen_id = pay.beneficiary_citizen_id AND pl.first_month <= pay.covered_period
                AND (pl.last_month IS NULL OR pl.last_month >= pay.covered_period)
          )
        GROUP BY pay.beneficiary_citizen_id, pay.covered_period, pay.subsidy_type
    )"""
    select = f"""
        SELECT pay.voucher, pay.covered_period, pay.beneficiary_citizen_id, NULL, pay.voucher, pay.county_code,
               {_placement_evidence(context)}
        FROM unplaced u CROSS JOIN {sql.by_index("payments pay", BY_BENEFICIARY_MONTH)}
        WHERE pay.beneficiary_citizen_id = u.citizen_id AND pay.covered_period = u.period
          AND pay.subsidy_type = u.subsidy_type AND pay.effective
    """
    return Query(select, (context.months_cte(), placed, unplaced))


def _without_placement_hashed(context: RuleContext) -> Query:
    """PostgreSQL's shape: one parallel pass over ``payments``, anti-joined with ``placements`` by a hash.

    It has no index to read the groups from, and the shape SQLite takes costs it more: from a materialized
    ``placed`` (parallel-restricted) it sorts the post subsidies for a merge join, and it expects a third
    of a million groups where there are ten thousand, so it hashes every payment to find their payments
    again (6 s on a province, against 2 s this way).
    """
    posts = quoted_list(context.config.codes.public_post_subsidies)
    select = f"""
        SELECT pay.voucher, pay.covered_period, pay.beneficiary_citizen_id, NULL, pay.voucher, pay.county_code,
               {_placement_evidence(context)}
        FROM payments pay CROSS JOIN sel s
        WHERE pay.effective AND pay.subsidy_type IN ({posts}) AND pay.beneficiary_citizen_id IS NOT NULL
          AND s.period = pay.covered_period
          AND NOT EXISTS (
              SELECT 1 FROM placements pl
              WHERE pl.citizen_id = pay.beneficiary_citizen_id AND pl.start_date <= s.last_day
                AND (pl.end_date IS NULL OR pl.end_date >= s.first_day)
          )
    """
    return Query(select, (context.months_cte(),))


PUBLIC_POST_OVER_MIN_WAGE = Rule(
    "PUBLIC_POST_OVER_MIN_WAGE", "公益岗位补贴高于最低工资", "monitoring", ("citizen_id", "period"), _over_minimum_wage
)
POST_PAYMENT_WITHOUT_PLACEMENT = Rule(
    "POST_PAYMENT_WITHOUT_PLACEMENT",
    "公益岗位补贴无在岗记录",
    "reconciliation",
    ("voucher",),
    _without_placement,
    by_voucher=True,
)
