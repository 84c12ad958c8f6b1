"""The store's SQLite connections: settings whose absence only shows at province scale."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from graph.store.engine import create_store_engine


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
