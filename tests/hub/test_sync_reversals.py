"""A voucher's effectiveness across syncs: paid, reversed, re-sent, reversal re-pointed — on both engines.

The writer stores a PAID voucher as effective and the resolver rewrites only what a reversal changes, so
each step must still end with what the definition says: PAID and named by no reversal.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from graph.store import Store
from tests.support.sources import SourceSet, empty_sources, sync_sources

INSERT = "INSERT INTO BT_FFMX (FFPZH, SKRXM, SKRZJHM, BTXM, JEF, FFRQ, ZT, YFFPZH, CZSJ) VALUES (?,?,?,?,?,?,?,?,?)"
PERSON = "360732198001011236"


def _voucher(voucher: str, status: str, stamp: str, reverses: str | None = None) -> tuple[object, ...]:
    return (voucher, "张三", PERSON, "GY01", 50000, "2024/03/10", status, reverses, stamp)


def _finance(sources: SourceSet, sql: str, *params: object) -> None:
    with sqlite3.connect(sources.folder / "finance.db") as connection:
        connection.execute(sql, params)


def _payments(store: Store) -> dict[str, tuple[bool, str | None]]:
    with store.engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT voucher, effective, reversed_by FROM payments").all()
    return {voucher: (bool(effective), reversed_by) for voucher, effective, reversed_by in rows}


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    if request.param == "postgres":
        url = request.getfixturevalue("new_postgres_database")("reversals")
    else:
        url = f"sqlite:///{tmp_path / 'store.db'}"
    opened = Store.open(url)
    yield opened
    opened.close()


def test_reversals_decide_effectiveness_across_syncs(store: Store, tmp_path: Path) -> None:
    sources = empty_sources(tmp_path / "sources")
    for row in (
        _voucher("V1", "1", "2024-03-10 09:00:00"),
        _voucher("V2", "1", "2024-03-10 09:00:01"),
        _voucher("V3", "2", "2024-03-10 09:00:02"),  # returned: never effective
        _voucher("R1", "3", "2024-03-11 09:00:00", reverses="V1"),
        _voucher("R2", "3", "2024-03-11 09:00:01", reverses="V3"),
    ):
        _finance(sources, INSERT, *row)
    sync_sources(store, sources)
    assert _payments(store) == {
        "V1": (False, "R1"),
        "V2": (True, None),
        "V3": (False, "R2"),
        "R1": (False, None),
        "R2": (False, None),
    }
    # Finance sends V1 again (a correction of its account): the writer stores it as PAID, still reversed.
    _finance(sources, "UPDATE BT_FFMX SET SKZH = '6222000011112222', CZSJ = '2024-04-01 09:00:00' WHERE FFPZH = 'V1'")
    sync_sources(store, sources)
    assert _payments(store)["V1"] == (False, "R1")
    # Both reversals are corrected to name V2: V1 counts as paid again, V2 no longer, V3 is named by none.
    _finance(sources, "UPDATE BT_FFMX SET YFFPZH = 'V2', CZSJ = '2024-04-02 09:00:00' WHERE FFPZH IN ('R1', 'R2')")
    sync_sources(store, sources)
    assert _payments(store) == {
        "V1": (True, None),
        "V2": (False, "R1"),
        "V3": (False, None),
        "R1": (False, None),
        "R2": (False, None),
    }


def test_vouchers_a_killed_older_sync_left_unresolved_are_resolved(store: Store, tmp_path: Path) -> None:
    """Before the writer stored ``effective``, a payment waited for the resolver as not effective."""
    sources = empty_sources(tmp_path / "sources")
    _finance(sources, INSERT, *_voucher("V1", "1", "2024-03-10 09:00:00"))
    sync_sources(store, sources)
    with store.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE payments SET effective = false")
        connection.exec_driver_sql("INSERT INTO dirty_marks (kind, key) VALUES ('payments', '*')")
    sync_sources(store, sources)
    assert _payments(store) == {"V1": (True, None)}
