"""Monthly facts about people: unified employment, follow-up visits and return-home events.

The unified status of a month (``employment``) is derived by the resolver from HR's reports and the
follow-ups; each row names the statement it came from, whose source update time is looked up here.
A return home (返乡) is an event any follow-up of the month may record (CALIBER.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, select, true, tuple_

from hub.resolvers.entities import (
    EMPLOYMENT,
    EMPLOYMENT_MONTH,
    FOLLOWUP,
    FOLLOWUPS,
    REPORTS,
    Entity,
    citizen_in,
)
from hub.resolvers.loaders import Relation, by_argument, chunks, many_per_key, one_per_key

if TYPE_CHECKING:
    from hub.resolvers.reader import Reader

_RETURNS = (
    select(FOLLOWUPS.c.citizen_id, FOLLOWUPS.c.period)
    .where(FOLLOWUPS.c.returned == true())
    .distinct()
    .subquery("return_events")
)
RETURN_EVENT = Entity("ReturnEvent", _RETURNS, ("citizen_id", "period"), lambda p: citizen_in(_RETURNS.c.citizen_id, p))


def _month(reader: Reader, keys: list[tuple[str, str]]) -> list[Any]:
    rows: list[Any] = []
    for (period,), ids in by_argument(keys).items():
        for chunk in chunks(ids):
            statement = reader.select(
                EMPLOYMENT_MONTH, EMPLOYMENT.c.period == period, reader.one_of(EMPLOYMENT.c.citizen_id, chunk)
            )
            rows.extend(reader.rows(statement))
    return one_per_key(keys, rows, lambda row: (row.citizen_id, row.period))


def _history(reader: Reader, keys: list[tuple[str, str | None, str | None]]) -> list[Any]:
    """Keys ``(citizen_id, from, to)``: the months in that span (open ends allowed), oldest first."""
    rows: list[Any] = []
    for (start, end), ids in by_argument(keys).items():
        conditions = [reader.one_of(EMPLOYMENT.c.citizen_id, ids)]
        if start is not None:
            conditions.append(EMPLOYMENT.c.period >= start)
        if end is not None:
            conditions.append(EMPLOYMENT.c.period <= end)
        statement = reader.select(EMPLOYMENT_MONTH, *conditions).order_by(EMPLOYMENT.c.citizen_id, EMPLOYMENT.c.period)
        rows.extend((start, end, row) for row in reader.rows(statement))
    grouped = many_per_key(keys, rows, lambda item: (item[2].citizen_id, item[0], item[1]))
    return [[row for _, _, row in group] for group in grouped]


def _employees(reader: Reader, keys: list[tuple[str, str]]) -> list[Any]:
    """Keys ``(credit_code, period)``: who that employer employed that month, by citizen ID."""
    rows: list[Any] = []
    for (period,), codes in by_argument(keys).items():
        statement = reader.select(
            EMPLOYMENT_MONTH, EMPLOYMENT.c.period == period, reader.one_of(EMPLOYMENT.c.employer_credit_code, codes)
        ).order_by(EMPLOYMENT.c.citizen_id)
        rows.extend(reader.rows(statement))
    return many_per_key(keys, rows, lambda row: (row.employer_credit_code, row.period))


def _followups(reader: Reader, keys: list[tuple[str, str | None]]) -> list[Any]:
    """Keys ``(citizen_id, period or None)``: visits in visit order."""
    rows: list[Any] = []
    for (period,), ids in by_argument(keys).items():
        conditions = [reader.one_of(FOLLOWUPS.c.citizen_id, ids)]
        if period is not None:
            conditions.append(FOLLOWUPS.c.period == period)
        statement = reader.select(FOLLOWUP, *conditions).order_by(
            FOLLOWUPS.c.period, FOLLOWUPS.c.visit_date, FOLLOWUPS.c.id
        )
        rows.extend((period, row) for row in reader.rows(statement))
    return [[row for _, row in group] for group in many_per_key(keys, rows, lambda item: (item[1].citizen_id, item[0]))]


def _returns(reader: Reader, ids: list[str]) -> list[Any]:
    statement = reader.select(RETURN_EVENT, reader.one_of(_RETURNS.c.citizen_id, ids)).order_by(
        _RETURNS.c.citizen_id, _RETURNS.c.period
    )
    return many_per_key(ids, reader.rows(statement), attrgetter("citizen_id"))


def _return_reports(reader: Reader, keys: list[tuple[str, str]]) -> list[Any]:
    statement = reader.select(
        FOLLOWUP, FOLLOWUPS.c.returned == true(), tuple_(FOLLOWUPS.c.citizen_id, FOLLOWUPS.c.period).in_(keys)
    ).order_by(FOLLOWUPS.c.visit_date, FOLLOWUPS.c.id)
    return many_per_key(keys, reader.rows(statement), lambda row: (row.citizen_id, row.period))


def _statement_updated(reader: Reader, keys: list[tuple[str, str, str]]) -> list[Any]:
    """Keys ``(source, table, key)`` of HR reports or follow-ups: when the source last changed that row."""
    found: dict[tuple[str, str, str], Any] = {}
    for table in (REPORTS, FOLLOWUPS):
        identity = tuple_(table.c.source, table.c.source_table, table.c.source_key)
        for chunk in chunks(keys):
            statement = select(table.c.source, table.c.source_table, table.c.source_key, table.c.source_updated_at)
            for source, source_table, key, updated in reader.connection.execute(
                statement.where(identity.in_(chunk))  # a composite key: one_of takes single columns
            ):
                found[(source, source_table, key)] = updated
    return [found.get(key) for key in keys]


EMPLOYMENT_IN_MONTH = Relation("Laborer.employment", _month)
EMPLOYMENT_HISTORY = Relation("Laborer.employmentHistory", _history)
EMPLOYEES = Relation("Employer.employees", _employees)
FOLLOWUPS_OF = Relation("Laborer.followUps", _followups)
RETURNS_OF = Relation("Laborer.returnEvents", _returns)
RETURN_REPORTS = Relation("ReturnEvent.reportedBy", _return_reports)
STATEMENT_UPDATED = Relation("Employment.provenance", _statement_updated)


@dataclass(frozen=True, slots=True)
class EmploymentFilter:
    period: str
    region_code: str | None = None
    status: tuple[str, ...] | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        found = [EMPLOYMENT.c.period == self.period]
        if self.region_code is not None:
            found.append(citizen_in(EMPLOYMENT.c.citizen_id, self.region_code))
        if self.status is not None:
            found.append(EMPLOYMENT.c.status.in_(self.status))
        return found


@dataclass(frozen=True, slots=True)
class FollowUpFilter:
    region_code: str | None = None
    period: str | None = None
    source: tuple[str, ...] | None = None
    status: tuple[str, ...] | None = None
    returned: bool | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.region_code is not None:
            found.append(citizen_in(FOLLOWUPS.c.citizen_id, self.region_code))
        if self.period is not None:
            found.append(FOLLOWUPS.c.period == self.period)
        if self.source is not None:
            found.append(FOLLOWUPS.c.source.in_(self.source))
        if self.status is not None:
            found.append(FOLLOWUPS.c.status.in_(self.status))
        if self.returned is not None:
            found.append(FOLLOWUPS.c.returned == self.returned)
        return found


@dataclass(frozen=True, slots=True)
class ReturnEventFilter:
    region_code: str | None = None
    period: str | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.region_code is not None:
            found.append(citizen_in(_RETURNS.c.citizen_id, self.region_code))
        if self.period is not None:
            found.append(_RETURNS.c.period == self.period)
        return found


def _followup_by_id(reader: Reader, ids: list[int]) -> list[Any]:
    rows = [
        row
        for chunk in chunks(ids)
        for row in reader.rows(reader.select(FOLLOWUP, reader.one_of(FOLLOWUPS.c.id, chunk)))
    ]
    return one_per_key(ids, rows, attrgetter("id"))


def _return_event(reader: Reader, keys: list[tuple[str, str]]) -> list[Any]:
    statement = reader.select(RETURN_EVENT, tuple_(_RETURNS.c.citizen_id, _RETURNS.c.period).in_(keys))
    return one_per_key(keys, reader.rows(statement), lambda row: (row.citizen_id, row.period))


FOLLOWUP_BY_ID = Relation("FollowUp", _followup_by_id)
RETURN_EVENT_BY_KEY = Relation("ReturnEvent", _return_event)
