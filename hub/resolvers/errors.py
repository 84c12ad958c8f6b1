"""Errors a client caused and can fix: shown to the client as they are, unlike internal failures."""

from __future__ import annotations


class QueryError(ValueError):
    """A bad argument or request: the message names the argument, the bad value and what was expected."""

    def __init__(self, argument: str, value: object, expected: str) -> None:
        super().__init__(f"argument {argument}: {value!r} is not valid; expected {expected}")
        self.argument = argument
        self.value = value
        self.expected = expected
