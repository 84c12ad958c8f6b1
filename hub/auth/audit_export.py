"""Reading the access log back, in time order, streamed (it grows with every request)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from hub.auth.audit import ACCESS_LOG

if TYPE_CHECKING:
    from sqlalchemy import Engine


@dataclass(frozen=True, slots=True)
class AuditQuery:
    citizen_id: str | None = None
    client: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def read_access_log(engine: Engine, query: AuditQuery) -> Iterator[dict[str, Any]]:
    """Entries matching ``query``, oldest first, as plain values (``at`` in ISO 8601)."""
    statement = select(ACCESS_LOG).order_by(ACCESS_LOG.c.id)
    if query.citizen_id is not None:
        statement = statement.where(ACCESS_LOG.c.citizen_id == query.citizen_id)
    if query.client is not None:
        statement = statement.where(ACCESS_LOG.c.client == query.client)
    if query.since is not None:
        statement = statement.where(ACCESS_LOG.c.at >= query.since)
    if query.until is not None:
        statement = statement.where(ACCESS_LOG.c.at < query.until)
    with engine.connect() as connection:
        for row in connection.execution_options(yield_per=5000).execute(statement):
            yield {
                "at": row.at.isoformat(),
                "client": row.client,
                "operation": row.operation,
                "request_id": row.request_id,
                "citizen_id": row.citizen_id,
                "field_groups": row.field_groups,
            }
