"""The authentication edge of ``/graphql``: no valid key, no context, nothing read.

It authenticates the request, opens the request context (a connection scoped to the client's region,
its DataLoaders, its access: masking, sealing, the audit trail) for the GraphQL view, and closes it when
the response is sent, handing the trail to the access-log writer. Only the GraphiQL page
(a browser's GET without a query) is served without a key: the page itself reads nothing, and every
query it sends needs the key in its headers.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING
from urllib.parse import parse_qs

from hub.auth.access import Access, serving
from hub.auth.audit import now
from hub.auth.clients import Unauthenticated, authenticate
from hub.resolvers.context import RequestContext
from hub.resolvers.reader import Reader

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from starlette.types import ASGIApp, Receive, Scope, Send

    from hub.auth.audit import AuditWriter
    from hub.auth.limits import QueryLimits
    from hub.auth.sealing import Sealer
    from hub.resolvers.pages import PageLimits

STATE_KEY = "hub_context"


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return value.decode("latin-1")
    return None


def is_ide_page(scope: Scope) -> bool:
    """A browser asking for the GraphiQL page: a GET accepting HTML, with no query to run."""
    if scope["method"] != "GET" or "query" in parse_qs(scope.get("query_string", b"").decode("latin-1")):
        return False
    return "text/html" in (_header(scope, b"accept") or "")


async def unauthorized(send: Send, message: str) -> None:
    body = json.dumps({"errors": [{"message": message}]}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 401,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"www-authenticate", b'Bearer realm="hub"'),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class RequireClient:
    """ASGI wrapper around the GraphQL view: authenticate, hand it a request context, close it after."""

    def __init__(
        self,
        app: ASGIApp,
        engine: Engine,
        limits: PageLimits,
        query_limits: QueryLimits,
        sealer: Sealer,
        audit: AuditWriter,
        *,
        lookahead: bool = True,
    ) -> None:
        self.app = app
        self.engine = engine
        self.limits = limits
        self.query_limits = query_limits
        self.sealer = sealer
        self.audit = audit
        self.lookahead = lookahead

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            raise RuntimeError(f"/graphql serves HTTP only; got a {scope['type']} connection")
        if is_ide_page(scope):
            await self.app(scope, receive, send)
            return
        reader = Reader(self.engine)
        try:
            viewer = authenticate(reader.connection, _header(scope, b"authorization"))
        except Unauthenticated as error:
            reader.close()
            await unauthorized(send, str(error))
            return
        reader.region_prefix = viewer.region_prefix
        access = Access(viewer, self.sealer)
        context = RequestContext(access, reader, self.limits, self.query_limits, self.lookahead)
        scope.setdefault("state", {})[STATE_KEY] = context
        try:
            with serving(access):
                await self.app(scope, receive, send)
        finally:
            context.close()
            self.audit.submit(access.trail.entries(viewer.name, access.operation, now()))
