"""Streams over a department's SQL database (SQLite file or PostgreSQL), opened read-only.

Identifiers are written unquoted so the same statement finds ``JY_LDLJYXX`` on SQLite and the folded
``jy_ldljyxx`` that the same DDL creates on PostgreSQL. Values are read positionally in declared order.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any, ClassVar

from pydantic import SecretStr
from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from connectors.framework.connector import Connector, ConnectorSettings
from connectors.framework.errors import SourceSchemaMismatch, SourceUnreachable
from connectors.framework.stream import RawColumns, RawRow, Stream


def open_read_only(url: str) -> Engine:
    """An engine that cannot write: SQLite opened with ``mode=ro``, PostgreSQL in read-only transactions."""
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise SourceUnreachable(
            f"not a database URL: {url!r}",
            suggestion="use e.g. sqlite:///path/hr.db or postgresql+psycopg://user@host/db",
        ) from error
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        database = parsed.database or ""
        if not database or database == ":memory:" or not Path(database).is_file():
            raise SourceUnreachable(
                f"SQLite source file not found: {database or '(none)'}",
                suggestion="check the path in the source URL (hub sync --sources DIR expects hr.db, "
                "poverty.db and finance.db there)",
            )
        uri = f"file:{Path(database).resolve()}?mode=ro"
        return create_engine("sqlite+pysqlite:///" + uri + "&uri=true")
    if backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(
            parsed,
            connect_args={"options": "-c default_transaction_read_only=on"},
            pool_pre_ping=True,
        )
    raise SourceUnreachable(
        f"unsupported database in source URL: {backend}", suggestion="use a sqlite:/// or postgresql:// URL"
    )


def check_tables(engine: Engine, streams: list[SqlStream], url_for_messages: str) -> None:
    """Fail clearly when the source cannot be reached or lacks a declared table or column."""
    try:
        inspector = inspect(engine)
        tables = {name.lower(): name for name in inspector.get_table_names()}
    except OperationalError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise SourceUnreachable(
            f"cannot connect to {url_for_messages}: {reason}",
            suggestion="check the host, port, database name and credentials",
        ) from error
    for stream in streams:
        actual = tables.get(stream.name.lower())
        if actual is None:
            raise SourceSchemaMismatch(
                f"table {stream.name} not found in {url_for_messages}",
                suggestion=f"is this the {stream.source} department's database?",
            )
        columns = {column["name"].lower() for column in inspector.get_columns(actual)}
        missing = [c.name for c in stream.columns if c.name.lower() not in columns]
        if missing:
            raise SourceSchemaMismatch(
                f"table {stream.name} in {url_for_messages} lacks column(s) {', '.join(missing)}",
                suggestion="the connector expects the department's schema as published",
            )


class SqlStream(Stream):
    """A source table read with one ordered, filtered, streamed SELECT."""

    key_separator: ClassVar[str] = "|"

    def __init__(self, engine: Engine, source: str) -> None:
        self.engine = engine
        self.source = source

    def _select(self, since: str | None, marker: str = ":since") -> tuple[str, bool]:
        """The SELECT (with ``marker`` where the cursor bound goes) and whether it takes the bound."""
        names = ", ".join(column.name for column in self.columns)
        order = ", ".join(((self.cursor_column,) if self.cursor_column else ()) + self.primary_key)
        bounded = since is not None and self.cursor_column is not None
        where = f" WHERE {self.cursor_column} >= {marker}" if bounded else ""
        return f"SELECT {names} FROM {self.name}{where} ORDER BY {order}", bounded

    def count(self, since: str | None = None) -> int | None:
        where, params = "", {}
        if since is not None and self.cursor_column:
            where, params = f" WHERE {self.cursor_column} >= :since", {"since": since}
        with self.engine.connect() as connection:
            return int(connection.execute(text(f"SELECT COUNT(*) FROM {self.name}{where}"), params).scalar_one())

    def read(self, since: str | None = None, *, batch_size: int = 5000) -> Iterator[list[RawRow]]:
        with closing(self.read_columns(since, batch_size=batch_size)) as batches:
            for raw in batches:
                yield raw.as_rows()

    def read_columns(self, since: str | None = None, *, batch_size: int = 5000) -> Iterator[RawColumns]:
        marker = "?" if self.engine.dialect.paramstyle == "qmark" else "%s"
        statement, bounded = self._select(since, marker)
        names = [column.name for column in self.columns]
        try:
            with self.engine.connect() as connection:
                # The driver's own cursor hands back plain tuples: no per-row wrapping on the hot path.
                # On PostgreSQL it is a named (server-side) cursor, so a large table streams.
                driver = connection.connection.dbapi_connection
                if connection.dialect.name == "postgresql":
                    cursor = driver.cursor(name=f"hub_read_{self.name.lower()}")  # type: ignore[union-attr]
                else:
                    cursor = driver.cursor()  # type: ignore[union-attr]
                try:
                    cursor.execute(statement, (since,) if bounded else ())
                    yield from self._batches(cursor, batch_size, names)
                finally:
                    cursor.close()
                    connection.rollback()
        except (SQLAlchemyError, self.engine.dialect.dbapi.Error) as error:  # type: ignore[union-attr]
            raise SourceUnreachable(
                f"reading {self.source}.{self.name} failed: {str(error).splitlines()[0]}",
                suggestion="run `hub sources check` to diagnose the connection",
            ) from error

    def _batches(self, cursor: Any, batch_size: int, names: list[str]) -> Iterator[RawColumns]:
        """Each fetched batch turned into columns by one transpose; keys and cursors taken from them."""
        separator = self.key_separator
        while rows := cursor.fetchmany(batch_size):
            # the driver's rows all have len(names) values; checking it again costs a fifth of the transpose
            values = dict(zip(names, zip(*rows, strict=False), strict=True))
            key_columns = [values[name] for name in self.primary_key]
            if len(key_columns) == 1:
                keys = list(map(str, key_columns[0]))
            else:
                keys = [separator.join(map(str, parts)) for parts in zip(*key_columns, strict=True)]
            cursors = list(values[self.cursor_column]) if self.cursor_column else [None] * len(rows)
            yield RawColumns(keys, cursors, values)


class SqlSettings(ConnectorSettings):
    """A departmental database reached by SQLAlchemy URL; the URL may hold a password, so it is secret."""

    url: SecretStr


class SqlConnector(Connector):
    """A connector whose streams are tables of one SQL database."""

    settings_model = SqlSettings
    stream_types: ClassVar[tuple[type[SqlStream], ...]]

    def __init__(self, settings: SqlSettings) -> None:
        super().__init__(settings)
        self._engine: Engine | None = None

    @classmethod
    def from_location(cls, location: str) -> SqlConnector:
        return cls(SqlSettings(url=SecretStr(location)))

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = open_read_only(self.settings.url.get_secret_value())  # type: ignore[attr-defined]
        return self._engine

    def _safe_url(self) -> str:
        return make_url(self.settings.url.get_secret_value()).render_as_string(hide_password=True)  # type: ignore[attr-defined]

    def streams(self) -> list[SqlStream]:  # type: ignore[override]
        return [stream_type(self.engine, self.name) for stream_type in self.stream_types]

    def check(self) -> None:
        check_tables(self.engine, self.streams(), self._safe_url())

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
