"""Every kind of node the API serves: its table, natural key, and where in the region tree a row lies.

The region of a row is what both a client's region scope and a ``regionCode`` filter test, so lists,
counts, lookups and statistics agree on it. People and their monthly facts lie in their household's
village (RULES.md: "the county of a person is the county of their household's village").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, FromClause, and_, false, func, or_, select

from graph.store import schema

T = schema.Base.metadata.tables
REGIONS, HOUSEHOLDS, PEOPLE = T["regions"], T["households"], T["people"]
EMPLOYERS, WORKSHOPS, PLACEMENTS = T["employers"], T["workshops"], T["placements"]
TRAININGS, POSTINGS, WAGES = T["trainings"], T["job_postings"], T["minimum_wages"]
EMPLOYMENT, REPORTS, FOLLOWUPS = T["employment"], T["employment_reports"], T["followups"]
PAYMENTS, CONFLICTS, QUARANTINE = T["payments"], T["conflicts"], T["quarantine"]
NAMES = T["person_names"]
FINDINGS = T["findings"]


def starts_with(column: ColumnElement[str], prefix: str) -> ColumnElement[bool]:
    """``column`` begins with the digits ``prefix``, as a range an index can serve on every engine."""
    if not prefix:
        return column.is_not(None)
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return and_(column >= prefix, column < upper)


def households_in(prefix: str) -> ColumnElement[bool]:
    return starts_with(HOUSEHOLDS.c.village_code, prefix)


def people_in(prefix: str) -> ColumnElement[bool]:
    """Registered members of households in the region (a person only other departments name lies nowhere)."""
    return PEOPLE.c.household_no.in_(select(HOUSEHOLDS.c.household_no).where(households_in(prefix)))


def citizen_in(column: ColumnElement[str], prefix: str) -> ColumnElement[bool]:
    return column.in_(select(PEOPLE.c.citizen_id).where(people_in(prefix)))


def payment_region() -> ColumnElement[str]:
    """A payment lies in its beneficiary's village when a registered member benefits, else in the paying county."""
    village = (
        select(HOUSEHOLDS.c.village_code)
        .join(PEOPLE, PEOPLE.c.household_no == HOUSEHOLDS.c.household_no)
        .where(PEOPLE.c.citizen_id == PAYMENTS.c.beneficiary_citizen_id)
        .scalar_subquery()
    )
    return func.coalesce(village, PAYMENTS.c.county_code)


def conflicts_in(prefix: str) -> ColumnElement[bool]:
    return or_(
        and_(CONFLICTS.c.subject_type == "person", citizen_in(CONFLICTS.c.subject_key, prefix)),
        and_(
            CONFLICTS.c.subject_type == "household",
            CONFLICTS.c.subject_key.in_(select(HOUSEHOLDS.c.household_no).where(households_in(prefix))),
        ),
    )


@dataclass(frozen=True, slots=True)
class Entity:
    """A node kind: ``key`` orders its lists and names it in global IDs; ``in_region`` places its rows."""

    name: str
    table: FromClause
    key: tuple[str, ...]
    in_region: Callable[[str], ColumnElement[bool]]

    def key_of(self, row: object) -> tuple[object, ...]:
        return tuple(getattr(row, column) for column in self.key)


def _column_in(table: FromClause, column: str) -> Callable[[str], ColumnElement[bool]]:
    return lambda prefix: starts_with(table.c[column], prefix)


REGION = Entity("Region", REGIONS, ("code",), _column_in(REGIONS, "code"))
HOUSEHOLD = Entity("Household", HOUSEHOLDS, ("household_no",), households_in)
LABORER = Entity("Laborer", PEOPLE, ("citizen_id",), people_in)
EMPLOYER = Entity("Employer", EMPLOYERS, ("credit_code",), _column_in(EMPLOYERS, "county_code"))
WORKSHOP = Entity("Workshop", WORKSHOPS, ("code",), _column_in(WORKSHOPS, "village_code"))
PLACEMENT = Entity("PublicWelfarePost", PLACEMENTS, ("id",), _column_in(PLACEMENTS, "village_code"))
TRAINING = Entity("Training", TRAININGS, ("id",), lambda p: citizen_in(TRAININGS.c.citizen_id, p))
POSTING = Entity("JobPosting", POSTINGS, ("id",), _column_in(POSTINGS, "county_code"))
WAGE = Entity("MinimumWage", WAGES, ("county_code", "effective_from"), _column_in(WAGES, "county_code"))
EMPLOYMENT_MONTH = Entity(
    "Employment", EMPLOYMENT, ("citizen_id", "period"), lambda p: citizen_in(EMPLOYMENT.c.citizen_id, p)
)
FOLLOWUP = Entity("FollowUp", FOLLOWUPS, ("id",), lambda p: citizen_in(FOLLOWUPS.c.citizen_id, p))
PAYMENT = Entity("Payment", PAYMENTS, ("voucher",), lambda p: starts_with(payment_region(), p))
CONFLICT = Entity("Conflict", CONFLICTS, ("id",), conflicts_in)
#: Quarantined rows could not be read, so they lie in no region: a region-scoped client sees none.
QUARANTINED = Entity("QuarantineEntry", QUARANTINE, ("source", "source_table", "source_key"), lambda p: false())
#: A finding lies where the rule placed it (a village, or a county for payments and counties).
FINDING = Entity("Finding", FINDINGS, ("id",), _column_in(FINDINGS, "region_code"))
