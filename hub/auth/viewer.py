"""Who is asking: the authenticated client as every layer below the HTTP edge sees it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Viewer:
    """A departmental client: its scopes and its region scope (a division-code prefix, "" for all).

    ``introspection`` lets it read the schema through GraphQL (and so use GraphiQL); ``trusted_only``
    holds it to the registered operations (trusted documents).
    """

    name: str
    scopes: frozenset[str]
    region_prefix: str = ""
    introspection: bool = False
    trusted_only: bool = False

    def can(self, scope: str) -> bool:
        return scope in self.scopes
