"""Abuse limits, checked on the operation before it runs: depth, aliases, page size and overall cost.

Cost estimates the objects an operation can produce: every field costs one, and a list multiplies
what is under it by how many items it can hold (a connection's ``first``, else the default page;
a plain list, :attr:`QueryLimits.list_factor`; a connection's ``nodes`` and ``edges`` are its
items). An over-limit operation is refused with the measured figure and the limit, before it reads
anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
)

from hub.auth.policy import named_type
from hub.auth.selections import selected_fields

if TYPE_CHECKING:
    from graphql import GraphQLSchema


@dataclass(frozen=True, slots=True)
class QueryLimits:
    max_depth: int = 12
    max_aliases: int = 30
    max_cost: int = 200_000
    page_cap: int = 100
    default_page: int = 20
    list_factor: int = 10


@dataclass(slots=True)
class Measure:
    depth: int = 0
    aliases: int = 0
    cost: int = 0


def _is_list(graphql_type: Any) -> bool:
    if isinstance(graphql_type, GraphQLNonNull):
        graphql_type = graphql_type.of_type
    return isinstance(graphql_type, GraphQLList)


class _Measurer:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: dict[str, FragmentDefinitionNode],
        variables: dict[str, Any],
        limits: QueryLimits,
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.limits = limits
        self.measure = Measure()
        self.errors: list[GraphQLError] = []

    def first(self, node: FieldNode) -> int | None:
        for argument in node.arguments or ():
            if argument.name.value != "first":
                continue
            value = argument.value
            if isinstance(value, VariableNode):
                given = self.variables.get(value.name.value)
                return given if isinstance(given, int) else None
            return int(value.value) if isinstance(value, IntValueNode) else None
        return None

    def selection_set(self, selection_set: SelectionSetNode, parent: Any, depth: int, seen: frozenset[str]) -> int:
        """The cost of one object with this selection (and records depth, aliases, page sizes)."""
        fields = selected_fields(self.schema, self.fragments, selection_set, parent, seen)
        return sum(self.field(node, on_type, depth, entered) for node, on_type, entered in fields)

    def field(self, node: FieldNode, parent: Any, depth: int, seen: frozenset[str]) -> int:
        if node.name.value in ("__schema", "__type"):
            return 1  # bounded by the schema itself; allowed only to clients trusted with introspection
        if node.alias is not None:
            self.measure.aliases += 1
        self.measure.depth = max(self.measure.depth, depth)
        if node.selection_set is None:
            return 1
        definition = getattr(parent, "fields", {}).get(node.name.value)
        returned = named_type(definition.type) if definition is not None else parent
        items = 1
        first = self.first(node)
        if first is not None and first > self.limits.page_cap:
            self.errors.append(
                GraphQLError(
                    f"argument first: {first} is not valid; expected at most {self.limits.page_cap} (the page cap); "
                    f"ask for {self.limits.page_cap} and follow pageInfo.endCursor",
                    node,
                    extensions={"code": "LIMIT_EXCEEDED", "limit": "page_cap"},
                )
            )
        if returned.name.endswith("Connection"):
            items = self.limits.default_page if first is None else max(first, 0)
        elif definition is not None and _is_list(definition.type) and not parent.name.endswith("Connection"):
            items = self.limits.list_factor
        # A connection's edges/nodes are the objects; the connection itself is one more step, not more depth.
        inner_depth = depth if returned.name.endswith(("Connection", "Edge")) else depth + 1
        return 1 + items * self.selection_set(node.selection_set, returned, inner_depth, seen)


def check_limits(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: dict[str, FragmentDefinitionNode],
    variables: dict[str, Any] | None,
    limits: QueryLimits,
) -> list[GraphQLError]:
    """Every limit ``operation`` exceeds, as errors naming the figure and the limit (empty: it may run)."""
    measurer = _Measurer(schema, fragments, variables or {}, limits)
    root = schema.get_root_type(operation.operation)
    measure = measurer.measure
    measure.cost = measurer.selection_set(operation.selection_set, root, 1, frozenset())
    errors = measurer.errors
    for name, figure, limit, advice in (
        ("depth", measure.depth, limits.max_depth, "nest fewer levels, or fetch the deeper objects in a second query"),
        ("aliases", measure.aliases, limits.max_aliases, "send fewer aliased fields, or several operations"),
        ("cost", measure.cost, limits.max_cost, "ask for smaller pages or fewer nested lists"),
    ):
        if figure > limit:
            errors.append(
                GraphQLError(
                    f"query {name} {figure} is over the limit of {limit}; {advice}",
                    operation,
                    extensions={"code": "LIMIT_EXCEEDED", "limit": name, "value": figure, "maximum": limit},
                )
            )
    return errors
