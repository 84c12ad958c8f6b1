"""Households: lookups, the ``households`` list's filters, and the policy's zero-employment test.

Zero employment (零就业家庭, RULES.md ``ZERO_EMPLOYMENT_HOUSEHOLD``): the household has a laborer aged
16–60 on the month's first day, not a student, willing or undecided to work away, and no member is
employed that month. Age comes from the birth date in the citizen ID, as the caliber says.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, and_, exists, false, func, select, true

from graph.caliber import Period
from hub.resolvers.codes import WILLING, born_by, employed_statuses, laborer_categories, monitored_statuses
from hub.resolvers.entities import EMPLOYMENT, HOUSEHOLD, HOUSEHOLDS, PEOPLE, households_in
from hub.resolvers.loaders import Relation, by_argument, chunks, one_by
from hub.resolvers.reader import prepared

if TYPE_CHECKING:
    from sqlalchemy import Select

    from hub.resolvers.reader import Columns, Reader


HOUSEHOLD_BY_NO = one_by(HOUSEHOLD, "household_no", "Household")


def zero_employment(period: str) -> ColumnElement[bool]:
    """The household (a row of ``households``) is a zero-employment household in ``period``."""
    first_day = Period.parse(period).first_day
    laborer = PEOPLE.alias("laborer")
    birth = func.substr(laborer.c.citizen_id, 7, 8)
    has_laborer = exists().where(
        laborer.c.household_no == HOUSEHOLDS.c.household_no,
        laborer.c.registered == true(),
        laborer.c.labor_category.in_(laborer_categories()),
        laborer.c.is_student == false(),
        laborer.c.willingness.in_(WILLING),
        birth <= born_by(first_day, 16),
        birth > born_by(first_day, 61),
    )
    # The households with someone employed, computed once (not per household): every engine then
    # answers with one pass over the month's employment instead of one per household.
    member, month = PEOPLE.alias("member"), EMPLOYMENT.alias("month")
    employed_households = (
        select(member.c.household_no)
        .join(month, month.c.citizen_id == member.c.citizen_id)
        .where(
            month.c.period == period,
            month.c.status.in_(employed_statuses()),
            member.c.household_no.is_not(None),
        )
    )
    return and_(has_laborer, HOUSEHOLDS.c.household_no.not_in(employed_households))


@prepared
def _zero_employment_statement(reader: Reader, period: str) -> Select[Any]:
    return select(HOUSEHOLDS.c.household_no).where(reader.keys_in(HOUSEHOLDS.c.household_no), zero_employment(period))


def _zero_employment(reader: Reader, keys: list[tuple[str, str]], columns: Columns = None) -> list[bool]:
    """Keys ``(household_no, period)``: a flag each (``columns`` is not used: the answers are not rows)."""
    found: set[tuple[str, str]] = set()
    for (period,), numbers in by_argument(keys).items():
        statement = _zero_employment_statement(reader, period)
        for chunk in chunks(numbers):
            found.update((number, period) for (number,) in reader.rows(statement, chunk))
    return [key in found for key in keys]


ZERO_EMPLOYMENT = Relation("Household.zeroEmployment", _zero_employment)


@dataclass(frozen=True, slots=True)
class HouseholdFilter:
    region_code: str | None = None
    status: tuple[str, ...] | None = None
    monitored: bool | None = None
    zero_employment_in: str | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.region_code is not None:
            found.append(households_in(self.region_code))
        if self.status is not None:
            found.append(HOUSEHOLDS.c.status.in_(self.status))
        if self.monitored is not None:
            monitored = HOUSEHOLDS.c.status.in_(monitored_statuses())
            found.append(monitored if self.monitored else ~monitored)
        if self.zero_employment_in is not None:
            found.append(zero_employment(self.zero_employment_in))
        return found
