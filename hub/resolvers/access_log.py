"""The access log as a list: who read a person's data, when, and by which operation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement

from hub.resolvers.entities import Entity, T, citizen_in

ACCESS_LOG = T["access_log"]

#: An entry lies where its person lies: a county's system sees the log of its own people only.
ACCESS_ENTRY = Entity("AccessLogEntry", ACCESS_LOG, ("id",), lambda p: citizen_in(ACCESS_LOG.c.citizen_id, p))


@dataclass(frozen=True, slots=True)
class AccessLogFilter:
    citizen_id: str
    client: str | None = None
    since: datetime | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = [ACCESS_LOG.c.citizen_id == self.citizen_id]
        if self.client is not None:
            found.append(ACCESS_LOG.c.client == self.client)
        if self.since is not None:
            found.append(ACCESS_LOG.c.at >= self.since)
        return found
