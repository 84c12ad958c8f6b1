"""On SQLite a batch's constant columns are written as literals in the statement: the rows must not change."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from connectors.framework import RawColumns
from connectors.poverty.streams import FollowUps
from graph.ingest.prepared import TargetRows
from graph.ingest.tables import same_values
from graph.store import Store


def test_only_exactly_stated_values_count_as_constant() -> None:
    columns: list[list[object] | None] = [
        ["k1", "k1"],  # kept: the key column is never a constant
        [1, 1.0],
        [1, True],
        [5, 5],
        ["a'b", "a'b"],
        [None, None],
        ["x\x00", "x\x00"],
        ["x", "y", "x"],
        [2**63, 2**63],
        [1.5, 1.5],
    ]
    assert same_values(columns, keep=0) == {3: 5, 4: "a'b", 5: None}


def _follow_up(row_id: int, visitor: str, stamp: str) -> tuple[object, ...]:
    return (row_id, "360732198001011236", "2024-01", "2024-01-20", "2024-01-21", "省外务工", None, 3000, None,
            visitor, None, stamp)  # fmt: skip


def test_a_batch_with_constant_columns_stores_what_binding_every_value_stores(tmp_path: Path) -> None:
    stream = FollowUps(None, "poverty")
    rows = [_follow_up(i, "O'Brien", f"2024-02-05 09:00:0{i}") for i in range(1, 5)]
    names = [column.name for column in FollowUps.columns]
    values = dict(zip(names, zip(*rows, strict=True), strict=True))
    raw = RawColumns([str(row[0]) for row in rows], [row[-1] for row in rows], values)
    records, rejections = stream.map_columns(raw)
    assert not rejections
    part = TargetRows.build(records, 7, "sqlite", versioned=True)
    target = part.target
    assert {target.columns[i] for i in part.constants} >= {"source", "ingest_run", "visitor", "income", "row_hash"}

    stored = []
    for name, sql, written in (
        ("literals", part.statement("sqlite", upsert=True), part.rows()),
        ("bound", target.statement("sqlite")[0], list(zip(*(part.column(c) for c in target.columns), strict=True))),
    ):
        path = tmp_path / f"{name}.db"
        Store.open(f"sqlite:///{path}").close()
        with sqlite3.connect(path) as connection:
            connection.executemany(sql, written)
            listed = ", ".join(f"{c}, typeof({c})" for c in target.columns)
            stored.append(connection.execute(f"SELECT {listed} FROM followups ORDER BY source_key").fetchall())
    assert stored[0] == stored[1]
    assert len(stored[0]) == 4
