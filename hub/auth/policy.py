"""Which scopes each part of the schema needs, and the check of an operation against a client's scopes.

The policy is declared once, by type: a field returning households (directly, in a list, in a
connection, its count) needs ``registry:read`` wherever in the graph it hangs, so a new relation to an
existing type is covered without anyone remembering to protect it. A few fields need a scope of their
own (a statistic on payments, a mutation). Arguments of the personal-identifier scalars need
``pii:read``: a client that may not see an ID may not probe with one either.

The check walks the validated operation before execution, so a refused operation reads nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    VariableNode,
)

from hub.auth.selections import selected_fields

if TYPE_CHECKING:
    from graphql import GraphQLField, GraphQLInputType, GraphQLNamedType, GraphQLSchema, ValueNode

    from hub.auth.viewer import Viewer

REGISTRY, EMPLOYMENT, PAYMENTS, PII = "registry:read", "employment:read", "payments:read", "pii:read"
FINDINGS_READ, FINDINGS_WRITE, FOLLOWUPS_WRITE = "findings:read", "findings:write", "followups:write"
AUDIT_READ, CLIENTS_ADMIN = "audit:read", "clients:admin"

#: GraphQL object type → the scope needed to receive objects of it (or their connections and counts).
TYPE_SCOPES: dict[str, str] = {
    "Household": REGISTRY,
    "Laborer": REGISTRY,
    "NameSpelling": REGISTRY,
    "Employer": REGISTRY,
    "Workshop": REGISTRY,
    "Conflict": REGISTRY,
    "QuarantineEntry": REGISTRY,
    "Employment": EMPLOYMENT,
    "IncomePoint": EMPLOYMENT,
    "FollowUp": EMPLOYMENT,
    "ReturnEvent": EMPLOYMENT,
    "PublicWelfarePost": EMPLOYMENT,
    "Training": EMPLOYMENT,
    "JobPosting": EMPLOYMENT,
    "RegionStats": EMPLOYMENT,
    "Payment": PAYMENTS,
    "SubsidyTotal": PAYMENTS,
    "Finding": FINDINGS_READ,
    "RuleCount": FINDINGS_READ,
    "AccessLogEntry": AUDIT_READ,
    "Client": CLIENTS_ADMIN,
}

#: (parent type, field) → a scope the field needs beyond its type's.
FIELD_SCOPES: dict[tuple[str, str], str] = {
    ("RegionStats", "subsidiesPaidTotal"): PAYMENTS,
    ("Mutation", "acknowledgeFinding"): FINDINGS_WRITE,
    ("Mutation", "resolveFinding"): FINDINGS_WRITE,
    ("Mutation", "submitFollowUp"): FOLLOWUPS_WRITE,
}

#: Scalars whose values are personal identifiers: as arguments they need ``pii:read``.
PII_SCALARS = frozenset({"CitizenId", "Phone", "BankAccount"})

INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})


def named_type(graphql_type: Any) -> GraphQLNamedType:
    while isinstance(graphql_type, GraphQLNonNull | GraphQLList):
        graphql_type = graphql_type.of_type
    return graphql_type


def type_scope(type_name: str) -> str | None:
    """The scope for objects of ``type_name``, its ``…Connection`` and its ``…Edge``."""
    for suffix in ("Connection", "Edge"):
        if type_name.endswith(suffix) and type_name[: -len(suffix)] in TYPE_SCOPES:
            return TYPE_SCOPES[type_name[: -len(suffix)]]
    return TYPE_SCOPES.get(type_name)


def forbidden(message: str, node: Any, scope: str) -> GraphQLError:
    return GraphQLError(message, node, extensions={"code": "FORBIDDEN", "scope": scope})


@dataclass(slots=True)
class _Walk:
    schema: GraphQLSchema
    viewer: Viewer
    fragments: dict[str, FragmentDefinitionNode]
    variables: dict[str, Any]
    errors: list[GraphQLError]
    refused: set[tuple[str, str]]
    #: queries may not probe with identifiers; a mutation's write scope authorizes naming its subject
    pii_arguments_checked: bool = True

    def refuse(self, what: str, scope: str, node: Any) -> None:
        if (what, scope) in self.refused:
            return
        self.refused.add((what, scope))
        self.errors.append(
            forbidden(f"{what} needs the scope {scope}, which client {self.viewer.name!r} does not hold", node, scope)
        )

    def selection_set(self, selection_set: SelectionSetNode, parent: GraphQLObjectType | Any, seen: frozenset) -> None:
        for node, on_type, entered in selected_fields(self.schema, self.fragments, selection_set, parent, seen):
            self.field(node, on_type, entered)

    def field(self, node: FieldNode, parent: Any, seen: frozenset) -> None:
        name = node.name.value
        if name in INTROSPECTION_FIELDS:
            if not self.viewer.introspection:
                self.errors.append(
                    GraphQLError(
                        f"introspection ({name}) is not enabled for client {self.viewer.name!r}; "
                        "ask the hub's administrator, or use the published schema.graphql",
                        node,
                        extensions={"code": "FORBIDDEN"},
                    )
                )
            return
        definition: GraphQLField | None = getattr(parent, "fields", {}).get(name)
        if definition is None:
            return
        where = f"{parent.name}.{name}"
        extra = FIELD_SCOPES.get((parent.name, name))
        if extra is not None and not self.viewer.can(extra):
            self.refuse(where, extra, node)
        returned = named_type(definition.type)
        scope = type_scope(returned.name)
        if scope is not None and not self.viewer.can(scope):
            self.refuse(f"{where} ({returned.name})", scope, node)
        if self.pii_arguments_checked and not self.viewer.can(PII):
            for argument in node.arguments or ():
                argument_definition = definition.args.get(argument.name.value)
                if argument_definition is not None and self.carries_pii(argument_definition.type, argument.value):
                    self.refuse(f"{where}({argument.name.value}:)", PII, argument)
        if node.selection_set is not None:
            self.selection_set(node.selection_set, returned, seen)

    def carries_pii(self, input_type: GraphQLInputType, value: ValueNode | Any, *, literal: bool = True) -> bool:
        """Whether an argument gives a non-null value of a personal-identifier scalar, at any depth."""
        if literal and isinstance(value, VariableNode):
            return self.carries_pii(input_type, self.variables.get(value.name.value), literal=False)
        if value is None or (literal and value.kind == "null_value"):
            return False
        named = named_type(input_type)
        if isinstance(named, GraphQLScalarType):
            return named.name in PII_SCALARS
        if isinstance(named, GraphQLInputObjectType):
            if literal:
                if value.kind != "object_value":
                    return False
                return any(
                    self.carries_pii(named.fields[f.name.value].type, f.value)
                    for f in value.fields
                    if f.name.value in named.fields
                )
            if not isinstance(value, dict):
                return False
            return any(
                self.carries_pii(named.fields[key].type, item, literal=False)
                for key, item in value.items()
                if key in named.fields
            )
        if literal and value.kind == "list_value":
            return any(self.carries_pii(input_type.of_type, item) for item in value.values)  # type: ignore[union-attr]
        if not literal and isinstance(value, list):
            inner = input_type.of_type if isinstance(input_type, GraphQLNonNull) else input_type
            return any(self.carries_pii(getattr(inner, "of_type", inner), item, literal=False) for item in value)
        return False


def authorize(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: dict[str, FragmentDefinitionNode],
    variables: dict[str, Any] | None,
    viewer: Viewer,
) -> list[GraphQLError]:
    """Every part of ``operation`` the client may not ask for, as errors (empty: it may run)."""
    root = schema.get_root_type(operation.operation)
    walk = _Walk(schema, viewer, fragments, variables or {}, [], set(), operation.operation != OperationType.MUTATION)
    walk.selection_set(operation.selection_set, root, frozenset())
    return walk.errors


def missing_scope(viewer: Viewer, type_name: str) -> str | None:
    """The scope a node of ``type_name`` needs that ``viewer`` lacks, or None when it may be returned."""
    scope = type_scope(type_name)
    return scope if scope is not None and not viewer.can(scope) else None
