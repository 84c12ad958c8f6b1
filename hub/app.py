"""The hub's web app: ``/graphql`` (GraphiQL, GraphQL over GET and POST, authenticated) and ``/healthz``."""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

from graph.store import Store, schema
from graph.store.engine import create_store_engine, is_initialized
from hub.auth.audit import AuditWriter
from hub.auth.documents import TrustedDocuments
from hub.auth.guard import RequireClient
from hub.auth.limits import QueryLimits
from hub.auth.sealing import store_sealer
from hub.resolvers.pages import PageLimits
from hub.schema import build_schema
from hub.settings import Settings
from hub.view import HubGraphQL

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from sqlalchemy import Engine
    from starlette.requests import Request


def _health(engine: Engine) -> JSONResponse:
    try:
        if not is_initialized(engine):
            return JSONResponse({"status": "unavailable", "store": "not migrated; run `hub sync`"}, 503)
        with engine.connect() as connection:
            connection.execute(select(func.count()).select_from(schema.Region.__table__)).scalar_one()
    except SQLAlchemyError as error:
        return JSONResponse({"status": "unavailable", "store": type(error).__name__}, 503)
    return JSONResponse({"status": "ok", "store": "ok"})


def build_app(
    engine: Engine,
    limits: PageLimits,
    *,
    query_limits: QueryLimits | None = None,
    graphiql: bool = True,
    dispose: bool = False,
    lookahead: bool = True,
) -> Starlette:
    """The app over an engine the caller opened (``dispose``: the app closes it on shutdown).

    ``lookahead`` False answers every query through Strawberry alone (to compare the two paths). The
    app's state holds its access-log writer (``state.audit``), drained when the app shuts down.
    """
    audit = AuditWriter(engine)

    async def healthz(_: Request) -> JSONResponse:
        return _health(engine)

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            audit.close()
            if dispose:
                engine.dispose()

    view = HubGraphQL(build_schema(), TrustedDocuments(engine), graphql_ide="graphiql" if graphiql else None)
    query_limits = query_limits or QueryLimits(page_cap=limits.cap, default_page=limits.default)
    graphql = RequireClient(view, engine, limits, query_limits, store_sealer(engine), audit, lookahead=lookahead)
    app = Starlette(
        routes=[Route("/graphql", graphql, methods=["GET", "POST"]), Route("/healthz", healthz)],
        lifespan=lifespan,
    )
    app.state.audit = audit
    return app


def create_app(settings: Settings | None = None) -> Starlette:
    """The app for ``hub serve``: the store at ``HUB_STORE_URL``, already migrated by the parent process."""
    settings = settings or Settings()
    engine = create_store_engine(settings.store_url)
    page = PageLimits(settings.page_size, settings.page_cap)
    query_limits = QueryLimits(
        max_depth=settings.max_depth,
        max_aliases=settings.max_aliases,
        max_cost=settings.max_cost,
        page_cap=settings.page_cap,
        default_page=settings.page_size,
    )
    return build_app(engine, page, query_limits=query_limits, graphiql=settings.graphiql, dispose=True)


def open_store(settings: Settings) -> Store:
    """Open (migrate, load regions) once before serving, so workers never race to migrate."""
    return Store.open(settings.store_url)
