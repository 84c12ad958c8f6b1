"""A real hub over real HTTP: uvicorn serving the app in a thread, on SQLite and PostgreSQL stores."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import uvicorn
from sqlalchemy import Engine, event

from graph.store import Store
from hub.app import build_app
from hub.auth.audit import AUDIT_THREAD
from hub.auth.clients import add_client
from hub.auth.limits import QueryLimits
from hub.auth.scopes import SCOPES
from hub.resolvers.pages import PageLimits
from tests.api.data import populate
from tests.support.postgres import create_database
from tests.support.sources import SourceSet

ALL_SCOPES = ",".join(SCOPES)


@dataclass
class Hub:
    """A served hub: its URL, a key for an all-seeing client, and its store's engine."""

    url: str
    key: str
    engine: Engine

    def post(
        self, query: str, variables: dict[str, Any] | None = None, *, key: str | None = None, **headers: str
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {key or self.key}", **headers}
        body: dict[str, Any] = {"query": query}
        if variables is not None:
            body["variables"] = variables
        return httpx.post(f"{self.url}/graphql", json=body, headers=headers, timeout=120)

    def query(self, query: str, variables: dict[str, Any] | None = None, *, key: str | None = None) -> Any:
        """The data of a query that must succeed."""
        response = self.post(query, variables, key=key)
        assert response.status_code == 200, response.text
        payload = response.json()
        assert "errors" not in payload, payload["errors"]
        return payload["data"]

    def errors(self, query: str, variables: dict[str, Any] | None = None) -> list[str]:
        response = self.post(query, variables)
        payload = response.json()
        assert payload.get("errors"), f"expected errors, got {payload}"
        return [error["message"] for error in payload["errors"]]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Servers:
    """uvicorn servers in threads: ``servers(engine, limits)`` starts one and returns its URL."""

    def __init__(self) -> None:
        self._running: dict[str, tuple[uvicorn.Server, threading.Thread]] = {}

    def __call__(
        self,
        engine: Engine,
        limits: PageLimits | None,
        *,
        lookahead: bool = True,
        query_limits: QueryLimits | None = None,
        graphiql: bool = True,
    ) -> str:
        port = _free_port()
        app = build_app(
            engine, limits or PageLimits(), lookahead=lookahead, query_limits=query_limits, graphiql=graphiql
        )
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 30
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                pytest.fail("uvicorn did not start within 30 s")
            time.sleep(0.01)
        url = f"http://127.0.0.1:{port}"
        self._running[url] = (server, thread)
        return url

    def stop(self, url: str) -> None:
        """Stop a server, so that no request still holds a connection when its engine is disposed."""
        server, thread = self._running.pop(url)
        server.should_exit = True
        thread.join(timeout=30)

    def stop_all(self) -> None:
        for url in list(self._running):
            self.stop(url)


@pytest.fixture(scope="session")
def serve() -> Iterator[Servers]:
    """Starts uvicorn for an engine; every server still running is stopped at the end of the session."""
    servers = Servers()
    yield servers
    servers.stop_all()


def _hub(url: str, serve: Servers) -> Iterator[Hub]:
    store = Store.open(url)
    populate(store.engine)
    key = add_client(store.engine, "test-all", ALL_SCOPES, introspection=True)
    served = serve(store.engine, PageLimits(default=2, cap=3))
    yield Hub(served, key, store.engine)
    serve.stop(served)
    store.close()


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def hub(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, serve: Servers) -> Iterator[Hub]:
    """The small hand-made store, served with a page cap of 3 (default page 2) so paging is exercised."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'store.db'}"
    else:
        url = create_database(request.getfixturevalue("postgres_base_url"), "api")
    yield from _hub(url, serve)


@contextmanager
def statements_of(engine: Engine) -> Iterator[list[str]]:
    """The SQL statements requests run on ``engine`` meanwhile (the server shares it).

    The access-log writer's statements are left out: it writes in the background, whenever it flushes,
    so they belong to no request in particular.
    """
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if threading.current_thread().name != AUDIT_THREAD:
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


@pytest.fixture
def statements(hub: Hub) -> Iterator[list[str]]:
    """The SQL statements the store runs for requests while the test runs."""
    with statements_of(hub.engine) as seen:
        yield seen


@pytest.fixture(scope="session")
def county(county_sources: SourceSet) -> SourceSet:
    """The session's generated county (seed 7), shared by the slow tests."""
    return county_sources
