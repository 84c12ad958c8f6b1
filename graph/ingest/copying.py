"""PostgreSQL: a batch's rows go to the server with ``COPY``, not as one prepared statement per row.

Through ``executemany`` the server parses, binds and executes every row on its own (county, HR's reports:
≈ 25 µs a row). ``COPY`` streams the whole batch in one message. A table loaded in bulk (no unique index
yet, see :mod:`graph.store.bulk`) takes the rows directly; an upsert copies them into a session's
temporary staging table first and merges them with one ``INSERT … SELECT … ON CONFLICT``; a store role
without the right to create temporary tables (:func:`can_stage`) upserts row by row as before.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from typing import Any

from psycopg import sql
from sqlalchemy import Connection


def copy_rows(connection: Connection, table: str, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> None:
    """Append rows to a table with ``COPY``, in the connection's transaction."""
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(sql.Identifier(table), _names(columns))
    with connection.connection.driver_connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def can_stage(connection: Connection) -> bool:
    """Whether the store's role may create the temporary staging tables (a DBA may revoke ``TEMP``)."""
    with connection.connection.driver_connection.cursor() as cursor:
        cursor.execute("SELECT has_database_privilege(current_database(), 'TEMPORARY')")
        row = cursor.fetchone()
    return bool(row and row[0])


def copy_upsert(
    connection: Connection,
    table: str,
    columns: Sequence[str],
    conflict: Sequence[str],
    rows: list[tuple[Any, ...]],
    *,
    update: bool = True,
) -> None:
    """Insert rows, replacing (``update``) or keeping (not ``update``) the stored row with the same conflict key.

    Ends as ``executemany`` of the same upsert would: of rows repeating a key the last one's values win.
    One ``INSERT … SELECT`` may not update a row twice, so such rows are dropped before the copy.
    """
    if update:
        positions = [columns.index(name) for name in conflict]
        last = {tuple(row[p] for p in positions): row for row in rows}
        if len(last) < len(rows):
            rows = list(last.values())
    stage = _stage(connection, table, columns)
    copy_rows(connection, stage, columns, rows)
    names = _names(columns)
    statement = sql.SQL("INSERT INTO {} ({}) SELECT {} FROM {} ON CONFLICT ({}) ").format(
        sql.Identifier(table), names, names, sql.Identifier(stage), _names(conflict)
    )
    if update:
        updates = [sql.SQL("{0} = excluded.{0}").format(sql.Identifier(c)) for c in columns if c not in conflict]
        statement += sql.SQL("DO UPDATE SET ") + sql.SQL(", ").join(updates)
    else:
        statement += sql.SQL("DO NOTHING")
    with connection.connection.driver_connection.cursor() as cursor:
        cursor.execute(statement)


def _stage(connection: Connection, table: str, columns: Sequence[str]) -> str:
    """An empty temporary table of these columns of ``table``, kept by the session for its next batches.

    Emptied with ``TRUNCATE``: deleted rows would stay in it until the session ends (nothing vacuums
    temporary tables).
    """
    name = f"hub_stage_{table}_{zlib.crc32(','.join(columns).encode()):08x}"
    with connection.connection.driver_connection.cursor() as cursor:
        cursor.execute(
            sql.SQL("CREATE TEMPORARY TABLE IF NOT EXISTS {} AS SELECT {} FROM {} WITH NO DATA").format(
                sql.Identifier(name), _names(columns), sql.Identifier(table)
            )
        )
        cursor.execute(sql.SQL("TRUNCATE {}").format(sql.Identifier(name)))
    return name


def _names(columns: Iterable[str]) -> sql.Composed:
    return sql.SQL(", ").join(map(sql.Identifier, columns))
