"""Leaf values a whole column at a time, exactly as graphql-core serializes them one by one.

Most leaves are stored as they are served: a ``String`` column holds ``str``, a caliber enum's stored
code is its GraphQL name, a ``Boolean`` column holds ``bool``. For such a type, one C-level pass over a
level's column checks that every value really is of that kind, and the column is then served as it is;
otherwise (an unexpected value, or any other type) every value goes through the type's own serializer,
as graphql-core would send it. Money, dates and the self-masking identifier scalars (``CitizenId``,
``Phone``, ``BankAccount``, ``SourceText``: they mask for a client without ``pii:read``) are never
passed through, so their serializers keep running for every value.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from types import NoneType
from typing import Any

from graphql import GraphQLEnumType, GraphQLScalarType

#: A level's stored values of one field → its response values (None stays None, never serialized).
ColumnSerializer = Callable[[list[Any]], list[Any]]

_STR = frozenset({str, NoneType})
_BOOL = frozenset({bool, NoneType})
_INT = frozenset({int, NoneType})
#: GraphQL's Int is 32-bit: graphql-core refuses anything outside.
_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1


def _all_str(column: list[Any]) -> bool:
    return _STR.issuperset(map(type, column))


def _all_bool(column: list[Any]) -> bool:
    return _BOOL.issuperset(map(type, column))


def _all_int(column: list[Any]) -> bool:
    if not _INT.issuperset(map(type, column)):
        return False
    present = [value for value in column if value is not None]
    return not present or (min(present) >= _INT_MIN and max(present) <= _INT_MAX)


#: The specified scalars (their names are reserved) whose serializers return such values unchanged.
_UNCHANGED: dict[str, Callable[[list[Any]], bool]] = {
    "String": _all_str,
    "ID": _all_str,
    "Boolean": _all_bool,
    "Int": _all_int,
}


def _unchanged_by(named: GraphQLScalarType | GraphQLEnumType) -> Callable[[list[Any]], bool] | None:
    """A test that ``named`` would serialize every value of a column as itself, if the type has one."""
    if isinstance(named, GraphQLEnumType):
        names = {name for name, value in named.values.items() if value.value == name}
        if len(names) != len(named.values):
            return None  # some value is served under another name (Department: "hr" is HR)
        allowed = frozenset({*names, None})
        return lambda column: _all_str(column) and allowed.issuperset(column)
    if named.name in _UNCHANGED:
        return _UNCHANGED[named.name]
    if named.serialize is str:  # a custom scalar served as text (Period)
        return _all_str
    return None


@cache
def column_serializer(named: GraphQLScalarType | GraphQLEnumType) -> ColumnSerializer:
    """Serialize a column of ``named`` values: as it is when every value is already its own output."""
    serialize = named.serialize
    unchanged = _unchanged_by(named)

    def serialized(column: list[Any]) -> list[Any]:
        if unchanged is not None and unchanged(column):
            return column
        return [None if value is None else serialize(value) for value in column]

    return serialized
