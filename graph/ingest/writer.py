"""Writing one batch of a stream into the store: atomic, idempotent, resumable.

A batch's facts, its quarantine entries, the derived data it makes stale and the stream's new cursor are
committed in one transaction. So a sync killed at any point resumes from the last committed cursor and
ends exactly as one clean run would. A row the store already holds at the same source update time (or,
for sources without one, with the same content digest) is not rewritten, so a second sync writes nothing.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Table, bindparam, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from graph.ingest.tables import TARGETS, Target
from graph.records import PaymentRecord, Record, Rejection, VillageRecord
from graph.store import schema

KEY_CHUNK = 2000


@dataclass
class StreamStats:
    """What one stream's sync did, row by row of the source."""

    read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    quarantined: int = 0

    def add(self, other: StreamStats) -> None:
        self.read += other.read
        self.inserted += other.inserted
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.quarantined += other.quarantined


@dataclass
class Batch:
    """One stream's mapped batch: records per source row, rejections, and the cursor it reaches.

    ``versioned`` says the stream has an update-time column, so an unchanged row is recognised by its
    update time; otherwise by a digest of its content.
    """

    source: str
    stream: str
    versioned: bool = True
    rows: list[list[Record]] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    cursor: str | None = None


def _dialect(connection: Connection) -> Any:
    return postgresql if connection.dialect.name == "postgresql" else sqlite


def upsert(connection: Connection, table: Table, conflict: Iterable[str], rows: list[dict[str, Any]]) -> None:
    """Insert rows, replacing the row with the same conflict key: the portable 'upsert' of both engines."""
    if not rows:
        return
    statement = _dialect(connection).insert(table)
    conflict = tuple(conflict)
    updatable = [c for c in rows[0] if c not in conflict and c != "id"]
    statement = statement.on_conflict_do_update(
        index_elements=list(conflict), set_={c: statement.excluded[c] for c in updatable}
    )
    connection.execute(statement, rows)


