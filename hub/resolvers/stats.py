"""``regionStats``: a region's month in numbers, built from the very filters the lists use.

Each figure is the ``totalCount`` of a list with the same arguments (laborers by status, employed,
zero-employment households, returnees, follow-ups), so a dashboard and a drill-down never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, and_, case, exists, func, or_, select, true

from graph.caliber import Period, load_caliber
from hub.resolvers.codes import born_by, employed_statuses
from hub.resolvers.entities import EMPLOYMENT, FOLLOWUPS, HOUSEHOLD, LABORER, PAYMENT, PAYMENTS, PEOPLE
from hub.resolvers.households import HouseholdFilter
from hub.resolvers.payments import PaymentFilter
from hub.resolvers.people import LaborerFilter

if TYPE_CHECKING:
    from hub.resolvers.entities import Entity
    from hub.resolvers.reader import Reader

#: Categories that RULES.md checks against age and schooling (a conflict when they disagree).
_FULL_LABOR = ("NORMAL", "SKILLED")


@dataclass(frozen=True, slots=True)
class FiveClears:
    """Follow-up completeness per the policy's 五清 (七.一), counted over the region's laborers."""

    laborers: int
    headcount: int
    labor_ability: int
    employment_status: int
    employment_income: int
    willingness: int
    complete: int


@dataclass(frozen=True, slots=True)
class SubsidyTotal:
    subsidy_type: str
    payments: int
    amount: Decimal


@dataclass(frozen=True, slots=True)
class RegionStats:
    code: str
    period: str
    laborers: int
    by_status: dict[str, int]
    no_record: int
    employed: int
    employed_year_earlier: int
    zero_employment_households: int
    returnees: int
    five_clears: FiveClears
    subsidies: list[SubsidyTotal]


def count(reader: Reader, entity: Entity, conditions: list[ColumnElement[bool]]) -> int:
    statement = select(func.count()).select_from(entity.table).where(reader.scope(entity), *conditions)
    return int(reader.scalar(statement))


def _by_status(reader: Reader, code: str, period: str) -> dict[str | None, int]:
    statement = (
        select(EMPLOYMENT.c.status, func.count())
        .select_from(
            PEOPLE.outerjoin(
                EMPLOYMENT, and_(EMPLOYMENT.c.citizen_id == PEOPLE.c.citizen_id, EMPLOYMENT.c.period == period)
            )
        )
        .where(reader.scope(LABORER), *LaborerFilter(region_code=code).conditions())
        .group_by(EMPLOYMENT.c.status)
    )
    return {status: int(n) for status, n in reader.connection.execute(statement)}


def _five_clears(reader: Reader, code: str, period: str) -> FiveClears:
    first_day = Period.parse(period).first_day
    birth = func.substr(PEOPLE.c.citizen_id, 7, 8)
    month = EMPLOYMENT.alias("month")
    in_month = and_(month.c.citizen_id == PEOPLE.c.citizen_id, month.c.period == period)
    conflicting = and_(
        PEOPLE.c.labor_category.in_(_FULL_LABOR),
        or_(PEOPLE.c.is_student == true(), birth > born_by(first_day, 16), birth <= born_by(first_day, 61)),
    )
    clears = {
        "headcount": exists().where(FOLLOWUPS.c.citizen_id == PEOPLE.c.citizen_id, FOLLOWUPS.c.period == period),
        "labor_ability": and_(PEOPLE.c.labor_category.is_not(None), ~conflicting),
        "employment_status": exists().where(in_month),
        "employment_income": exists().where(
            in_month, or_(month.c.income.is_not(None), month.c.status.not_in(employed_statuses()))
        ),
        "willingness": PEOPLE.c.willingness.is_not(None),
    }
    flags = [func.sum(case((condition, 1), else_=0)) for condition in clears.values()]
    complete = func.sum(case((and_(*clears.values()), 1), else_=0))
    statement = select(func.count(), *flags, complete).where(
        reader.scope(LABORER), *LaborerFilter(region_code=code).conditions()
    )
    total, *sums = reader.connection.execute(statement).one()
    values = [int(value or 0) for value in sums]
    return FiveClears(int(total), *values)


def _subsidies(reader: Reader, code: str, period: str) -> list[SubsidyTotal]:
    conditions = PaymentFilter(region_code=code, period=period, effective=True).conditions()
    statement = (
        select(PAYMENTS.c.subsidy_type, func.count(), func.sum(PAYMENTS.c.amount))
        .where(reader.scope(PAYMENT), *conditions)
        .group_by(PAYMENTS.c.subsidy_type)
    )
    found = {kind: (int(n), total) for kind, n, total in reader.connection.execute(statement)}
    return [
        SubsidyTotal(code.code, *found.get(code.code, (0, Decimal("0.00"))))
        for code in load_caliber().code_list("subsidy_type")
    ]


def region_stats(reader: Reader, code: str, period: str) -> RegionStats:
    by_status = _by_status(reader, code, period)
    statuses = [entry.code for entry in load_caliber().code_list("employment_status")]
    year_earlier = str(Period.parse(period).year_earlier())
    return RegionStats(
        code=code,
        period=period,
        laborers=sum(by_status.values()),
        by_status={status: by_status.get(status, 0) for status in statuses},
        no_record=by_status.get(None, 0),
        employed=sum(n for status, n in by_status.items() if status in employed_statuses()),
        employed_year_earlier=count(
            reader, LABORER, LaborerFilter(region_code=code, period=year_earlier, employed=True).conditions()
        ),
        zero_employment_households=count(
            reader, HOUSEHOLD, HouseholdFilter(region_code=code, zero_employment_in=period).conditions()
        ),
        returnees=count(reader, LABORER, LaborerFilter(region_code=code, period=period, returned=True).conditions()),
        five_clears=_five_clears(reader, code, period),
        subsidies=_subsidies(reader, code, period),
    )
