"""A first load into empty tables inserts without the unique provenance index and builds it afterwards.

What a user sees must not change: the store ends as upserts would have left it, also for a source that
repeats a key, and a store a killed load left without the index gets it back before anything upserts.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import inspect

import hub.sync
from graph.store import Store
from hub.sync import sync
from tests.support.sources import SourceSet, empty_sources, hr_employment_row

UNIQUE = "uq_employment_reports_provenance"
# HR's table without its primary key: a department database that lets an ID repeat.
WITHOUT_KEY = """
CREATE TABLE JY_LDLJYXX (ID INTEGER, SFZH VARCHAR(20), XM VARCHAR(50), XB CHAR(1), HJQX CHAR(6), JYZT CHAR(2),
    JYDD VARCHAR(100), DWMC VARCHAR(200), DWXYDM VARCHAR(20), YSR INTEGER, BGYF CHAR(6), JNDJ VARCHAR(20),
    GXSJ CHAR(14))
"""


def _sources(folder: Path, rows: list[tuple[object, ...]]) -> SourceSet:
    sources = empty_sources(folder)
    with sqlite3.connect(folder / "hr.db") as connection:
        connection.execute("DROP TABLE JY_LDLJYXX")
        connection.execute(WITHOUT_KEY)
        connection.executemany(f"INSERT INTO JY_LDLJYXX VALUES ({', '.join('?' * 13)})", rows)
    return sources


def _sync(store: Store, sources: SourceSet) -> dict[str, tuple[int, int, int, int]]:
    chosen = sources.connectors()
    try:
        reports = sync(store, chosen, batch_size=2)
    finally:
        for connector in chosen:
            connector.close()
    return {r.source: (r.total.read, r.total.inserted, r.total.updated, r.total.unchanged) for r in reports}


def _statuses(store: Store) -> list[tuple[str, str, str]]:
    with store.engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT source_key, period, status FROM employment_reports ORDER BY 1")
        return [tuple(row) for row in rows]


def _indexes(store: Store) -> set[str]:
    return {index["name"] for index in inspect(store.engine).get_indexes("employment_reports")}


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[str], str]:
    """A new empty store's URL on the engine under test (PostgreSQL loads in bulk with ``COPY``)."""
    if request.param == "postgres":
        return request.getfixturevalue("new_postgres_database")
    return lambda name: f"sqlite:///{tmp_path / f'{name}.db'}"


def test_a_first_load_with_a_repeated_key_ends_as_upserts_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store_url: Callable[[str], str]
) -> None:
    awkward = list(hr_employment_row(4, "11", "202402", "20240305090002", citizen_id="360732198001011252"))
    awkward[6] = "广东\t深圳\\南山\n'东莞'\r\"惠州\""  # what COPY's text format must escape
    awkward[7] = None
    rows = [
        hr_employment_row(1, "11", "202401", "20240205090000"),
        hr_employment_row(2, "12", "202401", "20240205090001"),
        hr_employment_row(1, "21", "202402", "20240305090000"),  # ID 1 again, later: its values win
        hr_employment_row(3, "90", "202402", "20240305090001"),
        tuple(awkward),
    ]
    sources = _sources(tmp_path / "sources", rows)
    bulk = Store.open(store_url("bulk"))
    upserted = Store.open(store_url("upserted"))
    try:
        assert _sync(bulk, sources)["hr"] == (5, 5, 0, 0)
        with monkeypatch.context() as patched:
            patched.setattr(hub.sync, "_bulk_loads", lambda plans: set())
            assert _sync(upserted, sources)["hr"] == (5, 5, 0, 0)
        assert _statuses(bulk) == [
            ("1", "2024-02", "IN_COUNTY_ENTERPRISE"),
            ("2", "2024-01", "IN_PROVINCE"),
            ("3", "2024-02", "UNEMPLOYED"),
            ("4", "2024-02", "OUT_OF_PROVINCE"),
        ]
        with bulk.engine.connect() as connection:
            stored = connection.exec_driver_sql(
                "SELECT location, employer_name FROM employment_reports WHERE source_key = '4'"
            ).one()
        assert tuple(stored) == (awkward[6], None)
        assert bulk.digest() == upserted.digest()
        assert UNIQUE in _indexes(bulk)
        # The next sync reads from the saved cursor and upserts: nothing changed, nothing written.
        assert _sync(bulk, sources)["hr"][1:3] == (0, 0)
        assert bulk.digest() == upserted.digest()
    finally:
        bulk.close()
        upserted.close()


def test_a_store_a_killed_bulk_load_left_gets_its_unique_index_back_on_open(tmp_path: Path) -> None:
    rows = [
        hr_employment_row(1, "11", "202401", "20240205090000"),
        hr_employment_row(2, "12", "202401", "20240205090001"),
    ]
    sources = _sources(tmp_path / "sources", rows)
    url = f"sqlite:///{tmp_path / 'store.db'}"
    store = Store.open(url)
    _sync(store, sources)
    # What a load killed between its batches leaves: no unique index, and a key inserted twice.
    with store.engine.begin() as connection:
        connection.exec_driver_sql(f"DROP INDEX {UNIQUE}")
        connection.exec_driver_sql(
            "INSERT INTO employment_reports (citizen_id, period, status, name, source, source_table, source_key, "
            "ingest_run) SELECT citizen_id, '2024-03', 'UNEMPLOYED', name, source, source_table, source_key, "
            "ingest_run FROM employment_reports WHERE source_key = '1'"
        )
    store.close()
    reopened = Store.open(url)
    try:
        assert UNIQUE in _indexes(reopened)
        assert _statuses(reopened) == [("1", "2024-03", "UNEMPLOYED"), ("2", "2024-01", "IN_PROVINCE")]
        with sqlite3.connect(sources.folder / "hr.db") as connection:
            connection.execute("UPDATE JY_LDLJYXX SET JYZT = '90', GXSJ = '20240405090000' WHERE ID = 2")
        assert _sync(reopened, sources)["hr"][1:3] == (0, 1)
        assert _statuses(reopened)[1] == ("2", "2024-01", "UNEMPLOYED")
    finally:
        reopened.close()
