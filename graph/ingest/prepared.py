"""A batch made ready for the driver before the writer sees it: tuples, change markers and side effects.

Preparing is pure Python with no database access, so a sync does it in the thread (or process) that maps,
and the thread holding the store's write transaction spends its time in SQLite. Everything here is plain
data that pickles: record kinds are named by class, not by their SQLAlchemy table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

from graph.ingest.tables import TARGETS, Target, same_values
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


Spelling = tuple[str, str, str]
"""A person's name as one source spells it: citizen_id, source, name (the key of ``person_names``)."""


@dataclass(slots=True)
class TargetRows:
    """One record kind of a batch as driver values, one list per column of its table (``target.columns``).

    Columns travel between processes more cheaply than row tuples, and zipping them into rows is left to
    the writing process, which waits for the mapping one more often than the other way round. Columns of
    text (keys, IDs, names, months, village codes) hold the records' own values, so the side effects are
    read from them.

    For a SQLite store, a column in which every row holds the same value (the source, the run, the fields
    a stream does not map, often the month) travels as that value alone (``constants``, by position; None
    in ``columns``) and is written into the statement as a literal: binding it again for every row was a
    quarter of SQLite's insert (county follow-ups, 8 such columns of 21: 3.8 → 2.9 µs a row).
    """

    kind: type[Record]
    source: str
    table: str
    versioned: bool
    columns: list[list[Any] | None]
    constants: dict[int, Any] = field(default_factory=dict)

    @property
    def target(self) -> Target:
        return TARGETS[self.kind]

    @classmethod
    def build(cls, records: RecordColumns, run_id: int, dialect: str, *, versioned: bool) -> TargetRows:
        target = TARGETS[records.kind]
        columns: list[list[Any] | None] = [*target.driver_columns(records, run_id, dialect, with_hash=not versioned)]
        constants = same_values(columns, keep=target.position("source_key")) if dialect == "sqlite" else {}
        for position in constants:
            columns[position] = None
        return cls(records.kind, records.source, records.table, versioned, columns, constants)

    def column(self, name: str) -> list[Any]:
        position = self.target.position(name)
        values = self.columns[position]
        return [self.constants[position]] * len(self.keys) if values is None else values

    @property
    def keys(self) -> list[str]:
        values = self.columns[self.target.position("source_key")]
        assert values is not None  # never a constant (see build)
        return values

    @property
    def markers(self) -> list[Any]:
        """Each row's stored-form update time (versioned streams) or content digest: equal means unchanged."""
        return self.column("source_updated_at" if self.versioned else "row_hash")

    def statement(self, dialect: str, *, upsert: bool) -> str:
        """The statement writing :meth:`rows`: the constant columns' values are in it."""
        if not self.constants:
            return self.target.statement(dialect, upsert=upsert)[0]
        return self.target.statement_with(self.constants, upsert=upsert)

    def rows(self) -> list[tuple[Any, ...]]:
        """The rows' values of the columns that are not constant, as the driver takes them."""
        varying = [values for values in self.columns if values is not None]
        return list(zip(*varying))  # noqa: B905 - equal lengths by construction; strict costs 60 %

    def subset(self, indices: list[int]) -> TargetRows:
        """Only the rows at ``indices``, in order."""
        if len(indices) == len(self.keys):
            return self
        columns = [None if values is None else [values[i] for i in indices] for values in self.columns]
        return TargetRows(self.kind, self.source, self.table, self.versioned, columns, self.constants)

    def periods(self) -> set[str]:
        """The months these rows make stale (for kinds that feed a monthly resolution)."""
        field_name = self.target.period_field
        if not field_name:
            return set()
        position = self.target.position(field_name)
        return {self.constants[position]} if position in self.constants else set(self.column(field_name))

    def names(self) -> dict[Spelling, str]:
        """The person-name spellings these rows state, each with the key of the last row stating it.

        Built in C (the writer then looks up only the spellings it has not written): a comprehension with
        a tuple or two per row cost the writing process ≈ 0.3 µs a row.
        """
        citizen_field, name_field = _name_fields(self.kind)
        target = self.target
        if citizen_field not in target.fields or name_field not in target.fields:
            return {}
        if not all(self.constants.get(target.position(name), True) for name in (citizen_field, name_field)):
            return {}  # no row states an ID or no row a name (follow-ups name nobody)
        citizen_ids, names = self.column(citizen_field), self.column(name_field)
        spellings = dict(zip(zip(citizen_ids, repeat(self.source), names), self.keys))  # noqa: B905 - equal lengths
        if not (all(citizen_ids) and all(names)):
            spellings = {spelling: key for spelling, key in spellings.items() if spelling[0] and spelling[2]}
        return spellings

    def villages(self) -> list[str]:
        """The village codes these rows name, first mention first."""
        if "village_code" not in self.target.fields:
            return []
        return [code for code in dict.fromkeys(self.column("village_code")) if code]


@dataclass(slots=True)
class PreparedBatch:
    """A batch as the writer commits it: one :class:`TargetRows` per record kind, in order of appearance.

    ``row_keys`` has the key of each source row that mapped (its first record's), for the statistics (for
    a columnar batch, the very list of its part's keys: pickled once); ``villages`` the villages the rows
    name with their names, if given.
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
    if not batch.rows and len(batch.columns) == 1:
        row_keys = batch.columns[0].keys
    else:
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
