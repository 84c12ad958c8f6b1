"""The look-ahead executor: one batched query per relation and level, JSON assembled directly.

Strawberry resolves a nested list object by object and field by field; for a page of 100 households
with their members, employment, employers and payments that is thousands of resolver calls for a
handful of rows. Here each level's keys go to the relation in one call, exactly as the DataLoaders
would send them (same relations, same scoped reader, so the same region scope and the same
conditions), naming the columns the level reads so that only those are selected. A level is then
answered a column at a time (each entry of the plan turns the level's rows into the values of its
response key, read by position) and each object is one ``dict(zip(keys, values))``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, islice, repeat
from operator import itemgetter
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, assert_never

from graphql import FieldNode, GraphQLObjectType, OperationType
from graphql.execution.values import VariableValues, get_variable_values
from strawberry.schema.name_converter import NameConverter

from hub.auth import access
from hub.auth.selections import chosen_operation
from hub.schema.lookahead.plan import (
    PROVENANCE_COLUMNS,
    PROVENANCE_INDEX,
    ColumnEntry,
    Compiler,
    ComputedEntry,
    Entry,
    IdEntry,
    Plan,
    ProvenanceEntry,
    RelatedEntry,
    Unsupported,
    ValueEntry,
)
from hub.schema.lookahead.relations import LOOKUPS, Related
from hub.schema.node import global_id
from hub.schema.query import Query

if TYPE_CHECKING:
    from collections.abc import Sequence

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


@dataclass(frozen=True, slots=True)
class Level:
    """The rows of one level (result rows, or tuples) and each column's position in them."""

    rows: Sequence[Sequence[Any]]
    index: dict[str, int]

    @classmethod
    def of(cls, rows: Sequence[Any]) -> Level:
        """Result rows that select the same columns, as one relation's do (a SQLAlchemy row names its ``_fields``)."""
        return cls(rows, {name: position for position, name in enumerate(rows[0]._fields)} if rows else {})

    def column(self, name: str) -> list[Any]:
        return list(map(itemgetter(self.index[name]), self.rows))


def run_plan(reader: Reader, plan: Plan, level: Level) -> list[dict[str, Any]]:
    """The response objects of the level's rows (one per row, in order), fetching each relation once."""
    if not level.rows:
        return []
    access.saw(plan.type_name, level.rows, level.index)
    columns = [_values(reader, entry, level) for entry in plan.entries]
    if not columns:
        return [{} for _ in level.rows]
    return list(map(object_maker(plan.keys), *columns))


@lru_cache(maxsize=1024)
def object_maker(keys: tuple[str, ...]) -> Callable[..., dict[str, Any]]:
    """A function of one object's values, in ``keys`` order, returning the object: ``{keys[0]: v0, ...}``.

    Generated as ``namedtuple`` and ``dataclasses`` generate theirs: a dict display builds an object in
    half the time ``dict(zip(keys, values))`` takes, and this runs once per response object. The keys
    are written as literals (``repr``), the values are positional parameters: nothing else is code.
    """
    parameters = ", ".join(f"v{position}" for position in range(len(keys)))
    items = ", ".join(f"{key!r}: v{position}" for position, key in enumerate(keys))
    return eval(f"lambda {parameters}: {{{items}}}")


def _values(reader: Reader, entry: Entry, level: Level) -> list[Any]:
    """The values of one response key for every row of the level."""
    match entry:
        case ColumnEntry():
            return entry.serialize(level.column(entry.column))
        case RelatedEntry():
            return _related(reader, entry, level)
        case IdEntry():
            parts = [level.column(column) for column in entry.reads]
            return [global_id(entry.type_name, *key) for key in zip(*parts, strict=True)]
        case ComputedEntry():
            parts = [level.column(column) for column in entry.reads]
            value, arguments = entry.computed.value, entry.arguments
            return [value(*values, arguments) for values in zip(*parts, strict=True)]
        case ProvenanceEntry():
            return _provenance(reader, entry, level)
        case ValueEntry():
            return [entry.value] * len(level.rows)
    assert_never(entry)


def _provenance(reader: Reader, entry: ProvenanceEntry, level: Level) -> list[Any]:
    """A row's provenance object, or None when it names no source row (as ``Sourced.provenance``)."""
    statements = list(zip(*(level.column(column) for column in PROVENANCE_COLUMNS), strict=True))
    present = [s for s in statements if s[0] is not None and s[1] is not None and s[2] is not None]
    outputs = iter(run_plan(reader, entry.plan, Level(present, PROVENANCE_INDEX)))
    return [None if s[0] is None or s[1] is None or s[2] is None else next(outputs) for s in statements]


