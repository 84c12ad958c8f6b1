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
from hub.auth.guard import RequireClient
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


def build_app(engine: Engine, limits: PageLimits, *, dispose: bool = False, lookahead: bool = True) -> Starlette:
    """The app over an engine the caller opened (``dispose``: the app closes it on shutdown).

    ``lookahead`` False answers every query through Strawberry alone (to compare the two paths).
    """

    async def healthz(_: Request) -> JSONResponse:
        return _health(engine)

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        yield
        if dispose:
            engine.dispose()

    graphql = RequireClient(HubGraphQL(build_schema()), engine, limits, lookahead=lookahead)
    return Starlette(
        routes=[Route("/graphql", graphql, methods=["GET", "POST"]), Route("/healthz", healthz)],
        lifespan=lifespan,
    )


def create_app(settings: Settings | None = None) -> Starlette:
    """The app for ``hub serve``: the store at ``HUB_STORE_URL``, already migrated by the parent process."""
    settings = settings or Settings()
    engine = create_store_engine(settings.store_url)
    return build_app(engine, PageLimits(settings.page_size, settings.page_cap), dispose=True)


def open_store(settings: Settings) -> Store:
    """Open (migrate, load regions) once before serving, so workers never race to migrate."""
    return Store.open(settings.store_url)
