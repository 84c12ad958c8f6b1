"""Relay connections over a page of rows: edges with cursors, nodes, pageInfo and a lazy totalCount."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

import strawberry

from hub.resolvers.pages import Page
from hub.schema.rows import build

T = TypeVar("T")


@strawberry.type(description="Where a page lies in its list (Relay).")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type(description="A node and the cursor to pass as after: to continue after it.")
class Edge(Generic[T]):  # noqa: UP046 - Strawberry resolves Generic[T], not PEP 695 parameters
    cursor: str
    node: T


@strawberry.type(description="One page of a list; page on with first: and after: pageInfo.endCursor.")
class Connection(Generic[T]):  # noqa: UP046 - as Edge
    page: strawberry.Private[Page]
    type_name: strawberry.Private[str]

    @strawberry.field(description="The page's nodes with their cursors.")
    def edges(self) -> list[Edge[T]]:
        return [Edge(cursor=self.page.cursor(row), node=build(self.type_name, row)) for row in self.page.rows]

    @strawberry.field(description="The page's nodes (the edges without cursors).")
    def nodes(self) -> list[T]:
        return [build(self.type_name, row) for row in self.page.rows]

    @strawberry.field(description="Whether more pages follow, and the cursors of this one.")
    def page_info(self) -> PageInfo:
        rows = self.page.rows
        return PageInfo(
            has_next_page=self.page.has_next,
            has_previous_page=self.page.has_previous,
            start_cursor=self.page.cursor(rows[0]) if rows else None,
            end_cursor=self.page.cursor(rows[-1]) if rows else None,
        )

    @strawberry.field(description="How many nodes the whole list has with these filters, on all pages.")
    def total_count(self) -> int:
        return self.page.total()


def connection(page: Page, type_name: str) -> Any:
    return Connection(page=page, type_name=type_name)
