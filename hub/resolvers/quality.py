"""Data quality: conflicts between departments (every assertion kept) and quarantined source rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, tuple_

from hub.resolvers.entities import CONFLICT, CONFLICTS, QUARANTINE, conflicts_in
from hub.resolvers.loaders import Relation, chunks, many_per_key, reading, with_keys

if TYPE_CHECKING:
    from hub.resolvers.reader import Columns, Reader


def _conflicts_of(reader: Reader, keys: list[tuple[str, str]], columns: Columns = None) -> list[Any]:
    """Keys ``(subject_type, subject_key)``: that subject's conflicts, by element and period."""
    columns = with_keys(columns, "subject_type", "subject_key")
    rows: list[Any] = []
    for chunk in chunks(keys):
        statement = reader.select(
            CONFLICT, tuple_(CONFLICTS.c.subject_type, CONFLICTS.c.subject_key).in_(chunk), columns=columns
        ).order_by(CONFLICTS.c.subject_key, CONFLICTS.c.element, CONFLICTS.c.period)
        rows.extend(reader.rows(statement))
    return many_per_key(keys, rows, reading(rows, "subject_type", "subject_key"))


CONFLICTS_OF = Relation("conflicts", _conflicts_of)


@dataclass(frozen=True, slots=True)
class ConflictFilter:
    region_code: str | None = None
    subject_type: str | None = None
    element: str | None = None
    period: str | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.region_code is not None:
            found.append(conflicts_in(self.region_code))
        if self.subject_type is not None:
            found.append(CONFLICTS.c.subject_type == self.subject_type)
        if self.element is not None:
            found.append(CONFLICTS.c.element == self.element)
        if self.period is not None:
            found.append(CONFLICTS.c.period == self.period)
        return found


@dataclass(frozen=True, slots=True)
class QuarantineFilter:
    source: tuple[str, ...] | None = None
    table: str | None = None
    fault: tuple[str, ...] | None = None
    element: str | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.source is not None:
            found.append(QUARANTINE.c.source.in_(self.source))
        if self.table is not None:
            found.append(QUARANTINE.c.source_table == self.table)
        if self.fault is not None:
            found.append(QUARANTINE.c.fault.in_(self.fault))
        if self.element is not None:
            found.append(QUARANTINE.c.element == self.element)
        return found
