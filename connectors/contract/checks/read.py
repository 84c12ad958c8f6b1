"""*read*: every stream yields rows of its declared schema; each maps to unified records or to quarantine.

A row the declared schema does not allow may still come from a dirty source, but then it must go to
quarantine with a reason: only rows of the declared shape may reach the graph.
"""

from __future__ import annotations

from datetime import date, time
from typing import TYPE_CHECKING, Any

from jsonschema import Draft202012Validator

from connectors.contract.unified import record_problems
from graph.caliber import FAULTS
from graph.records import UNIFIED_RECORD_TYPES, Provenance, Record, Rejection

if TYPE_CHECKING:
    from connectors.contract.reading import Mapped, StreamRead
    from connectors.contract.run import ContractRun
    from connectors.framework import RawRow

CHECK = "read"


def json_form(values: dict[str, Any]) -> dict[str, Any]:
    """The row as JSON would carry it (dates and times as ISO text), which is what JSON Schema describes."""
    return {name: value.isoformat() if isinstance(value, date | time) else value for name, value in values.items()}


def check_read(run: ContractRun) -> None:
    """Every stream reads at least one row and maps at least one record; every row is accounted for."""
    for read in run.full_read().values():
        if not read.rows:
            raise run.violation(
                CHECK,
                "the fixture source gave no rows",
                expected="rows in every declared stream, so the contract can check them (use a fuller fixture)",
                stream=read.name,
            )
        validator = Draft202012Validator(read.stream.schema)
        for row, mapped in zip(read.rows, read.mapped, strict=True):
            _check_row(run, read, validator, row, mapped)
        if all(isinstance(mapped, Rejection) for mapped in read.mapped):
            raise run.violation(
                CHECK,
                f"all {len(read.rows)} rows went to quarantine",
                expected="most rows of a fixture source to map to unified records",
                stream=read.name,
            )


def _check_row(
    run: ContractRun, read: StreamRead, validator: Draft202012Validator, row: RawRow, mapped: Mapped
) -> None:
    stream = read.stream
    if not isinstance(row.key, str) or not row.key:
        raise run.violation(
            CHECK, f"a row's key is {row.key!r}", expected="the primary key as non-empty text", stream=read.name
        )
    if stream.cursor_column is not None and row.cursor is None:
        raise run.violation(
            CHECK,
            "the row has no cursor",
            expected=f"its {stream.cursor_column} value: an incremental stream's rows all carry one",
            stream=read.name,
            record=row.key,
        )
    if isinstance(mapped, Rejection):
        _check_rejection(run, read, row, mapped)
        return
    error = next(iter(validator.iter_errors(json_form(row.values))), None)
    if error is not None:
        column = ".".join(str(part) for part in error.absolute_path) or "(row)"
        raise run.violation(
            CHECK,
            f"column {column} breaks the declared schema ({error.message}) yet the row mapped to records",
            expected="rows of the declared schema, or the row in quarantine with a reason",
            stream=read.name,
            record=row.key,
        )
    if not isinstance(mapped, list) or not mapped:
        raise run.violation(
            CHECK,
            f"the row mapped to {mapped!r}",
            expected=f"a list starting with a {stream.record_type.__name__}, or a Rejection: never silently dropped",
            stream=read.name,
            record=row.key,
        )
    if not isinstance(mapped[0], stream.record_type):
        raise run.violation(
            CHECK,
            f"the row's first record is a {type(mapped[0]).__name__}",
            expected=f"a {stream.record_type.__name__}, the stream's declared record_type",
            stream=read.name,
            record=row.key,
        )
    for record in mapped:
        _check_record(run, read, row, record)


def _check_record(run: ContractRun, read: StreamRead, row: RawRow, record: Record) -> None:
    if type(record) not in UNIFIED_RECORD_TYPES:
        raise run.violation(
            CHECK,
            f"the row mapped to a {type(record).__name__}",
            expected="unified records of graph.records only",
            stream=read.name,
            record=row.key,
        )
    expected = Provenance(read.stream.source, read.name, row.key, read.stream.updated_at(row))
    if record.provenance != expected:
        raise run.violation(
            CHECK,
            f"a {type(record).__name__} carries provenance {record.provenance!r}",
            expected=f"the provenance of its row, {expected!r}",
            stream=read.name,
            record=row.key,
        )
    for problem, wanted in record_problems(record):
        raise run.violation(CHECK, problem, expected=wanted, stream=read.name, record=row.key)


def _check_rejection(run: ContractRun, read: StreamRead, row: RawRow, rejection: Rejection) -> None:
    where = (rejection.source, rejection.table, rejection.key)
    if where != (read.stream.source, read.name, row.key):
        raise run.violation(
            CHECK,
            f"the row's rejection names source, table and key {where!r}",
            expected=f"{(read.stream.source, read.name, row.key)!r}, so quarantine points at the source row",
            stream=read.name,
            record=row.key,
        )
    if rejection.fault not in FAULTS or not rejection.reason or not rejection.element:
        raise run.violation(
            CHECK,
            f"the row went to quarantine with fault {rejection.fault!r}, element {rejection.element!r}, "
            f"reason {rejection.reason!r}",
            expected=f"a fault of {sorted(FAULTS)}, the element and a reason naming the value",
            stream=read.name,
            record=row.key,
        )
