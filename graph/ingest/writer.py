"""Writing one batch of a stream into the store: atomic, idempotent, resumable.

A batch's facts, its quarantine entries, the derived data it makes stale and the stream's new cursor are
committed in one transaction, alone or with the batches before it (a sync commits every
``commit_rows`` source rows). So a sync killed at any point resumes from the last committed cursor and
ends exactly as one clean run would. A row the store already holds at the same source update time (or,
for sources without one, with the same content digest) is not rewritten, so a second sync writes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, RootTransaction, Table, bindparam, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from graph.ingest.copying import can_stage, copy_rows, copy_upsert
from graph.ingest.prepared import Batch, PreparedBatch, TargetRows, prepare
from graph.ingest.tables import TARGETS
from graph.store import schema

KEY_CHUNK = 2000
NAMES_REMEMBERED = 200_000


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


def _tally(
    stats: StreamStats, row_keys: list[str], changed: list[list[str]], existed: set[str], *, keys_wanted: bool
) -> set[str]:
    """Count the batch's source rows as inserted, updated or unchanged; the changed keys if wanted (else empty).

    The usual batch of a first read (one record kind, every row new) is counted without a set of its keys
    or a loop over them.
    """
    if not existed and len(changed) == 1 and (changed[0] is row_keys or changed[0] == row_keys):
        stats.inserted += len(row_keys)
        return set(row_keys) if keys_wanted else set()
    changed_keys = set().union(*changed)
    for key in row_keys:
        if key not in changed_keys:
            stats.unchanged += 1
        elif key in existed:
            stats.updated += 1
        else:
            stats.inserted += 1
    return changed_keys


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
    """Writes batches for one sync run.

    With ``commit_rows`` the batches of at least that many source rows share a transaction (0: each batch
    commits alone). A commit writes every page the transaction changed; a stream whose rows land all over a
    clustered table (the registry's members by citizen ID) changed most of its pages in every batch, so
    committing each batch wrote the table again and again (city, members: 4.6 s of 9 in commits).
    Whoever writes to the store between batches must :meth:`commit` first.
    """

    def __init__(self, engine: Engine, run_id: int, *, commit_rows: int = 0) -> None:
        self.engine = engine
        self.run_id = run_id
        self.dialect = engine.dialect.name
        self.commit_rows = commit_rows
        self._open: tuple[Connection, RootTransaction] | None = None
        self._uncommitted_rows = 0
        # spellings written in the open transaction: remembered as written once it commits
        self._uncommitted_names: set[tuple[str, str, str]] = set()
        # Tables being loaded in bulk (see graph.store.bulk): their unique provenance index is deferred, so
        # their rows are inserted, not upserted. Only the stream loading one writes to it until it ends.
        self.bulk_tables: frozenset[str] = frozenset()
        # (citizen_id, source, name) spellings this writer has committed: a person named in every monthly
        # row is written once, not once a batch. Bounded like the mapping caches; forgetting is only slower.
        self._names_written: set[tuple[str, str, str]] = set()
        self._stages: bool | None = None  # upserts by COPY through a staging table (see _staged)

    def prepare(self, batch: Batch) -> PreparedBatch:
        """The batch as driver values; pure Python, so it can run in another thread or process."""
        return prepare(batch, self.run_id, self.dialect)

    def write(self, batch: Batch | PreparedBatch, *, had_cursor: bool) -> StreamStats:
        """Commit one batch; ``had_cursor`` false (a first read) skips the look-ups that cannot find anything."""
        prepared = batch if isinstance(batch, PreparedBatch) else self.prepare(batch)
        stats = StreamStats(read=prepared.read, quarantined=len(prepared.rejections))
        connection = self._connection()
        try:
            villages = dict(prepared.villages)
            changed: list[list[str]] = []
            existed: set[str] = set()
            for part in prepared.parts:
                left: set[str] = set()
                if had_cursor:
                    part, known, left = self._changed(connection, part)
                    existed |= known
                changed.append(part.keys)
                self._upsert(connection, part)
                self._after_change(connection, part, villages, left)
            changed_keys = _tally(stats, prepared.row_keys, changed, existed, keys_wanted=had_cursor)
            self._write_villages(connection, villages)
            self._write_rejections(connection, prepared, had_cursor)
            if had_cursor and changed_keys:
                self._clear_quarantine(connection, prepared.source, prepared.stream, changed_keys)
            self._advance_cursor(connection, prepared)
        except BaseException:
            self.abandon()
            raise
        self._uncommitted_rows += prepared.read
        if self._uncommitted_rows >= self.commit_rows:
            self.commit()
        return stats

    def commit(self) -> None:
        """Commit the batches written since the last commit, if any."""
        self._finish(commit=True)

    def abandon(self) -> None:
        """Roll back the batches written since the last commit, if any (a failing sync)."""
        self._finish(commit=False)

    def _finish(self, *, commit: bool) -> None:
        """End the open transaction; the spellings it wrote count as written only once it commits."""
        if self._open is None:
            return
        connection, transaction = self._open
        names = self._uncommitted_names
        self._open, self._uncommitted_names, self._uncommitted_rows = None, set(), 0
        try:
            if commit:
                transaction.commit()
            else:
                transaction.rollback()
        finally:
            connection.close()
        if commit:
            if len(self._names_written) + len(names) > NAMES_REMEMBERED:
                self._names_written.clear()
            self._names_written |= names

    def _connection(self) -> Connection:
        """The open transaction's connection, or a new one with a transaction begun."""
        if self._open is None:
            connection = self.engine.connect()
            self._open = (connection, connection.begin())
        return self._open[0]

    # --- facts --------------------------------------------------------------------------------

    def _changed(self, connection: Connection, part: TargetRows) -> tuple[TargetRows, set[str], set[str]]:
        """The rows that are new or changed since stored, the keys the store already held, and the months
        changed rows leave.

        Stored markers are read through the driver, so they compare with the prepared (driver) values. For a
        kind with a period the same query reads each stored row's month: a row that moves to another month
        (a department corrects its report month) makes the month it leaves stale as well as the one it
        enters, and nothing else would resolve that one again. Only changed rows that were stored compare
        months; any other row costs a column more in the read (on the row the key's index led to) and a
        dictionary entry. A first read (no stored rows, bulk load) never comes here.
        """
        marker = "?" if self.dialect == "sqlite" else "%s"
        column = "source_updated_at" if part.versioned else "row_hash"
        period = part.target.period_field
        selected = f"source_key, {column}, {period}" if period else f"source_key, {column}"
        stored: dict[str, Any] = {}
        stored_periods: dict[str, str] = {}
        keys = part.keys
        for start in range(0, len(keys), KEY_CHUNK):
            chunk = keys[start : start + KEY_CHUNK]
            sql = (
                f"SELECT {selected} FROM {part.target.table.name} "
                f"WHERE source = {marker} AND source_table = {marker} "
                f"AND source_key IN ({', '.join([marker] * len(chunk))})"
            )
            found = connection.exec_driver_sql(sql, (part.source, part.table, *chunk)).fetchall()
            if not period:
                stored.update(found)
            elif found:
                found_keys, markers, periods = zip(*found, strict=True)
                stored.update(zip(found_keys, markers, strict=True))
                stored_periods.update(zip(found_keys, periods, strict=True))
        missing = object()
        changed = [
            index
            for index, (key, current) in enumerate(zip(keys, part.markers, strict=True))
            if stored.get(key, missing) != current
        ]
        left: set[str] = set()
        if period and stored_periods and changed:
            months = part.column(period)
            was = stored_periods.get
            left = {old for index in changed if (old := was(keys[index])) is not None and old != months[index]}
        return part.subset(changed), set(stored), left

    def _upsert(self, connection: Connection, part: TargetRows) -> None:
        if not part.keys:
            return
        target = part.target
        bulk = target.table.name in self.bulk_tables
        if self.dialect == "postgresql" and bulk:
            copy_rows(connection, target.table.name, target.columns, part.rows())
        elif self._staged(connection):
            copy_upsert(connection, target.table.name, target.columns, target.conflict, part.rows())
        else:
            connection.exec_driver_sql(part.statement(self.dialect, upsert=not bulk), part.rows())

    def _staged(self, connection: Connection) -> bool:
        """Whether upserts go by COPY through a staging table: on PostgreSQL, if the role may create one."""
        if self._stages is None:
            self._stages = self.dialect == "postgresql" and can_stage(connection)
        return self._stages

    def _after_change(
        self,
        connection: Connection,
        part: TargetRows,
        villages: dict[str, str | None],
        left: set[str],
    ) -> None:
        """What changed facts imply: stale derived data, name spellings, villages.

        ``left`` are the months changed rows were stored under before (see :meth:`_changed`): stale too.
        Spellings this writer has written before (committed, or in the open transaction) are not inserted again.
        """
        if not part.keys:
            return
        marks = {("period", period) for period in (*part.periods(), *left)}
        if part.target.dirty_kind:
            marks.add((part.target.dirty_kind, "*"))
        for village in part.villages():
            if village not in villages:
                villages[village] = None
        spellings = part.names()
        if spellings:
            fresh = spellings.keys() - self._names_written - self._uncommitted_names
            if fresh:
                table = part.table
                rows = [(*spelling, table, key) for spelling, key in spellings.items() if spelling in fresh]
                self._insert_names(connection, rows)
                self._uncommitted_names |= fresh
            marks.add(("people", "*"))
        self._mark(connection, marks)

    def _insert_names(self, connection: Connection, rows: list[tuple[str, str, str, str, str]]) -> None:
        """Name spellings not stored yet (citizen_id, source, name, source_table, source_key)."""
        columns = ("citizen_id", "source", "name", "source_table", "source_key")
        if self._staged(connection):
            copy_upsert(connection, "person_names", columns, ("citizen_id", "source", "name"), rows, update=False)
        else:
            marker = "?" if self.dialect == "sqlite" else "%s"
            connection.exec_driver_sql(
                f"INSERT INTO person_names ({', '.join(columns)}) VALUES ({', '.join([marker] * 5)}) "
                "ON CONFLICT DO NOTHING",
                rows,
            )

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

    def _write_rejections(self, connection: Connection, batch: PreparedBatch, had_cursor: bool) -> None:
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

    def _forget_facts(self, connection: Connection, batch: PreparedBatch, keys: list[str]) -> None:
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

    def _advance_cursor(self, connection: Connection, batch: PreparedBatch) -> None:
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
