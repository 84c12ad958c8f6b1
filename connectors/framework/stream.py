"""Declarative streams: a source table's name, key, cursor and schema, and how its columns map to the caliber.

A stream reads raw rows (always read-only), in cursor order, in batches. Mapping is declared, not
programmed: each field of the unified record names its source column, its normalizer and whether it is
required. The framework maps a batch column by column, normalizing each distinct raw value once (IDs,
months, codes and dates repeat across a department's monthly rows). A row with any value that cannot be
normalized becomes a :class:`~graph.records.Rejection` naming the column, the value and the reason.

Two shapes of the same mapping: :meth:`Stream.map_batch` gives a record object per row (the contract kit
and tests look at those), :meth:`Stream.map_columns` gives the batch as columns (:class:`RecordColumns`),
which is what a sync uses: no dictionary per raw row and no object per record on the hot path.
"""

from __future__ import annotations

import dataclasses
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from itertools import compress
from typing import Any, ClassVar

from graph.caliber import Invalid, parse_timestamp
from graph.caliber.normalize.dates import parse_timestamp_column
from graph.distinct import remember
from graph.records import Provenance, Record, RecordColumns, Rejection

SPACES = " \t\r\n\u3000"


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


@dataclass(slots=True)
class RawColumns:
    """A batch of raw rows held column by column: keys, cursors and each column's values, in row order.

    SQL streams build it straight from the driver's tuples (one transpose in C); other streams from their
    :class:`RawRow` list, whose columns are then gathered only when mapping asks for them.
    """

    keys: list[str]
    cursors: list[Any]
    values: dict[str, Sequence[Any]] = field(default_factory=dict)
    rows: Sequence[RawRow] | None = None

    @classmethod
    def of(cls, rows: Sequence[RawRow]) -> RawColumns:
        return cls([row.key for row in rows], [row.cursor for row in rows], {}, rows)

    def __len__(self) -> int:
        return len(self.keys)

    def column(self, name: str) -> Sequence[Any]:
        """Every row's value of one column (a missing column raises ``KeyError``, as a row's dict would)."""
        found = self.values.get(name)
        if found is None:
            if self.rows is None:
                raise KeyError(name)
            found = self.values[name] = [row.values[name] for row in self.rows]
        return found

    def row(self, index: int) -> RawRow:
        if self.rows is not None:
            return self.rows[index]
        values = {name: column[index] for name, column in self.values.items()}
        return RawRow(self.keys[index], self.cursors[index], values)

    def as_rows(self) -> list[RawRow]:
        if self.rows is not None:
            return list(self.rows)
        names = list(self.values)
        return [
            RawRow(key, cursor, dict(zip(names, values, strict=True)))
            for key, cursor, *values in zip(self.keys, self.cursors, *self.values.values(), strict=True)
        ]


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

    def read_columns(self, since: str | None = None, *, batch_size: int = 5000) -> Iterator[RawColumns]:
        """The batches of :meth:`read` column by column (SQL streams read them so directly)."""
        batches = self.read(since, batch_size=batch_size)
        try:
            for rows in batches:
                yield RawColumns.of(rows)
        finally:
            close = getattr(batches, "close", None)
            if close is not None:
                close()

    def count(self, since: str | None = None) -> int | None:
        """How many rows ``read(since)`` will yield, when cheap to know (for progress bars)."""
        return None

    def updated_at(self, row: RawRow) -> datetime | None:
        """When the source last changed the row: its cursor value, read as a timestamp."""
        return None if row.cursor is None else parse_timestamp(row.cursor)

    # --- mapping ------------------------------------------------------------------------------

    def derive(self, columns: dict[str, list[Any]], raw: RawColumns) -> None:  # noqa: B027 - optional hook
        """Add computed fields to the normalized columns (override when a field needs more than one cell)."""

    def companions(self, record: Record, row: RawRow) -> list[Record]:
        """Further records a row implies besides its own (override; e.g. a named village)."""
        return []

    @property
    def columnar(self) -> bool:
        """Whether :meth:`map_columns` maps this stream exactly as :meth:`map_batch` does.

        A stream that overrides the per-row hooks (``map_batch``, ``companions``, ``updated_at``) is synced
        through record objects instead, so its overrides still apply.
        """
        kind = type(self)
        return (
            kind.map_batch is Stream.map_batch
            and kind.companions is Stream.companions
            and kind.updated_at is Stream.updated_at
        )

    def map(self, row: RawRow, provenance: Provenance) -> list[Record] | Rejection:
        """Unified records for one raw row, or the rejection that sends it to quarantine with its reason."""
        return self.map_batch([row], [provenance])[0]

    def map_batch(self, rows: Sequence[RawRow], provenances: Sequence[Provenance]) -> list[list[Record] | Rejection]:
        """Map a batch column by column; one entry per row, in order."""
        raw = RawColumns.of(rows)
        ordered, failures = self._normalized(raw)
        record_type = self.record_type
        companions = self.companions
        results: list[list[Record] | Rejection] = []
        for index, (row, provenance, *values) in enumerate(zip(rows, provenances, *ordered.values(), strict=True)):
            if failures and index in failures:
                results.append(self._reject(row, failures[index]))
                continue
            record = record_type(provenance, *values)
            extra = companions(record, row)
            results.append([record, *extra] if extra else [record])
        return results

    def map_columns(self, raw: RawColumns) -> tuple[RecordColumns, list[Rejection]]:
        """Map a batch into columns of records (rows in order, rejected ones left out) and the rejections.

        Only for a :attr:`columnar` stream; the records are the ones :meth:`map_batch` would build.
        """
        updated_at, updated_text = _timestamps(raw.cursors) if self.cursor_column else ([None] * len(raw), None)
        values, failures = self._normalized(raw)
        keys = raw.keys
        rejections = []
        if failures:
            rejections = [self._reject(raw.row(index), failures[index]) for index in sorted(failures)]
            kept = [index not in failures for index in range(len(raw))]
            keys = list(compress(keys, kept))
            updated_at = list(compress(updated_at, kept))
            if updated_text is not None:
                updated_text = list(compress(updated_text, kept))
            values = {name: list(compress(column, kept)) for name, column in values.items()}
        records = RecordColumns(self.record_type, self.source, self.name, keys, updated_at, values, updated_text)
        return records, rejections

    def _normalized(self, raw: RawColumns) -> tuple[dict[str, list[Any]], dict[int, Invalid]]:
        """Every record field's column, normalized (None where the row is rejected), and each bad row's reason."""
        caches = self._caches()
        count = len(raw)
        columns: dict[str, list[Any]] = {}
        failures: dict[int, Invalid] = {}
        for field_name, spec in self.fields.items():
            cache, bad = caches[field_name]
            raw_values = raw.column(spec.column)
            for value in remember(raw_values, cache, partial(_normalize, spec)):
                if isinstance(cache[value], Invalid):
                    bad.add(value)
            out = columns[field_name] = list(map(cache.__getitem__, raw_values))
            present = bad.intersection(raw_values) if bad else None
            if present:
                for index in _positions(raw_values, present):
                    failures.setdefault(index, cache[raw_values[index]])
                    out[index] = None
        self.derive(columns, raw)
        return {
            name: columns[name] if name in columns else [default] * count for name, default in self._record_fields()
        }, failures

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


def _positions(values: Sequence[Any], wanted: set[Any]) -> list[int]:
    """Where the (few) wanted values occur, in order: found by ``index`` in C, not by a loop over every row."""
    found = []
    for value in wanted:
        start = 0
        try:
            while True:
                start = values.index(value, start) + 1
                found.append(start - 1)
        except ValueError:
            pass
    return sorted(found)


def _timestamps(cursors: Sequence[Any]) -> tuple[list[datetime | None], list[str] | None]:
    """Each row's update time read from its cursor, as :meth:`Stream.updated_at` reads one (and its spelling)."""
    if None in cursors:
        return [None if cursor is None else parse_timestamp(cursor) for cursor in cursors], None
    return parse_timestamp_column(cursors)  # type: ignore[return-value]


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
