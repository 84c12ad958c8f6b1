"""Bulk loading: build an empty table's indexes once, after the load, instead of row by row.

A first sync of a county writes hundreds of thousands of rows into empty tables; maintaining three or four
B-trees per insert costs more than sorting each index once at the end. The secondary indexes of every empty
table are deferred. So is the unique provenance index of an id-keyed table (:func:`schema.provenance_index`)
whose first writer in the load is a first read: that stream's rows are plain inserts, nothing to update
(a *bulk* table); streams that write it later upsert, once the index is back. Primary keys and unique
constraints stay. If a sync is killed while indexes are deferred, the next
:func:`ensure_indexes` (run at every store open, at the start of every load and after it) restores them,
the unique ones before any upsert could need them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, Index, Table, delete, func, inspect, select
from sqlalchemy.engine import Inspector
from sqlalchemy.exc import IntegrityError

from graph.store import schema


def _table(name: str) -> Table:
    return schema.Base.metadata.tables[name]


def _secondary(table_name: str) -> list[Index]:
    return [index for index in _table(table_name).indexes if not index.unique]


def _unique(table_name: str) -> list[Index]:
    return [index for index in _table(table_name).indexes if index.unique]


def _missing(inspector: Inspector, table_name: str, indexes: list[Index]) -> list[Index]:
    present = {index["name"] for index in inspector.get_indexes(table_name)}
    return [index for index in indexes if index.name not in present]


def create_index(engine: Engine, index: Index) -> None:
    """Build one index in a transaction of its own.

    A unique index over rows that repeat a key (a first load inserts without it) is built after deleting
    all but the last inserted row of each key: what the upserts of the same rows would have left, the
    values of the last row (under the last row's id rather than the first's).
    """
    try:
        with engine.begin() as connection:
            index.create(connection, checkfirst=True)
    except IntegrityError:
        if not index.unique:
            raise
        with engine.begin() as connection:
            _keep_last(connection, index)
            index.create(connection, checkfirst=True)


def _keep_last(connection: Connection, index: Index) -> None:
    """Delete every row but the last inserted (the highest key) of each of the index's values."""
    table = index.table
    assert table is not None
    (key,) = table.primary_key.columns
    latest = select(func.max(key)).group_by(*index.columns)
    connection.execute(delete(table).where(key.not_in(latest)))


def ensure_indexes(engine: Engine, table_names: Iterable[str] | None = None) -> None:
    """Create every declared index of those tables (all by default) that is missing, unique ones first."""
    inspector = inspect(engine)
    for name in schema.Base.metadata.tables if table_names is None else table_names:
        for index in _missing(inspector, name, _unique(name) + _secondary(name)):
            create_index(engine, index)


@dataclass(frozen=True)
class Deferral:
    """Which tables a load fills with their indexes deferred.

    ``tables``: empty tables whose secondary indexes are built after their load; ``bulk``: those of them
    whose unique provenance index is deferred too, so they take plain inserts only (no upsert can work).
    """

    tables: list[str]
    bulk: frozenset[str]


@contextmanager
def deferred_indexes(engine: Engine, table_names: list[str], bulk_loads: Iterable[str] = ()) -> Iterator[Deferral]:
    """Drop the indexes of those tables that are empty now; recreate them on the way out.

    ``bulk_loads`` names the tables the caller would load in bulk (the first stream to write them is a
    first read): an empty one of them with a droppable unique index is. The other tables' unique indexes
    are restored first if a killed bulk load left them missing. The caller may build some indexes earlier
    (an :class:`IndexBacklog`); only the rest are built here.
    """
    with engine.begin() as connection:
        deferred = [name for name in table_names if _is_empty(connection, name)]
    candidates = set(bulk_loads)
    bulk = frozenset(name for name in deferred if name in candidates and _unique(name))
    inspector = inspect(engine)
    for name in table_names:
        if name not in bulk:
            for index in _missing(inspector, name, _unique(name)):
                create_index(engine, index)
    with engine.begin() as connection:
        for name in deferred:
            droppable = _secondary(name) + (_unique(name) if name in bulk else [])
            present = {index["name"] for index in inspect(connection).get_indexes(name)}
            for index in droppable:
                if index.name in present:
                    index.drop(connection)
    try:
        yield Deferral(deferred, bulk)
    finally:
        if deferred:
            ensure_indexes(engine, deferred)


def _is_empty(connection: Connection, table_name: str) -> bool:
    table = _table(table_name)
    return not connection.execute(select(func.count()).select_from(select(table).limit(1).subquery())).scalar()


class IndexBacklog:
    """Deferred indexes of tables that are fully loaded, built one at a time whenever the writer is idle.

    A sync's writer waits for its map worker now and then; an index built in such a wait costs nothing,
    where built after the load it adds to the sync's time. A table's unique index comes first: its build
    may have to remove rows a bulk load repeated, which the secondary indexes should not hold.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._ready: list[Index] = []

    def loaded(self, table_names: Iterable[str]) -> None:
        """These tables will not be written any more in this load: their missing indexes may be built."""
        inspector = inspect(self.engine)
        for name in table_names:
            self._queue(_missing(inspector, name, _unique(name) + _secondary(name)))

    def keyed(self, table_names: Iterable[str]) -> None:
        """The bulk load of these tables is over but other streams will upsert into them: their unique
        indexes go first (:meth:`require_keys` builds them at the latest before those streams write)."""
        inspector = inspect(self.engine)
        for name in table_names:
            self._queue(_missing(inspector, name, _unique(name)), first=True)

    def require_keys(self, table_names: Iterable[str]) -> None:
        """Build now the waiting unique indexes of these tables: a stream is about to upsert into them."""
        names = set(table_names)
        for index in [index for index in self._ready if index.unique and _table_name(index) in names]:
            self._ready.remove(index)
            create_index(self.engine, index)

    @property
    def ready(self) -> bool:
        """Whether an index is waiting to be built."""
        return bool(self._ready)

    def build_one(self) -> bool:
        """Build one ready index; False when there is none."""
        if not self._ready:
            return False
        create_index(self.engine, self._ready.pop(0))
        return True

    def _queue(self, indexes: list[Index], *, first: bool = False) -> None:
        queued = {index.name for index in self._ready}
        fresh = [index for index in indexes if index.name not in queued]
        self._ready = fresh + self._ready if first else self._ready + fresh


def _table_name(index: Index) -> str:
    assert index.table is not None
    return index.table.name
