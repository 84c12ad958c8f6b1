"""Who is asking: the authenticated client as every layer below the HTTP edge sees it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Viewer:
    """A departmental client: its scopes and its region scope (a division-code prefix, "" for all)."""

    name: str
    scopes: frozenset[str]
    region_prefix: str = ""

    def can(self, scope: str) -> bool:
        return scope in self.scopes
