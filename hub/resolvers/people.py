"""People: lookups by citizen ID, household members, name spellings, and the ``laborers`` list's filters.

A laborer (RULES.md) is a registered member whose labor category is not ``NONE``. The month-dependent
filters (status, employed, returned, followed up) read the unified ``employment`` table and the
follow-ups of one period, the same facts ``regionStats`` counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, select, true

from hub.resolvers.codes import employed_statuses, laborer_categories
from hub.resolvers.entities import EMPLOYMENT, FOLLOWUPS, HOUSEHOLDS, LABORER, NAMES, PEOPLE, people_in
from hub.resolvers.errors import QueryError
from hub.resolvers.loaders import Relation, chunks, many_by, many_per_key, one_by, reading
from hub.resolvers.reader import prepared

if TYPE_CHECKING:
    from sqlalchemy import Select

    from hub.resolvers.reader import Columns, Reader


@prepared
def _names_statement(reader: Reader) -> Select[Any]:
    return (
        select(NAMES)
        .where(
            reader.keys_in(NAMES.c.citizen_id),
            NAMES.c.citizen_id.in_(select(PEOPLE.c.citizen_id).where(reader.scope(LABORER))),
        )
        .order_by(NAMES.c.citizen_id, NAMES.c.source, NAMES.c.name)
    )


def _names(reader: Reader, ids: list[str], columns: Columns = None) -> list[Any]:
    """Every spelling of each person's name (``columns`` is not used: spellings are not a node's rows)."""
    statement = _names_statement(reader)
    rows = [row for chunk in chunks(ids) for row in reader.rows(statement, chunk)]
    return many_per_key(ids, rows, reading(rows, "citizen_id"))


PERSON_BY_ID = one_by(LABORER, "citizen_id", "Laborer")
MEMBERS = many_by(LABORER, "household_no", "citizen_id", name="Household.members")
NAME_SPELLINGS = Relation("Laborer.names", _names)


def needs_period(argument: str, value: object, period: str | None) -> str:
    if period is None:
        raise QueryError(argument, value, "a period argument as well (YYYY-MM): the month it applies to")
    return period


def citizens_in_month(table: Any, period: str, *conditions: ColumnElement[bool]) -> ColumnElement[bool]:
    """The person has a row of ``table`` (employment or follow-ups) in ``period`` meeting ``conditions``."""
    return PEOPLE.c.citizen_id.in_(select(table.c.citizen_id).where(table.c.period == period, *conditions))


@dataclass(frozen=True, slots=True)
class LaborerFilter:
    """The ``laborers`` list's filters; the month-dependent ones need ``period``."""

    region_code: str | None = None
    labor_category: tuple[str, ...] | None = None
    household_status: tuple[str, ...] | None = None
    willingness: tuple[str, ...] | None = None
    student: bool | None = None
    period: str | None = None
    employment_status: tuple[str, ...] | None = None
    employed: bool | None = None
    status_known: bool | None = None
    returned: bool | None = None
    followed_up: bool | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = [
            PEOPLE.c.registered == true(),
            PEOPLE.c.labor_category.in_(self.labor_category or laborer_categories()),
        ]
        if self.region_code is not None:
            found.append(people_in(self.region_code))
        if self.household_status is not None:
            found.append(
                PEOPLE.c.household_no.in_(
                    select(HOUSEHOLDS.c.household_no).where(HOUSEHOLDS.c.status.in_(self.household_status))
                )
            )
        if self.willingness is not None:
            found.append(PEOPLE.c.willingness.in_(self.willingness))
        if self.student is not None:
            found.append(PEOPLE.c.is_student == self.student)
        found.extend(self._monthly())
        return found

    def _monthly(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.employment_status is not None:
            period = needs_period("employmentStatus", list(self.employment_status), self.period)
            found.append(citizens_in_month(EMPLOYMENT, period, EMPLOYMENT.c.status.in_(self.employment_status)))
        if self.employed is not None:
            period = needs_period("employed", self.employed, self.period)
            employed = EMPLOYMENT.c.status.in_(employed_statuses())
            found.append(citizens_in_month(EMPLOYMENT, period, employed if self.employed else ~employed))
        for argument, flag, table, conditions in (
            ("statusKnown", self.status_known, EMPLOYMENT, ()),
            ("returned", self.returned, FOLLOWUPS, (FOLLOWUPS.c.returned == true(),)),
            ("followedUp", self.followed_up, FOLLOWUPS, ()),
        ):
            if flag is not None:
                has = citizens_in_month(table, needs_period(argument, flag, self.period), *conditions)
                found.append(has if flag else ~has)
        return found
