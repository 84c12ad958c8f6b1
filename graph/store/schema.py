"""The unified graph store: one table per kind of node or fact, provenance on every row.

Tables fed by connectors carry the provenance columns of :class:`SourceRow` (which source, table and
row said it, when the source last changed that row, which ingest run wrote it, and a digest of the
normalized content so that an unchanged row is never rewritten). Derived tables (``employment``,
``conflicts``, payment effectiveness) are recomputed from those facts by the resolver; nothing a
department said is overwritten by what another said.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from graph.store.types import CitizenId, Code, CreditCode, Money, Period, RegionCode

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class SourceRow:
    """Provenance columns of every row that a source asserted."""

    source: Mapped[str] = mapped_column(String(32))
    source_table: Mapped[str] = mapped_column(String(64))
    source_key: Mapped[str] = mapped_column(String(128))
    source_updated_at: Mapped[datetime | None] = mapped_column(DateTime)
    ingest_run: Mapped[int] = mapped_column(Integer)
    row_hash: Mapped[int | None] = mapped_column(BigInteger)

    @declared_attr.directive
    @classmethod
    def __table_args__(cls) -> tuple[object, ...]:
        return (UniqueConstraint("source", "source_table", "source_key"),)


class KeyedBySource(SourceRow):
    """Provenance of rows that have no key of their own (an ``id``): a source row's record is found by it.

    Its uniqueness is a unique index, not a table constraint: a first load into an empty table inserts
    without it and builds it once afterwards (:mod:`graph.store.bulk`), which SQLite allows only for an
    index (a constraint's index cannot be dropped).
    """

    @declared_attr.directive
    @classmethod
    def __table_args__(cls) -> tuple[object, ...]:
        return (provenance_index(cls.__tablename__),)


def provenance_index(table_name: str) -> Index:
    """The unique index on a :class:`KeyedBySource` table's source row: (source_key, source_table, source).

    The key leads: it tells rows apart at the first column, where a source and a table shared by millions of
    rows made every comparison of a build or a look-up walk past both first (migration 0010: city
    follow-ups' build 4.1 → 2.6 s). Upserts name the three columns in any order.
    """
    return Index(f"uq_{table_name}_provenance", "source_key", "source_table", "source", unique=True)


# --- reference and registry ---------------------------------------------------------------------


class Region(Base):
    """A division: province (2 digits), city (4), county (6), township (9) or village (12)."""

    __tablename__ = "regions"
    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    name: Mapped[str | None] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(10))
    parent_code: Mapped[str | None] = mapped_column(String(12), index=True)


class Household(SourceRow, Base):
    __tablename__ = "households"
    household_no: Mapped[str] = mapped_column(String(24), primary_key=True)
    village_code: Mapped[RegionCode] = mapped_column(index=True)
    status: Mapped[Code]
    head_name: Mapped[str | None] = mapped_column(String(50))
    head_citizen_id: Mapped[str | None] = mapped_column(String(18))
    lifted_year: Mapped[int | None]
    size: Mapped[int | None]
    phone: Mapped[str | None] = mapped_column(String(20))
    bank_account: Mapped[str | None] = mapped_column(String(30))

    __table_args__ = (  # stored in key order (migration 0005)
        UniqueConstraint("source", "source_table", "source_key"),
        {"sqlite_with_rowid": False},
    )


class Person(Base):
    """A person known to any department, keyed by the unified citizen ID.

    Registered members carry the registry's elements; people only other departments mention
    (``registered`` false) carry what the resolver derives from their assertions.
    """

    __tablename__ = "people"
    citizen_id: Mapped[str] = mapped_column(String(18), primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    sex: Mapped[str | None] = mapped_column(String(1))
    birth_date: Mapped[date | None] = mapped_column(Date)
    registered: Mapped[bool] = mapped_column(Boolean, default=False)
    household_no: Mapped[str | None] = mapped_column(String(24))
    relation: Mapped[str | None] = mapped_column(String(32))
    labor_category: Mapped[str | None] = mapped_column(String(32), index=True)
    disability: Mapped[str | None] = mapped_column(String(32))
    school_status: Mapped[str | None] = mapped_column(String(32))
    is_student: Mapped[bool] = mapped_column(Boolean, default=False)
    willingness: Mapped[str | None] = mapped_column(String(32))
    skill_level: Mapped[str | None] = mapped_column(String(32))
    source: Mapped[str | None] = mapped_column(String(32))
    source_table: Mapped[str | None] = mapped_column(String(64))
    source_key: Mapped[str | None] = mapped_column(String(128))
    source_updated_at: Mapped[datetime | None] = mapped_column(DateTime)
    ingest_run: Mapped[int | None] = mapped_column(Integer)
    row_hash: Mapped[int | None] = mapped_column(BigInteger)

    __table_args__ = (
        UniqueConstraint("source", "source_table", "source_key"),
        # members by household, registered or not, without reading their rows (migration 0005)
        Index("ix_people_household_no", "household_no", "registered"),
        {"sqlite_with_rowid": False},
    )


class PersonName(Base):
    """Each spelling of a person's name each source used (张小明 / 张晓明): kept, never merged away."""

    __tablename__ = "person_names"
    citizen_id: Mapped[str] = mapped_column(String(18), primary_key=True)
    source: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    source_table: Mapped[str] = mapped_column(String(64))
    source_key: Mapped[str] = mapped_column(String(128))


class Employer(SourceRow, Base):
    __tablename__ = "employers"
    credit_code: Mapped[str] = mapped_column(String(18), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    employer_type: Mapped[Code]
    county_code: Mapped[str | None] = mapped_column(String(6), index=True)
    in_industrial_park: Mapped[bool | None]


class Workshop(SourceRow, Base):
    __tablename__ = "workshops"
    code: Mapped[str] = mapped_column(String(24), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    village_code: Mapped[RegionCode] = mapped_column(index=True)
    operator_credit_code: Mapped[str | None] = mapped_column(String(18), index=True)
    recognized_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[Code]


# --- employment-side facts ----------------------------------------------------------------------


class Placement(KeyedBySource, Base):
    __tablename__ = "placements"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    citizen_id: Mapped[CitizenId]
    post_name: Mapped[str] = mapped_column(String(100))
    village_code: Mapped[RegionCode] = mapped_column(index=True)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    monthly_subsidy: Mapped[Decimal] = mapped_column(Money)


class Training(KeyedBySource, Base):
    __tablename__ = "trainings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    citizen_id: Mapped[CitizenId]
    training_type: Mapped[Code]
    institution: Mapped[str | None] = mapped_column(String(200))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    certified: Mapped[bool | None]


class JobPosting(KeyedBySource, Base):
    __tablename__ = "job_postings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    credit_code: Mapped[CreditCode] = mapped_column(index=True)
    title: Mapped[str] = mapped_column(String(100))
    openings: Mapped[int]
    wage_min: Mapped[Decimal | None] = mapped_column(Money)
    wage_max: Mapped[Decimal | None] = mapped_column(Money)
    county_code: Mapped[str | None] = mapped_column(String(6), index=True)
    skill_required: Mapped[str | None] = mapped_column(String(32))
    published_on: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)


class MinimumWage(SourceRow, Base):
    __tablename__ = "minimum_wages"
    county_code: Mapped[str] = mapped_column(String(6), primary_key=True)
    effective_from: Mapped[date] = mapped_column(Date, primary_key=True)
    tier: Mapped[Code]
    monthly_amount: Mapped[Decimal] = mapped_column(Money)


class EmploymentReport(KeyedBySource, Base):
    """A department's monthly employment record for one person (HR's 就业监测 row)."""

    __tablename__ = "employment_reports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    citizen_id: Mapped[str] = mapped_column(String(18))
    period: Mapped[Period] = mapped_column(index=True)
    status: Mapped[Code]
    name: Mapped[str] = mapped_column(String(50))
    sex: Mapped[str | None] = mapped_column(String(1))
    hukou_county: Mapped[str | None] = mapped_column(String(6))
    location: Mapped[str | None] = mapped_column(String(100))
    employer_name: Mapped[str | None] = mapped_column(String(200))
    employer_credit_code: Mapped[str | None] = mapped_column(String(18), index=True)
    income: Mapped[Decimal | None] = mapped_column(Money)
    skill_level: Mapped[str | None] = mapped_column(String(32))

    __table_args__ = (
        provenance_index("employment_reports"),
        Index("ix_employment_reports_person_period", "citizen_id", "period"),
        Index(
            "ix_employment_reports_person_skill",
            "citizen_id",
            "skill_level",
            sqlite_where=text("skill_level IS NOT NULL"),
            postgresql_where=text("skill_level IS NOT NULL"),
        ),
        # who employed whom in a month, for EMPLOYER_SUBSIDY_WITHOUT_EMPLOYMENT (migration 0006)
        Index(
            "ix_employment_reports_period_employer",
            "period",
            "citizen_id",
            "employer_credit_code",
            "status",
            sqlite_where=text("employer_credit_code IS NOT NULL"),
            postgresql_where=text("employer_credit_code IS NOT NULL"),
        ),
    )


LATE_DAYS = (20, 25)
"""The policy's deadlines: visited by the 20th of the month, entered by the 25th (``ix_followups_late``)."""


def late_followup(visit_by_day: int, entry_by_day: int, *, postgres: bool, alias: str = "") -> str:
    """A follow-up visited after day ``visit_by_day`` of its month or entered after day ``entry_by_day``.

    The condition of ``ix_followups_late`` and FOLLOWUP_LATE's first test, spelled once: the planner uses
    the partial index only for a query stating its condition. Dates are ``YYYY-MM-DD`` text on SQLite; on
    PostgreSQL each deadline is built by ``make_date``, immutable as an index condition must be.
    """
    period, visit, entry = f"{alias}period", f"{alias}visit_date", f"{alias}entry_date"
    if postgres:
        year, month = f"CAST(SUBSTR({period}, 1, 4) AS INTEGER)", f"CAST(SUBSTR({period}, 6, 2) AS INTEGER)"
        return (
            f"{visit} > make_date({year}, {month}, {int(visit_by_day)})"
            f" OR {entry} > make_date({year}, {month}, {int(entry_by_day)})"
        )
    return f"{visit} > {period} || '-{visit_by_day:02d}' OR {entry} > {period} || '-{entry_by_day:02d}'"


class FollowUp(KeyedBySource, Base):
    """A follow-up visit from the poverty office's platform or a village ledger."""

    __tablename__ = "followups"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    citizen_id: Mapped[str] = mapped_column(String(18))
    period: Mapped[Period] = mapped_column(index=True)
    visit_date: Mapped[date] = mapped_column(Date)
    entry_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[Code]
    returned: Mapped[bool] = mapped_column(Boolean)
    income: Mapped[Decimal | None] = mapped_column(Money)
    other_income: Mapped[Decimal | None] = mapped_column(Money)
    location: Mapped[str | None] = mapped_column(String(100))
    employer_name: Mapped[str | None] = mapped_column(String(200))
    visitor: Mapped[str | None] = mapped_column(String(50))
    remarks: Mapped[str | None] = mapped_column(String(200))
    name: Mapped[str | None] = mapped_column(String(50))
    household_no: Mapped[str | None] = mapped_column(String(24))
    village_code: Mapped[str | None] = mapped_column(String(12))

    __table_args__ = (
        provenance_index("followups"),
        Index("ix_followups_person_period", "citizen_id", "period"),
        # the few follow-ups reporting a return home, where RETURNEE_NOT_REEMPLOYED starts (migration 0005)
        Index(
            "ix_followups_returned",
            "citizen_id",
            "period",
            sqlite_where=text("returned"),
            postgresql_where=text("returned"),
        ),
        # the few follow-ups visited after the 20th or entered after the 25th, for FOLLOWUP_LATE (migrations
        # 0006 and 0008); each condition is the rule's own test on that engine (dates are text on SQLite)
        Index(
            "ix_followups_late",
            "period",
            sqlite_where=text(late_followup(*LATE_DAYS, postgres=False)),
            postgresql_where=text(late_followup(*LATE_DAYS, postgres=True)),
        ),
    )


class Payment(SourceRow, Base):
    """A finance voucher: a payment, a returned payment or a reversal of an earlier voucher."""

    __tablename__ = "payments"
    voucher: Mapped[str] = mapped_column(String(32), primary_key=True)
    subsidy_type: Mapped[Code]
    amount: Mapped[Decimal] = mapped_column(Money)
    paid_on: Mapped[date] = mapped_column(Date)
    status: Mapped[Code]
    covered_period: Mapped[str | None] = mapped_column(String(7), index=True)
    payee_name: Mapped[str | None] = mapped_column(String(50))
    payee_citizen_id: Mapped[str | None] = mapped_column(String(18))
    account: Mapped[str | None] = mapped_column(String(30), index=True)
    payee_credit_code: Mapped[str | None] = mapped_column(String(18), index=True)
    target_citizen_id: Mapped[str | None] = mapped_column(String(18))
    beneficiary_citizen_id: Mapped[str | None] = mapped_column(String(18), index=True)
    fund_source: Mapped[str | None] = mapped_column(String(32))
    county_code: Mapped[str | None] = mapped_column(String(6), index=True)
    reverses_voucher: Mapped[str | None] = mapped_column(String(32), index=True)
    # Derived by the resolver: a paid voucher no reversal cancels.
    effective: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    reversed_by: Mapped[str | None] = mapped_column(String(32))

    # The source row's uniqueness (as every SourceRow's; these table arguments replace the mixin's), and
    # covering partial indexes for the payment rules' groups (migration 0007; SQLite only, which has no hash
    # aggregate). Neither holds ``effective``: the resolver rewrites it wherever a reversal changes it.
    __table_args__ = (
        UniqueConstraint("source", "source_table", "source_key"),
        Index(
            "ix_payments_beneficiary_month",
            "beneficiary_citizen_id",
            "covered_period",
            "subsidy_type",
            "amount",
            sqlite_where=text("beneficiary_citizen_id IS NOT NULL"),
        ).ddl_if(dialect="sqlite"),
        Index(
            "ix_payments_personal_account",
            "account",
            "beneficiary_citizen_id",
            "county_code",
            "payee_credit_code",
            sqlite_where=text("payee_credit_code IS NULL AND account <> ''"),
        ).ddl_if(dialect="sqlite"),
    )


# --- derived ------------------------------------------------------------------------------------


class Employment(Base):
    """The unified employment status of a person in a month, by CALIBER.md's precedence."""

    __tablename__ = "employment"
    citizen_id: Mapped[str] = mapped_column(String(18), primary_key=True)
    period: Mapped[str] = mapped_column(String(7), primary_key=True, index=True)
    status: Mapped[Code]
    income: Mapped[Decimal | None] = mapped_column(Money)
    employer_credit_code: Mapped[str | None] = mapped_column(String(18))
    employer_name: Mapped[str | None] = mapped_column(String(200))
    returned: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(32))
    source_table: Mapped[str] = mapped_column(String(64))
    source_key: Mapped[str] = mapped_column(String(128))

    #: a person's months side by side, in key order (migration 0005)
    __table_args__ = ({"sqlite_with_rowid": False},)


class PersonMonths(Base):
    """A person's employed and followed-up months of a year as bit masks (bit m-1: month m; migration 0009).

    The monitoring rules ask which months a person worked or was visited; this answers from one small row
    per person and year instead of re-reading ``employment`` and ``followups``. ``employed``: the unified
    status of the month is an employed one (the caliber's ``is_employed``); ``visited``: at least one
    follow-up of the month, from any source. Kept with ``employment`` by the resolver
    (:mod:`graph.resolve.person_months`); a row only where either mask is non-zero.
    """

    __tablename__ = "person_months"
    citizen_id: Mapped[str] = mapped_column(String(18), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    employed: Mapped[int] = mapped_column(Integer)
    visited: Mapped[int] = mapped_column(Integer)

    __table_args__ = ({"sqlite_with_rowid": False},)


class Conflict(Base):
    """Departments disagree on an element of a subject: every assertion kept, the unified value derived."""

    __tablename__ = "conflicts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    subject_type: Mapped[str] = mapped_column(String(32))
    subject_key: Mapped[str] = mapped_column(String(64))
    element: Mapped[str] = mapped_column(String(32))
    period: Mapped[str] = mapped_column(String(7), default="")
    unified_value: Mapped[str | None] = mapped_column(String(200))
    assertions: Mapped[str] = mapped_column(Text)

    __table_args__ = (
        UniqueConstraint("subject_type", "subject_key", "element", "period"),
        Index("ix_conflicts_subject", "subject_key"),
    )


# --- data quality and bookkeeping ---------------------------------------------------------------


class QuarantineEntry(Base):
    """A source row that could not be normalized, with the element, the value and the reason."""

    __tablename__ = "quarantine"
    source: Mapped[str] = mapped_column(String(32), primary_key=True)
    source_table: Mapped[str] = mapped_column(String(64), primary_key=True)
    source_key: Mapped[str] = mapped_column(String(128), primary_key=True)
    fault: Mapped[str] = mapped_column(String(32), index=True)
    element: Mapped[str] = mapped_column(String(64))
    value: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    record: Mapped[str] = mapped_column(Text)
    source_updated_at: Mapped[datetime | None] = mapped_column(DateTime)
    ingest_run: Mapped[int] = mapped_column(Integer)


class SyncCursor(Base):
    """How far each source table has been read: the largest update-time value fully ingested."""

    __tablename__ = "sync_cursors"
    source: Mapped[str] = mapped_column(String(32), primary_key=True)
    stream: Mapped[str] = mapped_column(String(64), primary_key=True)
    cursor_value: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class SyncRun(Base):
    __tablename__ = "sync_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(32))
    sources: Mapped[str] = mapped_column(String(200))
    stats: Mapped[str | None] = mapped_column(Text)


class DirtyMark(Base):
    """Derived data to recompute (a month's employment, payment effectiveness, people).

    Written in the same transaction as the facts that made it stale, cleared by the resolver, so a
    sync killed between ingest and resolve still resolves everything on its next run.
    """

    __tablename__ = "dirty_marks"
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    key: Mapped[str] = mapped_column(String(32), primary_key=True)


# --- access: departmental clients and the audit trail -------------------------------------------


class Client(Base):
    """A departmental system allowed to query the hub: its key (hashed), scopes and region scope."""

    __tablename__ = "clients"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    key_id: Mapped[str] = mapped_column(String(32), unique=True)
    key_hash: Mapped[str] = mapped_column(String(128))
    scopes: Mapped[str] = mapped_column(Text, default="")
    region_prefix: Mapped[str] = mapped_column(String(12), default="")
    allow_introspection: Mapped[bool] = mapped_column(Boolean, default=False)
    trusted_documents_only: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    rotated_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class TrustedDocument(Base):
    """A registered GraphQL operation, by the SHA-256 of its text, that restricted clients may run."""

    __tablename__ = "trusted_documents"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    document: Mapped[str] = mapped_column(Text)
    registered_at: Mapped[datetime] = mapped_column(DateTime)


class HubSecret(Base):
    """A secret the hub generates once per store and every worker shares (the key that seals global IDs)."""

    __tablename__ = "hub_secrets"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class AccessLogEntry(Base):
    """One client's read of one person's data: who, when, by which operation, which field groups."""

    __tablename__ = "access_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    client: Mapped[str] = mapped_column(String(100))
    operation: Mapped[str | None] = mapped_column(String(200))
    request_id: Mapped[str] = mapped_column(String(32))
    citizen_id: Mapped[str] = mapped_column(String(18), index=True)
    field_groups: Mapped[str] = mapped_column(String(200))


# --- rules: findings of the monitoring and reconciliation rules ---------------------------------


class FindingRun(Base):
    """One run of the rules (``hub reconcile``): which rules, which months, the thresholds, the counts."""

    __tablename__ = "finding_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(32))
    rules: Mapped[str] = mapped_column(Text)
    scope: Mapped[str] = mapped_column(String(32))
    config: Mapped[str] = mapped_column(Text)
    stats: Mapped[str | None] = mapped_column(Text)


class Finding(Base):
    """A rule's finding about one subject; the same (rule, subject) keeps its id across runs.

    ``status`` is OPEN, ACKNOWLEDGED or RESOLVED. A run that no longer finds it resolves it
    (``resolved_run``); a person resolving it records the measure taken and a note instead.
    ``citizen_id``, ``household_no``, ``voucher`` and ``region_code`` say whom it concerns, for lookups
    and region scopes; ``evidence`` and ``measures`` are JSON.
    """

    __tablename__ = "findings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    rule: Mapped[str] = mapped_column(String(64))
    subject_key: Mapped[str] = mapped_column(String(200))
    period: Mapped[str | None] = mapped_column(String(7))
    citizen_id: Mapped[str | None] = mapped_column(String(18), index=True)
    household_no: Mapped[str | None] = mapped_column(String(24), index=True)
    voucher: Mapped[str | None] = mapped_column(String(32), index=True)
    region_code: Mapped[str | None] = mapped_column(String(12), index=True)
    severity: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), index=True)
    evidence: Mapped[str] = mapped_column(Text)
    measures: Mapped[str | None] = mapped_column(Text)
    found_run: Mapped[int] = mapped_column(Integer)
    last_seen_run: Mapped[int] = mapped_column(Integer, index=True)
    resolved_run: Mapped[int | None] = mapped_column(Integer)
    found_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime)
    acknowledged_by: Mapped[str | None] = mapped_column(String(100))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)
    resolved_by: Mapped[str | None] = mapped_column(String(100))
    measure_taken: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        UniqueConstraint("rule", "subject_key"),
        Index("ix_findings_rule_period", "rule", "period"),
    )


class FindingCandidate(Base):
    """What one rule found in one run, staged in the database before it is merged into ``findings``."""

    __tablename__ = "finding_candidates"
    run: Mapped[int] = mapped_column(Integer, primary_key=True)
    rule: Mapped[str] = mapped_column(String(64), primary_key=True)
    subject_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    period: Mapped[str | None] = mapped_column(String(7))
    citizen_id: Mapped[str | None] = mapped_column(String(18))
    household_no: Mapped[str | None] = mapped_column(String(24))
    voucher: Mapped[str | None] = mapped_column(String(32))
    region_code: Mapped[str | None] = mapped_column(String(12))
    evidence: Mapped[str] = mapped_column(Text)
    measures: Mapped[str | None] = mapped_column(Text)
