"""How each kind of unified record lands in the store: its table, its upsert target, its columns."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Target:
    """Where a record kind is written and by which key an existing row is found."""

    table: Table
    conflict: tuple[str, ...]
    fields: tuple[str, ...]
    extra: Callable[[Any], dict[str, Any]] | None = None
    period_field: str | None = None
    dirty_kind: str | None = None

    def row(self, record: Record, run_id: int) -> dict[str, Any]:
        """The store row of a record, including provenance and the digest of its content."""
        values = {name: getattr(record, name) for name in self.fields}
        if self.extra is not None:
            values.update(self.extra(record))
        provenance = record.provenance
        values["row_hash"] = content_hash(values, provenance.updated_at)
        values["source"] = provenance.source
        values["source_table"] = provenance.table
        values["source_key"] = provenance.key
        values["source_updated_at"] = provenance.updated_at
        values["ingest_run"] = run_id
        return values


def content_hash(values: dict[str, Any], updated_at: object) -> int:
    """A signed 64-bit digest of a row's normalized content: equal content, equal digest, any process."""
    payload = repr((sorted(values.items()), updated_at)).encode()
    return int.from_bytes(hashlib.blake2b(payload, digest_size=8).digest(), "big", signed=True)


def _fields(kind: type[Record]) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind) if f.name != "provenance")


def _member_extra(record: MemberRecord) -> dict[str, Any]:
    sex_digit = record.citizen_id[16]
    return {"registered": True, "sex": "M" if int(sex_digit) % 2 else "F"}


def _payment_extra(record: PaymentRecord) -> dict[str, Any]:
    return {"beneficiary_citizen_id": record.beneficiary_citizen_id}


TARGETS: dict[type[Record], Target] = {
    HouseholdRecord: Target(schema.Household.__table__, ("household_no",), _fields(HouseholdRecord)),
    MemberRecord: Target(
        schema.Person.__table__,
        ("citizen_id",),
        _fields(MemberRecord),
        extra=_member_extra,
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
        schema.EmploymentReport.__table__,
        SOURCE_IDENTITY,
        _fields(EmploymentReportRecord),
        period_field="period",
    ),
    FollowUpRecord: Target(
        schema.FollowUp.__table__, SOURCE_IDENTITY, _fields(FollowUpRecord), period_field="period"
    ),
    PaymentRecord: Target(
        schema.Payment.__table__,
        ("voucher",),
        _fields(PaymentRecord),
        extra=_payment_extra,
        dirty_kind="payments",
    ),
}

#: every table a connector's rows land in, for clean-up when a row turns out bad on a later read
FACT_TABLES: tuple[Table, ...] = tuple(target.table for target in TARGETS.values())
