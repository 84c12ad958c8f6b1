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

from hub.auth.guard import STATE_KEY, is_ide_page

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.websockets import WebSocket
    from strawberry.http import GraphQLHTTPResponse
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
