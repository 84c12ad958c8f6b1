"""GraphQL over HTTP: Strawberry's view with the spec's media types and status codes.

A client accepting ``application/graphql-response+json`` gets that type, and 400 when the request
could not be executed at all (a syntax or validation error); a client accepting ``application/json``
(the legacy type) gets 200 for every well-formed request, errors in the body. A client that accepts
neither gets 406.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cross_web import HTTPException
from starlette.responses import Response
from strawberry.asgi import GraphQL

from hub.auth.access import current
from hub.auth.documents import TrustedDocuments, persisted_hash
from hub.auth.guard import STATE_KEY, is_ide_page

if TYPE_CHECKING:
    from cross_web import AsyncHTTPRequestAdapter
    from starlette.requests import Request
    from starlette.websockets import WebSocket
    from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
    from strawberry.types import ExecutionResult

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"


def response_type(accept: str) -> str | None:
    """The media type to answer with, or None when the client accepts neither JSON type."""
    if not accept or GRAPHQL_RESPONSE in accept:
        return GRAPHQL_RESPONSE if accept else JSON
    if JSON in accept or "*/*" in accept or "application/*" in accept:
        return JSON
    return None


class HubGraphQL(GraphQL[Any, None]):
    def __init__(self, schema: Any, documents: TrustedDocuments, **options: Any) -> None:
        super().__init__(schema, **options)
        self.documents = documents

    async def parse_http_body(self, request: AsyncHTTPRequestAdapter) -> GraphQLRequestData | list[GraphQLRequestData]:
        """The request, its document looked up when sent by hash; a trusted-only client's checked before parsing."""
        data = await super().parse_http_body(request)
        if isinstance(data, list):
            return data
        if data.query is None and (digest := persisted_hash(data.extensions)) is not None:
            data.query = self.documents.text(digest)
            if data.query is None:
                raise HTTPException(400, f"PersistedQueryNotFound: no registered document has the hash {digest}")
        access = current()
        trusted_only = access is not None and access.viewer.trusted_only
        if trusted_only and (data.query is None or not self.documents.is_trusted(data.query)):
            raise HTTPException(
                403,
                f"client {access.viewer.name!r} may run registered operations only, and this document is not "  # type: ignore[union-attr]
                "one; register it with `hub documents add FILE`",
            )
        return data

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> Any:
        return request.scope.get("state", {}).get(STATE_KEY)

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        sub_response = await super().get_sub_response(request)
        media_type = response_type(request.headers.get("accept", ""))
        if media_type is None and request.scope["method"] in ("GET", "POST") and not is_ide_page(request.scope):
            raise HTTPException(406, f"Not Acceptable: expected Accept to include {GRAPHQL_RESPONSE} or {JSON}")
        sub_response.media_type = media_type
        return sub_response

    async def execute_single(self, *args: Any, **kwargs: Any) -> ExecutionResult:
        result = await super().execute_single(*args, **kwargs)
        sub_response: Response = kwargs["sub_response"]
        if result.data is None and result.errors and sub_response.media_type == GRAPHQL_RESPONSE:
            sub_response.status_code = 400
        return result

    def create_response(
        self, response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse], sub_response: Response
    ) -> Response:
        return Response(
            self.encode_json(response_data),
            status_code=sub_response.status_code or 200,
            media_type=sub_response.media_type or JSON,
        )
