"""Large streams are mapped in a worker process: the store must end exactly as when mapped in this process."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest

import hub.sync
from graph.caliber import Invalid
from graph.store import Store
from hub.mapworker import MapWorker
from hub.sync import sync
from tests.support.sources import SourceSet, empty_sources, hr_employment_row

INSERT = "INSERT INTO JY_LDLJYXX VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"


def _employment(row_id: int, status: str, month: str, stamp: str) -> tuple[object, ...]:
    citizen_id = ("360732198001011236", "360732198502020021", "36073219800101123X")[row_id % 3]
    return hr_employment_row(row_id, status, month, stamp, citizen_id)


def _sync(store: Store, sources: SourceSet, *, worker: bool) -> list[tuple[object, ...]]:
    chosen = sources.connectors()
    try:
        reports = sync(store, chosen, batch_size=2, map_in_process=worker)
    finally:
        for connector in chosen:
            connector.close()
    return [(r.source, name, s.__dict__) for r in reports for name, s in r.streams.items()]


def _count_workers(monkeypatch: pytest.MonkeyPatch) -> list[MapWorker]:
    """Every stream of more than one batch goes to a worker; the workers started are listed."""
    started: list[MapWorker] = []

    def start(**options: int) -> MapWorker:
        started.append(MapWorker(**options))
        return started[-1]

    monkeypatch.setattr(hub.sync, "WORKER_MIN_ROWS", 1)
    monkeypatch.setattr(hub.sync, "MapWorker", start)
    return started


def test_worker_and_in_process_mapping_store_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started = _count_workers(monkeypatch)
    sources = empty_sources(tmp_path / "sources")
    stores = {mode: Store.open(f"sqlite:///{tmp_path / f'{mode}.db'}") for mode in ("worker", "here")}
    rounds = [
        [_employment(i, ("11", "77", "12")[i % 3], f"2024{i % 12 + 1:02d}", f"202402050900{i:02d}") for i in range(9)],
        [_employment(20, "11", "202403", "20240305090000"), _employment(2, "11", "202401", "20240306090000")],
    ]
    try:
        for rows in rounds:
            with sqlite3.connect(sources.folder / "hr.db") as connection:
                connection.executemany("INSERT OR REPLACE INTO JY_LDLJYXX VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
            reports = {mode: _sync(store, sources, worker=mode == "worker") for mode, store in stores.items()}
            assert reports["worker"] == reports["here"]
            assert stores["worker"].digest() == stores["here"].digest()
    finally:
        for store in stores.values():
            store.close()
    assert len(started) == len(rounds)
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("worker", [True, False])
def test_an_error_in_the_worker_fails_the_sync_as_it_would_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, worker: bool
) -> None:
    started = _count_workers(monkeypatch)
    sources = empty_sources(tmp_path / "sources")
    rows = [_employment(i, "11", "202401", f"202402050900{i:02d}") for i in range(5)]
    rows.append(_employment(9, "11", "202401", "20249999999999"))  # not a time: the row cannot be placed
    with sqlite3.connect(sources.folder / "hr.db") as connection:
        connection.executemany(INSERT, rows)
    store = Store.open(f"sqlite:///{tmp_path / 'store.db'}")
    try:
        with pytest.raises(Invalid, match="20249999999999"):
            _sync(store, sources, worker=worker)
        assert store.cursor("hr", "JY_LDLJYXX") is not None  # the batches before the bad one were committed
    finally:
        store.close()
    assert len(started) == int(worker)
    assert multiprocessing.active_children() == []