def _related(reader: Reader, entry: RelatedEntry, level: Level) -> list[Any]:
    """Each row's related object(s): the level's distinct keys in one fetch, all their rows one level below.

    The rows of every key are planned together (one level, one pass per column) and handed back to
    the keys in order; parents sharing a key share its answer.
    """
    related, sub = entry.related, entry.plan
    keys = _keys(related, entry.arguments, level)
    distinct = dict.fromkeys(keys)
    distinct.pop(None, None)
    unique = list(distinct)
    columns = None if sub is None else sub.columns
    found = dict(zip(unique, related.relation.fetch(reader, unique, columns), strict=True)) if unique else {}
    if sub is None:
        return list(map(found.get, keys))
    if related.many:
        groups = [group or () for group in found.values()]
        objects = iter(run_plan(reader, sub, Level.of(list(chain.from_iterable(groups)))))
        answers = dict(zip(found, map(list, map(islice, repeat(objects), map(len, groups))), strict=True))
        answers[None] = []  # a parent without a key has none
        return list(map(answers.__getitem__, keys))
    present = [key for key, row in found.items() if row is not None]
    answers = dict(zip(present, run_plan(reader, sub, Level.of([found[key] for key in present])), strict=True))
    return list(map(answers.get, keys))


def _keys(related: Related, arguments: dict[str, Any], level: Level) -> list[Any]:
    """Each row's key for ``related``: its column's value, or a tuple of its columns' values and the arguments'."""
    parts = [level.column(column) for column in related.reads]
    if related.arguments is None:
        return parts[0]
    suffix = related.arguments(arguments)
    return [values + suffix for values in zip(*parts, strict=True)]


def _connection(compiler: Compiler, reader: Reader, nodes: list[FieldNode], result: Any) -> dict[str, Any]:
    page, type_name = result.page, result.type_name
    selected = compiler.collect(compiler.sub_selection(nodes), "")
    plans = {key: _node_plan(compiler, type_name, field_nodes) for key, field_nodes in selected.items()}
    page.narrow(frozenset().union(*(plan.columns for plan in plans.values() if plan is not None)))
    out: dict[str, Any] = {}
    for key, field_nodes in selected.items():
        name = field_nodes[0].name.value
        if name == "totalCount":
            out[key] = page.total()
        elif name == "__typename":
            out[key] = f"{type_name}Connection"
        elif name == "pageInfo":
            out[key] = _page_info(compiler, field_nodes, page)
        elif name == "nodes":
            out[key] = run_plan(reader, plans[key], Level.of(page.rows))
        else:
            out[key] = _edges(compiler, reader, field_nodes, page, type_name, plans[key])
    return out


def _node_plan(compiler: Compiler, type_name: str, nodes: list[FieldNode]) -> Plan | None:
    """The plan of the page's nodes a connection field shows (``nodes``, or ``edges``' ``node``), if any."""
    name = nodes[0].name.value
    if name not in _CONNECTION_FIELDS:
        raise Unsupported(f"connection field {name}")
    if name == "nodes":
        return compiler.object_plan(type_name, nodes)
    if name != "edges":
        return None
    selected = compiler.collect(compiler.sub_selection(nodes), f"{type_name}Edge")
    node_fields = [n for field_nodes in selected.values() for n in field_nodes if n.name.value == "node"]
    return compiler.object_plan(type_name, node_fields) if node_fields else None


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


def _edges(
    compiler: Compiler, reader: Reader, nodes: list[FieldNode], page: Any, type_name: str, plan: Plan | None
) -> list[Any]:
    selected = compiler.collect(compiler.sub_selection(nodes), f"{type_name}Edge")
    objects = [] if plan is None else run_plan(reader, plan, Level.of(page.rows))
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
            plan = compiler.object_plan(lookup.target, nodes)
            [row] = lookup.relation.fetch(reader, [natural_key], plan.columns)
            data[key] = None if row is None else run_plan(reader, plan, Level.of([row]))[0]
            continue
        resolver = _ROOTS.get(name)
        if resolver is None or not str(query_type.fields[name].type).endswith("Connection!"):
            raise Unsupported(f"root field {name}")
        function, parameters = resolver
        result = function(None, SimpleNamespace(context=context), **{parameters[a]: v for a, v in arguments.items()})
        data[key] = _connection(compiler, reader, nodes, result)
    return data
