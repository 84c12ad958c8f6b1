"""A source row that moves to another month: the month it leaves is resolved again, as a clean sync would have it.

A department corrects a row's month (HR's report month, the poverty office's follow-up month) and stamps it with
a newer update time. The next sync upserts the fact under its new month; the unified ``employment`` of the old
month, its conflicts and the old year's ``person_months`` must not keep what the row said there.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from graph.store import Store
from tests.support.sources import SourceSet, generate, sync_into

SEED, MONTHS = 3, 12
"""A village's year, 2024-01 to 2024-12: the rows move from its last month into the next year."""

OLD, NEW = "2024-12", "2025-01"


@pytest.fixture(params=["sqlite", "postgres"])
def store_urls(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, str]:
    """Two fresh stores on one engine: the one synced incrementally and the one a clean sync fills."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}", f"sqlite:///{tmp_path / 'clean.db'}"
    new_database = request.getfixturevalue("new_postgres_database")
    return new_database("moves"), new_database("clean")


def _winner(store: Store, source: str, table: str, *, only_visit: bool = False) -> str:
    """The source key of a row that decides someone's unified status in the old month.

    ``only_visit``: of someone no other follow-up visits that month, so that the month's bit in the old
    year's ``person_months`` goes with the row.
    """
    alone = (
        " AND (SELECT COUNT(*) FROM followups f WHERE f.citizen_id = e.citizen_id AND f.period = e.period) = 1"
        if only_visit
        else ""
    )
    with store.engine.connect() as connection:
        key = connection.execute(
            text(
                "SELECT e.source_key FROM employment e WHERE e.source = :source AND e.source_table = :table "
                f"AND e.period = :period{alone} ORDER BY e.citizen_id LIMIT 1"
            ),
            {"source": source, "table": table, "period": OLD},
        ).scalar()
    assert key is not None, f"no {source} row decides a status in {OLD}: the test would prove nothing"
    return key


def _edit(sources: SourceSet, database: str, sql: str, *params: object) -> None:
    with sqlite3.connect(sources.folder / database) as connection:
        assert connection.execute(sql, params).rowcount == 1


def _rows(store: Store, sql: str, **params: object) -> list[tuple[object, ...]]:
    with store.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql), params)]


def _derived(store: Store) -> dict[str, list[tuple[object, ...]]]:
    return {
        "employment": _rows(
            store,
            "SELECT citizen_id, period, status, income, employer_credit_code, employer_name, returned, "
            "source, source_table, source_key FROM employment ORDER BY citizen_id, period",
        ),
        "person_months": _rows(
            store, "SELECT citizen_id, year, employed, visited FROM person_months ORDER BY citizen_id, year"
        ),
    }


def test_rows_moved_to_another_month_leave_the_store_as_a_clean_sync(
    tmp_path: Path, store_urls: tuple[str, str]
) -> None:
    url, clean_url = store_urls
    sources = generate(tmp_path / "sources", scale="village", seed=SEED, months=MONTHS)
    store, _ = sync_into(url, sources)
    try:
        report = _winner(store, "hr", "JY_LDLJYXX")
        followup = _winner(store, "poverty", "HFJL", only_visit=True)
        # Both departments move a row from December into January, with update times after every other row's.
        _edit(
            sources,
            "hr.db",
            "UPDATE JY_LDLJYXX SET BGYF = ?, GXSJ = ? WHERE ID = ?",
            NEW.replace("-", ""),
            "20300101090000",
            int(report),
        )
        _edit(
            sources,
            "poverty.db",
            "UPDATE HFJL SET HFYF = ?, HFRQ = ?, LRRQ = ?, XGSJ = ? WHERE ID = ?",
            NEW,
            f"{NEW}-10",
            f"{NEW}-15",
            "2030-01-01 09:00:00",
            int(followup),
        )
        again, reports = sync_into(url, sources)
        again.close()
        updated = {r.source: (r.total.updated, r.total.quarantined) for r in reports}
        assert updated["hr"][0] == 1 and updated["poverty"][0] == 1, updated
        moved = _rows(
            store,
            "SELECT source_table, source_key, period FROM employment_reports WHERE source = 'hr' AND source_key = :r "
            "UNION ALL SELECT source_table, source_key, period FROM followups "
            "WHERE source = 'poverty' AND source_key = :f ORDER BY 1",
            r=report,
            f=followup,
        )
        assert moved == [("HFJL", followup, NEW), ("JY_LDLJYXX", report, NEW)]

        clean, _ = sync_into(clean_url, sources)
        try:
            assert _derived(store) == _derived(clean)
            assert store.digest() == clean.digest()
        finally:
            clean.close()
    finally:
        store.close()
