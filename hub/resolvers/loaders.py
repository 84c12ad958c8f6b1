"""Relations as batch functions, and the per-request DataLoaders that call them.

A :class:`Relation` answers many keys with one query (one result per key, in key order). The GraphQL
resolvers reach it through a request's :class:`Loaders` (a DataLoader per relation, so a nested list
costs one statement per level whatever its length); the look-ahead executor calls the same function
with a whole level's keys at once. Either way the answer comes from the same SQL.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from strawberry.dataloader import DataLoader

if TYPE_CHECKING:
    from hub.resolvers.reader import Reader

#: Keys per IN list: far above a page (100) times its nesting, below every engine's parameter limit.
CHUNK = 5000


@dataclass(frozen=True, eq=False, slots=True)
class Relation:
    """``fetch(reader, keys)`` returns one result per key, in key order (None or [] when nothing matches)."""

    name: str
    fetch: Callable[[Reader, list[Any]], list[Any]]


def chunks(keys: Sequence[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(keys), CHUNK):
        yield list(keys[start : start + CHUNK])


def one_per_key(keys: Sequence[Hashable], rows: Iterable[Any], key_of: Callable[[Any], Hashable]) -> list[Any]:
    found = {key_of(row): row for row in rows}
    return [found.get(key) for key in keys]


def many_per_key(keys: Sequence[Hashable], rows: Iterable[Any], key_of: Callable[[Any], Hashable]) -> list[list[Any]]:
    grouped: defaultdict[Hashable, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[key_of(row)].append(row)
    return [grouped.get(key, []) for key in keys]


def by_argument(keys: Sequence[tuple[Any, ...]]) -> dict[tuple[Any, ...], list[Any]]:
    """Keys ``(subject, *arguments)`` grouped by their arguments: one query per distinct argument set."""
    groups: dict[tuple[Any, ...], dict[Any, None]] = defaultdict(dict)
    for subject, *arguments in keys:
        groups[tuple(arguments)][subject] = None  # an ordered set: subjects once each, in first-seen order
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
                return relation.fetch(reader, list(keys))

            loader = self._loaders[relation] = DataLoader(load_fn=batch)
        return loader

    async def load(self, relation: Relation, key: Any) -> Any:
        return await self.loader(relation).load(key)
