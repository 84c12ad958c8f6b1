"""A batch made ready for the driver before the writer sees it: tuples, change markers and side effects.

Preparing is pure Python with no database access, so a sync does it in the thread (or process) that maps,
and the thread holding the store's write transaction spends its time in SQLite. Everything here is plain
data that pickles: record kinds are named by class, not by their SQLAlchemy table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.ingest.tables import TARGETS, Target
from graph.records import PaymentRecord, Record, RecordColumns, Rejection, VillageRecord


@dataclass
class Batch:
    """One stream's mapped batch: records per source row, rejections, and the cursor it reaches.

    Records come as objects (``rows``: the records of each source row) or, from a sync's mapping, as
    columns (``columns``: one record per source row). ``versioned`` says the stream has an update-time
    column, so an unchanged row is recognised by its update time; otherwise by a digest of its content.
    """

    source: str
    stream: str
    versioned: bool = True
    rows: list[list[Record]] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    cursor: str | None = None
    columns: list[RecordColumns] = field(default_factory=list)


PersonName = tuple[str, str, str, str, str]
"""A ``person_names`` row: citizen_id, source, name, source_table, source_key."""


@dataclass(slots=True)
class TargetRows:
    """One record kind of a batch as driver values, one list per column of its table (``target.columns``).

    Columns travel between processes more cheaply than row tuples, and zipping them into rows is left to
    the writing process, which waits for the mapping one more often than the other way round. Columns of
    text (keys, IDs, names, months, village codes) hold the records' own values, so the side effects are
    read from them.
    """

    kind: type[Record]
    source: str
    table: str
    versioned: bool
    columns: list[list[Any]]

    @property
    def target(self) -> Target:
        return TARGETS[self.kind]

    @classmethod
    def build(cls, records: RecordColumns, run_id: int, dialect: str, *, versioned: bool) -> TargetRows:
        columns = TARGETS[records.kind].driver_columns(records, run_id, dialect, with_hash=not versioned)
        return cls(records.kind, records.source, records.table, versioned, columns)

    def column(self, name: str) -> list[Any]:
        return self.columns[self.target.position(name)]

    @property
    def keys(self) -> list[str]:
        return self.column("source_key")

    @property
    def markers(self) -> list[Any]:
        """Each row's stored-form update time (versioned streams) or content digest: equal means unchanged."""
        return self.column("source_updated_at" if self.versioned else "row_hash")

    def rows(self) -> list[tuple[Any, ...]]:
        return list(zip(*self.columns))  # noqa: B905 - equal lengths by construction; strict costs 60 %

    def subset(self, indices: list[int]) -> TargetRows:
        """Only the rows at ``indices``, in order."""
        if len(indices) == len(self.keys):
            return self
        columns = [[values[i] for i in indices] for values in self.columns]
        return TargetRows(self.kind, self.source, self.table, self.versioned, columns)

    def periods(self) -> set[str]:
        """The months these rows make stale (for kinds that feed a monthly resolution)."""
        field_name = self.target.period_field
        return set(self.column(field_name)) if field_name else set()

    def names(self) -> list[PersonName]:
        """The person-name spellings these rows state, one row per spelling (the last row stating it)."""
        citizen_field, name_field = _name_fields(self.kind)
        if citizen_field not in self.target.fields or name_field not in self.target.fields:
            return []
        source, table = self.source, self.table
        spellings = {
            (citizen_id, source, name): (citizen_id, source, name, table, key)
            for citizen_id, name, key in zip(
                self.column(citizen_field), self.column(name_field), self.keys, strict=True
            )
            if citizen_id and name
        }
        return list(spellings.values())

    def villages(self) -> list[str]:
        """The village codes these rows name, first mention first."""
        if "village_code" not in self.target.fields:
            return []
        return [code for code in dict.fromkeys(self.column("village_code")) if code]


@dataclass(slots=True)
class PreparedBatch:
    """A batch as the writer commits it: one :class:`TargetRows` per record kind, in order of appearance.

    ``row_keys`` has the key of each source row that mapped (its first record's), for the statistics;
    ``villages`` the villages the rows name with their names, if given.
    """

    source: str
    stream: str
    versioned: bool
    cursor: str | None
    read: int
    parts: list[TargetRows]
    row_keys: list[str]
    villages: dict[str, str | None]
    rejections: list[Rejection]


def prepare(batch: Batch, run_id: int, dialect: str) -> PreparedBatch:
    """Group record objects by kind (villages apart); turn them and the columnar records into driver columns."""
    villages: dict[str, str | None] = {}
    facts: list[Record] = []
    for records in batch.rows:
        for record in records:
            if isinstance(record, VillageRecord):
                villages[record.code] = record.name or villages.get(record.code)
            else:
                facts.append(record)
    groups = RecordColumns.of(facts) + batch.columns
    row_keys = [records[0].provenance.key for records in batch.rows]
    for group in batch.columns:
        row_keys += group.keys
    versioned = batch.versioned
    return PreparedBatch(
        batch.source,
        batch.stream,
        versioned,
        batch.cursor,
        len(row_keys) + len(batch.rejections),
        [TargetRows.build(group, run_id, dialect, versioned=versioned) for group in groups if len(group)],
        row_keys,
        villages,
        batch.rejections,
    )


def _name_fields(kind: type[Record]) -> tuple[str, str]:
    """Which fields hold a person's ID and name as this kind of record spells it."""
    return ("payee_citizen_id", "payee_name") if kind is PaymentRecord else ("citizen_id", "name")
