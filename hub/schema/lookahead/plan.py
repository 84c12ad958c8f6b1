"""Compile a validated operation's selection into plans the executor can run level by level.

A plan lists, per object type, what each response key needs: a column (with the field's own
serializer, applied a whole column at a time), a global ID, a row-computed value, an embedded
provenance, or a relation with its arguments and the plan of what it returns. Each entry also names
the columns of the level's rows it reads, so a level selects only those (and what the audit trail
reads). Anything else raises :class:`Unsupported`, and Strawberry executes the operation as usual.
"""

from __future__ import annotations

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

from hub.auth.audit import audited_columns
from hub.schema.lists import LISTED
from hub.schema.lookahead.leaves import ColumnSerializer, column_serializer
from hub.schema.lookahead.relations import COMPUTED, RELATED, Computed, Related
from hub.schema.rows import type_named
from hub.schema.types.quality import Sourced

#: The provenance columns of a sourced row, in the order :data:`PROVENANCE_INDEX` reads them.
PROVENANCE_COLUMNS = ("source", "source_table", "source_key", "source_updated_at")
#: A ``Provenance`` object's columns → positions in a tuple of :data:`PROVENANCE_COLUMNS` values.
PROVENANCE_INDEX = {"source": 0, "table": 1, "key": 2, "source_updated_at": 3}


class Unsupported(Exception):
    """The selection asks for something the look-ahead executor does not answer."""


# Each entry answers one response key for every row of a level; ``reads`` are the columns of the
# level's rows it needs, which the level therefore selects.


@dataclass(frozen=True, slots=True)
class ColumnEntry:
    """A plain field: the column's values, serialized a column at a time."""

    key: str
    column: str
    serialize: ColumnSerializer

    @property
    def reads(self) -> tuple[str, ...]:
        return (self.column,)


@dataclass(frozen=True, slots=True)
class IdEntry:
    """The global ID, sealed from the natural key's columns."""

    key: str
    type_name: str
    reads: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ValueEntry:
    """The same value for every object (``__typename``)."""

    key: str
    value: Any
    reads: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ComputedEntry:
    """A field its resolver computes from the row alone (``isLaborer``)."""

    key: str
    computed: Computed
    arguments: dict[str, Any]

    @property
    def reads(self) -> tuple[str, ...]:
        return self.computed.reads


@dataclass(frozen=True, slots=True)
class ProvenanceEntry:
    """``provenance``: the row's source columns as a ``Provenance`` object (its own plan)."""

    key: str
    plan: Plan
    reads: tuple[str, ...] = PROVENANCE_COLUMNS


@dataclass(frozen=True, slots=True)
class RelatedEntry:
    """A field answered by a relation, fetched for the whole level at once; ``plan`` is its items' (None: leaves)."""

    key: str
    related: Related
    arguments: dict[str, Any]
    plan: Plan | None

    @property
    def reads(self) -> tuple[str, ...]:
        return self.related.reads


Entry = ColumnEntry | IdEntry | ValueEntry | ComputedEntry | ProvenanceEntry | RelatedEntry


@dataclass(slots=True)
class Plan:
    """What to produce for objects of ``type_name``: one entry per response key, in selection order."""

    type_name: str
    entries: list[Entry] = field(default_factory=list)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(entry.key for entry in self.entries)

    @property
    def columns(self) -> frozenset[str]:
        """The columns of this level's rows the entries and the audit trail read: all it must select."""
        return frozenset(audited_columns(self.type_name)).union(*(entry.reads for entry in self.entries))


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


def leaf_serializer(graphql_type: Any) -> ColumnSerializer:
    named = graphql_type.of_type if isinstance(graphql_type, GraphQLNonNull) else graphql_type
    if not isinstance(named, GraphQLScalarType | GraphQLEnumType):
        raise Unsupported(f"{named} is not a leaf")
    return column_serializer(named)


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
            entry: Entry
            if name == "__typename":
                entry = ValueEntry(key, type_name)
            elif name in columns:
                entry = ColumnEntry(key, columns[name], leaf_serializer(graphql_type.fields[name].type))
            elif name == "id" and type_name in LISTED:
                entry = IdEntry(key, type_name, LISTED[type_name].key)
            elif (type_name, name) in COMPUTED:
                arguments = self.arguments(graphql_type, field_nodes[0])
                entry = ComputedEntry(key, COMPUTED[(type_name, name)], arguments)
            elif name == "provenance" and issubclass(cls, Sourced):
                entry = ProvenanceEntry(key, self.object_plan("Provenance", field_nodes))
            elif (type_name, name) in RELATED:
                related: Related = RELATED[(type_name, name)]
                arguments = self.arguments(graphql_type, field_nodes[0])
                sub = None if related.target is None else self.object_plan(related.target, field_nodes)
                entry = RelatedEntry(key, related, arguments, sub)
            else:
                raise Unsupported(f"{type_name}.{name}")
            plan.entries.append(entry)
        return plan
