"""Departmental clients as the API shows them to an administrator (never a key or its hash)."""

from __future__ import annotations

from datetime import datetime

import strawberry

from hub.auth.clients import ClientInfo, list_clients


@strawberry.type(description="A departmental system allowed to query the hub: what it may see, and its key history.")
class Client:
    name: str
    scopes: list[str]
    region_prefix: str = strawberry.field(description="Its region scope ('' = the whole province).")
    introspection: bool = strawberry.field(description="May read the schema through GraphQL (GraphiQL).")
    trusted_only: bool = strawberry.field(description="May run registered operations (trusted documents) only.")
    created_at: datetime
    rotated_at: datetime | None
    revoked_at: datetime | None

    @classmethod
    def of(cls, info: ClientInfo) -> Client:
        return cls(
            name=info.name,
            scopes=list(info.scopes),
            region_prefix=info.region_prefix,
            introspection=info.introspection,
            trusted_only=info.trusted_only,
            created_at=info.created_at,
            rotated_at=info.rotated_at,
            revoked_at=info.revoked_at,
        )


def all_clients(info: strawberry.Info) -> list[Client]:
    return [Client.of(found) for found in list_clients(info.context.reader.engine)]
