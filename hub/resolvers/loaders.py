"""Relations as batch functions, and the per-request DataLoaders that call them.

A :class:`Relation` answers many keys with one query (one result per key, in key order). The GraphQL
resolvers reach it through a request's :class:`Loaders` (a DataLoader per relation, so a nested list
costs one statement per level whatever its length); the look-ahead executor calls the same function
with a whole level's keys at once, naming the columns it will read. Either way the rows come from the
same query, with the same conditions and region scope.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Any, Protocol

from strawberry.dataloader import DataLoader

from hub.resolvers.reader import prepared

if TYPE_CHECKING:
    from sqlalchemy import Row, Select

    from hub.resolvers.entities import Entity
    from hub.resolvers.reader import Columns, Reader

#: Keys per IN list: far above a page (100) times its nesting, below every engine's parameter limit.
CHUNK = 5000


class Fetch(Protocol):
    def __call__(self, reader: Reader, keys: list[Any], columns: Columns = None) -> list[Any]: ...


@dataclass(frozen=True, eq=False, slots=True)
class Relation:
    """``fetch(reader, keys, columns)`` returns one result per key, in key order (None or [] when nothing matches).

    ``columns`` are the columns the caller reads from the rows (None: every column, to build GraphQL
    objects); the relation adds those it reads itself to group rows by key (see :func:`with_keys`).
    A relation that answers with values rather than rows ignores them.
    """

    name: str
    fetch: Fetch


def chunks(keys: Sequence[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(keys), CHUNK):
        yield list(keys[start : start + CHUNK])


def with_keys(columns: Columns, *names: str) -> Columns:
    """``columns`` and the key columns a relation groups its rows by (None stays None: every column)."""
    return None if columns is None else frozenset((*columns, *names))


def reading(rows: Sequence[Any], *names: str) -> Callable[[Any], Any]:
    """A getter of ``names`` (one value, or a tuple of several) for these result rows.

    Result rows are read by position: reading a SQLAlchemy ``Row`` by attribute costs about a
    microsecond (it looks the name up on the class first), by index a tenth of that.
    """
    if not rows:
        return attrgetter(*names)  # never called
    fields: tuple[str, ...] = rows[0]._fields
    return itemgetter(*(fields.index(name) for name in names))


@prepared
def _keyed(reader: Reader, entity: Entity, key: str, columns: Columns, order: tuple[str, ...]) -> Select[Any]:
    table = entity.table
    statement = reader.select(entity, reader.keys_in(table.c[key]), columns=with_keys(columns, key))
    return statement.order_by(*(table.c[name] for name in order))


def keyed_rows(
    reader: Reader, entity: Entity, key: str, keys: Sequence[Any], columns: Columns, order: tuple[str, ...] = ()
) -> list[Row[Any]]:
    """The visible rows of ``entity`` whose ``key`` column is one of ``keys``: ``columns`` and the key, in ``order``.

    The usual relation: one prepared statement, run once per chunk of keys.
    """
    statement = _keyed(reader, entity, key, columns, order)
    return [row for chunk in chunks(keys) for row in reader.rows(statement, chunk)]


def one_by(entity: Entity, column: str, name: str | None = None) -> Relation:
    """The relation answering each key with the visible row of ``entity`` whose ``column`` it is (or None)."""

    def fetch(reader: Reader, keys: list[Any], columns: Columns = None) -> list[Any]:
        rows = keyed_rows(reader, entity, column, keys, columns)
        return one_per_key(keys, rows, reading(rows, column))

    return Relation(name or f"{entity.name} by {column}", fetch)


def many_by(entity: Entity, column: str, *order: str, name: str | None = None) -> Relation:
    """The relation answering each key with the visible rows of ``entity`` whose ``column`` it is, in ``order``."""

    def fetch(reader: Reader, keys: list[Any], columns: Columns = None) -> list[Any]:
        rows = keyed_rows(reader, entity, column, keys, columns, order=(column, *order))
        return many_per_key(keys, rows, reading(rows, column))

    return Relation(name or f"{entity.name}s by {column}", fetch)


def one_per_key(keys: Sequence[Hashable], rows: Sequence[Any], key_of: Callable[[Any], Hashable]) -> list[Any]:
    found = dict(zip(map(key_of, rows), rows, strict=True))
    return list(map(found.get, keys))


def many_per_key(keys: Sequence[Hashable], rows: Iterable[Any], key_of: Callable[[Any], Hashable]) -> list[list[Any]]:
    grouped: defaultdict[Hashable, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[key_of(row)].append(row)
    return [grouped.get(key, []) for key in keys]


def by_argument(keys: Sequence[tuple[Any, ...]]) -> dict[tuple[Any, ...], list[Any]]:
    """Keys ``(subject, *arguments)`` grouped by their arguments: one query per distinct argument set.

    Subjects come once each, in first-seen order. Usually every key has the same arguments (a nested
    field's arguments are the same for every parent), which is answered without a loop in Python.
    """
    arguments_of = itemgetter(slice(1, None))
    distinct = set(map(arguments_of, keys))
    if len(distinct) == 1:
        return {distinct.pop(): list(dict.fromkeys(map(itemgetter(0), keys)))}
    groups: dict[tuple[Any, ...], dict[Any, None]] = defaultdict(dict)
    for key in keys:
        groups[arguments_of(key)][key[0]] = None
    return {arguments: list(subjects) for arguments, subjects in groups.items()}


class Loaders:
    """One request's DataLoaders, created on first use of each relation."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self._loaders: dict[Relation, DataLoader[Any, Any]] = {}

    def loader(self, relation: Relation) -> DataLoader[Any, Any]:
        loader = self._loaders.get(relation)
        if loader is None:
            reader = self.reader

            async def batch(keys: list[Any]) -> list[Any]:
                return relation.fetch(reader, list(keys))  # every column: resolvers build objects from rows

            loader = self._loaders[relation] = DataLoader(load_fn=batch)
        return loader

    async def load(self, relation: Relation, key: Any) -> Any:
        return await self.loader(relation).load(key)
