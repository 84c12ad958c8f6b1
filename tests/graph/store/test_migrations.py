"""The migrations build exactly the schema the model declares, on both engines.

Stores are only ever created by migrating, while the writer, the bulk loader and the API read the model:
a table argument that silently replaced a mixin's (the payments' provenance uniqueness) or a migration
that names an index differently from the model would pass every other test and break a real store.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from graph.store import Store, schema
from graph.store.engine import alembic_config, create_store_engine


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    new_postgres_database: Callable[[str], str] = request.getfixturevalue("new_postgres_database")
    return new_postgres_database("migrations")


def test_a_migrated_store_has_the_models_schema(store_url: str) -> None:
    store = Store.open(store_url)
    try:
        dialect = store.engine.dialect.name
        with store.engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"include_object": lambda item, *_: _built_on(item, dialect)}
            )
            differences = compare_metadata(context, schema.Base.metadata)
    finally:
        store.close()
    assert differences == []


def _built_on(item: object, dialect: str) -> bool:
    """Whether the model builds this object on that engine (some indexes are declared for SQLite only)."""
    condition = getattr(item, "_ddl_if", None)
    return condition is None or condition.dialect in (None, dialect)


def test_the_provenance_indexes_lead_with_the_key_and_keep_the_rows(store_url: str) -> None:
    """Upgrading a store at 0009 renames and reorders the five provenance indexes; rows and uniqueness stay."""
    engine = create_store_engine(store_url)
    try:
        command.upgrade(alembic_config(engine), "0009")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO followups (id, citizen_id, period, visit_date, status, returned, source, "
                    "source_table, source_key, ingest_run) VALUES (1, '360101199001011234', '2024-01', "
                    "'2024-01-05', 'EMPLOYED_LOCAL', false, 'poverty', 'HFJL', 'F1', 1)"
                )
            )
        command.upgrade(alembic_config(engine), "head")
        inspector = inspect(engine)
        for table in ("employment_reports", "followups", "job_postings", "placements", "trainings"):
            unique = [index for index in inspector.get_indexes(table) if index["unique"]]
            assert [(index["name"], index["column_names"]) for index in unique] == [
                (f"uq_{table}_provenance", ["source_key", "source_table", "source"])
            ]
        with engine.connect() as connection:
            assert connection.execute(text("SELECT source_key FROM followups")).scalars().all() == ["F1"]
            with pytest.raises(Exception, match=r"(?i)unique"):
                connection.execute(
                    text(
                        "INSERT INTO followups (id, citizen_id, period, visit_date, status, returned, source, "
                        "source_table, source_key, ingest_run) VALUES (2, '360101199001011234', '2024-02', "
                        "'2024-02-05', 'EMPLOYED_LOCAL', false, 'poverty', 'HFJL', 'F1', 1)"
                    )
                )
    finally:
        engine.dispose()
