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

BY_BENEFICIARY = "ix_payments_beneficiary_citizen_id"


def _over_minimum_wage(context: RuleContext) -> Query:
    """Monthly post totals from one pass over ``payments`` in stored order and a sort (a hash on
    PostgreSQL); only the few totals above the lowest standard anywhere are looked at again, through the
    beneficiary index, for their counties' standards and vouchers.

    Through ``ix_payments_covered_period`` (SQLite's choice for the join with ``sel``) every post subsidy
    of the run, half of the payments, would be fetched on its own. The total is cast back to an integer:
    PostgreSQL sums ``BIGINT`` into ``NUMERIC``, which the yuan text would carry as decimals.
    """
    sql = context.dialect
    posts = quoted_list(context.config.codes.public_post_subsidies)
    paid = f"""paid AS MATERIALIZED (
        SELECT pay.beneficiary_citizen_id AS citizen_id, pay.covered_period AS period,
               CAST(SUM(pay.amount) AS BIGINT) AS total
        FROM {sql.scanned("payments pay")}
        WHERE pay.covered_period IN (SELECT period FROM sel) AND pay.effective AND pay.subsidy_type IN ({posts})
          AND pay.beneficiary_citizen_id IS NOT NULL
        GROUP BY pay.beneficiary_citizen_id, pay.covered_period
        HAVING SUM(pay.amount) > (SELECT MIN(monthly_amount) FROM minimum_wages)
    )"""
    standard = f"""standard AS MATERIALIZED (
        SELECT d.citizen_id, d.period, d.total, MIN(w.monthly_amount) AS standard, MIN(pay.county_code) AS county,
               {sql.json_array_agg("pay.voucher")} AS vouchers
        FROM paid d CROSS JOIN sel s CROSS JOIN {sql.by_index("payments pay", BY_BENEFICIARY)}
        {wage_join(context, "pay.county_code", "pay.covered_period", "s.first_day", join="LEFT JOIN")}
        WHERE s.period = d.period AND pay.beneficiary_citizen_id = d.citizen_id AND pay.covered_period = d.period
          AND pay.effective AND pay.subsidy_type IN ({posts})
        GROUP BY d.citizen_id, d.period, d.total
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


def _without_placement(context: RuleContext) -> Query:
    """One pass over ``payments`` in stored order; each post subsidy is then checked against ``placements``
    (small: it stays in cache) through ``ix_placements_citizen_id``.

    Through ``ix_payments_covered_period`` (SQLite's choice for the join with ``sel``) every post subsidy
    of the run, half of the payments, would be fetched on its own. ``CROSS JOIN`` keeps the payments the
    outer loop on SQLite; ``sel`` is a dozen rows. The last placement end is looked up for findings only.
    """
    sql = context.dialect
    posts = quoted_list(context.config.codes.public_post_subsidies)
    evidence = sql.json_object(
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
    select = f"""
        SELECT pay.voucher, pay.covered_period, pay.beneficiary_citizen_id, NULL, pay.voucher, pay.county_code,
               {evidence}
        FROM {sql.scanned("payments pay")} CROSS JOIN sel s
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
