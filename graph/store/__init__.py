"""The unified graph store (SQLAlchemy 2; SQLite by default, PostgreSQL by URL; Alembic migrations)."""

from graph.store.store import Store

__all__ = ["Store"]
