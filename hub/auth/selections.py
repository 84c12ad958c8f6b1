"""The operation a request runs and the fields it selects, level by level, through fragments."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from graphql import FieldNode, InlineFragmentNode, OperationDefinitionNode

if TYPE_CHECKING:
    from graphql import DefinitionNode, FragmentDefinitionNode, GraphQLSchema, SelectionSetNode


def selected_fields(
    schema: GraphQLSchema,
    fragments: dict[str, FragmentDefinitionNode],
    selection_set: SelectionSetNode,
    parent: Any,
    seen: frozenset[str] = frozenset(),
) -> Iterator[tuple[FieldNode, Any, frozenset[str]]]:
    """``(field, the type it is selected on, fragments already entered)`` for one level of a selection.

    Inline fragments and fragment spreads are entered (a spread once per path: validation has refused
    cycles already, this only keeps a hand-made document from looping).
    """
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            yield selection, parent, seen
        elif isinstance(selection, InlineFragmentNode):
            condition = selection.type_condition
            target = schema.get_type(condition.name.value) if condition else parent
            yield from selected_fields(schema, fragments, selection.selection_set, target, seen)
        else:
            name = selection.name.value
            fragment = fragments.get(name)
            if fragment is not None and name not in seen:
                target = schema.get_type(fragment.type_condition.name.value)
                yield from selected_fields(schema, fragments, fragment.selection_set, target, seen | {name})


def chosen_operation(definitions: Sequence[DefinitionNode], name: str | None) -> OperationDefinitionNode | None:
    """The operation ``name`` picks (the only one when None), or None when there is none or the choice is ambiguous."""
    operations = [d for d in definitions if isinstance(d, OperationDefinitionNode)]
    if name is None:
        return operations[0] if len(operations) == 1 else None
    return next((o for o in operations if o.name is not None and o.name.value == name), None)
