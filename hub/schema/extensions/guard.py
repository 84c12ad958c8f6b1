"""The access policy at the operation level, before anything executes.

Introspection, the abuse limits and the client's scopes are checked on the parsed, validated
operation (trusted documents earlier, before parsing: :class:`hub.view.HubGraphQL`); a refused
operation gets every reason at once and reads nothing. The operation's name is noted for the access
log (the "why" of a read).
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql import FragmentDefinitionNode, GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult

from hub.auth.limits import check_limits
from hub.auth.policy import authorize
from hub.auth.selections import chosen_operation
from hub.resolvers.context import RequestContext


class Guard(SchemaExtension):
    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        request = context.context
        document = context.graphql_document
        if isinstance(request, RequestContext) and document is not None and context.result is None:
            errors = self.refusals(request, document.definitions)
            if errors:
                context.result = ExecutionResult(data=None, errors=errors)
        yield

    def refusals(self, request: RequestContext, definitions: tuple) -> list[GraphQLError]:
        context = self.execution_context
        operation = chosen_operation(definitions, context.operation_name)
        if operation is None:
            return []  # graphql-core reports the missing or ambiguous operation itself
        request.access.operation = operation.name.value if operation.name else None
        fragments = {d.name.value: d for d in definitions if isinstance(d, FragmentDefinitionNode)}
        schema = context.schema._schema
        errors = check_limits(schema, operation, fragments, context.variables, request.query_limits)
        if errors:
            return errors
        return authorize(schema, operation, fragments, context.variables, request.viewer)
