"""The same sources loaded into PostgreSQL, from the same DDL, and extended there by upserts."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import psycopg
import pytest

from synth import generate
from synth.schema import statements

pytestmark = pytest.mark.postgres


def _rows(connection: sqlite3.Connection | psycopg.Connection, table: str) -> list[tuple[object, ...]]:
    return sorted((tuple(row) for row in connection.execute(f"SELECT * FROM {table}").fetchall()), key=repr)


def test_postgres_holds_exactly_the_sqlite_rows_after_an_extension(
    tmp_path: Path, new_postgres_database: Callable[[str], str]
) -> None:
    urls = {source: new_postgres_database(source) for source in ("hr", "poverty", "finance")}
    generate(tmp_path / "set", scale="village", seed=9, months=2, pg_urls=urls)
    summary = generate(tmp_path / "set", scale="village", seed=9, months=3, pg_urls=urls)
    assert summary.extended
    for source, url in urls.items():
        tables = [s.split()[2] for s in statements(source)]
        with (
            closing(sqlite3.connect(tmp_path / "set" / f"{source}.db")) as lite,
            psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as pg,
        ):
            for table in tables:
                assert _rows(pg, table) == _rows(lite, table), f"{source}.{table}"


def test_a_half_created_postgres_database_is_refused(
    tmp_path: Path, new_postgres_database: Callable[[str], str]
) -> None:
    url = new_postgres_database("hr")
    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as pg:
        pg.execute(statements("hr")[0])
    with pytest.raises(ValueError, match=r"has only jy_ldljyxx of .*drop them or use an empty database"):
        generate(tmp_path / "set", scale="village", seed=9, months=1, pg_urls={"hr": url})
