"""Writing one source row: cut off at the horizon, maybe a fault, maybe a messy ID, always the truth.

Whether a record is faulted, and how its ID is spelt, is decided by a hash of (seed, table, key) —
not by the order rows are produced — so the same record is treated the same way in every run and in
every version of a record that changes later.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from random import Random

from synth import faults, identifiers
from synth.codes import LABOR_FORCE
from synth.config import Rates
from synth.schema import table
from synth.sinks import RowSink
from synth.truth import TruthLog

ID_COLUMNS: dict[str, tuple[str, ...]] = {
    "JY_LDLJYXX": ("SFZH",),
    "JY_GYXGW": ("SFZH",),
    "JY_PXJL": ("SFZH",),
    "PKH": ("HZZJHM",),
    "PKHCY": ("ZJHM",),
    "HFJL": ("ZJHM",),
    "BT_FFMX": ("SKRZJHM", "DXZJHM"),
}
NAME_COLUMN = {"JY_LDLJYXX": "XM"}
_LOW32 = float(1 << 32)


def messy(raw: str, draw: Random) -> str:
    """The ID as a careless clerk types it: lower-case x, full-width digits or spaces."""
    options = ["full", "spaced"] + (["lower"] if raw.endswith("X") else [])
    choice = draw.choice(options)
    if choice == "lower":
        return identifiers.lower_x(raw)
    if choice == "full":
        return identifiers.full_width(raw)
    return identifiers.spaced(raw, draw)


def decision(seed: int, table_name: str, key: str) -> tuple[float, float, int]:
    """(fault draw, messy-ID draw, a seed for the details) of a record."""
    digest = hashlib.blake2b(f"{seed}:record:{table_name}:{key}".encode(), digest_size=8).digest()
    value = int.from_bytes(digest, "big")
    return (value & 0xFFFFFFFF) / _LOW32, ((value >> 32) & 0xFFFF) / 65536.0, value >> 16


@dataclass(frozen=True, slots=True)
class _Shape:
    """Positions the emitter needs, computed once per table."""

    source: str
    columns: tuple[str, ...]
    key: tuple[int, ...]
    ids: tuple[tuple[str, int], ...]
    name: int | None
    labor: int | None


@cache
def _shape(table_name: str) -> _Shape:
    shape = table(table_name)
    return _Shape(
        shape.source,
        shape.columns,
        tuple(shape.index(c) for c in shape.primary_key),
        tuple((c, shape.index(c)) for c in ID_COLUMNS.get(table_name, ())),
        shape.index(NAME_COLUMN[table_name]) if table_name in NAME_COLUMN else None,
        shape.index("LDJN") if table_name == "PKHCY" else None,
    )


class Emitter:
    """Sends rows visible before the horizon to the sink, recording faults, variants and counts."""

    def __init__(self, seed: int, rates: Rates, horizon: date, sink: RowSink, truth: TruthLog) -> None:
        self.seed, self.rates, self.horizon, self.sink, self.truth = seed, rates, horizon, sink, truth

    def visible(self, when: date) -> bool:
        return when < self.horizon

    def may_fault(self, table_name: str, key: str, protected: bool = False) -> bool:
        """Whether the record with this key could be quarantined (decided by its key alone, as in ``emit``)."""
        return not protected and decision(self.seed, table_name, key)[0] < self.rates.fault

    def emit(
        self,
        table_name: str,
        values: list[object],
        *,
        when: date,
        ids: Sequence[str | None] = (),
        name: str | None = None,
        protected: bool = False,
        avoid: frozenset[str] = frozenset(),
    ) -> bool:
        """Write the row if its update time is before the horizon; returns whether it was written."""
        if when >= self.horizon:
            return False
        shape = _shape(table_name)
        key = str(values[shape.key[0]]) if len(shape.key) == 1 else "|".join(str(values[i]) for i in shape.key)
        fault_draw, messy_draw, detail = decision(self.seed, table_name, key)
        if not protected and fault_draw < self.rates.fault:
            canonical = {column: citizen for (column, _), citizen in zip(shape.ids, ids, strict=False)}
            fault = faults.inject(table_name, shape.columns, values, canonical, Random(detail), avoid)
            if fault is not None:
                self.truth.bad(shape.source, table_name, key, fault)
                self.sink.add(table_name, tuple(values))
                return True
        for (_, index), citizen in zip(shape.ids, ids, strict=False):
            if citizen is None:
                continue
            raw = values[index]
            if messy_draw < self.rates.messy_id and isinstance(raw, str):
                raw = values[index] = messy(raw, Random(detail))
            if raw != citizen:
                self.truth.variant(shape.source, table_name, key, str(raw), citizen)
        if name is not None and shape.name is not None and values[shape.name] != name:
            self.truth.variant(
                shape.source, table_name, key, str(values[shape.ids[0][1]]), str(ids[0]), str(values[shape.name])
            )
        self.truth.count(table_name, shape.labor is not None and values[shape.labor] in LABOR_FORCE)
        self.sink.add(table_name, tuple(values))
        return True
