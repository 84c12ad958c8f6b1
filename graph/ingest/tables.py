"""How each kind of unified record lands in the store: its table, its upsert key, its columns as stored.

Records are turned into plain tuples of database values here (integer fen, ISO dates on SQLite) and
written with the driver's ``executemany``: at 100,000 rows a second the per-row cost of a general SQL
layer matters, so this one narrow path skips it. Everything else in the hub goes through SQLAlchemy.
"""

from __future__ import annotations

import dataclasses
import operator
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Table

from graph.records import (
    EmployerRecord,
    EmploymentReportRecord,
    FollowUpRecord,
    HouseholdRecord,
    JobPostingRecord,
    MemberRecord,
    MinimumWageRecord,
    PaymentRecord,
    PlacementRecord,
    Record,
    TrainingRecord,
    WorkshopRecord,
)
from graph.store import schema

SOURCE_IDENTITY = ("source", "source_table", "source_key")
PROVENANCE_COLUMNS = ("source", "source_table", "source_key", "source_updated_at", "ingest_run", "row_hash")

Convert = Callable[[Any], Any]


def _sqlite_date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _sqlite_datetime(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat(" ", "microseconds")


def _fen(value: Decimal | None) -> int | None:
    return None if value is None else int(value * 100)


def _sqlite_bool(value: bool | None) -> int | None:
    return None if value is None else int(value)


def _converter(column_type: Any, sqlite: bool) -> Convert | None:
    """How a Python value becomes the driver's value for a column of this type (None: as it is)."""
    name = type(column_type).__name__
    if name == "Money":
        return _fen
    if not sqlite:
        return None
    return {"Date": _sqlite_date, "DateTime": _sqlite_datetime, "Boolean": _sqlite_bool}.get(name)


@dataclass(frozen=True)
class Target:
    """Where a record kind is written and by which key an existing row is found."""

    table: Table
    conflict: tuple[str, ...]
    fields: tuple[str, ...]
    extra: Callable[[Any], tuple[Any, ...]] | None = None
    extra_columns: tuple[str, ...] = ()
    period_field: str | None = None
    dirty_kind: str | None = None
    _statements: dict[str, tuple[str, list[Convert | None]]] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        getter = operator.attrgetter(*self.fields)
        object.__setattr__(self, "_getter", getter if len(self.fields) > 1 else lambda r: (getter(r),))

    @property
    def columns(self) -> tuple[str, ...]:
        return self.fields + self.extra_columns + PROVENANCE_COLUMNS

    def statement(self, dialect: str) -> tuple[str, list[Convert | None]]:
        """The upsert statement in the driver's parameter style, and each column's converter."""
        if dialect not in self._statements:
            sqlite = dialect == "sqlite"
            marker = "?" if sqlite else "%s"
            columns = self.columns
            updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in self.conflict)
            sql = (
                f"INSERT INTO {self.table.name} ({', '.join(columns)}) VALUES ({', '.join([marker] * len(columns))}) "
                f"ON CONFLICT ({', '.join(self.conflict)}) DO UPDATE SET {updates}"
            )
            converters = [_converter(self.table.c[c].type, sqlite) for c in columns]
            self._statements[dialect] = (sql, converters)
        return self._statements[dialect]

    def values(self, record: Record, run_id: int, with_hash: bool) -> tuple[Any, ...]:
        """The record's column values in ``columns`` order (Python values; converted when written)."""
        own = self._getter(record)
        if self.extra is not None:
            own += self.extra(record)
        provenance = record.provenance
        digest = content_hash(own) if with_hash else None
        return (*own, provenance.source, provenance.table, provenance.key, provenance.updated_at, run_id, digest)


def content_hash(values: tuple[Any, ...]) -> int:
    """A digest of a row's normalized content, equal in every process (for sources with no update time)."""
    return zlib.crc32(repr(values).encode())


def _fields(kind: type[Record]) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind) if f.name != "provenance")


def _member_extra(record: MemberRecord) -> tuple[Any, ...]:
    return (True, "M" if int(record.citizen_id[16]) % 2 else "F")


def _payment_extra(record: PaymentRecord) -> tuple[Any, ...]:
    return (record.beneficiary_citizen_id,)


TARGETS: dict[type[Record], Target] = {
    HouseholdRecord: Target(schema.Household.__table__, ("household_no",), _fields(HouseholdRecord)),
    MemberRecord: Target(
        schema.Person.__table__,
        ("citizen_id",),
        _fields(MemberRecord),
        extra=_member_extra,
        extra_columns=("registered", "sex"),
        dirty_kind="people",
    ),
    EmployerRecord: Target(schema.Employer.__table__, ("credit_code",), _fields(EmployerRecord)),
    WorkshopRecord: Target(schema.Workshop.__table__, ("code",), _fields(WorkshopRecord)),
    PlacementRecord: Target(schema.Placement.__table__, SOURCE_IDENTITY, _fields(PlacementRecord)),
    TrainingRecord: Target(schema.Training.__table__, SOURCE_IDENTITY, _fields(TrainingRecord)),
    JobPostingRecord: Target(schema.JobPosting.__table__, SOURCE_IDENTITY, _fields(JobPostingRecord)),
    MinimumWageRecord: Target(
        schema.MinimumWage.__table__, ("county_code", "effective_from"), _fields(MinimumWageRecord)
    ),
    EmploymentReportRecord: Target(
        schema.EmploymentReport.__table__, SOURCE_IDENTITY, _fields(EmploymentReportRecord), period_field="period"
    ),
    FollowUpRecord: Target(schema.FollowUp.__table__, SOURCE_IDENTITY, _fields(FollowUpRecord), period_field="period"),
    PaymentRecord: Target(
        schema.Payment.__table__,
        ("voucher",),
        _fields(PaymentRecord),
        extra=_payment_extra,
        extra_columns=("beneficiary_citizen_id",),
        dirty_kind="payments",
    ),
}
