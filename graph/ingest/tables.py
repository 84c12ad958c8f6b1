"""How each kind of unified record lands in the store: its table, its upsert key, its columns as stored.

Records are turned into plain tuples of database values here (integer fen, ISO dates on SQLite) and
written with the driver's ``executemany`` on SQLite and with ``COPY`` on PostgreSQL (see
:mod:`graph.ingest.copying`): at 100,000 rows a second the per-row cost of a general SQL layer matters,
so this one narrow path skips it. Everything else in the hub goes through SQLAlchemy.
The conversion works column by column on :class:`~graph.records.RecordColumns` and converts each distinct
date or amount once, so it costs little per row; a sync runs it where it maps (the map worker process), and
the writer only zips the columns into tuples.
"""

from __future__ import annotations

import dataclasses
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Table

from graph.distinct import remember
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
    RecordColumns,
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


_converted: dict[Convert, dict[Any, Any]] = {}


def _convert(values: list[Any], convert: Convert | None) -> list[Any]:
    """A column converted for the driver; each distinct value once, except for (nearly unique) times.

    Conversions are remembered across batches: amounts repeat across a stream (the county's 245,000
    follow-ups state 47,000 distinct incomes, ≈ 3,300 in each batch of 5,000) and ``Decimal`` → fen costs
    ≈ 0.2 µs, so converting each batch's distinct amounts anew cost 0.85 µs a follow-up.
    """
    if convert is None:
        return values
    if convert is _sqlite_datetime:
        return list(map(convert, values))
    known = _converted.setdefault(convert, {})
    remember(values, known, convert)
    return list(map(known.__getitem__, values))


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
    """Where a record kind is written and by which key an existing row is found.

    ``extra`` computes the ``extra_columns`` (stored but not fields of the record) from a batch's columns.
    """

    table: Table
    conflict: tuple[str, ...]
    fields: tuple[str, ...]
    extra: Callable[[RecordColumns], list[list[Any]]] | None = None
    extra_columns: tuple[str, ...] = ()
    period_field: str | None = None
    dirty_kind: str | None = None
    _statements: dict[str, tuple[str, list[Convert | None]]] = field(default_factory=dict, compare=False, hash=False)

    @property
    def columns(self) -> tuple[str, ...]:
        return self.fields + self.extra_columns + PROVENANCE_COLUMNS

    def position(self, column: str) -> int:
        """Where a column is in :attr:`columns` (and in the driver's tuples)."""
        return self.columns.index(column)

    def statement(self, dialect: str, *, upsert: bool = True) -> tuple[str, list[Convert | None]]:
        """The statement writing rows, in the driver's parameter style, and each column's converter.

        An upsert; a plain insert (``upsert`` false) for a table loaded in bulk, which has no unique index
        to find a conflict by (see :mod:`graph.store.bulk`).
        """
        key = f"{dialect}:{'upsert' if upsert else 'insert'}"
        if key not in self._statements:
            sqlite = dialect == "sqlite"
            sql = self._sql(["?" if sqlite else "%s"] * len(self.columns), upsert=upsert)
            converters = [_converter(self.table.c[c].type, sqlite) for c in self.columns]
            self._statements[key] = (sql, converters)
        return self._statements[key]

    def statement_with(self, constants: dict[int, Any], *, upsert: bool = True) -> str:
        """The SQLite statement with the values of the columns at ``constants``' positions written in."""
        values = [_sqlite_literal(constants[i]) if i in constants else "?" for i in range(len(self.columns))]
        return self._sql(values, upsert=upsert)

    def _sql(self, values: list[str], *, upsert: bool) -> str:
        columns = self.columns
        sql = f"INSERT INTO {self.table.name} ({', '.join(columns)}) VALUES ({', '.join(values)})"
        if upsert:
            updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in self.conflict)
            sql += f" ON CONFLICT ({', '.join(self.conflict)}) DO UPDATE SET {updates}"
        return sql

    def driver_columns(self, records: RecordColumns, run_id: int, dialect: str, *, with_hash: bool) -> list[list[Any]]:
        """The records' values in ``columns`` order, converted for the driver: one list per column."""
        own = [records.values[name] for name in self.fields]
        if self.extra is not None:
            own += self.extra(records)
        count = len(records)
        digests = [content_hash(values) for values in zip(*own, strict=True)] if with_hash else [None] * count
        updated: list[Any] = records.updated_at
        _, converters = self.statement(dialect)
        if dialect == "sqlite" and records.updated_text is not None:
            # what _sqlite_datetime makes of a whole second, without formatting each time again
            updated = [f"{text}.000000" for text in records.updated_text]
            converters = [*converters]
            converters[self.position("source_updated_at")] = None
        provenance = [[records.source] * count, [records.table] * count, records.keys, updated]
        columns = [*own, *provenance, [run_id] * count, digests]
        return [_convert(values, convert) for values, convert in zip(columns, converters, strict=True)]


def same_values(columns: list[list[Any] | None], *, keep: int) -> dict[int, Any]:
    """The columns (but ``keep``) in which every row holds one value a SQLite literal states exactly.

    Such a value is None, text without NUL or a 64-bit integer, and the whole column is of its type (an
    integer column equal to it could hold ``True`` or ``1.0``). Checked in C: a column whose first and last
    values differ costs nothing, a constant one is counted by identity.
    """
    found = {}
    for position, values in enumerate(columns):
        if position == keep or not values:
            continue
        first = values[0]
        last = values[-1]
        if last is not first and last != first:
            continue
        kind = type(first)
        if kind is str:
            if "\x00" in first:
                continue
        elif kind is int:
            if not -(2**63) <= first < 2**63 or set(map(type, values)) != {int}:
                continue
        elif first is not None:
            continue
        if values.count(first) == len(values):
            found[position] = first
    return found


def _sqlite_literal(value: str | int | None) -> str:
    """A value as SQLite reads it in a statement (see :func:`same_values` for which values qualify)."""
    if value is None:
        return "NULL"
    if isinstance(value, int):
        return str(value)
    return "'" + value.replace("'", "''") + "'"


def content_hash(values: tuple[Any, ...]) -> int:
    """A digest of a row's normalized content, equal in every process (for sources with no update time)."""
    return zlib.crc32(repr(values).encode())


def _fields(kind: type[Record]) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind) if f.name != "provenance")


def _member_extra(members: RecordColumns) -> list[list[Any]]:
    """A member is registered; the sex is the ID's 17th digit's parity."""
    ids = members.values["citizen_id"]
    return [[True] * len(ids), ["M" if int(citizen_id[16]) % 2 else "F" for citizen_id in ids]]


def _payment_extra(payments: RecordColumns) -> list[list[Any]]:
    """The beneficiary, as :attr:`PaymentRecord.beneficiary_citizen_id` says, and whether the voucher is effective.

    ``effective`` is written as the resolver finds it for a voucher no reversal names (status PAID), so the
    resolver rewrites only the reversed ones (see :mod:`graph.resolve.payments`).
    """
    values = payments.values
    beneficiaries = [
        target if credit_code else payee
        for target, credit_code, payee in zip(
            values["target_citizen_id"], values["payee_credit_code"], values["payee_citizen_id"], strict=True
        )
    ]
    return [beneficiaries, [status == "PAID" for status in values["status"]]]


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
        extra_columns=("beneficiary_citizen_id", "effective"),
        dirty_kind="payments",
    ),
}
