"""``person_months``: each person's employed and followed-up months of a year, as two bit masks.

Recomputed a year at a time from ``employment`` (the unified statuses, so after them, in the same
transaction) and ``followups``: the year's rows are deleted, then two grouped inserts write them again.
Each reads its table in (citizen_id, period) order, so grouping by person streams without a sort: on
SQLite ``employment`` through its primary key (it is WITHOUT ROWID; by the period index SQLite would
fetch every row of the year at random) and ``followups`` through ``ix_followups_person_period``, which
holds both columns. A month's bit is ``1 << (month - 1)``; a person has one status a month, so summing
the bits of the employed months is their OR, and a month's several follow-ups count once
(``SUM(DISTINCT ...)``: distinct powers of two sum to their OR).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, bindparam, text

from graph.caliber import load_caliber

_BIT = "1 << (CAST(SUBSTR({period}, 6, 2) AS INTEGER) - 1)"

_EMPLOYED = """
INSERT INTO person_months (citizen_id, year, employed, visited)
SELECT e.citizen_id, CAST(:year AS INTEGER), SUM({bit}), 0
FROM employment e {by_key}
WHERE e.period >= :first AND e.period <= :last AND e.status IN :employed{only_e}
GROUP BY e.citizen_id
"""

_VISITED = """
INSERT INTO person_months (citizen_id, year, employed, visited)
SELECT f.citizen_id, CAST(:year AS INTEGER), 0, SUM(DISTINCT {bit})
FROM followups f {by_person}
WHERE f.period >= :first AND f.period <= :last{only_f}
GROUP BY f.citizen_id
ON CONFLICT (citizen_id, year) DO UPDATE SET visited = excluded.visited
"""

_SPAN = "SELECT MIN(period) FROM {table}", "SELECT MAX(period) FROM {table}"


def refresh_person_months(connection: Connection, years: Iterable[int] | None, *, person: str | None = None) -> None:
    """Recompute ``person_months`` for those years (``None``: every year, the table rebuilt from scratch).

    ``person``: only that person's rows of those years (a follow-up submitted between syncs).
    """
    if person is not None:
        assert years is not None, "one person's rows are refreshed for given years"
    if years is None:
        connection.execute(text("DELETE FROM person_months"))
        chosen = _years_present(connection)
    else:
        chosen = sorted(set(years))
    if not chosen:
        return
    employed = text(
        _EMPLOYED.format(
            bit=_BIT.format(period="e.period"),
            by_key=_hint(connection, "employment", "sqlite_autoindex_employment_1"),
            only_e="" if person is None else " AND e.citizen_id = :person",
        )
    ).bindparams(bindparam("employed", value=list(load_caliber().employed_statuses()), expanding=True))
    visited = text(
        _VISITED.format(
            bit=_BIT.format(period="f.period"),
            by_person=_hint(connection, "followups", "ix_followups_person_period"),
            only_f="" if person is None else " AND f.citizen_id = :person",
        )
    )
    for year in chosen:
        params = {"year": year, "first": f"{year:04d}-01", "last": f"{year:04d}-12", "person": person}
        if person is not None:
            connection.execute(text("DELETE FROM person_months WHERE year = :year AND citizen_id = :person"), params)
        elif years is not None:
            connection.execute(text("DELETE FROM person_months WHERE year = :year"), params)
        connection.execute(employed, params)
        connection.execute(visited, params)


def _hint(connection: Connection, table: str, index: str) -> str:
    """SQLite's ``INDEXED BY`` that index of the table if the store has it, else nothing (PostgreSQL plans well alone).

    A killed first load may leave ``ix_followups_person_period`` dropped until the next open rebuilds it,
    and a migration runs before that; without it the statement still works, only slower.
    """
    if connection.dialect.name != "sqlite":
        return ""
    found = connection.execute(
        text("SELECT 1 FROM pragma_index_list(:table) WHERE name = :index"), {"table": table, "index": index}
    ).first()
    return f"INDEXED BY {index}" if found else ""


def _years_present(connection: Connection) -> list[int]:
    """Every year from the first month either table holds to the last (each bound read off an index)."""
    bounds = [
        connection.execute(text(query.format(table=table))).scalar()
        for table in ("employment", "followups")
        for query in _SPAN
    ]
    found = [int(period[:4]) for period in bounds if period]
    return list(range(min(found), max(found) + 1)) if found else []
