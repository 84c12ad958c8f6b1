"""Declarative streams: a source table's name, key, cursor and schema, and how its columns map to the caliber.

A stream reads raw rows (always read-only), in cursor order, in batches. Mapping is declared, not
programmed: each field of the unified record names its source column, its normalizer and whether it is
required. The framework maps a batch column by column, normalizing each distinct raw value once (IDs,
months, codes and dates repeat across a department's monthly rows), which is what lets a sync reach
100,000 rows a second in Python. A row with any value that cannot be normalized becomes a
:class:`~graph.records.Rejection` naming the column, the value and the reason.
"""

from __future__ import annotations

import dataclasses
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from graph.caliber import Invalid, parse_timestamp
from graph.records import Provenance, Record, Rejection

SPACES = " \t\r\n\u3000"
_CACHE_LIMIT = 250_000


def text(value: Any) -> str:
    """Free text as written, trimmed."""
    return str(value).strip(SPACES)


def account(value: Any) -> str:
    """A bank account as written, without the spaces people type into it."""
    return "".join(str(value).split())


@dataclass(frozen=True, slots=True)
class Column:
    """One declared column of a source table: its name, JSON-schema type and whether it may be empty."""

    name: str
    type: str = "string"
    nullable: bool = True


@dataclass(frozen=True, slots=True)
class Field:
    """How one field of the unified record is read: from which column, normalized how, required or not."""

    column: str
    normalize: Callable[[Any], Any] = text
    required: bool = False


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
    #: the unified record each row becomes, and how each of its fields is read
    record_type: ClassVar[type[Record]]
    fields: ClassVar[dict[str, Field]]

    source: str = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "fields" in cls.__dict__ and "record_type" in cls.__dict__:
            declared = {f.name for f in dataclasses.fields(cls.record_type)} - {"provenance"}
            unknown = set(cls.fields) - declared
            if unknown:
                raise TypeError(
                    f"{cls.__name__}.fields names {sorted(unknown)}, not fields of {cls.record_type.__name__}"
                )

    @property
    def produces(self) -> tuple[type[Record], ...]:
        return (self.record_type,)

    @classmethod
    def describe(cls) -> dict[str, Any]:
        """The stream's declaration: name, key, cursor, schema and mapping (what ``spec`` reports)."""
        return {
            "name": cls.name,
            "primary_key": list(cls.primary_key),
            "cursor": cls.cursor_column,
            "columns": [{"name": c.name, "type": c.type, "nullable": c.nullable} for c in cls.columns],
            "record": cls.record_type.__name__,
            "fields": {name: {"column": f.column, "required": f.required} for name, f in cls.fields.items()},
        }

    @property
    def schema(self) -> dict[str, Any]:
        """The declared schema as JSON Schema, so any tool can validate raw rows against it."""
        properties = {
            column.name: {"type": [column.type, "null"] if column.nullable else column.type} for column in self.columns
        }
        return {"type": "object", "properties": properties, "required": [c.name for c in self.columns]}

    @abstractmethod
    def read(self, since: str | None = None, *, batch_size: int = 5000) -> Iterator[list[RawRow]]:
        """Rows whose cursor is at or after ``since`` (all rows when None), in cursor order, in batches."""

    def count(self, since: str | None = None) -> int | None:
        """How many rows ``read(since)`` will yield, when cheap to know (for progress bars)."""
        return None

    def updated_at(self, row: RawRow) -> datetime | None:
        """When the source last changed the row: its cursor value, read as a timestamp."""
        return None if row.cursor is None else parse_timestamp(row.cursor)

    # --- mapping ------------------------------------------------------------------------------

    def derive(self, columns: dict[str, list[Any]], rows: Sequence[RawRow]) -> None:  # noqa: B027 - optional hook
        """Add computed fields to the normalized columns (override when a field needs more than one cell)."""

    def companions(self, record: Record, row: RawRow) -> list[Record]:
        """Further records a row implies besides its own (override; e.g. a named village)."""
        return []

    def map(self, row: RawRow, provenance: Provenance) -> list[Record] | Rejection:
        """Unified records for one raw row, or the rejection that sends it to quarantine with its reason."""
        return self.map_batch([row], [provenance])[0]

    def map_batch(self, rows: Sequence[RawRow], provenances: Sequence[Provenance]) -> list[list[Record] | Rejection]:
        """Map a batch column by column; one entry per row, in order."""
        caches = self._caches()
        count = len(rows)
        columns: dict[str, list[Any]] = {}
        failures: dict[int, Invalid] = {}
        for field_name, spec in self.fields.items():
            cache, bad = caches[field_name]
            column = spec.column
            raw_values = [row.values[column] for row in rows]
            distinct = set(raw_values)
            unseen = distinct.difference(cache)
            if unseen:
                if len(cache) + len(unseen) > _CACHE_LIMIT:
                    cache.clear()
                    unseen = distinct
                for raw in unseen:
                    value = _normalize(spec, raw)
                    cache[raw] = value
                    if isinstance(value, Invalid):
                        bad.add(raw)
            columns[field_name] = [cache[raw] for raw in raw_values]
            if bad and not bad.isdisjoint(distinct):
                out = columns[field_name]
                for index, raw in enumerate(raw_values):
                    if raw in bad:
                        failures.setdefault(index, cache[raw])
                        out[index] = None
        self.derive(columns, rows)
        ordered = [columns[name] if name in columns else [default] * count for name, default in self._record_fields()]
        record_type = self.record_type
        companions = self.companions
        results: list[list[Record] | Rejection] = []
        for index, (row, provenance, *values) in enumerate(zip(rows, provenances, *ordered, strict=True)):
            if failures and index in failures:
                results.append(self._reject(row, failures[index]))
                continue
            record = record_type(provenance, *values)
            extra = companions(record, row)
            results.append([record, *extra] if extra else [record])
        return results

    @classmethod
    def _record_fields(cls) -> list[tuple[str, Any]]:
        """The record's fields after provenance, in order, with their defaults."""
        found = []
        for item in dataclasses.fields(cls.record_type):
            if item.name != "provenance":
                found.append((item.name, None if item.default is dataclasses.MISSING else item.default))
        return found

    def _caches(self) -> dict[str, tuple[dict[Any, Any], set[Any]]]:
        """Per field: raw value → normalized value (or its Invalid), and the raw values known to be bad."""
        caches: dict[str, tuple[dict[Any, Any], set[Any]]] | None = getattr(self, "_value_caches", None)
        if caches is None:
            caches = {name: ({}, set()) for name in self.fields}
            self._value_caches = caches
        return caches

    def _reject(self, row: RawRow, invalid: Invalid) -> Rejection:
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


def _normalize(spec: Field, raw: Any) -> Any:
    """The normalized value, None for an optional blank cell, or the Invalid that rejects the row."""
    if raw is None or (isinstance(raw, str) and not raw.strip(SPACES)):
        return _missing(spec.column, raw) if spec.required else None
    try:
        return spec.normalize(raw)
    except Invalid as invalid:
        return Invalid(
            fault=invalid.fault,
            element=f"{spec.column} ({invalid.element})",
            value=invalid.value,
            reason=f"{spec.column}: {invalid.reason}",
        )
    except (ValueError, TypeError) as error:
        return Invalid(
            fault="bad_number",
            element=spec.column,
            value=raw,
            reason=f"{spec.column}: cannot read {raw!r}: {error}",
        )


def _missing(column: str, raw: Any) -> Invalid:
    return Invalid(
        fault="missing_required",
        element=column,
        value=raw,
        reason=f"{column} is required but empty ({raw!r})",
    )


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)
