"""ZERO_EMPLOYMENT_HOUSEHOLD: 零就业家庭至少一人就业 (policy 二, 六.一).

A registered household (its own row not quarantined) with at least one laborer aged 16–60 in the
month, not a student, willing to work away (愿意 or 未定), and no member — laborer or not — employed in
the month. No status in a month is not employed.

Most laborers are employed most months, so the query starts from the few candidates instead of from
every household: each person's employed months come as a bit mask from the per-year summary
(:class:`MonthMasks`); the laborers with a month missing from their mask give the idle household-months;
a household-month holds when no registered member's mask has that month.
"""

from __future__ import annotations

from graph.rules.definitions.common import aged_between, available_to_work, zero_employment_candidate
from graph.rules.definitions.month_masks import MonthMasks
from graph.rules.rule import Query, Rule, RuleContext


def _query(context: RuleContext) -> Query:
    sql = context.dialect
    masks = MonthMasks.of_run(context)
    eligible = zero_employment_candidate("l", "s.idx", context)
    laborers = f"""(SELECT {sql.json_array_agg("l.citizen_id")} FROM people l
                    WHERE l.household_no = h.household_no AND {eligible})"""
    evidence = sql.json_object([("village", "h.village_code"), ("laborers", laborers)])

    def found(household_months: str) -> str:
        return f"""
        SELECT h.household_no || '|' || i.period, i.period, NULL, h.household_no, NULL, h.village_code, {evidence}
        FROM {household_months} i CROSS JOIN households h CROSS JOIN sel s
        WHERE h.household_no = i.household_no AND s.period = i.period
        """

    if sql.postgres:
        # PostgreSQL unites the registered members' masks of every household in one hashed pass (looking up
        # only the idle households' members is a random read per member there). A laborer's own months are
        # part of their household's, so a household-month holds when an eligible laborer's household mask
        # lacks it: the laborers of households busy every month drop out before any month is crossed.
        busy = f"""busy AS MATERIALIZED (
            SELECT m.household_no, {", ".join(f"bit_or(w.{mask}) AS {mask}" for mask in masks.columns)}
            FROM people m JOIN worked w ON w.citizen_id = m.citizen_id
            WHERE m.registered
            GROUP BY m.household_no
        )"""
        zero = _months_lacking("zero", "busy", "household_no", masks, context)
        return Query(found("zero"), (context.months_cte(), masks.employed(), busy, *zero))
    # SQLite has no aggregate to unite overlapping masks: from the laborers' own idle months it looks at the
    # members one by one and stops at the first employed one (most idle households have one).
    idle = _months_lacking("idle", "worked", "citizen_id", masks, context)
    select = f"""{found("idle")}
          AND NOT EXISTS (SELECT 1 FROM people m CROSS JOIN worked w
                          WHERE m.household_no = i.household_no AND m.registered AND w.citizen_id = m.citizen_id
                            AND {masks.has("w", "i.idx")})
    """
    return Query(select, (context.months_cte(), masks.employed(), *idle))


def _months_lacking(name: str, held: str, key: str, masks: MonthMasks, context: RuleContext) -> tuple[str, str]:
    """``name (period, idx, household_no)``: the months in which an eligible laborer's masks ``held`` (joined
    on ``key``: their own, or their household's) lack the month, and the ``name_laborers`` it comes from.

    The laborers with a month off first (a few hundred thousand in a province), then their months: crossing
    every laborer with the months before looking at the masks makes tens of millions of rows.
    """
    lacking = f"""{name}_laborers AS MATERIALIZED (
        SELECT l.citizen_id, l.household_no, {", ".join(f"x.{mask}" for mask in masks.columns)}
        FROM people l LEFT JOIN {held} x ON x.{key} = l.{key}
        WHERE {available_to_work("l", context)} AND {masks.lacks_some("x")}
    )"""
    months = f"""{name} AS MATERIALIZED (
        SELECT DISTINCT s.period, s.idx, c.household_no
        FROM {name}_laborers c CROSS JOIN sel s
        WHERE NOT ({masks.has("c", "s.idx")}) AND {aged_between("c", "s.idx", context)}
    )"""
    return lacking, months


ZERO_EMPLOYMENT_HOUSEHOLD = Rule(
    "ZERO_EMPLOYMENT_HOUSEHOLD", "零就业家庭", "monitoring", ("household", "period"), _query, alert=True
)
