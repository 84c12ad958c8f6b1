"""Masks of months from the per-year summary hold any number of months (six years need two masks) and only
the span's."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import create_engine, text

from graph.caliber import Period
from graph.rules import load_rule_config
from graph.rules.definitions.month_masks import MASK_MONTHS, MonthMasks
from graph.rules.dialect import Dialect
from graph.rules.rule import RuleContext

SIX_YEARS = (Period.parse("2019-01"), Period.parse("2024-12"))
FOURTEEN_MONTHS = (Period.parse("2024-01"), Period.parse("2025-02"))
EMPLOYED, IDLE = "IN_PROVINCE", "UNEMPLOYED"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def monthly(request: pytest.FixtureRequest, tmp_path: object) -> str:
    """A store-shaped ``person_months`` table (keyed by person and year) on either engine; returns its URL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/masks.db"
    return request.getfixturevalue("new_postgres_database")("masks")


def summary(statuses: dict[str, dict[Period, str]], visits: dict[str, set[Period]]) -> list[dict[str, object]]:
    """The ``person_months`` rows of those statuses and follow-up months (bit m-1 of a year: month m)."""
    rows: dict[tuple[str, int], dict[str, object]] = {}
    for person, held in statuses.items():
        for month, status in held.items():
            if status == EMPLOYED:
                row = rows.setdefault((person, month.year), {"person": person, "year": month.year, "e": 0, "v": 0})
                row["e"] = int(row["e"]) | 1 << (month.month - 1)  # type: ignore[call-overload]
    for person, months in visits.items():
        for month in months:
            row = rows.setdefault((person, month.year), {"person": person, "year": month.year, "e": 0, "v": 0})
            row["v"] = int(row["v"]) | 1 << (month.month - 1)  # type: ignore[call-overload]
    return list(rows.values())


def months_of(person: int, months: list[Period]) -> dict[Period, str]:
    """A person's statuses: some months missing, some idle, the rest employed (person 0: every month)."""
    if person == 0:
        return dict.fromkeys(months, EMPLOYED)
    chosen = random.Random(person)
    return {month: chosen.choice([EMPLOYED, EMPLOYED, IDLE]) for month in months if chosen.random() < 0.8}


@pytest.mark.parametrize(("span", "masks_needed"), [(SIX_YEARS, 2), (FOURTEEN_MONTHS, 1)])
def test_masks_hold_the_span_and_only_the_span(monthly: str, span: tuple[Period, Period], masks_needed: int) -> None:
    first, last = span
    months = list(Period.span(first, last))
    statuses = {f"P{person}": months_of(person, months) for person in range(6)}
    # employed and visited only 64 months before the span and after it: outside the months checked
    outside = {first.shift(-64): EMPLOYED, last.shift(1): EMPLOYED, first: IDLE}
    statuses["P9"] = outside
    visits = {person: {month for month, status in held.items() if status == IDLE} for person, held in statuses.items()}
    visits["P9"] = {first.shift(-64), last.shift(1), first.shift(-1)}
    engine = create_engine(monthly)
    context = RuleContext(Dialect(engine.dialect.name), load_rule_config(), tuple(months), (first, last))
    masks = MonthMasks.of_run(context)
    assert len(masks.columns) == masks_needed == -(-len(months) // MASK_MONTHS)
    keyed = "WITHOUT ROWID" if engine.dialect.name == "sqlite" else ""
    with engine.begin() as connection:
        connection.execute(
            text(
                "CREATE TABLE person_months (citizen_id VARCHAR(18), year INTEGER, employed INTEGER, "
                f"visited INTEGER, PRIMARY KEY (citizen_id, year)) {keyed}"
            )
        )
        connection.execute(text("INSERT INTO person_months VALUES (:person, :year, :e, :v)"), summary(statuses, visits))
        found = {}
        for name, cte in (("worked", masks.employed()), ("visited", masks.visited())):
            query = f"""WITH {context.months_cte()}, {cte},
                people (citizen_id) AS (SELECT DISTINCT citizen_id FROM person_months)
                SELECT p.citizen_id, s.period,
                       CASE WHEN {masks.has("w", "s.idx")} THEN 1 ELSE 0 END,
                       CASE WHEN {masks.lacks_some("w")} THEN 1 ELSE 0 END
                FROM people p LEFT JOIN {name} w ON w.citizen_id = p.citizen_id CROSS JOIN sel s"""
            found[name] = connection.execute(text(query)).all()
    engine.dispose()

    employed = {(person, period): has for person, period, has, _ in found["worked"]}
    lacking = {person: lacks for person, _, _, lacks in found["worked"]}
    assert employed == {
        (person, str(month)): int(held.get(month) == EMPLOYED) for person, held in statuses.items() for month in months
    }
    assert lacking == {"P0": 0, **{f"P{person}": 1 for person in (1, 2, 3, 4, 5, 9)}}
    visited = {(person, period): has for person, period, has, _ in found["visited"]}
    assert visited == {
        (person, str(month)): int(month in visits.get(person, set())) for person in statuses for month in months
    }
