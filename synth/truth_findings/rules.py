"""One set-based query per rule of RULES.md, over the scratch database's normalized tables.

Each query selects exactly the rule's subject keys, in the order RULES.md lists them, distinct and
sorted. Thresholds are the RULES.md defaults named in ``codes``; ages are compared through the
person's month indexes ``adult_from`` (first month aged 16) and ``senior_from`` (first month over 60).
"""

from __future__ import annotations

from dataclasses import dataclass

from synth.truth_findings import codes


def _quoted(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{value}'" for value in values)


EMPLOYED = f"u.status NOT IN ({_quoted(codes.NOT_EMPLOYED)})"
PUBLIC_POSTS = _quoted(codes.PUBLIC_POST_SUBSIDIES)


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    keys: tuple[str, ...]
    query: str


ZERO_EMPLOYMENT_HOUSEHOLD = Rule(
    "ZERO_EMPLOYMENT_HOUSEHOLD",
    ("household", "period"),
    f"""
    SELECT DISTINCT l.hbh, pr.period
    FROM person AS l JOIN periods AS pr ON pr.idx >= l.adult_from AND pr.idx < l.senior_from
    WHERE l.hbh IS NOT NULL AND l.laborer AND NOT l.student AND l.willing
      AND NOT EXISTS (
          SELECT 1 FROM person AS m JOIN unified AS u ON u.cid = m.cid AND u.pidx = pr.idx
          WHERE m.hbh = l.hbh AND {EMPLOYED}
      )
    ORDER BY 1, 2
    """,
)

INCOME_DROP = Rule(
    "INCOME_DROP",
    ("citizen_id", "period"),
    f"""
    SELECT DISTINCT u.cid, pr.period
    FROM unified AS u JOIN person AS l ON l.cid = u.cid AND l.laborer
    JOIN unified AS e ON e.cid = u.cid AND e.pidx IN (u.pidx - 1, u.pidx - 12)
    JOIN periods AS pr ON pr.idx = u.pidx
    WHERE {EMPLOYED} AND u.income IS NOT NULL AND e.income > 0
      AND u.income * 10 <= e.income * {codes.DROP_KEEPS_TENTHS}
    ORDER BY 1, 2
    """,
)

INCOME_BELOW_NORMAL = Rule(
    "INCOME_BELOW_NORMAL",
    ("citizen_id", "period"),
    f"""
    SELECT u.cid, pr.period
    FROM unified AS u JOIN person AS l ON l.cid = u.cid AND l.laborer
    JOIN wage_month AS w ON w.county = l.county AND w.idx = u.pidx
    JOIN periods AS pr ON pr.idx = u.pidx
    WHERE {EMPLOYED} AND u.status <> 'PUBLIC_WELFARE_POST' AND u.income < w.fen
    ORDER BY 1, 2
    """,
)

RETURNEE_NOT_REEMPLOYED = Rule(
    "RETURNEE_NOT_REEMPLOYED",
    ("citizen_id", "period"),
    """
    SELECT DISTINCT f.cid, pr.period
    FROM followup AS f JOIN person AS l ON l.cid = f.cid AND l.laborer
    JOIN unified AS a ON a.cid = f.cid AND a.pidx = f.pidx + 1 AND a.status = 'UNEMPLOYED'
    JOIN unified AS b ON b.cid = f.cid AND b.pidx = f.pidx + 2 AND b.status = 'UNEMPLOYED'
    JOIN periods AS pr ON pr.idx = b.pidx
    WHERE f.returned
    ORDER BY 1, 2
    """,
)

FOLLOWUP_MISSING = Rule(
    "FOLLOWUP_MISSING",
    ("citizen_id", "period"),
    """
    SELECT l.cid, pr.period
    FROM person AS l CROSS JOIN periods AS pr
    WHERE l.laborer AND NOT EXISTS (SELECT 1 FROM followup AS f WHERE f.cid = l.cid AND f.pidx = pr.idx)
    ORDER BY 1, 2
    """,
)

FOLLOWUP_LATE = Rule(
    "FOLLOWUP_LATE",
    ("village", "period"),
    f"""
    SELECT DISTINCT CASE f.src WHEN 0 THEN p.village ELSE f.village END AS village, f.period
    FROM followup AS f LEFT JOIN person AS p ON f.src = 0 AND p.cid = f.cid
    WHERE CASE f.src WHEN 0 THEN p.village ELSE f.village END IS NOT NULL
      AND (f.visit > f.period || '-{codes.VISIT_BY_DAY:02d}'
           OR f.entry > f.period || '-{codes.ENTRY_BY_DAY:02d}')
    ORDER BY 1, 2
    """,
)

LABOR_CATEGORY_CONFLICT = Rule(
    "LABOR_CATEGORY_CONFLICT",
    ("citizen_id",),
    """
    SELECT l.cid FROM person AS l
    WHERE l.full_labor
      AND (l.student OR EXISTS (
          SELECT 1 FROM periods AS pr WHERE pr.idx < l.adult_from OR pr.idx >= l.senior_from
      ))
    ORDER BY 1
    """,
)

PUBLIC_POST_OVER_MIN_WAGE = Rule(
    "PUBLIC_POST_OVER_MIN_WAGE",
    ("citizen_id", "period"),
    f"""
    WITH paid AS (
        SELECT beneficiary, pidx, SUM(fen) AS total FROM effective
        WHERE btxm IN ({PUBLIC_POSTS}) AND beneficiary IS NOT NULL AND pidx IS NOT NULL
        GROUP BY beneficiary, pidx
    )
    SELECT paid.beneficiary, pr.period
    FROM paid JOIN periods AS pr ON pr.idx = paid.pidx
    WHERE EXISTS (
        SELECT 1 FROM effective AS e JOIN wage_month AS w ON w.county = e.county AND w.idx = e.pidx
        WHERE e.beneficiary = paid.beneficiary AND e.pidx = paid.pidx AND e.btxm IN ({PUBLIC_POSTS})
          AND paid.total > w.fen
    )
    ORDER BY 1, 2
    """,
)

SCALE_DECLINE = Rule(
    "SCALE_DECLINE",
    ("county", "period"),
    f"""
    WITH employed AS (
        SELECT l.county, u.pidx, COUNT(*) AS laborers
        FROM unified AS u JOIN person AS l ON l.cid = u.cid AND l.laborer AND l.county IS NOT NULL
        WHERE {EMPLOYED}
        GROUP BY l.county, u.pidx
    )
    SELECT earlier.county, pr.period
    FROM employed AS earlier JOIN periods AS pr ON pr.idx = earlier.pidx + 12
    LEFT JOIN employed AS now ON now.county = earlier.county AND now.pidx = pr.idx
    WHERE COALESCE(now.laborers, 0) < earlier.laborers
    ORDER BY 1, 2
    """,
)

STATUS_CONFLICT = Rule(
    "STATUS_CONFLICT",
    ("citizen_id", "period"),
    """
    SELECT DISTINCT u.cid, pr.period
    FROM unified AS u JOIN followup AS f ON f.cid = u.cid AND f.pidx = u.pidx
    JOIN periods AS pr ON pr.idx = u.pidx
    WHERE u.from_hr AND f.status <> u.status
    ORDER BY 1, 2
    """,
)

PAYMENT_TO_UNREGISTERED = Rule(
    "PAYMENT_TO_UNREGISTERED",
    ("voucher",),
    """
    SELECT e.voucher FROM effective AS e
    WHERE e.beneficiary IS NOT NULL AND NOT EXISTS (SELECT 1 FROM person AS p WHERE p.cid = e.beneficiary)
    ORDER BY 1
    """,
)

DUPLICATE_PAYMENT = Rule(
    "DUPLICATE_PAYMENT",
    ("voucher",),
    """
    SELECT voucher FROM (
        SELECT voucher, ROW_NUMBER() OVER (PARTITION BY beneficiary, btxm, pidx ORDER BY ffrq, voucher) AS nth
        FROM effective WHERE beneficiary IS NOT NULL AND pidx IS NOT NULL
    ) WHERE nth > 1
    ORDER BY 1
    """,
)

POST_PAYMENT_WITHOUT_PLACEMENT = Rule(
    "POST_PAYMENT_WITHOUT_PLACEMENT",
    ("voucher",),
    f"""
    SELECT e.voucher FROM effective AS e
    WHERE e.btxm IN ({PUBLIC_POSTS}) AND e.beneficiary IS NOT NULL AND e.pidx IS NOT NULL
      AND NOT EXISTS (
          SELECT 1 FROM placement AS pl
          WHERE pl.cid = e.beneficiary AND pl.ks <= e.ym || '31' AND (pl.js IS NULL OR pl.js >= e.ym || '01')
      )
    ORDER BY 1
    """,
)

EMPLOYER_SUBSIDY_WITHOUT_EMPLOYMENT = Rule(
    "EMPLOYER_SUBSIDY_WITHOUT_EMPLOYMENT",
    ("voucher",),
    f"""
    SELECT e.voucher FROM effective AS e
    WHERE e.btxm IN ({_quoted(codes.EMPLOYER_SUBSIDIES)}) AND e.org IS NOT NULL
      AND e.beneficiary IS NOT NULL AND e.pidx IS NOT NULL
      AND NOT EXISTS (
          SELECT 1 FROM hr_rec AS u
          WHERE u.cid = e.beneficiary AND u.pidx = e.pidx AND u.org = e.org AND {EMPLOYED}
      )
    ORDER BY 1
    """,
)

WORKSHOP_SUBSIDY_WHILE_CLOSED = Rule(
    "WORKSHOP_SUBSIDY_WHILE_CLOSED",
    ("voucher",),
    f"""
    SELECT e.voucher FROM effective AS e
    WHERE e.btxm = '{codes.WORKSHOP_SUBSIDY}' AND e.pidx IS NOT NULL
      AND EXISTS (SELECT 1 FROM workshop AS w WHERE w.operator = e.org)
      AND NOT EXISTS (
          SELECT 1 FROM workshop AS w WHERE w.operator = e.org AND NOT (w.closed AND e.pidx > w.updated)
      )
    ORDER BY 1
    """,
)

SHARED_BANK_ACCOUNT = Rule(
    "SHARED_BANK_ACCOUNT",
    ("account",),
    """
    SELECT e.account FROM effective AS e JOIN person AS p ON p.cid = e.beneficiary AND p.hbh IS NOT NULL
    WHERE e.org IS NULL AND e.account IS NOT NULL
    GROUP BY e.account HAVING COUNT(DISTINCT p.hbh) >= 2
    ORDER BY 1
    """,
)

RULES: tuple[Rule, ...] = (
    ZERO_EMPLOYMENT_HOUSEHOLD,
    INCOME_DROP,
    INCOME_BELOW_NORMAL,
    RETURNEE_NOT_REEMPLOYED,
    FOLLOWUP_MISSING,
    FOLLOWUP_LATE,
    LABOR_CATEGORY_CONFLICT,
    PUBLIC_POST_OVER_MIN_WAGE,
    SCALE_DECLINE,
    STATUS_CONFLICT,
    PAYMENT_TO_UNREGISTERED,
    DUPLICATE_PAYMENT,
    POST_PAYMENT_WITHOUT_PLACEMENT,
    EMPLOYER_SUBSIDY_WITHOUT_EMPLOYMENT,
    WORKSHOP_SUBSIDY_WHILE_CLOSED,
    SHARED_BANK_ACCOUNT,
)
