"""The unified monthly employment status, by CALIBER.md's precedence, and the disagreements behind it.

HR is authoritative for the months it reports (its latest record of the month); otherwise the latest
follow-up of the month decides (latest visit date; on a tie the source ranked first by the caliber's
precedence). Every department's statement stays in ``employment_reports`` and ``followups``; where they
disagree on a person's status in a month, a conflict keeps all of them side by side.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable

from sqlalchemy import Connection, bindparam, text

from graph.store import schema

# The month's winners come in two disjoint parts, each ranked on its own (cheaper than ranking the union
# with a tier column: the follow-ups of people HR reports on are never sorted). Everyone HR reports on
# takes HR's latest record of the month; when HR reports nobody twice (the usual month) no ranking is
# needed at all. Everyone else takes the latest follow-up, ties broken by the caliber's precedence.
_REPORTED = """
SELECT {columns} FROM (
    SELECT citizen_id, period, status, income, employer_credit_code, employer_name, {false} AS returned,
           source, source_table, source_key,
           ROW_NUMBER() OVER (
               PARTITION BY citizen_id
               ORDER BY source_updated_at DESC, LENGTH(source_key) DESC, source_key DESC
           ) AS choice
    FROM employment_reports WHERE period = :period
) AS reported WHERE choice = 1
"""

_REPORTED_ONCE = """
SELECT citizen_id, period, status, income, employer_credit_code, employer_name, {false} AS returned,
       source, source_table, source_key
FROM employment_reports WHERE period = :period
"""

_REPORTED_TWICE = """
SELECT citizen_id FROM employment_reports WHERE period = :period GROUP BY citizen_id HAVING COUNT(*) > 1 LIMIT 1
"""

# The same for every month at once: one pass over the (citizen_id, period) index in its own order, where a
# month at a time sorts each month's reports (city, twelve months: 1 s against 4 s of CPU).
_MONTHS_REPORTED_TWICE = """
SELECT DISTINCT period FROM (
    SELECT period FROM employment_reports GROUP BY citizen_id, period HAVING COUNT(*) > 1
) AS twice
"""
MONTHS_CHECKED_AT_ONCE = 4
"""From this many months to resolve on, the months HR reports someone twice in are found in one pass."""

_VISITED = """
SELECT {columns} FROM (
    SELECT citizen_id, period, status, income, NULL AS employer_credit_code, employer_name, returned,
           source, source_table, source_key,
           ROW_NUMBER() OVER (
               PARTITION BY citizen_id
               ORDER BY visit_date DESC, CASE {ranks} ELSE 99 END, LENGTH(source_key) DESC, source_key DESC
           ) AS choice
    FROM followups AS f
    WHERE period = :period
      AND NOT EXISTS (SELECT 1 FROM employment_reports AS r WHERE r.citizen_id = f.citizen_id AND r.period = :period)
) AS visited WHERE choice = 1
"""

_DISAGREEMENTS = """
SELECT DISTINCT r.citizen_id FROM employment_reports r
JOIN followups f ON f.citizen_id = r.citizen_id AND f.period = r.period
WHERE r.period = :period AND f.status <> r.status
"""


def disagreeing_people(connection: Connection, period: str) -> list[str]:
    """The people whose follow-ups of the month state another status than HR's report (reads only facts)."""
    return [row[0] for row in connection.execute(text(_DISAGREEMENTS), {"period": period})]


def resolve_employment(
    connection: Connection,
    periods: list[str],
    followup_precedence: list[str],
    disagreeing: Callable[[str], list[str]] | None = None,
) -> None:
    """Recompute the unified status and the status conflicts of the given months.

    ``disagreeing(period)`` may hand in :func:`disagreeing_people` computed elsewhere (the resolver runs
    it on a second connection while this one writes); by default it is computed here.
    """
    false = "false" if connection.dialect.name == "postgresql" else "0"
    ranks = " ".join(f"WHEN source = '{name}' THEN {rank}" for rank, name in enumerate(followup_precedence))
    columns = (
        "citizen_id, period, status, income, employer_credit_code, employer_name, returned, "
        "source, source_table, source_key"
    )
    reported = text(f"INSERT INTO employment ({columns}) {_REPORTED.format(columns=columns, false=false)}")
    reported_once = text(f"INSERT INTO employment ({columns}) {_REPORTED_ONCE.format(false=false)}")
    visited = _VISITED.format(columns=columns, ranks=ranks or "WHEN 1 = 0 THEN 0")
    twice = _reported_twice(connection, periods)
    for period in periods:
        params = {"period": period}
        connection.execute(text("DELETE FROM employment WHERE period = :period"), params)
        connection.execute(reported if period in twice else reported_once, params)
        connection.execute(text(f"INSERT INTO employment ({columns}) {visited}"), params)
        people = disagreeing(period) if disagreeing else disagreeing_people(connection, period)
        _record_status_conflicts(connection, period, people)


def _reported_twice(connection: Connection, periods: list[str]) -> set[str]:
    """The months among ``periods`` in which HR reports someone more than once (their reports need ranking)."""
    if len(periods) >= MONTHS_CHECKED_AT_ONCE:
        return {period for (period,) in connection.execute(text(_MONTHS_REPORTED_TWICE))} & set(periods)
    return {period for period in periods if connection.execute(text(_REPORTED_TWICE), {"period": period}).first()}


def _record_status_conflicts(connection: Connection, period: str, people: list[str]) -> None:
    conflicts = schema.Conflict.__table__
    connection.execute(
        conflicts.delete().where(conflicts.c.element == "employment_status", conflicts.c.period == period)
    )
    if not people:
        return
    assertions: dict[str, list[dict[str, object]]] = defaultdict(list)
    unified: dict[str, str] = {}
    chunk = 2000
    for start in range(0, len(people), chunk):
        params = {"period": period, "people": people[start : start + chunk]}
        for table in ("employment_reports", "followups"):
            statement = text(
                f"SELECT citizen_id, source, source_table, source_key, status FROM {table} "
                "WHERE period = :period AND citizen_id IN :people"
            ).bindparams(bindparam("people", expanding=True))
            for citizen_id, source, source_table, source_key, status in connection.execute(statement, params):
                assertions[citizen_id].append(
                    {"source": source, "table": source_table, "key": source_key, "value": status}
                )
        statement = text(
            "SELECT citizen_id, status FROM employment WHERE period = :period AND citizen_id IN :people"
        ).bindparams(bindparam("people", expanding=True))
        unified.update(dict(connection.execute(statement, params).all()))
    connection.execute(
        conflicts.insert(),
        [
            {
                "subject_type": "person",
                "subject_key": citizen_id,
                "element": "employment_status",
                "period": period,
                "unified_value": unified.get(citizen_id),
                "assertions": json.dumps(
                    sorted(assertions[citizen_id], key=lambda a: (a["source"], a["key"])), ensure_ascii=False
                ),
            }
            for citizen_id in people
        ],
    )
