"""The look-ahead executor: one batched query per relation and level, JSON assembled directly.

Strawberry resolves a nested list object by object and field by field; for a page of 100 households
with their members, employment, employers and payments that is thousands of resolver calls for a
handful of rows. Here each level's keys go to the relation in one call, exactly as the DataLoaders
would send them (same relations, same scoped reader, so the same region scope and the same SQL),
and each object is assembled once from its row.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from graphql import FieldNode, GraphQLObjectType, OperationType
from graphql.execution.values import VariableValues, get_variable_values
from strawberry.schema.name_converter import NameConverter

from hub.auth import access
from hub.auth.selections import chosen_operation
from hub.schema.lookahead.plan import Compiler, Plan, Unsupported
from hub.schema.lookahead.relations import LOOKUPS
from hub.schema.node import global_id
from hub.schema.query import Query

if TYPE_CHECKING:
    from graphql import DocumentNode, GraphQLSchema

    from hub.resolvers.context import RequestContext
    from hub.resolvers.reader import Reader

_CONNECTION_FIELDS = frozenset({"totalCount", "pageInfo", "edges", "nodes", "__typename"})
_PAGE_INFO = {"hasNextPage", "hasPreviousPage", "startCursor", "endCursor", "__typename"}


def _root_resolvers() -> dict[str, Any]:
    """GraphQL name → (resolver function, GraphQL argument → Python parameter) of every root field."""
    converter = NameConverter()
    found = {}
    for definition in Query.__strawberry_definition__.fields:
        if definition.base_resolver is None:
            continue
        parameters = {converter.get_graphql_name(a): a.python_name for a in definition.arguments}
        found[converter.get_graphql_name(definition)] = (definition.base_resolver.wrapped_func, parameters)
    return found


_ROOTS = _root_resolvers()


def run_plan(reader: Reader, plan: Plan, rows: list[Any]) -> list[dict[str, Any]]:
    """The response objects of ``rows`` (one per row, in order), fetching each relation once."""
    access.saw(plan.type_name, rows)
    fetched: dict[int, list[Any]] = {}
    for position, entry in enumerate(plan.entries):
        kind = entry[1]
        if kind == "related":
            fetched[position] = _fetch(reader, entry, rows)
        elif kind == "provenance":
            sources = [_provenance(row) for row in rows]
            present = [source for source in sources if source is not None]
            outputs = iter(run_plan(reader, entry[2], present))
            fetched[position] = [None if source is None else next(outputs) for source in sources]
    objects = []
    for index, row in enumerate(rows):
        out: dict[str, Any] = {}
        for position, entry in enumerate(plan.entries):
            key, kind = entry[0], entry[1]
            if kind == "column":
                value = getattr(row, entry[2])
                out[key] = None if value is None else entry[3](value)
            elif kind in ("related", "provenance"):
                out[key] = fetched[position][index]
            elif kind == "id":
                out[key] = global_id(plan.type_name, *(getattr(row, column) for column in entry[2]))
            elif kind == "computed":
                out[key] = entry[2](row, entry[3])
            else:
                out[key] = entry[2]
        objects.append(out)
    return objects


def _provenance(row: Any) -> Any:
    if row.source is None or row.source_table is None or row.source_key is None:
        return None
    return SimpleNamespace(
        source=row.source, table=row.source_table, key=row.source_key, source_updated_at=row.source_updated_at
    )


def _fetch(reader: Reader, entry: tuple[Any, ...], rows: list[Any]) -> list[Any]:
    _, _, related, arguments, sub = entry
    keys = [related.key(row, arguments) for row in rows]
    unique = list(dict.fromkeys(key for key in keys if key is not None))
    found = dict(zip(unique, related.relation.fetch(reader, unique), strict=True)) if unique else {}
    if sub is None:
        return [found.get(key) for key in keys]
    children: dict[int, Any] = {}
    for result in found.values():
        for child in result if related.many else ([] if result is None else [result]):
            children.setdefault(id(child), child)
    outputs = dict(zip(children, run_plan(reader, sub, list(children.values())), strict=True))
    if related.many:
        return [[outputs[id(child)] for child in found.get(key) or ()] for key in keys]
    return [None if found.get(key) is None else outputs[id(found[key])] for key in keys]


def _connection(compiler: Compiler, reader: Reader, nodes: list[FieldNode], result: Any) -> dict[str, Any]:
    page, type_name = result.page, result.type_name
    out: dict[str, Any] = {}
    for key, field_nodes in compiler.collect(compiler.sub_selection(nodes), "").items():
        name = field_nodes[0].name.value
        if name not in _CONNECTION_FIELDS:
            raise Unsupported(f"connection field {name}")
        if name == "totalCount":
            out[key] = page.total()
        elif name == "__typename":
            out[key] = f"{type_name}Connection"
        elif name == "pageInfo":
            out[key] = _page_info(compiler, field_nodes, page)
        elif name == "nodes":
            out[key] = run_plan(reader, compiler.object_plan(type_name, field_nodes), page.rows)
        else:
            out[key] = _edges(compiler, reader, field_nodes, page, type_name)
    return out


def _page_info(compiler: Compiler, nodes: list[FieldNode], page: Any) -> dict[str, Any]:
    rows = page.rows
    values = {
        "hasNextPage": page.has_next,
        "hasPreviousPage": page.has_previous,
        "startCursor": page.cursor(rows[0]) if rows else None,
        "endCursor": page.cursor(rows[-1]) if rows else None,
        "__typename": "PageInfo",
    }
    selected = compiler.collect(compiler.sub_selection(nodes), "PageInfo")
    if any(field_nodes[0].name.value not in _PAGE_INFO for field_nodes in selected.values()):
        raise Unsupported("pageInfo field")
    return {key: values[field_nodes[0].name.value] for key, field_nodes in selected.items()}


def _edges(compiler: Compiler, reader: Reader, nodes: list[FieldNode], page: Any, type_name: str) -> list[Any]:
    selected = compiler.collect(compiler.sub_selection(nodes), f"{type_name}Edge")
    node_fields = [n for field_nodes in selected.values() for n in field_nodes if n.name.value == "node"]
    objects = run_plan(reader, compiler.object_plan(type_name, node_fields), page.rows) if node_fields else []
    edges = []
    for index, row in enumerate(page.rows):
        edge: dict[str, Any] = {}
        for key, field_nodes in selected.items():
            name = field_nodes[0].name.value
            if name == "cursor":
                edge[key] = page.cursor(row)
            elif name == "node":
                edge[key] = objects[index]
            elif name == "__typename":
                edge[key] = f"{type_name}Edge"
            else:
                raise Unsupported(f"edge field {name}")
        edges.append(edge)
    return edges


def execute(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    raw_variables: dict[str, Any] | None,
    context: RequestContext,
) -> dict[str, Any]:
    """The ``data`` of a query operation, or :class:`Unsupported` when it asks for more than plans cover."""
    operation = chosen_operation(document.definitions, operation_name)
    if operation is None or operation.operation != OperationType.QUERY:
        raise Unsupported("not a single query operation")
    variables = get_variable_values(schema, operation.variable_definitions or (), raw_variables or {})
    if not isinstance(variables, VariableValues):
        raise Unsupported("variables that do not coerce")
    fragments = {d.name.value: d for d in document.definitions if d.__class__.__name__ == "FragmentDefinitionNode"}
    compiler = Compiler(schema, fragments, variables)  # type: ignore[arg-type]
    query_type = schema.query_type
    assert isinstance(query_type, GraphQLObjectType)
    reader = context.reader
    data: dict[str, Any] = {}
    for key, nodes in compiler.collect(operation.selection_set, "Query").items():
        name = nodes[0].name.value
        if name == "__typename":
            data[key] = "Query"
            continue
        if name not in query_type.fields:
            raise Unsupported(f"root field {name} (introspection)")
        arguments = compiler.arguments(query_type, nodes[0])
        lookup = LOOKUPS.get(name)
        if lookup is not None:
            natural_key = lookup.normalize(arguments[lookup.argument])
            [row] = lookup.relation.fetch(reader, [natural_key])
            data[key] = None if row is None else run_plan(reader, compiler.object_plan(lookup.target, nodes), [row])[0]
            continue
        resolver = _ROOTS.get(name)
        if resolver is None or not str(query_type.fields[name].type).endswith("Connection!"):
            raise Unsupported(f"root field {name}")
        function, parameters = resolver
        result = function(None, SimpleNamespace(context=context), **{parameters[a]: v for a, v in arguments.items()})
        data[key] = _connection(compiler, reader, nodes, result)
    return data
