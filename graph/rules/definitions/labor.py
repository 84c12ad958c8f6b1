"""LABOR_CATEGORY_CONFLICT: 精准识别到人 (policy 六.二).

A registered member counted as 普通劳动力 or 技能劳动力 (``NORMAL``/``SKILLED``) who is a student, or
whose age is over ``max_age`` or under ``min_age`` at any period checked. The subject has no period: the
rule is judged over every period checked at once, whatever months a run covers.
"""

from __future__ import annotations

from graph.rules.dialect import age_from, quoted_list
from graph.rules.rule import Query, Rule, RuleContext


def _query(context: RuleContext) -> Query:
    sql = context.dialect
    thresholds = context.config.thresholds
    born = age_from("p.citizen_id", 0)
    first, last = context.first_checked_index, context.last_checked_index
    if first is None or last is None:
        out_of_age = "1 = 0"
        ages: list[tuple[str, str]] = []
    else:
        young = f"{first} < {age_from('p.citizen_id', thresholds.min_age)}"
        old = f"{last} >= {age_from('p.citizen_id', thresholds.max_age + 1)}"
        out_of_age = f"({young} OR {old})"
        ages = [("age_first_period", f"({first} - {born}) / 12"), ("age_last_period", f"({last} - {born}) / 12")]
    birth = "SUBSTR(p.citizen_id, 7, 4) || '-' || SUBSTR(p.citizen_id, 11, 2) || '-' || SUBSTR(p.citizen_id, 13, 2)"
    evidence = sql.json_object(
        [("labor_category", "p.labor_category"), ("birth_date", birth), ("school_status", "p.school_status"), *ages]
    )
    select = f"""
        SELECT p.citizen_id, NULL, p.citizen_id, h.household_no, NULL, h.village_code, {evidence}
        FROM people p LEFT JOIN households h ON h.household_no = p.household_no
        WHERE p.registered AND p.labor_category IN ({quoted_list(context.config.codes.full_labor_categories)})
          AND (p.is_student OR {out_of_age})
    """
    return Query(select)


LABOR_CATEGORY_CONFLICT = Rule(
    "LABOR_CATEGORY_CONFLICT", "劳动力类别与年龄或在校冲突", "monitoring", ("citizen_id",), _query, periodic=False
)
