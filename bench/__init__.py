"""Benchmarks; figures go into docs/benchmarks.md by hand, as measured."""

from pathlib import Path


def remove_sqlite_store(path: Path) -> None:
    """Delete a SQLite database with its WAL and shared-memory files, if there."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
