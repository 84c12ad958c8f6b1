"""Internal failures reach the client as a reference, never as a message or a trace; the log has details.

Errors the client can fix (syntax, validation, a bad argument: :class:`QueryError`) pass unchanged.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from hub.resolvers.errors import QueryError

log = logging.getLogger("hub.api")


def is_client_error(error: GraphQLError) -> bool:
    """Not executed at all (no path), or refused by an argument check."""
    return error.path is None or isinstance(error.original_error, QueryError | GraphQLError)


def masked(error: GraphQLError) -> GraphQLError:
    reference = uuid.uuid4().hex[:12]
    log.error("internal error %s at %s", reference, error.path, exc_info=error.original_error or error)
    return GraphQLError(
        f"internal error (reference {reference}); the hub's log has the details",
        error.nodes,
        path=error.path,
    )


class MaskInternalErrors(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = [error if is_client_error(error) else masked(error) for error in result.errors]
