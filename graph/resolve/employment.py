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

from sqlalchemy import Connection, TextClause, bindparam, text

from graph.store import schema

# The months' winners come in two disjoint parts, each ranked on its own (cheaper than ranking the union
# with a tier column: the follow-ups of people HR reports on are never sorted). Everyone HR reports on
# takes HR's latest record of the month; in a month HR reports nobody twice (the usual month) no ranking
# is needed at all. Everyone else takes the latest follow-up, ties broken by the caliber's precedence.
# The months go in as few statements as the sort's temporary space allows (ROWS_PER_STATEMENT), each sorted
# by the table's key: rows appended in key order fill the clustered table page after page, where a month at
# a time landed each month's rows all over the key (city, twelve months in one statement: 25–30 s → 14 s).
_REPORTED_ONCE = """
SELECT {columns_r} FROM employment_reports WHERE period IN :once
"""

_REPORTED_RANKED = """
SELECT {columns} FROM (
    SELECT {columns_r},
           ROW_NUMBER() OVER (
               PARTITION BY citizen_id, period
               ORDER BY source_updated_at DESC, LENGTH(source_key) DESC, source_key DESC
           ) AS choice
    FROM employment_reports WHERE period IN :twice
) AS reported WHERE choice = 1
"""

_VISITED = """
SELECT {columns} FROM (
    SELECT citizen_id, period, status, income, NULL AS employer_credit_code, employer_name, returned,
           source, source_table, source_key,
           ROW_NUMBER() OVER (
               PARTITION BY citizen_id, period
               ORDER BY visit_date DESC, CASE {ranks} ELSE 99 END, LENGTH(source_key) DESC, source_key DESC
           ) AS choice
    FROM followups AS f
    WHERE period IN :periods
      AND NOT EXISTS (SELECT 1 FROM employment_reports AS r WHERE r.citizen_id = f.citizen_id AND r.period = f.period)
) AS visited WHERE choice = 1
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

ROWS_PER_STATEMENT = 8_000_000
"""How many of HR's reports the months of one resolving statement may hold, at most (unless one month has more).

The statement sorts its months' rows, spilling to temporary files beyond the connection's cache: about
2 GB for 8 million rows. A province's fourteen months in one statement needed more than 5 GB of them on
top of the WAL; in groups of four or five months, a quarter of that.
"""

_COLUMNS = (
    "citizen_id, period, status, income, employer_credit_code, employer_name, returned, "
    "source, source_table, source_key"
)

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
    if not periods:
        return
    twice = _reported_twice(connection, periods)
    connection.execute(
        text("DELETE FROM employment WHERE period IN :periods").bindparams(bindparam("periods", expanding=True)),
        {"periods": periods},
    )
    for group in _month_groups(connection, periods):
        connection.execute(*_winners(connection.dialect.name, followup_precedence, group, twice))
    for period in periods:
        people = disagreeing(period) if disagreeing else disagreeing_people(connection, period)
        _record_status_conflicts(connection, period, people)


def _winners(
    dialect: str, followup_precedence: list[str], months: set[str], twice: set[str]
) -> tuple[TextClause, dict[str, list[str]]]:
    """The statement inserting these months' winners in the table's key order, with its parameters.

    ``twice``: the months in which HR reports someone more than once (their reports are ranked).
    """
    false = "false" if dialect == "postgresql" else "0"
    columns_r = _COLUMNS.replace("returned", f"{false} AS returned")
    ranks = " ".join(f"WHEN source = '{name}' THEN {rank}" for rank, name in enumerate(followup_precedence))
    bound = {"periods": sorted(months), "once": sorted(months - twice), "twice": sorted(months & twice)}
    parts = {"periods": _VISITED.format(columns=_COLUMNS, ranks=ranks or "WHEN 1 = 0 THEN 0")}
    if bound["once"]:
        parts["once"] = _REPORTED_ONCE.format(columns_r=columns_r)
    if bound["twice"]:
        parts["twice"] = _REPORTED_RANKED.format(columns=_COLUMNS, columns_r=columns_r)
    union = " UNION ALL ".join(parts.values())
    statement = text(
        f"INSERT INTO employment ({_COLUMNS}) SELECT {_COLUMNS} FROM ({union}) AS winners ORDER BY citizen_id, period"
    ).bindparams(*(bindparam(name, expanding=True) for name in parts))
    return statement, {name: bound[name] for name in parts}


def _month_groups(connection: Connection, periods: list[str]) -> list[set[str]]:
    """The months in consecutive groups of at most :data:`ROWS_PER_STATEMENT` reports (read off the period index)."""
    counted = text(
        "SELECT period, COUNT(*) FROM employment_reports WHERE period IN :periods GROUP BY period"
    ).bindparams(bindparam("periods", expanding=True))
    reports = dict(connection.execute(counted, {"periods": periods}).all())
    groups: list[set[str]] = [set()]
    size = 0
    for period in sorted(periods):
        count = reports.get(period, 0)
        if groups[-1] and size + count > ROWS_PER_STATEMENT:
            groups.append(set())
            size = 0
        groups[-1].add(period)
        size += count
    return groups


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
