"""A sync commits its batches in groups: what a failure loses, and that the next sync still ends clean."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

import hub.sync
from graph.ingest import BatchWriter
from graph.store import Store
from tests.support.sources import SourceSet, empty_sources, hr_employment_row, sync_sources

PEOPLE = ("360732198001011236", "360732198001011252", "36073219900303003X")


def _sources(folder: Path) -> SourceSet:
    sources = empty_sources(folder)
    rows = [
        hr_employment_row(i, "11", f"2024{i % 12 + 1:02d}", f"202402050900{i:02d}", PEOPLE[i % 3]) for i in range(12)
    ]
    with sqlite3.connect(sources.folder / "hr.db") as connection:
        connection.executemany("INSERT INTO JY_LDLJYXX VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    return sources


def _reports(store: Store) -> int:
    with store.engine.connect() as connection:
        return connection.execute(text("SELECT COUNT(*) FROM employment_reports")).scalar_one()


def _sync(store: Store, sources: SourceSet) -> None:
    sync_sources(store, sources, batch_size=2, map_in_process=False)


def test_a_write_failing_mid_group_keeps_the_last_commit_and_the_next_sync_ends_clean(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches of 2 rows, a commit every 5 rows (after the third batch); the fifth batch's write fails.

    The fourth batch, written but not committed, goes with it: the store holds the first six rows and the
    cursor of the sixth, and the next sync reads on from there to the same store a clean sync builds.
    """
    sources = _sources(tmp_path / "sources")
    monkeypatch.setattr(hub.sync, "COMMIT_ROWS", 5)
    written = BatchWriter._upsert
    calls = {"employment": 0}

    def failing_fifth(self: BatchWriter, connection: object, part: object) -> None:
        if part.table == "JY_LDLJYXX":  # type: ignore[attr-defined]
            calls["employment"] += 1
            if calls["employment"] == 5:
                raise OSError("disk full")
        written(self, connection, part)  # type: ignore[arg-type]

    broken = Store.open(f"sqlite:///{tmp_path / 'broken.db'}")
    with monkeypatch.context() as patch:
        patch.setattr(BatchWriter, "_upsert", failing_fifth)
        with pytest.raises(OSError, match="disk full"):
            _sync(broken, sources)
    assert _reports(broken) == 6
    assert broken.cursor("hr", "JY_LDLJYXX") == "20240205090005"

    _sync(broken, sources)
    clean = Store.open(f"sqlite:///{tmp_path / 'clean.db'}")
    _sync(clean, sources)
    assert broken.digest() == clean.digest()
    assert _reports(broken) == 12


def test_batches_of_a_group_are_not_seen_by_other_connections_until_committed(tmp_path: Path) -> None:
    """A reader (the API during a sync) sees whole groups: nothing of the open transaction."""
    sources = _sources(tmp_path / "sources")
    store = Store.open(f"sqlite:///{tmp_path / 'store.db'}")
    (connector,) = [c for c in sources.connectors() if c.name == "hr"]
    (stream,) = [s for s in connector.streams() if s.name == "JY_LDLJYXX"]
    writer = BatchWriter(store.engine, store.start_run(["hr"]), commit_rows=1000)
    try:
        for batch in hub.sync.mapped_batches(stream, None, batch_size=4, prepare=writer.prepare):
            writer.write(batch, had_cursor=False)
        assert _reports(store) == 0
        assert store.cursor("hr", "JY_LDLJYXX") is None
        writer.commit()
        assert _reports(store) == 12
        assert store.cursor("hr", "JY_LDLJYXX") == "20240205090011"
    finally:
        writer.abandon()
        connector.close()
