"""Errors a client caused and can fix: shown to the client as they are, unlike internal failures."""

from __future__ import annotations


class QueryError(ValueError):
    """A bad argument or request: the message names the argument, the bad value and what was expected."""

    def __init__(self, argument: str, value: object, expected: str) -> None:
        super().__init__(f"argument {argument}: {value!r} is not valid; expected {expected}")
        self.argument = argument
        self.value = value
        self.expected = expected


class Forbidden(QueryError):
    """The client's scopes do not cover what it asked for (found only at run time, e.g. a node's type)."""

    def __init__(self, what: str, scope: str, client: str) -> None:
        ValueError.__init__(self, f"{what} needs the scope {scope}, which client {client!r} does not hold")
        self.extensions = {"code": "FORBIDDEN", "scope": scope}
