"""One request's read access to the store: the only place queries get the client's region scope.

Every query function builds its statements through :meth:`Reader.select` or :meth:`Reader.scope`, so a
region-scoped client (a county's system) sees its region only, in lists, counts, lookups and statistics
alike, without any resolver remembering to ask. The connection opens on first use and is closed by
whoever created the reader (the app, at the end of the request).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Connection, Engine, Row, Select, String, any_, bindparam, func, select, true
from sqlalchemy.dialects.postgresql import ARRAY

if TYPE_CHECKING:
    from hub.resolvers.entities import Entity


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

    def select(self, entity: Entity, *conditions: ColumnElement[bool]) -> Select[Any]:
        """Every column of ``entity``'s visible rows meeting ``conditions``."""
        statement = select(entity.table)
        if self.region_prefix:
            statement = statement.where(entity.in_region(self.region_prefix))
        return statement.where(*conditions) if conditions else statement

    def one_of(self, column: ColumnElement[Any], values: Sequence[Any]) -> ColumnElement[bool]:
        """``column IN values`` with the values sent as one parameter.

        A plain IN list is rendered placeholder by placeholder on every call (a few milliseconds for the
        keys of one nested level) and is a new statement for each length; one array parameter (a JSON
        array read by ``json_each`` on SQLite, a native array on PostgreSQL) is neither.
        """
        if self.dialect == "postgresql":
            return column == any_(bindparam(None, list(values), type_=ARRAY(column.type)))
        array = func.json_each(bindparam(None, json.dumps(list(values), ensure_ascii=False), type_=String))
        return column.in_(select(array.table_valued("value").c.value))

    def rows(self, statement: Select[Any]) -> Sequence[Row[Any]]:
        return self.connection.execute(statement).all()

    def scalar(self, statement: Select[Any]) -> Any:
        return self.connection.execute(statement).scalar_one()

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
