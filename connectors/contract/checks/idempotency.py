"""*idempotency*: two full reads give identical rows and identical records, in the same order.

The second read uses the same connector's streams again, as a long-running hub would on its next sync,
so state a connector keeps between reads (a counter, a clock, a cache) shows up as a difference.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from connectors.contract.reading import read_all

if TYPE_CHECKING:
    from connectors.contract.reading import Mapped, StreamRead
    from connectors.contract.run import ContractRun
    from connectors.framework import RawRow

CHECK = "idempotency"
EXPECTED = "two full reads to give identical output"
_ABSENT = object()


def check_idempotency(run: ContractRun) -> None:
    """Read everything twice with one connector; compare against each other and the shared full read."""
    with run.connector(CHECK) as connector:
        first = read_all(connector, check=CHECK, batch_size=run.case.batch_size)
        second = read_all(connector, check=CHECK, batch_size=run.case.batch_size)
    for name, read in first.items():
        _compare(run, read, second[name], "a second full read with the same connector")
        _compare(run, run.full_read()[name], read, "a full read with a fresh connector")


def _compare(run: ContractRun, before: StreamRead, after: StreamRead, what: str) -> None:
    for index, (old, new) in enumerate(zip(before.rows, after.rows, strict=False)):
        if (old.key, old.cursor, old.values) != (new.key, new.cursor, new.values):
            raise run.violation(
                CHECK,
                f"{what} differs at row {index + 1}: {_row_difference(old, new)}",
                expected=EXPECTED,
                stream=before.name,
                record=old.key,
            )
        if before.mapped[index] != after.mapped[index]:
            raise run.violation(
                CHECK,
                f"{what} maps row {index + 1} differently: "
                f"{_mapped_difference(before.mapped[index], after.mapped[index])}",
                expected=EXPECTED,
                stream=before.name,
                record=old.key,
            )
    if len(before.rows) != len(after.rows):
        longer = before if len(before.rows) > len(after.rows) else after
        extra = longer.rows[min(len(before.rows), len(after.rows))]
        raise run.violation(
            CHECK,
            f"{what} gave {len(after.rows)} rows after {len(before.rows)} (first unmatched: key {extra.key!r})",
            expected=EXPECTED,
            stream=before.name,
            record=extra.key,
        )


def _row_difference(old: RawRow, new: RawRow) -> str:
    found = [_change("key", old.key, new.key), _change("cursor", old.cursor, new.cursor)]
    for column in sorted(old.values.keys() | new.values.keys()):
        found.append(_change(column, old.values.get(column, _ABSENT), new.values.get(column, _ABSENT)))
    return "; ".join([change for change in found if change][:5])


def _mapped_difference(old: Mapped, new: Mapped) -> str:
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for first, second in zip(old, new, strict=True):
            if first != second:
                return _fields_difference(first, second)
    if not isinstance(old, list) and not isinstance(new, list):
        return _fields_difference(old, new)
    return f"first {_kind(old)}, then {_kind(new)}"


def _fields_difference(old: Any, new: Any) -> str:
    if type(old) is not type(new):
        return f"first a {type(old).__name__}, then a {type(new).__name__}"
    found = []
    for field in dataclasses.fields(old):
        first, second = getattr(old, field.name), getattr(new, field.name)
        if dataclasses.is_dataclass(first) and type(first) is type(second):
            found += [
                _change(f"{field.name}.{inner.name}", getattr(first, inner.name), getattr(second, inner.name))
                for inner in dataclasses.fields(first)
            ]
        else:
            found.append(_change(field.name, first, second))
    return f"{type(old).__name__} " + "; ".join([change for change in found if change][:5])


def _change(name: str, first: object, second: object) -> str:
    if first == second:
        return ""
    shown = ["(absent)" if value is _ABSENT else repr(value) for value in (first, second)]
    return f"{name} {shown[0]} then {shown[1]}"


def _kind(mapped: Mapped) -> str:
    if isinstance(mapped, list):
        return f"{len(mapped)} records ({', '.join(type(record).__name__ for record in mapped)})"
    return f"quarantine ({mapped.reason})"
