"""The access log in the API: the data-tracker view of who looked at a person's data."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

import strawberry

from hub.schema.rows import object_type
from hub.schema.scalars import CitizenId


@object_type
@strawberry.type(description="One client's read of one person's data: who, when, why (the operation), what.")
class AccessLogEntry:
    at: datetime = strawberry.field(description="When the request was answered (UTC).")
    client: str = strawberry.field(description="The departmental client that read it.")
    operation: str | None = strawberry.field(description="The GraphQL operation's name: the reason given.")
    request_id: str = strawberry.field(description="One id per request: the entries of one look share it.")
    citizen_id: CitizenId = strawberry.field(description="Whose data was read.")
    field_groups_text: strawberry.Private[str] = ""
    ROW_COLUMNS: ClassVar[dict[str, str]] = {"field_groups_text": "field_groups"}

    @strawberry.field(description="What was read: registry, employment, payments, findings, audit; pii if unmasked.")
    def field_groups(self) -> list[str]:
        return [group for group in self.field_groups_text.split(",") if group]
