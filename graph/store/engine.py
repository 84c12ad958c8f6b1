"""Opening the store: one engine per URL, SQLite tuned for bulk ingest, schema migrated to head."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url

MIGRATIONS = Path(__file__).with_name("migrations")

PAGE_SIZE = 16384
"""The page size of a new SQLite store, in bytes: four times SQLite's default.

A store is written and read in bulk (loads, index builds, the resolution's sorted insert, the rules' scans):
larger pages mean fewer pages to split, log and look up. City rows copied into an empty store and indexed,
without Python: 31.6 s with 4 KB pages, 26.0 s with 16 KB (32 KB and 64 KB gain little more). Point
reads of the API read a larger page, which costs little against the B-tree levels it saves.
"""


def create_store_engine(url: str) -> Engine:
    """An engine for the store; SQLite gets WAL (readers keep reading while a sync writes)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        options = {}
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
            # Hand out the connection returned last: its page cache is warm. In turn (the pool's default),
            # each connection would find its cache stale after the other's commit and read its pages again.
            options["pool_use_lifo"] = True
        engine = create_engine(url, connect_args={"timeout": 60}, **options)
        event.listen(engine, "connect", _tune_sqlite)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _tune_sqlite(dbapi_connection: object, _record: object) -> None:
    """WAL and a 200 MB page cache per connection; temporary data (sorts, index builds) on disk.

    Temporary tables (DISTINCT, UNION, materialized CTEs) stay on disk (``temp_store=FILE``): they are as
    large as their input, so in memory they grow a process with the data (a province sync's writer reached
    3.3 GB), while on disk they cost no more time (docs/benchmarks.md, "Sync").
    """
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute(f"PRAGMA page_size={PAGE_SIZE}")  # a new store's only: an existing one keeps its own
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA cache_size=-200000")
    cursor.execute("PRAGMA temp_store=FILE")
    cursor.execute("PRAGMA wal_autocheckpoint=20000")
    cursor.close()


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine) -> None:
    """Bring the store's schema to the latest migration (creating it on first use)."""
    command.upgrade(alembic_config(engine), "head")


def is_initialized(engine: Engine) -> bool:
    return inspect(engine).has_table("alembic_version")
