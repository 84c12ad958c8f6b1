"""Say which argument a bad literal was given to: ``argument period: Expected value of type 'Period' …``.

graphql-core reports a literal that a scalar refuses (``period: "2024/05"``) by its position only; a
client reading the message should not have to count columns to find the argument to fix.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import ArgumentNode, GraphQLError, ValidationContext
from graphql.validation.rules.values_of_correct_type import ValuesOfCorrectTypeRule
from strawberry.extensions import SchemaExtension


class NamedValuesOfCorrectTypeRule(ValuesOfCorrectTypeRule):
    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        self._arguments: list[str] = []

    def enter_argument(self, node: ArgumentNode, *_args: Any) -> None:
        self._arguments.append(node.name.value)

    def leave_argument(self, node: ArgumentNode, *_args: Any) -> None:
        self._arguments.pop()

    def report_error(self, error: GraphQLError) -> None:
        if self._arguments:
            error = GraphQLError(
                f"argument {self._arguments[-1]}: {error.message}", error.nodes, original_error=error.original_error
            )
        super().report_error(error)


class NameArgumentsInErrors(SchemaExtension):
    """Validate with :class:`NamedValuesOfCorrectTypeRule` in place of graphql-core's rule (list it first)."""

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        context.validation_rules = tuple(
            NamedValuesOfCorrectTypeRule if rule is ValuesOfCorrectTypeRule else rule
            for rule in context.validation_rules
        )
        yield
