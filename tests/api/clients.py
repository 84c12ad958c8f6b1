"""Clients made for one test: unique names on the shared store, any scopes, region and flags."""

from __future__ import annotations

import itertools
import time
from typing import Any

from sqlalchemy import select

from graph.store import schema
from hub.auth.clients import add_client
from tests.api.conftest import Hub

_numbers = itertools.count(1)
ACCESS_LOG = schema.AccessLogEntry.__table__


def new_client(hub: Hub, scopes: str, region: str = "", **flags: bool) -> tuple[str, str]:
    """``(name, key)`` of a fresh client of ``hub``'s store."""
    name = f"client-{next(_numbers)}-{time.monotonic_ns()}"
    return name, add_client(hub.engine, name, scopes, region, **flags)


def access_log(hub: Hub, client: str, *, expected: int | None = None, timeout: float = 10) -> list[Any]:
    """The access-log rows of ``client``; waits for ``expected`` rows (the log is written in the background)."""
    if expected is None:
        time.sleep(0.6)  # the writer flushes every 0.2 s: anything this request logged is in by now
    deadline = time.monotonic() + timeout
    while True:
        with hub.engine.connect() as connection:
            rows = connection.execute(
                select(ACCESS_LOG).where(ACCESS_LOG.c.client == client).order_by(ACCESS_LOG.c.id)
            ).all()
        if expected is None or len(rows) >= expected or time.monotonic() > deadline:
            return list(rows)
        time.sleep(0.05)
