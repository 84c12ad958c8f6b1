"""A PostgreSQL store whose role may not create temporary tables still syncs, row by row.

Upserts normally go by ``COPY`` through a temporary staging table; a DBA may revoke ``TEMP`` from the
hub's role, and the sync must then end exactly as it does with it.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

from graph.store import Store
from tests.support.sources import empty_sources, hr_employment_row, sync_sources


def _without_temp(url: str) -> str:
    """The URL of a new role that owns nothing but may use the database, without ``TEMP``."""
    parsed = make_url(url)
    role = f"hub_{uuid.uuid4().hex[:8]}"
    admin = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"CREATE ROLE {role} LOGIN")
        connection.execute(f'REVOKE TEMPORARY ON DATABASE "{parsed.database}" FROM PUBLIC')
        connection.execute(f"GRANT ALL ON SCHEMA public TO {role}")
    return parsed.set(username=role).render_as_string(hide_password=False)


def test_a_role_without_temp_syncs_as_one_with_it(tmp_path: Path, new_postgres_database: Callable[[str], str]) -> None:
    sources = empty_sources(tmp_path / "sources")
    with sqlite3.connect(sources.folder / "finance.db") as connection:
        connection.executemany(
            "INSERT INTO BT_FFMX (FFPZH, SKRXM, SKRZJHM, BTXM, JEF, FFRQ, ZT, YFFPZH, CZSJ) VALUES (?,?,?,?,?,?,?,?,?)",
            [
                ("V1", "张三", "360732198001011236", "GY01", 50000, "2024/03/10", "1", None, "2024-03-10 09:00:00"),
                ("R1", "张三", "360732198001011236", "GY01", 50000, "2024/03/11", "3", "V1", "2024-03-11 09:00:00"),
            ],
        )
    with sqlite3.connect(sources.folder / "hr.db") as connection:
        connection.execute(
            "INSERT INTO JY_LDLJYXX VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            hr_employment_row(1, "11", "202401", "20240205090000"),
        )
    restricted = Store.open(_without_temp(new_postgres_database("notemp")))
    usual = Store.open(new_postgres_database("temp"))
    try:
        with restricted.engine.connect() as connection:
            assert not connection.exec_driver_sql(
                "SELECT has_database_privilege(current_database(), 'TEMPORARY')"
            ).scalar_one()
        for store in (restricted, usual):
            sync_sources(store, sources)
        with sqlite3.connect(sources.folder / "finance.db") as connection:
            connection.execute("UPDATE BT_FFMX SET SKZH = '6222000011112222', CZSJ = '2024-04-01 09:00:00'")
        for store in (restricted, usual):
            reports = sync_sources(store, sources)
            assert {r.source: r.total.updated for r in reports}["finance"] == 2
        assert restricted.counts()["payments"] == 2
        with restricted.engine.connect() as connection:
            assert not connection.exec_driver_sql("SELECT COUNT(*) FROM quarantine").scalar_one()
            effective = connection.exec_driver_sql("SELECT voucher, effective FROM payments ORDER BY 1").all()
        assert [tuple(row) for row in effective] == [("R1", False), ("V1", False)]
        assert restricted.digest() == usual.digest()
    finally:
        restricted.close()
        usual.close()
