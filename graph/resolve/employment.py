"""The unified monthly employment status, by CALIBER.md's precedence, and the disagreements behind it.

HR is authoritative for the months it reports (its latest record of the month); otherwise the latest
follow-up of the month decides (latest visit date; on a tie the source ranked first by the caliber's
precedence). Every department's statement stays in ``employment_reports`` and ``followups``; where they
disagree on a person's status in a month, a conflict keeps all of them side by side.
"""

from __future__ import annotations

import json
from collections import defaultdict

from sqlalchemy import Connection, bindparam, text

from graph.store import schema

_RANKED = """
SELECT citizen_id, period, status, income, employer_credit_code, employer_name, returned,
       source, source_table, source_key,
       ROW_NUMBER() OVER (
           PARTITION BY citizen_id, period
           ORDER BY tier, updated_at DESC, visit_date DESC, source_rank, LENGTH(source_key) DESC, source_key DESC
       ) AS choice
FROM (
    SELECT citizen_id, period, status, income, employer_credit_code, employer_name, {false} AS returned,
           source, source_table, source_key, 0 AS tier, source_updated_at AS updated_at,
           NULL AS visit_date, 0 AS source_rank
    FROM employment_reports WHERE period = :period
    UNION ALL
    SELECT citizen_id, period, status, income, NULL, employer_name, returned,
           source, source_table, source_key, 1, NULL, visit_date,
           CASE {ranks} ELSE 99 END
    FROM followups WHERE period = :period
) AS statements
"""

_DISAGREEMENTS = """
SELECT DISTINCT r.citizen_id FROM employment_reports r
JOIN followups f ON f.citizen_id = r.citizen_id AND f.period = r.period
WHERE r.period = :period AND f.status <> r.status
"""


def resolve_employment(connection: Connection, periods: list[str], followup_precedence: list[str]) -> None:
    """Recompute the unified status and the status conflicts of the given months."""
    false = "false" if connection.dialect.name == "postgresql" else "0"
    ranks = " ".join(f"WHEN source = '{name}' THEN {rank}" for rank, name in enumerate(followup_precedence))
    ranked = _RANKED.format(false=false, ranks=ranks or "WHEN 1 = 0 THEN 0")
    columns = (
        "citizen_id, period, status, income, employer_credit_code, employer_name, returned, "
        "source, source_table, source_key"
    )
    for period in periods:
        connection.execute(text("DELETE FROM employment WHERE period = :period"), {"period": period})
        connection.execute(
            text(f"INSERT INTO employment ({columns}) SELECT {columns} FROM ({ranked}) AS r WHERE choice = 1"),
            {"period": period},
        )
        _record_status_conflicts(connection, period)


def _record_status_conflicts(connection: Connection, period: str) -> None:
    conflicts = schema.Conflict.__table__
    connection.execute(
        conflicts.delete().where(conflicts.c.element == "employment_status", conflicts.c.period == period)
    )
    people = [row[0] for row in connection.execute(text(_DISAGREEMENTS), {"period": period})]
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
