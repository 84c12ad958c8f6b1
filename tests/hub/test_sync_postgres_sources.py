"""Departments on PostgreSQL: the generator loads the sources there and the connectors read them by URL."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from synth import generate
from tests.support.sources import SourceSet, sync_into


def test_sources_on_postgresql_sync_exactly(tmp_path: Path, new_postgres_database: Callable[[str], str]) -> None:
    urls = {name: new_postgres_database(name) for name in ("hr", "poverty", "finance")}
    generate(tmp_path / "sources", scale="village", seed=3, pg_urls=urls)
    sources = SourceSet(tmp_path / "sources")
    store, _ = sync_into(new_postgres_database("store"), sources, urls=urls)
    try:
        assert store.counts() == sources.truth["counts"]
        with store.engine.connect() as connection:
            found = {
                tuple(row)
                for row in connection.exec_driver_sql("SELECT source, source_table, source_key, fault FROM quarantine")
            }
        expected = {(b["source"], b["table"], b["key"], b["fault"]) for b in sources.truth["bad_records"]}
        assert found == expected
        again, second = sync_into(store.url, sources, urls=urls)
        assert all(r.total.inserted == r.total.updated == 0 for r in second)
        again.close()
    finally:
        store.close()
