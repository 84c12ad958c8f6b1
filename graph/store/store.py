"""The store as the rest of the hub sees it: open (migrated, reference data loaded), counts, digests, runs."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, func, select, text

from graph.regions import load_region_tree
from graph.store import schema
from graph.store.bulk import ensure_indexes
from graph.store.engine import create_store_engine, migrate

#: bookkeeping columns that differ between two runs that stored the same content
VOLATILE_COLUMNS = frozenset({"id", "ingest_run", "updated_at"})
BOOKKEEPING_TABLES = frozenset({"sync_runs", "sync_cursors", "alembic_version", "dirty_marks"})


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Store:
    """The unified graph store behind one SQLAlchemy URL."""

    def __init__(self, url: str, *, engine: Engine | None = None) -> None:
        self.url = url
        self.engine = engine or create_store_engine(url)

    @classmethod
    def open(cls, url: str) -> Store:
        """Open (creating and migrating as needed) the store at ``url``, with the region tree loaded."""
        store = cls(url)
        migrate(store.engine)
        ensure_indexes(store.engine)
        store._load_reference_regions()
        return store

    def close(self) -> None:
        self.engine.dispose()

    def _load_reference_regions(self) -> None:
        regions = schema.Region.__table__
        with self.engine.begin() as connection:
            if connection.execute(select(func.count()).select_from(regions)).scalar_one():
                return
            tree = load_region_tree()
            rows = [
                {"code": r.code, "name": r.name, "level": r.level, "parent_code": r.parent_code} for r in tree.regions()
            ]
            connection.execute(regions.insert(), rows)

    # --- runs and cursors ---------------------------------------------------------------------

    def start_run(self, sources: Iterable[str]) -> int:
        runs = schema.SyncRun.__table__
        with self.engine.begin() as connection:
            result = connection.execute(
                runs.insert().values(started_at=_now(), status="running", sources=",".join(sources))
            )
            return int(result.inserted_primary_key[0])

    def finish_run(self, run_id: int, status: str, stats: dict[str, Any]) -> None:
        runs = schema.SyncRun.__table__
        with self.engine.begin() as connection:
            connection.execute(
                runs.update()
                .where(runs.c.id == run_id)
                .values(finished_at=_now(), status=status, stats=json.dumps(stats, ensure_ascii=False))
            )

    def cursor(self, source: str, stream: str) -> str | None:
        cursors = schema.SyncCursor.__table__
        with self.engine.connect() as connection:
            return connection.execute(
                select(cursors.c.cursor_value).where(cursors.c.source == source, cursors.c.stream == stream)
            ).scalar_one_or_none()

    def cursors(self) -> list[dict[str, Any]]:
        cursors = schema.SyncCursor.__table__
        with self.engine.connect() as connection:
            rows = connection.execute(select(cursors).order_by(cursors.c.source, cursors.c.stream))
            return [dict(row) for row in rows.mappings()]

    # --- what is in it ------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Entity counts under the same keys as the generator's ``truth.json["counts"]``."""
        statements = {
            "households": "SELECT COUNT(*) FROM households",
            "people": "SELECT COUNT(*) FROM people WHERE registered = :yes",
            "laborers": (
                "SELECT COUNT(*) FROM people WHERE registered = :yes AND COALESCE(labor_category, '') <> 'NONE'"
            ),
            "employers": "SELECT COUNT(*) FROM employers",
            "workshops": "SELECT COUNT(*) FROM workshops",
            "payments": "SELECT COUNT(*) FROM payments",
            "followups": "SELECT COUNT(*) FROM followups WHERE source = 'poverty'",
            "ledger_rows": "SELECT COUNT(*) FROM followups WHERE source = 'ledger'",
        }
        with self.engine.connect() as connection:
            return {
                key: int(connection.execute(text(sql), {"yes": True}).scalar_one()) for key, sql in statements.items()
            }

    def table_counts(self) -> dict[str, int]:
        with self.engine.connect() as connection:
            return {
                name: int(connection.execute(select(func.count()).select_from(table)).scalar_one())
                for name, table in schema.Base.metadata.tables.items()
            }

    def analyze(self) -> None:
        """Refresh the planner's statistics after a load.

        Without them PostgreSQL plans the rules' joins over a freshly loaded store as if its tables were
        empty (one rule ran for minutes instead of under a second); SQLite samples a bounded number of
        rows per index, so this stays cheap on a large store.
        """
        with self.engine.begin() as connection:
            if self.engine.dialect.name == "sqlite":
                connection.exec_driver_sql("PRAGMA analysis_limit=1000")
            connection.exec_driver_sql("ANALYZE")

    def digest(self) -> dict[str, str]:
        """A content digest of every domain table, independent of run ids and row order."""
        digests = {}
        with self.engine.connect() as connection:
            for name, table in sorted(schema.Base.metadata.tables.items()):
                if name in BOOKKEEPING_TABLES:
                    continue
                columns = [c for c in table.columns if c.name not in VOLATILE_COLUMNS]
                hasher = hashlib.sha256()
                rows = connection.execute(select(*columns).order_by(*columns)).all()
                for row in rows:
                    hasher.update(repr(tuple(row)).encode())
                digests[name] = f"{len(rows)}:{hasher.hexdigest()[:16]}"
        return digests
