"""Employed months as bit masks hold any number of months (six years need two masks) and only the span's."""

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
    """A store-shaped ``employment`` table (keyed by person and month) on either engine; returns its URL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/masks.db"
    return request.getfixturevalue("new_postgres_database")("masks")


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
    # employed only 64 months before the span and after it: outside the months checked, so never employed
    outside = {first.shift(-64): EMPLOYED, last.shift(1): EMPLOYED, first: IDLE}
    engine = create_engine(monthly)
    context = RuleContext(Dialect(engine.dialect.name), load_rule_config(), tuple(months), (first, last))
    masks = MonthMasks.of_run(context)
    assert len(masks.columns) == masks_needed == -(-len(months) // MASK_MONTHS)
    keyed = "WITHOUT ROWID" if engine.dialect.name == "sqlite" else ""
    with engine.begin() as connection:
        connection.execute(
            text(
                "CREATE TABLE employment (citizen_id VARCHAR(18), period VARCHAR(7), status VARCHAR(32), "
                f"PRIMARY KEY (citizen_id, period)) {keyed}"
            )
        )
        connection.execute(
            text("INSERT INTO employment VALUES (:person, :period, :status)"),
            [
                {"person": person, "period": str(month), "status": status}
                for person, held in {**statuses, "P9": outside}.items()
                for month, status in held.items()
            ],
        )
        query = f"""WITH {context.months_cte()}, {masks.employed()},
            people (citizen_id) AS (SELECT DISTINCT citizen_id FROM employment)
            SELECT p.citizen_id, s.period,
                   CASE WHEN {masks.has("w", "s.idx")} THEN 1 ELSE 0 END,
                   CASE WHEN {masks.lacks_some("w")} THEN 1 ELSE 0 END
            FROM people p LEFT JOIN worked w ON w.citizen_id = p.citizen_id CROSS JOIN sel s"""
        rows = connection.execute(text(query)).all()
    engine.dispose()

    employed = {(person, period): has for person, period, has, _ in rows}
    lacking = {person: lacks for person, _, _, lacks in rows}
    assert employed == {
        (person, str(month)): int(held.get(month) == EMPLOYED)
        for person, held in {**statuses, "P9": outside}.items()
        for month in months
    }
    assert lacking == {"P0": 0, **{f"P{person}": 1 for person in (1, 2, 3, 4, 5, 9)}}
