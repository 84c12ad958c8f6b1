"""Whom an alert's measures are for: the laborer, or a zero-employment household's idle laborers.

Loaded in one query per rule from the run's staged candidates, with what matching needs: labor
category, village (hence township, county, city), the month's income and status, and the highest
vocational skill level HR recorded.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from sqlalchemy import Connection, bindparam, text

from graph.caliber import load_caliber
from graph.rules.definitions.common import zero_employment_candidate
from graph.rules.rule import Rule, RuleContext

HOUSEHOLD_RULE = "ZERO_EMPLOYMENT_HOUSEHOLD"


@dataclass(frozen=True, slots=True)
class Target:
    subject_key: str
    period: str
    citizen_id: str
    labor_category: str | None
    village_code: str | None
    income_fen: int | None
    status: str | None
    skill_level: str | None = None

    @property
    def county(self) -> str | None:
        return self.village_code[:6] if self.village_code else None

    @property
    def township(self) -> str | None:
        return self.village_code[:9] if self.village_code else None


_PERSON = """
SELECT c.subject_key, c.period, p.citizen_id, p.labor_category, h.village_code, e.income, e.status
FROM finding_candidates c JOIN people p ON p.citizen_id = c.citizen_id
LEFT JOIN households h ON h.household_no = p.household_no
LEFT JOIN employment e ON e.citizen_id = p.citizen_id AND e.period = c.period
WHERE c.run = :run AND c.rule = :rule
ORDER BY c.subject_key
"""

_HOUSEHOLD = """
WITH {sel}
SELECT c.subject_key, c.period, l.citizen_id, l.labor_category, h.village_code, NULL, NULL
FROM finding_candidates c JOIN sel s ON s.period = c.period
JOIN households h ON h.household_no = c.household_no
JOIN people l ON l.household_no = c.household_no
WHERE c.run = :run AND c.rule = :rule AND {eligible}
ORDER BY c.subject_key, l.citizen_id
"""

_SKILLS = "SELECT citizen_id, skill_level FROM employment_reports WHERE skill_level IS NOT NULL AND citizen_id IN :ids"


def load_targets(connection: Connection, run: int, rule: Rule, context: RuleContext) -> list[Target]:
    """Every target of the run's staged findings of ``rule``, each with their best skill level."""
    if rule.code == HOUSEHOLD_RULE:
        eligible = zero_employment_candidate("l", "s.idx", context)
        statement = _HOUSEHOLD.format(sel=context.months_cte(), eligible=eligible)
    else:
        statement = _PERSON
    rows = connection.execute(text(statement), {"run": run, "rule": rule.code}).all()
    skills = _best_skills(connection, sorted({row[2] for row in rows}))
    return [
        Target(key, period, cid, category, village, income, status, skills.get(cid))
        for key, period, cid, category, village, income, status in rows
    ]


def skill_rank(level: str | None) -> int:
    """0 for no recognised skill, then 1 (初级工) up to 5 (高级技师), in the caliber's order."""
    return _skill_ranks().get(level, 0) if level is not None else 0


@cache
def _skill_ranks() -> dict[str, int]:
    return {code.code: rank for rank, code in enumerate(load_caliber().code_list("skill_level"), start=1)}


def _best_skills(connection: Connection, people: list[str]) -> dict[str, str]:
    statement = text(_SKILLS).bindparams(bindparam("ids", expanding=True))
    best: dict[str, str] = {}
    for chunk in _chunks(people, 2000):
        for citizen_id, level in connection.execute(statement, {"ids": chunk}):
            if skill_rank(level) > skill_rank(best.get(citizen_id)):
                best[citizen_id] = level
    return best


def _chunks(values: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
