"""The store's SQLite connections: settings whose absence only shows at province scale."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy import text

from graph.store import Store
from graph.store.engine import PAGE_SIZE, create_store_engine


def test_temporary_data_stays_on_disk(tmp_path: Path) -> None:
    """DISTINCT, UNION and materialized CTEs build temporary tables as large as their input.

    Kept in memory (``temp_store=MEMORY``, as the store once had it) they grow the process with the data:
    one UNION over a city's follow-ups and HR records took 509 MB against 218 MB on disk, in the same time,
    and a province sync's writer reached 3.3 GB.
    """
    engine = create_store_engine(f"sqlite:///{tmp_path / 'store.db'}")
    try:
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA temp_store")).scalar_one() == 1  # FILE
            assert connection.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
    finally:
        engine.dispose()


def test_a_new_store_has_large_pages_and_an_existing_store_keeps_its_own(tmp_path: Path) -> None:
    """16 KB pages for a new store (bulk loads and scans); a store made with 4 KB pages opens and syncs as before."""
    new = Store.open(f"sqlite:///{tmp_path / 'new.db'}")
    try:
        with new.engine.connect() as connection:
            assert connection.execute(text("PRAGMA page_size")).scalar_one() == PAGE_SIZE == 16384
    finally:
        new.close()
    older = tmp_path / "older.db"
    with closing(sqlite3.connect(older)) as connection:
        connection.execute("PRAGMA page_size=4096")
        connection.execute("PRAGMA journal_mode=WAL")
    store = Store.open(f"sqlite:///{older}")
    try:
        with store.engine.begin() as connection:
            assert connection.execute(text("PRAGMA page_size")).scalar_one() == 4096
            connection.execute(text("INSERT INTO dirty_marks (kind, key) VALUES ('people', '*')"))
        with store.engine.connect() as connection:
            assert connection.execute(text("SELECT COUNT(*) FROM dirty_marks")).scalar_one() == 1
    finally:
        store.close()
