"""The Node interface and global IDs: ``Type:natural key`` sealed, so any object can be fetched again.

A composite key (a month of employment: citizen ID and period) joins its parts with ``:``; none of the
natural keys contain one. The text is sealed (:mod:`hub.auth.sealing`) because natural keys of people
are citizen IDs, which a client without ``pii:read`` must not read out of an ID.
"""

from __future__ import annotations

import strawberry

from hub.auth.access import sealer
from hub.resolvers.errors import QueryError


def global_id(type_name: str, *key: object) -> strawberry.ID:
    text = ":".join([type_name, *(str(part) for part in key)])
    return strawberry.ID(sealer().seal(text))


def parse_global_id(value: str, argument: str = "id") -> tuple[str, str]:
    """``(type name, key text)`` of a global ID; anything else is refused naming the argument."""
    expected = "a global ID as a node's id field returns it"
    text = sealer().open(value)
    if text is None:
        raise QueryError(argument, value, expected)
    type_name, _, rest = text.partition(":")
    if not type_name or not rest:
        raise QueryError(argument, value, expected)
    return type_name, rest


@strawberry.interface(description="An object with a global ID: fetch it again with node(id:).")
class Node:
    @strawberry.field(description="Global ID: opaque, stable; fetch the object again with node(id:).")
    def id(self) -> strawberry.ID:
        return global_id(type(self).__name__, *self.node_key())

    def node_key(self) -> tuple[object, ...]:
        raise NotImplementedError(f"{type(self).__name__} must say which natural key its global ID holds")
