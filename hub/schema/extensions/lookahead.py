"""Answer compilable queries with the look-ahead executor; Strawberry executes everything else.

The operation has been parsed and validated by then; if the executor meets anything it does not
cover (a field, a directive, a bad argument) it steps aside and Strawberry runs the operation, which
also produces any error exactly as usual.
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql import ExecutionResult, GraphQLError
from sqlalchemy.exc import SQLAlchemyError
from strawberry.extensions import SchemaExtension

from hub.resolvers.context import RequestContext
from hub.resolvers.errors import QueryError
from hub.schema.lookahead.executor import execute
from hub.schema.lookahead.plan import Unsupported


class LookAhead(SchemaExtension):
    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        request = context.context
        if (
            isinstance(request, RequestContext)
            and request.lookahead
            and context.graphql_document is not None
            and context.result is None  # not refused by the guard
        ):
            try:
                data = execute(
                    context.schema._schema,
                    context.graphql_document,
                    context.operation_name,
                    context.variables,
                    request,
                )
            except (Unsupported, QueryError, GraphQLError, SQLAlchemyError):
                # Not compiled, or it would fail: Strawberry executes it and reports as usual.
                pass
            else:
                context.result = ExecutionResult(data=data, errors=None)
        yield
