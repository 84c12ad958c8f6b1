"""Unified-caliber records: what a connector hands to the graph after normalizing a source row.

Every record carries its provenance (which source, table and row said it, and when the source last
changed that row). Values are already in the unified caliber: 18-character citizen IDs, caliber codes,
``YYYY-MM`` periods, ``date`` objects and exact ``Decimal`` yuan. The store writes them as they are;
identity resolution and precedence happen after ingest, in set-based SQL.

Records are slotted dataclasses: connectors build millions of them per sync, so they stay small and
cheap to create. ``TABLE`` names the store table each kind lands in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar


@dataclass(slots=True)
class Provenance:
    """Where a fact came from: enough to find the source row again."""

    source: str
    table: str
    key: str
    updated_at: datetime | None


@dataclass(slots=True)
class Record:
    """Base of every unified record."""

    TABLE: ClassVar[str] = ""
    provenance: Provenance


@dataclass(slots=True)
class HouseholdRecord(Record):
    TABLE: ClassVar[str] = "households"
    household_no: str
    village_code: str
    status: str
    head_name: str | None = None
    head_citizen_id: str | None = None
    lifted_year: int | None = None
    size: int | None = None
    phone: str | None = None
    bank_account: str | None = None


@dataclass(slots=True)
class MemberRecord(Record):
    """A registered household member (the registry is authoritative for these elements)."""

    TABLE: ClassVar[str] = "people"
    citizen_id: str
    household_no: str
    name: str
    relation: str | None
    birth_date: date | None
    labor_category: str | None
    disability: str | None
    school_status: str | None
    is_student: bool
    willingness: str | None


@dataclass(slots=True)
class EmployerRecord(Record):
    TABLE: ClassVar[str] = "employers"
    credit_code: str
    name: str
    employer_type: str
    county_code: str | None
    in_industrial_park: bool | None


@dataclass(slots=True)
class WorkshopRecord(Record):
    TABLE: ClassVar[str] = "workshops"
    code: str
    name: str
    village_code: str
    operator_credit_code: str | None
    recognized_on: date | None
    status: str


@dataclass(slots=True)
class PlacementRecord(Record):
    """A public-welfare post placement (公益性岗位安置)."""

    TABLE: ClassVar[str] = "placements"
    citizen_id: str
    post_name: str
    village_code: str
    start_date: date
    end_date: date | None
    monthly_subsidy: Decimal


@dataclass(slots=True)
class TrainingRecord(Record):
    TABLE: ClassVar[str] = "trainings"
    citizen_id: str
    training_type: str
    institution: str | None
    start_date: date
    end_date: date | None
    certified: bool | None


@dataclass(slots=True)
class JobPostingRecord(Record):
    TABLE: ClassVar[str] = "job_postings"
    credit_code: str
    title: str
    openings: int
    wage_min: Decimal | None
    wage_max: Decimal | None
    county_code: str | None
    skill_required: str | None
    published_on: date
    valid_until: date | None


@dataclass(slots=True)
class MinimumWageRecord(Record):
    TABLE: ClassVar[str] = "minimum_wages"
    county_code: str
    effective_from: date
    tier: str
    monthly_amount: Decimal


@dataclass(slots=True)
class EmploymentReportRecord(Record):
    """One department's statement of a person's employment in a month (HR's monthly record)."""

    TABLE: ClassVar[str] = "employment_reports"
    citizen_id: str
    period: str
    status: str
    name: str
    sex: str | None = None
    hukou_county: str | None = None
    location: str | None = None
    employer_name: str | None = None
    employer_credit_code: str | None = None
    income: Decimal | None = None
    skill_level: str | None = None


@dataclass(slots=True)
class FollowUpRecord(Record):
    """A follow-up visit (回访): the poverty office's platform row or a village ledger row."""

    TABLE: ClassVar[str] = "followups"
    citizen_id: str
    period: str
    visit_date: date
    status: str
    returned: bool
    entry_date: date | None = None
    income: Decimal | None = None
    other_income: Decimal | None = None
    location: str | None = None
    employer_name: str | None = None
    visitor: str | None = None
    remarks: str | None = None
    name: str | None = None
    household_no: str | None = None
    village_code: str | None = None


@dataclass(slots=True)
class PaymentRecord(Record):
    """A subsidy voucher as finance recorded it (payments, returns and reversals alike)."""

    TABLE: ClassVar[str] = "payments"
    voucher: str
    subsidy_type: str
    amount: Decimal
    paid_on: date
    status: str
    covered_period: str | None = None
    payee_name: str | None = None
    payee_citizen_id: str | None = None
    account: str | None = None
    payee_credit_code: str | None = None
    target_citizen_id: str | None = None
    fund_source: str | None = None
    county_code: str | None = None
    reverses_voucher: str | None = None

    @property
    def beneficiary_citizen_id(self) -> str | None:
        """The laborer a subsidy is for: the named target when an organisation is paid, else the payee."""
        return self.target_citizen_id if self.payee_credit_code else self.payee_citizen_id


@dataclass(slots=True)
class VillageRecord(Record):
    """A village (12-digit code) a source names, with its name when the source gives one."""

    TABLE: ClassVar[str] = "regions"
    code: str
    name: str | None = None


@dataclass(slots=True)
class Rejection:
    """A source row that cannot be normalized: it goes to quarantine with the reason, never guessed."""

    source: str
    table: str
    key: str
    fault: str
    element: str
    value: str | None
    reason: str
    raw: dict[str, object] = field(default_factory=dict)


@dataclass(slots=True)
class RecordColumns:
    """Records of one kind from one source table, column by column.

    What a stream's mapping hands to the store on the sync's hot path: at 100,000 rows a second an object
    per record costs more than the record's SQL, so a batch travels as one list per field instead.
    ``keys`` and ``updated_at`` are the records' provenance; ``values`` holds every field of ``kind``.
    ``updated_text`` has the same update times spelled ``YYYY-MM-DD HH:MM:SS``, when the mapping has them.
    """

    kind: type[Record]
    source: str
    table: str
    keys: list[str]
    updated_at: list[datetime | None]
    values: dict[str, list[Any]]
    updated_text: list[str] | None = None

    def __len__(self) -> int:
        return len(self.keys)

    @classmethod
    def of(cls, records: Sequence[Record]) -> list[RecordColumns]:
        """The records grouped by kind and source table, in order of first appearance."""
        groups: dict[tuple[type[Record], str, str], list[Record]] = {}
        for record in records:
            provenance = record.provenance
            groups.setdefault((type(record), provenance.source, provenance.table), []).append(record)
        found = []
        for (kind, source, table), group in groups.items():
            names = [item.name for item in fields(kind) if item.name != "provenance"]
            found.append(
                cls(
                    kind,
                    source,
                    table,
                    [record.provenance.key for record in group],
                    [record.provenance.updated_at for record in group],
                    {name: [getattr(record, name) for record in group] for name in names},
                )
            )
        return found

    def records(self) -> list[Record]:
        """The records themselves (for callers that want objects; the store does not)."""
        names = list(self.values)
        return [
            self.kind(Provenance(self.source, self.table, key, updated_at), **dict(zip(names, row, strict=True)))
            for key, updated_at, *row in zip(self.keys, self.updated_at, *self.values.values(), strict=True)
        ]


UNIFIED_RECORD_TYPES: tuple[type[Record], ...] = (
    HouseholdRecord,
    MemberRecord,
    EmployerRecord,
    WorkshopRecord,
    PlacementRecord,
    TrainingRecord,
    JobPostingRecord,
    MinimumWageRecord,
    EmploymentReportRecord,
    FollowUpRecord,
    PaymentRecord,
    VillageRecord,
)
