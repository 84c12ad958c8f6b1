"""Employers, workshops, job postings, public-welfare-post placements, trainings and minimum wages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, or_

from graph.caliber import Period
from hub.resolvers.entities import (
    EMPLOYER,
    EMPLOYERS,
    PLACEMENT,
    PLACEMENTS,
    POSTING,
    POSTINGS,
    TRAINING,
    TRAININGS,
    WAGE,
    WAGES,
    WORKSHOP,
    WORKSHOPS,
    citizen_in,
    starts_with,
)
from hub.resolvers.loaders import Relation, by_argument, many_by, one_by, one_per_key, reading, with_keys
from hub.resolvers.reader import prepared

if TYPE_CHECKING:
    from sqlalchemy import Select

    from hub.resolvers.reader import Columns, Reader


EMPLOYER_BY_CODE = one_by(EMPLOYER, "credit_code")
WORKSHOP_BY_CODE = one_by(WORKSHOP, "code")
WORKSHOPS_OF_OPERATOR = many_by(WORKSHOP, "operator_credit_code", "code")
POSTINGS_OF_EMPLOYER = many_by(POSTING, "credit_code", "published_on", "id")
PLACEMENTS_OF = many_by(PLACEMENT, "citizen_id", "start_date", "id")
TRAININGS_OF = many_by(TRAINING, "citizen_id", "start_date", "id")


@prepared
def _wages_statement(reader: Reader, first_day: date, columns: Columns) -> Select[Any]:
    statement = reader.select(
        WAGE,
        reader.keys_in(WAGES.c.county_code),
        WAGES.c.effective_from <= first_day,
        columns=with_keys(columns, "county_code"),
    )
    return statement.order_by(WAGES.c.county_code, WAGES.c.effective_from)


def _wage_in_force(reader: Reader, keys: list[tuple[str, str]], columns: Columns = None) -> list[Any]:
    """Keys ``(county, period)``: the latest standard effective on or before the month's first day."""
    rows: list[Any] = []
    for (period,), counties in by_argument(keys).items():
        standards = reader.rows(_wages_statement(reader, Period.parse(period).first_day, columns), counties)
        county_of = reading(standards, "county_code")
        latest: dict[str, Any] = {}
        for row in standards:
            latest[county_of(row)] = row
        rows.extend((county, period, row) for county, row in latest.items())
    found = one_per_key(keys, rows, lambda item: (item[0], item[1]))
    return [item[2] if item is not None else None for item in found]


WAGE_IN_FORCE = Relation("MinimumWage in force", _wage_in_force)


@dataclass(frozen=True, slots=True)
class EmployerFilter:
    """Employers lie in a county: a township or village code matches none."""

    region_code: str | None = None
    employer_type: tuple[str, ...] | None = None
    in_industrial_park: bool | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.region_code is not None:
            found.append(starts_with(EMPLOYERS.c.county_code, self.region_code))
        if self.employer_type is not None:
            found.append(EMPLOYERS.c.employer_type.in_(self.employer_type))
        if self.in_industrial_park is not None:
            found.append(EMPLOYERS.c.in_industrial_park == self.in_industrial_park)
        return found


@dataclass(frozen=True, slots=True)
class WorkshopFilter:
    region_code: str | None = None
    status: tuple[str, ...] | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.region_code is not None:
            found.append(starts_with(WORKSHOPS.c.village_code, self.region_code))
        if self.status is not None:
            found.append(WORKSHOPS.c.status.in_(self.status))
        return found


@dataclass(frozen=True, slots=True)
class PostingFilter:
    region_code: str | None = None
    open_on: date | None = None
    skill_required: tuple[str, ...] | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.region_code is not None:
            found.append(starts_with(POSTINGS.c.county_code, self.region_code))
        if self.open_on is not None:
            found.append(POSTINGS.c.published_on <= self.open_on)
            found.append(or_(POSTINGS.c.valid_until.is_(None), POSTINGS.c.valid_until >= self.open_on))
        if self.skill_required is not None:
            found.append(POSTINGS.c.skill_required.in_(self.skill_required))
        return found


@dataclass(frozen=True, slots=True)
class PlacementFilter:
    """``active_in``: RULES.md's active placement — started by the month's last day, not ended before its first."""

    region_code: str | None = None
    active_in: str | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.region_code is not None:
            found.append(starts_with(PLACEMENTS.c.village_code, self.region_code))
        if self.active_in is not None:
            month = Period.parse(self.active_in)
            found.append(PLACEMENTS.c.start_date <= month.last_day)
            found.append(or_(PLACEMENTS.c.end_date.is_(None), PLACEMENTS.c.end_date >= month.first_day))
        return found


@dataclass(frozen=True, slots=True)
class TrainingFilter:
    region_code: str | None = None
    training_type: tuple[str, ...] | None = None
    certified: bool | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.region_code is not None:
            found.append(citizen_in(TRAININGS.c.citizen_id, self.region_code))
        if self.training_type is not None:
            found.append(TRAININGS.c.training_type.in_(self.training_type))
        if self.certified is not None:
            found.append(TRAININGS.c.certified == self.certified)
        return found


@dataclass(frozen=True, slots=True)
class WageFilter:
    region_code: str | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        if self.region_code is None:
            return []
        return [starts_with(WAGES.c.county_code, self.region_code)]


POSTING_BY_ID = one_by(POSTING, "id")
PLACEMENT_BY_ID = one_by(PLACEMENT, "id")
TRAINING_BY_ID = one_by(TRAINING, "id")
