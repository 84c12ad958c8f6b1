"""Checksums of a source, to prove a read left it byte-for-byte as it was.

A SQLite source is its database file and any journal beside it; PostgreSQL is every table's row count
and an order-independent digest of its rows; a folder or file is every file's size, modification time
and content (a file's modification time can be a cursor, so touching one is a change too).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from connectors.contract.secrets import masked
from connectors.framework import open_read_only

Fingerprint = dict[str, str]
_SQLITE_SIDECARS = ("", "-journal", "-wal", "-shm")


def fingerprint(location: str) -> Fingerprint:
    """What identifies the source's content now: item (file or table) → digest."""
    if "://" in location:
        try:
            url = make_url(location)
        except ArgumentError as error:
            raise ValueError(
                f"location {masked(location)!r} is not a database URL; expected sqlite:/// or postgresql://"
            ) from error
        backend = url.get_backend_name()
        if backend == "sqlite":
            database = Path(url.database or "")
            return {
                path.name: _file_digest(path)
                for suffix in _SQLITE_SIDECARS
                if (path := database.with_name(database.name + suffix)).exists()
            }
        if backend == "postgresql":
            return _postgres_tables(location)
        raise ValueError(f"cannot checksum a {backend} source; expected SQLite or PostgreSQL, or pass a fingerprint")
    path = Path(location)
    if path.is_dir():
        return {str(file.relative_to(path)): _file_digest(file) for file in sorted(path.rglob("*")) if file.is_file()}
    if path.is_file():
        return {path.name: _file_digest(path)}
    raise ValueError(f"source {masked(location)!r} does not exist; expected a database URL, a folder or a file")


def changes(before: Fingerprint, after: Fingerprint) -> list[str]:
    """What differs, one line per item: added, removed or changed."""
    found = []
    for item in sorted(before.keys() | after.keys()):
        if item not in after:
            found.append(f"{item} disappeared")
        elif item not in before:
            found.append(f"{item} appeared")
        elif before[item] != after[item]:
            found.append(f"{item} changed ({before[item]} → {after[item]})")
    return found


def _file_digest(path: Path) -> str:
    status = path.stat()
    with path.open("rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()[:16]
    return f"{status.st_size} bytes, mtime {status.st_mtime_ns}, sha256 {digest}"


def _postgres_tables(location: str) -> Fingerprint:
    engine = open_read_only(location)
    try:
        with engine.connect() as connection:
            quote = connection.dialect.identifier_preparer.quote
            tables = connection.execute(
                text(
                    "SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
                    "AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2"
                )
            ).all()
            found = {}
            for schema, table in tables:
                count, digest = connection.execute(
                    text(
                        "SELECT count(*), coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '') "
                        f"FROM {quote(schema)}.{quote(table)} AS t"
                    )
                ).one()
                found[f"table {schema}.{table}"] = f"{count} rows, md5 {digest[:16]}"
            connection.rollback()
            return found
    finally:
        engine.dispose()
