"""Writing one batch of a stream into the store: atomic, idempotent, resumable.

A batch's facts, its quarantine entries, the derived data it makes stale and the stream's new cursor are
committed in one transaction. So a sync killed at any point resumes from the last committed cursor and
ends exactly as one clean run would; and a row whose content digest is unchanged is never rewritten, so
a second sync writes nothing.
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
from graph.records import Record, Rejection, VillageRecord
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
    """One stream's mapped batch: records per source row, rejections, and the cursor it reaches."""

    source: str
    stream: str
    rows: list[list[Record]] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    cursor: str | None = None


def upsert(connection: Connection, table: Table, conflict: Iterable[str], rows: list[dict[str, Any]]) -> None:
    """Insert rows, replacing the row with the same conflict key: the portable 'upsert' of both engines."""
    if not rows:
        return
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table)
    conflict = tuple(conflict)
    updatable = [c for c in rows[0] if c not in conflict and c != "id"]
    statement = statement.on_conflict_do_update(
        index_elements=list(conflict), set_={c: statement.excluded[c] for c in updatable}
    )
    connection.execute(statement, rows)


def insert_ignore(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows that are not there yet; existing ones stay as they are."""
    if not rows:
        return
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    connection.execute(dialect.insert(table).on_conflict_do_nothing(), rows)


class BatchWriter:
    """Writes batches for one sync run."""

    def __init__(self, engine: Engine, run_id: int) -> None:
        self.engine = engine
        self.run_id = run_id

    def write(self, batch: Batch, *, had_cursor: bool) -> StreamStats:
        """Commit one batch; ``had_cursor`` false (a first read) skips clean-up that cannot apply."""
        stats = StreamStats(read=len(batch.rows) + len(batch.rejections), quarantined=len(batch.rejections))
        with self.engine.begin() as connection:
            by_target: dict[Target, list[dict[str, Any]]] = defaultdict(list)
            primary_rows: list[tuple[Target, dict[str, Any]]] = []
            villages: dict[str, str | None] = {}
            for records in batch.rows:
                for position, record in enumerate(records):
                    if isinstance(record, VillageRecord):
                        if record.name or record.code not in villages:
                            villages[record.code] = record.name
                        continue
                    target = TARGETS[type(record)]
                    row = target.row(record, self.run_id)
                    by_target[target].append(row)
                    if position == 0:
                        primary_rows.append((target, row))
            changed_keys: set[str] = set()
            for target, rows in by_target.items():
                changed = self._changed_rows(connection, target, rows)
                changed_keys.update(row["source_key"] for row in changed)
                upsert(connection, target.table, target.conflict, changed)
                self._mark_dirty(connection, target, changed)
                self._record_names(connection, changed, target)
                for row in changed:
                    code = row.get("village_code")
                    if code and code not in villages:
                        villages[code] = None
            for _target, row in primary_rows:
                if row["source_key"] not in changed_keys:
                    stats.unchanged += 1
                elif row.pop("_existed", False):
                    stats.updated += 1
                else:
                    stats.inserted += 1
            self._write_villages(connection, villages)
            self._write_rejections(connection, batch, had_cursor)
            if had_cursor and changed_keys:
                self._clear_quarantine(connection, batch.source, batch.stream, changed_keys)
            self._advance_cursor(connection, batch)
        return stats

    def _changed_rows(self, connection: Connection, target: Target, rows: list[dict[str, Any]]) -> list[dict]:
        """Rows that are new or whose content digest differs from the stored one (marked ``_existed``)."""
        table = target.table
        existing: dict[tuple[str, str, str], int] = {}
        identities = [(r["source"], r["source_table"], r["source_key"]) for r in rows]
        for start in range(0, len(identities), KEY_CHUNK):
            chunk = identities[start : start + KEY_CHUNK]
            sources = {identity[:2] for identity in chunk}
            for source, source_table in sources:
                keys = [identity[2] for identity in chunk if identity[:2] == (source, source_table)]
                query = select(table.c.source_key, table.c.row_hash).where(
                    table.c.source == source,
                    table.c.source_table == source_table,
                    table.c.source_key.in_(bindparam("keys", expanding=True)),
                )
                for key, row_hash in connection.execute(query, {"keys": keys}):
                    existing[(source, source_table, key)] = row_hash
        changed = []
        for row, identity in zip(rows, identities, strict=True):
            stored = existing.get(identity)
            if stored is None:
                changed.append(row)
            elif stored != row["row_hash"]:
                row["_existed"] = True
                changed.append(row)
        return [{k: v for k, v in row.items() if k != "_existed"} for row in changed] if changed else []

    def _mark_dirty(self, connection: Connection, target: Target, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        marks: set[tuple[str, str]] = set()
        if target.period_field:
            marks.update(("period", row[target.period_field]) for row in rows if target.period_field in row)
        if target.dirty_kind:
            marks.add((target.dirty_kind, "*"))
        insert_ignore(connection, schema.DirtyMark.__table__, [{"kind": k, "key": v} for k, v in marks])

    def _record_names(self, connection: Connection, rows: list[dict[str, Any]], target: Target) -> None:
        """Keep every spelling of a person's name each source used."""
        names: dict[tuple[str, str, str], dict[str, Any]] = {}
        table = target.table
        for row in rows:
            if table is schema.Payment.__table__:
                citizen_id, name = row.get("payee_citizen_id"), row.get("payee_name")
            else:
                citizen_id, name = row.get("citizen_id"), row.get("name")
            if not citizen_id or not name:
                continue
            names[(citizen_id, row["source"], name)] = {
                "citizen_id": citizen_id,
                "source": row["source"],
                "name": name,
                "source_table": row["source_table"],
                "source_key": row["source_key"],
            }
        if names:
            insert_ignore(connection, schema.PersonName.__table__, list(names.values()))
            insert_ignore(connection, schema.DirtyMark.__table__, [{"kind": "people", "key": "*"}])

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

    def _write_rejections(self, connection: Connection, batch: Batch, had_cursor: bool) -> None:
        if not batch.rejections:
            return
        table = schema.QuarantineEntry.__table__
        keys = [rejection.key for rejection in batch.rejections]
        stored: dict[str, tuple[str, str]] = {}
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
            stale_rows: list[dict[str, Any]] = []
            if target.period_field:
                period = table.c[target.period_field]
                stale_rows = [{target.period_field: p} for (p,) in connection.execute(select(period).where(*matches))]
            if connection.execute(delete(table).where(*matches)).rowcount:
                self._mark_dirty(connection, target, stale_rows or [{}])

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
