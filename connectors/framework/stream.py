"""Declarative streams: a source table's name, key, cursor and schema, and how its rows map to the caliber.

A stream reads raw rows (always read-only), in cursor order, in batches; ``map`` turns one raw row into
unified records or a :class:`~graph.records.Rejection`. Keeping the two apart lets the contract kit check
reading and mapping separately.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from graph.caliber import Invalid
from graph.records import Provenance, Record, Rejection

JSONType = str  # "string" | "integer" | "number" | "date" | ...


@dataclass(frozen=True, slots=True)
class Column:
    """One declared column of a source table: its name, JSON-schema type and whether it may be empty."""

    name: str
    type: JSONType = "string"
    nullable: bool = True


@dataclass(slots=True)
class RawRow:
    """A source row as read: its primary key as text, its cursor value and its values by column name."""

    key: str
    cursor: str | None
    values: dict[str, Any]


class Stream(ABC):
    """One source table the connector provides."""

    name: ClassVar[str]
    primary_key: ClassVar[tuple[str, ...]]
    cursor_column: ClassVar[str | None]
    columns: ClassVar[tuple[Column, ...]]
    #: the unified record kinds this stream produces (for the contract kit and for clean-up)
    produces: ClassVar[tuple[type[Record], ...]]

    source: str = ""

    @classmethod
    def describe(cls) -> dict[str, Any]:
        """The stream's declaration: name, key, cursor and schema (what ``spec`` reports)."""
        return {
            "name": cls.name,
            "primary_key": list(cls.primary_key),
            "cursor": cls.cursor_column,
            "columns": [{"name": c.name, "type": c.type, "nullable": c.nullable} for c in cls.columns],
        }

    @property
    def schema(self) -> dict[str, Any]:
        """The declared schema as JSON Schema, so any tool can validate raw rows against it."""
        properties = {
            column.name: {"type": [column.type, "null"] if column.nullable else column.type}
            for column in self.columns
        }
        return {"type": "object", "properties": properties, "required": [c.name for c in self.columns]}

    @abstractmethod
    def read(self, since: str | None = None, *, batch_size: int = 5000) -> Iterator[list[RawRow]]:
        """Rows whose cursor is at or after ``since`` (all rows when None), in cursor order, in batches."""

    def count(self, since: str | None = None) -> int | None:
        """How many rows ``read(since)`` will yield, when cheap to know (for progress bars)."""
        return None

    @abstractmethod
    def map_values(self, values: Mapping[str, Any], provenance: Provenance) -> list[Record]:
        """Unified records for one raw row; raises :class:`~graph.caliber.Invalid` when it cannot be."""

    def map(self, row: RawRow, provenance: Provenance) -> list[Record] | Rejection:
        """Unified records, or the rejection that sends the row to quarantine with its reason."""
        try:
            return self.map_values(row.values, provenance)
        except Invalid as invalid:
            return Rejection(
                source=self.source,
                table=self.name,
                key=row.key,
                fault=invalid.fault,
                element=invalid.element,
                value=None if invalid.value is None else str(invalid.value),
                reason=invalid.reason,
                raw={name: _jsonable(v) for name, v in row.values.items() if not name.startswith("_")},
            )


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)
