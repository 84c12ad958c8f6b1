"""A row's life across syncs: inserted, unchanged, updated, quarantined, fixed — on small real databases."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from graph.store import Store
from hub.sync import sync
from tests.support.sources import SourceSet, empty_sources, hr_employment_row

PERSON = "360732198001011236"


def _hr(sources: SourceSet, sql: str, *params: object) -> None:
    with sqlite3.connect(sources.folder / "hr.db") as connection:
        connection.execute(sql, params)


INSERT = "INSERT INTO JY_LDLJYXX VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"


def _sync(store: Store, sources: SourceSet) -> dict[str, tuple[int, int, int, int, int]]:
    chosen = sources.connectors()
    try:
        reports = sync(store, chosen)
    finally:
        for connector in chosen:
            connector.close()
    return {
        r.source: (r.total.read, r.total.inserted, r.total.updated, r.total.unchanged, r.total.quarantined)
        for r in reports
    }


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Store, SourceSet]:
    sources = empty_sources(tmp_path / "sources")
    store = Store.open(f"sqlite:///{tmp_path / 'store.db'}")
    yield store, sources
    store.close()


def _quarantined(store: Store) -> list[tuple[str, str]]:
    with store.engine.connect() as connection:
        return [tuple(r) for r in connection.exec_driver_sql("SELECT source_key, fault FROM quarantine")]


def _statuses(store: Store) -> list[tuple[str, str]]:
    with store.engine.connect() as connection:
        return [
            tuple(r) for r in connection.exec_driver_sql("SELECT period, status FROM employment ORDER BY period").all()
        ]


def test_rows_move_between_store_and_quarantine_as_the_source_changes(setup: tuple[Store, SourceSet]) -> None:
    store, sources = setup
    _hr(sources, INSERT, *hr_employment_row(1, "11", "202401", "20240205090000"))
    _hr(sources, INSERT, *hr_employment_row(2, "77", "202402", "20240305090000"))
    assert _sync(store, sources)["hr"] == (2, 1, 0, 0, 1)
    assert _quarantined(store) == [("2", "unknown_code")]
    assert _statuses(store) == [("2024-01", "OUT_OF_PROVINCE")]

    # Nothing changed: the boundary row is read again and found unchanged; nothing is written.
    digest = store.digest()
    assert _sync(store, sources)["hr"] == (1, 0, 0, 0, 1)
    assert store.digest() == digest

    # HR fixes row 2 and corrects row 1's status: both arrive with newer update times.
    _hr(sources, "UPDATE JY_LDLJYXX SET JYZT = '21', GXSJ = '20240401090000' WHERE ID = 2")
    _hr(sources, "UPDATE JY_LDLJYXX SET JYZT = '12', GXSJ = '20240402090000' WHERE ID = 1")
    assert _sync(store, sources)["hr"] == (2, 1, 1, 0, 0)
    assert _quarantined(store) == []
    assert _statuses(store) == [("2024-01", "IN_PROVINCE"), ("2024-02", "IN_COUNTY_ENTERPRISE")]

    # A once-valid row that turns bad leaves the store for quarantine; its month is resolved again.
    _hr(sources, "UPDATE JY_LDLJYXX SET SFZH = '360732198001011237', GXSJ = '20240501090000' WHERE ID = 1")
    _sync(store, sources)
    assert _quarantined(store) == [("1", "id_checksum")]
    assert _statuses(store) == [("2024-02", "IN_COUNTY_ENTERPRISE")]


def test_missing_source_file_fails_clearly(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'store.db'}")
    sources = SourceSet(tmp_path / "nowhere")
    with pytest.raises(Exception, match="SQLite source file not found"):
        _sync(store, sources)
    store.close()


@pytest.mark.parametrize("months", [1, 4], ids=["one month", "months checked at once"])
def test_hr_reporting_someone_twice_in_a_month_counts_the_later_report(
    setup: tuple[Store, SourceSet], months: int
) -> None:
    """HR's latest record of the month decides, whether the repeated month is found alone or with others."""
    store, sources = setup
    for month in range(1, months + 1):
        _hr(sources, INSERT, *hr_employment_row(month, "11", f"2024{month:02d}", f"2024{month + 1:02d}05090000"))
    _hr(sources, INSERT, *hr_employment_row(99, "12", "202401", "20240206090000"))  # January again, later
    _sync(store, sources)
    expected = [("2024-01", "IN_PROVINCE")] + [(f"2024-{m:02d}", "OUT_OF_PROVINCE") for m in range(2, months + 1)]
    assert _statuses(store) == expected
