"""One request's read access to the store: the only place queries get the client's region scope.

Every query function builds its statements through :meth:`Reader.select` or :meth:`Reader.scope`, so a
region-scoped client (a county's system) sees its region only, in lists, counts, lookups and statistics
alike, without any resolver remembering to ask. The connection opens on first use and is closed by
whoever created the reader (the app, at the end of the request).

The relations' statements are :func:`prepared`: built once per shape and region scope, and run with a
level's keys as their one parameter.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Hashable, Sequence
from typing import TYPE_CHECKING, Any, Concatenate

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Row,
    Select,
    String,
    any_,
    bindparam,
    func,
    literal_column,
    select,
    true,
)
from sqlalchemy.dialects.postgresql import ARRAY

if TYPE_CHECKING:
    from hub.resolvers.entities import Entity

#: Which columns of an entity a caller reads: None for every one (what a GraphQL object is built from).
Columns = frozenset[str] | None
#: The column of SQLite's ``json_each`` holding an array element.
_JSON_VALUE = literal_column("value")
#: The parameter a prepared statement's keys are sent in (see :meth:`Reader.keys_in`).
_KEYS = "keys"


class Reader:
    """Reads for one client: ``region_prefix`` (a division-code prefix, "" for all) limits every entity."""

    def __init__(self, engine: Engine, *, region_prefix: str = "") -> None:
        self.engine = engine
        self.region_prefix = region_prefix
        self._connection: Connection | None = None

    @property
    def connection(self) -> Connection:
        if self._connection is None:
            self._connection = self.engine.connect()
        return self._connection

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def scope(self, entity: Entity) -> ColumnElement[bool]:
        """The condition a row of ``entity`` must meet to be visible to this client."""
        if not self.region_prefix:
            return true()
        return entity.in_region(self.region_prefix)

    def select(self, entity: Entity, *conditions: ColumnElement[bool], columns: Columns = None) -> Select[Any]:
        """``entity``'s visible rows meeting ``conditions``: every column, or only ``columns`` (in table order).

        Selecting only what a response needs matters: the registry's and finance's tables are wide (every
        row carries its provenance), and fetching and converting unused values cost more than the query.
        """
        statement = select(entity.table) if columns is None else select(*_chosen(entity, columns))
        if self.region_prefix:
            statement = statement.where(entity.in_region(self.region_prefix))
        return statement.where(*conditions) if conditions else statement

    def keys_in(self, column: ColumnElement[Any]) -> ColumnElement[bool]:
        """``column`` is one of the keys the statement runs with (``rows(statement, keys)``), sent as one parameter.

        A plain IN list is rendered placeholder by placeholder on every call (a few milliseconds for the
        keys of one nested level) and is a new statement for each length; one array parameter (a JSON
        array read by ``json_each`` on SQLite, a native array on PostgreSQL) is neither, so the
        statement is the same whatever the keys and can be :func:`prepared` once.
        """
        if self.dialect == "postgresql":
            return column == any_(bindparam(_KEYS, type_=ARRAY(column.type)))
        return column.in_(select(_JSON_VALUE).select_from(func.json_each(bindparam(_KEYS, type_=String))))

    def rows(self, statement: Select[Any], keys: Sequence[Any] | None = None) -> Sequence[Row[Any]]:
        """The statement's rows; ``keys`` for a statement with :meth:`keys_in`."""
        if keys is None:
            return self.connection.execute(statement).all()
        array = list(keys) if self.dialect == "postgresql" else json.dumps(list(keys), ensure_ascii=False)
        return self.connection.execute(statement, {_KEYS: array}).all()

    def scalar(self, statement: Select[Any]) -> Any:
        return self.connection.execute(statement).scalar_one()

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def _chosen(entity: Entity, columns: Collection[str]) -> list[ColumnElement[Any]]:
    wanted = set(columns)
    unknown = wanted.difference(entity.table.c.keys())
    if unknown:
        raise ValueError(f"{entity.name} has no columns {sorted(unknown)}")
    return [column for column in entity.table.c if column.key in wanted]


#: Prepared statements kept at most (shapes × region scopes); past it the cache starts over.
PREPARED_LIMIT = 2048


def prepared[**P](
    build: Callable[Concatenate[Reader, P], Select[Any]],
) -> Callable[Concatenate[Reader, P], Select[Any]]:
    """A statement builder whose statements are built once per shape and reused.

    Building a SQLAlchemy statement and computing its cache key take a few hundred microseconds each
    time, as much as running it on a small level's keys. A prepared statement leaves its keys out
    (:meth:`Reader.keys_in`; they are given to :meth:`Reader.rows`), so it depends only on the
    builder's arguments (its shape: which columns, which period...), the reader's region scope and
    its dialect, and is built once for each. ``build`` must therefore use nothing else: no data, no
    connection, only hashable arguments.
    """
    statements: dict[tuple[Hashable, ...], Select[Any]] = {}

    def statement(reader: Reader, *args: P.args, **kwargs: P.kwargs) -> Select[Any]:
        key = (reader.dialect, reader.region_prefix, args, tuple(sorted(kwargs.items())))
        found = statements.get(key)
        if found is None:
            if len(statements) >= PREPARED_LIMIT:
                statements.clear()
            found = statements[key] = build(reader, *args, **kwargs)
        return found

    statement.__doc__ = build.__doc__
    return statement
