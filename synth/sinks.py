"""Where rows go: the SQLite files, and optionally PostgreSQL databases, in batches.

A fresh database is filled with plain inserts (``COPY`` on PostgreSQL). An existing one is upserted:
a row is written only when it is new or differs from the stored one, so extending a generation by a
month touches the new month's rows and the few rows that really changed, and nothing else.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path
from typing import Protocol

from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import Engine, make_url

from synth.schema import SOURCES, Table, statements, table, tables

BATCH = 20_000


class Store(Protocol):
    def write(self, target: Table, rows: list[tuple[object, ...]]) -> int:
        """Write rows; returns how many were inserted or changed."""

    def close(self) -> None: ...


def _on_conflict(target: Table, distinct: str) -> str:
    """The upsert tail: update the non-key columns, but only when one of them differs."""
    others = [c for c in target.columns if c not in target.primary_key]
    assignments = ", ".join(f"{c} = excluded.{c}" for c in others)
    changed = " OR ".join(f"{target.name}.{c} {distinct} excluded.{c}" for c in others)
    return f"ON CONFLICT ({', '.join(target.primary_key)}) DO UPDATE SET {assignments} WHERE {changed}"


class SqliteStore:
    """One department's SQLite file, created from the DDL when it does not exist yet."""

    def __init__(self, path: Path) -> None:
        self.fresh = not path.exists()
        self.connection = sqlite3.connect(path, isolation_level=None)
        self.connection.execute("PRAGMA synchronous = OFF" if self.fresh else "PRAGMA synchronous = NORMAL")
        self.connection.execute("PRAGMA cache_size = -32768")  # 32 MiB: the big tables insert at a few points
        if self.fresh:  # a failed fresh generation is deleted, not recovered: no rollback journal needed
            self.connection.execute("PRAGMA journal_mode = OFF")
            source = path.stem
            for statement in statements(source):
                self.connection.execute(statement)

    def write(self, target: Table, rows: list[tuple[object, ...]]) -> int:
        if self.fresh:
            sql = f"INSERT INTO {target.name} VALUES ({', '.join('?' for _ in target.columns)})"
        else:
            values = ", ".join("?" for _ in target.columns)
            sql = f"INSERT INTO {target.name} VALUES ({values}) {_on_conflict(target, 'IS NOT')}"
        self.connection.execute("BEGIN")
        try:
            cursor = self.connection.executemany(sql, rows)
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")
        return cursor.rowcount

    def close(self) -> None:
        if self.fresh:
            self.connection.execute("PRAGMA journal_mode = DELETE")
        self.connection.close()


class PostgresStore:
    """One department's PostgreSQL database: tables created from the DDL if absent, then COPY/upsert."""

    def __init__(self, url: str, source: str) -> None:
        parsed = make_url(url)
        if parsed.get_backend_name() != "postgresql":
            raise ValueError(f"{source} URL {url!r}: expected a postgresql:// URL")
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        self.engine: Engine = create_engine(parsed)
        names = {t.name.lower() for t in tables().values() if t.source == source}
        present = {name.lower() for name in inspect(self.engine).get_table_names()} & names
        if present and present != names:
            self.engine.dispose()
            raise ValueError(
                f"{source} database {parsed.render_as_string(hide_password=True)}: has only "
                f"{', '.join(sorted(present))} of {', '.join(sorted(names))}; drop them or use an empty database"
            )
        self.fresh = not present
        self.connection = self.engine.raw_connection()
        if self.fresh:
            with self.connection.cursor() as cursor:
                for statement in statements(source):
                    cursor.execute(statement)
            self.connection.commit()

    def write(self, target: Table, rows: list[tuple[object, ...]]) -> int:
        columns = ", ".join(target.columns)
        driver = self.connection.driver_connection
        with driver.cursor() as cursor:
            if self.fresh:
                with cursor.copy(f"COPY {target.name} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                changed = len(rows)
            else:
                staging = f"staging_{target.name.lower()}"
                cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS {staging} (LIKE {target.name})")
                cursor.execute(f"TRUNCATE {staging}")
                with cursor.copy(f"COPY {staging} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                cursor.execute(
                    f"INSERT INTO {target.name} ({columns}) SELECT {columns} FROM {staging} "
                    + _on_conflict(target, "IS DISTINCT FROM")
                )
                changed = cursor.rowcount
        driver.commit()
        return changed

    def close(self) -> None:
        self.connection.close()
        self.engine.dispose()


class RowSink:
    """Buffers rows per table and writes them to every store of the table's source."""

    def __init__(self, stores: dict[str, list[Store]], batch: int = BATCH) -> None:
        missing = [source for source in SOURCES if source not in stores]
        if missing:
            raise ValueError(f"stores: no store for {', '.join(missing)}; expected one per source")
        self.stores = stores
        self.batch = batch
        self.buffers: dict[str, list[tuple[object, ...]]] = {}
        self.written: Counter[str] = Counter()

    def add(self, table_name: str, row: tuple[object, ...]) -> None:
        buffer = self.buffers.setdefault(table_name, [])
        buffer.append(row)
        if len(buffer) >= self.batch:
            self.flush(table_name)

    def flush(self, table_name: str) -> None:
        rows = self.buffers.get(table_name)
        if not rows:
            return
        target = table(table_name)
        for position, store in enumerate(self.stores[target.source]):
            changed = store.write(target, rows)
            if position == 0:
                self.written[table_name] += changed
        rows.clear()

    def flush_all(self) -> None:
        for name in list(self.buffers):
            self.flush(name)

    def close(self) -> None:
        self.flush_all()
        self.abort()

    def abort(self) -> None:
        """Close every store without writing what is still buffered."""
        for stores in self.stores.values():
            for store in stores:
                store.close()
