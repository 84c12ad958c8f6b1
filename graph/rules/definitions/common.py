"""SQL fragments several rules share: who is a laborer, eligibility by age, the minimum wage in force.

Interpretations (the team's, also in ``synth.truth_findings``):
- Laborer: a registered member whose labor category is not one the caliber marks ``is_laborer = false``
  (``NONE``); a member without a category counts, as the registry's wording has it.
- Members of a quarantined household row keep ``people.household_no`` but have no ``households`` row:
  they are laborers without a household, village or county, so every household or region rule skips them
  by joining ``households``.
- Age comes from the unified ID's birth date, in whole years on the first day of the month.
- Minimum wage in force in a month: the county's latest standard effective on or before the month's first day.
"""

from __future__ import annotations

from graph.caliber import load_caliber
from graph.rules.dialect import age_from, quoted_list
from graph.rules.rule import RuleContext


def laborer(person: str) -> str:
    """``person`` (a ``people`` alias) is a registered member with labor ability."""
    codes = load_caliber().code_list("labor_category")
    without = quoted_list(code.code for code in codes if code.is_laborer is False)
    return f"({person}.registered AND ({person}.labor_category IS NULL OR {person}.labor_category NOT IN ({without})))"


def aged_between(person: str, month_index: str, context: RuleContext) -> str:
    """``min_age`` ≤ age ≤ ``max_age`` on the first day of the month ``month_index``."""
    thresholds = context.config.thresholds
    lowest = age_from(f"{person}.citizen_id", thresholds.min_age)
    beyond = age_from(f"{person}.citizen_id", thresholds.max_age + 1)
    return f"({month_index} >= {lowest} AND {month_index} < {beyond})"


def zero_employment_candidate(person: str, month_index: str, context: RuleContext) -> str:
    """A laborer who makes a household count for ZERO_EMPLOYMENT_HOUSEHOLD in the month ``month_index``."""
    return f"({available_to_work(person, context)} AND {aged_between(person, month_index, context)})"


def available_to_work(person: str, context: RuleContext) -> str:
    """:func:`zero_employment_candidate` but for the age: a laborer, not a student, willing to work away."""
    willing = quoted_list(context.config.codes.willing)
    return f"({laborer(person)} AND NOT {person}.is_student AND {person}.willingness IN ({willing}))"


def wage_ctes(context: RuleContext) -> tuple[str, ...]:
    """The CTEs :func:`wage_join` needs: ``wage`` on PostgreSQL, none on SQLite."""
    if not context.dialect.postgres:
        return ()
    return (
        """wage AS MATERIALIZED (
        SELECT w.county_code, s.period, w.monthly_amount, w.effective_from
        FROM sel s CROSS JOIN minimum_wages w
        WHERE w.effective_from <= s.first_day AND NOT EXISTS (
            SELECT 1 FROM minimum_wages n
            WHERE n.county_code = w.county_code AND n.effective_from > w.effective_from
              AND n.effective_from <= s.first_day
        )
    )""",
    )


def wage_join(context: RuleContext, county: str, period: str, first_day: str, *, join: str = "JOIN") -> str:
    """A join making ``w`` the standard in force in ``county`` for the month ``period`` (``w.monthly_amount``
    in fen, ``w.effective_from``).

    The two engines want different shapes: SQLite seeks the standard through the table's key for each
    row (fast in-process), PostgreSQL hashes the small per-county, per-month ``wage`` table (a subquery
    per row would cost it a scan each time).
    """
    if context.dialect.postgres:
        return f"{join} wage w ON w.county_code = {county} AND w.period = {period}"
    latest = (
        f"(SELECT MAX(m.effective_from) FROM minimum_wages m"
        f" WHERE m.county_code = {county} AND m.effective_from <= {first_day})"
    )
    return f"{join} minimum_wages w ON w.county_code = {county} AND w.effective_from = {latest}"


def person_key(citizen_id: str, period: str) -> str:
    return f"{citizen_id} || '|' || {period}"
