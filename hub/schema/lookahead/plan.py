"""Compile a validated operation's selection into plans the executor can run level by level.

A plan lists, per object type, what each response key needs: a column (with the field's own
serializer), a global ID, a row-computed value, an embedded provenance, or a relation with its
arguments and the plan of what it returns. Anything else raises :class:`Unsupported`, and Strawberry
executes the operation as usual.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLEnumType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    InlineFragmentNode,
    SelectionSetNode,
)
from graphql.execution.values import VariableValues, get_argument_values
from strawberry.schema.name_converter import NameConverter

from hub.schema.lists import LISTED
from hub.schema.lookahead.relations import COMPUTED, RELATED, Related
from hub.schema.rows import type_named
from hub.schema.types.quality import Sourced


class Unsupported(Exception):
    """The selection asks for something the look-ahead executor does not answer."""


@dataclass(slots=True)
class Plan:
    """What to produce for objects of ``type_name``: ``(response key, kind, *details)`` entries."""

    type_name: str
    entries: list[tuple[Any, ...]] = field(default_factory=list)


@cache
def columns_of(type_name: str) -> dict[str, str]:
    """GraphQL field name → store column, for the plain (resolver-less) fields of an object type."""
    cls = type_named(type_name)
    renamed: dict[str, str] = getattr(cls, "ROW_COLUMNS", {})
    converter = NameConverter()
    return {
        converter.get_graphql_name(f): renamed.get(f.python_name, f.python_name)
        for f in cls.__strawberry_definition__.fields
        if f.base_resolver is None
    }


def leaf_serializer(graphql_type: Any) -> Callable[[Any], Any]:
    named = graphql_type.of_type if isinstance(graphql_type, GraphQLNonNull) else graphql_type
    if not isinstance(named, GraphQLScalarType | GraphQLEnumType):
        raise Unsupported(f"{named} is not a leaf")
    return named.serialize


class Compiler:
    def __init__(
        self, schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode], variables: VariableValues
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables

    def collect(self, selection_set: SelectionSetNode, type_name: str) -> dict[str, list[FieldNode]]:
        """Response key → its field nodes, through fragments on this type; directives are not compiled."""
        fields: dict[str, list[FieldNode]] = {}
        for selection in selection_set.selections:
            if selection.directives:
                raise Unsupported("directives")
            if isinstance(selection, FieldNode):
                key = selection.alias.value if selection.alias else selection.name.value
                fields.setdefault(key, []).append(selection)
                continue
            if isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments[selection.name.value]
                condition, sub = fragment.type_condition, fragment.selection_set
            else:
                assert isinstance(selection, InlineFragmentNode)
                condition, sub = selection.type_condition, selection.selection_set
            if condition is not None and condition.name.value != type_name:
                raise Unsupported("a fragment on another type")
            for key, nodes in self.collect(sub, type_name).items():
                fields.setdefault(key, []).extend(nodes)
        return fields

    def arguments(self, parent: GraphQLObjectType, node: FieldNode) -> dict[str, Any]:
        return get_argument_values(parent.fields[node.name.value], node, self.variables)

    def sub_selection(self, nodes: list[FieldNode]) -> SelectionSetNode:
        selections = [s for node in nodes if node.selection_set for s in node.selection_set.selections]
        return SelectionSetNode(selections=tuple(selections))

    def object_plan(self, type_name: str, nodes: list[FieldNode]) -> Plan:
        graphql_type = self.schema.get_type(type_name)
        assert isinstance(graphql_type, GraphQLObjectType)
        plan = Plan(type_name)
        columns = columns_of(type_name)
        cls = type_named(type_name)
        for key, field_nodes in self.collect(self.sub_selection(nodes), type_name).items():
            name = field_nodes[0].name.value
            if name == "__typename":
                plan.entries.append((key, "value", type_name))
            elif name in columns:
                plan.entries.append((key, "column", columns[name], leaf_serializer(graphql_type.fields[name].type)))
            elif name == "id" and type_name in LISTED:
                plan.entries.append((key, "id", LISTED[type_name].key))
            elif (type_name, name) in COMPUTED:
                arguments = self.arguments(graphql_type, field_nodes[0])
                plan.entries.append((key, "computed", COMPUTED[(type_name, name)], arguments))
            elif name == "provenance" and issubclass(cls, Sourced):
                plan.entries.append((key, "provenance", self.object_plan("Provenance", field_nodes)))
            elif (type_name, name) in RELATED:
                related: Related = RELATED[(type_name, name)]
                arguments = self.arguments(graphql_type, field_nodes[0])
                sub = None if related.target is None else self.object_plan(related.target, field_nodes)
                plan.entries.append((key, "related", related, arguments, sub))
            else:
                raise Unsupported(f"{type_name}.{name}")
        return plan
