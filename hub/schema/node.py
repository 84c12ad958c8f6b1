"""The Node interface and global IDs: base64 of ``Type:natural key``, so any object can be fetched again.

A composite key (a month of employment: citizen ID and period) joins its parts with ``:``; none of the
natural keys contain one.
"""

from __future__ import annotations

import base64
import binascii

import strawberry

from hub.resolvers.errors import QueryError


def global_id(type_name: str, *key: object) -> strawberry.ID:
    text = ":".join([type_name, *(str(part) for part in key)])
    return strawberry.ID(base64.b64encode(text.encode()).decode())


def parse_global_id(value: str, argument: str = "id") -> tuple[str, str]:
    """``(type name, key text)`` of a global ID; anything else is refused naming the argument."""
    expected = "a global ID as a node's id field returns it (base64 of Type:key)"
    try:
        text = base64.b64decode(value.encode(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise QueryError(argument, value, expected) from None
    type_name, _, rest = text.partition(":")
    if not type_name or not rest:
        raise QueryError(argument, value, expected)
    return type_name, rest


@strawberry.interface(description="An object with a global ID: fetch it again with node(id:).")
class Node:
    @strawberry.field(description="Global ID: base64 of Type:natural key.")
    def id(self) -> strawberry.ID:
        return global_id(type(self).__name__, *self.node_key())

    def node_key(self) -> tuple[object, ...]:
        raise NotImplementedError(f"{type(self).__name__} must say which natural key its global ID holds")
