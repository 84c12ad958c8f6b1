"""The GraphQL schema of the unified graph, built once per process.

Types live in ``hub/schema/types``, resolvers' queries in ``hub/resolvers``, operation-wide policies in
``hub/schema/extensions``.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

import strawberry
from strawberry.extensions import ParserCache, ValidationCache
from strawberry.schema.config import StrawberryConfig

from hub.schema.extensions import Guard, LookAhead, MaskInternalErrors, NameArgumentsInErrors
from hub.schema.mutation import Mutation
from hub.schema.query import Query
from hub.schema.scalars import SCALARS
from hub.schema.types.employment import Employment, FollowUp, ReturnEvent
from hub.schema.types.household import Household
from hub.schema.types.laborer import Laborer
from hub.schema.types.organisations import Employer, JobPosting, MinimumWage, PublicWelfarePost, Training, Workshop
from hub.schema.types.payment import Payment
from hub.schema.types.region import Region

#: Every type a node(id) may return, so the schema knows them even where no field names them directly.
NODE_TYPES = (
    Region,
    Household,
    Laborer,
    Employer,
    Workshop,
    JobPosting,
    PublicWelfarePost,
    Training,
    MinimumWage,
    Payment,
    Employment,
    FollowUp,
    ReturnEvent,
)


if TYPE_CHECKING:
    from graphql import GraphQLError
    from strawberry.types import ExecutionContext


class HubSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        """Client errors are the client's business; internal ones are logged by :class:`MaskInternalErrors`."""


@cache
def build_schema() -> strawberry.Schema:
    """The schema, with parsing and validation cached: most clients send the same few documents."""
    extensions: list[Any] = [
        NameArgumentsInErrors,
        lambda: ParserCache(maxsize=512),
        lambda: ValidationCache(maxsize=512),
        Guard,
        LookAhead,
        MaskInternalErrors,
    ]
    return HubSchema(
        query=Query,
        mutation=Mutation,
        types=list(NODE_TYPES),
        config=StrawberryConfig(scalar_map=SCALARS),
        extensions=extensions,
    )


__all__ = ["build_schema"]
