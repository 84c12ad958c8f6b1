"""Typed access to the request context from a resolver's ``info``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hub.schema.rows import build, build_all

if TYPE_CHECKING:
    import strawberry

    from hub.resolvers.context import RequestContext
    from hub.resolvers.loaders import Relation

    Info = strawberry.Info[RequestContext, None]


def context(info: Info) -> RequestContext:
    return info.context


async def load_one(info: Info, relation: Relation, key: Any, type_name: str) -> Any:
    """The object a relation gives for ``key`` (None for a None key or no match)."""
    if key is None:
        return None
    return build(type_name, await info.context.loaders.load(relation, key))


async def load_many(info: Info, relation: Relation, key: Any, type_name: str) -> list[Any]:
    if key is None:
        return []
    return build_all(type_name, await info.context.loaders.load(relation, key))
