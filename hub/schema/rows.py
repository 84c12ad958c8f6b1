"""Store rows to GraphQL objects: one registry of object types, one way to build them from a row.

Building is also where a person's row becomes part of a response, so it is where the read is audited.
Object types name their attributes after the store's columns, so building one is a lookup of those
columns in the row; the resolvers of relations use :func:`build` by type name, which keeps the type
modules free of import cycles.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from hub.auth import access

if TYPE_CHECKING:
    from collections.abc import Iterable

_TYPES: dict[str, type[Any]] = {}
_COLUMNS: dict[type[Any], tuple[tuple[str, str], ...]] = {}


def object_type[T](cls: type[T]) -> type[T]:
    """Register a GraphQL object type built from store rows (apply it outside ``@strawberry.type``).

    An attribute is filled from the column of the same name, or the one its ``ROW_COLUMNS`` names.
    """
    renamed: dict[str, str] = getattr(cls, "ROW_COLUMNS", {})
    _TYPES[cls.__name__] = cls
    _COLUMNS[cls] = tuple(
        (field.name, renamed.get(field.name, field.name))
        for field in dataclasses.fields(cls)  # type: ignore[arg-type]
        if field.init and getattr(field, "base_resolver", None) is None
    )
    return cls


def type_named(name: str) -> type[Any]:
    return _TYPES[name]


def build(name: str, row: Any) -> Any:
    """The object of type ``name`` for a store row (None for None)."""
    if row is None:
        return None
    cls = _TYPES[name]
    access.saw(name, (row,))
    mapping = row._mapping
    return cls(**{name: mapping[column] for name, column in _COLUMNS[cls] if column in mapping})


def build_all(name: str, rows: Iterable[Any]) -> list[Any]:
    return [build(name, row) for row in rows]
