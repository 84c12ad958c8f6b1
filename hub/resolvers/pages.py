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
from hub.resolvers.loaders import with_keys

if TYPE_CHECKING:
    from hub.resolvers.entities import Entity
    from hub.resolvers.reader import Columns, Reader


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
    """One page of rows, and what is needed to answer ``pageInfo`` and ``totalCount`` on demand.

    The rows are fetched when first read, so that a reader that needs only some of their columns
    (the look-ahead executor) can say so first (:meth:`narrow`); until then every column is selected.
    """

    entity: Entity
    reader: Reader
    conditions: tuple[ColumnElement[bool], ...]
    request: PageRequest
    #: the key the page starts after (the decoded cursor), if any
    after: tuple[object, ...] | None
    columns: Columns = None
    _fetched: tuple[list[Row[Any]], bool] | None = None

    @property
    def rows(self) -> list[Row[Any]]:
        return self._fetch()[0]

    @property
    def has_next(self) -> bool:
        return self._fetch()[1]

    @property
    def has_previous(self) -> bool:
        return self.after is not None

    def narrow(self, columns: Columns) -> None:
        """Select only ``columns`` (and the key, for cursors) when the rows are fetched."""
        if self._fetched is not None:
            raise RuntimeError("the page's rows were already fetched")
        self.columns = columns

    def cursor(self, row: object) -> str:
        return encode_cursor(self.entity, self.entity.key_of(row))

    def total(self) -> int:
        """Every visible row meeting the list's filters, on every page together."""
        statement = (
            select(func.count()).select_from(self.entity.table).where(self.reader.scope(self.entity), *self.conditions)
        )
        return int(self.reader.scalar(statement))

    def _fetch(self) -> tuple[list[Row[Any]], bool]:
        """The page's rows after the cursor in key order, and whether more follow: one query, run once."""
        if self._fetched is None:
            entity, first = self.entity, self.request.first
            keys = [entity.table.c[name] for name in entity.key]
            columns = with_keys(self.columns, *entity.key)
            statement = self.reader.select(entity, *self.conditions, columns=columns)
            if self.after is not None:
                after = keys[0] > self.after[0] if len(keys) == 1 else tuple_(*keys) > tuple_(*self.after)
                statement = statement.where(after)
            rows = list(self.reader.rows(statement.order_by(*keys).limit(first + 1)))
            self._fetched = (rows[:first], len(rows) > first)
        return self._fetched


def fetch_page(reader: Reader, entity: Entity, conditions: Sequence[ColumnElement[bool]], request: PageRequest) -> Page:
    """The page of ``entity`` meeting ``conditions`` after the cursor, in key order (fetched when first read).

    The cursor is checked here, so a bad one is refused by the list's own field.
    """
    after = None if request.after is None else decode_cursor(entity, request.after)
    return Page(entity=entity, reader=reader, conditions=tuple(conditions), request=request, after=after)
