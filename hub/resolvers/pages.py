"""Relay-style pages over any entity: keyset cursors on the natural key, a hard cap, a lazy total.

A cursor is the last row's key (sealed: a laborer's key is a citizen ID), so a page boundary stays put
while a sync inserts rows elsewhere, and deep pages cost what the first one does (no OFFSET scan).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Date, Row, func, select, tuple_

from hub.auth.access import sealer
from hub.resolvers.errors import QueryError

if TYPE_CHECKING:
    from hub.resolvers.entities import Entity
    from hub.resolvers.reader import Reader


@dataclass(frozen=True, slots=True)
class PageRequest:
    first: int
    after: str | None


@dataclass(frozen=True, slots=True)
class PageLimits:
    """``cap`` is the most rows one page may ask for; ``default`` what ``first`` means when omitted."""

    default: int = 20
    cap: int = 100

    def request(self, first: int | None, after: str | None) -> PageRequest:
        size = self.default if first is None else first
        if size < 0:
            raise QueryError("first", size, "a page size from 0 up")
        if size > self.cap:
            raise QueryError(
                "first", size, f"at most {self.cap} (the page cap); ask for {self.cap} and follow pageInfo.endCursor"
            )
        return PageRequest(size, after)


def encode_cursor(entity: Entity, key: Sequence[object]) -> str:
    plain = [value.isoformat() if isinstance(value, date) else value for value in key]
    return sealer().seal(f"{entity.name}:{json.dumps(plain, ensure_ascii=False)}")


def decode_cursor(entity: Entity, cursor: str) -> tuple[object, ...]:
    """The key a cursor stands for; anything that is not one of this list's cursors is refused."""
    expected = f"a cursor from this {entity.name} list (an edge's cursor or pageInfo.endCursor)"
    name, _, text = (sealer().open(cursor) or "").partition(":")
    if name != entity.name:
        raise QueryError("after", cursor, expected)
    try:
        values = json.loads(text)
    except ValueError:
        raise QueryError("after", cursor, expected) from None
    if not isinstance(values, list) or len(values) != len(entity.key):
        raise QueryError("after", cursor, expected)
    key: list[object] = []
    for name, value in zip(entity.key, values, strict=True):
        column = entity.table.c[name]
        if isinstance(column.type, Date):
            try:
                value = date.fromisoformat(value)
            except (TypeError, ValueError):
                raise QueryError("after", cursor, expected) from None
        elif not isinstance(value, str | int):
            raise QueryError("after", cursor, expected)
        key.append(value)
    return tuple(key)


@dataclass(slots=True)
class Page:
    """One page of rows and what is needed to answer ``pageInfo`` and ``totalCount`` on demand."""

    entity: Entity
    rows: list[Row[Any]]
    has_next: bool
    has_previous: bool
    reader: Reader
    conditions: tuple[ColumnElement[bool], ...]

    def cursor(self, row: object) -> str:
        return encode_cursor(self.entity, self.entity.key_of(row))

    def total(self) -> int:
        """Every visible row meeting the list's filters, on every page together."""
        statement = (
            select(func.count()).select_from(self.entity.table).where(self.reader.scope(self.entity), *self.conditions)
        )
        return int(self.reader.scalar(statement))


def fetch_page(reader: Reader, entity: Entity, conditions: Sequence[ColumnElement[bool]], request: PageRequest) -> Page:
    """The rows of ``entity`` meeting ``conditions`` after the cursor, in key order, one query."""
    columns = [entity.table.c[name] for name in entity.key]
    statement = reader.select(entity, *conditions)
    if request.after is not None:
        after = decode_cursor(entity, request.after)
        if len(columns) == 1:
            statement = statement.where(columns[0] > after[0])
        else:
            statement = statement.where(tuple_(*columns) > tuple_(*after))
    rows = list(reader.rows(statement.order_by(*columns).limit(request.first + 1)))
    return Page(
        entity=entity,
        rows=rows[: request.first],
        has_next=len(rows) > request.first,
        has_previous=request.after is not None,
        reader=reader,
        conditions=tuple(conditions),
    )
