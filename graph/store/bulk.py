"""Bulk loading: build an empty table's secondary indexes once, after the load, instead of row by row.

A first sync of a county writes hundreds of thousands of rows into empty tables; maintaining three or four
B-trees per insert costs more than sorting each index once at the end. Only indexes that no upsert
depends on are deferred (primary keys and unique constraints stay). If a sync is killed while indexes are
deferred, the next :func:`ensure_indexes` (run at every store open and after every load) restores them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, Index, func, inspect, select

from graph.store import schema


def _secondary(table_name: str) -> list[Index]:
    table = schema.Base.metadata.tables[table_name]
    return [index for index in table.indexes if not index.unique]


def ensure_indexes(engine: Engine) -> None:
    """Create every declared secondary index that is missing."""
    inspector = inspect(engine)
    with engine.begin() as connection:
        for name in schema.Base.metadata.tables:
            present = {index["name"] for index in inspector.get_indexes(name)}
            for index in _secondary(name):
                if index.name not in present:
                    index.create(connection)


@contextmanager
def deferred_indexes(engine: Engine, table_names: list[str]) -> Iterator[list[str]]:
    """Drop the secondary indexes of those tables that are empty now; recreate them on the way out.

    The caller may build some of them earlier (an :class:`IndexBacklog`); only the rest are built here.
    """
    deferred: list[str] = []
    with engine.begin() as connection:
        for name in table_names:
            table = schema.Base.metadata.tables[name]
            if connection.execute(select(func.count()).select_from(select(table).limit(1).subquery())).scalar():
                continue
            present = {index["name"] for index in inspect(connection).get_indexes(name)}
            for index in _secondary(name):
                if index.name in present:
                    index.drop(connection)
            deferred.append(name)
    try:
        yield deferred
    finally:
        if deferred:
            ensure_indexes(engine)


class IndexBacklog:
    """Deferred indexes of tables that are fully loaded, built one at a time whenever the writer is idle.

    A sync's writer waits for its map worker now and then; an index built in such a wait costs nothing,
    where built after the load it adds to the sync's time.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._ready: list[Index] = []

    def loaded(self, table_names: Iterable[str]) -> None:
        """These tables will not be written any more in this load: their missing indexes may be built."""
        inspector = inspect(self.engine)
        for name in table_names:
            present = {index["name"] for index in inspector.get_indexes(name)}
            self._ready += [index for index in _secondary(name) if index.name not in present]

    def build_one(self) -> bool:
        """Build one ready index; False when there is none."""
        if not self._ready:
            return False
        with self.engine.begin() as connection:
            self._ready.pop(0).create(connection, checkfirst=True)
        return True
