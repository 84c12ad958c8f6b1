"""Monthly facts about people: unified employment, follow-up visits and return-home events.

The unified status of a month (``employment``) is derived by the resolver from HR's reports and the
follow-ups; each row names the statement it came from, whose source update time is looked up here.
A return home (返乡) is an event any follow-up of the month may record (CALIBER.md).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
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
from hub.resolvers.loaders import (
    Relation,
    by_argument,
    chunks,
    many_by,
    many_per_key,
    one_by,
    one_per_key,
    reading,
    with_keys,
)
from hub.resolvers.reader import prepared

if TYPE_CHECKING:
    from sqlalchemy import Select

    from hub.resolvers.reader import Columns, Reader

_RETURNS = (
    select(FOLLOWUPS.c.citizen_id, FOLLOWUPS.c.period)
    .where(FOLLOWUPS.c.returned == true())
    .distinct()
    .subquery("return_events")
)
RETURN_EVENT = Entity("ReturnEvent", _RETURNS, ("citizen_id", "period"), lambda p: citizen_in(_RETURNS.c.citizen_id, p))


@prepared
def _months(reader: Reader, key: str, period: str, columns: Columns, order: tuple[str, ...]) -> Select[Any]:
    """The unified months of ``period`` whose ``key`` column is one of the keys."""
    condition = reader.keys_in(EMPLOYMENT.c[key])
    statement = reader.select(
        EMPLOYMENT_MONTH, EMPLOYMENT.c.period == period, condition, columns=with_keys(columns, key, "period")
    )
    return statement.order_by(*(EMPLOYMENT.c[name] for name in order))


def _month(reader: Reader, keys: list[tuple[str, str]], columns: Columns = None) -> list[Any]:
    rows: list[Any] = []
    for (period,), ids in by_argument(keys).items():
        statement = _months(reader, "citizen_id", period, columns, ())
        rows.extend(row for chunk in chunks(ids) for row in reader.rows(statement, chunk))
    return one_per_key(keys, rows, reading(rows, "citizen_id", "period"))


@prepared
def _history_statement(reader: Reader, start: str | None, end: str | None, columns: Columns) -> Select[Any]:
    conditions = [reader.keys_in(EMPLOYMENT.c.citizen_id)]
    if start is not None:
        conditions.append(EMPLOYMENT.c.period >= start)
    if end is not None:
        conditions.append(EMPLOYMENT.c.period <= end)
    statement = reader.select(EMPLOYMENT_MONTH, *conditions, columns=with_keys(columns, "citizen_id"))
    return statement.order_by(EMPLOYMENT.c.citizen_id, EMPLOYMENT.c.period)


def _history(reader: Reader, keys: list[tuple[str, str | None, str | None]], columns: Columns = None) -> list[Any]:
    """Keys ``(citizen_id, from, to)``: the months in that span (open ends allowed), oldest first."""
    found: dict[tuple[str, str | None, str | None], list[Any]] = defaultdict(list)
    for (start, end), ids in by_argument(keys).items():
        statement = _history_statement(reader, start, end, columns)
        rows = [row for chunk in chunks(ids) for row in reader.rows(statement, chunk)]
        citizen = reading(rows, "citizen_id")
        for row in rows:
            found[(citizen(row), start, end)].append(row)
    return [found.get(key, []) for key in keys]


def _employees(reader: Reader, keys: list[tuple[str, str]], columns: Columns = None) -> list[Any]:
    """Keys ``(credit_code, period)``: who that employer employed that month, by citizen ID."""
    rows: list[Any] = []
    for (period,), codes in by_argument(keys).items():
        statement = _months(reader, "employer_credit_code", period, columns, ("citizen_id",))
        rows.extend(row for chunk in chunks(codes) for row in reader.rows(statement, chunk))
    return many_per_key(keys, rows, reading(rows, "employer_credit_code", "period"))


@prepared
def _followups_statement(reader: Reader, period: str | None, columns: Columns) -> Select[Any]:
    conditions = [reader.keys_in(FOLLOWUPS.c.citizen_id)]
    if period is not None:
        conditions.append(FOLLOWUPS.c.period == period)
    statement = reader.select(FOLLOWUP, *conditions, columns=with_keys(columns, "citizen_id"))
    return statement.order_by(FOLLOWUPS.c.period, FOLLOWUPS.c.visit_date, FOLLOWUPS.c.id)


def _followups(reader: Reader, keys: list[tuple[str, str | None]], columns: Columns = None) -> list[Any]:
    """Keys ``(citizen_id, period or None)``: visits in visit order."""
    found: dict[tuple[str, str | None], list[Any]] = defaultdict(list)
    for (period,), ids in by_argument(keys).items():
        statement = _followups_statement(reader, period, columns)
        rows = [row for chunk in chunks(ids) for row in reader.rows(statement, chunk)]
        citizen = reading(rows, "citizen_id")
        for row in rows:
            found[(citizen(row), period)].append(row)
    return [found.get(key, []) for key in keys]


def _return_reports(reader: Reader, keys: list[tuple[str, str]], columns: Columns = None) -> list[Any]:
    statement = reader.select(
        FOLLOWUP,
        FOLLOWUPS.c.returned == true(),
        tuple_(FOLLOWUPS.c.citizen_id, FOLLOWUPS.c.period).in_(keys),
        columns=with_keys(columns, "citizen_id", "period"),
    ).order_by(FOLLOWUPS.c.visit_date, FOLLOWUPS.c.id)
    rows = reader.rows(statement)
    return many_per_key(keys, rows, reading(rows, "citizen_id", "period"))


def _statement_updated(reader: Reader, keys: list[tuple[str, str, str]], columns: Columns = None) -> list[Any]:
    """Keys ``(source, table, key)`` of HR reports or follow-ups: when the source last changed that row.

    The answers are times, not rows, so ``columns`` is not used.
    """
    found: dict[tuple[str, str, str], Any] = {}
    for table in (REPORTS, FOLLOWUPS):
        identity = tuple_(table.c.source, table.c.source_table, table.c.source_key)
        for chunk in chunks(keys):
            statement = select(table.c.source, table.c.source_table, table.c.source_key, table.c.source_updated_at)
            for source, source_table, key, updated in reader.connection.execute(
                statement.where(identity.in_(chunk))  # a composite key: keys_in takes single columns
            ):
                found[(source, source_table, key)] = updated
    return [found.get(key) for key in keys]


EMPLOYMENT_IN_MONTH = Relation("Laborer.employment", _month)
EMPLOYMENT_HISTORY = Relation("Laborer.employmentHistory", _history)
EMPLOYEES = Relation("Employer.employees", _employees)
FOLLOWUPS_OF = Relation("Laborer.followUps", _followups)
RETURNS_OF = many_by(RETURN_EVENT, "citizen_id", "period", name="Laborer.returnEvents")
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


def _return_event(reader: Reader, keys: list[tuple[str, str]], columns: Columns = None) -> list[Any]:
    statement = reader.select(
        RETURN_EVENT,
        tuple_(_RETURNS.c.citizen_id, _RETURNS.c.period).in_(keys),
        columns=with_keys(columns, "citizen_id", "period"),
    )
    rows = reader.rows(statement)
    return one_per_key(keys, rows, reading(rows, "citizen_id", "period"))


FOLLOWUP_BY_ID = one_by(FOLLOWUP, "id", "FollowUp")
RETURN_EVENT_BY_KEY = Relation("ReturnEvent", _return_event)