def insert_ignore(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows that are not there yet; existing ones stay as they are."""
    if rows:
        connection.execute(_dialect(connection).insert(table).on_conflict_do_nothing(), rows)


class BatchWriter:
    """Writes batches for one sync run."""

    def __init__(self, engine: Engine, run_id: int) -> None:
        self.engine = engine
        self.run_id = run_id

    def write(self, batch: Batch, *, had_cursor: bool) -> StreamStats:
        """Commit one batch; ``had_cursor`` false (a first read) skips the look-ups that cannot find anything."""
        stats = StreamStats(read=len(batch.rows) + len(batch.rejections), quarantined=len(batch.rejections))
        with self.engine.begin() as connection:
            by_target: dict[Target, list[Record]] = defaultdict(list)
            villages: dict[str, str | None] = {}
            for records in batch.rows:
                for record in records:
                    if isinstance(record, VillageRecord):
                        villages[record.code] = record.name or villages.get(record.code)
                    else:
                        by_target[TARGETS[type(record)]].append(record)
            changed_keys: set[str] = set()
            existed: set[str] = set()
            for target, records in by_target.items():
                changed, known = (
                    self._changed(connection, target, records, batch.versioned) if had_cursor else (records, set())
                )
                existed |= known
                changed_keys.update(record.provenance.key for record in changed)
                self._upsert(connection, target, changed, with_hash=not batch.versioned)
                self._after_change(connection, target, changed, villages)
            for records in batch.rows:
                key = records[0].provenance.key
                if key not in changed_keys:
                    stats.unchanged += 1
                elif key in existed:
                    stats.updated += 1
                else:
                    stats.inserted += 1
            self._write_villages(connection, villages)
            self._write_rejections(connection, batch, had_cursor)
            if had_cursor and changed_keys:
                self._clear_quarantine(connection, batch.source, batch.stream, changed_keys)
            self._advance_cursor(connection, batch)
        return stats

    # --- facts --------------------------------------------------------------------------------

    def _changed(
        self, connection: Connection, target: Target, records: list[Record], versioned: bool
    ) -> tuple[list[Record], set[str]]:
        """Records that are new or changed since stored, and the keys the store already held."""
        table = target.table
        first = records[0].provenance
        keys = [record.provenance.key for record in records]
        marker = table.c.source_updated_at if versioned else table.c.row_hash
        stored: dict[str, Any] = {}
        for start in range(0, len(keys), KEY_CHUNK):
            query = select(table.c.source_key, marker).where(
                table.c.source == first.source,
                table.c.source_table == first.table,
                table.c.source_key.in_(bindparam("keys", expanding=True)),
            )
            stored.update(connection.execute(query, {"keys": keys[start : start + KEY_CHUNK]}).all())
        changed = []
        for record in records:
            key = record.provenance.key
            if key not in stored:
                changed.append(record)
                continue
            if versioned:
                current: Any = record.provenance.updated_at
            else:
                current = target.values(record, self.run_id, with_hash=True)[-1]
            if stored[key] != current:
                changed.append(record)
        return changed, set(stored)

    def _upsert(self, connection: Connection, target: Target, records: list[Record], *, with_hash: bool) -> None:
        if not records:
            return
        sql, converters = target.statement(connection.dialect.name)
        converting = [(i, convert) for i, convert in enumerate(converters) if convert is not None]
        rows = []
        for record in records:
            values = list(target.values(record, self.run_id, with_hash))
            for i, convert in converting:
                values[i] = convert(values[i])
            rows.append(tuple(values))
        connection.exec_driver_sql(sql, rows)

    def _after_change(
        self, connection: Connection, target: Target, records: list[Record], villages: dict[str, str | None]
    ) -> None:
        """What changed facts imply: stale derived data, name spellings, villages."""
        if not records:
            return
        marks: set[tuple[str, str]] = set()
        if target.period_field:
            marks.update(("period", getattr(record, target.period_field)) for record in records)
        if target.dirty_kind:
            marks.add((target.dirty_kind, "*"))
        names: dict[tuple[str, str, str], tuple[str, ...]] = {}
        for record in records:
            if isinstance(record, PaymentRecord):
                citizen_id, name = record.payee_citizen_id, record.payee_name
            else:
                citizen_id, name = getattr(record, "citizen_id", None), getattr(record, "name", None)
            if citizen_id and name:
                provenance = record.provenance
                names[(citizen_id, provenance.source, name)] = (
                    citizen_id,
                    provenance.source,
                    name,
                    provenance.table,
                    provenance.key,
                )
            village = getattr(record, "village_code", None)
            if village and village not in villages:
                villages[village] = None
        if names:
            marker = "?" if connection.dialect.name == "sqlite" else "%s"
            connection.exec_driver_sql(
                "INSERT INTO person_names (citizen_id, source, name, source_table, source_key) "
                f"VALUES ({', '.join([marker] * 5)}) ON CONFLICT DO NOTHING",
                list(names.values()),
            )
            marks.add(("people", "*"))
        self._mark(connection, marks)

    def _mark(self, connection: Connection, marks: set[tuple[str, str]]) -> None:
        if marks:
            insert_ignore(connection, schema.DirtyMark.__table__, [{"kind": k, "key": v} for k, v in marks])

    def _write_villages(self, connection: Connection, villages: dict[str, str | None]) -> None:
        if not villages:
            return
        rows = [
            {"code": code, "name": name, "level": "village", "parent_code": code[:9]} for code, name in villages.items()
        ]
        insert_ignore(connection, schema.Region.__table__, rows)
        named = [row for row in rows if row["name"]]
        if named:
            table = schema.Region.__table__
            connection.execute(
                table.update()
                .where(table.c.code == bindparam("b_code"), table.c.name.is_distinct_from(bindparam("b_name")))
                .values(name=bindparam("b_name")),
                [{"b_code": row["code"], "b_name": row["name"]} for row in named],
            )

    # --- quarantine ---------------------------------------------------------------------------

    def _write_rejections(self, connection: Connection, batch: Batch, had_cursor: bool) -> None:
        if not batch.rejections:
            return
        table = schema.QuarantineEntry.__table__
        stored: dict[str, tuple[str, str]] = {}
        if had_cursor:
            keys = [rejection.key for rejection in batch.rejections]
            for start in range(0, len(keys), KEY_CHUNK):
                query = select(table.c.source_key, table.c.fault, table.c.record).where(
                    table.c.source == batch.source,
                    table.c.source_table == batch.stream,
                    table.c.source_key.in_(keys[start : start + KEY_CHUNK]),
                )
                stored.update({key: (fault, record) for key, fault, record in connection.execute(query)})
        rows = []
        for rejection in batch.rejections:
            record = json.dumps(rejection.raw, ensure_ascii=False, sort_keys=True)
            if stored.get(rejection.key) == (rejection.fault, record):
                continue
            rows.append(
                {
                    "source": rejection.source,
                    "source_table": rejection.table,
                    "source_key": rejection.key,
                    "fault": rejection.fault,
                    "element": rejection.element,
                    "value": rejection.value,
                    "reason": rejection.reason,
                    "record": record,
                    "source_updated_at": None,
                    "ingest_run": self.run_id,
                }
            )
        upsert(connection, table, ("source", "source_table", "source_key"), rows)
        if had_cursor and rows:
            self._forget_facts(connection, batch, [row["source_key"] for row in rows])

    def _forget_facts(self, connection: Connection, batch: Batch, keys: list[str]) -> None:
        """A row that was valid before and is bad now: its old facts go, and what they fed is resolved again."""
        for target in TARGETS.values():
            table = target.table
            matches = (
                table.c.source == batch.source,
                table.c.source_table == batch.stream,
                table.c.source_key.in_(keys),
            )
            periods: set[str] = set()
            if target.period_field:
                column = table.c[target.period_field]
                periods = {p for (p,) in connection.execute(select(column).where(*matches))}
            if connection.execute(delete(table).where(*matches)).rowcount:
                marks = {("period", p) for p in periods}
                if target.dirty_kind:
                    marks.add((target.dirty_kind, "*"))
                self._mark(connection, marks)

    def _clear_quarantine(self, connection: Connection, source: str, stream: str, keys: set[str]) -> None:
        """A row that was bad before and is valid now leaves quarantine."""
        table = schema.QuarantineEntry.__table__
        listed = sorted(keys)
        for start in range(0, len(listed), KEY_CHUNK):
            connection.execute(
                delete(table).where(
                    table.c.source == source,
                    table.c.source_table == stream,
                    table.c.source_key.in_(listed[start : start + KEY_CHUNK]),
                )
            )

    # --- cursor -------------------------------------------------------------------------------

    def _advance_cursor(self, connection: Connection, batch: Batch) -> None:
        if batch.cursor is None:
            return
        table = schema.SyncCursor.__table__
        current = connection.execute(
            select(table.c.cursor_value).where(table.c.source == batch.source, table.c.stream == batch.stream)
        ).scalar_one_or_none()
        if current == batch.cursor:
            return
        upsert(
            connection,
            table,
            ("source", "stream"),
            [
                {
                    "source": batch.source,
                    "stream": batch.stream,
                    "cursor_value": batch.cursor,
                    "updated_at": datetime.now(UTC).replace(tzinfo=None),
                }
            ],
        )
